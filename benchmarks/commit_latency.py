"""Click-to-durable-commit latency of logging one contact, against a raw SQLite insert.

A real window (offscreen) on a real SQLite file (WAL, synchronous=FULL). Each sample is one
mouse click on an area tile; the contact is committed and fsynced on the desk's worker
thread, then the recent list and today's tally are updated on the GUI thread. The floor is
Python's sqlite3 inserting the same row with the same pragmas and committing, in the same run.

    uv run python -m benchmarks.commit_latency [--clicks 500] [--central-url URL]

With ``--central-url`` (a PostgreSQL at the head schema; the password from PGPASSWORD) the
clicks are timed a second time with the desk pushing as the app does (main._start_sync: the
runner woken after each write, the status label polling), through a TCP proxy that
black-holes everything: the push thread is stuck on a dead link the whole time.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.engine import make_url

import main as skranke_main
from benchmarks.common import describe_machine, percentile, summary
from database.counter import CounterDesk
from database.engine import Database, open_database, sqlite_url
from database.repository import ContactRepository
from database.sync import DeskIdentity, Pusher, PushRunner
from skranke.settings import Settings
from skranke.vocabulary import load_vocabulary
from tests.sync.proxy import Proxy
from ui.app import create_application
from ui.cli.common import StartupConfig
from ui.counter_window import CounterWindow
from ui.settings_store import QtSettingsStore


def _click(widget: QWidget) -> None:
    """A left click delivered as real press and release events (QTest's own mouseClick
    processes pending events and waits, which would be counted as ours)."""
    local = QPointF(widget.rect().center())
    screen = QPointF(widget.mapToGlobal(widget.rect().center()))
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind, local, screen, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(widget, event)


def _window_clicks(
    folder: Path, clicks: int, central_url: str | None = None
) -> tuple[list[float], list[float]]:
    """Per click: milliseconds to the durable commit, and to the window fully updated."""
    app = create_application([])
    database = open_database(sqlite_url(folder / f"skranke-{uuid.uuid4().hex}.sqlite3"))
    vocabulary = load_vocabulary()
    desk = CounterDesk(
        ContactRepository(database), vocabulary, desk="Skranke 1", municipality_code="165"
    )
    window = CounterWindow(
        vocabulary,
        QtSettingsStore.in_memory(Settings(desk="Skranke 1", municipality="165")),
        desk_name="Skranke 1",
        municipality_code="165",
        desk=desk,
    )
    window.show()
    app.processEvents()
    sync = None if central_url is None else _start_black_holed_sync(window, database, central_url)
    committed: list[float] = []
    store = desk.repository.add_many

    def timed_store(contacts):  # type: ignore[no-untyped-def]
        store(contacts)
        committed.append(time.perf_counter())  # the commit (and fsync) has returned

    desk.repository.add_many = timed_store  # type: ignore[method-assign]
    tile = window.tiles_panel.tiles[0][1]
    to_commit, to_updated = [], []
    for _ in range(clicks):
        start = time.perf_counter()
        _click(tile)
        if window.worker.busy:  # the write runs on the desk's worker thread; wait idle
            waiting = QEventLoop()
            window.worker.busyChanged.connect(waiting.quit)
            waiting.exec()
            window.worker.busyChanged.disconnect(waiting.quit)
        app.processEvents()  # the list, tally and status bar repaint
        to_updated.append((time.perf_counter() - start) * 1000)
        to_commit.append((committed[-1] - start) * 1000)
        QTest.qWait(30)  # the next citizen: deferred repaints and timers run, as in real use
    assert desk.today_tally().total == clicks
    window.close()
    if sync is not None:
        runner, proxy = sync
        assert runner.pusher.status.waiting > 0, "the link was meant to be dead"
        skranke_main._stop_sync(runner)
        proxy.close()
    database.close()
    return to_commit, to_updated


def _start_black_holed_sync(
    window: CounterWindow, database: Database, central_url: str
) -> tuple[PushRunner, Proxy]:
    """The app's sync wiring, pushing through a proxy that swallows every byte."""
    url = make_url(central_url)
    proxy = Proxy(url.port or 5432)
    proxy.blackhole()
    via = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    identity = DeskIdentity(uuid.uuid4(), "Skranke 1", "165")
    runner = PushRunner(Pusher(database, via, identity))
    settings = Settings(desk="Skranke 1", municipality="165", central_url=via)
    config = StartupConfig(settings, Path("settings.toml"), "", "Skranke 1", "165")
    skranke_main._start_sync(window, config, runner)
    return runner, proxy


def _raw_inserts(folder: Path, count: int) -> list[float]:
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute(
        "CREATE TABLE contact (id CHAR(32) PRIMARY KEY, logged_at DATETIME, channel TEXT,"
        " area TEXT, kind TEXT, outcome TEXT, assisted BOOLEAN, readiness TEXT,"
        " requester TEXT, on_behalf BOOLEAN, exemption BOOLEAN, duration_seconds INTEGER,"
        " desk TEXT, municipality TEXT, note TEXT, voided_at DATETIME)"
    )
    samples = []
    for _ in range(count):
        row = (uuid.uuid4().hex, "2026-11-22 09:00:00.000000", "in_person", "passport",
               "transaction", "handled_by_staff", 0, None, "citizen", 0, 0, 42,
               "Skranke 1", "165", None, None)  # fmt: skip
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO contact VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000)
    conn.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=500)
    parser.add_argument("--central-url", help="also time it pushing to a black-holed link")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        raw = _raw_inserts(folder, args.clicks)
        to_commit, to_updated = _window_clicks(folder, args.clicks)
        if args.central_url:
            cut_commit, cut_updated = _window_clicks(folder, args.clicks, args.central_url)
    print(describe_machine())
    print(summary("raw sqlite3 insert + commit (floor)", raw))
    print(summary("click on a tile to durable commit", to_commit))
    print(summary("click on a tile to window updated and repainted", to_updated))
    ratio = statistics.median(to_commit) / statistics.median(raw)
    print(f"click-to-commit, ratio of medians to the floor: {ratio:.2f}x")
    print(f"click-to-commit p99 {percentile(to_commit, 0.99):.2f} ms (goal < 20 ms)")
    if args.central_url:
        print(summary("... pushing, link black-holed: click to durable commit", cut_commit))
        print(summary("... pushing, link black-holed: click to window updated", cut_updated))
        ratio = statistics.median(cut_commit) / statistics.median(to_commit)
        print(f"black-holed push / no central, ratio of click-to-commit medians: {ratio:.2f}x")
        p99 = percentile(cut_commit, 0.99)
        print(f"click-to-commit p99 with the link black-holed {p99:.2f} ms (goal < 20 ms)")


if __name__ == "__main__":
    main()
