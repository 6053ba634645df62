"""The counter window as a test sees it: what staff press, and what they read back.

The window keeps its widgets in its panels (``ui/counter``); this page object names the ones
tests press and read, so the window needs no properties that only tests use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from skranke.contact import Contact
from skranke.vocabulary import Area
from ui.counter.recent_panel import RecentView
from ui.counter_window import CounterWindow
from ui.recent_model import RecentContactsModel
from ui.widgets import TwoLineButton

SAVE_TIMEOUT_MS = 5000


class CounterPage:
    def __init__(self, window: CounterWindow, qtbot: QtBot | None = None) -> None:
        self.window = window
        self.qtbot = qtbot

    # ---- what staff press -----------------------------------------------------------------

    @property
    def tiles(self) -> list[tuple[Area, TwoLineButton]]:
        return self.window.tiles_panel.tiles

    def tile(self, area_id: str) -> QAbstractButton:
        return next(tile for area, tile in self.tiles if area.id == area_id)

    @property
    def channel_buttons(self) -> dict[str, QPushButton]:
        return self.window.channel_row.buttons

    @property
    def outcome_buttons(self) -> dict[str, QPushButton]:
        return self.window.outcome_box.buttons

    @property
    def favourite_buttons(self) -> dict[str, TwoLineButton]:
        return self.window.favourites_panel.buttons

    @property
    def assisted_box(self) -> QCheckBox:
        return self.window.details_box.assisted_box

    @property
    def on_behalf_box(self) -> QCheckBox:
        return self.window.details_box.on_behalf_box

    @property
    def exemption_box(self) -> QCheckBox:
        return self.window.details_box.exemption_box

    @property
    def kind_combo(self) -> QComboBox:
        return self.window.details_box.kind_combo

    @property
    def readiness_combo(self) -> QComboBox:
        return self.window.details_box.readiness_combo

    @property
    def requester_combo(self) -> QComboBox:
        return self.window.details_box.requester_combo

    @property
    def count_spin(self) -> QSpinBox:
        return self.window.details_box.count_spin

    @property
    def note_edit(self) -> QLineEdit:
        return self.window.details_box.note_edit

    @property
    def new_citizen_button(self) -> QPushButton:
        return self.window.channel_row.new_citizen_button

    @property
    def undo_button(self) -> QPushButton:
        return self.window.recent_panel.undo_button

    @property
    def recent_view(self) -> RecentView:
        return self.window.recent_panel.view

    def _bot(self) -> QtBot:
        assert self.qtbot is not None, "CounterPage(window, qtbot) to press keys"
        return self.qtbot

    def press_tile(self, number: int) -> None:
        """The tile's number key, where the keyboard focus is (as on a desktop)."""
        key = Qt.Key(Qt.Key.Key_0 + number % 10)
        self._bot().keyClick(QApplication.focusWidget() or self.window, key)

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self._bot().keyClick(QApplication.focusWidget() or self.window, key, modifier)

    def click_row(self, row: int) -> None:
        """Click a row of today's list."""
        view = self.recent_view
        self.window.side_tabs.setCurrentWidget(self.window.recent_panel)
        rect = view.visualRect(self.recent_model.index(row, 1))
        self._bot().mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def wait_saved(self, timeout: int = SAVE_TIMEOUT_MS) -> None:
        """Until every key's write has reached the database and come back."""
        self._bot().waitUntil(lambda: self.window.writes.queue.pending == 0, timeout=timeout)

    # ---- what staff read ------------------------------------------------------------------

    def selected_channel(self) -> str:
        return self.window.form.channel

    def selected_outcome(self) -> str:
        return self.window.form.outcome

    @property
    def recent_model(self) -> RecentContactsModel:
        return self.window.recent_panel.model

    def logged_contacts(self) -> list[Contact]:
        """Today's list as shown, oldest first, voided rows left out."""
        model = self.recent_model
        contacts = [model.contact(row) for row in range(model.rowCount())]
        return [contact for contact in reversed(contacts) if not contact.voided]

    def status_text(self) -> str:
        return self.window.statusBar().currentMessage()

    def banner_text(self) -> str:
        banner = self.window.error_banner
        return banner.text() if banner.isVisible() else ""

    @property
    def tally_label(self) -> QLabel:
        return self.window.tally_strip.label

    @property
    def handouts_label(self) -> QLabel:
        return self.window.details_box.handouts_label

    @property
    def timer_label(self) -> QLabel:
        return self.window.channel_row.timer_label
