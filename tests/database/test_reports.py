"""The tally grouped in SQL equals the core's tally over the same contacts."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from database.reports import tally_in_database
from database.repository import ContactRepository
from skranke.contact import Contact
from skranke.report import Filters, Period, tally
from tests.unit.test_report import contacts_strategy, filters_strategy, periods


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    contacts=st.lists(contacts_strategy, max_size=40, unique_by=lambda c: c.id),
    period=periods,
    filters=filters_strategy,
)
def test_the_sql_tally_equals_the_core_tally(
    repository: ContactRepository, contacts: list[Contact], period: Period, filters: Filters
) -> None:
    with repository.database.engine.begin() as conn:  # hypothesis reuses the fixture
        for table in ("handout_hour", "contact_hour", "contact_handout", "contact"):
            conn.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608 - constant names
    repository.add_many(contacts)
    expected = tally(repository.between(*period.utc_bounds()), period, filters)
    assert tally_in_database(repository, period, filters) == expected
    assert expected == tally(contacts, period, filters)


def test_an_empty_period(repository: ContactRepository) -> None:
    period = Period.year(2026)
    assert tally_in_database(repository, period) == tally([], period)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    contacts=st.lists(contacts_strategy, min_size=1, max_size=30, unique_by=lambda c: c.id),
    data=st.data(),
)
def test_voiding_later_keeps_the_summaries_right(
    repository: ContactRepository, contacts: list[Contact], data: st.DataObject
) -> None:
    with repository.database.engine.begin() as conn:
        for table in ("handout_hour", "contact_hour", "contact_handout", "contact"):
            conn.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608 - constant names
    repository.add_many(contacts)
    for contact in data.draw(st.lists(st.sampled_from(contacts), max_size=10)):
        repository.void(contact.id)  # twice for some: the second changes nothing
    period = Period.custom(date(2000, 1, 1), date(2100, 1, 1))
    expected = tally(repository.between(*period.utc_bounds()), period, Filters())
    assert tally_in_database(repository, period) == expected
