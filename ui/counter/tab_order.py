"""The counter by keyboard: Tab follows the work, one stop per group.

Tab goes channel → outcome → details → (the hotline's caller municipality) → the tiles →
favourites → today's list and the search → the rest. The channel buttons, the outcome buttons
and the details are each one Tab stop (WAI-ARIA's "roving tab stop"): Tab enters a group at
the control last used there, the arrow keys move within it. So the first tile is four Tabs
from the window's start, not twenty-six.

Built after the window's first paint, with the panels it orders (``install``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget

if TYPE_CHECKING:
    from ui.counter_window import CounterWindow

_FORWARD = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_BACK = (Qt.Key.Key_Left, Qt.Key.Key_Up)


class RovingFocus(QObject):
    """One Tab stop for ``members``: the one last focused takes Tab, the others only a click
    (or their Alt+letter); the arrow keys move between them. Up and Down are left to lists
    (a combo box changes its value with them) when ``vertical`` is False; in a text field
    Left and Right move the cursor, and leave the field only at its ends."""

    def __init__(
        self, members: Sequence[QWidget], parent: QObject, *, vertical: bool = True
    ) -> None:
        super().__init__(parent)
        self.members = list(members)
        self._keys = (*_FORWARD, *_BACK) if vertical else (Qt.Key.Key_Right, Qt.Key.Key_Left)
        for member in self.members:
            member.installEventFilter(self)
        self.current = self.members[0]
        self._apply()

    def _apply(self) -> None:
        for member in self.members:
            policy = (
                Qt.FocusPolicy.StrongFocus if member is self.current else Qt.FocusPolicy.ClickFocus
            )
            parts = [member]
            if isinstance(member, QAbstractSpinBox):  # its text field takes the focus too
                parts.append(member.lineEdit())
            for part in parts:
                if part.focusPolicy() != policy:
                    part.setFocusPolicy(policy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in self.members and isinstance(watched, QWidget):
            if event.type() == QEvent.Type.FocusIn:
                self.current = watched
                self._apply()
            elif event.type() == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                if (
                    event.key() in self._keys
                    and not event.modifiers()
                    and self._leaves(watched, event.key())
                ):
                    self._move(watched, 1 if event.key() in _FORWARD else -1)
                    return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _leaves(widget: QWidget, key: int) -> bool:
        """Whether the arrow leaves ``widget`` (a text field keeps it unless at its end)."""
        edit = widget.lineEdit() if isinstance(widget, QAbstractSpinBox) else widget
        if not isinstance(edit, QLineEdit):
            return True
        if key == Qt.Key.Key_Right:
            return edit.cursorPosition() == len(edit.text())
        return edit.cursorPosition() == 0

    def _move(self, widget: QWidget, step: int) -> None:
        shown = [m for m in self.members if m.isVisible() and m.isEnabled()]
        if widget not in shown:
            return
        target = shown[(shown.index(widget) + step) % len(shown)]
        target.setFocus(Qt.FocusReason.TabFocusReason)


class TabOrder(QObject):
    """The counter's Tab stops in the order of the work; set again whenever the tiles are
    rebuilt (they are made after the rest of the window, so Qt would put them last)."""

    def __init__(self, window: CounterWindow) -> None:
        super().__init__(window)  # lives as long as the window
        self._window = window
        details = window.details_box
        self.channels = RovingFocus(list(window.channel_row.buttons.values()), self)
        self.outcomes = RovingFocus(list(window.outcome_box.buttons.values()), self)
        self.details = RovingFocus(
            [
                details.assisted_box, details.on_behalf_box, details.exemption_box,
                details.kind_combo, details.readiness_combo, details.requester_combo,
                details.count_spin, details.note_edit,
            ],
            self,
            vertical=False,
        )  # fmt: skip
        window.tiles_panel.tilesChanged.connect(self.apply)
        self.apply()

    def chain(self) -> list[QWidget]:
        window = self._window
        recent, solutions = window.recent_panel, window.solution_panel
        return [
            window.central,  # the start: a click on an empty spot, Escape
            *self.channels.members,
            *self.outcomes.members,
            *self.details.members,
            *(tile for _area, tile in window.tiles_panel.tiles),
            window.tiles_panel.sort_button,
            *window.favourites_panel.buttons.values(),
            window.side_tabs.tabBar(),
            recent.view, recent.undo_button, recent.void_button, recent.pin_button,
            solutions.search_edit, solutions.results,
            solutions.print_button, solutions.copy_button, solutions.open_button,
            window.channel_row.new_citizen_button,
            window.tally_strip.team_button,
        ]  # fmt: skip

    def apply(self) -> None:
        chain = self.chain()
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
