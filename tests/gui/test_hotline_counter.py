"""The counter on the shared evening hotline's desk: the caller's municipality with one key per
call, never carried over to the next call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.contact import Contact
from skranke.hotline import HotlineConfig
from skranke.settings import Settings
from tests.gui.counter_page import CounterPage
from ui.counter.hotline_panel import HotlinePanel
from ui.counter_window import CounterWindow

MakeWindow = Callable[..., CounterWindow]
VESTEGN = ("165", "153", "161", "167", "183", "187", "169", "175")
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def hotline(make_window: MakeWindow, desk: CounterDesk) -> CounterWindow:
    """The counter on the hotline desk of eight Vestegn municipalities."""
    settings = Settings(
        desk=desk.desk, municipality="165", hotline=True, hotline_municipalities=VESTEGN
    )
    return make_window(settings)


def _panel(window: CounterWindow) -> HotlinePanel:
    assert window.hotline_panel is not None
    return window.hotline_panel


def _stored(desk: CounterDesk) -> list[Contact]:
    return [c for c in desk.today_contacts() if not c.voided]


def _press(
    qtbot: QtBot,
    window: CounterWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=5000)


def test_a_call_is_logged_under_the_callers_municipality_chosen_with_one_key(
    qtbot: QtBot, hotline: CounterWindow, desk: CounterDesk
) -> None:
    window, panel = hotline, _panel(hotline)
    page = CounterPage(window, qtbot)
    assert page.selected_channel() == "phone"  # a hotline takes calls
    assert page.channel_buttons["phone"].isChecked()
    assert [b.text().split("\n") for b in panel.buttons.values()][:2] == [
        ["Albertslund", "Alt+1"], ["Brøndby", "Alt+2"],
    ]  # fmt: skip
    _press(qtbot, window, Qt.Key.Key_2, ALT)  # Brøndby
    assert panel.buttons["153"].isChecked()
    assert "Brøndby" in panel.caller_label.text()
    _press(qtbot, window, Qt.Key.Key_5)  # the fifth tile logs the call
    (call,) = _stored(desk)
    assert (call.municipality, call.channel) == ("153", "phone")
    assert call.area == page.tiles[4][0].id
    assert panel.code is None  # the next call starts without a municipality
    assert panel.last_label.text() == "Seneste opkald: Brøndby"  # what was recorded
    assert not any(button.isChecked() for button in panel.buttons.values())


def test_the_next_call_never_inherits_the_last_callers_municipality(
    qtbot: QtBot, hotline: CounterWindow, desk: CounterDesk
) -> None:
    window, panel = hotline, _panel(hotline)
    _press(qtbot, window, Qt.Key.Key_7, ALT)  # Høje-Taastrup
    _press(qtbot, window, Qt.Key.Key_1)
    _press(qtbot, window, Qt.Key.Key_1)  # a second call, no municipality chosen
    assert [c.municipality for c in _stored(desk)] == ["169"]
    assert "Vælg først" in panel.caller_label.text()  # shown where staff look, quietly
    assert "kommune" in window.statusBar().currentMessage()
    assert QApplication.activeModalWidget() is None  # never a dialog on the phone
    _press(qtbot, window, Qt.Key.Key_3, ALT)  # Glostrup, then the same key again
    _press(qtbot, window, Qt.Key.Key_1)
    assert Counter(c.municipality for c in _stored(desk)) == {"169": 1, "161": 1}


def test_escape_forgets_the_municipality_with_the_rest_of_the_form(
    qtbot: QtBot, hotline: CounterWindow, desk: CounterDesk
) -> None:
    window, panel = hotline, _panel(hotline)
    _press(qtbot, window, Qt.Key.Key_4, ALT)
    assert panel.code == "167"
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert panel.code is None
    _press(qtbot, window, Qt.Key.Key_1)
    assert _stored(desk) == []


def test_a_favourite_on_the_hotline_also_needs_the_callers_municipality(
    qtbot: QtBot, hotline: CounterWindow, desk: CounterDesk
) -> None:
    window = hotline
    _press(qtbot, window, Qt.Key.Key_F5)  # Digital Post by phone
    assert _stored(desk) == []
    _press(qtbot, window, Qt.Key.Key_8, ALT)  # Rødovre
    _press(qtbot, window, Qt.Key.Key_F5)
    (call,) = _stored(desk)
    assert (call.municipality, call.area) == ("175", "digital_post")


def test_the_municipality_keys_collide_with_no_other_key(hotline: CounterWindow) -> None:
    window = hotline
    keys = [s.key().toString() for s in window.findChildren(QShortcut)]
    keys += [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert {f"Alt+{n}" for n in range(1, 9)} <= set(keys)


def test_an_ordinary_desk_has_no_hotline_row(make_window: MakeWindow, desk: CounterDesk) -> None:
    window: CounterWindow = make_window()
    assert window.hotline_panel is None
    assert window.findChild(HotlinePanel) is None
    assert QKeySequence("Alt+1").toString() not in [
        s.key().toString() for s in window.findChildren(QShortcut)
    ]


def test_outside_the_opening_hours_the_panel_says_so_quietly(qtbot: QtBot) -> None:
    moments = iter(
        [
            datetime(2026, 11, 17, 19, 0, tzinfo=UTC),  # Tuesday 20:00 in Copenhagen
            datetime(2026, 11, 17, 21, 10, tzinfo=UTC),  # 22:10: the call ran over
        ]
    )
    panel = HotlinePanel(HotlineConfig(VESTEGN), "da", clock=lambda: next(moments))
    qtbot.addWidget(panel)
    assert panel.hours_label.text() == "Åben man–tor 19:00–22:00"
    panel.refresh_hours()
    assert panel.hours_label.text() == "Uden for åbningstid (man–tor 19:00–22:00)"
    assert panel.hours_label.property("outside") is True


def test_todays_list_on_the_hotline_shows_each_callers_municipality(
    qtbot: QtBot, hotline: CounterWindow, make_window: MakeWindow, desk: CounterDesk
) -> None:
    """A wrong municipality is seen in today's list at once (and undone with Ctrl+Z)."""
    window = hotline
    page = CounterPage(window, qtbot)
    _press(qtbot, window, Qt.Key.Key_3, ALT)  # Glostrup
    _press(qtbot, window, Qt.Key.Key_5)
    _press(qtbot, window, Qt.Key.Key_8, ALT)  # Rødovre
    _press(qtbot, window, Qt.Key.Key_6)
    model = page.recent_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("Kommune")
    shown = [model.index(row, column).data() for row in range(model.rowCount())]
    assert shown == ["Rødovre", "Glostrup"]  # newest first
    ordinary = make_window(Settings(desk=desk.desk, municipality="165"))
    ordinary_page = CounterPage(ordinary, qtbot)
    assert "Kommune" not in [
        ordinary_page.recent_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(ordinary_page.recent_model.columnCount())
    ]  # an ordinary counter's contacts are all its own municipality's
