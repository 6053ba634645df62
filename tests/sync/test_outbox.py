"""Each add and void queues an outbox row in the same transaction, on both engines."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from database.engine import Database, open_database, sqlite_url
from database.errors import DatabaseError
from database.outbox import Outbox
from database.repository import ContactRepository
from skranke.contact import Contact, ContactChoice, Handout, make_contacts
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
DESK_ID = uuid.UUID("0b7e1f3c-9a43-4d5e-8f00-6c1d2e3f4a5b")


@pytest.fixture(params=["sqlite", "postgresql"])
def local(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        url = server.new_database()
    else:
        url = sqlite_url(tmp_path / "desk.sqlite3")
    database = open_database(url)
    yield database
    database.close()


def contacts(vocabulary: Vocabulary, count: int, **handouts: str) -> list[Contact]:
    made = make_contacts(
        ContactChoice("in_person", "passport", "handled_by_staff"),
        vocabulary,
        desk="Skranke 1",
        municipality_code="165",
        count=count,
        now=NOW,
        handouts=[Handout(solution, how) for solution, how in handouts.items()],
    )
    return list(made)


def test_adds_and_voids_wait_in_order_and_voided_contacts_arrive_voided(
    local: Database, vocabulary: Vocabulary
) -> None:
    repository = ContactRepository(local, DESK_ID)
    first, second, third = contacts(vocabulary, 3, moving="qr")
    repository.add_many([first, second])
    repository.void(first.id, NOW + timedelta(minutes=2))
    repository.void(first.id, NOW + timedelta(minutes=3))  # already voided: nothing new
    repository.add(third)
    batch = Outbox(local).next_batch()
    assert batch is not None
    assert len(batch) == 4
    assert list(batch.sequences) == sorted(batch.sequences)
    assert [c.id for c in batch.added] == [first.id, second.id, third.id]
    assert [c.id for c in batch.voided] == [first.id]
    assert batch.added[0].voided_at == NOW + timedelta(minutes=2)
    assert batch.added[1].handouts == (Handout("moving", "qr"),)
    assert set(batch.desk_ids.values()) == {DESK_ID}


def test_a_failed_batch_queues_nothing(local: Database, vocabulary: Vocabulary) -> None:
    repository = ContactRepository(local)
    (first,) = contacts(vocabulary, 1)
    repository.add(first)
    (second,) = contacts(vocabulary, 1)
    with pytest.raises(DatabaseError):
        repository.add_many([second, replace(first, note="again")])  # first's id is taken
    outbox = Outbox(local)
    assert outbox.count() == 1
    assert repository.get(second.id) is None


def test_removing_a_sent_batch_keeps_what_came_after(
    local: Database, vocabulary: Vocabulary
) -> None:
    repository = ContactRepository(local)
    repository.add_many(contacts(vocabulary, 3))
    outbox = Outbox(local)
    sent = outbox.next_batch(limit=2)
    assert sent is not None
    later = contacts(vocabulary, 1)
    repository.add_many(later)  # while the batch is on its way
    outbox.remove(sent.sequences)
    rest = outbox.next_batch()
    assert rest is not None
    assert min(rest.sequences) > sent.last_sequence
    assert len(rest) == 2
    assert rest.added[-1].id == later[0].id
    outbox.remove(rest.sequences)
    assert outbox.next_batch() is None
    repository.add_many(contacts(vocabulary, 1))
    again = outbox.next_batch()
    assert again is not None
    assert min(again.sequences) > rest.last_sequence  # a sequence is never reused
