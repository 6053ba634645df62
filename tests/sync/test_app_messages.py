"""A central database that cannot be used never stops the counter: the desk keeps logging
and the status bar says what is wrong in a Danish sentence, never with a password, never a
dialog or a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.postgres import PostgresServer
from tests.sync.app import run_app, sync_label
from ui.counter_window import CounterWindow

SECRET = "hemmelig-7f3a"  # noqa: S105 - must never be shown


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the probe is closed


def _logs_and_says(qtbot: QtBot, folder: Path, url: str, *expected: str) -> str:
    """Run the counter against ``url``; log a contact; return what the status bar said."""
    said: list[str] = []

    def script(window: CounterWindow) -> None:
        label = sync_label(window)
        assert label is not None
        qtbot.keyClick(window, "1")
        qtbot.waitUntil(lambda: window.recent_panel.model.rowCount() == 1, timeout=5000)
        qtbot.waitUntil(lambda: all(w in label.message for w in expected), timeout=15_000)
        assert window.error_banner.isHidden()  # the contact is stored: nothing to warn about
        assert QApplication.activeModalWidget() is None  # never a dialog
        said.extend([label.message, label.text(), label.toolTip()])

    assert run_app(qtbot, folder, url, script).exit_code == 0
    assert SECRET not in " ".join(said)
    return said[0]


def test_an_unreachable_server(qtbot: QtBot, tmp_path: Path) -> None:
    url = f"postgresql+psycopg://skranke_desk:{SECRET}@127.0.0.1:{_closed_port()}/skranke"
    _logs_and_says(qtbot, tmp_path, url, "Offline siden ", "svarer ikke", "1 venter")


def test_a_wrong_password(qtbot: QtBot, tmp_path: Path, postgres: PostgresServer) -> None:
    central = postgres.new_database()
    postgres.admin("DROP ROLE IF EXISTS desk_wrong_password")
    postgres.admin("CREATE ROLE desk_wrong_password LOGIN PASSWORD 'the-right-one'")
    url = (
        f"postgresql+psycopg://desk_wrong_password:{SECRET}@127.0.0.1:{postgres.port}/"
        f"{central.rsplit('/', 1)[1]}"
    )
    text = _logs_and_says(qtbot, tmp_path, url, "Offline siden ", "afviser skrankens login")
    assert "kontakt IT" in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"postgres://skranke_desk:{SECRET}@db.kommune.dk/skranke", "'postgres://'"),
        (f"nosuchdb://skranke_desk:{SECRET}@db.kommune.dk/skranke", "'nosuchdb'"),
        ("sqlite:///central.sqlite3", "PostgreSQL-adresse"),
    ],
    ids=["postgres-scheme", "unknown-driver", "not-postgresql"],
)
def test_an_unusable_address(qtbot: QtBot, tmp_path: Path, url: str, expected: str) -> None:
    text = _logs_and_says(qtbot, tmp_path, url, "Sendes ikke til den fælles database", expected)
    assert "Registreringer gemmes her." in text
