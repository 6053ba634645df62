"""The order of the area tiles, and so the number key of each area (no Qt).

Staff press a tile's number from memory, so a number keeps its area until staff choose to
re-order. The order is fixed from use the first time and stored in the settings
(``tile_order``); areas added later go at the end and hidden ones drop out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skranke.vocabulary import Area

TILE_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")


def arrange(saved: Sequence[str], areas: Sequence[Area]) -> list[Area]:
    """``areas`` (visible ones, in their default order) in the saved order.

    Saved ids that are no longer visible drop out; areas not in the saved order follow in
    their default order.
    """
    by_id = {area.id: area for area in areas}
    kept = [by_id[area_id] for area_id in dict.fromkeys(saved) if area_id in by_id]
    placed = {area.id for area in kept}
    return kept + [area for area in areas if area.id not in placed]


def key_of(position: int) -> str:
    """The number key of the tile at ``position`` ("" beyond the tenth)."""
    return TILE_KEYS[position] if position < len(TILE_KEYS) else ""


@dataclass(frozen=True)
class Reordering:
    """What re-sorting changed, for the status bar."""

    moved: tuple[tuple[Area, str], ...]  # areas whose number key changed, with the new key

    @classmethod
    def between(cls, before: Sequence[Area], after: Sequence[Area]) -> Reordering:
        old = {area.id: key_of(position) for position, area in enumerate(before)}
        moved = tuple(
            (area, key_of(position))
            for position, area in enumerate(after)
            if old.get(area.id) != key_of(position) and key_of(position)
        )
        return cls(moved)
