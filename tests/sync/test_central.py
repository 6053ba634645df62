"""The central schema is upgraded by an explicit step, under an advisory lock."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from database.central import (
    UPGRADE_LOCK_KEY,
    CentralUpgrade,
    NotPostgresError,
    upgrade_central,
)
from database.errors import SchemaTooNewError
from database.models import Base
from database.schema import HEAD_REVISION
from tests.postgres import PostgresServer


def _upgrade(url: str, results: multiprocessing.queues.Queue[tuple[str | None, str]]) -> None:
    result = upgrade_central(url)
    results.put((result.before, result.after))


def test_an_empty_database_is_upgraded_once(postgres: PostgresServer) -> None:
    url = postgres.new_database(schema=False)
    assert upgrade_central(url) == CentralUpgrade(None, HEAD_REVISION)
    again = upgrade_central(url)
    assert not again.changed
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        # The hand-written migrations and the models agree on PostgreSQL too.
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_six_desks_starting_at_once_never_race(postgres: PostgresServer) -> None:
    url = postgres.new_database(schema=False)
    holder = create_engine(url, poolclass=NullPool)
    with holder.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:k)"), {"k": UPGRADE_LOCK_KEY})
        fork = multiprocessing.get_context("fork")  # started at once: nothing to import
        results: multiprocessing.queues.Queue[tuple[str | None, str]] = fork.Queue()
        runs = [fork.Process(target=_upgrade, args=(url, results)) for _ in range(6)]
        for run in runs:
            run.start()
        deadline = time.monotonic() + 30
        waiting = 0
        while waiting < 6 and time.monotonic() < deadline:  # all six queue on the lock
            waiting = int(
                lock.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    )
                ).scalar_one()
            )
            time.sleep(0.05)
        assert waiting == 6
        lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": UPGRADE_LOCK_KEY})
    outputs = [results.get(timeout=60) for _ in runs]
    for run in runs:
        run.join(timeout=10)
    holder.dispose()
    assert [run.exitcode for run in runs] == [0] * 6
    assert sorted(outputs, key=str) == [(HEAD_REVISION, HEAD_REVISION)] * 5 + [
        (None, HEAD_REVISION)
    ]


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
