"""The counter's keys: shortcuts for the whole window, and where the keyboard goes.

Number keys log a tile, F1-F8 a favourite, + and - step the count, Ctrl+1..9 choose the
channel. A letter typed anywhere starts the solution search; Escape leaves the search or
today's list first, and on the counter resets the form. The keyboard always finds its way
back to the counter (``focus_counter``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

# No ``Qt`` (the enum namespace) here before the first paint: see ``ui.counter_window``.
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from skranke.settings import FAVOURITE_KEYS
from skranke.tiles import TILE_KEYS
from ui.counter.window_part import WindowPart

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from ui.counter_window import CounterWindow


class CounterKeyboard(WindowPart):
    """The window's shortcuts and focus routing."""

    def __init__(self, window: CounterWindow) -> None:
        super().__init__(window)

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> None:
        """A shortcut for the whole window; ``keys`` in Qt's portable text ("Ctrl+F" is
        Cmd+F on a Mac). Given by name: QKeySequence's Python type costs ~3 ms before the
        first paint."""
        shortcut = QShortcut(self._window)
        shortcut.setProperty("key", keys)
        shortcut.activated.connect(slot)

    def build_shortcuts(self, undo_text: str) -> None:
        """Every shortcut; ``undo_text`` names Ctrl+Z in the window's menu of actions."""
        window = self._window
        undo = QAction(undo_text, window)
        undo.setProperty("shortcut", "Ctrl+Z")  # by name, as in _shortcut
        undo.triggered.connect(window.writes.undo)
        window.addAction(undo)
        for position, key in enumerate(TILE_KEYS):
            self._shortcut(key, partial(window.writes.log_tile, position))
        buttons = window.channel_row.buttons
        for number, channel in enumerate(window.vocabulary.channels[:9], start=1):
            self._shortcut(f"Ctrl+{number}", partial(buttons[channel.id].setChecked, True))
        for key in FAVOURITE_KEYS:
            self._shortcut(key, partial(window.writes.log_favourite, key))
        for plus in ("+", "Num++"):  # "Num+": the key pad's
            self._shortcut(plus, partial(self._step_count, 1))
        for minus in ("-", "Num+-"):
            self._shortcut(minus, partial(self._step_count, -1))
        self._shortcut("Ctrl+N", window.start_new_citizen)
        self._shortcut("Ctrl+D", window.favourites.pin_last)
        self._shortcut("Ctrl+F", self.focus_search)
        self._shortcut("F9", window.solutions.show_current)
        self._shortcut("Ctrl+P", window.solutions.open_sheet)
        self._shortcut("Ctrl+L", window.team.open)
        self._shortcut("Escape", self.escape)
        self._shortcut("Ctrl+Q", QApplication.closeAllWindows)  # quit, as in any program

    def _step_count(self, steps: int) -> None:
        self._window.details_box.count_spin.stepBy(steps)

    def letter_typed(self, event: QKeyEvent) -> bool:
        """Typing a letter anywhere starts a search (digits stay the tile keys)."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see the imports

        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and len(text) == 1 and text.isalpha():
            self.focus_search(text)
            return True
        return False

    @Slot()
    def focus_search(self, text: str = "") -> None:
        """The solution search, started afresh when a letter is typed from elsewhere."""
        panel = self._window.solution_panel
        search = panel.search_edit
        if text and not search.hasFocus():  # asked before the tab switch moves the focus
            search.clear()
        self._window.side_tabs.setCurrentWidget(panel)
        panel.focus_search(text)

    def focus_counter(self) -> None:
        """Give the keyboard back to the counter: numbers, F-keys and letters work at once."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see the imports

        window = self._window
        window.recent_panel.view.forget_selection()
        central = window.centralWidget()
        assert central is not None
        central.setFocus(Qt.FocusReason.OtherFocusReason)

    def _away_from_counter(self) -> bool:
        """Whether the focus is where keys type text or choose rows instead of logging."""
        window = self._window
        focus = QApplication.focusWidget()
        places: tuple[QWidget, ...] = (
            window.solution_panel.search_edit,
            window.solution_panel.results,
            window.recent_panel.view,
            window.details_box.note_edit,
        )
        return focus is not None and any(
            focus is place or place.isAncestorOf(focus) for place in places
        )

    @Slot()
    def escape(self) -> None:
        """Escape leaves the search or the list first; pressed on the counter, it resets."""
        window = self._window
        status = window.statusBar()
        if self._away_from_counter():
            search = window.solution_panel.search_edit
            if search.hasFocus() or window.solution_panel.results.hasFocus():
                search.clear()
            self.focus_counter()
            status.showMessage(
                self.tr("Tilbage ved skranken: tast et nummer for at registrere."), 4000
            )
            return
        window.error_banner.hide()
        window.reset_form()
        status.showMessage(self.tr("Formularen er nulstillet."), 3000)
