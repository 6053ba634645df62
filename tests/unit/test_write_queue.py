"""The counter's write queue without Qt: keys in order, undo at its turn, failures kept.

``Worker`` stands in for the desk's worker thread: it holds each submitted write until the
test lets it run, as a slow disk would, then hands the result back as the GUI thread hears it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from database.counter import CounterDesk
from database.errors import DatabaseError, DatabaseLockedError
from skranke.contact import ContactChoice
from skranke.errors import InvalidContactError
from tests.helpers import write_lock
from ui.counter.write_queue import Done, Log, Undo, Void, Write, WriteQueue


class Worker:
    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Done], Callable[[Done], None], Callable[..., None]]] = []

    def submit(
        self,
        work: Callable[[], Done],
        on_done: Callable[[Done], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.jobs.append((work, on_done, on_error))

    def run_all(self) -> None:
        while self.jobs:
            work, on_done, on_error = self.jobs.pop(0)
            try:
                result = work()
            except Exception as error:
                on_error(error)
            else:
                on_done(result)


class Seen:
    """What the window would show."""

    def __init__(self) -> None:
        self.written: list[Done] = []
        self.refused: list[tuple[Write, BaseException]] = []
        self.stalls: list[BaseException] = []

    def written_(self, done: Done) -> None:
        self.written.append(done)

    def refused_(self, write: Write, error: BaseException) -> None:
        self.refused.append((write, error))

    def stalled_(self, error: BaseException) -> None:
        self.stalls.append(error)


class Listener:
    def __init__(self, seen: Seen) -> None:
        self.written = seen.written_
        self.refused = seen.refused_
        self.stalled = seen.stalled_

    def changed(self) -> None:
        pass


def _retryable(error: BaseException) -> bool:
    return isinstance(error, DatabaseError)


@pytest.fixture
def seen() -> Seen:
    return Seen()


@pytest.fixture
def worker() -> Worker:
    return Worker()


@pytest.fixture
def queue(worker: Worker, seen: Seen) -> WriteQueue:
    return WriteQueue(worker.submit, Listener(seen), _retryable)


def _key(area: str, **form: object) -> Log:
    return Log(ContactChoice(channel="in_person", area=area, outcome="handled_by_staff"), **form)  # type: ignore[arg-type]


def _areas(desk: CounterDesk) -> list[str]:
    """Today's stored contacts that count, oldest first."""
    return [c.area for c in reversed(desk.today_contacts()) if not c.voided]


def test_keys_while_a_write_is_on_its_way_are_all_stored_in_order(
    queue: WriteQueue, worker: Worker, desk: CounterDesk
) -> None:
    queue.open(desk, lambda position: None)
    areas = ["passport", "mitid", "moving", "passport", "health_card"]
    for area in areas:
        queue.add(_key(area))
    assert len(worker.jobs) == 1  # one at a time: the next goes when this one is back
    assert queue.pending == 5
    worker.run_all()
    assert _areas(desk) == areas
    assert queue.pending == 0


def test_each_key_keeps_the_form_it_was_pressed_with(
    queue: WriteQueue, worker: Worker, desk: CounterDesk
) -> None:
    queue.open(desk, lambda position: None)
    queue.add(_key("mitid", count=3, note="ringer igen"))
    queue.add(_key("passport"))
    worker.run_all()
    stored = list(reversed(desk.today_contacts()))
    assert [(c.area, c.note) for c in stored] == [("mitid", "ringer igen")] * 3 + [
        ("passport", None)
    ]


def test_undo_right_after_a_burst_undoes_the_bursts_last_contact(
    queue: WriteQueue, worker: Worker, seen: Seen, desk: CounterDesk
) -> None:
    queue.open(desk, lambda position: None)
    for area in ("passport", "mitid", "moving"):
        queue.add(_key(area))
    queue.add(Undo())  # pressed before any of the three was stored
    worker.run_all()
    assert _areas(desk) == ["passport", "mitid"]
    assert [c.area for c in seen.written[-1].contacts] == ["moving"]
    assert seen.written[-1].tally is not None  # the last write reads today's figures
    assert seen.written[1].tally is None  # one sent while more waited does not


def test_undo_with_nothing_logged_voids_nothing(
    queue: WriteQueue, worker: Worker, seen: Seen, desk: CounterDesk
) -> None:
    queue.open(desk, lambda position: None)
    queue.add(Undo())
    worker.run_all()
    assert seen.written[0].contacts == []


def test_keys_before_the_database_is_open_wait_and_tiles_are_looked_up_then(
    queue: WriteQueue, worker: Worker, desk: CounterDesk
) -> None:
    queue.add(_key("", tile=1))
    queue.add(_key("mitid"))  # a favourite names its area
    queue.add(_key("", tile=7))  # no eighth tile today
    assert worker.jobs == []
    assert queue.pending == 3
    unknown = queue.open(desk, {0: "passport", 1: "moving"}.get)
    assert [write.tile for write in unknown] == [7]
    worker.run_all()
    assert _areas(desk) == ["moving", "mitid"]


def test_a_locked_database_holds_every_write_until_retry(
    queue: WriteQueue, worker: Worker, seen: Seen, desk: CounterDesk, db_path: Path
) -> None:
    queue.open(desk, lambda position: None)
    queue.add(_key("passport"))
    worker.run_all()
    first = seen.written[0].contacts[0]
    with write_lock(db_path):
        queue.add(_key("mitid", count=2))
        queue.add(Void((first.id,)))
        queue.add(_key("moving"))
        worker.run_all()
        assert isinstance(queue.stalled, DatabaseLockedError)
        assert len(seen.stalls) == 1  # the first failure holds the rest: not tried meanwhile
        assert (queue.pending, queue.unsaved_contacts, queue.unsaved_voids) == (3, 3, 1)
        queue.add(_key("health_card"))  # still taken while held
        assert worker.jobs == []
        assert queue.unsaved_contacts == 4
    assert _areas(desk) == ["passport"]
    queue.retry()
    worker.run_all()
    assert queue.stalled is None
    assert _areas(desk) == ["mitid", "mitid", "moving", "health_card"]  # passport voided


def test_a_write_that_can_never_be_stored_is_reported_and_the_rest_go_on(
    queue: WriteQueue, worker: Worker, seen: Seen, desk: CounterDesk
) -> None:
    queue.open(desk, lambda position: None)
    queue.add(_key("no_such_area"))
    queue.add(_key("passport"))
    worker.run_all()
    ((write, error),) = seen.refused
    assert isinstance(error, InvalidContactError)
    assert isinstance(write, Log)
    assert write.choice.area == "no_such_area"
    assert queue.stalled is None
    assert _areas(desk) == ["passport"]


def test_a_key_kept_waiting_is_counted_at_the_moment_it_was_pressed(
    queue: WriteQueue, worker: Worker, desk: CounterDesk
) -> None:
    pressed = datetime.now(UTC) - timedelta(seconds=2)  # while the database opened
    queue.add(_key("passport", at=pressed))
    queue.add(_key("mitid"))  # no moment given: stored at its write
    queue.open(desk, lambda position: None)
    worker.run_all()
    first, second = reversed(desk.today_contacts())
    assert first.logged_at == pressed
    assert second.logged_at >= pressed + timedelta(seconds=2)
