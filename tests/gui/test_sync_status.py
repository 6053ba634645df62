"""The counter's sync status: what a person at the counter reads in the status bar."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from database.central import (
    CentralLoginError,
    CentralNoDatabaseError,
    CentralPrivilegeError,
    CentralUnreachableError,
    NotPostgresError,
)
from database.errors import DatabaseUrlError
from database.sync import SyncState, SyncStatus
from ui.app import create_application
from ui.counter.sync_status import SyncStatusLabel, hide_password

SERVER = "postgresql+psycopg://skranke_desk:hemmelig@db.kommune.dk/skranke"
LOCATION = "postgresql+psycopg://skranke_desk@db.kommune.dk/skranke"
# 09:42 UTC is 10:42 in Copenhagen in December.
SINCE = datetime(2026, 12, 2, 9, 42, tzinfo=UTC)


def _label(qtbot: QtBot) -> tuple[QMainWindow, SyncStatusLabel]:
    create_application([])
    window = QMainWindow()
    qtbot.addWidget(window)
    label = SyncStatusLabel(SERVER, window.statusBar())
    window.statusBar().addPermanentWidget(label)
    window.show()
    qtbot.waitExposed(window)
    return window, label


_windows: list[QMainWindow] = []  # kept alive while a test reads its label


def _shows(qtbot: QtBot, status: SyncStatus) -> SyncStatusLabel:
    window, label = _label(qtbot)
    _windows[:] = [window]
    label.follow(lambda: status)
    return label


def test_synced(qtbot: QtBot) -> None:
    last = datetime(2026, 12, 2, 10, 0, 5, tzinfo=UTC)
    label = _shows(qtbot, SyncStatus(SyncState.SYNCED, last_push_at=last))
    assert label.text() == "Synkroniseret"
    assert "Sidst sendt: 11:00:05" in label.toolTip()
    assert "db.kommune.dk" in label.toolTip()


def test_waiting(qtbot: QtBot) -> None:
    assert _shows(qtbot, SyncStatus(SyncState.WAITING, waiting=3)).text() == "3 venter"


def test_offline_since_local_time(qtbot: QtBot) -> None:
    status = SyncStatus(
        SyncState.OFFLINE,
        waiting=5,
        since=SINCE,
        detail=f"{LOCATION}: connection timeout expired",
        error=CentralUnreachableError(LOCATION, "connection timeout expired"),
    )
    label = _shows(qtbot, status)
    assert label.text().startswith("Offline siden 10:42: den fælles database svarer ikke")
    assert "5 venter" in label.text()
    assert "Intet sendt" in label.toolTip()


def test_a_refused_login_is_told_apart(qtbot: QtBot) -> None:
    refused = CentralLoginError(LOCATION, 'password authentication failed for user "desk"')
    status = SyncStatus(SyncState.OFFLINE, waiting=1, since=SINCE, error=refused)
    text = _shows(qtbot, status).text()
    assert "afviser skrankens login" in text
    assert "kontakt IT" in text


def test_a_missing_privilege_and_a_missing_database(qtbot: QtBot) -> None:
    missing = CentralPrivilegeError(LOCATION, "INSERT on contact")
    status = SyncStatus(SyncState.OFFLINE, waiting=1, since=SINCE, error=missing)
    assert "mangler en rettighed" in _shows(qtbot, status).text()
    gone = CentralNoDatabaseError(LOCATION, 'database "skranke" does not exist')
    status = SyncStatus(SyncState.OFFLINE, waiting=1, since=SINCE, error=gone)
    assert "findes ikke på serveren" in _shows(qtbot, status).text()


def test_paused_says_who_must_act(qtbot: QtBot) -> None:
    older = SyncStatus(SyncState.PAUSED, waiting=2, since=SINCE, central_is_older=True)
    assert "skal opgraderes af IT" in _shows(qtbot, older).text()
    newer = SyncStatus(SyncState.PAUSED, waiting=2, since=SINCE, central_is_older=False)
    text = _shows(qtbot, newer).text()
    assert text.startswith("Sat på pause: ")
    assert "nye version af Skranke" in text


def test_the_status_follows_the_pusher_each_second(qtbot: QtBot) -> None:
    current = [SyncStatus(SyncState.WAITING, waiting=2)]
    _, label = _label(qtbot)
    label.follow(lambda: current[0])
    assert label.text() == "2 venter"
    current[0] = SyncStatus(SyncState.SYNCED)
    qtbot.waitUntil(lambda: label.text() == "Synkroniseret", timeout=2500)


def test_a_bad_address_is_a_sentence_without_the_password(qtbot: QtBot) -> None:
    _, label = _label(qtbot)
    label.show_problem(DatabaseUrlError(hide_password(SERVER), "postgres", "postgres"))
    assert "'postgres://'" in label.message
    assert "postgresql://" in label.message
    assert "gemmes her" in label.message
    assert "hemmelig" not in label.message + label.toolTip()
    # The long sentence is shortened on screen (the status bar keeps room for the rest);
    # all of it is in the tooltip.
    assert label.text().startswith("Sendes ikke til den fælles database")
    assert label.text().endswith("…")
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.maximumWidth()
    assert label.message in label.toolTip()


def test_a_database_that_is_not_postgresql(qtbot: QtBot) -> None:
    _, label = _label(qtbot)
    label.show_problem(NotPostgresError("sqlite:///x.sqlite3", "sqlite"))
    assert "PostgreSQL" in label.message
    assert "'sqlite'" in label.message


def test_it_never_takes_the_keyboard(qtbot: QtBot) -> None:
    _window, label = _label(qtbot)
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    label.follow(lambda: SyncStatus(SyncState.OFFLINE, waiting=1, since=SINCE))
    assert not label.hasFocus()
    assert "hemmelig" not in label.toolTip()


def test_hide_password() -> None:
    assert hide_password(SERVER) == "postgresql+psycopg://skranke_desk:***@db.kommune.dk/skranke"
    assert hide_password("postgresql://db/skranke") == "postgresql://db/skranke"
