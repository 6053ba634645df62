"""The area tiles: click one, or press its number, to log a contact about that area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skranke.tiles import key_of
from skranke.vocabulary import Area

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from ui.widgets import TwoLineButton  # loaded with the tiles, after the first paint

TILE_COLUMNS = 5
MIN_TILE_WIDTH = 125  # narrower tiles and a row has fewer of them


class TilesPanel(QGroupBox):
    """One large button per visible area, numbered 1-9 and 0 in the order staff fixed.

    Signals:
        areaChosen(str): a tile was clicked (the area's id).
        sortByUseRequested(): staff asked to re-number the tiles by use.
        tilesChanged(): the tiles were made anew (``set_areas``).
    """

    areaChosen = Signal(str)  # noqa: N815 - Qt naming
    sortByUseRequested = Signal()  # noqa: N815
    tilesChanged = Signal()  # noqa: N815

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sagsområde – klik eller tast nummeret for at registrere"), parent)
        self._language = language
        self.setObjectName("tilesBox")
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.grid = QGridLayout()
        self.grid.setSpacing(5)
        layout.addLayout(self.grid, 1)
        self._bottom = QHBoxLayout()
        layout.addLayout(self._bottom)
        self.tiles: list[tuple[Area, TwoLineButton]] = []
        self._columns = 0
        self._placeholder = QLabel(self.tr("Åbner databasen …"))
        # By name: ``Qt`` (the enum namespace) costs ~40 ms before the first paint.
        self._placeholder.setProperty("alignment", "AlignCenter")
        self.grid.addWidget(self._placeholder, 0, 0)
        self.sort_button = QPushButton(self.tr("Sortér efter brug"))
        self.sort_button.setObjectName("sortTilesButton")
        self.sort_button.setAccessibleName(self.tr("Sortér sagsområderne efter brug"))
        self.sort_button.setToolTip(
            self.tr(
                "Giv de mest brugte områder de laveste numre (de seneste 30 dage). "
                "Ellers beholder hvert område sit nummer."
            )
        )
        self.sort_button.setEnabled(False)
        self.sort_button.clicked.connect(self.sortByUseRequested)
        self._bottom.addStretch(1)
        self._bottom.addWidget(self.sort_button)

    def set_areas(self, areas: Sequence[Area]) -> None:

        from ui.widgets import TwoLineButton  # noqa: PLC0415

        self._placeholder.hide()
        self.sort_button.setEnabled(True)
        for _area, old in self.tiles:
            self.grid.removeWidget(old)
            old.deleteLater()
        self.tiles = []
        for position, area in enumerate(areas):
            key = key_of(position)
            name = area.label(self._language)
            tile = TwoLineButton(name, key)
            tile.setObjectName(f"area_{area.id}")
            tile.setProperty("tile", True)
            tile.setAccessibleName(
                self.tr("Registrér {area} (tast {key})").format(area=name, key=key)
                if key
                else self.tr("Registrér {area}").format(area=name)
            )
            tile.setMinimumHeight(52)
            tile.clicked.connect(lambda _=False, area_id=area.id: self.areaChosen.emit(area_id))
            self.tiles.append((area, tile))
        self._columns = 0
        self._place(self._columns_for(self.width()))
        # One font size for every tile: rows in different sizes look untidy, and a label
        # sized for its row alone ran into its key hint.
        TwoLineButton.share_font([[tile for _area, tile in self.tiles]])
        self.tilesChanged.emit()

    @staticmethod
    def _columns_for(width: int) -> int:
        """Five tiles a row; four or three when the window is narrow (200 % scaling), so
        that a long name still fits its tile in a readable size."""
        return max(3, min(TILE_COLUMNS, width // MIN_TILE_WIDTH))

    def _place(self, columns: int) -> None:
        if columns == self._columns or not self.tiles:  # no tiles: before the first paint
            return
        from PySide6.QtCore import Qt  # noqa: PLC0415 - after the first paint

        self._columns = columns
        for position, (_area, tile) in enumerate(self.tiles):
            self.grid.addWidget(tile, position // columns, position % columns)
        for column in range(TILE_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        # The button takes the first free cell after the tiles (a row of its own costs height).
        self.grid.removeWidget(self.sort_button)
        self._bottom.removeWidget(self.sort_button)
        free = len(self.tiles)
        if free % columns:
            self.grid.addWidget(
                self.sort_button,
                free // columns,
                columns - 1,
                Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight,
            )
        else:
            self._bottom.addWidget(self.sort_button)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self._columns_for(self.width()))

    def areas(self) -> list[Area]:
        return [area for area, _tile in self.tiles]

    def area_at(self, position: int) -> Area | None:
        return self.tiles[position][0] if position < len(self.tiles) else None
