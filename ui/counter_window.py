"""The counter window: staff log each contact in one or two actions.

The common case: the channel stays as it was, staff click (or press the number of) the area
tile, and the contact is logged with the outcome and details shown above the tiles. Changing
the outcome first makes it two actions. A favourite (F1-F8) logs a pinned combination with one
key. "Antal" logs a batch ("+5 phone calls about MitID"). Ctrl+Z undoes the last contact.

The window wires its panels (``ui/counter``) to the core objects that hold the rules: the
form (``skranke.form``), the favourites (``skranke.favourites``) and the tile order
(``skranke.tiles``). The keyboard always finds its way back to the counter: after a QR code
is shown, and with Escape from the search or today's list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# No ``Qt`` (the enum namespace) here: its first use costs ~40 ms, so the path to the first
# paint names enum values as strings (Qt's property system reads them) or after the paint.
from PySide6.QtCore import QSettings, QSize, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QMainWindow,
    QTabWidget,
    QWidget,
)

from skranke.contact import Contact
from skranke.errors import SkrankeError
from skranke.form import ContactForm
from skranke.municipalities import municipality
from skranke.stopwatch import Stopwatch
from skranke.vocabulary import Vocabulary
from ui.counter.form_panels import ChannelRow, OutcomeBox
from ui.counter.keyboard import CounterKeyboard
from ui.counter.layout import CounterLayout
from ui.counter.solutions_hookup import SolutionsHookup
from ui.counter.tally_strip import TallyStrip
from ui.counter.team_hookup import TeamViewHookup
from ui.counter.tiles_favourites import TilesAndFavourites
from ui.counter.tiles_panel import TilesPanel
from ui.counter.writes import CounterWrites, error_text
from ui.screen_fit import fit_to_screen
from ui.settings_store import QtSettingsStore
from ui.tasks import run_task

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QCloseEvent, QKeyEvent, QPaintEvent

    # The database layer (and SQLAlchemy) load after the window is shown; the panels beside
    # and below the tiles, the catalogue and the search load just after its first paint
    # (``CounterWindow._build_rest``); reportlab when a sheet is first printed.
    from database.counter import CounterDesk
    from skranke.catalog import Catalog
    from skranke.tally import DayTally
    from ui.counter.desk_start import DeskStart
    from ui.counter.details_box import DetailsBox
    from ui.counter.favourites_panel import FavouritesPanel
    from ui.counter.recent_panel import RecentPanel
    from ui.sheet_dialog import PrinterFactory
    from ui.solution_panel import SolutionPanel

CLOSE_WAIT_MS = 10_000  # at close, queued writes get this long to reach the database


class CounterWindow(QMainWindow):
    """The main window of the counter.

    It is shown before the database is open (importing SQLAlchemy and opening the file take
    longer than building the window); ``attach`` hands it the desk once that is done, and the
    tiles, today's list and the tally appear. Every logging key is taken, also before that:
    ``writes`` (``ui.counter.writes``) queues it with the form as it was and stores it on the
    desk's worker thread, in order; the form is ready for the next contact at once.

    With ``staged=True`` (the program's start-up) the first paint has the channel row, the
    outcome, the tile grid and the tally strip; the details, the favourites, today's list and
    the solution search are built on the next turns of the event loop (``_build_rest``).
    Anything that needs one of them sooner (a letter typed into the search, ``attach``, a
    test) builds them at once: a key typed during start-up is never lost.

    The window's parts: ``writes`` (log, undo, void), ``keyboard`` (shortcuts and focus),
    ``favourites`` (tile order and F-key favourites) and ``solutions`` (search, citizen
    screen, sheets), each in ``ui/counter``.

    Signals:
        firstPainted(): the window's first paint is done (the next turn of the event loop).
    """

    firstPainted = Signal()  # noqa: N815

    # Built after the first paint (``_build_rest``); reached through the properties.
    _details_box: DetailsBox | None = None
    _favourites_panel: FavouritesPanel | None = None
    _recent_panel: RecentPanel | None = None
    _solution_panel: SolutionPanel | None = None
    _start: DeskStart | None = None  # what ``attach`` read, until the panels show it

    def __init__(
        self,
        vocabulary: Vocabulary,
        store: QtSettingsStore,
        *,
        desk_name: str,
        municipality_code: str,
        desk: CounterDesk | None = None,
        catalog: Catalog | None = None,
        stopwatch: Stopwatch | None = None,
        staged: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("counterWindow")
        self.desk: CounterDesk | None = None
        self.vocabulary = vocabulary
        self.store = store  # read at the moment a value is needed: never a stale copy
        self.municipality_code = municipality_code
        self.language = store.current.language
        self.printer_factory: PrinterFactory | None = None  # None: the system's printers
        self.stopwatch = stopwatch or Stopwatch()
        self.form = ContactForm(vocabulary)
        self._day: date | None = None  # the day today's list shows (``attach``)

        # Qt adds the application's name ("— Skranke") to the title itself.
        place = municipality(municipality_code).official_name
        self.setWindowTitle(
            self.tr("{desk} · {municipality}").format(desk=desk_name, municipality=place)
        )
        fit_to_screen(self, QSize(1366, 860), saved="counterWindow/geometry")  # 200 %: 960×540

        # What the first paint shows; the rest follows in ``_build_rest``.
        language = self.language
        self.channel_row = ChannelRow(self.form, language)
        self.outcome_box = OutcomeBox(self.form, language)
        self.tiles_panel = TilesPanel(language)
        self.tally_strip = TallyStrip(vocabulary, language)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self._staged = staged
        self._painted = False
        layout = CounterLayout(self)
        self.error_banner, self.hotline_panel = layout.error_banner, layout.hotline_panel
        self._left = layout.left  # the details and the favourites join it in _build_rest
        self.central = layout.central  # the start of the Tab order: a click on an empty spot
        self.setCentralWidget(layout.central)
        self.writes = CounterWrites(self)
        self.worker = self.writes.worker  # the desk's writes, in order, off the GUI thread
        self.favourites = TilesAndFavourites(self)
        self.solutions = SolutionsHookup(self, catalog)
        self.team = TeamViewHookup(self)
        self.keyboard = CounterKeyboard(self)
        self.keyboard.build_shortcuts(undo_text=self.tr("Fortryd seneste"))
        self._connect()

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start()

        self.stopwatch.reset()
        self._update_timer_label()
        self.statusBar().showMessage(self.tr("Åbner databasen …"))
        if not staged:
            self._build_rest()
        if desk is not None:
            self.attach(desk)

    def _connect(self) -> None:
        self.channel_row.edited.connect(self.on_form_edited)
        self.channel_row.newCitizen.connect(self.start_new_citizen)
        self.outcome_box.edited.connect(self.on_form_edited)
        self.tiles_panel.areaChosen.connect(self.writes.log_area)
        self.tiles_panel.sortByUseRequested.connect(self.favourites.sort_by_use)
        self.tally_strip.teamViewRequested.connect(self.team.open)
        self.store.changed.connect(self.favourites.on_setting_changed)

    # ---- the panels built after the first paint ------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # A zero timer started before show() would run before the first paint (Qt sends
            # posted events before the window system's expose); this one runs after it.
            QTimer.singleShot(0, self._after_first_paint)

    @Slot()
    def _after_first_paint(self) -> None:
        self.firstPainted.emit()
        if self._staged:
            self._build_rest()

    @Slot()
    def _build_rest(self) -> None:
        """The details, the favourites, today's list and the solution search. Runs once, on
        the event loop's first turn after the window is shown (staged), or at once when
        something needs one of these panels sooner."""
        if self._solution_panel is not None:
            return
        from ui.counter.details_box import DetailsBox  # noqa: PLC0415
        from ui.counter.favourites_panel import FavouritesPanel  # noqa: PLC0415
        from ui.counter.recent_panel import RecentPanel  # noqa: PLC0415
        from ui.counter.tab_order import TabOrder  # noqa: PLC0415
        from ui.solution_panel import SolutionPanel  # noqa: PLC0415

        language = self.language
        details = self._details_box = DetailsBox(self.form, language)
        self._left.insertWidget(self._left.indexOf(self.tiles_panel), details)
        details.edited.connect(self.on_form_edited)
        favourites = self._favourites_panel = FavouritesPanel(self.vocabulary, language)
        self._left.addWidget(favourites)
        favourites.favouriteChosen.connect(self.writes.log_favourite)
        favourites.pinRequested.connect(self.favourites.pin_last)
        favourites.removeRequested.connect(self.favourites.remove)
        recent = self._recent_panel = RecentPanel(
            self.vocabulary, language, callers=self.hotline_panel is not None
        )
        recent.undoRequested.connect(self.writes.undo)
        recent.voidRequested.connect(self.writes.void)
        recent.pinRequested.connect(self.favourites.pin_last)
        solutions = self._solution_panel = SolutionPanel(self.solutions.index(), language)
        solutions.solutionChosen.connect(self.solutions.show_to_citizen)
        solutions.print_button.clicked.connect(self.solutions.open_sheet)
        self.side_tabs.addTab(recent, self.tr("I dag"))
        self.side_tabs.addTab(solutions, self.tr("Selvbetjening (Ctrl+F)"))
        self.favourites.show_favourites()
        self.solutions.update_handouts_label()
        solutions.display(None)
        TabOrder(self)  # Tab follows the work: channel, outcome, details, tiles, …
        self._fill_from_start()  # attached before the panels were built

    @property
    def details_box(self) -> DetailsBox:
        self._build_rest()
        assert self._details_box is not None
        return self._details_box

    @property
    def favourites_panel(self) -> FavouritesPanel:
        self._build_rest()
        assert self._favourites_panel is not None
        return self._favourites_panel

    @property
    def recent_panel(self) -> RecentPanel:
        self._build_rest()
        assert self._recent_panel is not None
        return self._recent_panel

    @property
    def solution_panel(self) -> SolutionPanel:
        self._build_rest()
        assert self._solution_panel is not None
        return self._solution_panel

    @property
    def built_solution_panel(self) -> SolutionPanel | None:
        """The solution search if it is built yet (None: it will be, on the next turn)."""
        return self._solution_panel

    def attach(self, desk: CounterDesk, start: DeskStart | None = None) -> None:
        """The database is open: show the tiles (in the fixed order), today's list and tally.

        The program reads ``start`` on the worker that opened the database
        (``ui.counter.desk_start.read_start``); without it, it is read here."""
        from ui.counter.desk_start import read_start  # noqa: PLC0415

        self.desk = desk
        start = start or read_start(desk)
        self._day = start.day
        self.tiles_panel.set_areas(self.favourites.tile_order(start.by_use))
        self._start = start
        if self._solution_panel is not None:  # else _build_rest fills them in
            self._fill_from_start()
        self.statusBar().showMessage(
            self.tr("Klar. Klik på et sagsområde (eller tast dets nummer) for at registrere.")
        )
        self.writes.attach(desk)  # keys typed while the database opened are stored now

    def _fill_from_start(self) -> None:
        start, self._start = self._start, None
        if start is None:
            return
        self.solution_panel.set_usage(start.solution_usage)
        self.recent_panel.model.reset(start.today)
        if start.problem is not None:
            self.show_banner(error_text(start.problem))
        self.show_tally(start.tally)

    def ready(self) -> CounterDesk | None:
        """The desk for a read; None (and it says why) while the database opens."""
        if self.desk is None:
            self.statusBar().showMessage(self.tr("Vent et øjeblik: databasen åbnes."), 3000)
        return self.desk

    def show_banner(self, text: str) -> None:
        self.error_banner.setText(text)
        self.error_banner.show()

    def read_failed(self, error: BaseException) -> None:
        if isinstance(error, SkrankeError):
            self.show_banner(error_text(error))
        else:
            self.unexpected(error)

    def unexpected(self, error: BaseException) -> None:
        import sys  # noqa: PLC0415
        import traceback  # noqa: PLC0415 - only for a bug; keeps start-up short

        traceback.print_exception(error, file=sys.stderr)
        self.show_banner(
            self.tr("Uventet fejl – intet er ændret ved denne handling: {error}").format(
                error=error
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing a letter anywhere starts a search (digits stay the tile keys)."""
        if not self.keyboard.letter_typed(event):
            super().keyPressEvent(event)

    # ---- the form -------------------------------------------------------------------------

    def reset_form(self) -> None:
        """Back to the common case. The channel stays: phone staff stay on the phone."""
        self.form.reset()
        if self.hotline_panel is not None:  # the caller's municipality belongs to the call
            self.hotline_panel.clear()
        self._show_form()
        self.solutions.clear_citizen_screen()
        self.solution_panel.display(None)
        self.stopwatch.reset()
        self._update_timer_label()

    def _show_form(self) -> None:
        self.channel_row.refresh()
        self.outcome_box.refresh()
        self.details_box.refresh()
        self.solutions.update_handouts_label()

    @Slot()
    def on_form_edited(self) -> None:
        # Choosing anything for a contact means one is in progress: start its clock.
        self.stopwatch.start_if_idle()
        self._update_timer_label()
        self._show_form()

    @Slot()
    def start_new_citizen(self) -> None:
        self.stopwatch.start()
        self._update_timer_label()
        self.statusBar().showMessage(self.tr("Ny borger: tiden kører."), 4000)

    def _update_timer_label(self) -> None:
        self.channel_row.show_time(self.stopwatch.elapsed_seconds())

    @Slot()
    def _tick(self) -> None:
        self._update_timer_label()
        desk = self.desk
        if desk is not None and desk.today() != self._day:  # past midnight: a new, empty day
            self._day = desk.today()
            run_task(
                lambda: (desk.today_contacts(), desk.today_tally()),
                self._new_day,
                self.read_failed,
            )

    def _new_day(self, today: tuple[list[Contact], DayTally]) -> None:
        contacts, tally = today
        self.recent_panel.model.reset(contacts)
        self.show_tally(tally)

    # ---- today's figures and the team leader's view ---------------------------------------

    def show_tally(self, tally: DayTally | None) -> None:
        if tally is not None:  # None: the figures could not be read just now; keep the last
            self.tally_strip.show_tally(tally)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.writes.may_close(CLOSE_WAIT_MS):  # asks if something is not stored
            event.ignore()
            return
        self._clock_timer.stop()
        QSettings().setValue("counterWindow/geometry", self.saveGeometry())  # window state only
        super().closeEvent(event)
