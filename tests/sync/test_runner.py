"""The push thread: pushes when woken, backs off while the central database is away, comes
back by itself, and never takes the desk down with it."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

import pytest
from sqlalchemy import make_url

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
    with caplog.at_level(logging.WARNING, logger="database.sync"):
        runner.start()
        try:
            wait_for(lambda: pusher.status.state is SyncState.OFFLINE, "offline")
            time.sleep(1)  # several retries
        finally:
            runner.stop()
    pusher.close()
    failures = [r for r in caplog.records if "failed" in r.getMessage()]
    assert len(failures) == 1
    assert failures[0].exc_info is None  # no traceback on a terminal
    desk.database.close()
