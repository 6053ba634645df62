"""Faults with real parts, each in the middle of a push: the link reset or black-holed by a
TCP proxy, the server killed, the pusher process killed, the connection terminated between
INSERT and COMMIT. After each, one clean push and the central database equals the desks.

"Mid-push" is made deterministic: a test session locks ``desk_sync``, so the push waits on
its last statement before COMMIT, with its contacts and voids already sent.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from database.engine import open_database, sqlite_url
from database.errors import DatabaseError
from database.outbox import Outbox
from database.sync import Pusher, PushRunner, SyncState
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from tests.sync.proxy import Proxy
from tests.sync.world import START, Desk, assert_converged, central_database, make_desk, wait_for


@pytest.fixture
def central_url(postgres: PostgresServer) -> str:
    return postgres.new_database()


@pytest.fixture
def desks(tmp_path: Path, vocabulary: Vocabulary) -> Iterator[list[Desk]]:
    made = [make_desk(tmp_path, f"Skranke {n}") for n in (1, 2)]
    for desk in made:
        contacts = desk.log(vocabulary, 3, handout=True)
        desk.log(vocabulary, 2)
        desk.repository.void(contacts[0].id, START + timedelta(minutes=3))
    yield made
    for desk in made:
        desk.database.close()


def via(url: str, proxy: Proxy) -> str:
    return make_url(url).set(port=proxy.port).render_as_string(hide_password=False)


def _waiting_pushes(conn: Connection) -> list[int]:
    query = text(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'skranke' "
        "AND wait_event_type = 'Lock' AND datname = current_database()"
    )
    return [int(pid) for pid in conn.execute(query).scalars()]


@contextmanager
def push_held_before_commit(central_url: str) -> Iterator[Callable[[], list[int]]]:
    """While inside, a push stops at its last statement; yields a function that returns the
    server processes of the pushes waiting there."""
    engine = create_engine(central_url, poolclass=NullPool)
    try:
        with engine.connect() as holder:
            holder.execute(text("LOCK TABLE desk_sync IN ACCESS EXCLUSIVE MODE"))
            with engine.connect() as watcher:
                watcher.execution_options(isolation_level="AUTOCOMMIT")
                yield lambda: _waiting_pushes(watcher)
            with contextlib.suppress(OperationalError):  # a test killed the server with it
                holder.rollback()
    finally:
        engine.dispose()


def pushed_in_thread(pusher: Pusher) -> tuple[list[BaseException], Callable[[], bool]]:
    """Start ``pusher.push_once`` on a thread; return its errors and an "is it done" test."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            pusher.push_once()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return errors, lambda: not thread.is_alive()


def clean_push_converges(central_url: str, desks: list[Desk]) -> None:
    for desk in desks:
        pusher = desk.pusher(central_url)
        pusher.push_all()
        assert pusher.status.state is SyncState.SYNCED
        pusher.close()
    central = central_database(central_url)
    try:
        assert_converged(central, desks)
    finally:
        central.close()


def test_the_link_reset_mid_push(
    postgres: PostgresServer, central_url: str, desks: list[Desk]
) -> None:
    with Proxy(postgres.port) as proxy:
        pusher = desks[0].pusher(via(central_url, proxy))
        with push_held_before_commit(central_url) as waiting:
            errors, done = pushed_in_thread(pusher)
            wait_for(lambda: len(waiting()) == 1, "the push to reach its last statement")
            proxy.reset()
            wait_for(done, "the push to fail")
        assert len(errors) == 1
        assert isinstance(errors[0], DatabaseError)
        assert pusher.status.state is SyncState.OFFLINE
        assert pusher.status.waiting == 6  # five adds and a void, all still queued
        pusher.close()
    clean_push_converges(central_url, desks)


def test_a_black_holed_link_is_noticed_in_seconds_and_logging_goes_on(
    postgres: PostgresServer, central_url: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    with Proxy(postgres.port) as proxy:
        pusher = desks[0].pusher(via(central_url, proxy), push_timeout=4.0)
        runner = PushRunner(pusher, idle_seconds=60, first_backoff=60)
        with push_held_before_commit(central_url) as waiting:
            runner.start()
            wait_for(lambda: len(waiting()) == 1, "the push to reach its last statement")
            proxy.blackhole()
        # The server now answers into the void; the desk keeps logging meanwhile, and each
        # add returns while the push is still stuck on the network.
        logged_during = [desks[0].log(vocabulary, 1) for _ in range(5)]
        assert pusher.status.state is not SyncState.OFFLINE
        started = time.monotonic()
        wait_for(lambda: pusher.status.state is SyncState.OFFLINE, "the dead link", 15)
        noticed = time.monotonic() - started
        assert pusher.status.since is not None
        assert pusher.status.waiting == 6 + len(logged_during)
        runner.stop()
        pusher.close()
        proxy.forward()
    print(f"black-holed link noticed after {noticed:.1f} s")
    clean_push_converges(central_url, desks)


def test_a_link_black_holed_between_two_pushes_is_noticed_in_seconds(
    postgres: PostgresServer, central_url: str, desks: list[Desk], vocabulary: Vocabulary
) -> None:
    """The counter's usual case: a push went through, the link dies while the desk is idle
    (a middlebox that still acknowledges but forwards nothing), the next contact's push must
    give up in seconds, not wait forever on a connection kept from the last push."""
    with Proxy(postgres.port) as proxy:
        pusher = desks[0].pusher(via(central_url, proxy), push_timeout=3.0)
        pusher.push_all()
        proxy.blackhole()
        desks[0].log(vocabulary, 1)
        errors, done = pushed_in_thread(pusher)
        started = time.monotonic()
        wait_for(done, "the push to give up", 20)
        waited = time.monotonic() - started
        assert len(errors) == 1
        assert pusher.status.state is SyncState.OFFLINE
        assert pusher.status.waiting == 1
        pusher.close()
        proxy.forward()
    print(f"link black-holed between pushes noticed after {waited:.1f} s")
    clean_push_converges(central_url, desks)


def test_a_black_holed_server_is_given_up_after_the_connect_timeout(
    postgres: PostgresServer, central_url: str, desks: list[Desk]
) -> None:
    with Proxy(postgres.port) as proxy:
        proxy.blackhole()  # connections are accepted, and never answered
        pusher = desks[0].pusher(via(central_url, proxy))
        started = time.monotonic()
        with pytest.raises(DatabaseError):
            pusher.push_once()
        waited = time.monotonic() - started
        assert pusher.status.state is SyncState.OFFLINE
        pusher.close()
    print(f"unanswered connection given up after {waited:.1f} s")
    assert waited < 30  # not hanging; libpq's connect_timeout (2 s here) applies
    clean_push_converges(central_url, desks)


def test_the_server_killed_mid_push(
    postgres: PostgresServer, central_url: str, desks: list[Desk]
) -> None:
    pusher = desks[1].pusher(central_url)
    try:
        with push_held_before_commit(central_url) as waiting:
            errors, done = pushed_in_thread(pusher)
            wait_for(lambda: len(waiting()) == 1, "the push to reach its last statement")
            postgres.stop("immediate")
            wait_for(done, "the push to fail")
    finally:
        if not _running(postgres):
            postgres.start()
    assert len(errors) == 1
    assert pusher.status.state is SyncState.OFFLINE
    pusher.close()
    clean_push_converges(central_url, desks)


def _running(postgres: PostgresServer) -> bool:
    return (postgres.data_dir / "postmaster.pid").exists()


def test_the_connection_terminated_between_insert_and_commit(
    central_url: str, desks: list[Desk]
) -> None:
    pusher = desks[0].pusher(central_url)
    with push_held_before_commit(central_url) as waiting:
        errors, done = pushed_in_thread(pusher)
        wait_for(lambda: len(waiting()) == 1, "the push to reach its last statement")
        engine = create_engine(central_url, poolclass=NullPool)
        with engine.connect() as admin:
            (pid,) = waiting()
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        engine.dispose()
        wait_for(done, "the push to fail")
    assert [type(e).__name__ for e in errors] == ["DatabaseUnavailableError"]
    pusher.close()
    clean_push_converges(central_url, desks)


def _push_in_child(path: str, central_url: str, desk_id: str) -> None:
    import uuid  # noqa: PLC0415

    from database.sync import DeskIdentity  # noqa: PLC0415
    from tests.sync.world import FAST  # noqa: PLC0415

    database = open_database(sqlite_url(Path(path)))
    identity = DeskIdentity(uuid.UUID(desk_id), "Skranke 1", "165")
    Pusher(database, central_url, identity, timeouts=FAST).push_once()


def test_the_pusher_process_killed_mid_push(central_url: str, desks: list[Desk]) -> None:
    desk = desks[0]
    path = desk.database.location
    with push_held_before_commit(central_url) as waiting:
        child = multiprocessing.get_context("spawn").Process(
            target=_push_in_child, args=(path, central_url, str(desk.identity.desk_id))
        )
        child.start()
        wait_for(lambda: len(waiting()) == 1, "the push to reach its last statement", 60)
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
    assert Outbox(desk.database).count() == 6
    clean_push_converges(central_url, desks)


def test_a_desk_without_its_central_database_keeps_everything(
    postgres: PostgresServer, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    """Nothing listening at all: refused at once, and the outbox keeps every change."""
    with Proxy(postgres.port) as proxy:
        proxy.close()  # the port is free again: connection refused
        desk = make_desk(tmp_path, "Skranke 9")
        desk.log(vocabulary, 2)
        pusher = desk.pusher(postgres.url("nowhere", port=proxy.port))
        with pytest.raises(DatabaseError):
            pusher.push_once()
        assert (pusher.status.state, pusher.status.waiting) == (SyncState.OFFLINE, 2)
        pusher.close()
        desk.database.close()
