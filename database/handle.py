"""An open database, and plain SQL on it, without importing SQLAlchemy.

A counter desk on SQLite (every desk but a test's) opens its file, checks the schema's
revision, logs, undoes and voids through Python's own ``sqlite3``: importing SQLAlchemy
costs ~350 ms, more than the whole window, and a desk is ready to log that much sooner
(docs/performance.md, "Ready to log"). SQLAlchemy's engine is made on first use of
:attr:`Database.engine`: a schema upgrade (Alembic), the team view, the pusher, exports.

The repository's statements are plain SQL with ``:name`` parameters, run by an
:class:`Executor`: on a SQLite file through ``sqlite3`` (a connection per thread), otherwise
through a SQLAlchemy connection's driver (PostgreSQL, or SQLite in memory). Values are stored
exactly as SQLAlchemy's types store them (see ``_bind_sqlite``), so
both ways read and write the same rows.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from database.errors import (
    DatabaseConstraintError,
    DatabaseError,
    DatabaseFullError,
    DatabaseIOError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    NotADatabaseError,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

# SQLAlchemy's SQLite storage of DateTime (naive UTC here, see models.UTCDateTime).
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")  # a ``:name`` parameter, not a ``::`` cast


# SQLite's primary result codes (https://sqlite.org/rescode.html): the low byte of
# ``sqlite3.Error.sqlite_errorcode`` (an extended code such as SQLITE_IOERR_WRITE keeps it).
_SQLITE_KINDS: dict[int, type[DatabaseError]] = {
    5: DatabaseLockedError,  # SQLITE_BUSY
    6: DatabaseLockedError,  # SQLITE_LOCKED
    8: DatabaseReadOnlyError,  # SQLITE_READONLY
    10: DatabaseIOError,  # SQLITE_IOERR
    11: NotADatabaseError,  # SQLITE_CORRUPT
    13: DatabaseFullError,  # SQLITE_FULL
    14: DatabaseUnavailableError,  # SQLITE_CANTOPEN
    19: DatabaseConstraintError,  # SQLITE_CONSTRAINT
    23: DatabaseUnavailableError,  # SQLITE_AUTH
    26: NotADatabaseError,  # SQLITE_NOTADB
}
# PostgreSQL's SQLSTATE (psycopg's ``sqlstate``), by the full code or its two-letter class.
# Connection failures carry none: they stay "unavailable" (database/central.py tells them
# apart for an administrator).
_SQLSTATE_KINDS: dict[str, type[DatabaseError]] = {
    "55P03": DatabaseLockedError,  # lock_not_available
    "40P01": DatabaseLockedError,  # deadlock_detected
    "25006": DatabaseReadOnlyError,  # read_only_sql_transaction
    "53100": DatabaseFullError,  # disk_full
    "58030": DatabaseIOError,  # io_error
    "23": DatabaseConstraintError,  # integrity_constraint_violation (the class)
    "XX001": NotADatabaseError,  # data_corrupted
    "XX002": NotADatabaseError,  # index_corrupted
}


def classify(location: str, error: BaseException) -> DatabaseError:
    """Turn a driver error into a typed error that a user can act on, by the driver's own
    code (sqlite3's ``sqlite_errorcode``, psycopg's ``sqlstate``), never by its English
    text; the text is kept as the detail."""
    original = getattr(error, "orig", None) or error
    kind: type[DatabaseError] = DatabaseUnavailableError
    code = getattr(original, "sqlite_errorcode", None)
    state = getattr(original, "sqlstate", None)
    if isinstance(code, int):
        kind = _SQLITE_KINDS.get(code & 0xFF, DatabaseUnavailableError)
    elif isinstance(state, str):
        kind = _SQLSTATE_KINDS.get(state) or _SQLSTATE_KINDS.get(state[:2], kind)
    return kind(location, str(original))


def _driver_errors() -> tuple[type[BaseException], ...]:
    """sqlite3's errors, and SQLAlchemy's wrapped driver errors once SQLAlchemy is loaded
    (before that none can be raised)."""
    alchemy = sys.modules.get("sqlalchemy.exc")
    if alchemy is None:
        return (sqlite3.Error,)
    return (sqlite3.Error, alchemy.DBAPIError)


@contextmanager
def translate_errors(location: str) -> Iterator[None]:
    """Re-raise driver errors as :class:`DatabaseError` subclasses."""
    try:
        yield
    except DatabaseError:
        raise
    except Exception as error:
        if isinstance(error, _driver_errors()):
            raise classify(location, error) from error
        raise


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def check_sqlite_file(path: Path, location: str, read_only: bool) -> None:
    """Refuse, with a typed error, a file that cannot be opened for writing (or make its
    folder when it does not exist yet)."""
    if path.is_dir():
        raise DatabaseUnavailableError(location, "det er en mappe")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise DatabaseUnavailableError(location, "ingen læseadgang")
        if read_only or not os.access(path, os.W_OK):
            raise DatabaseReadOnlyError(location, "filen er skrivebeskyttet")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise DatabaseReadOnlyError(location, "mappen er skrivebeskyttet")
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailableError(location, error.strerror or str(error)) from error
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseReadOnlyError(location, "mappen er skrivebeskyttet")


def sqlite_pragmas(connection: Any, busy_timeout_ms: int, *, read_only: bool) -> None:
    """Every SQLite connection's settings (a DB-API connection: sqlite3's, or pysqlite's
    under SQLAlchemy)."""
    cursor = connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if not read_only:
            # A logged contact must survive the process (or the PC) dying the next instant.
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def read_only_options(path: Path) -> dict[str, str]:
    """SQLite URI options that read ``path`` and write nothing, not even beside it.

    ``mode=ro``; and ``immutable=1`` when the folder is write-protected: a WAL database is
    read through a ``-shm`` file that SQLite must be able to make, and ``immutable`` reads
    the main file alone, which is the whole database when no ``-wal`` file holds changes.
    A ``-wal`` file with changes and no ``-shm`` in such a folder cannot be read: refused."""
    options = {"mode": "ro"}
    if os.access(path.parent, os.W_OK | os.X_OK):
        return options
    wal, shm = (path.with_name(path.name + end) for end in ("-wal", "-shm"))
    if wal.is_file() and wal.stat().st_size > 0:
        if shm.is_file():
            return options
        raise DatabaseReadOnlyError(
            str(path),
            f"mappen er skrivebeskyttet, og {wal.name} har ændringer, som endnu ikke står i "
            "databasefilen; de kan kun læses med skriveadgang til mappen",
        )
    return {**options, "immutable": "1"}


def connect_sqlite(path: Path, busy_timeout_ms: int, *, read_only: bool) -> sqlite3.Connection:
    """A ``sqlite3`` connection in autocommit mode: transactions are begun explicitly."""
    target = str(path)
    if read_only:
        target = f"file:{quote(str(path))}?{urlencode(read_only_options(path))}"
    connection = sqlite3.connect(
        target,
        timeout=busy_timeout_ms / 1000,
        isolation_level=None,
        check_same_thread=False,  # used by one thread; closed by whichever closes the Database
        uri=read_only,
    )
    try:
        sqlite_pragmas(connection, busy_timeout_ms, read_only=read_only)
    except BaseException:
        connection.close()
        raise
    return connection


# ---- values in and out -------------------------------------------------------------------


def as_uuid(value: Any) -> uuid.UUID | None:
    """A stored UUID: SQLite holds 32 hex digits, PostgreSQL a uuid."""
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(hex=str(value))


def as_utc(value: Any) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite holds naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _bind_sqlite(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError("naive datetime: store aware UTC datetimes only")
        return value.astimezone(UTC).strftime(_SQLITE_DATETIME)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _bind_native(value: Any) -> Any:
    if isinstance(value, datetime) and value.utcoffset() is None:
        raise ValueError("naive datetime: store aware UTC datetimes only")
    return value


class Executor:
    """Runs plain SQL with ``:name`` parameters on one connection, in its transaction."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self._bind = _bind_sqlite if dialect == "sqlite" else _bind_native

    def params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {name: self._bind(value) for name, value in values.items()}

    def rows(self, sql: str, values: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def run_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run ``sql`` once per row (nothing for no rows)."""
        if rows:
            self._many(sql, [self.params(row) for row in rows])

    def _many(self, sql: str, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError


class SqliteExecutor(Executor):
    def __init__(self, connection: sqlite3.Connection) -> None:
        super().__init__("sqlite")
        self.connection = connection

    def rows(self, sql: str, values: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, self.params(values or {})).fetchall()

    def _many(self, sql: str, rows: list[dict[str, Any]]) -> None:
        self.connection.executemany(sql, rows)


class AlchemyExecutor(Executor):
    """On a SQLAlchemy connection, through its driver (``exec_driver_sql``)."""

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection.dialect.name)
        self.connection = connection
        self._paramstyle = connection.dialect.paramstyle

    def _sql(self, sql: str) -> str:
        if self._paramstyle in ("pyformat", "format"):  # psycopg
            return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
        return sql  # pysqlite takes ``:name`` with a dict

    def rows(self, sql: str, values: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        result = self.connection.exec_driver_sql(self._sql(sql), self.params(values or {}))
        return [tuple(row) for row in result] if result.returns_rows else []

    def _many(self, sql: str, rows: list[dict[str, Any]]) -> None:
        self.connection.exec_driver_sql(self._sql(sql), rows)


# ---- the database ------------------------------------------------------------------------


class Database:
    """An open database: a readable name for messages, SQL through :meth:`transaction` and
    :meth:`reading`, and SQLAlchemy's engine (:attr:`engine`, made on first use when the
    database was opened without it)."""

    def __init__(
        self,
        engine: Engine | None,
        location: str,
        *,
        make_engine: Callable[[], Engine] | None = None,
        busy_timeout_ms: int = 5000,
        sqlite_path: Path | None = None,
        read_only: bool = False,
        connection: sqlite3.Connection | None = None,
    ) -> None:
        if engine is None and make_engine is None:
            raise ValueError("a Database needs an engine or a way to make one")
        self._engine = engine
        self.location = location
        self._make_engine = make_engine
        self._busy_timeout_ms = busy_timeout_ms
        self._sqlite_path = sqlite_path
        self._read_only = read_only
        # SQLite: each thread its own connection (the desk's writer, the readers on the
        # thread pool): WAL lets them read while another writes, and none waits for a lock
        # in this process. The opener's connection is its thread's.
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        if connection is not None:
            self._adopt(connection)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            assert self._make_engine is not None
            self._engine = self._make_engine()
        return self._engine

    @property
    def is_sqlite(self) -> bool:
        if self._sqlite_path is not None:
            return True
        return self.engine.dialect.name == "sqlite"

    def _adopt(self, connection: sqlite3.Connection) -> None:
        with self._lock:
            self._connections.append(connection)
        self._local.connection = connection

    def _sqlite(self) -> sqlite3.Connection:
        """The calling thread's connection (made on its first use)."""
        if self._closed:
            raise DatabaseUnavailableError(self.location, "lukket")
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            assert self._sqlite_path is not None
            connection = connect_sqlite(
                self._sqlite_path, self._busy_timeout_ms, read_only=self._read_only
            )
            self._adopt(connection)
        return connection

    @contextmanager
    def _sqlite_transaction(self, begin: str) -> Iterator[Executor]:
        with translate_errors(self.location):
            connection = self._sqlite()
            connection.execute(begin)
            try:
                yield SqliteExecutor(connection)
            except BaseException:
                connection.rollback()
                raise
            connection.commit()

    @contextmanager
    def _executor(self, *, write: bool) -> Iterator[Executor]:
        if self._sqlite_path is not None:
            with self._sqlite_transaction("BEGIN IMMEDIATE" if write else "BEGIN") as executor:
                yield executor
            return
        engine = self.engine
        with translate_errors(self.location), engine.begin() if write else engine.connect() as c:
            yield AlchemyExecutor(c)

    def transaction(self) -> AbstractContextManager[Executor]:
        """One write transaction: committed (and on disk) when the block ends, rolled back on
        an error. On SQLite it takes the write lock at once (``BEGIN IMMEDIATE``), waiting
        up to the busy timeout for another program's write."""
        return self._executor(write=True)

    def reading(self) -> AbstractContextManager[Executor]:
        """Reads that see one consistent state of the database."""
        return self._executor(write=False)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for connection in connections:
            connection.close()
        if self._engine is not None:
            self._engine.dispose()
