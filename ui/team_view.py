"""The team leader's view: a period and filters, key figures, charts, and exports.

Counting and drawing run off the GUI thread (a year of contacts takes a moment); exports
show progress and can be cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, Signal, Slot
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
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
from skranke.report import Filters, Period, Tally
from skranke.vocabulary import Vocabulary
from ui.messages import error_text
from ui.tasks import run_task

PERIODS = ("today", "week", "last_week", "month", "last_month", "year", "custom")


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
    """Shows a chart scaled to fit, keeping its proportions, however the window is sized."""

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
        if not self._original.isNull():
            self.setPixmap(
                self._original.scaled(
                    self.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )


@dataclass(frozen=True)
class _Loaded:
    tally: Tally
    cost: CostEstimate
    charts: list[Chart]
    desks: list[str]


class TeamView(QWidget):
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
        self.resize(1200, 860)
        self.repository = repository
        self.vocabulary = vocabulary
        self.catalog = catalog
        self.price_table = price_table
        self.municipality_name = municipality_name
        self.loaded: _Loaded | None = None
        self._generation = 0
        self._built = False
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
        today = local_today()
        self.first_edit = QDateEdit(QDate(today.year, today.month, 1))
        self.last_edit = QDateEdit(QDate(today.year, today.month, today.day))
        for edit, name in ((self.first_edit, "firstDate"), (self.last_edit, "lastDate")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d.M.yyyy")
            edit.dateChanged.connect(self.refresh)
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

    def _build_what_if(self) -> QHBoxLayout:
        """ "Moving X % of area Y's in-person transactions to self-service saves Z kr. a year"."""
        row = QHBoxLayout()
        self.what_if_share = QSpinBox()
        self.what_if_share.setObjectName("whatIfShare")
        self.what_if_share.setAccessibleName(self.tr("Andel der flyttes til selvbetjening"))
        self.what_if_share.setRange(0, 100)
        self.what_if_share.setSuffix(" %")
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
        row.addWidget(self.what_if_result, 1)
        return row

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
        amount = f"{estimate.saving_per_year:,.0f}".replace(",", ".")
        moved = f"{estimate.moved_per_year:,.0f}".replace(",", ".")
        self.what_if_result.setText(
            self.tr(
                "<b>ca. {amount} kr. om året</b> ({moved} af {yearly} om året, "
                "{saved} kr. sparet pr. henvendelse; kanalpriser {year})"
            ).format(
                amount=amount,
                moved=moved,
                yearly=estimate.yearly_transactions,
                saved=estimate.in_person_price - estimate.self_service_price,
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
            self.first_edit.date().toPython(),
            self.last_edit.date().toPython(),
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

    @Slot()
    def refresh(self) -> None:
        """Count and draw off the GUI thread; a newer request wins over an older one."""
        if not self._built:
            return
        custom = self.period_combo.currentData() == "custom"
        self.first_edit.setEnabled(custom)
        self.last_edit.setEnabled(custom)
        try:
            period, filters = self.period(), self.filters()
        except SkrankeError as error:
            self.status.setText(error_text(error))
            return
        self._generation += 1
        generation = self._generation
        self.busy.show()
        self.status.setText(self.tr("Tæller {label} …").format(label=period.label()))
        repository, vocabulary, prices = self.repository, self.vocabulary, self.price_table

        def work() -> _Loaded:
            tally = tally_in_database(repository, period, filters)
            cost = estimate_cost(tally, prices, vocabulary)
            charts = render_charts(tally, vocabulary, dpi=96)
            return _Loaded(tally, cost, charts, repository.desks())

        run_task(work, lambda loaded: self._shown(generation, loaded), self._failed)

    def _shown(self, generation: int, loaded: _Loaded) -> None:
        if generation != self._generation:
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
        for label, chart in zip(self.chart_labels, loaded.charts, strict=True):
            label.set_chart(chart.png)
            label.setAccessibleName(chart.title)
            label.setToolTip(chart.title)
        self.status.setText(self.tr("Periode: {label}").format(label=tally.period.label()))
        self._update_what_if()

    def figures_text(self, tally: Tally, cost: CostEstimate) -> str:
        def share(value: float | None) -> str:
            return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")

        def seconds(value: float | None) -> str:
            if value is None:
                return "–"
            minutes, secs = divmod(round(value), 60)
            return f"{minutes}:{secs:02d}"

        amount = f"{cost.total:,.0f}".replace(",", ".")
        parts = [
            self.tr("<b>{n}</b> henvendelser").format(n=f"{tally.total:,}".replace(",", ".")),
            self.tr("hjælp til selvbetjening <b>{s}</b>").format(s=share(tally.assisted_share)),
            self.tr("ekspederet af medarbejder <b>{s}</b>").format(
                s=share(tally.handled_by_staff_share)
            ),
            self.tr("henvist videre <b>{n}</b>").format(n=tally.referrals),
            self.tr("ekspeditionstid gns. <b>{a}</b>, median <b>{m}</b>").format(
                a=seconds(tally.average_seconds), m=seconds(tally.median_seconds)
            ),
            self.tr("anslået kanalomkostning <b>{kr} kr.</b>").format(kr=amount),
        ]
        return " · ".join(parts)

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
                    n=result.contacts, path=result.paths[0]
                )
            )

        def failed(error: BaseException) -> None:
            dialog.reset()
            self._failed(error)

        run_task(work, done, failed)
        return dialog
