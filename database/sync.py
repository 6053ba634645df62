"""The pusher: sends the desk's outbox to the central PostgreSQL, in the background.

No Qt here. ``Pusher.push_once`` sends one batch in ONE central transaction:

- contacts and hand-outs: ``INSERT ... ON CONFLICT (id) DO NOTHING RETURNING id``;
- voids: ``UPDATE ... WHERE voided_at IS NULL RETURNING id``;
- the central hourly summaries change only for the rows those statements returned;
- the desk's ``desk_sync`` row says how far it got, when, and with which version.

The local outbox rows are deleted only after the central COMMIT, so a batch whose COMMIT
was lost is sent again, and sending again changes nothing. ``PushRunner`` runs the pusher
on a thread with back-off; the counter only ever reads its ``status``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, Table, TextClause, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import insert as postgresql_insert

from database.central import (
    CentralSchemaMismatchError,
    Timeouts,
    central_engine,
    central_errors,
    location_of,
    revision_in,
)
from database.engine import Database
from database.errors import DatabaseError
from database.handle import AlchemyExecutor
from database.models import metadata
from database.outbox import Outbox, OutboxBatch
from database.schema import HEAD_REVISION
from database.summary_rows import update_summaries
from skranke import __version__
from skranke.clock import utc_now

_log = logging.getLogger(__name__)

_CONTACTS = metadata.tables["contact"]
_HANDOUTS = metadata.tables["contact_handout"]
_DESK_SYNC = metadata.tables["desk_sync"]
_VOID = text(
    "UPDATE contact AS c SET voided_at = v.voided_at "
    "FROM unnest(CAST(:ids AS uuid[]), CAST(:times AS timestamptz[])) AS v(id, voided_at) "
    "WHERE c.id = v.id AND c.voided_at IS NULL RETURNING c.id"
)


class SyncState(StrEnum):
    SYNCED = "synced"  # nothing waits
    WAITING = "waiting"  # changes wait; the central database answered last time
    OFFLINE = "offline"  # the central database did not answer (since ``since``)
    PAUSED = "paused"  # the schemas differ: nothing is sent until they match


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the counter can show quietly: synced / N waiting / offline since HH:MM."""

    state: SyncState
    waiting: int = 0
    since: datetime | None = None  # offline or paused since (aware UTC)
    last_push_at: datetime | None = None
    detail: str = ""  # why, for a tooltip or the log; never shown as a nag
    central_is_older: bool | None = None  # PAUSED: True = upgrade the central database
    error: DatabaseError | None = None  # OFFLINE/PAUSED: the typed error, for the counter's words


@dataclass(frozen=True, slots=True)
class PushResult:
    changes: int  # outbox rows sent (and removed)
    inserted: int  # contacts new to the central database
    voided: int  # contacts the central database had live and now has voided


@dataclass(frozen=True, slots=True)
class DeskIdentity:
    desk_id: uuid.UUID
    desk: str
    municipality: str
    centre: str | None = None  # the desk's afdeling (the ``centre`` setting), if set


class Pusher:
    """Pushes ``local``'s outbox to the central database at ``central_url``.

    ``push_timeout``: a push that takes longer is cut off on the client side (its socket is
    shut down), so even a link that swallows packets without resetting is noticed in seconds.
    """

    def __init__(
        self,
        local: Database,
        central_url: str,
        identity: DeskIdentity,
        *,
        batch_size: int = 500,
        timeouts: Timeouts | None = None,
        push_timeout: float = 30.0,
        clock: Callable[[], datetime] = utc_now,
        app_version: str = __version__,
    ) -> None:
        self.outbox = Outbox(local)
        self.identity = identity
        self.batch_size = batch_size
        self.push_timeout = push_timeout
        self.app_version = app_version
        self._clock = clock
        self._engine: Engine = central_engine(central_url, timeouts)
        self.location = location_of(self._engine)
        self._lock = threading.Lock()
        self._status = SyncStatus(SyncState.WAITING)

    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def close(self) -> None:
        self._engine.dispose()

    def push_once(self) -> PushResult | None:
        """Send the oldest batch; None when the outbox is empty. Raises DatabaseError."""
        try:
            batch = self.outbox.next_batch(self.batch_size)
            if batch is None:
                self._set_status(SyncState.SYNCED)
                return None
            if self.status.state is SyncState.SYNCED:  # "N venter" while it is on its way: a
                self._set_status(SyncState.WAITING)  # dead link can hold a push for seconds
            result = self._send(batch)
            self.outbox.remove(batch.sequences)  # only after the central COMMIT
        except CentralSchemaMismatchError as error:
            self._set_status(SyncState.PAUSED, error=error)
            raise
        except DatabaseError as error:
            self._set_status(SyncState.OFFLINE, error=error)
            raise
        self._set_status(SyncState.WAITING, pushed=True)
        return result

    def push_all(self) -> int:
        """Push until the outbox is empty; the number of changes sent."""
        sent = 0
        while (result := self.push_once()) is not None:
            sent += result.changes
        return sent

    def _send(self, batch: OutboxBatch) -> PushResult:
        with (
            central_errors(self.location),  # unreachable, login refused, privilege missing
            self._engine.connect() as conn,
            self._watchdog(conn),  # covers the COMMIT too
            conn.begin(),
        ):
            central = revision_in(conn)
            if central != HEAD_REVISION:
                raise CentralSchemaMismatchError(self.location, central)
            inserted = self._insert(conn, batch)
            voided = self._void(conn, batch)
            self._heard_from(conn, batch)
        return PushResult(len(batch), inserted, voided)

    def _insert(self, conn: Connection, batch: OutboxBatch) -> int:
        if not batch.added:
            return 0
        columns: dict[str, list[Any]] = {name: [] for name in _CONTACT_INSERT.columns}
        for c in batch.added:
            for name in _FIELDS:
                columns[name].append(getattr(c, name))
            columns["desk_id"].append(batch.desk_ids.get(c.id) or self.identity.desk_id)
        new = set(conn.execute(_CONTACT_INSERT.statement, columns).scalars())
        contacts = [c for c in batch.added if c.id in new]
        handouts = [(c.id, h.solution, h.how) for c in contacts for h in c.handouts]
        if handouts:
            ids, solutions, hows = (list(column) for column in zip(*handouts, strict=True))
            conn.execute(
                _HANDOUT_INSERT.statement, {"contact_id": ids, "solution": solutions, "how": hows}
            )
        update_summaries(AlchemyExecutor(conn), contacts, +1)  # voided ones count nowhere
        return len(contacts)

    def _void(self, conn: Connection, batch: OutboxBatch) -> int:
        voids = [c for c in batch.voided if c.voided_at is not None]
        if not voids:
            return 0
        params = {"ids": [c.id for c in voids], "times": [c.voided_at for c in voids]}
        changed = set(conn.execute(_VOID, params).scalars())
        were_live = [replace(c, voided_at=None) for c in voids if c.id in changed]
        update_summaries(AlchemyExecutor(conn), were_live, -1)
        return len(were_live)

    def _heard_from(self, conn: Connection, batch: OutboxBatch) -> None:
        row = {
            "desk_id": self.identity.desk_id,
            "desk": self.identity.desk,
            "municipality": self.identity.municipality,
            "last_sequence": batch.last_sequence,
            "last_push_at": self._clock(),
            "app_version": self.app_version,
            "centre": self.identity.centre or None,
        }
        statement = postgresql_insert(_DESK_SYNC).values(row)
        conn.execute(
            statement.on_conflict_do_update(
                index_elements=["desk_id"],
                set_={name: statement.excluded[name] for name in row if name != "desk_id"},
            )
        )

    @contextmanager
    def _watchdog(self, conn: Connection) -> Iterator[None]:
        """Cut the connection's socket if the push outlives ``push_timeout``."""
        driver: Any = conn.connection.driver_connection
        fd = int(driver.pgconn.socket)

        def cut() -> None:
            _log.warning("push took over %.1f s: closing the connection", self.push_timeout)
            try:
                with socket.socket(fileno=os.dup(fd)) as sock:
                    sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed

        timer = threading.Timer(self.push_timeout, cut)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _set_status(
        self, state: SyncState, *, error: DatabaseError | None = None, pushed: bool = False
    ) -> None:
        waiting = 0
        if state is not SyncState.SYNCED:
            try:
                waiting = self.outbox.count()
            except DatabaseError:
                waiting = self._status.waiting
        now = self._clock()
        with self._lock:
            old = self._status
            if state is SyncState.WAITING and waiting == 0:
                state = SyncState.SYNCED
            keeps_since = state is old.state and state in (SyncState.OFFLINE, SyncState.PAUSED)
            self._status = SyncStatus(
                state=state,
                waiting=waiting,
                since=old.since if keeps_since else (now if error is not None else None),
                last_push_at=now if pushed else old.last_push_at,
                detail="" if error is None else str(error),
                error=error,
                central_is_older=(
                    error.central_is_older
                    if isinstance(error, CentralSchemaMismatchError)
                    else None
                ),
            )


_FIELDS = [column.name for column in _CONTACTS.columns if column.name != "desk_id"]


@dataclass(frozen=True)
class _ArrayInsert:
    """``INSERT ... SELECT * FROM unnest(<an array per column>) ON CONFLICT (<key>) DO NOTHING``:
    a short statement whatever the batch size (a VALUES list of 500 rows x 17 columns cost
    most of a push in parsing alone, measured with benchmarks/sync_push.py)."""

    columns: tuple[str, ...]
    statement: TextClause


def _array_insert(table: Table, returning: str | None = None) -> _ArrayInsert:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    names = tuple(column.name for column in table.columns)
    arrays = ", ".join(
        f"CAST(:{c.name} AS {c.type.compile(dialect=dialect)}[])" for c in table.columns
    )
    key = ", ".join(column.name for column in table.primary_key.columns)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) "  # noqa: S608 - names from the models
        f"SELECT * FROM unnest({arrays}) ON CONFLICT ({key}) DO NOTHING"
    )
    if returning is not None:
        sql += f" RETURNING {returning}"
    return _ArrayInsert(names, text(sql))


_CONTACT_INSERT = _array_insert(_CONTACTS, returning="id")
_HANDOUT_INSERT = _array_insert(_HANDOUTS)


class PushRunner:
    """Runs a Pusher on its own thread: pushes when woken (after a contact is logged) or
    every ``idle_seconds``; after a failure waits ``first_backoff`` seconds, doubling up to
    ``max_backoff``. Never raises into the caller; ``stop`` ends it."""

    def __init__(
        self,
        pusher: Pusher,
        *,
        idle_seconds: float = 10.0,
        first_backoff: float = 1.0,
        max_backoff: float = 60.0,
    ) -> None:
        self.pusher = pusher
        self.idle_seconds = idle_seconds
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="skranke-push", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Push soon (a contact was just logged). Returns at once."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        backoff = self.first_backoff
        failing = False
        while not self._stopping.is_set():
            try:
                self.pusher.push_all()
                pause, backoff, failing = self.idle_seconds, self.first_backoff, False
            except CentralSchemaMismatchError:
                pause = self.max_backoff  # an administrator has to act; check now and then
            except Exception as error:  # the thread must survive anything; the status says what
                # One line when pushing starts failing, not a traceback per retry; the
                # details for a developer at debug level.
                if not failing:
                    _log.warning("push to %s failed: %s", self.pusher.location, _first_line(error))
                _log.debug("push to %s failed", self.pusher.location, exc_info=True)
                pause, backoff = backoff, min(backoff * 2, self.max_backoff)
                failing = True
            self._wake.wait(pause)
            self._wake.clear()


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"
