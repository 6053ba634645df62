"""The counter window as staff use it: by mouse, by keyboard, by favourite, by batch.

Writes reach the database on a worker thread: ``_saved`` waits until the window has heard
back, as staff see the status bar change.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.clock import utc_now
from skranke.contact import Contact, ContactChoice
from skranke.settings import Favourite, Settings, read_settings_file
from tests.gui.conftest import FakeClock
from tests.gui.counter_page import CounterPage
from tests.gui.test_english import english  # noqa: F401 - the translator fixture, by name
from tests.helpers import write_lock
from ui.counter_window import CounterWindow
from ui.settings_store import QtSettingsStore


def _stored(desk: CounterDesk) -> list[Contact]:
    return [c for c in desk.today_contacts() if not c.voided]


def _tile(window: CounterWindow, area_id: str) -> QAbstractButton:
    return CounterPage(window).tile(area_id)


def _saved(qtbot: QtBot, window: CounterWindow) -> None:
    """Wait until every key's write has reached the database and come back."""
    CounterPage(window, qtbot).wait_saved()


def _press(qtbot: QtBot, window: CounterWindow, key: Qt.Key) -> None:
    """A key pressed where the keyboard focus is, as on a real desktop."""
    qtbot.keyClick(QApplication.focusWidget() or window, key)
    _saved(qtbot, window)


def _type(qtbot: QtBot, window: CounterWindow, text: str) -> None:
    for letter in text:
        qtbot.keyClicks(QApplication.focusWidget() or window, letter)


def _after_qr(qtbot: QtBot, window: CounterWindow) -> None:
    """The offscreen test platform activates every new window, the citizen screen too; a real
    desktop keeps the counter active (it does not accept focus; checked under Xvfb). Activating
    the counter again gives the keyboard to whatever had it inside the window."""
    qtbot.waitUntil(window.solutions.citizen_screen.isVisible)
    qtbot.wait(20)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _show_qr(qtbot: QtBot, window: CounterWindow, search: str) -> None:
    """Type a search anywhere and press Enter: the first result's QR code is shown."""
    _type(qtbot, window, search)
    _press(qtbot, window, Qt.Key.Key_Return)
    _after_qr(qtbot, window)


def _click_row(qtbot: QtBot, window: CounterWindow, row: int) -> None:
    CounterPage(window, qtbot).click_row(row)


def test_one_click_on_a_tile_logs_the_common_case(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    qtbot.mouseClick(_tile(window, "passport"), Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
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
    assert page.recent_model.rowCount() == 1
    assert page.tally_label.text().startswith("I dag: 1 henvendelse ")
    assert "Registreret: Pas · Fremmøde" in window.statusBar().currentMessage()


def test_two_actions_outcome_then_tile(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    qtbot.mouseClick(page.outcome_buttons["assisted_self_service"], Qt.MouseButton.LeftButton)
    assert page.assisted_box.isChecked()  # the outcome pre-sets the flag
    qtbot.mouseClick(_tile(window, "mitid"), Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
    (contact,) = _stored(desk)
    assert (contact.outcome, contact.assisted, contact.kind) == (
        "assisted_self_service",
        True,
        "guidance",
    )
    # The form is back to the common case for the next citizen.
    assert page.selected_outcome() == "handled_by_staff"
    assert page.outcome_buttons["handled_by_staff"].isChecked()
    assert not page.assisted_box.isChecked()
    assert "Hjælp til selvbetjening 100 %" in page.tally_label.text()


def test_the_flag_can_differ_from_the_outcome(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    box = page.assisted_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    page.readiness_combo.setCurrentIndex(page.readiness_combo.findData("can_learn"))
    page.requester_combo.setCurrentIndex(page.requester_combo.findData("business"))
    page.on_behalf_box.setChecked(True)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("information"))
    qtbot.mouseClick(_tile(window, "tax"), Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
    (contact,) = _stored(desk)
    assert contact.outcome == "handled_by_staff"
    assert contact.assisted
    assert (contact.readiness, contact.requester, contact.on_behalf, contact.kind) == (
        "can_learn",
        "business",
        True,
        "information",
    )
    assert page.readiness_combo.currentData() is None  # reset for the next citizen


def test_keyboard_only_channel_and_tile_number(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Telefon
    assert page.selected_channel() == "phone"
    _press(qtbot, window, Qt.Key.Key_5)  # the fifth tile
    (contact,) = _stored(desk)
    assert contact.channel == "phone"
    assert contact.area == page.tiles[4][0].id
    _press(qtbot, window, Qt.Key.Key_1)
    assert len(_stored(desk)) == 2
    assert page.selected_channel() == "phone"  # the channel stays for phone staff
    assert page.channel_buttons["phone"].isChecked()


def test_alt_keys_reach_every_outcome_and_detail_without_clashes(window: CounterWindow) -> None:
    page = CounterPage(window)
    # Mnemonics (Alt+letter) fire on real desktops (checked under Xvfb), not on the offscreen
    # test platform, so this checks what makes them work: one distinct letter each.
    texts = [b.text() for b in window.findChildren(QAbstractButton)]
    texts += [label.text() for label in window.findChildren(QLabel) if label.buddy()]
    mnemonics = [QKeySequence.mnemonic(t).toString() for t in texts if "&" in t]
    assert len(mnemonics) == len(set(mnemonics)), mnemonics
    outcome_keys = {
        outcome_id: QKeySequence.mnemonic(button.text()).toString()
        for outcome_id, button in page.outcome_buttons.items()
    }
    assert outcome_keys["handled_by_staff"] == "Alt+E"
    assert outcome_keys["assisted_self_service"] == "Alt+H"
    assert all(outcome_keys.values())


def test_a_favourite_logs_with_one_key(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    _press(qtbot, window, Qt.Key.Key_F5)  # shipped default: Digital Post · Telefon · Hjælp
    (contact,) = _stored(desk)
    assert (contact.area, contact.channel, contact.outcome, contact.assisted) == (
        "digital_post",
        "phone",
        "assisted_self_service",
        True,
    )
    qtbot.mouseClick(page.favourite_buttons["F1"], Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
    assert _stored(desk)[0].area == "passport"
    assert page.selected_channel() == "in_person"  # a favourite does not move the switch


def test_batch_entry_after_a_rush(qtbot: QtBot, window: CounterWindow, desk: CounterDesk) -> None:
    page = CounterPage(window, qtbot)
    page.channel_buttons["phone"].click()
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert page.count_spin.value() == 5
    qtbot.mouseClick(_tile(window, "mitid"), Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
    contacts = _stored(desk)
    assert len(contacts) == 5
    assert {(c.channel, c.area) for c in contacts} == {("phone", "mitid")}
    assert page.count_spin.value() == 1
    assert "Registreret 5 × MitID" in window.statusBar().currentMessage()
    assert page.tally_label.text().startswith("I dag: 5 henvendelser")


def test_undo_with_ctrl_z(qtbot: QtBot, window: CounterWindow, desk: CounterDesk) -> None:
    page = CounterPage(window, qtbot)
    _press(qtbot, window, Qt.Key.Key_1)
    _press(qtbot, window, Qt.Key.Key_2)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _saved(qtbot, window)
    (kept,) = _stored(desk)
    assert kept.area == page.tiles[0][0].id
    assert page.recent_model.rowCount() == 2
    voided_row = page.recent_model.index(0, 3)
    assert voided_row.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "(annulleret)" in voided_row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Annulleret kl." in voided_row.data(Qt.ItemDataRole.ToolTipRole)
    assert page.tally_label.text().startswith("I dag: 1 henvendelse ")
    assert window.statusBar().currentMessage().startswith("Fortrudt")


def test_void_a_row_chosen_in_the_list(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
        _press(qtbot, window, key)
    _click_row(qtbot, window, 2)  # the oldest: the first tile
    _press(qtbot, window, Qt.Key.Key_Delete)
    assert {c.area for c in _stored(desk)} == {page.tiles[1][0].id, page.tiles[2][0].id}
    assert window.statusBar().currentMessage().startswith("Annulleret")
    _click_row(qtbot, window, 0)  # the button works on the chosen row too
    qtbot.mouseClick(window.recent_panel.void_button, Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
    assert {c.area for c in _stored(desk)} == {page.tiles[1][0].id}


def test_delete_never_voids_a_row_staff_did_not_choose(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2):
        _press(qtbot, window, key)
    _click_row(qtbot, window, 1)  # chosen once ...
    qtbot.mouseClick(_tile(window, page.tiles[2][0].id), Qt.MouseButton.LeftButton)
    _saved(qtbot, window)  # ... then staff went on with the next citizen
    window.side_tabs.setCurrentWidget(window.recent_panel)
    page.recent_view.setFocus(Qt.FocusReason.TabFocusReason)  # back in the list by Tab
    assert page.recent_view.selectionModel().selectedRows() == []
    _press(qtbot, window, Qt.Key.Key_Delete)
    assert len(_stored(desk)) == 3  # nothing voided
    assert "Vælg en eller flere" in window.statusBar().currentMessage()


def test_letters_typed_in_todays_list_start_the_search_and_escape_returns(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    _show_qr(qtbot, window, "flyt")  # an earlier search, shown and logged
    _press(qtbot, window, Qt.Key.Key_1)
    _click_row(qtbot, window, 0)
    _type(qtbot, window, "pas")
    panel = window.solution_panel
    assert panel.search_edit.hasFocus()
    assert panel.search_edit.text() == "pas"
    assert window.side_tabs.currentWidget() is panel
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert not panel.search_edit.hasFocus()
    _press(qtbot, window, Qt.Key.Key_2)
    assert len(_stored(desk)) == 2
    _click_row(qtbot, window, 0)
    _press(qtbot, window, Qt.Key.Key_Escape)  # from the list, too
    assert not page.recent_view.hasFocus()
    assert page.recent_view.selectionModel().selectedRows() == []
    _press(qtbot, window, Qt.Key.Key_3)
    assert len(_stored(desk)) == 3


def test_number_keys_log_right_after_a_qr_is_shown(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    _show_qr(qtbot, window, "flyt")
    panel = window.solution_panel
    assert panel.search_edit.text() == "flyt"
    assert panel.shown is not None
    assert not panel.search_edit.hasFocus()
    _press(qtbot, window, Qt.Key.Key_4)
    (contact,) = _stored(desk)
    assert contact.area == page.tiles[3][0].id
    assert contact.outcome == "referred_to_self_service"
    assert [h.solution for h in contact.handouts] == [panel.shown.id if panel.shown else "moving"]
    assert page.recent_model.rowCount() == 1
    assert window.side_tabs.currentWidget() is window.recent_panel  # the list shows it
    _press(qtbot, window, Qt.Key.Key_Escape)
    _press(qtbot, window, Qt.Key.Key_F1)
    assert len(_stored(desk)) == 2


def test_a_click_on_a_result_gives_the_keyboard_back(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    _type(qtbot, window, "mitid")
    results = window.solution_panel.results
    rect = results.visualItemRect(results.item(0))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.solution_panel.shown is not None
    _after_qr(qtbot, window)
    _press(qtbot, window, Qt.Key.Key_F2)
    (contact,) = _stored(desk)
    assert contact.area == "mitid"
    assert contact.handouts  # the QR shown is recorded


def test_escape_leaves_the_search_first_and_resets_the_second_time(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    page.outcome_buttons["referred_elsewhere"].click()
    _type(qtbot, window, "gult")
    panel = window.solution_panel
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert panel.search_edit.text() == ""
    assert not panel.search_edit.hasFocus()
    assert page.selected_outcome() == "referred_elsewhere"  # the form is kept
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert page.selected_outcome() == "handled_by_staff"
    assert window.statusBar().currentMessage() == "Formularen er nulstillet."
    _press(qtbot, window, Qt.Key.Key_1)
    assert len(_stored(desk)) == 1


def _keys(window: CounterWindow) -> dict[str, str]:
    page = CounterPage(window)
    return {area.id: tile.hint() for area, tile in page.tiles if tile.hint()}


def test_tile_numbers_stay_across_restarts_until_staff_sort_them(
    qtbot: QtBot,
    make_window,
    desk: CounterDesk,
    settings_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    first = make_window()
    first_page = CounterPage(first, qtbot)
    keys = _keys(first)
    sixth = first_page.tiles[5][0]
    for _ in range(3):
        _press(qtbot, first, Qt.Key.Key_6)  # the sixth area becomes the most used
    assert read_settings_file(settings_path).tile_order[:10] == tuple(keys)
    first.close()

    second = make_window(read_settings_file(settings_path))  # the next morning
    second_page = CounterPage(second, qtbot)
    assert _keys(second) == keys  # MitID stays where staff's fingers know it

    second.activateWindow()
    qtbot.mouseClick(second.tiles_panel.sort_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: second_page.tiles[0][0] == sixth)  # use is read off the GUI thread
    message = second.statusBar().currentMessage()
    assert f"{sixth.label()} er nu 1" in message, message
    sorted_keys = _keys(second)
    second.close()

    third = make_window(read_settings_file(settings_path))
    assert _keys(third) == sorted_keys


def test_new_areas_go_last_and_hidden_ones_drop_out(
    make_window,
    desk: CounterDesk,
    settings_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    visible = [area.id for area in desk.vocabulary.visible_areas]
    saved = ("no_such_area", visible[3], visible[1])
    window = make_window(Settings(desk="Skranke 1", municipality="165", tile_order=saved))
    page = CounterPage(window)
    order = [area.id for area, _tile in page.tiles]
    assert order[:2] == [visible[3], visible[1]]
    assert sorted(order) == sorted(visible)


def _areas(desk: CounterDesk) -> list[str]:
    """The stored contacts that count, in the order they were logged."""
    return [c.area for c in reversed(_stored(desk))]


def test_a_locked_database_takes_every_key_and_a_retry_saves_them(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, db_path: Path
) -> None:
    page = CounterPage(window, qtbot)
    window.writes.retry_timer.setInterval(60_000)  # the retry is the button's, here
    page.outcome_buttons["assisted_self_service"].click()
    with write_lock(db_path):
        started = time.perf_counter()
        qtbot.mouseClick(page.tile("moving"), Qt.MouseButton.LeftButton)
        assert time.perf_counter() - started < 0.15  # the click does not wait for the lock
        assert page.status_text() == "Gemmer …"
        assert page.selected_outcome() == "handled_by_staff"  # ready for the next at once
        qtbot.mouseClick(page.tile("passport"), Qt.MouseButton.LeftButton)  # impatient
        assert page.status_text() == "Gemmer 2 …"
        qtbot.waitUntil(lambda: "låst" in page.banner_text(), timeout=5000)
        assert "2 henvendelser er IKKE gemt endnu" in page.banner_text()
        page.press_tile(1)  # staff go on; the banner counts it too
        assert "3 henvendelser er IKKE gemt endnu" in page.banner_text()
        assert _stored(desk) == []
    window.error_banner.linkActivated.emit("retry")  # "Prøv igen"
    page.wait_saved()
    assert _areas(desk) == ["moving", "passport", page.tiles[0][0].id]
    assert [c.outcome for c in reversed(_stored(desk))][:2] == [
        "assisted_self_service",
        "handled_by_staff",
    ]
    assert page.banner_text() == ""
    assert [c.area for c in page.logged_contacts()] == _areas(desk)


def test_a_held_queue_is_retried_by_itself(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, db_path: Path
) -> None:
    page = CounterPage(window, qtbot)
    window.writes.retry_timer.setInterval(300)
    with write_lock(db_path):
        page.press_tile(1)
        qtbot.waitUntil(lambda: "IKKE gemt" in page.banner_text(), timeout=5000)
    page.wait_saved()
    assert len(_stored(desk)) == 1
    assert "✓ Registreret" in page.status_text()


def test_undo_on_a_locked_database_says_so_and_undoes_on_retry(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, db_path: Path
) -> None:
    page = CounterPage(window, qtbot)
    window.writes.retry_timer.setInterval(60_000)
    _press(qtbot, window, Qt.Key.Key_1)
    with write_lock(db_path):
        page.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "låst" in page.banner_text(), timeout=5000)
    assert "Intet er annulleret endnu" in page.banner_text()
    assert "Intet er annulleret" in page.status_text()
    assert len(_stored(desk)) == 1
    assert page.tally_label.text().startswith("I dag: 1 henvendelse ")
    window.writes.retry()
    page.wait_saved()
    assert _stored(desk) == []
    assert page.status_text().startswith("Fortrudt")


def test_void_on_a_locked_database_voids_nothing_until_retry(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, db_path: Path
) -> None:
    page = CounterPage(window, qtbot)
    window.writes.retry_timer.setInterval(60_000)
    _press(qtbot, window, Qt.Key.Key_1)
    _click_row(qtbot, window, 0)
    with write_lock(db_path):
        page.press(Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: "låst" in page.banner_text(), timeout=5000)
        assert "Intet er annulleret" in page.status_text()
        assert len(_stored(desk)) == 1
        assert not page.recent_model.contact(0).voided
    window.writes.retry()
    page.wait_saved()
    assert _stored(desk) == []
    assert page.recent_model.contact(0).voided


def test_every_key_of_a_burst_is_one_contact_in_order_with_a_slow_save(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    """Each save takes 300 ms (a slow municipal PC); staff type eight keys in a row."""
    page = CounterPage(window, qtbot)
    window.worker.delay_seconds = 0.3
    numbers = [1, 1, 2, 3, 1, 4, 2, 5]
    for number in numbers:
        page.press_tile(number)
    assert page.status_text() == "Gemmer 8 …"
    page.wait_saved(timeout=15_000)
    assert _areas(desk) == [page.tiles[n - 1][0].id for n in numbers]
    assert [c.area for c in page.logged_contacts()] == _areas(desk)
    assert page.tally_label.text().startswith("I dag: 8 henvendelser")


def test_fifty_keys_with_no_pause_give_fifty_contacts_in_order(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    numbers = [(i * 7) % 10 for i in range(50)]  # every tile key, mixed
    for number in numbers:
        page.press_tile(number)
    page.wait_saved(timeout=20_000)
    assert _areas(desk) == [page.tiles[(n - 1) % 10][0].id for n in numbers]
    assert len(page.logged_contacts()) == 50


def test_ctrl_z_right_after_a_burst_undoes_its_last_contact(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    window.worker.delay_seconds = 0.1
    for number in (1, 2, 3):
        page.press_tile(number)
    page.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # before any is stored
    page.wait_saved()
    assert _areas(desk) == [page.tiles[0][0].id, page.tiles[1][0].id]
    assert page.status_text().startswith(f"Fortrudt: {page.tiles[2][0].label('da')}")


def test_a_cpr_like_note_is_refused_at_the_key_and_kept_to_edit(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    qtbot.keyClicks(page.note_edit, "ring 010190-1234")
    qtbot.mouseClick(page.tile("passport"), Qt.MouseButton.LeftButton)
    assert "CPR" in page.banner_text()
    assert page.note_edit.text() == "ring 010190-1234"  # kept, and the number selected
    assert page.note_edit.selectedText() == "010190-1234"
    assert window.writes.queue.pending == 0
    page.note_edit.clear()
    qtbot.keyClicks(page.note_edit, "ring igen")
    qtbot.mouseClick(page.tile("passport"), Qt.MouseButton.LeftButton)
    page.wait_saved()
    (contact,) = _stored(desk)
    assert contact.note == "ring igen"


def test_a_logging_key_ends_the_lists_selection(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    """Click the oldest row, press 6, press Delete: nothing old is voided (issue 16, 2)."""
    page = CounterPage(window, qtbot)
    for number in (1, 2, 3):
        page.press_tile(number)
    page.wait_saved()
    page.click_row(2)  # the oldest
    assert window.recent_panel.selected_contacts()
    page.press_tile(6)
    page.press(Qt.Key.Key_Delete)
    assert "Vælg en eller flere" in page.status_text()
    page.wait_saved()
    assert len(_stored(desk)) == 4  # nothing voided
    assert window.recent_panel.selected_contacts() == []


def test_the_timer_records_the_handling_time(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, clock: FakeClock
) -> None:
    page = CounterPage(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    clock.now += 95
    window._tick()
    assert page.timer_label.text() == "Tid 1:35"
    _press(qtbot, window, Qt.Key.Key_1)
    assert _stored(desk)[0].duration_seconds == 95
    assert page.timer_label.text() == "Tid –:––"  # idle until the next citizen


def test_new_citizen_starts_the_timer_with_a_click(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, clock: FakeClock
) -> None:
    page = CounterPage(window, qtbot)
    button = page.new_citizen_button
    assert button.isVisible()
    assert button.window() is window
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    clock.now += 42
    _press(qtbot, window, Qt.Key.Key_1)
    assert _stored(desk)[0].duration_seconds == 42


def test_choosing_an_outcome_starts_the_timer(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, clock: FakeClock
) -> None:
    page = CounterPage(window, qtbot)
    page.outcome_buttons["referred_elsewhere"].click()
    clock.now += 30
    _press(qtbot, window, Qt.Key.Key_1)
    assert _stored(desk)[0].duration_seconds == 30


def test_pin_the_last_contact_as_a_favourite(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, settings_path: Path
) -> None:
    page = CounterPage(window, qtbot)
    page.channel_buttons["phone"].click()
    page.outcome_buttons["referred_elsewhere"].click()
    qtbot.mouseClick(_tile(window, "tax"), Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    saved = read_settings_file(settings_path).favourite("F7")  # F1-F6 are the defaults
    assert saved is not None
    assert (saved.choice.channel, saved.choice.area, saved.choice.outcome) == (
        "phone",
        "tax",
        "referred_elsewhere",
    )
    assert "Skat" in page.favourite_buttons["F7"].label()
    page.channel_buttons["in_person"].click()
    _press(qtbot, window, Qt.Key.Key_F7)
    latest = _stored(desk)[0]
    assert (latest.channel, latest.area, latest.outcome) == ("phone", "tax", "referred_elsewhere")
    window.favourites.remove("F7")
    assert read_settings_file(settings_path).favourite("F7") is None
    assert page.favourite_buttons["F7"].label() == "ledig"


def _menu_action(qtbot: QtBot, window: CounterWindow, key: str, text: str) -> QAction:
    """Right-click a favourite and find an entry of the menu that opens."""
    page = CounterPage(window, qtbot)
    button = page.favourite_buttons[key]
    button.customContextMenuRequested.emit(button.rect().center())  # a right-click
    menu = window.findChildren(QMenu, "favouriteMenu")[-1]
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().startswith(text))
    menu.close()
    return action


def test_right_click_pins_on_the_chosen_key_and_removes(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk, settings_path: Path
) -> None:
    page = CounterPage(window, qtbot)
    pin = _menu_action(qtbot, window, "F8", "Gem seneste henvendelse på F8")
    assert not pin.isEnabled()  # nothing logged yet
    _press(qtbot, window, Qt.Key.Key_2)
    _menu_action(qtbot, window, "F8", "Gem seneste henvendelse på F8").trigger()
    saved = read_settings_file(settings_path).favourite("F8")
    assert saved is not None
    assert saved.choice.area == page.tiles[1][0].id
    assert read_settings_file(settings_path).favourite("F7") is None  # not the next free key
    _menu_action(qtbot, window, "F8", "Fjern favorit F8").trigger()
    assert read_settings_file(settings_path).favourite("F8") is None
    assert page.favourite_buttons["F8"].label() == "ledig"


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
    page = CounterPage(window)
    assert page.favourite_buttons["F1"].isEnabled()
    assert not page.favourite_buttons["F2"].isEnabled()
    assert "unicorns" in page.favourite_buttons["F2"].toolTip()


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


def test_every_part_of_every_panel_is_in_the_window(window: CounterWindow) -> None:
    panels = [window.channel_row, window.outcome_box, window.details_box, window.tiles_panel]
    panels += [window.favourites_panel, window.recent_panel, window.tally_strip]
    parts = []
    for panel in panels:
        for name, value in vars(panel).items():
            values = value.values() if isinstance(value, dict) else [value]
            parts += [(type(panel).__name__, name, v) for v in values if isinstance(v, QWidget)]
    assert len(parts) > 30
    lost = [(panel, name) for panel, name, part in parts if part.window() is not window]
    assert lost == []


def _overlapping(window: CounterWindow) -> list[tuple[str, str]]:
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
    placed = [(b, QRect(b.mapTo(window, QPoint(0, 0)), b.size())) for b in buttons]
    return [
        (a.objectName(), b.objectName())
        for i, (a, rect) in enumerate(placed)
        for b, other in placed[i + 1 :]
        if rect.intersects(other) and not (a.isAncestorOf(b) or b.isAncestorOf(a))
    ]


def test_no_button_covers_another(qtbot: QtBot, window: CounterWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the timer runs
    qtbot.wait(20)
    assert _overlapping(window) == []


@pytest.mark.usefixtures("english")
def test_no_button_covers_another_in_english(
    qtbot: QtBot,
    make_window,  # type: ignore[no-untyped-def]
) -> None:
    window = make_window(Settings(desk="Skranke 1", municipality="165", language="en"))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)
    assert _overlapping(window) == []


def _positions(window: CounterWindow) -> list[QPoint]:
    page = CounterPage(window)
    return [tile.mapTo(window, QPoint(0, 0)) for _area, tile in page.tiles]


def test_the_tiles_stay_put_when_a_qr_is_shown(qtbot: QtBot, window: CounterWindow) -> None:
    page = CounterPage(window, qtbot)
    before = _positions(window)
    _show_qr(qtbot, window, "boligstøtte")
    assert page.handouts_label.isVisible()
    qtbot.wait(50)  # let the layouts settle
    assert _positions(window) == before


def test_the_tiles_stay_put_when_an_error_is_shown(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    before = _positions(window)
    qtbot.keyClicks(page.note_edit, "borgerens nr 010190-1234")
    qtbot.mouseClick(_tile(window, "cpr"), Qt.MouseButton.LeftButton)
    _saved(qtbot, window)
    assert window.error_banner.isVisible()
    qtbot.wait(50)  # let the layouts settle
    assert _positions(window) == before
    assert _stored(desk) == []


def test_tile_labels_wrap_in_one_readable_size_per_row(window: CounterWindow) -> None:
    page = CounterPage(window)
    tiles = [tile for _area, tile in page.tiles]
    rows = [tiles[start : start + 5] for start in range(0, len(tiles), 5)]
    for row in rows:
        sizes = {tile.label_points() for tile in row}
        assert len(sizes) == 1, [(t.label(), t.label_points()) for t in row]
        assert min(sizes) >= 10
    for button in page.favourite_buttons.values():
        assert button.label_points() >= 9.5
    # Nothing is cut: every label's lines fit inside its tile.
    for tile in [*tiles, *page.favourite_buttons.values()]:
        label = tile.findChild(QLabel, "label")
        assert label is not None
        room = label.contentsRect()
        box = label.fontMetrics().boundingRect(
            room, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), label.text()
        )
        assert box.height() <= room.height(), (tile.label(), box.height(), room.height())


def test_keys_before_the_database_is_open_are_stored_once_it_is(
    qtbot: QtBot, desk: CounterDesk
) -> None:
    window = CounterWindow(
        desk.vocabulary,
        QtSettingsStore.in_memory(Settings(desk="Skranke 1", municipality="165")),
        desk_name="Skranke 1",
        municipality_code="165",
    )
    page = CounterPage(window, qtbot)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert page.tiles == []
    window.writes.log_favourite("F1")
    page.press_tile(2)  # staff know the numbers from yesterday
    page.press_tile(1)
    assert page.status_text() == "Databasen åbnes: 3 venter og gemmes, når den er åbnet."
    assert _stored(desk) == []
    window.attach(desk)
    page.wait_saved()
    favourite = window.favourites.favourites().get("F1")
    assert favourite is not None
    assert _areas(desk) == [favourite.choice.area, page.tiles[1][0].id, page.tiles[0][0].id]
    # Qt adds the application's name ("— Skranke") itself: the title names it only once.
    assert window.windowTitle() == "Skranke 1 · Albertslund Kommune"


def test_past_midnight_the_list_and_tally_start_a_new_day(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    _press(qtbot, window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: page.recent_model.rowCount() == 1)
    tomorrow = utc_now() + timedelta(days=1)
    desk._clock = lambda: tomorrow  # the desk's clock passes midnight
    window._tick()  # the once-a-second timer; the day is read off the GUI thread
    qtbot.waitUntil(lambda: page.recent_model.rowCount() == 0)
    assert "0 henvendelser" in page.tally_label.text()
