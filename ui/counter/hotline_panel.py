"""The shared hotline's row on the counter: whose municipality the caller lives in.

Shown only on a hotline desk (``hotline = true`` in the settings). One button per participating
municipality, each with its own key, Alt+1 … Alt+9: the number keys log areas, Ctrl+number
chooses the channel, F1-F9 are favourites and the citizen screen, and a plain letter starts
the search, so Alt+number is the one key left free. The rules are
:class:`skranke.hotline.CallerMunicipality`'s: the municipality belongs to the call and is
forgotten when the call is logged or the form is reset.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skranke.clock import utc_now
from skranke.hotline import CallerMunicipality, HotlineConfig, NoCallerMunicipalityError
from skranke.municipalities import municipality

_STYLE = """
QFrame#hotlinePanel { background: #f4f1fa; border: 1px solid #c8bde0; border-radius: 6px; }
QLabel#hotlineCaller { font-size: 13pt; font-weight: 600; color: #2d1f52; }
QLabel#hotlineCaller[missing="true"] { color: #8a1010; }
QLabel#hotlineHours, QLabel#hotlineLast { color: #5f5a6e; }
QLabel#hotlineHours[outside="true"] { color: #8a5a00; }
QPushButton[municipality="true"] { padding: 4px 6px; background: #ffffff; }
QPushButton[municipality="true"]:checked { background: #4b3a8c; color: white; }
"""
HOURS_CHECK_MS = 30_000
COLUMNS = 4  # buttons per row: eight municipalities in two rows beside today's list


class HotlinePanel(QFrame):
    """The caller's municipality for the call in progress.

    Signals:
        chosen(str): a municipality was chosen for the call (its code).
    """

    chosen = Signal(str)

    def __init__(
        self,
        config: HotlineConfig,
        language: str,
        *,
        clock: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hotlinePanel")
        self.setStyleSheet(_STYLE)
        self.caller = CallerMunicipality(config)
        self._config = config
        self._language = language
        self._clock = clock
        self.caller_label = QLabel()
        self.caller_label.setObjectName("hotlineCaller")
        self.caller_label.setWordWrap(True)
        self.caller_label.setAccessibleName(self.tr("Den opringendes kommune"))
        self.hours_label = QLabel()
        self.hours_label.setObjectName("hotlineHours")
        # Enum values by name: the panel is built before the window's first paint, and
        # ``Qt`` (the enum namespace) costs ~40 ms to load.
        self.hours_label.setProperty("alignment", "AlignRight|AlignVCenter")
        self.last_label = QLabel()
        self.last_label.setObjectName("hotlineLast")
        self.last_label.setAccessibleName(self.tr("Seneste registrerede opkald"))
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.caller_label)
        layout.addLayout(self._button_grid())
        bottom = QHBoxLayout()
        for label in (self.last_label, self.hours_label):  # each wraps in its half
            label.setWordWrap(True)
            bottom.addWidget(label, 1)
        layout.addLayout(bottom)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # never widens the side
        self.setSizePolicy(policy)
        self._timer = QTimer(self)
        self._timer.setInterval(HOURS_CHECK_MS)
        self._timer.timeout.connect(self.refresh_hours)
        self._timer.start()
        self._missing = False
        self.refresh()

    def _button_grid(self) -> QGridLayout:
        """A button per municipality, with its key Alt+1 … in the order of the settings."""
        grid = QGridLayout()
        grid.setSpacing(6)
        for number, code in enumerate(self._config.municipalities, start=1):
            name = municipality(code).name
            button = QPushButton(f"{name}\nAlt+{number}")
            button.setObjectName(f"hotlineMunicipality{code}")
            button.setProperty("municipality", True)
            button.setCheckable(True)
            button.setProperty("focusPolicy", "NoFocus")  # the keyboard stays on the counter
            button.setAccessibleName(
                self.tr("Opkald fra {name} (Alt+{number})").format(name=name, number=number)
            )
            button.clicked.connect(partial(self.choose, code))
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            grid.addWidget(button, (number - 1) // COLUMNS, (number - 1) % COLUMNS)
            self.buttons[code] = button
            shortcut = QShortcut(self)  # for the whole window
            shortcut.setProperty("key", f"Alt+{number}")  # by name, as the enums above
            shortcut.activated.connect(partial(self.choose, code))
        return grid

    @property
    def code(self) -> str | None:
        return self.caller.code

    @Slot(str)
    def choose(self, code: str) -> None:
        """The caller said where they live: this call is theirs."""
        self.caller.choose(code)
        self._missing = False
        self.refresh()
        self.chosen.emit(code)

    def show_logged(self, code: str, calls: int) -> None:
        """Which municipality the call just logged went to: the row itself is cleared for the
        next call, so this is where staff see it (and undo it with Ctrl+Z if it was wrong)."""
        name = municipality(code).name
        if calls == 1:
            text = self.tr("Seneste opkald: {name}").format(name=name)
        else:
            text = self.tr("Seneste: {n} opkald fra {name}").format(n=calls, name=name)
        self.last_label.setText(text)

    def clear(self) -> None:
        """The call was logged (or the form reset): the next call starts without one."""
        self.caller.clear()
        self._missing = False
        self.refresh()

    def require(self) -> str | None:
        """The caller's municipality, or None after showing that one must be chosen first."""
        try:
            return self.caller.require()
        except NoCallerMunicipalityError:
            self._missing = True
            self.refresh()
            return None

    def refresh(self) -> None:
        code = self.caller.code
        for button_code, button in self.buttons.items():
            button.setChecked(button_code == code)
        last = len(self._config.municipalities)
        if code is not None:
            text = self.tr("Opkald fra {name}").format(name=municipality(code).name)
        elif self._missing:
            text = self.tr("Vælg først den opringendes kommune (Alt+1–Alt+{last})").format(
                last=last
            )
        else:
            text = self.tr("Hvilken kommune ringer borgeren fra? (Alt+1–Alt+{last})").format(
                last=last
            )
        self.caller_label.setText(text)
        self._set_flag(self.caller_label, "missing", self._missing)
        self.refresh_hours()

    @Slot()
    def refresh_hours(self) -> None:
        """The opening hours, and quietly whether the hotline is open now."""
        hours = self._config.hours.label(self._language)
        outside = not self._config.hours.is_open(self._clock())
        if outside:
            text = self.tr("Uden for åbningstid ({hours})").format(hours=hours)
        else:
            text = self.tr("Åben {hours}").format(hours=hours)
        self.hours_label.setText(text)
        self._set_flag(self.hours_label, "outside", outside)

    @staticmethod
    def _set_flag(label: QLabel, name: str, value: bool) -> None:
        if label.property(name) != value:
            label.setProperty(name, value)
            label.style().unpolish(label)
            label.style().polish(label)
