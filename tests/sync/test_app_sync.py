"""The running counter pushes to the central PostgreSQL: staff press a number, the contact
reaches the central database in the background, and the status bar says so quietly."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.engine import make_url

from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from skranke.settings import read_settings_file
from tests.postgres import PASSWORD, PostgresServer
from tests.sync.app import desk_file, run_app, settings_file, sync_label
from tests.sync.proxy import Proxy
from tests.sync.world import EVERYTHING, wait_for
from ui.counter_window import CounterWindow


def _no_password(url: str, port: int | None = None) -> str:
    parts = make_url(url)
    return (
        f"{parts.drivername}://{parts.username}@{parts.host}:{port or parts.port}/{parts.database}"
    )


@pytest.fixture
def central(postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """A central database at the head schema; the desk's URL has no password: it comes from
    PGPASSWORD, as docs/central.md tells IT to set it up."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    return postgres.new_database()


def _central_rows(url: str) -> dict[uuid.UUID, tuple[bool, uuid.UUID | None]]:
    """Each central contact: (voided?, desk id)."""
    database = open_database(url, upgrade=False)
    try:
        with database.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, voided_at IS NOT NULL, desk_id FROM contact"))
            return {row[0]: (row[1], row[2]) for row in rows}
    finally:
        database.close()


def _desk_sync(url: str) -> list[tuple[object, ...]]:
    database = open_database(url, upgrade=False)
    try:
        with database.engine.connect() as conn:
            query = text("SELECT desk_id, desk, municipality, centre FROM desk_sync")
            return [tuple(row) for row in conn.execute(query)]
    finally:
        database.close()


def _voided(url: str) -> int:
    return sum(voided for voided, _ in _central_rows(url).values())


def _local(folder: Path) -> dict[uuid.UUID, bool]:
    database = open_database(sqlite_url(desk_file(folder)))
    try:
        contacts = ContactRepository(database).between(*EVERYTHING, include_voided=True)
        return {c.id: c.voided for c in contacts}
    finally:
        database.close()


def _push_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "skranke-push"]


def _press(qtbot: QtBot, window: CounterWindow, key: str) -> None:
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=5000)


def test_logged_and_undone_contacts_reach_the_central_database(
    qtbot: QtBot, tmp_path: Path, central: str
) -> None:
    seen: list[str] = []

    def script(window: CounterWindow) -> None:
        label = sync_label(window)
        assert label is not None
        assert label.isVisible()
        for key in "123":
            _press(qtbot, window, key)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda: sum(v for v, _ in _central_rows(central).values()) == 1, timeout=15_000
        )
        # The label reads the pusher's status once a second: it said "Synkroniseret" with
        # nothing sent before the first key, so wait for a reading taken after a push.
        qtbot.waitUntil(
            lambda: label.text() == "Synkroniseret" and "Sidst sendt" in label.toolTip(),
            timeout=5000,
        )
        seen.append(label.toolTip())
        assert QApplication.focusWidget() is not label  # the keys stayed with the counter

    settings = f'central_url = "{_no_password(central)}"\ncentre = "Rådhuset"\n'
    settings_file(tmp_path, None).write_text(settings, encoding="utf-8")
    assert run_app(qtbot, tmp_path, None, script).exit_code == 0
    local = _local(tmp_path)
    remote = _central_rows(central)
    assert len(local) == 3
    assert {i: voided for i, (voided, _) in remote.items()} == local
    desk_id = uuid.UUID(read_settings_file(settings_file(tmp_path, None)).desk_id)
    assert {owner for _, owner in remote.values()} == {desk_id}  # the id saved on first start
    heard = _desk_sync(central)
    assert heard == [(desk_id, "Skranke 1", "165", "Rådhuset")]
    assert PASSWORD not in seen[0]


def test_a_black_holed_link_shows_offline_and_never_holds_up_logging_or_closing(
    qtbot: QtBot, tmp_path: Path, central: str, postgres: PostgresServer
) -> None:
    def offline(window: CounterWindow) -> None:
        label = sync_label(window)
        assert label is not None
        started = time.monotonic()
        for key in "12":
            _press(qtbot, window, key)
        assert time.monotonic() - started < 2  # the push thread never stands in the way
        qtbot.waitUntil(lambda: label.text().startswith("Offline siden "), timeout=20_000)
        assert "svarer ikke" in label.text()
        _press(qtbot, window, "3")  # logging goes on while offline
        assert window.recent_panel.model.rowCount() == 3

    with Proxy(postgres.port) as proxy:
        proxy.blackhole()
        run = run_app(qtbot, tmp_path, _no_password(central, proxy.port), offline)
        assert run.exit_code == 0
        assert run.close_seconds < 2.5  # a push stuck on the dead link is abandoned at ~1 s
        assert _central_rows(central) == {}
        # The abandoned push gives up on its own (the connect timeout), as it would in a
        # process that had not exited: no push thread is left behind for good.
        wait_for(lambda: not _push_threads(), "the abandoned push thread to end", 15)

        proxy.forward()  # the link is back: the next start sends what waited

        def back(window: CounterWindow) -> None:
            label = sync_label(window)
            assert label is not None
            qtbot.waitUntil(lambda: label.text() == "Synkroniseret", timeout=20_000)

        assert run_app(qtbot, tmp_path, None, back).exit_code == 0
    remote = _central_rows(central)
    assert set(remote) == set(_local(tmp_path))
    assert len(remote) == 3
