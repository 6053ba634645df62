"""What the team leader's view reads besides the tally: a cheap data watermark (so a cached
tally is reused only while nothing changed), the desks heard from (``desk_sync``, on the
central database), the schema revision (checked, never upgraded: the team leader's role can
only read), and a way to stop a tally that a newer choice has superseded.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, event, func, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from database.engine import Database, open_database, translate_errors
from database.models import metadata
from database.schema import HEAD_REVISION, KNOWN_REVISIONS

_DESK_SYNC = metadata.tables["desk_sync"]


class TeamSchemaMismatchError(Exception):
    """The database's schema is not this Skranke's; the team view does not change it.
    ``revision``: the database's (None: empty); ``older``: the database is the older one."""

    def __init__(self, location: str, revision: str | None) -> None:
        self.location = location
        self.revision = revision
        self.older = revision is None or revision in KNOWN_REVISIONS
        super().__init__(f"{location}: schema {revision}, this Skranke {HEAD_REVISION}")


def open_for_reading(url: str) -> Database:
    """Open a database for the team view without changing it: no migration, no write (the
    team leader's role on the central database may only read). Raises
    :class:`TeamSchemaMismatchError` when its schema is not ``HEAD_REVISION``."""
    database = open_database(url, upgrade=False, writes=False)
    try:
        with translate_errors(database.location), database.engine.connect() as conn:
            revision = _revision(conn)
    except BaseException:
        database.close()
        raise
    if revision != HEAD_REVISION:
        database.close()
        raise TeamSchemaMismatchError(database.location, revision)
    return database


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def watermark(database: Database) -> tuple[Any, ...]:
    """A value that changes whenever a contact is added or voided, read in a few
    milliseconds whatever the size: the outbox's sequence (every add and void writes an
    outbox row in the same transaction; the sequence never goes back, even when the pushed
    rows are deleted) and, on the central database, every desk's last pushed sequence."""
    with translate_errors(database.location), database.engine.connect() as conn:
        pushed = tuple(
            conn.execute(
                select(
                    func.count(),
                    func.sum(_DESK_SYNC.c.last_sequence),
                    func.max(_DESK_SYNC.c.last_push_at),
                )
            ).one()
        )
        if database.is_sqlite:
            row = conn.execute(
                text("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'")
            ).first()
            return (*pushed, None if row is None else int(row[0]))
        try:
            with conn.begin_nested():  # a reader may lack the right to see the sequence
                value = conn.execute(
                    text(
                        "SELECT pg_sequence_last_value("
                        "pg_get_serial_sequence('sync_outbox', 'seq')::regclass)"
                    )
                ).scalar()
        except SQLAlchemyError:  # then the desks' pushes alone mark the changes
            value = None
        return (*pushed, value)


@dataclass(frozen=True)
class HeardDesk:
    """A desk's ``desk_sync`` row on the central database."""

    desk_id: uuid.UUID
    desk: str
    municipality: str
    centre: str | None
    last_sequence: int
    last_push_at: datetime
    app_version: str


def heard_desks(database: Database) -> list[HeardDesk]:
    """Every desk that has pushed to this database, by municipality, centre and name (none
    on a desk's own file)."""
    t = _DESK_SYNC.c
    query = select(
        t.desk_id, t.desk, t.municipality, t.centre, t.last_sequence, t.last_push_at,
        t.app_version,
    ).order_by(t.municipality, t.centre, t.desk)  # fmt: skip
    with translate_errors(database.location), database.engine.connect() as conn:
        return [HeardDesk(*row) for row in conn.execute(query)]


class CountInterruptedError(Exception):
    """A statement of work that was interrupted (it is no longer wanted)."""

    def __init__(self) -> None:
        super().__init__("interrupted: a newer request superseded this one")


class Interrupter:
    """Stops the queries a thread runs on ``engine``: after :meth:`interrupt` from any thread,
    the statement it runs fails (SQLite's ``interrupt()`` and a progress check, PostgreSQL's
    cancel request) and so does every further one, until the thread ends that work
    (:meth:`end`) or begins new work (:meth:`begin`). So a tally nobody waits for any more
    gives its worker back at once."""

    PROGRESS_STEPS = 100_000  # SQLite virtual-machine steps between two checks

    def __init__(self, engine: Engine) -> None:
        self._in_use: dict[int, Any] = {}  # thread id -> its checked-out DBAPI connection
        self._stopped: set[int] = set()
        self._guard = threading.Lock()
        event.listen(engine, "checkout", self._checked_out)
        event.listen(engine, "checkin", self._checked_in)
        event.listen(engine, "before_cursor_execute", self._before_statement)

    @classmethod
    def of(cls, engine: Engine) -> Interrupter:
        """The one interrupter of ``engine`` (made on first use)."""
        with _interrupters_lock:
            found = _interrupters.get(engine)
            if found is None:
                found = _interrupters[engine] = cls(engine)
            return found

    def begin(self) -> None:
        """The calling thread starts work that is wanted: its statements run again."""
        self.end()

    def end(self) -> None:
        """The calling thread's interruptible work is over: whatever it runs next (a pool
        thread runs other work too) is not stopped."""
        with self._guard:
            self._stopped.discard(threading.get_ident())

    def _is_stopped(self) -> bool:
        return threading.get_ident() in self._stopped

    def _checked_out(self, dbapi_connection: Any, record: Any, proxy: Any) -> None:
        with self._guard:
            self._in_use[threading.get_ident()] = dbapi_connection
        if hasattr(dbapi_connection, "set_progress_handler"):  # SQLite
            dbapi_connection.set_progress_handler(self._is_stopped, self.PROGRESS_STEPS)

    def _checked_in(self, dbapi_connection: Any, record: Any) -> None:
        with self._guard:
            for thread, connection in list(self._in_use.items()):
                if connection is dbapi_connection:
                    del self._in_use[thread]

    def _before_statement(self, *args: Any) -> None:
        if self._is_stopped():
            raise CountInterruptedError

    def interrupt(self, thread: int) -> None:
        """Stop what ``thread`` runs now and will run, until it begins new work."""
        with self._guard:
            self._stopped.add(thread)
            connection = self._in_use.get(thread)
        if connection is None:
            return
        stop = getattr(connection, "interrupt", None) or getattr(connection, "cancel", None)
        if stop is not None:
            stop()


_interrupters: weakref.WeakKeyDictionary[Engine, Interrupter] = weakref.WeakKeyDictionary()
_interrupters_lock = threading.Lock()
