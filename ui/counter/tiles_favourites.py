"""What staff arrange and keep in the settings: the tiles' numbers and the F-key favourites.

The tile order is fixed the first time (from use) and saved: a number key means the same
area tomorrow, until staff ask "Sortér efter brug". A favourite pins the last contact's
choice on a free F-key (Ctrl+D), or the key staff right-click.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from skranke.contact import describe
from skranke.errors import SkrankeError
from skranke.tiles import Reordering, arrange
from ui.counter.window_part import WindowPart
from ui.tasks import run_task

if TYPE_CHECKING:
    from skranke.favourites import Favourites
    from skranke.vocabulary import Area
    from ui.counter_window import CounterWindow


class TilesAndFavourites(WindowPart):
    """The window's tile order and favourites, read from and saved to the settings."""

    def __init__(self, window: CounterWindow) -> None:
        super().__init__(window)

    # ---- the tiles ------------------------------------------------------------------------

    def tile_order(self, by_use: list[Area]) -> list[Area]:
        """The saved order; the first time, fixed from use and saved."""
        saved = self._window.store.current.tile_order
        if saved:
            return arrange(saved, by_use)
        self._save_tile_order(by_use)
        return by_use

    def _save_tile_order(self, areas: Sequence[Area]) -> bool:
        return self._save(
            self.tr("Rækkefølgen af sagsområderne kunne ikke gemmes: {reason}"),
            tile_order=tuple(area.id for area in areas),
        )

    def _save(self, failure: str, **changes: object) -> bool:
        from ui.counter.writes import error_text  # noqa: PLC0415

        try:
            self._window.store.update(**changes)
        except SkrankeError as error:
            self._window.show_banner(failure.format(reason=error_text(error)))
            return False
        return True

    @Slot()
    def sort_by_use(self) -> None:
        """Re-number the tiles by the last 30 days' use, on staff's request, and save it."""
        window = self._window
        desk = window.ready()
        if desk is None:
            return
        before = window.tiles_panel.areas()
        # Reading 30 days of use may wait for a database another program holds: off the GUI.
        run_task(desk.tile_order, lambda after: self._sorted(before, after), window.read_failed)

    def _sorted(self, before: list[Area], after: list[Area]) -> None:
        window = self._window
        if not self._save_tile_order(after):
            return
        window.tiles_panel.set_areas(after)
        moved = Reordering.between(before, after).moved
        if not moved:
            message = self.tr("Sagsområderne stod allerede efter brug; ingen numre er ændret.")
        else:
            shown = ", ".join(
                self.tr("{area} er nu {key}").format(area=area.label(window.language), key=key)
                for area, key in moved[:4]
            )
            more = len(moved) - 4
            if more > 0:
                shown += self.tr(" og {n} flere").format(n=more)
            message = self.tr("Sorteret efter brug: {changes}.").format(changes=shown)
        window.statusBar().showMessage(message, 15000)

    # ---- favourites -----------------------------------------------------------------------

    def favourites(self) -> Favourites:
        from skranke.favourites import Favourites  # noqa: PLC0415 - loaded with the panels

        return Favourites.from_settings(self._window.store.current.favourites)

    def show_favourites(self) -> None:
        self._window.favourites_panel.show_favourites(self.favourites())

    @Slot(str)
    def on_setting_changed(self, name: str) -> None:
        if name == "favourites":
            self.show_favourites()

    @Slot()
    def pin_last(self, key: str | None = None) -> None:
        """Pin the last contact's choice on ``key`` (by default the first free F-key)."""
        window = self._window
        status = window.statusBar()
        last = window.writes.last_choice
        if last is None:
            status.showMessage(
                self.tr("Registrér først en henvendelse; den kan så gemmes som favorit."), 5000
            )
            return
        favourites = self.favourites()
        key = key or favourites.free_key()
        if key is None:
            status.showMessage(
                self.tr("Alle F-taster er i brug. Højreklik en favorit for at fjerne den."), 6000
            )
            return
        if self._save_favourites(favourites.pinned(key, last)):
            label = describe(last, window.vocabulary, window.language)
            status.showMessage(
                self.tr("{label} er gemt på {key}.").format(label=label, key=key), 6000
            )

    @Slot(str)
    def remove(self, key: str) -> None:
        if self._save_favourites(self.favourites().removed(key)):
            self._window.statusBar().showMessage(
                self.tr("{key} er nu ledig.").format(key=key), 5000
            )

    def _save_favourites(self, favourites: Favourites) -> bool:
        saved = self._save(
            self.tr("Favoritten kunne ikke gemmes: {reason}"), favourites=favourites.items
        )
        if saved:
            self.show_favourites()
        return saved
