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
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from database.exporting import EXPORTERS, ExportRequest, ExportResult, run_export
from database.reports import tally_in_database
from database.repository import ContactRepository
from database.team import HeardDesk, Interrupter, heard_desks, watermark
from skranke.catalog import Catalog
from skranke.charts import ChartData, describe_charts
from skranke.clock import local_today, to_local, utc_now
from skranke.costs import CostEstimate, PriceTable, estimate_cost, what_if_moving
from skranke.errors import SkrankeError
from skranke.formatting import (
    format_duration,
    format_money,
    format_number,
    format_numeric_date,
    format_percent,
    percent_suffix,
)
from skranke.hotline import HotlineConfig
from skranke.municipalities import municipality
from skranke.report import Filters, Period, Tally
from skranke.vocabulary import Vocabulary
from ui.chart_widget import ChartWidget
from ui.messages import error_text
from ui.tasks import run_task

PERIODS = ("today", "week", "last_week", "month", "last_month", "year", "custom")
MIN_TIMED = 10  # fewer contacts with a handling time than this give no average or median
SILENT = QColor("#b3261e")  # a desk not heard from for more than a working day


def period_for(choice: str, today: date, first: date, last: date) -> Period:
    """The period a team leader means by each choice, in local calendar days."""
    if choice == "today":
        return Period.day(today)
    if choice == "week":
        return Period.week(today)
    if choice == "last_week":
        return Period.week(today - timedelta(days=7))
    if choice == "month":
        return Period.month(today)
    if choice == "last_month":
        return Period.month(today.replace(day=1) - timedelta(days=1))
    if choice == "year":
        return Period.year(today.year)
    return Period.custom(first, last)


class _ProgressReporter(QObject):
    """Carries progress from the worker to the dialog on the GUI thread (a queued signal)."""

    progressed = Signal(int, int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.progressed.connect(self._show)
        self._dialog = dialog

    def report(self, done: int, total: int) -> None:  # on the worker thread
        self.progressed.emit(done, total)

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))


_KEY = "\x1f"  # between a municipality and a desk (or a centre) in a choice's data


def _reflowing() -> QWidget:
    """A box whose widgets :func:`_flow` lays out in rows; its width never holds the window
    wider (the rows are reflowed to the width instead)."""
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    return box


def _columns_that_fit(groups: Sequence[tuple[QWidget, ...]], room: int, most: int) -> int:
    """The most columns (up to ``most``) in which ``groups`` fit ``room`` pixels wide."""
    spacing = 12
    for columns in range(min(most, len(groups)), 1, -1):
        need = 0
        for column in range(columns):
            members = groups[column::columns]
            for part in range(len(groups[0])):
                need += max(m[part].minimumSizeHint().width() for m in members) + spacing
        if need <= room:
            return columns
    return 1


def _flow(box: QWidget, groups: Sequence[tuple[QWidget, ...]], columns: int) -> None:
    """Lay ``groups`` (a label and its field, or one widget) out ``columns`` to a row."""
    grid = box.layout()
    assert isinstance(grid, QGridLayout)
    while grid.count():
        grid.takeAt(0)
    width = max(len(group) for group in groups)
    for index, group in enumerate(groups):
        for offset, widget in enumerate(group):
            grid.addWidget(widget, index // columns, (index % columns) * width + offset)
    for column in range(8 * width):
        last = column % width == width - 1
        grid.setColumnStretch(column, 1 if last and column < columns * width else 0)


def _describe(tally: Tally, vocabulary: Vocabulary, language: str) -> list[ChartData]:
    return describe_charts(tally, vocabulary, language)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


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


def previous_working_moment(now: datetime) -> datetime:
    """The same local time on the working day (Monday-Friday) before ``now``."""
    moment = to_local(now) - timedelta(days=1)
    while moment.weekday() >= 5:
        moment -= timedelta(days=1)
    return moment


def is_silent(last_push: datetime, now: datetime) -> bool:
    """Whether a desk last heard from at ``last_push`` has been silent for more than a
    working day at ``now`` (a weekend does not count)."""
    return to_local(last_push) < previous_working_moment(now)


class TeamView(QWidget):
    """A top-level window a team leader opens from the counter (Ctrl+L); Escape closes it and
    returns to the window it was opened from."""

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
        self.setWindowTitle(self.tr("Skranke – ledelsesinformation"))
        room = self.screen().availableGeometry()  # at 200 % a laptop screen is small
        self.resize(min(1200, room.width() * 19 // 20), min(860, room.height() * 9 // 10))
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
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.activated.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_choices())
        self.busy = QProgressBar()
        self.busy.setObjectName("teamBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        layout.addWidget(self.busy)
        self.figures = QLabel()
        self.figures.setObjectName("keyFigures")
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName(self.tr("Nøgletal"))
        layout.addWidget(self.figures)
        layout.addWidget(self._build_tabs(), 1)
        layout.addLayout(self._build_what_if())
        bottom = QHBoxLayout()  # one menu for the exports: the charts keep the room
        bottom.addWidget(self._build_exports())
        self.status = QLabel()
        self.status.setObjectName("teamStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        layout.addLayout(bottom)
        self._built = True
        self._flow_choices()
        self.refresh()

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
        super().closeEvent(event)
        if self._opener is not None and self._opener.isVisible():
            self._opener.activateWindow()
            self._opener.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._built:
            self._flow_choices()

    # ---- building -----------------------------------------------------------------------

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)  # long names are shown in the open list
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self.refresh)
        return combo

    def _build_choices(self) -> QWidget:
        labels = [
            self.tr("I dag"), self.tr("Denne uge"), self.tr("Sidste uge"),
            self.tr("Denne måned"), self.tr("Sidste måned"), self.tr("I år"),
            self.tr("Vælg datoer"),
        ]  # fmt: skip
        self.period_combo = self._combo("periodCombo", list(zip(labels, PERIODS, strict=True)))
        self.period_combo.setAccessibleName(self.tr("Periode"))
        self.period_combo.setCurrentIndex(PERIODS.index("month"))
        self.first_edit, self.last_edit = QDateEdit(), QDateEdit()
        locale = (
            QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
            if self.language == "en"
            else QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
        )
        for edit, name in ((self.first_edit, "firstDate"), (self.last_edit, "lastDate")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setLocale(locale)
            edit.calendarWidget().setLocale(locale)  # its month and weekday names
            edit.calendarWidget().setFirstDayOfWeek(locale.firstDayOfWeek())  # Monday
            edit.setDisplayFormat(locale.dateFormat(QLocale.FormatType.ShortFormat))
            edit.dateChanged.connect(self.refresh)
        self._show_period(Period.month(local_today()))
        self.first_edit.setAccessibleName(self.tr("Fra dato"))
        self.last_edit.setAccessibleName(self.tr("Til dato"))
        every = self.tr("Alle")
        v, lang = self.vocabulary, self.language
        self.desk_combo = self._combo(
            "deskFilter", [(every, None)]
        )  # the desks arrive with the first count: reading them scans the contacts
        self.centre_combo = self._combo("centreFilter", [(every, None)])
        self.channel_combo = self._combo(
            "channelFilter", [(every, None)] + [(c.label(lang), c.id) for c in v.channels]
        )
        self.area_combo = self._combo(
            "areaFilter", [(every, None)] + [(a.label(lang), a.id) for a in v.visible_areas]
        )
        self.outcome_combo = self._combo(
            "outcomeFilter", [(every, None)] + [(o.label(lang), o.id) for o in v.outcomes]
        )
        pairs = [
            (self.tr("Periode:"), self.period_combo),
            (self.tr("Fra:"), self.first_edit),
            (self.tr("Til:"), self.last_edit),
            (self.tr("Afdeling:"), self.centre_combo),
            (self.tr("Skranke:"), self.desk_combo),
            (self.tr("Kanal:"), self.channel_combo),
            (self.tr("Område:"), self.area_combo),
            (self.tr("Udfald:"), self.outcome_combo),
        ]
        self._pairs: list[tuple[QWidget, ...]] = []
        for text, widget in pairs:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(widget.accessibleName() or text.rstrip(":"))
            self._pairs.append((label, widget))
        self._columns = self._pairs_shown = 0
        self.choices_box = _reflowing()
        return self.choices_box

    def _flow_choices(self) -> None:
        """As many label-and-field pairs side by side as the width has room for (at 200 %
        a 1920-pixel screen is 960 wide); the centre filter only where desks have pushed."""
        centres = self.centre_combo.count() > 1
        shown = [pair for pair in self._pairs if pair[1] is not self.centre_combo or centres]
        room = self.width() - 24
        columns = _columns_that_fit(shown, room, 4)
        if (columns, len(shown)) == (self._columns, self._pairs_shown):
            return
        self._columns, self._pairs_shown = columns, len(shown)
        self.centre_combo.setVisible(centres)
        self._pairs[3][0].setVisible(centres)
        _flow(self.choices_box, shown, columns)

    def _build_tabs(self) -> QTabWidget:
        """The charts, and the desks heard from (a tab only on a database desks push to)."""
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teamTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_charts(), self.tr("Grafer"))
        self.tabs.addTab(self._build_heard(), self.tr("Skranker"))
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

    def _build_heard(self) -> QTableWidget:
        """One row per desk that has pushed to this database: when it was last heard from."""
        headers = [
            self.tr("Skranke"), self.tr("Afdeling"), self.tr("Kommune"),
            self.tr("Sidst hørt fra"), self.tr("Sidste sekvens"), self.tr("Version"),
        ]  # fmt: skip
        table = QTableWidget(0, len(headers))
        table.setObjectName("heardTable")
        table.setAccessibleName(self.tr("Sidst hørt fra"))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # "for 3 min. siden"
        self.heard_table = table
        return table

    def _build_what_if(self) -> QVBoxLayout:
        """ "Moving X % of area Y's in-person transactions to self-service saves Z kr. a year":
        the choices on one line, the answer on the next (it is a sentence of its own)."""
        row = QHBoxLayout()
        self.what_if_share = QSpinBox()
        self.what_if_share.setObjectName("whatIfShare")
        self.what_if_share.setAccessibleName(self.tr("Andel der flyttes til selvbetjening"))
        self.what_if_share.setRange(0, 100)
        self.what_if_share.setSuffix(percent_suffix(self.language))
        self.what_if_share.setValue(25)
        self.what_if_area = QComboBox()
        self.what_if_area.setObjectName("whatIfArea")
        self.what_if_area.setAccessibleName(self.tr("Sagsområde for beregningen"))
        for area in self.vocabulary.visible_areas:
            self.what_if_area.addItem(area.label(self.language), area.id)
        self.what_if_result = QLabel()
        self.what_if_result.setObjectName("whatIfResult")
        self.what_if_result.setWordWrap(True)
        self.what_if_share.valueChanged.connect(self._update_what_if)
        self.what_if_area.currentIndexChanged.connect(self._update_what_if)
        row.addWidget(QLabel(self.tr("Hvis")))
        row.addWidget(self.what_if_share)
        row.addWidget(QLabel(self.tr("af de personlige sagsbehandlinger om")))
        row.addWidget(self.what_if_area)
        row.addWidget(QLabel(self.tr("flyttes til selvbetjening:")))
        row.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(self.what_if_result)
        return column

    @Slot()
    def _update_what_if(self) -> None:
        if self.loaded is None:
            return
        try:
            estimate = what_if_moving(
                self.loaded.tally,
                self.what_if_area.currentData(),
                Decimal(self.what_if_share.value()),
                self.price_table,
                self.vocabulary,
            )
        except SkrankeError as error:
            self.what_if_result.setText(error_text(error))
            return
        lang = self.language
        self.what_if_result.setText(
            self.tr(
                "<b>ca. {amount} om året</b> ({moved} af {yearly} om året, "
                "{saved} sparet pr. henvendelse; kanalpriser {year})"
            ).format(
                amount=format_money(estimate.saving_per_year, 0, lang),
                moved=format_number(estimate.moved_per_year, 0, lang),
                yearly=format_number(estimate.yearly_transactions, 0, lang),
                saved=format_money(estimate.in_person_price - estimate.self_service_price, 0, lang),
                year=self.price_table.year,
            )
        )

    def _build_exports(self) -> QPushButton:
        button = QPushButton(self.tr("&Eksportér …"))
        button.setObjectName("exportMenu")
        menu = QMenu(button)
        self.export_actions: dict[str, QAction] = {}
        for export_format, exporter in EXPORTERS.items():  # labels in both languages there
            action = menu.addAction(exporter.label(self.language) + " …")
            action.setObjectName(f"export_{export_format}")
            action.triggered.connect(lambda _=False, f=export_format: self.ask_and_export(f))
            self.export_actions[export_format] = action
        button.setMenu(menu)
        return button

    # ---- counting -----------------------------------------------------------------------

    def period(self) -> Period:
        return period_for(
            self.period_combo.currentData(),
            local_today(),
            _day(self.first_edit),
            _day(self.last_edit),
        )

    def filters(self) -> Filters:
        def one(combo: QComboBox) -> frozenset[str] | None:
            value = combo.currentData()
            return None if value is None else frozenset({value})

        desks, municipalities = self._desk_filter()
        return Filters(
            desks=desks,
            channels=one(self.channel_combo),
            areas=one(self.area_combo),
            outcomes=one(self.outcome_combo),
            municipalities=municipalities,
        )

    def _desk_filter(self) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        """The desk names and municipalities the desk and centre choices mean. Desks that
        pushed here are chosen by municipality and name (names repeat across
        municipalities), a centre per municipality, so the pair of sets is exact."""
        desk, centre = self.desk_combo.currentData(), self.centre_combo.currentData()
        if desk is None and centre is None:
            return None, None
        if centre is None:
            if _KEY not in desk:  # a desk's own file: its names only
                return frozenset({desk}), None
            code, name = desk.split(_KEY)
            return frozenset({name}), frozenset({code})
        centre_name, code = centre.split(_KEY)
        heard = self.loaded.heard if self.loaded is not None else []
        names = {d.desk for d in heard if d.municipality == code and d.centre == centre_name}
        if desk is not None:
            names &= {desk.split(_KEY)[1]} if desk.startswith(code + _KEY) else set()
        return frozenset(names), frozenset({code})

    def _show_period(self, period: Period) -> None:
        """The date fields show the period counted, whichever way it was chosen."""
        for edit, day in ((self.first_edit, period.first), (self.last_edit, period.last)):
            edit.blockSignals(True)  # showing a preset's dates is no choice of dates
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    @Slot()
    def refresh(self) -> None:
        """Count again shortly (a burst of choices counts once); from now on the results of
        older requests are ignored."""
        self._request(at_once=False)

    def _request(self, *, at_once: bool) -> None:
        if not self._built:
            return
        custom = self.period_combo.currentData() == "custom"
        self.first_edit.setEnabled(custom)
        self.last_edit.setEnabled(custom)
        self._generation += 1
        self._interrupt_superseded()
        try:
            period = self.period()
        except SkrankeError as error:
            self.busy.hide()
            self.status.setText(error_text(error))
            return
        if not custom:
            self._show_period(period)
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
        self._show_desks(loaded)
        tally = loaded.tally
        self.figures.setText(self.figures_text(tally, loaded.cost))
        for widget, chart in zip(self.chart_labels, loaded.charts, strict=True):
            widget.set_chart(chart)
        self.status.setText(
            self.tr("Periode: {label}").format(label=tally.period.label(self.language))
        )
        self._update_what_if()

    def _show_desks(self, loaded: _Loaded) -> None:
        """The desk (and centre) choices and the table of desks heard from."""
        if loaded.heard:
            every = [(f"{d.desk} ({self._municipality_name(d.municipality)})",
                      d.municipality + _KEY + d.desk) for d in loaded.heard]  # fmt: skip
            centres = sorted(
                {(d.centre, d.municipality) for d in loaded.heard if d.centre},
                key=lambda c: (c[0] or "", c[1]),
            )
            named = {c for c, _ in centres}
            self._add_choices(
                self.centre_combo,
                [(c if sum(1 for n, _ in centres if n == c) == 1 and c in named
                  else f"{c} ({self._municipality_name(m)})", f"{c}{_KEY}{m}")
                 for c, m in centres],
            )  # fmt: skip
            self._add_choices(self.desk_combo, every)
            self._fill_heard(loaded.heard)
        else:
            self._add_choices(self.desk_combo, [(d, d) for d in loaded.desks])
        self.tabs.setTabVisible(1, bool(loaded.heard))
        self.tabs.tabBar().setVisible(bool(loaded.heard))
        self._flow_choices()

    def _add_choices(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        known = {combo.itemData(i) for i in range(combo.count())}
        combo.blockSignals(True)  # a new desk in the list is no new choice
        for text, data in items:
            if data not in known:
                combo.addItem(text, data)
        combo.blockSignals(False)

    def _municipality_name(self, code: str) -> str:
        try:
            return municipality(code).name
        except SkrankeError:
            return code

    def _fill_heard(self, heard: list[HeardDesk]) -> None:
        now = utc_now()
        table = self.heard_table
        table.setRowCount(len(heard))
        silent = 0
        for row, desk in enumerate(heard):
            quiet = is_silent(desk.last_push_at, now)
            silent += quiet
            local = to_local(desk.last_push_at)
            when = self.tr("{day} kl. {time} ({ago})").format(
                day=format_numeric_date(local.date(), self.language),
                time=local.strftime("%H:%M"),
                ago=self.ago_text(desk.last_push_at, now),
            )
            if quiet:
                when = self.tr("{when} – stille").format(when=when)
            cells = [
                desk.desk, desk.centre or "", self._municipality_name(desk.municipality), when,
                str(desk.last_sequence), desk.app_version,
            ]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if quiet:
                    item.setForeground(QBrush(SILENT))
                    item.setToolTip(self.tr("Ikke hørt fra i over en arbejdsdag"))
                table.setItem(row, column, item)
        title = (
            self.tr("Skranker ({n}, {silent} stille)").format(n=len(heard), silent=silent)
            if silent
            else self.tr("Skranker ({n})").format(n=len(heard))
        )
        self.tabs.setTabText(1, title)

    def ago_text(self, then: datetime, now: datetime) -> str:
        """How long ago, in the words of the counter: "for 3 min. siden"."""
        seconds = (now - then).total_seconds()
        if seconds < 60:
            return self.tr("lige nu")
        if seconds < 3600:
            return self.tr("for {n} min. siden").format(n=int(seconds // 60))
        if seconds < 86400:
            return self.tr("for {n} t. siden").format(n=int(seconds // 3600))
        days = int(seconds // 86400)
        if days == 1:
            return self.tr("for 1 dag siden")
        return self.tr("for {n} dage siden").format(n=days)

    def figures_text(self, tally: Tally, cost: CostEstimate) -> str:
        lang = self.language
        parts = [
            self.tr("<b>{n}</b> henvendelser").format(n=format_number(tally.total, 0, lang)),
            self.tr("hjælp til selvbetjening <b>{s}</b>").format(
                s=format_percent(tally.assisted_share, 1, lang)
            ),
            self.tr("ekspederet af medarbejder <b>{s}</b>").format(
                s=format_percent(tally.handled_by_staff_share, 1, lang)
            ),
            self.tr("henvist videre <b>{n}</b>").format(n=format_number(tally.referrals, 0, lang)),
            self.handling_time_text(tally),
            self.tr("anslået kanalomkostning <b>{amount}</b>").format(
                amount=format_money(cost.total, 0, lang)
            ),
        ]
        return " · ".join(parts)

    def handling_time_text(self, tally: Tally) -> str:
        """Average and median handling time, saying how many contacts they rest on; none
        when fewer than :data:`MIN_TIMED` contacts were timed."""
        timed = format_number(tally.timed, 0, self.language)
        if tally.timed < MIN_TIMED:
            return self.tr("ekspeditionstid: for få med tid ({timed} af {n})").format(
                timed=timed, n=format_number(tally.total, 0, self.language)
            )
        return self.tr(
            "ekspeditionstid gns. <b>{average}</b>, median <b>{median}</b> (af {timed} med tid)"
        ).format(
            average=format_duration(tally.average_seconds),
            median=format_duration(tally.median_seconds),
            timed=timed,
        )

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
        exporter = EXPORTERS[export_format]
        if exporter.folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Vælg mappe til CSV-filerne"))
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Gem eksport"), f"skranke{exporter.suffix}", f"*{exporter.suffix}"
            )
        if path:
            self.export(export_format, Path(path))

    def export(self, export_format: str, out: Path) -> QProgressDialog:
        """Run an export off the GUI thread with a cancellable progress dialog."""
        request = ExportRequest(
            self.period(), self.filters(), export_format, out, self.municipality_name,
            self.hotline,
        )  # fmt: skip
        dialog = QProgressDialog(self.tr("Eksporterer …"), self.tr("Annullér"), 0, 0, self)
        reporter = _ProgressReporter(dialog)
        dialog.setObjectName("exportProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        state = {"cancelled": False}
        dialog.canceled.connect(lambda: state.update(cancelled=True))
        repository, vocabulary = self.repository, self.vocabulary
        catalog, prices = self.catalog, self.price_table

        def work() -> ExportResult:
            return run_export(
                request, repository, vocabulary, catalog, prices,
                progress=reporter.report, cancelled=lambda: state["cancelled"],
            )  # fmt: skip

        def done(result: ExportResult) -> None:
            dialog.reset()
            self.status.setText(
                self.tr("Eksporteret {n} henvendelser til {path}").format(
                    n=format_number(result.contacts, 0, self.language), path=result.paths[0]
                )
            )

        def failed(error: BaseException) -> None:
            dialog.reset()
            self._failed(error)

        run_task(work, done, failed)
        return dialog
