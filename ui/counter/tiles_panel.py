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
    from ui.widgets import TwoLineButton  # loaded with the tiles, after the first paint

TILE_COLUMNS = 5


class TilesPanel(QGroupBox):
    """One large button per visible area, numbered 1-9 and 0 in the order staff fixed.

    Signals:
        areaChosen(str): a tile was clicked (the area's id).
        sortByUseRequested(): staff asked to re-number the tiles by use.
    """

    areaChosen = Signal(str)  # noqa: N815 - Qt naming
    sortByUseRequested = Signal()  # noqa: N815

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sagsområde – klik eller tast nummeret for at registrere"), parent)
        self._language = language
        self.setObjectName("tilesBox")
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        layout.addLayout(self.grid, 1)
        self._bottom = QHBoxLayout()
        layout.addLayout(self._bottom)
        self.tiles: list[tuple[Area, TwoLineButton]] = []
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
        from PySide6.QtCore import Qt  # noqa: PLC0415 - after the first paint

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
            self.grid.addWidget(tile, position // TILE_COLUMNS, position % TILE_COLUMNS)
            self.tiles.append((area, tile))
        # The button takes the first free cell after the tiles (a row of its own costs height).
        self.grid.removeWidget(self.sort_button)
        self._bottom.removeWidget(self.sort_button)
        free = len(areas)
        if free % TILE_COLUMNS:
            self.grid.addWidget(
                self.sort_button,
                free // TILE_COLUMNS,
                TILE_COLUMNS - 1,
                Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight,
            )
        else:
            self._bottom.addWidget(self.sort_button)
        tiles = [tile for _area, tile in self.tiles]
        TwoLineButton.share_font(
            [tiles[start : start + TILE_COLUMNS] for start in range(0, len(tiles), TILE_COLUMNS)]
        )

    def areas(self) -> list[Area]:
        return [area for area, _tile in self.tiles]

    def area_at(self, position: int) -> Area | None:
        return self.tiles[position][0] if position < len(self.tiles) else None
