"""The real counter program, run in the test's process: ``main._run_window`` with a settings
file, a SQLite file and (maybe) a central_url, driven by a script once its event loop runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

import main
from database.engine import sqlite_url
from skranke.settings import SettingsStore
from ui.app import create_application
from ui.cli.parser import parse_arguments
from ui.counter_window import CounterWindow
from ui.settings_store import QtSettingsStore


@dataclass
class AppRun:
    """One run of the program: its exit code and how long closing took (seconds, from the
    window's close to the program's return: the push thread's stop included)."""

    exit_code: int = -1
    closed_at: float = 0.0
    close_seconds: float = 0.0
    errors: list[BaseException] = field(default_factory=list)


def settings_file(folder: Path, central_url: str | None) -> Path:
    path = folder / "settings.toml"
    if not path.exists():
        line = f'central_url = "{central_url}"\n' if central_url is not None else ""
        path.write_text(line, encoding="utf-8")
    return path


def desk_file(folder: Path) -> Path:
    return folder / "desk.sqlite3"


def run_app(
    qtbot: QtBot,
    folder: Path,
    central_url: str | None,
    script: Callable[[CounterWindow], None],
) -> AppRun:
    """Start the counter on ``folder``'s files, run ``script(window)`` once the desk is open
    (it may wait with ``qtbot.waitUntil``), then close the window as staff would."""
    argv = ["--config", str(settings_file(folder, central_url)),
            "--database", sqlite_url(desk_file(folder)),
            "--desk", "Skranke 1", "--municipality", "165"]  # fmt: skip
    args = parse_arguments(argv)
    config = main._resolve(args)
    vocabulary = main._load_vocabulary(config.settings)
    create_application([])
    store = QtSettingsStore(SettingsStore(config.settings, config.settings_path))
    run = AppRun()
    windows: list[CounterWindow] = []

    def drive() -> None:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, CounterWindow) and w.isVisible()
        )
        windows.append(window)
        try:
            qtbot.waitUntil(lambda: window.desk is not None, timeout=20_000)
            if config.settings.central_url:  # the pusher starts after "ready" (and the catalogue)
                qtbot.waitUntil(lambda: sync_label(window) is not None, timeout=20_000)
            script(window)
        except BaseException as error:  # handed back to the test after the loop ends
            run.errors.append(error)
        run.closed_at = time.monotonic()
        window.close()
        # Closing the last window ends the program, as for staff. An explicit quit() on top
        # would leave an event behind that spoils the next test's window activation.
        if any(w.isVisible() for w in QApplication.topLevelWidgets()):
            QApplication.exit(0)

    QTimer.singleShot(0, drive)
    run.exit_code = main._run_window(args, config, vocabulary, store)
    run.close_seconds = time.monotonic() - run.closed_at
    for window in windows:  # gone, as when the program ends: later windows get the keys
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if run.errors:
        raise run.errors[0]
    return run


def sync_label(window: CounterWindow) -> QLabel | None:
    return window.statusBar().findChild(QLabel, "syncStatus")
