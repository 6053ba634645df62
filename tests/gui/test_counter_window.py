"""The counter window as staff use it: by mouse, by keyboard, by favourite, by batch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
)
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.contact import Contact, ContactChoice
from skranke.settings import Favourite, Settings, read_settings_file
from tests.gui.conftest import FakeClock
from tests.helpers import write_lock
from ui.counter_window import CounterWindow


def _stored(desk: CounterDesk) -> list[Contact]:
    return [c for c in desk.today_contacts() if not c.voided]


def _tile(window: CounterWindow, area_id: str) -> QAbstractButton:
    return next(tile for area, tile in window.tiles if area.id == area_id)


def test_one_click_on_a_tile_logs_the_common_case(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    qtbot.mouseClick(_tile(window, "passport"), Qt.MouseButton.LeftButton)
    (contact,) = _stored(desk)
    assert (contact.channel, contact.area, contact.outcome) == (
        "in_person",
        "passport",
        "handled_by_staff",
    )
    assert (contact.kind, contact.assisted, contact.requester) == (
        "transaction",
        False,
        "citizen",
    )
    assert window.recent_model.rowCount() == 1
    assert window.tally_label.text().startswith("I dag: 1 henvendelse ")
    assert "Registreret: Pas · Fremmøde" in window.statusBar().currentMessage()


def test_two_actions_outcome_then_tile(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    qtbot.mouseClick(window.outcome_buttons["assisted_self_service"], Qt.MouseButton.LeftButton)
    assert window.assisted_box.isChecked()  # the outcome pre-sets the flag
    qtbot.mouseClick(_tile(window, "mitid"), Qt.MouseButton.LeftButton)
    (contact,) = _stored(desk)
    assert (contact.outcome, contact.assisted, contact.kind) == (
        "assisted_self_service",
        True,
        "guidance",
    )
    # The form is back to the common case for the next citizen.
    assert window.selected_outcome() == "handled_by_staff"
    assert not window.assisted_box.isChecked()
    assert "Hjælp til selvbetjening 100 %" in window.tally_label.text()


def test_the_flag_can_differ_from_the_outcome(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    box = window.assisted_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    window.readiness_combo.setCurrentIndex(window.readiness_combo.findData("can_learn"))
    window.requester_combo.setCurrentIndex(window.requester_combo.findData("business"))
    window.on_behalf_box.setChecked(True)
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("information"))
    qtbot.mouseClick(_tile(window, "tax"), Qt.MouseButton.LeftButton)
    (contact,) = _stored(desk)
    assert contact.outcome == "handled_by_staff"
    assert contact.assisted
    assert (contact.readiness, contact.requester, contact.on_behalf, contact.kind) == (
        "can_learn",
        "business",
        True,
        "information",
    )


def test_keyboard_only_channel_and_tile_number(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Telefon
    assert window.selected_channel() == "phone"
    qtbot.keyClick(window, Qt.Key.Key_5)  # the fifth tile
    (contact,) = _stored(desk)
    assert contact.channel == "phone"
    assert contact.area == window.tiles[4][0].id
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert len(_stored(desk)) == 2
    assert window.selected_channel() == "phone"  # the channel stays for phone staff


def test_alt_keys_reach_every_outcome_and_detail_without_clashes(window: CounterWindow) -> None:
    # Mnemonics (Alt+letter) fire on real desktops (checked under Xvfb), not on the offscreen
    # test platform, so this checks what makes them work: one distinct letter each.
    texts = [b.text() for b in window.findChildren(QAbstractButton)]
    texts += [label.text() for label in window.findChildren(QLabel) if label.buddy()]
    mnemonics = [QKeySequence.mnemonic(t).toString() for t in texts if "&" in t]
    assert len(mnemonics) == len(set(mnemonics)), mnemonics
    outcome_keys = {
        outcome_id: QKeySequence.mnemonic(button.text()).toString()
        for outcome_id, button in window.outcome_buttons.items()
    }
    assert outcome_keys["handled_by_staff"] == "Alt+E"
    assert outcome_keys["assisted_self_service"] == "Alt+H"
    assert all(outcome_keys.values())


def test_a_favourite_logs_with_one_key(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F5)  # shipped default: Digital Post · Telefon · Hjælp
    (contact,) = _stored(desk)
    assert (contact.area, contact.channel, contact.outcome, contact.assisted) == (
        "digital_post",
        "phone",
        "assisted_self_service",
        True,
    )
    qtbot.mouseClick(window.favourite_buttons["F1"], Qt.MouseButton.LeftButton)
    assert _stored(desk)[0].area == "passport"
    assert window.selected_channel() == "in_person"  # a favourite does not move the switch


def test_batch_entry_after_a_rush(qtbot: QtBot, window: CounterWindow, desk: CounterDesk) -> None:
    window.channel_buttons["phone"].click()
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert window.count_spin.value() == 5
    qtbot.mouseClick(_tile(window, "mitid"), Qt.MouseButton.LeftButton)
    contacts = _stored(desk)
    assert len(contacts) == 5
    assert {(c.channel, c.area) for c in contacts} == {("phone", "mitid")}
    assert window.count_spin.value() == 1
    assert "Registreret 5 × MitID" in window.statusBar().currentMessage()
    assert window.tally_label.text().startswith("I dag: 5 henvendelser")


def test_undo_with_ctrl_z(qtbot: QtBot, window: CounterWindow, desk: CounterDesk) -> None:
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (kept,) = _stored(desk)
    assert kept.area == window.tiles[0][0].id
    assert window.recent_model.rowCount() == 2
    voided_row = window.recent_model.index(0, 3)
    assert voided_row.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "(annulleret)" in voided_row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Annulleret kl." in voided_row.data(Qt.ItemDataRole.ToolTipRole)
    assert window.tally_label.text().startswith("I dag: 1 henvendelse ")
    assert window.statusBar().currentMessage().startswith("Fortrudt")


def test_void_any_of_todays_contacts_from_the_list(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
        qtbot.keyClick(window, key)
    window.select_contact_row(2)  # the oldest: the first tile
    window.recent_view.setFocus()
    qtbot.keyClick(window.recent_view, Qt.Key.Key_Delete)
    assert {c.area for c in _stored(desk)} == {window.tiles[1][0].id, window.tiles[2][0].id}
    assert window.statusBar().currentMessage().startswith("Annulleret")


def test_a_cpr_like_note_is_refused_and_nothing_is_lost(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    window.outcome_buttons["referred_elsewhere"].click()
    qtbot.keyClicks(window.note_edit, "borgerens nr 010190-1234")
    assert window.note_edit.property("invalid") is True  # flagged while typing
    qtbot.mouseClick(_tile(window, "cpr"), Qt.MouseButton.LeftButton)
    assert _stored(desk) == []
    assert window.error_banner.isVisible()
    assert "CPR-nummer" in window.error_banner.text()
    assert window.note_edit.text() == "borgerens nr 010190-1234"  # kept to correct
    assert window.note_edit.selectedText() == "010190-1234"
    assert window.selected_outcome() == "referred_elsewhere"
    window.note_edit.setText("henvist til UDK")
    qtbot.mouseClick(_tile(window, "cpr"), Qt.MouseButton.LeftButton)
    (contact,) = _stored(desk)
    assert contact.note == "henvist til UDK"
    assert not window.error_banner.isVisible()


def test_a_locked_database_keeps_the_form_and_says_so(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, db_path: Path
) -> None:
    window.outcome_buttons["assisted_self_service"].click()
    with write_lock(db_path):
        qtbot.mouseClick(_tile(window, "moving"), Qt.MouseButton.LeftButton)
        assert window.error_banner.isVisible()
        assert "IKKE gemt" in window.error_banner.text()
        assert "låst" in window.error_banner.text()
    assert _stored(desk) == []
    assert window.selected_outcome() == "assisted_self_service"  # nothing to re-enter
    qtbot.mouseClick(_tile(window, "moving"), Qt.MouseButton.LeftButton)
    (contact,) = _stored(desk)
    assert contact.outcome == "assisted_self_service"


def test_the_timer_records_the_handling_time(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, clock: FakeClock
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    clock.now += 95
    window._tick()
    assert window.timer_label.text() == "Tid 1:35"
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert _stored(desk)[0].duration_seconds == 95
    assert window.timer_label.text() == "Tid –:––"  # idle until the next citizen


def test_choosing_an_outcome_starts_the_timer(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, clock: FakeClock
) -> None:
    window.outcome_buttons["referred_elsewhere"].click()
    clock.now += 30
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert _stored(desk)[0].duration_seconds == 30


def test_pin_the_last_contact_as_a_favourite(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, settings_path: Path
) -> None:
    window.channel_buttons["phone"].click()
    window.outcome_buttons["referred_elsewhere"].click()
    qtbot.mouseClick(_tile(window, "tax"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    saved = read_settings_file(settings_path).favourite("F7")  # F1-F6 are the defaults
    assert saved is not None
    assert (saved.choice.channel, saved.choice.area, saved.choice.outcome) == (
        "phone",
        "tax",
        "referred_elsewhere",
    )
    assert "Skat" in window.favourite_buttons["F7"].label()
    window.channel_buttons["in_person"].click()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    latest = _stored(desk)[0]
    assert (latest.channel, latest.area, latest.outcome) == ("phone", "tax", "referred_elsewhere")


def test_a_favourite_with_an_unknown_area_is_disabled_not_fatal(make_window) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        desk="Skranke 1",
        municipality="165",
        favourites=(
            Favourite("F1", ContactChoice("phone", "mitid", "handled_by_staff")),
            Favourite("F2", ContactChoice("phone", "unicorns", "handled_by_staff")),
        ),
    )
    window = make_window(settings)
    assert window.favourite_buttons["F1"].isEnabled()
    assert not window.favourite_buttons["F2"].isEnabled()
    assert "unicorns" in window.favourite_buttons["F2"].toolTip()


def test_every_control_has_an_accessible_name(window: CounterWindow) -> None:
    controls = []
    for kind in (QAbstractButton, QComboBox, QLineEdit, QSpinBox, QTableView):
        controls += window.findChildren(kind)
    unnamed = [
        c.objectName() or repr(c)
        for c in controls
        if not c.accessibleName() and c.parent() is not None and c.isVisible()
        and not isinstance(c.parent(), QSpinBox | QComboBox)  # their inner parts
    ]  # fmt: skip
    assert unnamed == []
    assert len(controls) > 40


def test_before_the_database_is_open_nothing_is_logged_and_it_says_why(
    qtbot: QtBot, desk: CounterDesk
) -> None:
    window = CounterWindow(
        desk.vocabulary,
        Settings(desk="Skranke 1", municipality="165"),
        desk_name="Skranke 1",
        municipality_code="165",
    )
    qtbot.addWidget(window)
    window.show()
    assert window.tiles == []
    assert window.log_favourite("F1") == []
    assert "databasen åbnes" in window.statusBar().currentMessage()
    window.attach(desk)
    assert len(window.tiles) == len(desk.vocabulary.visible_areas)
    assert len(window.log_favourite("F1")) == 1
    assert window.windowTitle() == "Skranke – Skranke 1 · 165 Albertslund"
