"""Who may do what in the central PostgreSQL: roles, grants and row-level security.

``skranke central init`` (``init_central``) creates the database if missing, three group
roles, the schema (``upgrade_central``) and the access rules; ``add_login`` adds a desk's or a
reader's login. The rules are applied again after every ``upgrade_central``, by a rule over the
live catalogue, so a table added by a later migration is covered without a code change:

- ``skranke_owner`` (NOLOGIN) owns every table; nobody logs in as it.
- ``skranke_desk``: a desk's login pushes as ONE desk name, for its municipalities (the
  hotline desk: several). On ``contact`` it may INSERT its own rows, read only ``id`` and
  ``voided_at`` of its own rows (what the push statements need), and set ``voided_at`` once
  (a trigger refuses changing a void; the policy refuses setting it back to NULL). Hand-outs:
  INSERT for its own contacts. The summaries (every other table with ``desk`` and
  ``municipality`` columns) and ``desk_sync``: read and upsert its own desk's rows only (the
  pusher keeps the summaries in Python, the same code as the desk's SQLite). No DELETE,
  TRUNCATE, DDL or temporary tables.
- ``skranke_read``: SELECT only, and only the rows of the login's municipalities (contacts,
  hand-outs through their contact, summaries, desk_sync); a login with no municipality list
  sees all.

Every table without a rule (none today but ``sync_outbox``, which is the desk's own) gets no
grant at all: a new table is invisible to desks and readers until a rule covers it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

OWNER = "skranke_owner"
DESK = "skranke_desk"
READ = "skranke_read"
GROUPS = (OWNER, DESK, READ)
ACCESS = "skranke_access"  # the schema of the login table and the policies' functions

_LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def desk_login_name(desk: str, municipality: str) -> str:
    """The default login of a desk: ``skranke_165_raadhuset_3`` for desk "Rådhuset 3" of 165."""
    slug = re.sub(r"[^a-z0-9]+", "_", desk.lower().translate(_DANISH)).strip("_")
    return f"skranke_{municipality}_{slug}"[:63].rstrip("_")


def valid_login_name(name: str) -> bool:
    return (
        _LOGIN_NAME.fullmatch(name) is not None
        and name not in GROUPS
        and not name.startswith("pg_")  # reserved by PostgreSQL
    )


def new_password() -> str:
    return secrets.token_urlsafe(18)


# --- the access rules -------------------------------------------------------------------------

_FUNCTIONS = (
    """CREATE TABLE IF NOT EXISTS skranke_access.login (
        login name PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('desk', 'read')),
        desk varchar(40),
        municipalities varchar(3)[])""",
    """CREATE OR REPLACE FUNCTION skranke_access.desk_of(who name) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
        AS $$ SELECT desk FROM skranke_access.login WHERE login = who AND kind = 'desk' $$""",
    """CREATE OR REPLACE FUNCTION skranke_access.municipalities_of(who name) RETURNS varchar[]
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
        AS $$ SELECT coalesce(municipalities, '{}') FROM skranke_access.login
              WHERE login = who $$""",
    """CREATE OR REPLACE FUNCTION skranke_access.sees_all(who name) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
        AS $$ SELECT EXISTS (SELECT 1 FROM skranke_access.login
                             WHERE login = who AND municipalities IS NULL) $$""",
    """CREATE OR REPLACE FUNCTION skranke_access.serves(who name, desk text, municipality text)
        RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
        AS $$ SELECT EXISTS (
            SELECT 1 FROM skranke_access.login AS d, skranke_access.login AS r
            WHERE d.kind = 'desk' AND d.desk = serves.desk
              AND serves.municipality = ANY (d.municipalities)
              AND r.login = who AND d.municipalities && r.municipalities) $$""",
    """CREATE OR REPLACE FUNCTION skranke_access.void_once() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
        AS $$ BEGIN
            RAISE EXCEPTION 'contact % is already voided (at %): a void is final', OLD.id,
                OLD.voided_at USING ERRCODE = 'insufficient_privilege';
        END $$""",
    "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA skranke_access FROM PUBLIC",
    f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA skranke_access TO {DESK}, {READ}",
    f"GRANT USAGE ON SCHEMA skranke_access TO {DESK}, {READ}",
    "REVOKE ALL ON skranke_access.login FROM PUBLIC",
)

# Scalar sub-selects: evaluated once per query (an InitPlan), not once per row.
_OWN_MUNICIPALITY = (
    f"((SELECT {ACCESS}.sees_all(current_user)) "
    f"OR municipality = ANY (CAST((SELECT {ACCESS}.municipalities_of(current_user)) "
    "AS varchar[])))"
)
_OWN_DESK = f"(desk = (SELECT {ACCESS}.desk_of(current_user)) AND {_OWN_MUNICIPALITY})"
_OWN_CONTACT = "(EXISTS (SELECT 1 FROM contact AS c WHERE c.id = contact_id))"  # under its RLS


@dataclass(frozen=True)
class _Policy:
    name: str
    command: str  # SELECT, INSERT, UPDATE, ALL
    role: str
    using: str | None
    check: str | None = None

    def sql(self, table: str) -> str:  # ``table``: quoted
        sql = f"CREATE POLICY {self.name} ON {table} FOR {self.command} TO {self.role}"
        if self.using is not None:
            sql += f" USING {self.using}"
        if self.check is not None:
            sql += f" WITH CHECK {self.check}"
        return sql


@dataclass(frozen=True)
class _Rule:
    """What desks and readers get on one table."""

    desk: tuple[str, ...]  # GRANT ... TO skranke_desk (may name columns)
    read: bool
    policies: tuple[_Policy, ...]


_READ_OWN = _Policy("skranke_read_own", "SELECT", READ, _OWN_MUNICIPALITY)
_CONTACT = _Rule(
    desk=("INSERT", "SELECT (id, voided_at)", "UPDATE (voided_at)"),
    read=True,
    policies=(
        _READ_OWN,
        _Policy("skranke_desk_read", "SELECT", DESK, _OWN_DESK),
        _Policy("skranke_desk_add", "INSERT", DESK, None, _OWN_DESK),
        _Policy("skranke_desk_void", "UPDATE", DESK, _OWN_DESK, "(voided_at IS NOT NULL)"),
    ),
)
_HANDOUT = _Rule(
    desk=("INSERT", "SELECT"),  # ON CONFLICT (its key) reads the key columns
    read=True,
    policies=(
        _Policy("skranke_read_own", "SELECT", READ, _OWN_CONTACT),
        _Policy("skranke_desk_read", "SELECT", DESK, _OWN_CONTACT),
        _Policy("skranke_desk_add", "INSERT", DESK, None, _OWN_CONTACT),
    ),
)
_PER_DESK = _Rule(  # the summaries: upserted by the pusher
    desk=("SELECT", "INSERT", "UPDATE"),
    read=True,
    policies=(_READ_OWN, _Policy("skranke_desk_own", "ALL", DESK, _OWN_DESK, _OWN_DESK)),
)
# desk_sync: also the desks that log for one of the reader's municipalities (the hotline desk
# is heard from by every municipality it serves); a small table, so a call per row is cheap.
_DESK_SYNC = _Rule(
    desk=_PER_DESK.desk,
    read=True,
    policies=(
        _Policy(
            "skranke_read_own",
            "SELECT",
            READ,
            f"({_OWN_MUNICIPALITY} OR {ACCESS}.serves(current_user, desk, municipality))",
        ),
        *_PER_DESK.policies[1:],
    ),
)
_PER_MUNICIPALITY = _Rule(desk=(), read=True, policies=(_READ_OWN,))
_SHARED = _Rule(desk=("SELECT",), read=True, policies=())  # alembic_version: no rows to hide
_NONE = _Rule(desk=(), read=False, policies=())
_DESK_LOCAL = {"sync_outbox"}


def rule_for(table: str, columns: Iterable[str]) -> _Rule:
    """The rule for a table, from its name and columns (so later tables are covered)."""
    names = set(columns)
    by_name = {"alembic_version": _SHARED, "contact": _CONTACT, "desk_sync": _DESK_SYNC}
    by_columns = (  # the first that applies
        ("contact_id" in names and "municipality" not in names, _HANDOUT),
        ({"desk", "municipality"} <= names, _PER_DESK),
        ("municipality" in names, _PER_MUNICIPALITY),
    )
    if table in _DESK_LOCAL:
        return _NONE
    if table in by_name:
        return by_name[table]
    return next((rule for applies, rule in by_columns if applies), _NONE)


def _tables(conn: Connection) -> dict[str, list[str]]:
    rows = conn.execute(
        text(
            "SELECT c.relname, a.attname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum"
        )
    )
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(str(table), []).append(str(column))
    return tables


def roles_exist(conn: Connection) -> bool:
    found = conn.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"), {"names": list(GROUPS)}
    ).scalar_one()
    return int(found) == len(GROUPS)


def take_ownership(conn: Connection) -> None:
    """Hand every table in ``public`` to the owner role (tables made before ``init``), and
    let the owner create tables there (later migrations run as it)."""
    conn.execute(text(f"GRANT USAGE, CREATE ON SCHEMA public TO {OWNER}"))
    conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {ACCESS} AUTHORIZATION {OWNER}"))
    for table in conn.execute(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') "
            "AND c.relowner <> CAST(:owner AS regrole)"
        ),
        {"owner": OWNER},
    ).scalars():
        conn.execute(text(f"ALTER TABLE {quote(conn, table)} OWNER TO {OWNER}"))


def apply_access(conn: Connection) -> None:
    """(Re-)apply every grant and policy, as the owner role, in the caller's transaction.
    Applying it twice changes nothing (``access_fingerprint`` stays the same)."""
    conn.execute(text(f"SET LOCAL ROLE {OWNER}"))
    for statement in _FUNCTIONS:
        conn.execute(text(statement))
    for table, columns in _tables(conn).items():
        rule = rule_for(table, columns)
        quoted = quote(conn, table)
        conn.execute(text(f"REVOKE ALL ON {quoted} FROM PUBLIC, {DESK}, {READ}"))
        for privilege in rule.desk:
            conn.execute(text(f"GRANT {privilege} ON {quoted} TO {DESK}"))
        if rule.read:
            conn.execute(text(f"GRANT SELECT ON {quoted} TO {READ}"))
        existing = conn.execute(
            text(
                "SELECT polname FROM pg_policy WHERE polrelid = CAST(:t AS regclass) "
                "AND polname LIKE 'skranke%'"
            ),
            {"t": quoted},
        ).scalars()
        for name in list(existing):
            conn.execute(text(f"DROP POLICY {name} ON {quoted}"))
        for policy in rule.policies:
            conn.execute(text(policy.sql(quoted)))
        if rule.policies:
            conn.execute(text(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY"))
    conn.execute(text('DROP TRIGGER IF EXISTS skranke_void_once ON "contact"'))
    conn.execute(
        text(
            'CREATE TRIGGER skranke_void_once BEFORE UPDATE OF voided_at ON "contact" '
            "FOR EACH ROW WHEN (OLD.voided_at IS NOT NULL) "
            f"EXECUTE FUNCTION {ACCESS}.void_once()"
        )
    )
    conn.execute(text("RESET ROLE"))


_FINGERPRINT = """
SELECT md5(coalesce(string_agg(line, '|' ORDER BY line), '')) FROM (
    SELECT format('rel %s %s %s %s', c.oid::regclass, c.relowner::regrole, c.relacl,
                  c.relrowsecurity)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('public', 'skranke_access') AND c.relkind IN ('r', 'p', 'S', 'v')
    UNION ALL
    SELECT format('col %s %s %s', a.attrelid::regclass, a.attname, a.attacl)
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attacl IS NOT NULL
    UNION ALL
    SELECT format('pol %s %s %s %s %s %s', p.polrelid::regclass, p.polname, p.polcmd,
                  p.polroles::regrole[], pg_get_expr(p.polqual, p.polrelid),
                  pg_get_expr(p.polwithcheck, p.polrelid))
    FROM pg_policy p
    UNION ALL
    SELECT format('trg %s %s', t.tgrelid::regclass, pg_get_triggerdef(t.oid))
    FROM pg_trigger t WHERE NOT t.tgisinternal
    UNION ALL
    SELECT format('fn %s %s %s %s', p.oid::regprocedure, md5(p.prosrc), p.proacl,
                  p.proowner::regrole)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'skranke_access'
    UNION ALL
    SELECT format('nsp %s %s %s', nspname, nspowner::regrole, nspacl) FROM pg_namespace
    WHERE nspname IN ('public', 'skranke_access')
    UNION ALL
    SELECT format('db %s', datacl) FROM pg_database WHERE datname = current_database()
) AS lines(line)
"""


def access_fingerprint(conn: Connection) -> str:
    """A digest of every owner, grant, policy and trigger that ``apply_access`` sets."""
    return str(conn.execute(text(_FINGERPRINT)).scalar_one())


def lock_database(conn: Connection, database: str) -> None:
    """Only the desks and readers (and the owner) may connect; nobody makes temporary
    tables (run in the maintenance database or the database itself)."""
    quoted = quote(conn, database)
    conn.execute(text(f"REVOKE ALL ON DATABASE {quoted} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {quoted} TO {DESK}, {READ}, {OWNER}"))


def quote(conn: Connection, name: str) -> str:
    """``name`` as a quoted SQL identifier (a database name from the URL may hold anything)."""
    return str(conn.dialect.identifier_preparer.quote_identifier(name))


# --- the cluster-wide part: roles and the database ----------------------------------------------


@dataclass(frozen=True)
class AdminRights:
    superuser: bool
    create_role: bool
    create_db: bool

    def missing(self, *, need_database: bool) -> list[str]:
        if self.superuser:
            return []
        missing = [] if self.create_role else ["CREATEROLE"]
        if need_database and not self.create_db:
            missing.append("CREATEDB")
        return missing


def admin_rights(conn: Connection) -> AdminRights:
    row = conn.execute(
        text(
            "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user"
        )
    ).one()
    return AdminRights(bool(row[0]), bool(row[1]), bool(row[2]))


def create_groups(conn: Connection) -> list[str]:
    """The three group roles, those missing; the admin becomes a member of the owner so it
    can run migrations as it. Returns the roles created."""
    existing = set(
        conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(GROUPS)},
        ).scalars()
    )
    created = [name for name in GROUPS if name not in existing]
    for name in created:
        conn.execute(text(f"CREATE ROLE {name} NOLOGIN"))
    if not admin_rights(conn).superuser:
        member = conn.execute(
            text("SELECT pg_has_role(current_user, :owner, 'USAGE')"), {"owner": OWNER}
        ).scalar_one()
        if not member:
            conn.execute(text(f"GRANT {OWNER} TO current_user"))
    return created


def database_exists(conn: Connection, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    return found.first() is not None


def maintenance_url(url: URL) -> URL:
    return url.set(database="postgres")


# --- logins -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    login: str
    kind: str  # "desk" or "read"
    desk: str | None
    municipalities: tuple[str, ...] | None  # None: all


def scram_verifier(conn: Connection, login: str, password: str) -> str:
    """The password as a SCRAM verifier made on this side (libpq's PQencryptPasswordConn):
    the clear password never reaches the server or its log."""
    driver = conn.connection.driver_connection
    assert driver is not None
    digest: bytes = driver.pgconn.encrypt_password(
        password.encode(), login.encode(), b"scram-sha-256"
    )
    return digest.decode()


def kind_of(conn: Connection, name: str) -> str | None:
    """What the role ``name`` is: None (no such role), "desk" or "read" (a Skranke login),
    or "other" (a role Skranke did not make: never touched)."""
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is None:
        return None
    kind = conn.execute(
        text("SELECT kind FROM skranke_access.login WHERE login = :n"), {"n": name}
    ).scalar()
    return "other" if kind is None else str(kind)


def save_login(conn: Connection, login: Login, password: str) -> bool:
    """Create or update the login role and its row; returns True if the role is new."""
    group = DESK if login.kind == "desk" else READ
    new = (
        conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login.login}).first()
        is None
    )
    verifier = scram_verifier(conn, login.login, password).replace("'", "''")
    verb = "CREATE" if new else "ALTER"  # the verifier holds colons: no bind parameters
    conn.exec_driver_sql(f"{verb} ROLE {login.login} LOGIN PASSWORD '{verifier}'")
    conn.execute(text(f"GRANT {group} TO {login.login}"))
    conn.execute(
        text(
            "INSERT INTO skranke_access.login (login, kind, desk, municipalities) "
            "VALUES (:login, :kind, :desk, :municipalities) ON CONFLICT (login) DO UPDATE "
            "SET kind = excluded.kind, desk = excluded.desk, "
            "municipalities = excluded.municipalities"
        ),
        {
            "login": login.login,
            "kind": login.kind,
            "desk": login.desk,
            "municipalities": None if login.municipalities is None else list(login.municipalities),
        },
    )
    return new


def logins(conn: Connection) -> Sequence[Login]:
    rows = conn.execute(
        text("SELECT login, kind, desk, municipalities FROM skranke_access.login ORDER BY 2, 1")
    )
    return [Login(str(r[0]), str(r[1]), r[2], None if r[3] is None else tuple(r[3])) for r in rows]
