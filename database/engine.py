"""Opening the database: SQLite by default (WAL, durable commits), PostgreSQL when configured.

``open_database`` checks the file, classifies every failure into a typed error that names the
database, and upgrades the schema with Alembic when (and only when) it is behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, exc, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from database.errors import (
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    DatabaseUrlError,
    NotADatabaseError,
    SchemaTooNewError,
)
from database.handle import (
    Database,
    check_sqlite_file,
    read_only_options,
    sqlite_pragmas,
    translate_errors,
    writable,
)
from database.schema import HEAD_REVISION, KNOWN_REVISIONS, UPGRADE_LOCK_KEY

__all__ = [  # Database and translate_errors are re-exported: most callers open here
    "MIGRATIONS_DIR",
    "Database",
    "current_revision",
    "engine_for",
    "open_database",
    "parse_database_url",
    "sqlite_url",
    "translate_errors",
    "upgrade_schema",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string()


def parse_database_url(text: str) -> URL:
    """The URL of ``text``: a SQLAlchemy URL, or a plain file path (``data/x.sqlite3``,
    ``C:\\Skranke\\x.sqlite3``), which means a SQLite file. Raises :class:`DatabaseUrlError`."""
    if "://" not in text and not text.startswith("sqlite:"):
        return URL.create("sqlite", database=str(Path(text).expanduser().absolute()))
    try:
        url = make_url(text)
    except exc.ArgumentError as error:
        raise DatabaseUrlError(text, "invalid", str(error)) from error
    location = url.render_as_string(hide_password=True)
    if url.drivername.split("+")[0] == "postgres":
        raise DatabaseUrlError(location, "postgres", url.drivername)
    try:
        dialect = url.get_dialect()
    except exc.NoSuchModuleError as error:
        raise DatabaseUrlError(location, "unknown_type", url.drivername) from error
    try:
        dialect.import_dbapi()
    except ImportError as error:
        raise DatabaseUrlError(location, "missing_driver", error.name or str(error)) from error
    return url


def _sqlite_path(url: URL) -> Path | None:
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):
        return Path(database[5:].split("?", 1)[0])
    return Path(database)


def _url_read_only(url: URL) -> bool:
    return "mode=ro" in (url.database or "") or url.query.get("mode") == "ro"


def _read_only_url(url: URL, path: Path) -> URL:
    """The same SQLite file, opened read-only (an SQLite URI with ``mode=ro``, and
    ``immutable=1`` in a write-protected folder: see ``read_only_options``)."""
    return url.set(database=f"file:{quote(str(path))}").update_query_dict(
        {**read_only_options(path), "uri": "true"}
    )


def _make_engine(url: URL, busy_timeout_ms: int, *, read_only: bool = False) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(
        url,
        poolclass=NullPool if _sqlite_path(url) is None else None,
        connect_args={"timeout": busy_timeout_ms / 1000},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        sqlite_pragmas(dbapi_connection, busy_timeout_ms, read_only=read_only)

    return engine


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at; None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def _backup(engine: Engine, path: Path, revision: str) -> Path:
    """Copy the database before a schema upgrade (SQLite's online backup)."""
    target = path.with_name(f"{path.name}.before-{HEAD_REVISION}-from-{revision}.bak")
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(target) as destination:
            source.backup(destination)
        destination.close()
    finally:
        raw.close()
    return target


@contextmanager
def _upgrade_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a whole upgrade, holding the lock that keeps others out.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: pysqlite's legacy transaction
    handling runs DDL outside any transaction (a CREATE TABLE survived a failed migration), so
    for this one connection the driver's handling is switched off and the upgrade takes the
    write lock itself (``BEGIN IMMEDIATE``) before it reads the schema's revision. Programs
    started at once on one new file then wait for each other (up to the busy timeout) and find
    nothing left to do, and an upgrade cut off half-way leaves the old schema intact. The
    engine's other connections (the clicks) keep their settings."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": UPGRADE_LOCK_KEY})
            yield conn
        return
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        legacy = driver.isolation_level
        driver.isolation_level = None  # no implicit BEGIN or COMMIT: the statements below rule
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            if driver.in_transaction:  # never hand a connection back inside a transaction
                driver.rollback()
            driver.isolation_level = legacy


def upgrade_schema(engine: Engine, location: str) -> None:
    """Bring the schema to ``HEAD_REVISION`` with Alembic, in one transaction under a lock
    (see ``_upgrade_transaction``)."""
    from alembic import command  # noqa: PLC0415 - Alembic is only loaded when needed
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with translate_errors(location), _upgrade_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _open_sqlite_for_reading(url: URL, path: Path, busy_timeout_ms: int) -> Database:
    """A read-only SQLite file, for commands that only read: it must exist and be current."""
    location = str(path)
    if not path.is_file():
        raise DatabaseUnavailableError(
            location, "det er en mappe" if path.exists() else "filen findes ikke"
        )
    engine = _make_engine(_read_only_url(url, path), busy_timeout_ms, read_only=True)
    try:
        with translate_errors(location):
            revision = current_revision(engine)
        if revision is None:
            raise NotADatabaseError(location, "ingen Skranke-tabeller")
        if revision not in KNOWN_REVISIONS:
            raise SchemaTooNewError(location, revision)
        if revision != HEAD_REVISION:
            raise DatabaseReadOnlyError(
                location, f"skema {revision} skal opgraderes, og det kræver skriveadgang"
            )
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, location, sqlite_path=path, read_only=True)


def engine_for(url: str, busy_timeout_ms: int, *, read_only: bool = False) -> Engine:
    """SQLAlchemy's engine for a database already opened (see ``Database.engine``)."""
    parsed = parse_database_url(url)
    path = _sqlite_path(parsed)
    if read_only and path is not None:
        return _make_engine(_read_only_url(parsed, path), busy_timeout_ms, read_only=True)
    return _make_engine(parsed, busy_timeout_ms)


def open_database(
    url: str,
    *,
    busy_timeout_ms: int = 5000,
    upgrade: bool = True,
    writes: bool = True,
) -> Database:
    """Open (and create) the database at ``url`` and bring its schema up to date.

    ``url`` may also be a plain file path (a SQLite file). With ``writes=False`` (a command
    that only reads) a read-only SQLite file is opened read-only instead of refused.
    Raises a :class:`DatabaseError` subclass that names the database; never changes a
    database written by a newer Skranke.
    """
    parsed = parse_database_url(url)
    path = _sqlite_path(parsed)
    location = str(path) if path is not None else parsed.render_as_string(hide_password=True)
    if path is not None:
        read_only = _url_read_only(parsed)
        if (read_only or not writes) and not path.exists():  # reading creates nothing
            raise DatabaseUnavailableError(location, "filen findes ikke")
        if not writes and (read_only or not writable(path)):
            return _open_sqlite_for_reading(parsed, path, busy_timeout_ms)
        check_sqlite_file(path, location, read_only)
    engine = _make_engine(parsed, busy_timeout_ms)
    database = Database(engine, location, busy_timeout_ms=busy_timeout_ms, sqlite_path=path)
    try:
        with translate_errors(location):
            revision = current_revision(engine)
        if revision == HEAD_REVISION:
            return database
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise SchemaTooNewError(location, revision)
        if not upgrade:
            return database
        if revision is not None and path is not None:
            with translate_errors(location):
                _backup(engine, path, revision)
        upgrade_schema(engine, location)
    except BaseException:
        database.close()
        raise
    return database
