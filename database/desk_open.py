"""Opening a desk's database for logging, the quick way when it can be taken.

A SQLite file whose schema is current is opened with ``sqlite3`` alone (database/handle.py);
anything else goes the full way through SQLAlchemy (database/engine.py), loaded only then.
This module sits above both, so neither needs the other's name at run time: the handle
never imports the engine module (no import cycle), it is handed a way to make its engine.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from database.handle import Database, check_sqlite_file, connect_sqlite, translate_errors
from database.schema import HEAD_REVISION

if TYPE_CHECKING:
    from sqlalchemy import Engine


def plain_sqlite_path(text: str) -> Path | None:
    """The file of a plain SQLite URL (``sqlite:///path``) or file path; None for anything
    else (PostgreSQL, in memory, URI options, escapes), which SQLAlchemy parses."""
    if "://" not in text and not text.startswith("sqlite:"):
        return Path(text).expanduser().absolute()
    prefix = "sqlite:///"
    if not text.startswith(prefix) or any(c in text for c in "?%#"):
        return None
    rest = text[len(prefix) :]
    if rest in ("", ":memory:") or rest.startswith("file:"):
        return None
    return Path(rest)


def _revision(connection: sqlite3.Connection) -> str | None:
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if found is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def open_desk_database(url: str, *, busy_timeout_ms: int = 5000) -> Database:
    """Open a desk's database for logging.

    A SQLite file whose schema is current (every start but the first after an install or an
    upgrade) is opened with ``sqlite3`` alone. Anything else (a new file, an older schema to
    upgrade, a newer one to refuse, PostgreSQL, an unusual URL) goes the full way,
    :func:`database.engine.open_database`. Raises a :class:`DatabaseError` subclass."""
    path = plain_sqlite_path(url)
    if path is not None and path.is_file():
        location = str(path)
        check_sqlite_file(path, location, read_only=False)
        with translate_errors(location):
            connection = connect_sqlite(path, busy_timeout_ms, read_only=False)
            try:
                current = _revision(connection) == HEAD_REVISION
            except BaseException:
                connection.close()
                raise
        if current:
            return Database(
                None,
                location,
                make_engine=lambda: _engine(url, busy_timeout_ms),
                busy_timeout_ms=busy_timeout_ms,
                sqlite_path=path,
                connection=connection,
            )
        connection.close()
    from database.engine import open_database  # noqa: PLC0415 - the full way, with SQLAlchemy

    return open_database(url, busy_timeout_ms=busy_timeout_ms)


def _engine(url: str, busy_timeout_ms: int) -> Engine:
    """SQLAlchemy's engine for the file the desk opened with ``sqlite3`` (on first use)."""
    from database.engine import engine_for  # noqa: PLC0415 - SQLAlchemy on first use

    return engine_for(url, busy_timeout_ms)
