"""Desks push their outboxes to a real central PostgreSQL: each contact once, voids once,
the central summaries equal a fresh count, and sending again changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from database.central import CentralSchemaMismatchError
from database.engine import Database
from database.outbox import Outbox
from database.schema import HEAD_REVISION
from database.sync import SyncState
from skranke import __version__
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from tests.sync.world import START, Desk, assert_converged, central_database, make_desk


@pytest.fixture
def central_url(postgres: PostgresServer) -> str:
    return postgres.new_database()


@pytest.fixture
def central(central_url: str) -> Iterator[Database]:
    database = central_database(central_url)
    yield database
    database.close()


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[list[Desk]]:
    made = [make_desk(tmp_path, f"Skranke {n}") for n in (1, 2, 3)]
    yield made
    for desk in made:
        desk.database.close()


def test_three_desks_push_everything_once(
    desks: list[Desk], central: Database, central_url: str, vocabulary: Vocabulary
) -> None:
    for n, desk in enumerate(desks):
        first = desk.log(vocabulary, 3, handout=True)
        desk.log(vocabulary, 1 + n)
        desk.repository.void(first[0].id, START + timedelta(hours=1))
    for n, desk in enumerate(desks):
        pusher = desk.pusher(central_url)
        assert pusher.push_all() == 3 + (1 + n) + 1  # adds, then the void
        assert pusher.status.state is SyncState.SYNCED
        assert pusher.status.waiting == 0
        pusher.close()
    assert_converged(central, desks)


def test_sending_a_batch_again_changes_nothing(
    desks: list[Desk], central: Database, central_url: str, vocabulary: Vocabulary
) -> None:
    desk = desks[0]
    contacts = desk.log(vocabulary, 4, handout=True)
    desk.repository.void(contacts[1].id, START + timedelta(minutes=5))
    batch = Outbox(desk.database).next_batch()
    assert batch is not None
    pusher = desk.pusher(central_url)
    first = pusher._send(batch)  # the COMMIT happened ...
    again = pusher._send(batch)  # ... but its answer was lost: the desk sends it again
    assert (first.inserted, first.voided) == (4, 0)  # the contact arrives already voided
    assert (again.inserted, again.voided) == (0, 0)
    pusher.push_all()
    pusher.close()
    assert_converged(central, [desk])
    with central.engine.connect() as conn:
        counted = "SELECT sum(contacts) FROM tally_group WHERE span = 'year'"
        assert conn.execute(text(counted)).scalar() == 3


def test_a_void_after_the_push_is_pushed_and_counted_once(
    desks: list[Desk], central: Database, central_url: str, vocabulary: Vocabulary
) -> None:
    desk = desks[0]
    contacts = desk.log(vocabulary, 2, handout=True)
    pusher = desk.pusher(central_url)
    pusher.push_all()
    desk.repository.void(contacts[0].id, START + timedelta(minutes=30))
    (void,) = Outbox(desk.database).next_batch().voided  # type: ignore[union-attr]
    result = pusher.push_once()
    assert result is not None
    assert (result.inserted, result.voided) == (0, 1)
    assert pusher.push_once() is None
    pusher.close()
    assert_converged(central, [desk])
    with central.engine.connect() as conn:
        voided_at = conn.execute(
            text("SELECT voided_at FROM contact WHERE id = :id"), {"id": void.id}
        ).scalar()
    assert voided_at == START + timedelta(minutes=30)


def test_the_central_database_knows_when_each_desk_was_heard_from(
    desks: list[Desk], central: Database, central_url: str, vocabulary: Vocabulary
) -> None:
    desk = desks[1]
    desk.log(vocabulary, 2)
    pusher = desk.pusher(central_url, clock=lambda: START + timedelta(hours=3))
    pusher.push_all()
    last = pusher.status.last_push_at
    pusher.close()
    with central.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM desk_sync")).one()
        seq = conn.execute(text("SELECT count(*) FROM contact")).scalar()
    assert row.desk_id == desk.identity.desk_id
    assert (row.desk, row.municipality, row.app_version) == ("Skranke 2", "165", __version__)
    assert row.last_sequence == seq == 2
    assert row.last_push_at == last == START + timedelta(hours=3)


def test_a_central_database_at_another_schema_pauses_pushing(
    desks: list[Desk], central: Database, central_url: str, vocabulary: Vocabulary
) -> None:
    desk = desks[0]
    desk.log(vocabulary, 2)
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    pusher = desk.pusher(central_url)
    with pytest.raises(CentralSchemaMismatchError):
        pusher.push_once()
    status = pusher.status
    assert status.state is SyncState.PAUSED
    assert status.central_is_older is True
    assert status.waiting == 2
    desk.log(vocabulary, 1)  # the desk keeps logging
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(CentralSchemaMismatchError):
        pusher.push_once()
    assert pusher.status.central_is_older is False  # this desk is the older one
    assert pusher.status.waiting == 3
    with central.engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM contact")).scalar() == 0
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": HEAD_REVISION})
    assert pusher.push_all() == 3
    pusher.close()
    assert_converged(central, [desk])


def test_a_dead_link_is_noticed_in_seconds_the_settings_reach_the_server(
    desks: list[Desk], central_url: str
) -> None:
    pusher = desks[0].pusher(central_url)  # the tests' short timeouts (tests/sync/world.py)
    with pusher._engine.connect() as conn:
        shown = {
            name: conn.execute(text(f"SHOW {name}")).scalar()
            for name in ("statement_timeout", "idle_in_transaction_session_timeout")
        }
        dsn = conn.connection.driver_connection.info.dsn  # type: ignore[union-attr]
    pusher.close()
    assert shown == {"statement_timeout": "5s", "idle_in_transaction_session_timeout": "2s"}
    options = set(dsn.split())
    assert {"connect_timeout=2", "keepalives=1", "keepalives_idle=1", "keepalives_interval=1",
            "keepalives_count=2", "tcp_user_timeout=2000"} <= options  # fmt: skip
