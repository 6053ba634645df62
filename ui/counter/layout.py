"""Where the counter window's parts sit: the form and the tiles on the left, the error banner
and the side tabs (today's list, the search) on the right, the tally strip along the bottom.

The details and the favourites join the left column after the first paint
(``CounterWindow._build_rest`` inserts them around the tiles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# No ``Qt`` (the enum namespace) here before the first paint: see ``ui.counter_window``.
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.counter.window_part import WindowPart
from ui.screen_fit import ColumnScroll

if TYPE_CHECKING:
    from ui.counter.hotline_panel import HotlinePanel
    from ui.counter_window import CounterWindow


class CounterLayout(WindowPart):
    """The window's central widget and the places the later panels go."""

    def __init__(self, window: CounterWindow) -> None:
        super().__init__(window)
        self.error_banner = QLabel()
        self.hotline_panel = self._hotline_panel()
        self.left = QVBoxLayout()
        self.central = self._layout()

    def _layout(self) -> QWidget:
        window = self._window
        central = QWidget()
        central.setObjectName("central")
        # A click on an empty spot gives the keyboard back to the counter.
        central.setProperty("focusPolicy", "ClickFocus")  # by name: see the imports
        root = QVBoxLayout(central)
        root.setContentsMargins(12, 10, 12, 6)
        root.setSpacing(8)
        banner = self.error_banner
        banner.setObjectName("errorBanner")
        banner.setWordWrap(True)
        banner.setAccessibleName(self.tr("Fejlmeddelelse"))
        banner.hide()
        body = QHBoxLayout()
        body.setSpacing(12)
        left = self.left
        left.setSpacing(8)
        left.addWidget(window.channel_row)
        left.addWidget(window.outcome_box)
        left.addWidget(window.tiles_panel, 1)  # the details go above, favourites below
        if _low_screen(window):  # 150 % or 200 % scaling: the form and tiles scroll
            body.addWidget(ColumnScroll(left), 3)
        else:  # room for all of it: no scroll area to build before the first paint (~20 ms)
            body.addLayout(left, 3)
        # A fixed share of the width: showing a QR code or an error never moves the tiles.
        for widget in (window.side_tabs, banner):
            widget.setMinimumWidth(320)
            policy = widget.sizePolicy()
            policy.setHorizontalPolicy(policy.Policy.Ignored)
            widget.setSizePolicy(policy)
        # The banner sits above the side panel, whose list gives it room: the form and the
        # tiles never move when an error shows.
        right = QVBoxLayout()
        right.setSpacing(8)
        # On the hotline desk the caller's municipality heads the side: the tiles keep
        # their room, and today's list gives up a little of its own.
        if self.hotline_panel is not None:
            right.addWidget(self.hotline_panel)
        right.addWidget(banner)
        right.addWidget(window.side_tabs, 1)
        body.addLayout(right, 2)
        root.addLayout(body, 1)
        root.addWidget(window.tally_strip)
        return central

    def _hotline_panel(self) -> HotlinePanel | None:
        """On the shared hotline's desk: the caller's municipality, and calls on the phone."""
        window = self._window
        settings = window.store.current
        if not settings.hotline:
            return None
        from skranke.hotline import PHONE, hotline_config  # noqa: PLC0415 - its desk only
        from ui.counter.hotline_panel import HotlinePanel  # noqa: PLC0415

        config = hotline_config(settings)
        if config is None:
            return None

        window.form.choose_channel(PHONE)
        window.channel_row.refresh()
        return HotlinePanel(config, window.language)


# The column's height at 100 % with the details and favourites shown (logical pixels); a
# screen with less room gets the scrolling column.
_COLUMN_HEIGHT = 860


def _low_screen(window: QWidget) -> bool:
    screen = window.screen()
    return screen is None or screen.availableGeometry().height() < _COLUMN_HEIGHT
