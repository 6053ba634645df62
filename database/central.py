"""The central PostgreSQL that every desk pushes to: its connection and its schema.

The central database runs the same Alembic revisions as a desk's SQLite file (one schema,
so the repositories and reports work on both). Desks never migrate it: an administrator
runs ``upgrade_central`` (``skranke central upgrade``) once per release, under a PostgreSQL
advisory lock, so several started at once never race. A desk whose ``HEAD_REVISION``
differs from the central database's keeps logging locally and pauses pushing (see
database/sync.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, inspect, select, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from database.engine import MIGRATIONS_DIR, parse_database_url, translate_errors
from database.errors import DatabaseError, SchemaTooNewError
from database.models import Base
from database.schema import HEAD_REVISION, KNOWN_REVISIONS, UPGRADE_LOCK_KEY


class CentralError(DatabaseError):
    """Something about the central database that a person has to fix."""


class NotPostgresError(CentralError):
    """``central_url`` names another kind of database: the central one is PostgreSQL."""


class CentralSchemaMismatchError(CentralError):
    """The central schema is not this desk's: ``central`` is its revision (None: empty)."""

    def __init__(self, location: str, central: str | None) -> None:
        self.central = central
        self.desk = HEAD_REVISION
        super().__init__(location, f"central schema {central}, this desk {HEAD_REVISION}")

    @property
    def central_is_older(self) -> bool:
        """True: the administrator must upgrade the central database; False: this desk
        is the older one and needs the new Skranke."""
        return self.central is None or self.central in KNOWN_REVISIONS


@dataclass(frozen=True)
class Timeouts:
    """How quickly a dead link or a stuck server is noticed (seconds)."""

    connect: int = 5  # libpq's connect_timeout (its minimum is 2)
    keepalive_idle: int = 5  # an idle connection is probed after this many seconds
    keepalive_interval: int = 2
    keepalive_count: int = 3
    user_timeout: int = 10  # unacknowledged data for this long: the link is dead
    statement: int = 15  # the server gives up a statement after this long
    # ... and a transaction left open by a desk that vanished mid-push, after this long (its
    # row locks would hold up that desk's next push of the same contacts).
    idle_in_transaction: int = 30


def central_url(text_url: str) -> URL:
    """The parsed URL of the central database; raises a DatabaseError (a clear message)."""
    url = parse_database_url(text_url)
    if url.get_backend_name() != "postgresql":
        raise NotPostgresError(url.render_as_string(hide_password=True), url.drivername)
    return url


def connect_args(timeouts: Timeouts) -> dict[str, Any]:
    """libpq options (through psycopg) for a desk's connection to the central database."""
    return {
        "connect_timeout": timeouts.connect,
        "keepalives": 1,
        "keepalives_idle": timeouts.keepalive_idle,
        "keepalives_interval": timeouts.keepalive_interval,
        "keepalives_count": timeouts.keepalive_count,
        "tcp_user_timeout": timeouts.user_timeout * 1000,
        "options": (
            f"-c statement_timeout={timeouts.statement * 1000} "
            f"-c idle_in_transaction_session_timeout={timeouts.idle_in_transaction * 1000}"
        ),
        "application_name": "skranke",
    }


def central_engine(text_url: str, timeouts: Timeouts | None = None) -> Engine:
    """An engine for the central database: one pooled connection, checked before use.

    The password is never in the URL a desk is given: libpq reads it from ``PGPASSWORD`` or
    from a password file readable by the user only (``PGPASSFILE``, ``~/.pgpass``).
    """
    return create_engine(
        central_url(text_url),
        pool_size=1,
        max_overflow=0,
        pool_pre_ping=True,
        connect_args=connect_args(timeouts or Timeouts()),
    )


def location_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def revision_in(conn: Connection) -> str | None:
    """The central database's schema revision (None: an empty database)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


@dataclass(frozen=True)
class DeskHeardFrom:
    """A desk's ``desk_sync`` row: when the central database last heard from it."""

    desk_id: uuid.UUID
    desk: str
    municipality: str
    last_sequence: int
    last_push_at: datetime
    app_version: str


def desks_heard_from(text_url: str, timeouts: Timeouts | None = None) -> list[DeskHeardFrom]:
    """Every desk that has pushed, by municipality and name."""
    engine = central_engine(text_url, timeouts)
    table = Base.metadata.tables["desk_sync"]
    query = select(*table.columns).order_by(table.c.municipality, table.c.desk)
    try:
        with translate_errors(location_of(engine)), engine.connect() as conn:
            return [DeskHeardFrom(**row._asdict()) for row in conn.execute(query)]
    finally:
        engine.dispose()


@dataclass(frozen=True)
class CentralUpgrade:
    before: str | None  # None: the database was empty
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def upgrade_central(text_url: str) -> CentralUpgrade:
    """Bring the central schema to this version's ``HEAD_REVISION``, in one transaction
    under an advisory lock: a second caller waits, then finds nothing left to do. Never
    touches a schema written by a newer Skranke (SchemaTooNewError)."""
    from alembic import command  # noqa: PLC0415 - Alembic is only loaded when needed
    from alembic.config import Config  # noqa: PLC0415

    engine = create_engine(central_url(text_url), poolclass=NullPool)
    location = location_of(engine)
    try:
        with translate_errors(location), engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
            before = revision_in(conn)
            if before is not None and before not in KNOWN_REVISIONS:
                raise SchemaTooNewError(location, before)
            if before != HEAD_REVISION:
                config = Config()
                config.set_main_option("script_location", str(MIGRATIONS_DIR))
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
    finally:
        engine.dispose()
    return CentralUpgrade(before, HEAD_REVISION)
