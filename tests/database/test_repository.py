"""The repository stores and returns domain objects; tallies match the core's count."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from database.errors import ContactNotFoundError, DatabaseLockedError
from database.repository import ContactRepository
from skranke.clock import LOCAL_TZ, local_day_bounds
from skranke.contact import Contact, ContactChoice, Handout, make_contacts
from skranke.tally import tally_contacts
from skranke.vocabulary import Vocabulary
from tests.helpers import write_lock

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def _contact(vocabulary: Vocabulary, when: datetime = NOW, **choice: object) -> Contact:
    options: dict[str, object] = {
        "channel": "phone",
        "area": "mitid",
        "outcome": "assisted_self_service",
    }
    options.update(choice)
    (contact,) = make_contacts(
        ContactChoice(**options),  # type: ignore[arg-type]
        vocabulary,
        desk="Skranke 1",
        municipality_code="165",
        now=when,
    )
    return contact


def test_every_field_round_trips(repository: ContactRepository, vocabulary: Vocabulary) -> None:
    contact = replace(
        _contact(vocabulary, readiness="can_learn", on_behalf=True, requester="association"),
        duration_seconds=125,
        note="æøå ÆØÅ – henvist til UDK",
    )
    repository.add(contact)
    stored = repository.get(contact.id)
    assert stored == contact
    assert stored is not None
    assert stored.logged_at.tzinfo is not None
    assert stored.logged_at.utcoffset() == timedelta(0)


def test_times_are_stored_in_utc(
    repository: ContactRepository, vocabulary: Vocabulary, db_path: Path
) -> None:
    copenhagen = datetime(2026, 7, 1, 10, 0, tzinfo=LOCAL_TZ)  # summer time, UTC+2
    contact = _contact(vocabulary, copenhagen)
    repository.add(contact)
    raw = sqlite3.connect(db_path).execute("SELECT logged_at FROM contact").fetchone()[0]
    assert raw.startswith("2026-07-01 08:00:00")
    stored = repository.get(contact.id)
    assert stored is not None
    assert stored.logged_at == copenhagen


def test_void_keeps_the_row_and_the_first_timestamp(
    repository: ContactRepository, vocabulary: Vocabulary
) -> None:
    contact = _contact(vocabulary)
    repository.add(contact)
    first = repository.void(contact.id, NOW + timedelta(minutes=1))
    again = repository.void(contact.id, NOW + timedelta(minutes=5))
    assert first.voided_at == again.voided_at == NOW + timedelta(minutes=1)
    start, end = NOW - timedelta(hours=1), NOW + timedelta(hours=1)
    assert repository.between(start, end) == []
    assert repository.between(start, end, include_voided=True) == [again]


def test_voiding_an_unknown_contact_says_so(repository: ContactRepository) -> None:
    with pytest.raises(ContactNotFoundError):
        repository.void(uuid.uuid4())


def test_a_batch_is_all_or_nothing(repository: ContactRepository, vocabulary: Vocabulary) -> None:
    first = _contact(vocabulary)
    repository.add(first)
    with pytest.raises(Exception, match=r"(?i)unique|constraint"):
        repository.add_many([_contact(vocabulary), first])  # the second collides
    day = local_day_bounds(date(2026, 11, 22))
    assert repository.between(*day) == [first]


def test_between_filters_and_orders(repository: ContactRepository, vocabulary: Vocabulary) -> None:
    early = _contact(vocabulary, NOW)
    late = _contact(vocabulary, NOW + timedelta(minutes=3))
    other_desk = replace(_contact(vocabulary, NOW + timedelta(minutes=1)), desk="Skranke 2")
    repository.add_many([late, early, other_desk])
    start, end = NOW, NOW + timedelta(minutes=10)
    assert repository.between(start, end, desk="Skranke 1") == [early, late]
    assert repository.between(start, end, newest_first=True, limit=2) == [late, other_desk]
    assert repository.between(NOW + timedelta(minutes=3), end) == [late]  # start inclusive
    assert repository.between(start, NOW + timedelta(minutes=3)) == [early, other_desk]


def test_area_usage_counts_live_contacts(
    repository: ContactRepository, vocabulary: Vocabulary
) -> None:
    contacts = [_contact(vocabulary, area="passport") for _ in range(3)]
    contacts.append(_contact(vocabulary, area="mitid"))
    repository.add_many(contacts)
    repository.void(contacts[0].id)
    assert repository.area_usage(NOW - timedelta(days=1)) == {"passport": 2, "mitid": 1}


def test_a_locked_database_refuses_a_write_and_loses_nothing(
    repository: ContactRepository, vocabulary: Vocabulary, db_path: Path
) -> None:
    kept = _contact(vocabulary)
    repository.add(kept)
    refused = _contact(vocabulary)
    with write_lock(db_path), pytest.raises(DatabaseLockedError):
        repository.add(refused)
    day = local_day_bounds(date(2026, 11, 22))
    assert repository.between(*day) == [kept]
    repository.add(refused)  # once the other program lets go, the same contact is stored
    assert {c.id for c in repository.between(*day)} == {kept.id, refused.id}


# Days around the summer-time changes of 2026 (29 March, 25 October) and ordinary ones.
DAYS = [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30), date(2026, 10, 25)]
moments = st.builds(
    lambda day, minutes: (
        datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(minutes=minutes - 180)
    ),
    st.sampled_from(DAYS),
    st.integers(min_value=0, max_value=29 * 60),
)
entries = st.lists(
    st.tuples(
        moments,
        st.sampled_from(["phone", "in_person", "chat"]),
        st.sampled_from(["handled_by_staff", "assisted_self_service"]),
        st.sampled_from(["Skranke 1", "Skranke 2"]),
        st.booleans(),
    ),
    max_size=30,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=entries, day=st.sampled_from(DAYS))
def test_the_day_tally_equals_counting_by_hand(
    repository: ContactRepository, vocabulary: Vocabulary, entries: list, day: date
) -> None:
    with repository.database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM contact")  # hypothesis reuses the fixture
    contacts = []
    for when, channel, outcome, desk, voided in entries:
        contact = replace(_contact(vocabulary, when, channel=channel, outcome=outcome), desk=desk)
        contacts.append(contact.void(when) if voided else contact)
    repository.add_many(contacts)
    start, end = local_day_bounds(day)
    in_day = [c for c in contacts if start <= c.logged_at < end]
    assert repository.day_tally(day) == tally_contacts(in_day)
    at_desk = [c for c in in_day if c.desk == "Skranke 1"]
    assert repository.day_tally(day, desk="Skranke 1") == tally_contacts(at_desk)


def test_local_days_are_23_and_25_hours_when_summer_time_changes() -> None:
    spring = local_day_bounds(date(2026, 3, 29))
    autumn = local_day_bounds(date(2026, 10, 25))
    assert spring[1] - spring[0] == timedelta(hours=23)
    assert autumn[1] - autumn[0] == timedelta(hours=25)
    assert spring[0] == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)


def test_handouts_round_trip_and_a_batch_shares_them(
    repository: ContactRepository, vocabulary: Vocabulary
) -> None:
    handouts = [Handout("mitid_app", "qr"), Handout("moving", "sheet"), Handout("mitid_app", "qr")]
    contacts = make_contacts(
        ContactChoice("phone", "mitid", "referred_to_self_service"),
        vocabulary,
        desk="Skranke 1",
        municipality_code="165",
        count=2,
        now=NOW,
        handouts=handouts,
    )
    repository.add_many(contacts)
    for contact in contacts:
        stored = repository.get(contact.id)
        assert stored == contact
        assert stored is not None
        assert stored.handouts == (Handout("mitid_app", "qr"), Handout("moving", "sheet"))
