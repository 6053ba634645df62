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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, inspect, select, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from database import roles
from database.engine import MIGRATIONS_DIR, parse_database_url, translate_errors
from database.errors import (
    DatabaseError,
    DatabaseUnavailableError,
    DatabaseUrlError,
    SchemaTooNewError,
)
from database.models import metadata
from database.schema import HEAD_REVISION, KNOWN_REVISIONS, UPGRADE_LOCK_KEY


class CentralError(DatabaseError):
    """Something about the central database that a person has to fix."""


class NotPostgresError(CentralError):
    """``central_url`` names another kind of database: the central one is PostgreSQL."""


class CentralUnreachableError(CentralError, DatabaseUnavailableError):
    """The server does not answer (down, wrong host or port, a firewall, no network)."""


class CentralLoginError(CentralError, DatabaseUnavailableError):
    """The server refused the login: wrong user name or password (or no password found)."""


class CentralPrivilegeError(CentralError, DatabaseUnavailableError):
    """The login lacks a privilege; ``detail`` names it (e.g. ``CREATEROLE``) or is the
    server's own message."""


class CentralNoDatabaseError(CentralError, DatabaseUnavailableError):
    """The server has no database of that name (``skranke central init`` creates it)."""


class CentralLoginTakenError(CentralError):
    """The login name belongs to another kind of login (``detail``: "desk", "read") or to a
    role Skranke did not make ("other"); Skranke never changes those."""


class CentralNotInitialisedError(CentralError):
    """The roles of ``skranke central init`` are missing: run it first."""


_UNREACHABLE = ("connection refused", "could not translate host name", "timeout expired",
                "no route to host", "timed out", "network is unreachable",
                "name or service not known", "could not connect")  # fmt: skip
_LOGIN = ("password authentication failed", "no password supplied", "authentication failed")


@contextmanager
def central_errors(location: str) -> Iterator[None]:
    """Like ``translate_errors``, but says which of the things an administrator can fix
    went wrong: the server unreachable, the login refused, a privilege missing."""
    try:
        with translate_errors(location):
            yield
    except DatabaseUnavailableError as error:
        if isinstance(error, CentralError):
            raise
        cause = error.__cause__
        original = getattr(cause, "orig", None)
        state = getattr(original, "sqlstate", None)
        message = error.detail.lower()
        if state == "42501" or "permission denied" in message or "must be owner" in message:
            raise CentralPrivilegeError(location, error.detail) from error
        if any(words in message for words in _LOGIN) or (
            'role "' in message and "does not exist" in message
        ):
            raise CentralLoginError(location, error.detail) from error
        if 'database "' in message and "does not exist" in message:
            raise CentralNoDatabaseError(location, error.detail) from error
        if any(words in message for words in _UNREACHABLE):
            raise CentralUnreachableError(location, error.detail) from error
        raise


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
    """An engine for the central database that opens a fresh connection each time.

    Not a pool: a pooled connection is checked (pre-ping) before the pusher's watchdog can
    cover it, and on a link that still acknowledges but forwards nothing that check waited
    forever. A fresh connection is bounded by libpq's ``connect_timeout``, everything after
    it by the watchdog; and an idle desk holds no connection on the server.

    The password is never in the URL a desk is given: libpq reads it from ``PGPASSWORD`` or
    from a password file readable by the user only (``PGPASSFILE``, ``~/.pgpass``).
    """
    return create_engine(
        central_url(text_url),
        poolclass=NullPool,
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
    centre: str | None = None  # migration 0005: the desk's centre, if it has one set


def desks_heard_from(text_url: str, timeouts: Timeouts | None = None) -> list[DeskHeardFrom]:
    """Every desk that has pushed, by municipality and name."""
    engine = central_engine(text_url, timeouts)
    table = metadata.tables["desk_sync"]
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


def _admin_engine(url: URL, **options: Any) -> Engine:
    """A one-off connection for an administrator's command; gives up connecting after 10 s."""
    connect = {"connect_timeout": 10, "application_name": "skranke-admin"}
    return create_engine(url, poolclass=NullPool, connect_args=connect, **options)


def upgrade_central(text_url: str) -> CentralUpgrade:
    """Bring the central schema to this version's ``HEAD_REVISION``, in one transaction
    under an advisory lock: a second caller waits, then finds nothing left to do. Never
    touches a schema written by a newer Skranke (SchemaTooNewError). Once ``init_central``
    has made the roles, the migrations run as the owner role and every grant and policy is
    applied again afterwards, so a table a new release adds is covered at once."""
    engine = _admin_engine(central_url(text_url))
    location = location_of(engine)
    try:
        with central_errors(location), engine.begin() as conn:
            return _upgrade(conn, location)
    finally:
        engine.dispose()


def _upgrade(conn: Connection, location: str) -> CentralUpgrade:
    from alembic import command  # noqa: PLC0415 - Alembic is only loaded when needed
    from alembic.config import Config  # noqa: PLC0415

    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
    before = revision_in(conn)
    if before is not None and before not in KNOWN_REVISIONS:
        raise SchemaTooNewError(location, before)
    managed = roles.roles_exist(conn)
    if managed:
        roles.take_ownership(conn)
    if before != HEAD_REVISION:
        if managed:
            conn.execute(text(f"SET LOCAL ROLE {roles.OWNER}"))  # the owner owns new tables
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        if managed:
            conn.execute(text("RESET ROLE"))
    if managed:
        roles.apply_access(conn)
    return CentralUpgrade(before, HEAD_REVISION)


@dataclass(frozen=True)
class CentralInit:
    """What ``init_central`` did; ``changed`` is False when it found everything in place."""

    created_database: bool
    created_roles: list[str]
    schema: CentralUpgrade
    access_changed: bool
    database: str = ""
    host: str = ""
    port: int = 5432
    logins: list[roles.Login] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return (
            self.created_database
            or bool(self.created_roles)
            or self.schema.changed
            or self.access_changed
        )


def init_central(text_url: str) -> CentralInit:
    """Create the database (if missing), the group roles, the schema and every grant and
    policy. Run by an administrator: a superuser, or a role with CREATEROLE (and CREATEDB
    when the database is missing). Running it again changes nothing."""
    url = central_url(text_url)
    name = url.database or ""
    location = url.render_as_string(hide_password=True)
    if not name or name == "postgres":
        raise DatabaseUrlError(location, "invalid", "no database name")
    admin = _admin_engine(roles.maintenance_url(url), isolation_level="AUTOCOMMIT")
    try:
        with central_errors(location), admin.connect() as conn:
            # Two administrators at once: the second waits (released when it disconnects).
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
            exists = roles.database_exists(conn, name)
            missing = roles.admin_rights(conn).missing(need_database=not exists)
            if missing:
                raise CentralPrivilegeError(location, " og ".join(missing))
            created_roles = roles.create_groups(conn)
            if not exists:
                conn.execute(text(f"CREATE DATABASE {roles.quote(conn, name)}"))
            roles.lock_database(conn, name)
    finally:
        admin.dispose()
    engine = _admin_engine(url)
    try:
        with central_errors(location), engine.begin() as conn:
            before = roles.access_fingerprint(conn)
            schema = _upgrade(conn, location)
            changed = roles.access_fingerprint(conn) != before
            logins = list(roles.logins(conn))
    finally:
        engine.dispose()
    return CentralInit(not exists, created_roles, schema, changed, name, url.host or "localhost",
                       url.port or 5432, logins)  # fmt: skip


def access_fingerprint_of(text_url: str) -> str:
    """A digest of the database's owners, grants and policies (for tests and audits)."""
    engine = _admin_engine(central_url(text_url))
    try:
        with central_errors(location_of(engine)), engine.connect() as conn:
            return roles.access_fingerprint(conn)
    finally:
        engine.dispose()


def add_login(text_url: str, login: roles.Login, password: str) -> bool:
    """Create (True) or update (False: a new password, other municipalities) a desk's or a
    reader's login. The password is stored only as a SCRAM verifier, on the server."""
    url = central_url(text_url)
    location = url.render_as_string(hide_password=True)
    engine = _admin_engine(url)
    try:
        with central_errors(location), engine.begin() as conn:
            if not roles.roles_exist(conn) or not inspect(conn).has_table(
                "login", schema=roles.ACCESS
            ):
                raise CentralNotInitialisedError(location, "skranke central init")
            kind = roles.kind_of(conn, login.login)
            if kind not in (None, login.kind):
                raise CentralLoginTakenError(location, kind or "")
            return roles.save_login(conn, login, password)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class SummaryCheck:
    """The stored summaries against a fresh count of the live contacts, in one snapshot."""

    contacts: int  # live contacts counted
    differing: dict[str, int]  # summary table -> rows whose stored count is not the fresh one
    repaired: bool = False  # the summaries were rewritten from the fresh count

    @property
    def agrees(self) -> bool:
        return not any(self.differing.values())


def check_summaries(text_url: str, *, repair: bool = False, chunk: int = 5000) -> SummaryCheck:
    """Count every live contact again with the same code the desks and the pusher use, and
    compare with the stored summaries (a desk login can change its own desk's counts). Run it
    as the administrator or a reader of all municipalities. ``repair`` (the administrator):
    rewrite the summaries that differ from the fresh count, while pushes wait."""
    from database.handle import AlchemyExecutor  # noqa: PLC0415 - loaded when needed
    from database.repository import contact_rows  # noqa: PLC0415
    from database.summaries import TABLES, SummaryChanges, count_in, stored  # noqa: PLC0415

    contacts = metadata.tables["contact"]
    engine = _admin_engine(central_url(text_url))
    try:
        with central_errors(location_of(engine)), engine.connect() as conn:
            snapshot = conn.execution_options(isolation_level="REPEATABLE READ")
            with snapshot.begin():
                if repair:  # no add or void in between; pushes wait, then carry on
                    names = ", ".join(table.name for table in TABLES)
                    snapshot.execute(text(f"LOCK TABLE contact, {names} IN EXCLUSIVE MODE"))
                live = select(contacts.c.id).where(contacts.c.voided_at.is_(None))
                ids = list(snapshot.execute(live).scalars())
                fresh = SummaryChanges()
                for start in range(0, len(ids), chunk):
                    found, _desk_ids = contact_rows(snapshot, ids[start : start + chunk])
                    count_in(fresh, found.values(), +1)
                expected, actual = fresh.nonzero(), stored(snapshot)
                differing = _differing(expected, actual)
                if repair and any(differing.values()):
                    for table in TABLES:
                        snapshot.execute(table.delete())
                    fresh.write(AlchemyExecutor(snapshot))
    finally:
        engine.dispose()
    return SummaryCheck(len(ids), differing, repair and any(differing.values()))


def _differing(
    expected: dict[str, dict[tuple[Any, ...], int]], actual: dict[str, dict[tuple[Any, ...], int]]
) -> dict[str, int]:
    differing = {}
    for name in sorted(expected.keys() | actual.keys()):
        want, have = expected.get(name, {}), actual.get(name, {})
        differing[name] = sum(want.get(key) != have.get(key) for key in want.keys() | have.keys())
    return differing
