"""The team leader's view: a period and filters, key figures, charts, and exports.

Counting and drawing run off the GUI thread (a year of contacts takes a moment); a newer
choice wins over an older one, whose charts are not drawn; exports show progress and can be
cancelled. Numbers and dates are written by :mod:`skranke.formatting` (and ``QLocale`` in the
date fields), charts are drawn at the size and pixel ratio they are shown at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QPixmap, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from database.exporting import EXPORTERS, ExportRequest, ExportResult, run_export
from database.reports import tally_in_database
from database.repository import ContactRepository
from skranke.catalog import Catalog
from skranke.charts import Chart, render_charts
from skranke.clock import local_today
from skranke.costs import CostEstimate, PriceTable, estimate_cost, what_if_moving
from skranke.errors import SkrankeError
from skranke.formatting import (
    format_duration,
    format_money,
    format_number,
    format_percent,
    percent_suffix,
)
from skranke.report import Filters, Period, Tally
from skranke.vocabulary import Vocabulary
from ui.messages import error_text
from ui.tasks import run_task

PERIODS = ("today", "week", "last_week", "month", "last_month", "year", "custom")
MIN_TIMED = 10  # fewer contacts with a handling time than this give no average or median
SCREEN_DPI = 96  # matplotlib inches ↔ logical pixels


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


class ChartLabel(QLabel):
    """Shows a chart pixel for pixel when it was drawn at the label's size (the team view
    redraws it after a resize), scaled to fit and keeping its proportions until then."""

    def __init__(self) -> None:
        super().__init__()
        self._original = QPixmap()

    def set_chart(self, png: bytes) -> None:
        self._original.loadFromData(png, "PNG")
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._original.isNull():
            return
        ratio = self.devicePixelRatioF()
        room = self.contentsRect().size() * ratio
        if self._original.size() == room:
            shown = QPixmap(self._original)
        else:
            shown = self._original.scaled(
                room,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        shown.setDevicePixelRatio(ratio)
        self.setPixmap(shown)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _draw(
    tally: Tally, vocabulary: Vocabulary, language: str, size: tuple[float, float, int]
) -> list[Chart]:
    width, height, dpi = size
    return render_charts(
        tally, vocabulary, dpi=dpi, language=language, width_in=width, height_in=height
    )


@dataclass(frozen=True)
class _Loaded:
    tally: Tally
    cost: CostEstimate
    charts: list[Chart]
    desks: list[str]


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
        self.loaded: _Loaded | None = None
        self._generation = 0
        self._drawn_size: tuple[float, float, int] | None = None  # of the charts shown
        self._opener: QWidget | None = None
        self._built = False
        self._count_timer = self._single_shot(120, self._count)  # a burst of choices counts once
        self._redraw_timer = self._single_shot(250, self._redraw_charts)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.activated.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_choices())
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
        layout.addWidget(self._build_charts(), 1)
        layout.addLayout(self._build_what_if())
        layout.addLayout(self._build_exports())
        self.status = QLabel()
        self.status.setObjectName("teamStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._built = True
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
        self._redraw_timer.start()  # the charts' final size is known once shown

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if self._opener is not None and self._opener.isVisible():
            self._opener.activateWindow()
            self._opener.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._built:
            self._redraw_timer.start()

    # ---- building -----------------------------------------------------------------------

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self.refresh)
        return combo

    def _build_choices(self) -> QGridLayout:
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
        self.channel_combo = self._combo(
            "channelFilter", [(every, None)] + [(c.label(lang), c.id) for c in v.channels]
        )
        self.area_combo = self._combo(
            "areaFilter", [(every, None)] + [(a.label(lang), a.id) for a in v.visible_areas]
        )
        self.outcome_combo = self._combo(
            "outcomeFilter", [(every, None)] + [(o.label(lang), o.id) for o in v.outcomes]
        )
        grid = QGridLayout()
        pairs = [
            (self.tr("Periode:"), self.period_combo),
            (self.tr("Fra:"), self.first_edit),
            (self.tr("Til:"), self.last_edit),
            (self.tr("Skranke:"), self.desk_combo),
            (self.tr("Kanal:"), self.channel_combo),
            (self.tr("Område:"), self.area_combo),
            (self.tr("Udfald:"), self.outcome_combo),
        ]
        for index, (text, widget) in enumerate(pairs):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(widget.accessibleName() or text.rstrip(":"))
            grid.addWidget(label, index // 4, (index % 4) * 2)
            grid.addWidget(widget, index // 4, (index % 4) * 2 + 1)
        return grid

    def _build_charts(self) -> QScrollArea:
        holder = QWidget()
        grid = QGridLayout(holder)
        self.chart_labels: list[ChartLabel] = []
        for index in range(4):
            label = ChartLabel()
            label.setObjectName(f"chart{index}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            label.setMinimumSize(300, 220)
            label.setScaledContents(False)
            grid.addWidget(label, index // 2, index % 2)
            self.chart_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return scroll

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

    def _build_exports(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for export_format, exporter in EXPORTERS.items():  # labels in both languages there
            text = exporter.label(self.language) + " …"
            button = QPushButton(text)
            button.setObjectName(f"export_{export_format}")
            button.setAccessibleName(self.tr("Eksportér som {text}").format(text=text))
            button.clicked.connect(lambda _=False, f=export_format: self.ask_and_export(f))
            row.addWidget(button)
            self.export_buttons[export_format] = button
        row.addStretch(1)
        return row

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

        return Filters(
            desks=one(self.desk_combo),
            channels=one(self.channel_combo),
            areas=one(self.area_combo),
            outcomes=one(self.outcome_combo),
        )

    def _show_period(self, period: Period) -> None:
        """The date fields show the period counted, whichever way it was chosen."""
        for edit, day in ((self.first_edit, period.first), (self.last_edit, period.last)):
            edit.blockSignals(True)  # showing a preset's dates is no choice of dates
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    @Slot()
    def refresh(self) -> None:
        """Count again shortly; from now on the results of older requests are ignored."""
        if not self._built:
            return
        custom = self.period_combo.currentData() == "custom"
        self.first_edit.setEnabled(custom)
        self.last_edit.setEnabled(custom)
        self._generation += 1
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
        self._count_timer.start()

    @Slot()
    def _count(self) -> None:
        """Count and draw off the GUI thread; a request that is no longer the newest stops
        after counting and draws nothing."""
        try:
            period, filters = self.period(), self.filters()
        except SkrankeError as error:
            self.status.setText(error_text(error))
            return
        generation, size, language = self._generation, self._chart_size(), self.language
        repository, vocabulary, prices = self.repository, self.vocabulary, self.price_table

        def work() -> _Loaded | None:
            tally = tally_in_database(repository, period, filters)
            if generation != self._generation:  # superseded while counting
                return None
            cost = estimate_cost(tally, prices, vocabulary)
            charts = _draw(tally, vocabulary, language, size)
            return _Loaded(tally, cost, charts, repository.desks())

        run_task(
            work,
            lambda loaded: self._shown(generation, loaded, size),
            lambda error: self._count_failed(generation, error),
        )

    def _chart_size(self) -> tuple[float, float, int]:
        """Width and height (inches) and dots per inch that fill a chart's place exactly."""
        label = self.chart_labels[0]
        room = label.contentsRect().size() if label.isVisible() else None
        width, height = (room.width(), room.height()) if room else (560, 290)
        dpi = round(SCREEN_DPI * label.devicePixelRatioF())
        return max(width, 200) / SCREEN_DPI, max(height, 150) / SCREEN_DPI, dpi

    @Slot()
    def _redraw_charts(self) -> None:
        """Draw the shown tally again when the charts' places have changed size."""
        size = self._chart_size()
        if self.loaded is None or not self.isVisible() or size == self._drawn_size:
            return
        tally, vocabulary, language = self.loaded.tally, self.vocabulary, self.language
        generation = self._generation

        def done(charts: list[Chart]) -> None:
            if self._wants(generation) and size == self._chart_size():
                self._show_charts(charts, size)

        run_task(
            lambda: _draw(tally, vocabulary, language, size),
            done,
            lambda error: self._count_failed(generation, error),
        )

    def _shown(
        self, generation: int, loaded: _Loaded | None, size: tuple[float, float, int]
    ) -> None:
        if loaded is None or not self._wants(generation):
            return
        self.loaded = loaded
        self.busy.hide()
        known = {self.desk_combo.itemData(i) for i in range(self.desk_combo.count())}
        self.desk_combo.blockSignals(True)  # a new desk in the list is no new choice
        for desk in loaded.desks:
            if desk not in known:
                self.desk_combo.addItem(desk, desk)
        self.desk_combo.blockSignals(False)
        tally = loaded.tally
        self.figures.setText(self.figures_text(tally, loaded.cost))
        self._show_charts(loaded.charts, size)
        self.status.setText(
            self.tr("Periode: {label}").format(label=tally.period.label(self.language))
        )
        self._update_what_if()
        self._redraw_timer.start()  # in case the window was resized while counting

    def _show_charts(self, charts: list[Chart], size: tuple[float, float, int]) -> None:
        self._drawn_size = size
        for label, chart in zip(self.chart_labels, charts, strict=True):
            label.set_chart(chart.png)
            label.setAccessibleName(chart.title)
            label.setToolTip(chart.title)

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
            self.period(), self.filters(), export_format, out, self.municipality_name
        )
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
