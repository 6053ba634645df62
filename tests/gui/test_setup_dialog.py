"""First run: the desk's name and the municipality."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import main
from skranke.settings import SettingsStore, read_settings_file
from ui.app import create_application
from ui.cli.common import StartupConfig
from ui.settings_store import QtSettingsStore
from ui.setup_dialog import SetupDialog


def _dialog(qtbot: QtBot, desk: str = "", code: str = "") -> SetupDialog:
    create_application([])
    dialog = SetupDialog(desk, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_type_a_desk_and_pick_a_municipality(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.desk_edit, "Skranke 3")
    dialog.municipality_combo.setEditText("187 Vallensbæk")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.desk_edit, Qt.Key.Key_Return)
    assert (dialog.desk, dialog.municipality_code) == ("Skranke 3", "187")


def test_a_bare_code_is_enough(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "Telefon 1")
    dialog.municipality_combo.setEditText("165")
    dialog.accept()
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    assert dialog.municipality_code == "165"


def test_prefilled_values_are_shown(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "Skranke 2", "101")
    assert dialog.desk_edit.text() == "Skranke 2"
    assert dialog.municipality_combo.currentText() == "101 København"


def test_an_unknown_municipality_is_explained(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "Skranke 1")
    dialog.municipality_combo.setEditText("999")
    dialog.accept()
    assert dialog.isVisible()
    assert "999" in dialog.problem_label.text()
    assert "findes ikke" in dialog.problem_label.text()


def test_an_empty_desk_name_is_explained(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "", "165")
    dialog.accept()
    assert dialog.isVisible()
    assert "Skrankens navn" in dialog.problem_label.text()


@pytest.mark.parametrize("typed", ["Albertslund", "albertslund kommune", "Alberts"])
def test_typing_the_name_as_the_hint_suggests_is_enough(qtbot: QtBot, typed: str) -> None:
    # The hint says "skriv navn eller kode, fx Albertslund"; typing the name was refused.
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.desk_edit, "Skranke 3")
    line_edit = dialog.municipality_combo.lineEdit()
    assert line_edit is not None
    qtbot.keyClicks(line_edit, typed)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.desk_edit, Qt.Key.Key_Return)
    assert dialog.municipality_code == "165"


def test_the_first_run_answers_go_through_the_settings_store(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The answers were written around the store, so the running window's store still said
    # desk = "" until the next start.
    create_application([])
    path = tmp_path / "settings.toml"
    path.write_text('# sat op af IT\nlanguage = "da"\n')
    store = QtSettingsStore(SettingsStore(read_settings_file(path), path))
    config = StartupConfig(store.current, path, "sqlite://", "", "")

    def answer(dialog: SetupDialog) -> int:
        dialog.desk_edit.setText("Skranke 4")
        dialog.municipality_combo.setEditText("Albertslund")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SetupDialog, "exec", answer)
    assert main._first_run_set_up(config, store)
    assert (store.current.desk, store.current.municipality) == ("Skranke 4", "165")
    assert (config.desk, config.municipality) == ("Skranke 4", "165")
    assert path.read_text().startswith("# sat op af IT\n")
    assert read_settings_file(path).desk == "Skranke 4"
