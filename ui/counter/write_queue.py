"""The counter's writes in the order staff asked for them: never a key refused.

Each logging key becomes one ``Log`` with the form as it was at that key; Ctrl+Z an ``Undo``;
Delete in today's list a ``Void``. They wait here, in key order, and go to the desk's worker
one at a time: before the database is open they simply wait. ``Undo`` decides what it undoes
at its turn, so Ctrl+Z right after a burst of keys undoes the burst's last contact.

A write that fails because of the database (locked by another program, a full disk) holds
the queue: it and everything after it are kept, in order, until ``retry``. A write that can
never succeed (an impossible value) is dropped and reported; the rest go on.

Plain Python, no Qt: the window hands it a ``submit`` that runs work off the GUI thread and
a ``Listener`` that shows what happened (``ui.counter.writes``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from skranke.contact import ContactChoice, Handout

if TYPE_CHECKING:
    import uuid
    from datetime import datetime

    from database.counter import CounterDesk
    from skranke.contact import Contact
    from skranke.tally import DayTally


@dataclass(frozen=True, slots=True)
class Log:
    """One logging key: ``count`` contacts of ``choice``, as the form was at that key.

    ``tile``: a tile key typed before the tiles were known (the database was opening); its
    area is looked up once they are (``WriteQueue.open``). ``at``: the key's moment, so a
    contact kept waiting (the database opening or locked) is counted in the hour it happened."""

    choice: ContactChoice
    count: int = 1
    note: str | None = None
    handouts: tuple[Handout, ...] = ()
    duration: int | None = None
    caller: str | None = None
    tile: int | None = None
    at: datetime | None = None  # when the key was pressed (UTC); None: when it is stored

    @property
    def contacts(self) -> int:
        return self.count


@dataclass(frozen=True, slots=True)
class Undo:
    """Ctrl+Z: void the last batch logged here, whichever it is when its turn comes."""

    contacts = 0


@dataclass(frozen=True, slots=True)
class Void:
    """Contacts chosen in today's list, voided in one transaction."""

    ids: tuple[uuid.UUID, ...]
    contacts = 0


Write = Log | Undo | Void


@dataclass(frozen=True, slots=True)
class Done:
    """A write that reached the database: the contacts logged or voided (none: nothing was
    left to undo) and today's figures after it (None: not read, or not readable now)."""

    write: Write
    contacts: list[Contact]
    tally: DayTally | None


class Listener(Protocol):
    def written(self, done: Done) -> None: ...
    def refused(self, write: Write, error: BaseException) -> None: ...
    def stalled(self, error: BaseException) -> None: ...
    def changed(self) -> None: ...


Submit = Callable[
    [Callable[[], Done], Callable[[Done], None], Callable[[BaseException], None]], None
]


def perform(desk: CounterDesk, write: Write, *, tally: bool) -> Done:
    """Store one write (on the desk's worker thread). ``tally``: read today's figures after it
    (skipped while more writes wait: the last one reads them)."""
    if isinstance(write, Log):
        contacts = desk.log(
            write.choice, count=write.count, duration_seconds=write.duration, note=write.note,
            handouts=write.handouts, municipality_code=write.caller, at=write.at,
        )  # fmt: skip
    elif isinstance(write, Undo):
        contacts = desk.undo_last()  # [] when nothing is left to undo
    else:
        contacts = desk.void_many(write.ids)
    return Done(write, contacts, _tally_after(desk) if tally else None)


def _tally_after(desk: CounterDesk) -> DayTally | None:
    """Today's figures right after a write; None if they cannot be read now: the write
    itself succeeded and must be reported as such."""
    from skranke.errors import SkrankeError  # noqa: PLC0415

    try:
        return desk.today_tally()
    except SkrankeError:
        return None


class WriteQueue:
    """Writes waiting for the desk, sent to the worker one at a time in the order added.

    ``retryable(error)``: whether a failed write is kept for ``retry`` (the database's fault)
    or dropped (it can never be stored)."""

    def __init__(
        self,
        submit: Submit,
        listener: Listener,
        retryable: Callable[[BaseException], bool],
    ) -> None:
        self._submit = submit
        self._listener = listener
        self._retryable = retryable
        self._waiting: deque[Write] = deque()
        self._running: Write | None = None
        self._desk: CounterDesk | None = None
        self.stalled: BaseException | None = None  # why the queue is held, until ``retry``

    @property
    def pending(self) -> int:
        """Writes not yet stored: waiting, on their way, or held after a failure."""
        return len(self._waiting) + (self._running is not None)

    def _unsaved(self) -> tuple[Write, ...]:
        running = () if self._running is None else (self._running,)
        return (*running, *self._waiting)

    @property
    def unsaved_contacts(self) -> int:
        """Contacts logged by keys but not yet stored."""
        return sum(write.contacts for write in self._unsaved())

    @property
    def unsaved_voids(self) -> int:
        return sum(not isinstance(write, Log) for write in self._unsaved())

    @property
    def is_open(self) -> bool:
        return self._desk is not None

    def add(self, write: Write) -> None:
        self._waiting.append(write)
        self._next()
        self._listener.changed()

    def open(self, desk: CounterDesk, area_at: Callable[[int], str | None]) -> list[Log]:
        """The database is open: tile keys typed meanwhile get their area (``area_at`` the
        tile's position), and the writes start. Returns the keys that name no tile."""
        unknown: list[Log] = []
        kept: deque[Write] = deque()
        for write in self._waiting:
            if isinstance(write, Log) and write.tile is not None:
                area = area_at(write.tile)
                if area is None:
                    unknown.append(write)
                    continue
                kept.append(replace(write, choice=replace(write.choice, area=area), tile=None))
            else:
                kept.append(write)
        self._waiting = kept
        self._desk = desk
        self._next()
        self._listener.changed()
        return unknown

    def retry(self) -> None:
        """Try the held writes again, in their order."""
        if self.stalled is None:
            return
        self.stalled = None
        self._next()
        self._listener.changed()

    def _next(self) -> None:
        desk = self._desk
        if desk is None or self._running is not None or self.stalled is not None:
            return
        if not self._waiting:
            return
        write = self._running = self._waiting.popleft()
        last = not self._waiting

        def work() -> Done:
            return perform(desk, write, tally=last)

        self._submit(work, self._done, self._failed)

    def _done(self, done: Done) -> None:
        self._running = None
        try:
            self._listener.written(done)
        finally:
            self._next()
            self._listener.changed()

    def _failed(self, error: BaseException) -> None:
        write, self._running = self._running, None
        assert write is not None
        try:
            if self._retryable(error):
                self._waiting.appendleft(write)  # first again when the queue is retried
                self.stalled = error
                self._listener.stalled(error)
            else:
                self._listener.refused(write, error)
        finally:
            self._next()
            self._listener.changed()
