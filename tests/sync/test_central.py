"""The central schema is upgraded by an explicit step, under an advisory lock."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
from collections.abc import Callable

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from database.central import (
    CentralUpgrade,
    NotPostgresError,
    upgrade_central,
)
from database.engine import MIGRATIONS_DIR, current_revision, open_database
from database.errors import SchemaTooNewError
from database.models import metadata
from database.outbox import Outbox
from database.repository import ContactRepository
from database.schema import HEAD_REVISION, UPGRADE_LOCK_KEY
from skranke.contact import ContactChoice, make_contacts
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from tests.sync.world import wait_for

_OLD_COLUMNS = [c.name for c in metadata.tables["contact"].columns if c.name != "desk_id"]


def _upgrade(url: str, results: multiprocessing.queues.Queue[tuple[str | None, str]]) -> None:
    result = upgrade_central(url)
    results.put((result.before, result.after))


def _open(url: str, results: multiprocessing.queues.Queue[tuple[str | None, str]]) -> None:
    database = open_database(url)
    results.put((None, str(current_revision(database.engine))))
    database.close()


def _all_at_once(url: str, target: Callable[..., None], count: int) -> list[tuple[str | None, str]]:
    """Start ``count`` processes running ``target(url, results)`` while the upgrade lock is
    held, wait until every one queues on it, release it: they all meet the empty database
    at once. Their results, once all have exited cleanly."""
    holder = create_engine(url, poolclass=NullPool)
    with holder.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:k)"), {"k": UPGRADE_LOCK_KEY})
        fork = multiprocessing.get_context("fork")  # started at once: nothing to import
        results: multiprocessing.queues.Queue[tuple[str | None, str]] = fork.Queue()
        runs = [fork.Process(target=target, args=(url, results)) for _ in range(count)]
        for run in runs:
            run.start()
        queued = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        wait_for(lambda: lock.execute(queued).scalar_one() == count, "all to queue on the lock")
        lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": UPGRADE_LOCK_KEY})
    outputs = [results.get(timeout=60) for _ in runs]
    for run in runs:
        run.join(timeout=10)
    holder.dispose()
    assert [run.exitcode for run in runs] == [0] * count
    return outputs


def test_an_empty_database_is_upgraded_once(postgres: PostgresServer) -> None:
    url = postgres.new_database(schema=False)
    assert upgrade_central(url) == CentralUpgrade(None, HEAD_REVISION)
    again = upgrade_central(url)
    assert not again.changed
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        # The hand-written migrations and the models agree on PostgreSQL too.
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_six_admins_upgrading_at_once_never_race(postgres: PostgresServer) -> None:
    outputs = _all_at_once(postgres.new_database(schema=False), _upgrade, 6)
    assert sorted(outputs, key=str) == [(HEAD_REVISION, HEAD_REVISION)] * 5 + [
        (None, HEAD_REVISION)
    ]


def test_six_programs_opening_an_empty_postgresql_at_once_never_race(
    postgres: PostgresServer,
) -> None:
    """The issue's measurement: 'relation "alembic_version" already exists'."""
    outputs = _all_at_once(postgres.new_database(schema=False), _open, 6)
    assert outputs == [(None, HEAD_REVISION)] * 6


def test_a_newer_central_schema_is_left_alone(postgres: PostgresServer) -> None:
    url = postgres.new_database()
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(SchemaTooNewError):
        upgrade_central(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099"
    engine.dispose()


def test_the_central_database_must_be_postgresql(tmp_path: object) -> None:
    with pytest.raises(NotPostgresError):
        upgrade_central(f"sqlite:///{tmp_path}/central.sqlite3")


def test_a_central_database_from_the_previous_release_keeps_its_contacts(
    postgres: PostgresServer, vocabulary: Vocabulary
) -> None:
    """0003 -> 0004 on PostgreSQL with data: contacts stay, with no desk id, and the central
    outbox stays empty (only a desk's SQLite file queues its history)."""
    url = postgres.new_database(schema=False)
    engine = create_engine(url, poolclass=NullPool)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    (contact,) = make_contacts(
        ContactChoice("phone", "mitid", "assisted_self_service"),
        vocabulary,
        desk="Skranke 1",
        municipality_code="165",
    )
    row = {name: getattr(contact, name) for name in _OLD_COLUMNS}
    with engine.begin() as conn:
        conn.execute(metadata.tables["contact"].insert().values(row))
    engine.dispose()
    assert upgrade_central(url) == CentralUpgrade("0003", HEAD_REVISION)
    database = open_database(url, upgrade=False)
    try:
        assert ContactRepository(database).get(contact.id) == contact
        assert Outbox(database).count() == 0
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT desk_id FROM contact")).scalar() is None
    finally:
        database.close()
