"""First run: the desk's name and the municipality."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.app import create_application
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
