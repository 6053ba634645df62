"""The team leader's view: counts off the GUI thread, filters, exports with progress, the
period in the date fields, Escape, and the English view."""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QThreadPool, QTranslator
from pytestqt.qtbot import QtBot

import ui.team_view
from database.counter import CounterDesk
from database.demo import fill_demo_data
from database.reports import tally_in_database
from database.team import CountInterruptedError, Interrupter
from skranke.catalog import load_catalog
from skranke.clock import local_today
from skranke.contact import ContactChoice, make_contacts
from skranke.costs import load_price_table, what_if_moving
from skranke.formatting import format_money, format_number
from skranke.report import Filters, Period, tally
from tests.gui.test_english import english  # noqa: F401 - the translator fixture, by name
from ui.counter_window import CounterWindow
from ui.team_view import MIN_TIMED, PERIODS, TeamView, period_for


@pytest.fixture
def team(qtbot: QtBot, window: CounterWindow, desk: CounterDesk) -> TeamView:
    fill_demo_data(desk.repository, 600, 40, 3, desk.vocabulary, end=local_today())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    view = window.team.view
    assert isinstance(view, TeamView)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded is not None, timeout=20_000)
    return view


def test_opens_with_this_months_figures_and_charts(team: TeamView, desk: CounterDesk) -> None:
    expected = tally_in_database(desk.repository, Period.month(local_today()), Filters())
    assert team.loaded is not None
    assert team.loaded.tally == expected
    assert f"<b>{format_number(expected.total)}</b> henvendelser" in team.figures.text()
    assert [chart.data for chart in team.chart_labels] == team.loaded.charts
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
    assert f"ca. {format_money(expected.saving_per_year)} om året" in team.what_if_result.text()


def _wait_for(qtbot: QtBot, team: TeamView, period: Period) -> None:
    qtbot.waitUntil(
        lambda: team.loaded is not None and team.loaded.tally.period == period, timeout=20_000
    )


def test_the_date_fields_show_every_preset_s_period(qtbot: QtBot, team: TeamView) -> None:
    today = local_today()
    for choice in PERIODS[:-1]:
        team.period_combo.setCurrentIndex(PERIODS.index(choice))
        period = period_for(choice, today, today, today)
        shown = (team.first_edit.date().toPython(), team.last_edit.date().toPython())
        assert shown == (period.first, period.last), choice
        assert not team.first_edit.isEnabled()
    _wait_for(qtbot, team, Period.year(today.year))
    team.period_combo.setCurrentIndex(PERIODS.index("custom"))  # starts from what is shown
    assert team.first_edit.isEnabled()
    assert team.first_edit.date().toPython() == date(today.year, 1, 1)


def test_today_draws_the_day_per_hour(qtbot: QtBot, team: TeamView) -> None:
    team.period_combo.setCurrentIndex(PERIODS.index("today"))
    _wait_for(qtbot, team, Period.day(local_today()))
    assert team.loaded is not None
    assert team.loaded.charts[0].title.startswith("Henvendelser pr. time")
    assert team.chart_labels[0].accessibleName() == team.loaded.charts[0].title


def test_a_burst_of_choices_counts_and_draws_the_last_one_only(
    qtbot: QtBot, team: TeamView, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[Period] = []
    real_draw = ui.team_view._describe

    def draw(*args: Any) -> Any:
        drawn.append(args[0].period)
        return real_draw(*args)

    monkeypatch.setattr(ui.team_view, "_describe", draw)
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(20_000)  # the month's count has finished
    drawn.clear()
    for choice in ("today", "week", "last_week", "last_month", "year"):
        team.period_combo.setCurrentIndex(PERIODS.index(choice))
    _wait_for(qtbot, team, Period.year(local_today().year))
    assert pool.waitForDone(20_000)  # a late count of an earlier choice would have drawn by now
    assert set(drawn) == {Period.year(local_today().year)}  # none of the four before it


def test_escape_closes_the_view_and_returns_to_the_counter(
    qtbot: QtBot, team: TeamView, window: CounterWindow
) -> None:
    team.activateWindow()
    qtbot.waitUntil(team.isActiveWindow, timeout=3000)
    qtbot.keyClick(team, Qt.Key.Key_Escape)
    assert not team.isVisible()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_the_handling_time_says_how_many_were_timed(team: TeamView, desk: CounterDesk) -> None:
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    choice = ContactChoice("in_person", "passport", "handled_by_staff")
    contacts = make_contacts(
        choice, desk.vocabulary, desk="S1", municipality_code="165", count=17, now=start
    )
    contacts += make_contacts(
        choice, desk.vocabulary, desk="S1", municipality_code="165", now=start,
        duration_seconds=300,
    )  # fmt: skip
    few = tally(contacts, Period.day(start.date()))
    assert (few.timed, few.total) == (1, 18)
    assert team.handling_time_text(few) == "ekspeditionstid: for få med tid (1 af 18)"
    for n in range(MIN_TIMED):
        contacts += make_contacts(
            choice, desk.vocabulary, desk="S1", municipality_code="165",
            now=start + timedelta(minutes=n), duration_seconds=240,
        )  # fmt: skip
    enough = tally(contacts, Period.day(start.date()))
    assert team.handling_time_text(enough) == (
        "ekspeditionstid gns. <b>4:05</b>, median <b>4:00</b> (af 11 med tid)"
    )
    assert "(af " in team.figures.text()


def test_the_english_view_is_english_from_figures_to_charts(
    qtbot: QtBot,
    english: QTranslator,  # noqa: F811 - pytest hands in the imported fixture
    desk: CounterDesk,
) -> None:
    fill_demo_data(desk.repository, 600, 40, 3, desk.vocabulary, end=local_today())
    view = TeamView(
        desk.repository,
        desk.vocabulary,
        load_catalog(desk.vocabulary).catalog,
        load_price_table(),
        municipality_name="Albertslund Kommune",
        language="en",
    )
    qtbot.addWidget(view)
    view.period_combo.setCurrentIndex(PERIODS.index("custom"))
    view.first_edit.setDate(QDate(2000, 1, 1))
    view.last_edit.setDate(QDate(2100, 1, 1))
    _wait_for(qtbot, view, Period.custom(date(2000, 1, 1), date(2100, 1, 1)))
    figures = view.figures.text()
    assert view.loaded is not None
    assert f"<b>{view.loaded.tally.total}</b> contacts" in figures
    assert f"(of {view.loaded.tally.timed} timed)" in figures
    assert re.search(r"DKK \d{1,3}(,\d{3})+</b>", figures), figures
    assert " kr." not in figures
    assert "henvendelser" not in figures
    assert view.first_edit.text() == "01/01/2000"
    calendar = view.first_edit.calendarWidget()
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday  # as the weeks in the charts
    assert calendar.locale().monthName(12) == "December"
    assert view.status.text() == "Period: 1 Jan 2000–1 Jan 2100"
    titles = [label.accessibleName() for label in view.chart_labels]
    assert titles[0] == "Contacts per day and channel"
    assert view.what_if_share.suffix() == "%"
    assert view.what_if_area.itemText(0) == desk.vocabulary.visible_areas[0].en
    assert " a year" in view.what_if_result.text()
    assert "DKK " in view.what_if_result.text()


def test_the_view_opens_no_larger_than_the_screen(team: TeamView) -> None:
    """At 200 % a laptop's screen is small; the view is no larger than it must be."""
    room, least = team.screen().availableGeometry(), team.minimumSizeHint()
    assert team.width() <= max(room.width(), least.width())
    assert team.height() <= max(room.height(), least.height())


def _reopen(qtbot: QtBot, team: TeamView) -> None:
    team.close()
    generation = team._generation
    team.show()
    qtbot.waitUntil(lambda: team._generation > generation and team.busy.isHidden(), timeout=20_000)


def test_reopening_shows_the_session_s_count_and_is_exact_after_a_new_contact_and_a_void(
    qtbot: QtBot, team: TeamView, desk: CounterDesk
) -> None:
    assert team.loaded is not None
    first = team.loaded.tally
    _reopen(qtbot, team)
    assert team.loaded.cached
    assert team.loaded.tally == first
    (added,) = make_contacts(
        ContactChoice("phone", "passport", "handled_by_staff"), desk.vocabulary,
        desk="Skranke 1", municipality_code="165",
        now=datetime.combine(local_today(), datetime.min.time()).astimezone() + timedelta(hours=10),
    )  # fmt: skip
    desk.repository.add(added)
    _reopen(qtbot, team)
    assert not team.loaded.cached
    assert team.loaded.tally.total == first.total + 1
    assert f"<b>{format_number(first.total + 1)}</b> henvendelser" in team.figures.text()
    desk.repository.void(added.id)
    _reopen(qtbot, team)
    assert not team.loaded.cached
    assert team.loaded.tally == first


def test_a_superseded_count_is_interrupted_and_frees_the_worker(
    qtbot: QtBot, team: TeamView, desk: CounterDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The year's count (here: a query that would run for minutes) stops when the team
    leader picks another period; that period's figures come at once."""
    started: list[Period] = []
    stopped: list[BaseException] = []
    real_tally = tally_in_database

    def tally(repository: Any, period: Period, filters: Filters) -> Any:
        if period.kind == "year":
            started.append(period)
            try:
                with repository.database.engine.connect() as conn:
                    conn.exec_driver_sql(
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                        "WHERE i < 5000000000) SELECT count(*) FROM n"
                    ).all()
            except Exception as error:
                stopped.append(error)
                raise
        return real_tally(repository, period, filters)

    monkeypatch.setattr(ui.team_view, "tally_in_database", tally)
    team.period_combo.setCurrentIndex(PERIODS.index("year"))
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    team.period_combo.setCurrentIndex(PERIODS.index("last_month"))
    qtbot.waitUntil(lambda: bool(stopped), timeout=3000)
    assert "interrupt" in str(stopped[0])
    today = local_today()
    _wait_for(qtbot, team, period_for("last_month", today, today, today))
    assert "Tæller" not in team.status.text()  # the interrupted count says nothing


def test_the_charts_are_painted_from_the_counted_data(qtbot: QtBot, team: TeamView) -> None:
    """The per-day chart shows the first channel's colour; an empty period says so."""
    assert team.loaded is not None
    chart = team.chart_labels[0]
    colour = team.loaded.charts[0].series[0].colour
    image = chart.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert colour in colours
    team.period_combo.setCurrentIndex(PERIODS.index("custom"))
    team.first_edit.setDate(QDate(2001, 1, 1))
    team.last_edit.setDate(QDate(2001, 1, 2))
    _wait_for(qtbot, team, Period.custom(date(2001, 1, 1), date(2001, 1, 2)))
    assert all(c.data is not None and c.data.empty for c in team.chart_labels)
    assert colour not in {
        chart.grab().toImage().pixelColor(x, y).name()
        for x in range(0, chart.width(), 3)
        for y in range(0, chart.height(), 3)
    }


def test_the_filters_wrap_to_fit_a_narrow_window(qtbot: QtBot, team: TeamView) -> None:
    """At 200 % a 1920-pixel screen is 960 logical pixels wide: the filters take more rows,
    and the view fits."""
    team.resize(960, 540)
    qtbot.waitUntil(lambda: team._columns == 3, timeout=3000)
    assert team.minimumSizeHint().width() <= 960
    team.resize(1200, 800)
    qtbot.waitUntil(lambda: team._columns == 4, timeout=3000)


def test_an_interrupted_worker_thread_runs_other_work_normally(desk: CounterDesk) -> None:
    """The pool thread whose count was interrupted goes on to other work (the counter's
    reads): once the count is over, its statements run again."""
    engine = desk.repository.database.engine
    interrupter = Interrupter.of(engine)
    results: list[object] = []

    def desks() -> list[str]:  # a count's statement, on the engine the counts use
        with engine.connect() as conn:
            return sorted(d for (d,) in conn.exec_driver_sql("SELECT DISTINCT desk FROM contact"))

    def on_the_worker() -> None:
        interrupter.begin()
        interrupter.interrupt(threading.get_ident())
        try:
            desks()
        except CountInterruptedError as error:
            results.append(error)
        interrupter.end()
        results.append(desks())

    worker = threading.Thread(target=on_the_worker)
    worker.start()
    worker.join(10)
    assert isinstance(results[0], CountInterruptedError)
    assert results[1] == desk.repository.desks()
