"""One desk's work without Qt: log, undo a batch, void, tile order, today's list."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from database.counter import CounterDesk
from database.errors import DatabaseError
from database.repository import ContactRepository
from skranke.contact import ContactChoice
from skranke.vocabulary import Vocabulary

PHONE_MITID = ContactChoice("phone", "mitid", "assisted_self_service")
PASSPORT = ContactChoice("in_person", "passport", "handled_by_staff")


def test_log_undo_and_tally(desk: CounterDesk) -> None:
    desk.log(PASSPORT, duration_seconds=80)
    batch = desk.log(PHONE_MITID, count=5)
    tally = desk.today_tally()
    assert (tally.total, tally.by_channel, tally.assisted) == (
        6,
        {"in_person": 1, "phone": 5},
        5,
    )
    undone = desk.undo_last()
    assert {c.id for c in undone} == {c.id for c in batch}  # the batch goes as one
    assert desk.today_tally().total == 1
    assert len(desk.undo_last()) == 1
    assert desk.undo_last() == []
    assert not desk.can_undo
    assert len(desk.today_contacts()) == 6  # voided ones stay visible in the list


def test_voiding_from_the_list_removes_it_from_undo(desk: CounterDesk) -> None:
    (first,) = desk.log(PASSPORT)
    (second,) = desk.log(PASSPORT)
    desk.void(second.id)
    assert [c.id for c in desk.undo_last()] == [first.id]


def test_tiles_are_ordered_by_this_desks_use(
    repository: ContactRepository, vocabulary: Vocabulary
) -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    clock = [now - timedelta(days=2)]
    here = CounterDesk(
        repository, vocabulary, desk="S1", municipality_code="165", clock=lambda: clock[0]
    )
    there = CounterDesk(
        repository, vocabulary, desk="S2", municipality_code="165", clock=lambda: clock[0]
    )
    here.log(ContactChoice("phone", "tax", "handled_by_staff"), count=3)
    here.log(ContactChoice("phone", "moving", "handled_by_staff"), count=2)
    there.log(ContactChoice("phone", "foreigners", "handled_by_staff"), count=9)
    clock[0] = now - timedelta(days=40)
    here.log(ContactChoice("phone", "other", "handled_by_staff"), count=9)  # too long ago
    clock[0] = now
    order = [area.id for area in here.tile_order()]
    assert order[:2] == ["tax", "moving"]
    assert order[2:5] == ["passport", "driving_licence", "health_card"]  # then file order
    assert len(order) == len(vocabulary.visible_areas)


def test_today_is_the_local_day(repository: ContactRepository, vocabulary: Vocabulary) -> None:
    # 23:30 UTC on 21 November is 00:30 on 22 November in Copenhagen.
    clock = [datetime(2026, 11, 21, 23, 30, tzinfo=UTC)]
    desk = CounterDesk(
        repository, vocabulary, desk="S1", municipality_code="165", clock=lambda: clock[0]
    )
    desk.log(PASSPORT)
    clock[0] = datetime(2026, 11, 22, 22, 59, tzinfo=UTC)  # 23:59 local, same day
    assert desk.today_tally().total == 1
    clock[0] = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # midnight local: a new day
    assert desk.today_tally().total == 0
    assert desk.today_contacts() == []


def _refuse_voiding(db_path: Path, contact_id: uuid.UUID) -> None:
    """A fault in the middle of a batch: the database refuses to void this one contact."""
    with sqlite3.connect(db_path) as conn:
        stored = conn.execute(
            "SELECT id FROM contact WHERE id IN (?, ?)", (contact_id.hex, str(contact_id))
        ).fetchone()[0]
        conn.execute(
            "CREATE TRIGGER refuse_void BEFORE UPDATE OF voided_at ON contact "
            f"WHEN OLD.id = '{stored}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )


def _voided_count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT count(*) FROM contact WHERE voided_at IS NOT NULL").fetchone()
    return int(row[0])


def test_undoing_a_batch_is_one_transaction_and_can_be_retried(
    desk: CounterDesk, db_path: Path
) -> None:
    batch = desk.log(ContactChoice("phone", "mitid", "handled_by_staff"), count=5)
    _refuse_voiding(db_path, batch[3].id)
    with pytest.raises(DatabaseError):
        desk.undo_last()
    assert _voided_count(db_path) == 0  # not 3 of 5: all or nothing
    assert desk.today_tally().total == 5
    assert desk.can_undo  # the undo entry stays until a void commits
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER refuse_void")
    assert len(desk.undo_last()) == 5
    assert _voided_count(db_path) == 5
    assert desk.today_tally().total == 0
    assert not desk.can_undo


def test_voiding_several_rows_from_the_list_is_all_or_nothing(
    desk: CounterDesk, db_path: Path
) -> None:
    logged = [desk.log(ContactChoice("in_person", "passport", "handled_by_staff"))[0]
              for _ in range(3)]  # fmt: skip
    _refuse_voiding(db_path, logged[1].id)
    with pytest.raises(DatabaseError):
        desk.void_many([c.id for c in logged])
    assert _voided_count(db_path) == 0
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER refuse_void")
    voided = desk.void_many([c.id for c in logged])
    assert all(c.voided for c in voided)
    assert desk.void_many([logged[0].id])[0].voided_at == voided[0].voided_at  # first one kept
