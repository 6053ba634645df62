"""The counter by keyboard and screen reader: Tab follows the work, focus is visible, fields
are named by their labels, Ctrl+Q quits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.counter_page import CounterPage
from ui.counter_window import CounterWindow


def _tab(qtbot: QtBot, window: CounterWindow, *, back: bool = False) -> QWidget:
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _start(window: CounterWindow) -> None:
    window.keyboard.focus_counter()  # where the window starts, and where Escape brings the keyboard


def test_tab_follows_the_work_and_reaches_the_first_tile_in_four_presses(
    qtbot: QtBot, window: CounterWindow
) -> None:
    _start(window)
    channel = CounterPage(window).channel_buttons[CounterPage(window).selected_channel()]
    outcome = CounterPage(window).outcome_buttons[CounterPage(window).selected_outcome()]
    first_tile = CounterPage(window).tiles[0][1]
    assert _tab(qtbot, window) is channel
    assert _tab(qtbot, window) is outcome
    assert _tab(qtbot, window) is CounterPage(window).assisted_box  # the details
    assert _tab(qtbot, window) is first_tile
    for _area, tile in CounterPage(window).tiles[1:]:
        assert _tab(qtbot, window) is tile
    assert _tab(qtbot, window) is window.tiles_panel.sort_button
    assert _tab(qtbot, window) is CounterPage(window).favourite_buttons["F1"]
    seen = [_tab(qtbot, window) for _ in range(7)]
    assert seen == list(CounterPage(window).favourite_buttons.values())[1:]
    assert _tab(qtbot, window) is window.side_tabs.tabBar()
    assert _tab(qtbot, window) is CounterPage(window).recent_view  # then today's list
    assert _tab(qtbot, window, back=True) is window.side_tabs.tabBar()


def test_the_tiles_keep_their_place_in_the_tab_order_after_sorting(
    qtbot: QtBot, window: CounterWindow
) -> None:
    window.tiles_panel.set_areas(list(reversed(window.tiles_panel.areas())))
    qtbot.waitUntil(CounterPage(window).tiles[0][1].isVisible)  # new tiles show on the next turn
    _start(window)
    for _ in range(3):
        _tab(qtbot, window)
    assert _tab(qtbot, window) is CounterPage(window).tiles[0][1]


def test_arrows_move_within_a_group_and_tab_enters_it_where_it_was_left(
    qtbot: QtBot, window: CounterWindow
) -> None:
    _start(window)
    _tab(qtbot, window)
    assert _tab(qtbot, window) is CounterPage(window).outcome_buttons["handled_by_staff"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert (
        QApplication.focusWidget() is CounterPage(window).outcome_buttons["assisted_self_service"]
    )
    assert CounterPage(window).selected_outcome() == "handled_by_staff"  # moving is not choosing
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert CounterPage(window).selected_outcome() == "assisted_self_service"
    assert _tab(qtbot, window) is CounterPage(window).assisted_box
    qtbot.keyClick(CounterPage(window).assisted_box, Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert QApplication.focusWidget() is CounterPage(window).kind_combo
    qtbot.keyClick(
        CounterPage(window).kind_combo, Qt.Key.Key_Down
    )  # Up and Down still choose in a list
    assert CounterPage(window).kind_combo.currentIndex() == 1
    assert QApplication.focusWidget() is CounterPage(window).kind_combo
    assert (
        _tab(qtbot, window, back=True)
        is CounterPage(window).outcome_buttons["assisted_self_service"]
    )
    assert (
        _tab(qtbot, window) is CounterPage(window).kind_combo
    )  # the details' stop is where it was left


def test_the_note_keeps_its_arrow_keys_until_its_end(qtbot: QtBot, window: CounterWindow) -> None:
    CounterPage(window).note_edit.setFocus()
    qtbot.keyClicks(CounterPage(window).note_edit, "ab")
    qtbot.keyClick(CounterPage(window).note_edit, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is CounterPage(window).note_edit
    assert CounterPage(window).note_edit.cursorPosition() == 1
    qtbot.keyClick(CounterPage(window).note_edit, Qt.Key.Key_Left)
    qtbot.keyClick(CounterPage(window).note_edit, Qt.Key.Key_Left)  # at the start: on to the count
    assert QApplication.focusWidget() is CounterPage(window).count_spin


def test_the_lists_are_named_by_their_labels(window: CounterWindow) -> None:
    names = {
        CounterPage(window).kind_combo: "Type",
        CounterPage(window).readiness_combo: "Parathed",
        CounterPage(window).requester_combo: "Henvender",
        CounterPage(window).count_spin: "Antal",
        CounterPage(window).note_edit: "Note",
    }
    labels = {label.buddy(): label for label in window.details_box.findChildren(QLabel)}
    for field, name in names.items():
        assert field.accessibleName() == name
        assert labels[field].text().replace("&", "").rstrip(":") == name


def _ring(button: QPushButton) -> tuple[QColor, QColor]:
    """The colour at the button's edge (where a focus ring is drawn) and at its middle."""
    image: QImage = button.grab().toImage()
    middle_y = image.height() // 2
    return image.pixelColor(1, middle_y), image.pixelColor(image.width() // 2, 6)


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_focus_on_a_checked_button_is_plain_to_see(qtbot: QtBot, window: CounterWindow) -> None:
    for button in (
        CounterPage(window).channel_buttons[
            CounterPage(window).selected_channel()
        ],  # checked: blue
        CounterPage(window).outcome_buttons["referred_elsewhere"],  # not checked: white
        CounterPage(window).tiles[0][1],
        CounterPage(window).favourite_buttons["F8"],
    ):
        before, inside = _ring(button)
        button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(button.hasFocus)
        after, _ = _ring(button)
        assert _contrast(after, before) >= 3, (button.objectName(), before.name(), after.name())
        assert _contrast(after, inside) >= 3, (button.objectName(), inside.name(), after.name())


def test_ctrl_q_closes_the_counter(qtbot: QtBot, window: CounterWindow) -> None:
    _start(window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
