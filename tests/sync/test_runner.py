"""The push thread: pushes when woken, backs off while the central database is away, comes
back by itself, and never takes the desk down with it."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from sqlalchemy import make_url

from database.central import Timeouts
from database.outbox import Outbox
from database.sync import PushRunner, SyncState
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from tests.sync.proxy import Proxy
from tests.sync.test_faults import via
from tests.sync.world import assert_converged, central_database, make_desk, wait_for


def test_offline_then_back_by_itself(
    postgres: PostgresServer, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    central_url = postgres.new_database()
    desk = make_desk(tmp_path, "Skranke 1")
    with Proxy(postgres.port) as proxy:
        proxy.blackhole()
        pusher = desk.pusher(via(central_url, proxy))
        runner = PushRunner(pusher, idle_seconds=60, first_backoff=0.2, max_backoff=0.4)
        desk.log(vocabulary, 2)
        runner.start()
        try:
            wait_for(lambda: pusher.status.state is SyncState.OFFLINE, "offline")
            since = pusher.status.since
            desk.log(vocabulary, 1)  # logging goes on; the runner keeps trying
            wait_for(lambda: pusher.status.waiting == 3, "the new contact counted as waiting")
            assert pusher.status.since == since  # offline since the first failure
            proxy.forward()
            runner.wake()
            wait_for(lambda: pusher.status.state is SyncState.SYNCED, "synced again")
            assert pusher.status.last_push_at is not None
            desk.log(vocabulary, 4)
            runner.wake()  # a logged contact goes out at once, not after idle_seconds
            wait_for(lambda: Outbox(desk.database).count() == 0, "the new contacts pushed")
        finally:
            runner.stop()
        assert not runner._thread.is_alive()
        pusher.close()
    central = central_database(central_url)
    assert_converged(central, [desk])
    central.close()
    desk.database.close()


def test_an_outage_is_one_line_in_the_log_not_a_traceback_per_retry(
    postgres: PostgresServer,
    tmp_path: Path,
    vocabulary: Vocabulary,
    caplog: pytest.LogCaptureFixture,
) -> None:
    desk = make_desk(tmp_path, "Skranke 1")
    with socket.socket() as probe:  # a port nothing listens on: every retry is refused
        probe.bind(("127.0.0.1", 0))
        nowhere = probe.getsockname()[1]
    url = make_url(postgres.new_database()).set(port=nowhere)
    pusher = desk.pusher(url.render_as_string(hide_password=False))
    runner = PushRunner(pusher, idle_seconds=60, first_backoff=0.05, max_backoff=0.1)
    desk.log(vocabulary, 1)

    def retries() -> int:  # each failed push leaves one debug record, with its traceback
        return sum(
            r.levelno == logging.DEBUG and "failed" in r.getMessage() for r in caplog.records
        )

    with caplog.at_level(logging.DEBUG, logger="database.sync"):
        runner.start()
        try:
            wait_for(lambda: retries() >= 5, "five failed pushes")
        finally:
            runner.stop()
    pusher.close()
    failures = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(failures) == 1
    assert "failed" in failures[0].getMessage()
    assert failures[0].exc_info is None  # no traceback on a terminal
    desk.database.close()


def test_a_push_stuck_on_a_dead_link_shows_what_waits_not_synced(
    postgres: PostgresServer, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    """Synced, then the link goes dead: while the next push hangs (up to push_timeout) the
    status says the new contacts wait, not the stale "synced"."""
    central_url = postgres.new_database()
    desk = make_desk(tmp_path, "Skranke 1")
    with Proxy(postgres.port) as proxy:
        # Slow to give up (a connect timeout of 30 s, like a link that dies mid-push): the
        # push stays stuck for longer than the test looks.
        slow = Timeouts(connect=30, keepalive_idle=30, keepalive_interval=10,
                        keepalive_count=3, user_timeout=30, statement=30,
                        idle_in_transaction=30)  # fmt: skip
        pusher = desk.pusher(via(central_url, proxy), timeouts=slow, push_timeout=30)
        runner = PushRunner(pusher, idle_seconds=60, first_backoff=0.2, max_backoff=0.4)
        desk.log(vocabulary, 1)
        runner.start()
        try:
            wait_for(lambda: pusher.status.state is SyncState.SYNCED, "synced")
            proxy.blackhole()
            desk.log(vocabulary, 2)
            runner.wake()
            wait_for(lambda: pusher.status.waiting == 2, "the stuck push's contacts waiting", 3)
            assert pusher.status.state is SyncState.WAITING
            assert Outbox(desk.database).count() == 2  # still stuck, nothing lost
        finally:
            proxy.forward()
            runner.stop(1.0)
        pusher.close()
    desk.database.close()
