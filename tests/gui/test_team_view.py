"""The team leader's view: counts off the GUI thread, filters, exports with progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from database.demo import fill_demo_data
from database.reports import tally_in_database
from skranke.clock import local_today
from skranke.costs import what_if_moving
from skranke.report import Filters, Period
from ui.counter_window import CounterWindow
from ui.team_view import PERIODS, TeamView, period_for


@pytest.fixture
def team(qtbot: QtBot, window: CounterWindow, desk: CounterDesk) -> TeamView:
    fill_demo_data(desk.repository, 600, 40, 3, desk.vocabulary, end=local_today())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    view = window._team_view
    assert isinstance(view, TeamView)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded is not None, timeout=20_000)
    return view


def test_opens_with_this_months_figures_and_charts(team: TeamView, desk: CounterDesk) -> None:
    expected = tally_in_database(desk.repository, Period.month(local_today()), Filters())
    assert team.loaded is not None
    assert team.loaded.tally == expected
    total = f"{expected.total:,}".replace(",", ".")
    assert f"<b>{total}</b> henvendelser" in team.figures.text()
    assert all(not label.pixmap().isNull() for label in team.chart_labels)
    desks = [team.desk_combo.itemData(i) for i in range(team.desk_combo.count())]
    assert desks == [None, *desk.repository.desks()]  # read off the GUI thread


def test_a_filter_recounts(qtbot: QtBot, team: TeamView, desk: CounterDesk) -> None:
    team.period_combo.setCurrentIndex(PERIODS.index("custom"))
    team.first_edit.setDate(QDate(2000, 1, 1))
    team.last_edit.setDate(QDate(2100, 1, 1))
    team.channel_combo.setCurrentIndex(team.channel_combo.findData("phone"))
    qtbot.waitUntil(
        lambda: team.loaded is not None and team.loaded.tally.filters.channels is not None,
        timeout=20_000,
    )
    assert team.loaded is not None
    assert set(team.loaded.tally.by_channel) <= {"phone"}


def test_export_xlsx_off_the_gui_thread(qtbot: QtBot, team: TeamView, tmp_path: Path) -> None:
    out = tmp_path / "tal.xlsx"
    team.export("xlsx", out)
    qtbot.waitUntil(lambda: "Eksporteret" in team.status.text(), timeout=20_000)
    assert out.exists()
    assert load_workbook(out, read_only=True).sheetnames[0] == "Oversigt"


def test_an_export_that_cannot_be_written_says_so(
    qtbot: QtBot, team: TeamView, tmp_path: Path
) -> None:
    team.export("xlsx", tmp_path / "no" / "such" / "folder.xlsx")
    qtbot.waitUntil(lambda: "Kan ikke skrive" in team.status.text(), timeout=20_000)


def test_periods() -> None:
    today = date(2026, 11, 22)  # a Sunday
    assert period_for("week", today, today, today) == Period.custom(
        date(2026, 11, 16), date(2026, 11, 22)
    )
    assert period_for("last_month", today, today, today) == Period.custom(
        date(2026, 10, 1), date(2026, 10, 31)
    )
    assert period_for("year", today, today, today) == Period.custom(
        date(2026, 1, 1), date(2026, 12, 31)
    )


def test_what_if_moving_in_person_transactions(team: TeamView) -> None:
    team.what_if_area.setCurrentIndex(team.what_if_area.findData("passport"))
    team.what_if_share.setValue(50)
    assert team.loaded is not None
    expected = what_if_moving(
        team.loaded.tally, "passport", Decimal(50), team.price_table, team.vocabulary
    )
    amount = f"{expected.saving_per_year:,.0f}".replace(",", ".")
    assert f"ca. {amount} kr. om året" in team.what_if_result.text()
