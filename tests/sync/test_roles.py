"""``skranke central init``'s roles, checked as an auditor would, against the real server:
the desk login can push and do nothing else; a reader sees only its municipalities; init
twice changes nothing; a table from a later migration gets the same rules."""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from database import roles
from database.central import (
    CentralPrivilegeError,
    SummaryCheck,
    access_fingerprint_of,
    add_login,
    check_summaries,
    init_central,
    upgrade_central,
)
from database.engine import MIGRATIONS_DIR
from database.errors import DatabaseUrlError
from database.reports import tally_in_database
from database.repository import ContactRepository
from database.schema import HEAD_REVISION, KNOWN_REVISIONS
from database.summaries import COUNTS, TABLES
from database.sync import SyncState
from skranke.report import Filters, Period
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from tests.sync.proxy import Proxy
from tests.sync.test_faults import push_held_before_commit, pushed_in_thread, via
from tests.sync.world import (
    START,
    Desk,
    assert_converged,
    central_database,
    make_desk,
    wait_for,
)

_names = itertools.count(1)


def _unique(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{next(_names)}"


@pytest.fixture
def central(postgres: PostgresServer) -> str:
    """A central database made by ``init`` (the admin's URL: the test superuser)."""
    url = postgres.url(_unique("central"))
    init_central(url)
    return url


def _login_url(url: str, login: str, password: str) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(False)


def desk_login(url: str, desk: Desk, *municipalities: str) -> str:
    """``add-desk`` for ``desk``: the URL its PC would push through (with the password)."""
    login = _unique("desk")
    password = roles.new_password()
    codes = municipalities or (desk.identity.municipality,)
    add_login(url, roles.Login(login, "desk", desk.identity.desk, codes), password)
    return _login_url(url, login, password)


def reader_login(url: str, *municipalities: str) -> str:
    login = _unique("reader")
    password = roles.new_password()
    add_login(url, roles.Login(login, "read", None, municipalities or None), password)
    return _login_url(url, login, password)


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[list[Desk]]:
    made = [make_desk(tmp_path, f"Skranke {n}") for n in (1, 2)]
    made.append(make_desk(tmp_path, "Skranke 1", municipality="161"))
    yield made
    for desk in made:
        desk.database.close()


def _summaries() -> list[str]:
    """The summary tables a desk upserts and a reader sees by municipality."""
    from database.models import metadata  # noqa: PLC0415

    return [
        table.name
        for table in metadata.tables.values()
        if {"desk", "municipality"} <= set(table.columns.keys())
        and table.name not in ("contact", "desk_sync")
    ]


def converged(url: str, desks: list[Desk]) -> None:
    """The central database (read as the administrator) equals the desks."""
    database = central_database(url)
    try:
        assert_converged(database, desks)
    finally:
        database.close()


def _connect(url: str) -> Connection:
    return create_engine(url, poolclass=NullPool).connect()


def refused(conn: Connection, sql: str, **params: object) -> str:
    """Run ``sql`` as ``conn``'s login; return the server's refusal (fail if it is allowed)."""
    with pytest.raises(DBAPIError) as refusal:
        conn.execute(text(sql), params)
    conn.rollback()
    return str(refusal.value.orig)


def _push(desk: Desk, url: str) -> None:
    pusher = desk.pusher(url)
    try:
        pusher.push_all()
    finally:
        pusher.close()


def test_init_creates_the_database_roles_and_schema_then_changes_nothing(
    postgres: PostgresServer,
) -> None:
    url = postgres.url(_unique("central"))
    first = init_central(url)
    assert first.created_database
    assert (first.schema.before, first.schema.after) == (None, HEAD_REVISION)
    assert first.changed
    fingerprint = access_fingerprint_of(url)
    again = init_central(url)
    assert (again.created_database, again.created_roles, again.changed) == (False, [], False)
    assert access_fingerprint_of(url) == fingerprint
    with _connect(url) as conn:
        owners = conn.execute(
            text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        ).scalars()
        assert set(owners) == {roles.OWNER}


def test_init_takes_over_a_database_made_by_hand(postgres: PostgresServer) -> None:
    """The set-up before init existed: a database made by hand and 'central upgrade'."""
    url = postgres.new_database()
    result = init_central(url)
    assert not result.created_database
    assert not result.schema.changed
    assert result.access_changed
    with _connect(url) as conn:
        owner = conn.execute(text("SELECT tableowner FROM pg_tables WHERE tablename = 'contact'"))
        assert owner.scalar_one() == roles.OWNER


def test_desk_login_pushes_adds_and_voids(
    central: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    for desk in desks:
        logged = desk.log(vocabulary, 3, handout=True)
        desk.log(vocabulary, 2)
        desk.repository.void(logged[0].id, START + timedelta(minutes=3))
        _push(desk, desk_login(central, desk))
    # A void after the first push: the UPDATE of an existing row, through the narrow role.
    later = desks[0].log(vocabulary, 1)[0]
    desks[0].repository.void(later.id, START + timedelta(minutes=30))
    desks[0].repository.void(desks[0].contacts()[1].id, START + timedelta(minutes=31))
    _push(desks[0], desk_login(central, desks[0]))
    converged(central, desks)


def test_desk_login_cannot_do_anything_else(
    central: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    one, two, _other = desks
    for desk in (one, two):
        desk.log(vocabulary, 2)
        desk.repository.void(desk.contacts()[0].id, START + timedelta(minutes=1))
        _push(desk, desk_login(central, desk))
    mine_live, mine_voided = (
        next(c.id for c in one.contacts() if not c.voided),
        next(c.id for c in one.contacts() if c.voided),
    )
    theirs = next(c.id for c in two.contacts() if not c.voided)
    with _connect(desk_login(central, one)) as conn:
        denied = "permission denied"
        assert denied in refused(conn, "DELETE FROM contact WHERE id = :i", i=mine_live)
        assert denied in refused(conn, "TRUNCATE contact")
        assert denied in refused(conn, "UPDATE contact SET area = 'x' WHERE id = :i", i=mine_live)
        assert denied in refused(conn, "SELECT area, municipality FROM contact")
        assert denied in refused(conn, "SELECT * FROM contact")
        assert denied in refused(conn, "CREATE TABLE mine (x int)")
        assert denied in refused(conn, "CREATE TEMPORARY TABLE mine (x int)")
        assert denied in refused(conn, "DELETE FROM desk_sync")
        assert "must be owner" in refused(conn, "ALTER TABLE contact ADD COLUMN x int")
        assert denied in refused(conn, "SELECT * FROM skranke_access.login")
        # A void is set once: never back, never again.
        un_void = "UPDATE contact SET voided_at = NULL WHERE id = :i"
        assert "already voided" in refused(conn, un_void, i=mine_voided)
        void_again = "UPDATE contact SET voided_at = now() WHERE id = :i"
        assert "already voided" in refused(conn, void_again, i=mine_voided)
        assert "row-level security" in refused(conn, un_void, i=mine_live)
        # Another desk's rows are not there for it: not to read, void, or write as.
        assert conn.execute(text("SELECT count(id) FROM contact")).scalar_one() == 2
        voided = conn.execute(text(void_again + " RETURNING id"), {"i": theirs}).all()
        assert voided == []
        assert conn.execute(text("SELECT count(*) FROM desk_sync")).scalar_one() == 1
        conn.rollback()
        as_other = (
            "INSERT INTO contact (id, logged_at, channel, area, kind, outcome, assisted, "
            "requester, on_behalf, exemption, desk, municipality) VALUES (:i, now(), 'phone', "
            "'passport', 'k', 'o', false, 'citizen', false, false, :desk, :m)"
        )
        assert "row-level security" in refused(
            conn, as_other, i=uuid.uuid4(), desk="Skranke 2", m="165"
        )
        assert "row-level security" in refused(
            conn, as_other, i=uuid.uuid4(), desk="Skranke 1", m="161"
        )
        for table in _summaries():  # another desk's summary rows are not there for it
            falsify = f"UPDATE {table} SET desk = desk WHERE desk = 'Skranke 2' RETURNING 1"  # noqa: S608
            assert conn.execute(text(falsify)).all() == [], table
        conn.rollback()
    converged(central, [one, two])


def test_each_municipality_reads_only_its_own_hotline_calls(
    central: str, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    hotline = make_desk(tmp_path, "Vestegnens hotline", municipality="165")
    town_hall = make_desk(tmp_path, "Rådhuset 1", municipality="161")
    calls = {"165": 4, "161": 2, "187": 3}
    for code, count in calls.items():
        hotline.identity = replace(hotline.identity, municipality=code)  # the caller's
        hotline.log(vocabulary, count, handout=True)
    town_hall.log(vocabulary, 5, handout=True)
    hotline.identity = replace(hotline.identity, municipality="165")  # the desk's own
    _push(hotline, desk_login(central, hotline, "165", "161", "187"))
    _push(town_hall, desk_login(central, town_hall))
    period = Period(date(2026, 11, 1), date(2026, 12, 31))
    admin = central_database(central)
    everything = ContactRepository(admin)
    expected = {"165": 4, "161": 2 + 5, "187": 3}
    try:
        for code, count in expected.items():
            reader = central_database(reader_login(central, code))
            try:
                seen = ContactRepository(reader).between(*period.utc_bounds(), include_voided=True)
                assert [c.municipality for c in seen] == [code] * count
                mine = Filters(municipalities=frozenset({code}))
                expected_tally = tally_in_database(everything, period, mine)
                assert tally_in_database(ContactRepository(reader), period) == replace(
                    expected_tally, filters=Filters()
                )
                assert expected_tally.total == count
                with reader.engine.connect() as conn:
                    handouts = "SELECT count(*) FROM contact_handout"
                    assert conn.execute(text(handouts)).scalar_one() == count
                    for table in _summaries():
                        rows = text(f"SELECT DISTINCT municipality FROM {table}")  # noqa: S608
                        # none of another municipality (tally_duration: none, untimed calls)
                        assert set(conn.execute(rows).scalars()) <= {code}, table
                    assert "permission denied" in refused(conn, "DELETE FROM contact")
                    heard_from = text("SELECT desk FROM desk_sync ORDER BY desk")
                    assert list(conn.execute(heard_from).scalars()) == [
                        *(["Rådhuset 1"] if code == "161" else []),
                        "Vestegnens hotline",  # every municipality it serves hears from it
                    ]
            finally:
                reader.close()
        coordinator = central_database(reader_login(central))  # no municipality: all of them
        try:
            assert tally_in_database(ContactRepository(coordinator), period) == tally_in_database(
                everything, period
            )
        finally:
            coordinator.close()
    finally:
        admin.close()
        hotline.database.close()
        town_hall.database.close()


def _alembic(conn: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.downgrade(config, revision)


def test_a_later_migration_gets_the_same_rules(central: str) -> None:
    """Back to the previous release's schema, then the new release's 'central upgrade':
    every table (re)made by the newer migrations gets the grants and policies again."""
    after_init = access_fingerprint_of(central)
    engine = create_engine(central, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text(f"SET LOCAL ROLE {roles.OWNER}"))
        _alembic(conn, KNOWN_REVISIONS[-2])
    engine.dispose()
    assert upgrade_central(central).before == KNOWN_REVISIONS[-2]
    assert access_fingerprint_of(central) == after_init


def test_a_new_summary_table_is_covered_by_the_rule(
    central: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    """A table a later release adds (here by hand, as the admin) with ``desk`` and
    ``municipality`` columns: after 'central upgrade' the desk upserts its own rows, a reader
    sees only its municipality; a table no rule covers is granted to nobody."""
    engine = create_engine(central, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE contact_day (day int, desk varchar(40), "
                          "municipality varchar(3), contacts int, PRIMARY KEY (day, desk, "
                          "municipality))"))  # fmt: skip
        conn.execute(text("CREATE TABLE notes (x int)"))
        conn.execute(text("INSERT INTO contact_day VALUES (1, 'Skranke 2', '165', 7)"))
    engine.dispose()
    upgrade_central(central)
    upsert = (
        "INSERT INTO contact_day VALUES (1, :desk, :m, 1) ON CONFLICT (day, desk, municipality) "
        "DO UPDATE SET contacts = contact_day.contacts + excluded.contacts"
    )
    with _connect(desk_login(central, desks[0])) as conn:
        conn.execute(text(upsert), {"desk": "Skranke 1", "m": "165"})
        conn.commit()
        assert "row-level security" in refused(conn, upsert, desk="Skranke 2", m="165")
        assert "permission denied" in refused(conn, "SELECT * FROM notes")
    reader = reader_login(central, "161")
    with _connect(reader) as conn:
        assert conn.execute(text("SELECT count(*) FROM contact_day")).scalar_one() == 0
        assert "permission denied" in refused(conn, "SELECT * FROM notes")
    with _connect(reader_login(central, "165")) as conn:
        rows = conn.execute(text("SELECT desk, contacts FROM contact_day ORDER BY desk")).all()
        assert [tuple(r) for r in rows] == [("Skranke 1", 1), ("Skranke 2", 7)]


def test_every_table_of_the_schema_has_a_rule() -> None:
    """A new table must be placed deliberately: the desk's own outbox is the only one that
    nobody on the central server may read."""
    from database.models import metadata  # noqa: PLC0415

    for table in metadata.tables.values():
        rule = roles.rule_for(table.name, (c.name for c in table.columns))
        assert rule.read == (table.name != "sync_outbox"), table.name


def test_readers_database_is_closed_to_other_logins(central: str, postgres: PostgresServer) -> None:
    """A login of the cluster that is neither a desk nor a reader cannot even connect."""
    login, password = _unique("stranger"), roles.new_password()
    postgres.admin(f"CREATE ROLE {login} LOGIN PASSWORD '{password}'")
    with pytest.raises(DBAPIError, match="permission denied"):
        _connect(_login_url(central, login, password)).close()


def test_faults_mid_push_through_the_desk_login(
    postgres: PostgresServer, central: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    """The fault tests' two commonest cuts, pushing as the narrow desk login: the link reset,
    and the connection terminated between INSERT and COMMIT; then a clean push converges."""
    desk = desks[0]
    logged = desk.log(vocabulary, 3, handout=True)
    desk.repository.void(logged[0].id, START + timedelta(minutes=3))
    pushes_as = desk_login(central, desk)
    with Proxy(postgres.port) as proxy:
        pusher = desk.pusher(via(pushes_as, proxy))
        with push_held_before_commit(central) as waiting:
            errors, done = pushed_in_thread(pusher)
            wait_for(lambda: len(waiting()) == 1, "the push to reach its last statement")
            proxy.reset()
            wait_for(done, "the push to fail")
        pusher.close()
    assert [type(e).__name__ for e in errors] == ["DatabaseUnavailableError"]
    pusher = desk.pusher(pushes_as)
    with push_held_before_commit(central) as waiting:
        errors, done = pushed_in_thread(pusher)
        wait_for(lambda: len(waiting()) == 1, "the push to reach its last statement")
        postgres.admin(f"SELECT pg_terminate_backend({waiting()[0]})")
        wait_for(done, "the push to fail")
    assert [type(e).__name__ for e in errors] == ["DatabaseUnavailableError"]
    assert pusher.push_all() == 4  # three adds and a void, once more
    pusher.close()
    converged(central, [desk])


def test_init_by_an_administrator_who_is_not_a_superuser(
    postgres: PostgresServer, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    """The documented set-up: a role with CREATEROLE and CREATEDB runs init, adds a desk,
    and the desk pushes; init again changes nothing."""
    admin, password = _unique("it"), roles.new_password()
    postgres.admin(f"CREATE ROLE {admin} LOGIN CREATEROLE CREATEDB PASSWORD '{password}'")
    url = _login_url(postgres.url(_unique("central")), admin, password)
    assert init_central(url).created_database
    assert not init_central(url).changed
    desks[0].log(vocabulary, 2, handout=True)
    _push(desks[0], desk_login(url, desks[0]))
    converged(url, desks[:1])


def test_two_administrators_running_init_at_once(postgres: PostgresServer) -> None:
    url = postgres.url(_unique("central"))
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(init_central, [url, url]))
    assert sorted(r.created_database for r in results) == [False, True]
    assert not init_central(url).changed


def test_an_auditor_finds_and_repairs_counts_a_desk_falsified(
    central: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    """What a desk login can still do (change its own summary counts) is found by
    'central check' and undone by 'central check --repair'."""
    desk = desks[0]
    logged = desk.log(vocabulary, 4, handout=True)
    desk.repository.void(logged[0].id, START + timedelta(minutes=2))
    pushes_as = desk_login(central, desk)
    _push(desk, pushes_as)
    assert check_summaries(central) == SummaryCheck(3, dict.fromkeys(_summary_tables(), 0))
    falsified = {}
    with _connect(pushes_as) as conn:
        for table in TABLES:  # every count of its own rows, +5
            count = COUNTS[table]
            update = f"UPDATE {table.name} SET {count} = {count} + 5"  # noqa: S608
            falsified[table.name] = conn.execute(text(update)).rowcount
        conn.commit()
    assert falsified["tally_group"] > 0
    found = check_summaries(central)
    assert not found.agrees
    assert found.differing == falsified
    assert check_summaries(central, repair=True).repaired
    assert check_summaries(central).agrees
    converged(central, [desk])


def _summary_tables() -> list[str]:
    return sorted(table.name for table in TABLES)


def test_a_desk_pushing_under_another_name_is_refused_and_keeps_everything(
    central: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    """A desk renamed in its settings (or a login copied to another PC): the server refuses
    its contacts, the desk says the server refused it (not that it is offline), and nothing
    is lost."""
    one, two, _other = desks
    two.log(vocabulary, 2)
    pusher = two.pusher(desk_login(central, one))  # Skranke 2 with Skranke 1's login
    with pytest.raises(CentralPrivilegeError, match="row-level security"):
        pusher.push_once()
    assert isinstance(pusher.status.error, CentralPrivilegeError)
    assert (pusher.status.state, pusher.status.waiting) == (SyncState.OFFLINE, 2)
    pusher.close()
    _push(two, desk_login(central, two))
    converged(central, [two])


def test_database_names_are_quoted_and_required(postgres: PostgresServer) -> None:
    odd = _unique('Skranke "Vest"')
    url = make_url(postgres.url()).set(database=odd).render_as_string(hide_password=False)
    assert init_central(url).created_database
    assert not init_central(url).changed
    for nameless in (postgres.url(""), postgres.url("postgres")):
        with pytest.raises(DatabaseUrlError):
            init_central(nameless)
