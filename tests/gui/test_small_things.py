"""Small things staff see on screen: one tile size, the whole "Område" in a narrow list, a slip
preview that fills its dialog, the team view's title, Ctrl+Q, and the period it remembers."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.catalog import load_catalog
from skranke.costs import load_price_table
from skranke.settings import Settings
from tests.gui.counter_page import CounterPage
from ui.counter_window import CounterWindow
from ui.team_view import PERIODS, TeamView

MakeWindow = Callable[..., CounterWindow]


def test_every_tile_has_one_font_size(window: CounterWindow) -> None:
    sizes = {tile.label_points() for _area, tile in CounterPage(window).tiles}
    assert len(sizes) == 1, [
        (tile.label(), tile.label_points()) for _a, tile in CounterPage(window).tiles
    ]


@pytest.mark.parametrize("width", [1366, 960])
def test_no_tile_label_runs_into_its_key(qtbot: QtBot, window: CounterWindow, width: int) -> None:
    window.resize(width, 540)
    qtbot.wait(50)
    for _area, tile in CounterPage(window).tiles:
        label = tile.findChild(QLabel, "label")
        hint = tile.findChild(QLabel, "hint")
        assert label is not None
        assert hint is not None
        room = label.contentsRect()
        text = label.fontMetrics().boundingRect(
            room, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), label.text()
        )
        text.translate(label.pos())
        assert text.height() <= room.height(), tile.label()
        metrics = hint.fontMetrics()  # the key's ink, not its label's padding
        glyph = metrics.tightBoundingRect(hint.text())
        top = hint.y() + (hint.height() - metrics.height()) // 2 + metrics.ascent()
        glyph.translate(hint.x(), top)
        assert not text.intersects(glyph), (tile.label(), text, glyph)


def test_the_area_column_keeps_its_name_on_the_hotline_desk(
    qtbot: QtBot, make_window: MakeWindow, desk: CounterDesk
) -> None:
    window = make_window(
        Settings(desk=desk.desk, municipality="165", hotline=True,
                 hotline_municipalities=("165", "153", "161", "167"))
    )  # fmt: skip
    window.resize(960, 540)  # 200 % on a 1080p screen
    qtbot.wait(50)
    view, model = CounterPage(window).recent_view, CounterPage(window).recent_model
    header = view.horizontalHeader()
    area = model.columns.index("area")
    title = model.headerData(area, Qt.Orientation.Horizontal)
    assert "caller" in model.columns
    assert header.sectionSize(area) > header.fontMetrics().horizontalAdvance(title) + 12
    window.resize(1800, 900)  # room again: the area takes what the others leave
    qtbot.waitUntil(
        lambda: header.sectionViewportPosition(header.count() - 1) + header.sectionSize(
            header.count() - 1
        ) >= view.viewport().width() - 2
    )  # fmt: skip


def test_the_slip_preview_fills_the_dialog_s_width(qtbot: QtBot, window: CounterWindow) -> None:
    from ui.sheet_dialog import SheetDialog  # noqa: PLC0415

    catalog = load_catalog(window.vocabulary).catalog
    dialog = SheetDialog(catalog.solutions[0], window.solutions.sheet_sender(), store=window.store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.variant_combo.setCurrentIndex(2)  # the 80 mm slip
    qtbot.waitUntil(lambda: dialog.page_count() == 1 and dialog.pdf is not None, timeout=20_000)
    page = dialog.findChild(QLabel, "previewPage1")
    assert page is not None
    assert page.width() >= 0.5 * dialog.width()  # not a small card in a large grey area
    dialog.variant_combo.setCurrentIndex(0)  # A4 stays at its size
    qtbot.waitUntil(lambda: dialog.options().format == "a4" and dialog.pdf is not None)


@pytest.fixture
def make_team(qtbot: QtBot, desk: CounterDesk) -> Iterator[Callable[[], TeamView]]:
    views: list[TeamView] = []

    def make() -> TeamView:
        view = TeamView(
            desk.repository, desk.vocabulary, load_catalog(desk.vocabulary).catalog,
            load_price_table(), municipality_name="Albertslund Kommune",
        )  # fmt: skip
        qtbot.addWidget(view)
        view.show()
        views.append(view)
        return view

    yield make
    for view in views:
        qtbot.waitUntil(lambda v=view: v.loaded is not None or not v.isVisible(), timeout=20_000)


def test_the_team_view_names_skranke_once(make_team: Callable[[], TeamView]) -> None:
    view = make_team()
    # Qt adds " — Skranke" (the application's name) to what the window says.
    assert view.windowTitle() == "Ledelsesinformation"


def test_the_team_view_starts_with_the_period_chosen_last_time(
    qtbot: QtBot, make_team: Callable[[], TeamView]
) -> None:
    first = make_team()
    assert first.period_combo.currentData() == "month"  # the first time ever
    first.period_combo.setCurrentIndex(PERIODS.index("last_week"))
    qtbot.waitUntil(lambda: first.loaded is not None, timeout=20_000)
    first.close()
    again = make_team()
    assert again.period_combo.currentData() == "last_week"


def test_ctrl_q_quits_from_the_team_view(
    qtbot: QtBot, window: CounterWindow, make_team: Callable[[], TeamView]
) -> None:
    view = make_team()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not view.isVisible() and not window.isVisible())
