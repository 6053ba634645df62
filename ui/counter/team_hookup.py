"""The team leader's view, opened from the counter (Ctrl+L or "Ledelsesinformation").

Loaded on demand: its charts and exports are heavy. One view per window, shown again when
asked for again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from skranke.errors import SkrankeError
from ui.counter.window_part import WindowPart

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.counter_window import CounterWindow


class TeamViewHookup(WindowPart):
    def __init__(self, window: CounterWindow) -> None:
        super().__init__(window)
        self.view: QWidget | None = None

    @Slot()
    def open(self) -> QWidget | None:
        """The team leader's view of this desk's database (None while it opens)."""
        window = self._window
        desk = window.ready()
        if desk is None:
            return None
        from skranke.costs import load_price_table  # noqa: PLC0415
        from skranke.hotline import hotline_config  # noqa: PLC0415
        from ui.counter.writes import error_text  # noqa: PLC0415
        from ui.team_view import TeamView  # noqa: PLC0415

        if self.view is None:
            try:
                prices = load_price_table()
            except SkrankeError as error:
                window.show_banner(error_text(error))
                return None
            catalog = window.solutions.catalog
            self.view = TeamView(
                desk.repository,
                window.vocabulary,
                catalog,
                prices,
                municipality_name=catalog.issuer_name(window.municipality_code),
                language=window.language,
                hotline=hotline_config(window.store.current),
            )
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view
