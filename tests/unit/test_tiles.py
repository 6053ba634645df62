"""Tile numbers stay with their areas until staff re-order them (no Qt)."""

from __future__ import annotations

from skranke.tiles import Reordering, arrange, key_of
from skranke.vocabulary import Vocabulary


def test_the_saved_order_wins_new_areas_go_last_hidden_ones_drop_out(
    vocabulary: Vocabulary,
) -> None:
    areas = list(vocabulary.visible_areas)
    saved = [areas[3].id, "gone_area", areas[0].id, areas[3].id]
    arranged = arrange(saved, areas)
    assert [a.id for a in arranged[:2]] == [areas[3].id, areas[0].id]
    assert [a.id for a in arranged[2:]] == [a.id for a in areas if a not in (areas[3], areas[0])]
    assert arrange([], areas) == areas


def test_keys_are_one_to_nine_then_zero_then_none() -> None:
    assert [key_of(p) for p in range(11)] == [*"1234567890", ""]


def test_the_reordering_names_the_areas_whose_number_changed(vocabulary: Vocabulary) -> None:
    areas = list(vocabulary.visible_areas)
    after = [areas[1], areas[0], *areas[2:]]
    moved = Reordering.between(areas, after).moved
    assert [(area.id, key) for area, key in moved] == [(areas[1].id, "1"), (areas[0].id, "2")]
    assert Reordering.between(areas, areas).moved == ()
