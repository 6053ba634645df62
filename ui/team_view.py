"""The team leader's view: a period and filters, key figures, charts, and exports.

Counting runs off the GUI thread; a newer choice wins over an older one: a count not yet
started is skipped and one running is interrupted (its SQL stopped), so the worker is free at
once. A count is kept for the session under a watermark of the data (see database/team.py):
reopening the view, or going back to a period, shows it at once, and a new or voided contact
makes it count again. The charts are painted by Qt from the same chart descriptions the PDF's
matplotlib charts are drawn from (ui/chart_widget.py), so the window never loads matplotlib.
On the central database the view also shows every desk heard from, filters by centre and by
desk (municipality and name: names repeat across municipalities), and never writes.
Exports show progress and can be cancelled. Numbers and dates are written by
:mod:`skranke.formatting` (and ``QLocale`` in the date fields).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from database.exporting import ExportRequest
from database.reports import tally_in_database
from database.repository import ContactRepository
from database.team import HeardDesk, Interrupter, heard_desks, watermark
from skranke.catalog import Catalog
from skranke.charts import ChartData, describe_charts
from skranke.costs import CostEstimate, PriceTable, estimate_cost
from skranke.errors import SkrankeError
from skranke.hotline import HotlineConfig
from skranke.report import Filters, Period, Tally
from skranke.vocabulary import Vocabulary
from ui.chart_widget import ChartWidget
from ui.messages import error_text
from ui.screen_fit import fit_to_screen
from ui.tasks import run_task
from ui.team.choices import DEFAULT_PERIOD, PERIODS, ChoicesBar, period_for
from ui.team.exports import ExportMenu
from ui.team.figures import MIN_TIMED, KeyFigures, WhatIf
from ui.team.heard import SILENT, HeardTable, is_silent, previous_working_moment

__all__ = [
    "MIN_TIMED", "PERIODS", "SILENT", "TeamView", "is_silent", "period_for",
    "previous_working_moment",
]  # fmt: skip

PERIOD_KEY = "teamView/period"  # QSettings: the period last chosen (window state only)


def _describe(tally: Tally, vocabulary: Vocabulary, language: str) -> list[ChartData]:
    return describe_charts(tally, vocabulary, language)


@dataclass(frozen=True)
class _Counted:
    """What a count read from the database (kept for the session under its watermark)."""

    tally: Tally
    cost: CostEstimate
    desks: list[str]  # the desk names in the contacts (a desk's own file)
    heard: list[HeardDesk]  # the desks that pushed here (the central database)


@dataclass(frozen=True)
class _Loaded:
    tally: Tally
    cost: CostEstimate
    charts: list[ChartData]
    desks: list[str]
    heard: list[HeardDesk]
    cached: bool  # shown from the session's cache, not counted again


_CACHE_SIZE = 16
_cache: OrderedDict[tuple[object, ...], _Counted] = OrderedDict()
_cache_lock = threading.Lock()


def _cached(key: tuple[object, ...]) -> _Counted | None:
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
        return found


def _keep(key: tuple[object, ...], counted: _Counted) -> None:
    with _cache_lock:
        _cache[key] = counted
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


_desks_reader = ThreadPoolExecutor(1, thread_name_prefix="team-desks")
_Desks = tuple[list[str], list[HeardDesk]]
_desks_known: dict[str, tuple[tuple[object, ...], _Desks]] = {}  # location: (watermark, desks)


def _desks_of(repository: ContactRepository, mark: tuple[object, ...]) -> Future[_Desks]:
    """The desks heard from (the central database) or else the desk names in the contacts
    (a scan of the contacts' desk index, ~0.2 s for a million: read on a thread of its own,
    alongside the tally), kept while the data's watermark stays ``mark``."""
    location = repository.database.location
    future: Future[_Desks] = Future()
    known = _desks_known.get(location)
    if known is not None and known[0] == mark:
        future.set_result(known[1])
        return future

    def read() -> _Desks:
        heard = heard_desks(repository.database)
        found = ([] if heard else repository.desks()), heard
        _desks_known[location] = (mark, found)
        return found

    return _desks_reader.submit(read)


class TeamView(QWidget):
    """A top-level window a team leader opens from the counter (Ctrl+L); Escape closes it and
    returns to the window it was opened from, Ctrl+Q quits. It starts with the period chosen
    the last time."""

    def __init__(
        self,
        repository: ContactRepository,
        vocabulary: Vocabulary,
        catalog: Catalog,
        price_table: PriceTable,
        *,
        municipality_name: str,
        language: str = "da",
        hotline: HotlineConfig | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.language = language
        self.setObjectName("teamView")
        # Qt adds the application's name ("— Skranke") to the title itself.
        self.setWindowTitle(self.tr("Ledelsesinformation"))
        fit_to_screen(self, QSize(1200, 860))  # at 200 % a laptop screen is small
        self.repository = repository
        self.vocabulary = vocabulary
        self.catalog = catalog
        self.price_table = price_table
        self.municipality_name = municipality_name
        self.hotline = hotline  # the shared hotline's settings, for its exports
        self.loaded: _Loaded | None = None
        self._generation = 0
        self._running: tuple[int, int] | None = None  # (generation, worker thread) counting
        self._running_lock = threading.Lock()
        self._opener: QWidget | None = None
        self._built = False
        self._count_timer = self._single_shot(120, self._count)  # a burst of choices counts once
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        QShortcut(QKeySequence("Ctrl+Q"), self).activated.connect(QApplication.closeAllWindows)
        self._build()
        self._built = True
        self._flow_choices()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        choices = self.choices = ChoicesBar(self.vocabulary, self.language)
        choices.choose_period(str(QSettings().value(PERIOD_KEY, DEFAULT_PERIOD)))
        choices.changed.connect(self.refresh)
        self.period_combo, self.first_edit, self.last_edit = (
            choices.period_combo, choices.first_edit, choices.last_edit
        )  # fmt: skip
        self.desk_combo, self.centre_combo = choices.desk_combo, choices.centre_combo
        self.channel_combo, self.area_combo = choices.channel_combo, choices.area_combo
        self.outcome_combo = choices.outcome_combo
        layout.addWidget(choices)
        self.busy = QProgressBar()
        self.busy.setObjectName("teamBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        layout.addWidget(self.busy)
        self.figures = KeyFigures(self.language)
        layout.addWidget(self.figures)
        layout.addWidget(self._build_tabs(), 1)
        self.what_if = WhatIf(self.vocabulary, self.price_table, self.language)
        self.what_if_share, self.what_if_area = self.what_if.share, self.what_if.area
        self.what_if_result = self.what_if.result
        layout.addWidget(self.what_if)
        bottom = QHBoxLayout()  # one menu for the exports: the charts keep the room
        self.exports = ExportMenu(self.language)
        self.exports.chosen.connect(self.ask_and_export)
        bottom.addWidget(self.exports)
        self.status = QLabel()
        self.status.setObjectName("teamStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        layout.addLayout(bottom)

    def _single_shot(self, milliseconds: int, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(milliseconds)
        timer.timeout.connect(slot)
        return timer

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        opener = QApplication.activeWindow()
        if opener is not None and opener is not self:
            self._opener = opener
        if self.loaded is not None and not event.spontaneous():
            self._request(at_once=True)  # opened again: the same figures unless the data changed

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue(PERIOD_KEY, self.period_combo.currentData())
        super().closeEvent(event)
        if self._opener is not None and self._opener.isVisible():
            self._opener.activateWindow()
            self._opener.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._built:
            self._flow_choices()

    @property
    def _columns(self) -> int:
        """How many label-and-field pairs stand side by side."""
        return self.choices.columns

    def _flow_choices(self) -> None:
        self.choices.flow(self.width() - 24)

    # ---- building -----------------------------------------------------------------------

    def _build_tabs(self) -> QTabWidget:
        """The charts, and the desks heard from (a tab only on a database desks push to)."""
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teamTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_charts(), self.tr("Grafer"))
        self.heard_table = HeardTable(self.language)
        self.tabs.addTab(self.heard_table, self.tr("Skranker"))
        self.tabs.setTabVisible(1, False)
        self.tabs.tabBar().setVisible(False)
        return self.tabs

    def _build_charts(self) -> QScrollArea:
        holder = QWidget()
        grid = QGridLayout(holder)
        self.chart_labels: list[ChartWidget] = []
        for index in range(4):
            chart = ChartWidget()
            chart.setObjectName(f"chart{index}")
            grid.addWidget(chart, index // 2, index % 2)
            self.chart_labels.append(chart)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return scroll

    # ---- counting -----------------------------------------------------------------------

    def period(self) -> Period:
        return self.choices.period()

    def filters(self) -> Filters:
        return self.choices.filters(self.loaded.heard if self.loaded is not None else [])

    @Slot()
    def refresh(self) -> None:
        """Count again shortly (a burst of choices counts once); from now on the results of
        older requests are ignored."""
        self._request(at_once=False)

    def _request(self, *, at_once: bool) -> None:
        if not self._built:
            return
        self.choices.enable_dates()
        self._generation += 1
        self._interrupt_superseded()
        try:
            period = self.period()
        except SkrankeError as error:
            self.busy.hide()
            self.status.setText(error_text(error))
            return
        if not self.choices.custom:
            self.choices.show_period(period)
        self.busy.show()
        self.status.setText(self.tr("Tæller {label} …").format(label=period.label(self.language)))
        if at_once:
            self._count_timer.stop()
            self._count()
        else:
            self._count_timer.start()

    def _interrupt_superseded(self) -> None:
        """Stop the count running for an older choice: its worker is free for this one."""
        with self._running_lock:
            if self._running is not None and self._running[0] < self._generation:
                Interrupter.of(self.repository.database.engine).interrupt(self._running[1])

    @Slot()
    def _count(self) -> None:
        """Count off the GUI thread (or take the session's count of the same period, filters
        and data); a request that is no longer the newest is skipped or interrupted."""
        try:
            period, filters = self.period(), self.filters()
        except SkrankeError as error:
            self.status.setText(error_text(error))
            return
        generation, language = self._generation, self.language
        repository, vocabulary, prices = self.repository, self.vocabulary, self.price_table
        database = repository.database

        interrupter = Interrupter.of(database.engine)  # listening before the count starts

        def work() -> _Loaded | None:
            with self._running_lock:
                if generation != self._generation:  # superseded before it started
                    return None
                self._running = (generation, threading.get_ident())
                interrupter.begin()
            try:
                return count(generation)
            finally:
                with self._running_lock:
                    self._running = None
                    interrupter.end()  # the pool thread's next work runs normally

        def count(generation: int) -> _Loaded | None:
            mark = watermark(database)
            key = (database.location, period, filters, mark)
            counted = _cached(key)
            if counted is None:
                desks = _desks_of(repository, mark)  # read alongside the tally
                tally = tally_in_database(repository, period, filters)
                if generation != self._generation:  # superseded while counting
                    return None
                names, heard = desks.result()
                counted = _Counted(tally, estimate_cost(tally, prices, vocabulary), names, heard)
                _keep(key, counted)
                cached = False
            else:
                cached = True
            charts = _describe(counted.tally, vocabulary, language)
            return _Loaded(counted.tally, counted.cost, charts, counted.desks, counted.heard,
                           cached)  # fmt: skip

        run_task(
            work,
            lambda loaded: self._shown(generation, loaded),
            lambda error: self._count_failed(generation, error),
        )

    def _shown(self, generation: int, loaded: _Loaded | None) -> None:
        if loaded is None or not self._wants(generation):
            return
        self.loaded = loaded
        self.busy.hide()
        self.choices.show_desks(loaded.desks, loaded.heard)
        if loaded.heard:
            self.tabs.setTabText(1, self.heard_table.fill(loaded.heard))
        self.tabs.setTabVisible(1, bool(loaded.heard))
        self.tabs.tabBar().setVisible(bool(loaded.heard))
        self._flow_choices()
        tally = loaded.tally
        self.figures.show_figures(tally, loaded.cost)
        for widget, chart in zip(self.chart_labels, loaded.charts, strict=True):
            widget.set_chart(chart)
        self.status.setText(
            self.tr("Periode: {label}").format(label=tally.period.label(self.language))
        )
        self.what_if.show_tally(tally)

    def handling_time_text(self, tally: Tally) -> str:
        return self.figures.handling_time_text(tally)

    def _count_failed(self, generation: int, error: BaseException) -> None:
        if self._wants(generation):
            self._failed(error)

    def _wants(self, generation: int) -> bool:
        """Whether a result of request ``generation`` is still to be shown: it is the newest,
        and the window still exists (a count may end after the window was closed for good)."""
        return generation == self._generation and shiboken6.isValid(self)

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        text = error_text(error) if isinstance(error, SkrankeError) else str(error)
        self.status.setText(text)

    # ---- exporting ----------------------------------------------------------------------

    @Slot(str)
    def ask_and_export(self, export_format: str) -> None:
        path = self.exports.ask_where(export_format)
        if path is not None:
            self.export(export_format, path)

    def export(self, export_format: str, out: Path) -> QProgressDialog:
        """Run an export off the GUI thread with a cancellable progress dialog."""
        request = ExportRequest(
            self.period(), self.filters(), export_format, out, self.municipality_name,
            self.hotline,
        )  # fmt: skip
        sources = (self.repository, self.vocabulary, self.catalog, self.price_table)
        return self.exports.run(
            request, sources, self.language, parent=self,
            said=self.status.setText, failed=self._failed,
        )  # fmt: skip
