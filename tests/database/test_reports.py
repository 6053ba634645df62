"""The tally from the summaries and the contacts equals the core's tally over the same contacts,
for every period (whole years and months, days left over, summer-time days) and every filter,
also after voids; and the summaries kept one contact at a time equal a fresh count. On SQLite
and on PostgreSQL (tests/database/conftest.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from database.reports import Pieces, cut, fewer_rows, tally_in_database
from database.repository import ContactRepository
from database.summaries import TABLES, SummaryChanges, count_in, stored
from skranke.contact import Contact
from skranke.report import Filters, Period, tally
from tests.unit.test_report import FALL_BACK, contacts_strategy, filters_strategy, periods

_EMPTIED = (*(table.name for table in TABLES), "contact_handout", "contact")
# Periods made of whole years and months with days left over at either end, or none.
_long_periods = st.sampled_from(
    [
        Period.custom(date(2025, 12, 15), date(2027, 1, 10)),  # a year, two ends
        Period.custom(date(2026, 3, 1), date(2026, 10, 31)),  # months only
        Period.custom(date(2026, 3, 29), date(2026, 10, 25)),  # from and to summer-time days
        Period.custom(date(2026, 2, 28), date(2026, 4, 1)),  # one month and two single days
        Period.custom(date(2000, 1, 1), date(2100, 1, 1)),
        Period.month(FALL_BACK),
        Period.custom(date(2026, 3, 5), date(2026, 10, 27)),  # two months less a few days
        Period.custom(date(2026, 10, 3), date(2026, 10, 28)),  # a month less both ends
    ]
)
_examples = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _empty(repository: ContactRepository) -> None:
    with repository.database.engine.begin() as conn:  # hypothesis reuses the fixture
        for table in _EMPTIED:
            conn.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608 - constant names


def _fresh(contacts: list[Contact]) -> dict[str, dict[tuple[object, ...], int]]:
    """The summary rows counted afresh from the live contacts."""
    changes = SummaryChanges()
    count_in(changes, [c for c in contacts if not c.voided], +1)
    return changes.nonzero()


@_examples
@given(
    contacts=st.lists(contacts_strategy, max_size=40, unique_by=lambda c: c.id),
    period=periods | _long_periods,
    filters=filters_strategy,
)
def test_the_sql_tally_equals_the_core_tally(
    repository: ContactRepository, contacts: list[Contact], period: Period, filters: Filters
) -> None:
    _empty(repository)
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
    period=periods | _long_periods,
    filters=filters_strategy,
    data=st.data(),
)
def test_voiding_later_keeps_the_summaries_right(
    repository: ContactRepository,
    contacts: list[Contact],
    period: Period,
    filters: Filters,
    data: st.DataObject,
) -> None:
    _empty(repository)
    repository.add_many(contacts)
    voided = data.draw(st.lists(st.sampled_from(contacts), max_size=10))
    repository.void_many([c.id for c in voided[:3]])  # several in one transaction
    for contact in voided[3:]:
        repository.void(contact.id)  # twice for some: the second changes nothing
    everything = repository.between(
        datetime(1970, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC), include_voided=True
    )
    expected = tally(everything, period, filters)
    assert tally_in_database(repository, period, filters) == expected
    with repository.database.engine.connect() as conn:
        assert stored(conn) == _fresh(everything)


def test_a_period_is_cut_into_years_months_and_days_left_over() -> None:
    pieces = cut(Period.custom(date(2025, 12, 15), date(2027, 2, 3)))
    assert pieces.spans == [("year", date(2026, 1, 1)), ("month", date(2027, 1, 1))]
    assert pieces.loose == [
        (date(2025, 12, 15), date(2025, 12, 31)),
        (date(2027, 2, 1), date(2027, 2, 3)),
    ]
    assert cut(Period.year(2026)).loose == []
    assert cut(Period.day(FALL_BACK)).spans == []


def test_a_period_is_read_from_fewer_rows_by_taking_off_what_lies_outside() -> None:
    # 15 Jan - 20 Nov: the year less December, less 1-14 January and 21-30 November.
    fewer = fewer_rows(cut(Period.custom(date(2026, 1, 15), date(2026, 11, 20))))
    assert fewer.spans == [("year", date(2026, 1, 1))]
    assert fewer.less_spans == [("month", date(2026, 12, 1))]
    assert fewer.loose == []
    assert fewer.less == [
        (date(2026, 1, 1), date(2026, 1, 14)),
        (date(2026, 11, 21), date(2026, 11, 30)),
    ]
    # A week is fewer days than the rest of its month; a run across two months is cut there.
    week = Period.week(date(2026, 5, 5))
    assert fewer_rows(cut(week)) == Pieces(loose=[(week.first, week.last)])
    across = fewer_rows(cut(Period.custom(date(2026, 1, 3), date(2026, 2, 10))))
    assert across.spans == [("month", date(2026, 1, 1))]
    assert across.less == [(date(2026, 1, 1), date(2026, 1, 2))]
    assert across.loose == [(date(2026, 2, 1), date(2026, 2, 10))]
    # Seven months stay seven months.
    seven = fewer_rows(cut(Period.custom(date(2026, 3, 1), date(2026, 9, 30))))
    assert len(seven.spans) == 7
    assert seven.less_spans == []
