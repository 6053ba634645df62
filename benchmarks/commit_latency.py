"""Click-to-durable-commit latency of logging one contact, against a raw SQLite insert.

A real window (offscreen) on a real SQLite file (WAL, synchronous=FULL). Each sample is one
mouse click on an area tile; the contact is committed and fsynced on the desk's worker
thread, then the recent list and today's tally are updated on the GUI thread. The floor is
Python's sqlite3 inserting the same row with the same pragmas and committing, in the same run.

    uv run python -m benchmarks.commit_latency [--clicks 500]
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

from benchmarks.common import describe_machine, percentile, summary
from database.counter import CounterDesk
from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from skranke.settings import Settings
from skranke.vocabulary import load_vocabulary
from ui.app import create_application
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


def _window_clicks(folder: Path, clicks: int) -> tuple[list[float], list[float]]:
    """Per click: milliseconds to the durable commit, and to the window fully updated."""
    app = create_application([])
    database = open_database(sqlite_url(folder / "skranke.sqlite3"))
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
    committed: list[float] = []
    store = desk.repository.add_many

    def timed_store(contacts):  # type: ignore[no-untyped-def]
        store(contacts)
        committed.append(time.perf_counter())  # the commit (and fsync) has returned

    desk.repository.add_many = timed_store  # type: ignore[method-assign]
    tile = window.tiles[0][1]
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
    database.close()
    return to_commit, to_updated


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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        raw = _raw_inserts(folder, args.clicks)
        to_commit, to_updated = _window_clicks(folder, args.clicks)
    print(describe_machine())
    print(summary("raw sqlite3 insert + commit (floor)", raw))
    print(summary("click on a tile to durable commit", to_commit))
    print(summary("click on a tile to window updated and repainted", to_updated))
    ratio = statistics.median(to_commit) / statistics.median(raw)
    print(f"click-to-commit, ratio of medians to the floor: {ratio:.2f}x")
    print(f"click-to-commit p99 {percentile(to_commit, 0.99):.2f} ms (goal < 20 ms)")


if __name__ == "__main__":
    main()
