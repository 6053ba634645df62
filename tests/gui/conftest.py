from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.catalog import load_catalog
from skranke.settings import Settings, SettingsStore
from skranke.stopwatch import Stopwatch
from ui.app import create_application
from ui.counter_window import CounterWindow
from ui.settings_store import QtSettingsStore


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _fresh_window_state() -> None:
    """Each test starts as on a new PC: no period the team view remembered from another."""
    QSettings().remove("teamView/period")


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def make_window(qtbot: QtBot, desk: CounterDesk, settings_path: Path, clock: FakeClock) -> object:
    create_application([])

    def make(settings: Settings | None = None) -> CounterWindow:
        # A fresh desk: no size and place remembered from an earlier test's window (the
        # offscreen screen is small, so a restored geometry would be squeezed to its minimum).
        QSettings().remove("counterWindow/geometry")
        window = CounterWindow(
            desk.vocabulary,
            QtSettingsStore(
                SettingsStore(
                    settings or Settings(desk=desk.desk, municipality=desk.municipality_code),
                    settings_path,
                )
            ),
            desk_name=desk.desk,
            municipality_code=desk.municipality_code,
            desk=desk,
            catalog=load_catalog(desk.vocabulary).catalog,
            stopwatch=Stopwatch(clock),
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # keys reach the window, as on a desktop
        window.setFocus()
        return window

    return make


@pytest.fixture
def window(make_window) -> CounterWindow:  # type: ignore[no-untyped-def]
    return make_window()
