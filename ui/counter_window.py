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

import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

# No ``Qt`` (the enum namespace) here: its first use costs ~40 ms, so the path to the first
# paint names enum values as strings (Qt's property system reads them) or after the paint.
from PySide6.QtCore import QSettings, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skranke.contact import Contact, ContactChoice, describe
from skranke.errors import CprLikeNoteError, NoteTooLongError, Problem, SkrankeError
from skranke.form import ContactForm
from skranke.municipalities import municipality
from skranke.settings import FAVOURITE_KEYS
from skranke.stopwatch import Stopwatch
from skranke.tiles import TILE_KEYS, Reordering, arrange
from skranke.vocabulary import Area, Vocabulary
from ui.counter.desk_worker import DeskWorker
from ui.counter.form_panels import ChannelRow, OutcomeBox
from ui.counter.tally_strip import TallyStrip
from ui.counter.tiles_panel import TilesPanel
from ui.screen_fit import ColumnScroll, fit_to_screen
from ui.settings_store import QtSettingsStore
from ui.tasks import run_task

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QCloseEvent, QKeyEvent, QPaintEvent
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QSpinBox

    # The database layer (and SQLAlchemy) load after the window is shown; the panels beside
    # and below the tiles, the catalogue and the search load just after its first paint
    # (``CounterWindow._build_rest``); reportlab when a sheet is first printed.
    from database.counter import CounterDesk
    from skranke.catalog import Catalog, Solution
    from skranke.favourites import Favourites
    from skranke.search import SolutionIndex
    from skranke.sheets import Sender
    from skranke.tally import DayTally
    from ui.citizen_screen import CitizenScreen
    from ui.counter.desk_start import DeskStart
    from ui.counter.details_box import DetailsBox
    from ui.counter.favourites_panel import FavouritesPanel
    from ui.counter.hotline_panel import HotlinePanel
    from ui.counter.recent_panel import RecentPanel, RecentView
    from ui.recent_model import RecentContactsModel
    from ui.sheet_dialog import PrinterFactory, SheetDialog
    from ui.solution_panel import SolutionPanel
    from ui.widgets import TwoLineButton

CLOSE_WAIT_MS = 10_000  # at close, queued writes get this long to reach the database


class CounterWindow(QMainWindow):
    """The main window of the counter.

    It is shown before the database is open (importing SQLAlchemy and opening the file take
    longer than building the window); ``attach`` hands it the desk once that is done, and the
    tiles, today's list and the tally appear. Writes run on one worker thread
    (``DeskWorker``); while one is on its way the form stays as it is.

    With ``staged=True`` (the program's start-up) the first paint has the channel row, the
    outcome, the tile grid and the tally strip; the details, the favourites, today's list and
    the solution search are built on the next turns of the event loop (``_build_rest``).
    Anything that needs one of them sooner (a letter typed into the search, ``attach``, a
    test) builds them at once: a key typed during start-up is never lost.

    Signals:
        contactsLogged(list): contacts just stored (one, or a batch).
        contactsVoided(list): contacts just voided (undo or the recent list).
        firstPainted(): the window's first paint is done (the next turn of the event loop).
    """

    contactsLogged = Signal(list)  # noqa: N815 - Qt naming
    contactsVoided = Signal(list)  # noqa: N815
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
        self._catalog = catalog
        self.store = store  # read at the moment a value is needed: never a stale copy
        self.municipality_code = municipality_code
        self.language = store.current.language
        self.printer_factory: PrinterFactory | None = None  # None: the system's printers
        self.stopwatch = stopwatch or Stopwatch()
        self.form = ContactForm(vocabulary)
        self.worker = DeskWorker(self)
        self._citizen_screen: CitizenScreen | None = None
        self._team_view: QWidget | None = None
        self._last_choice: ContactChoice | None = None
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
        self.setCentralWidget(self._layout())
        self._build_shortcuts()
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
        self.channel_row.edited.connect(self._on_form_edited)
        self.channel_row.newCitizen.connect(self.start_new_citizen)
        self.outcome_box.edited.connect(self._on_form_edited)
        self.tiles_panel.areaChosen.connect(self.log_area)
        self.tiles_panel.sortByUseRequested.connect(self.sort_tiles_by_use)
        self.tally_strip.teamViewRequested.connect(self.open_team_view)
        self.worker.busyChanged.connect(self._on_busy)
        self.store.changed.connect(self._on_setting_changed)

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
        from ui.counter.keyboard import TabOrder  # noqa: PLC0415
        from ui.counter.recent_panel import RecentPanel  # noqa: PLC0415
        from ui.solution_panel import SolutionPanel  # noqa: PLC0415

        language = self.language
        details = self._details_box = DetailsBox(self.form, language)
        self._left.insertWidget(self._left.indexOf(self.tiles_panel), details)
        details.edited.connect(self._on_form_edited)
        favourites = self._favourites_panel = FavouritesPanel(self.vocabulary, language)
        self._left.addWidget(favourites)
        favourites.favouriteChosen.connect(self.log_favourite)
        favourites.pinRequested.connect(self.pin_last_as_favourite)
        favourites.removeRequested.connect(self.remove_favourite)
        recent = self._recent_panel = RecentPanel(
            self.vocabulary, language, callers=self.hotline_panel is not None
        )
        recent.undoRequested.connect(self.undo_last)
        recent.voidRequested.connect(self.void_contacts)
        recent.pinRequested.connect(self.pin_last_as_favourite)
        solutions = self._solution_panel = SolutionPanel(self._solution_index(), language)
        solutions.solutionChosen.connect(self.show_to_citizen)
        solutions.print_button.clicked.connect(self.open_sheet)
        self.side_tabs.addTab(recent, self.tr("I dag"))
        self.side_tabs.addTab(solutions, self.tr("Selvbetjening (Ctrl+F)"))
        self._show_favourites()
        self._update_handouts_label()
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
    def catalog(self) -> Catalog:
        """The self-service catalogue (empty until it is read with the database)."""
        if self._catalog is None:
            from skranke.catalog import Catalog  # noqa: PLC0415

            self._catalog = Catalog(())
        return self._catalog

    def _layout(self) -> QWidget:
        central = self._central = QWidget()
        central.setObjectName("central")
        # A click on an empty spot gives the keyboard back to the counter.
        central.setProperty("focusPolicy", "ClickFocus")  # by name: see the imports
        root = QVBoxLayout(central)
        root.setContentsMargins(12, 10, 12, 6)
        root.setSpacing(8)
        self.error_banner = QLabel()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setAccessibleName(self.tr("Fejlmeddelelse"))
        self.error_banner.hide()
        body = QHBoxLayout()
        body.setSpacing(12)
        left = self._left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.channel_row)
        left.addWidget(self.outcome_box)
        left.addWidget(self.tiles_panel, 1)  # the details go above, favourites below
        body.addWidget(ColumnScroll(left), 3)  # a low screen scrolls the form and tiles
        # A fixed share of the width: showing a QR code or an error never moves the tiles.
        for widget in (self.side_tabs, self.error_banner):
            widget.setMinimumWidth(320)
            policy = widget.sizePolicy()
            policy.setHorizontalPolicy(policy.Policy.Ignored)
            widget.setSizePolicy(policy)
        # The banner sits above the side panel, whose list gives it room: the form and the
        # tiles never move when an error shows.
        right = QVBoxLayout()
        right.setSpacing(8)
        # On the hotline desk the caller's municipality heads the side: the tiles keep
        # their room, and today's list gives up a little of its own.
        self.hotline_panel = self._hotline_panel()
        if self.hotline_panel is not None:
            right.addWidget(self.hotline_panel)
        right.addWidget(self.error_banner)
        right.addWidget(self.side_tabs, 1)
        body.addLayout(right, 2)
        root.addLayout(body, 1)
        root.addWidget(self.tally_strip)
        return central

    def _hotline_panel(self) -> HotlinePanel | None:
        """On the shared hotline's desk: the caller's municipality, and calls on the phone."""
        settings = self.store.current
        if not settings.hotline:
            return None
        from skranke.hotline import PHONE, hotline_config  # noqa: PLC0415 - its desk only
        from ui.counter.hotline_panel import HotlinePanel  # noqa: PLC0415

        config = hotline_config(settings)
        if config is None:
            return None

        self.form.choose_channel(PHONE)
        self.channel_row.refresh()
        return HotlinePanel(config, self.language)

    def attach(self, desk: CounterDesk, start: DeskStart | None = None) -> None:
        """The database is open: show the tiles (in the fixed order), today's list and tally.

        The program reads ``start`` on the worker that opened the database
        (``ui.counter.desk_start.read_start``); without it, it is read here."""
        from ui.counter.desk_start import read_start  # noqa: PLC0415

        self.desk = desk
        start = start or read_start(desk)
        self._day = start.day
        self.tiles_panel.set_areas(self._tile_order(start.by_use))
        self._start = start
        if self._solution_panel is not None:  # else _build_rest fills them in
            self._fill_from_start()
        self.statusBar().showMessage(
            self.tr("Klar. Klik på et sagsområde (eller tast dets nummer) for at registrere.")
        )

    def _fill_from_start(self) -> None:
        start, self._start = self._start, None
        if start is None:
            return
        self.solution_panel.set_usage(start.solution_usage)
        self.recent_panel.model.reset(start.today)
        if start.problem is not None:
            self._show_banner(error_text(start.problem))
        self._show_tally(start.tally)

    def _ready(self) -> CounterDesk | None:
        if self.desk is None:
            self.statusBar().showMessage(self.tr("Vent et øjeblik: databasen åbnes."), 3000)
        return self.desk

    # ---- what tests, benchmarks and the team view reach through the window ---------------

    @property
    def tiles(self) -> list[tuple[Area, TwoLineButton]]:
        return self.tiles_panel.tiles

    @property
    def channel_buttons(self) -> dict[str, QPushButton]:
        return self.channel_row.buttons

    @property
    def outcome_buttons(self) -> dict[str, QPushButton]:
        return self.outcome_box.buttons

    @property
    def favourite_buttons(self) -> dict[str, TwoLineButton]:
        return self.favourites_panel.buttons

    @property
    def assisted_box(self) -> QCheckBox:
        return self.details_box.assisted_box

    @property
    def on_behalf_box(self) -> QCheckBox:
        return self.details_box.on_behalf_box

    @property
    def exemption_box(self) -> QCheckBox:
        return self.details_box.exemption_box

    @property
    def kind_combo(self) -> QComboBox:
        return self.details_box.kind_combo

    @property
    def readiness_combo(self) -> QComboBox:
        return self.details_box.readiness_combo

    @property
    def requester_combo(self) -> QComboBox:
        return self.details_box.requester_combo

    @property
    def count_spin(self) -> QSpinBox:
        return self.details_box.count_spin

    @property
    def note_edit(self) -> QLineEdit:
        return self.details_box.note_edit

    @property
    def handouts_label(self) -> QLabel:
        return self.details_box.handouts_label

    @property
    def timer_label(self) -> QLabel:
        return self.channel_row.timer_label

    @property
    def new_citizen_button(self) -> QPushButton:
        return self.channel_row.new_citizen_button

    @property
    def recent_model(self) -> RecentContactsModel:
        return self.recent_panel.model

    @property
    def recent_view(self) -> RecentView:
        return self.recent_panel.view

    @property
    def undo_button(self) -> QPushButton:
        return self.recent_panel.undo_button

    @property
    def tally_label(self) -> QLabel:
        return self.tally_strip.label

    def selected_channel(self) -> str:
        return self.form.channel

    def selected_outcome(self) -> str:
        return self.form.outcome

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> None:
        """A shortcut for the whole window; ``keys`` in Qt's portable text ("Ctrl+F" is
        Cmd+F on a Mac). Given by name: QKeySequence's Python type costs ~3 ms before the
        first paint."""
        shortcut = QShortcut(self)
        shortcut.setProperty("key", keys)
        shortcut.activated.connect(slot)

    def _build_shortcuts(self) -> None:
        for position, key in enumerate(TILE_KEYS):
            self._shortcut(key, partial(self._log_tile, position))
        for number, channel in enumerate(self.vocabulary.channels[:9], start=1):
            self._shortcut(
                f"Ctrl+{number}", partial(self.channel_buttons[channel.id].setChecked, True)
            )
        for key in FAVOURITE_KEYS:
            self._shortcut(key, partial(self.log_favourite, key))
        for plus in ("+", "Num++"):  # "Num+": the key pad's
            self._shortcut(plus, partial(self._step_count, 1))
        for minus in ("-", "Num+-"):
            self._shortcut(minus, partial(self._step_count, -1))
        undo = QAction(self.tr("Fortryd seneste"), self)
        undo.setProperty("shortcut", "Ctrl+Z")  # by name, as in _shortcut
        undo.triggered.connect(self.undo_last)
        self.addAction(undo)
        self._shortcut("Ctrl+N", self.start_new_citizen)
        self._shortcut("Ctrl+D", self.pin_last_as_favourite)
        self._shortcut("Ctrl+F", self.focus_search)
        self._shortcut("F9", self.show_current_to_citizen)
        self._shortcut("Ctrl+P", self.open_sheet)
        self._shortcut("Ctrl+L", self.open_team_view)
        self._shortcut("Escape", self._escape)
        self._shortcut("Ctrl+Q", QApplication.closeAllWindows)  # quit, as in any program

    def _step_count(self, steps: int) -> None:
        self.count_spin.stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing a letter anywhere starts a search (digits stay the tile keys)."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see the imports

        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and len(text) == 1 and text.isalpha():
            self.focus_search(text)
            return
        super().keyPressEvent(event)

    @Slot()
    def focus_search(self, text: str = "") -> None:
        """The solution search, started afresh when a letter is typed from elsewhere."""
        search = self.solution_panel.search_edit
        if text and not search.hasFocus():  # asked before the tab switch moves the focus
            search.clear()
        self.side_tabs.setCurrentWidget(self.solution_panel)
        self.solution_panel.focus_search(text)

    def focus_counter(self) -> None:
        """Give the keyboard back to the counter: numbers, F-keys and letters work at once."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see the imports

        self.recent_panel.view.forget_selection()
        self._central.setFocus(Qt.FocusReason.OtherFocusReason)

    def _away_from_counter(self) -> bool:
        """Whether the focus is where keys type text or choose rows instead of logging."""
        focus = QApplication.focusWidget()
        places: tuple[QWidget, ...] = (
            self.solution_panel.search_edit,
            self.solution_panel.results,
            self.recent_panel.view,
            self.details_box.note_edit,
        )
        return focus is not None and any(
            focus is place or place.isAncestorOf(focus) for place in places
        )

    @Slot()
    def _escape(self) -> None:
        """Escape leaves the search or the list first; pressed on the counter, it resets."""
        if self._away_from_counter():
            if self.solution_panel.search_edit.hasFocus() or self.solution_panel.results.hasFocus():
                self.solution_panel.search_edit.clear()
            self.focus_counter()
            self.statusBar().showMessage(
                self.tr("Tilbage ved skranken: tast et nummer for at registrere."), 4000
            )
            return
        self.error_banner.hide()
        self.reset_form()
        self.statusBar().showMessage(self.tr("Formularen er nulstillet."), 3000)

    # ---- the form -------------------------------------------------------------------------

    def reset_form(self) -> None:
        """Back to the common case. The channel stays: phone staff stay on the phone."""
        self.form.reset()
        if self.hotline_panel is not None:  # the caller's municipality belongs to the call
            self.hotline_panel.clear()
        self._show_form()
        if self._citizen_screen is not None:
            self._citizen_screen.clear()
        self.solution_panel.display(None)
        self.stopwatch.reset()
        self._update_timer_label()

    def _show_form(self) -> None:
        self.channel_row.refresh()
        self.outcome_box.refresh()
        self.details_box.refresh()
        self._update_handouts_label()

    @Slot()
    def _on_form_edited(self) -> None:
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
                self._read_failed,
            )

    def _new_day(self, today: tuple[list[Contact], DayTally]) -> None:
        contacts, tally = today
        self.recent_panel.model.reset(contacts)
        self._show_tally(tally)

    # ---- logging --------------------------------------------------------------------------

    def _log_tile(self, position: int) -> None:
        if self._ready() is None:  # typed during start-up: not logged, and it says why
            return
        area = self.tiles_panel.area_at(position)
        if area is not None:
            self.log_area(area.id)

    @Slot(str)
    def log_area(self, area_id: str) -> None:
        """Log a contact about ``area_id`` with what the form shows."""
        self._log(self.form.choice(area_id))

    @Slot(str)
    def log_favourite(self, key: str) -> None:
        favourite = self._favourites().get(key)
        if favourite is None:
            self.statusBar().showMessage(
                self.tr("{key} er ledig. Gem en favorit med Ctrl+D efter en registrering.").format(
                    key=key
                ),
                5000,
            )
            return
        self._log(favourite.choice)

    def _writable(self) -> CounterDesk | None:
        """The desk, unless it is not open yet or a write is still on its way."""
        desk = self._ready()
        if desk is not None and self.worker.busy:
            self.statusBar().showMessage(
                self.tr("Gemmer stadig den forrige – vent et øjeblik og prøv igen."), 4000
            )
            return None
        return desk

    def _log(self, choice: ContactChoice) -> None:
        desk = self._writable()
        if desk is None:
            return
        caller = None if self.hotline_panel is None else self.hotline_panel.require()
        if self.hotline_panel is not None and caller is None:  # never the last caller's
            self.statusBar().showMessage(
                self.tr("Vælg først den opringendes kommune, så registreres opkaldet."), 6000
            )
            return
        form = self.form
        count, note, handouts = form.count, form.note, form.handouts.as_tuple()
        duration = self.stopwatch.elapsed_seconds() if count == 1 else None

        def work() -> tuple[list[Contact], DayTally | None]:
            contacts = desk.log(
                choice, count=count, duration_seconds=duration, note=note, handouts=handouts,
                municipality_code=caller,
            )  # fmt: skip
            return contacts, _tally_after(desk)

        self.worker.submit(work, lambda result: self._logged(choice, *result), self._log_failed)

    def _logged(
        self, choice: ContactChoice, contacts: list[Contact], tally: DayTally | None
    ) -> None:
        self.error_banner.hide()
        first = contacts[0]
        if self.hotline_panel is not None:
            self.hotline_panel.show_logged(first.municipality, len(contacts))
        from skranke.favourites import as_logged  # noqa: PLC0415 - loaded with the panels

        self._last_choice = as_logged(choice, first)
        self.favourites_panel.can_pin = True
        self.recent_panel.model.prepend(contacts)
        self.recent_panel.view.scrollToTop()
        self._show_tally(tally)
        label = describe(first, self.vocabulary, self.language)
        if len(contacts) == 1:
            message = self.tr("✓ Registreret: {label}. Ctrl+Z fortryder.").format(label=label)
        else:
            message = self.tr("✓ Registreret {count} × {label}. Ctrl+Z fortryder.").format(
                count=len(contacts), label=label
            )
        self.statusBar().showMessage(message, 8000)
        self.reset_form()
        self.side_tabs.setCurrentWidget(self.recent_panel)  # the QR is gone; see the list
        self.contactsLogged.emit(contacts)

    def _log_failed(self, error: BaseException) -> None:
        """Say what is wrong; keep everything the user entered so nothing is lost."""
        if not isinstance(error, SkrankeError):
            self._unexpected(error)
            return
        text = error_text(error)
        if not isinstance(error, CprLikeNoteError | NoteTooLongError):
            text = self.tr("Henvendelsen er IKKE gemt. {reason}").format(reason=text)
        self._show_banner(text)
        self.statusBar().showMessage(self.tr("Ikke gemt – se meddelelsen øverst."), 8000)
        note = self.details_box.note_edit
        if isinstance(error, CprLikeNoteError):
            note.setFocus()
            note.setSelection(error.start, error.end - error.start)
        elif isinstance(error, NoteTooLongError):
            note.setFocus()

    def _unexpected(self, error: BaseException) -> None:
        import traceback  # noqa: PLC0415 - only for a bug; keeps start-up short

        traceback.print_exception(error, file=sys.stderr)
        self._show_banner(
            self.tr("Uventet fejl – intet er ændret ved denne handling: {error}").format(
                error=error
            )
        )

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("Gemmer …"))

    # ---- undo and void --------------------------------------------------------------------

    @Slot()
    def undo_last(self) -> None:
        desk = self._writable()
        if desk is None:
            return
        if not desk.can_undo:
            self.statusBar().showMessage(self.tr("Der er intet at fortryde."), 4000)
            return

        def work() -> tuple[list[Contact], DayTally | None]:
            return desk.undo_last(), _tally_after(desk)

        verb = self.tr("Fortrudt")
        self.worker.submit(work, lambda result: self._voided(*result, verb), self._void_failed)

    @Slot(list)
    def void_contacts(self, targets: list[Contact]) -> None:
        """Void contacts staff chose in today's list (Delete)."""
        if not targets:
            self.statusBar().showMessage(
                self.tr("Vælg en eller flere henvendelser i listen for at annullere dem."), 5000
            )
            return
        desk = self._writable()
        if desk is None:
            return

        def work() -> tuple[list[Contact], DayTally | None]:
            # One transaction: all of the chosen contacts are voided, or (on error) none.
            return desk.void_many([contact.id for contact in targets]), _tally_after(desk)

        verb = self.tr("Annulleret")
        self.worker.submit(work, lambda result: self._voided(*result, verb), self._void_failed)

    def _voided(self, voided: list[Contact], tally: DayTally | None, verb: str) -> None:
        if not voided:
            return
        self.recent_panel.model.update(voided)
        self._show_tally(tally)
        label = describe(voided[0], self.vocabulary, self.language)
        suffix = f" × {len(voided)}" if len(voided) > 1 else ""
        self.statusBar().showMessage(f"{verb}: {label}{suffix}", 8000)
        self.contactsVoided.emit(voided)

    def _void_failed(self, error: BaseException) -> None:
        if isinstance(error, SkrankeError):
            self._show_banner(error_text(error))
            self.statusBar().showMessage(
                self.tr("Intet er annulleret – se meddelelsen øverst."), 8000
            )
        else:
            self._unexpected(error)

    def _show_banner(self, text: str) -> None:
        self.error_banner.setText(text)
        self.error_banner.show()

    # ---- the tiles ------------------------------------------------------------------------

    def _tile_order(self, by_use: list[Area]) -> list[Area]:
        """The saved order; the first time, fixed from use and saved."""
        saved = self.store.current.tile_order
        if saved:
            return arrange(saved, by_use)
        self._save_tile_order(by_use)
        return by_use

    def _save_tile_order(self, areas: Sequence[Area]) -> bool:
        try:
            self.store.update(tile_order=tuple(area.id for area in areas))
        except SkrankeError as error:
            self._show_banner(
                self.tr("Rækkefølgen af sagsområderne kunne ikke gemmes: {reason}").format(
                    reason=error_text(error)
                )
            )
            return False
        return True

    @Slot()
    def sort_tiles_by_use(self) -> None:
        """Re-number the tiles by the last 30 days' use, on staff's request, and save it."""
        desk = self._ready()
        if desk is None:
            return
        before = self.tiles_panel.areas()
        # Reading 30 days of use may wait for a database another program holds: off the GUI.
        run_task(desk.tile_order, lambda after: self._sorted(before, after), self._read_failed)

    def _sorted(self, before: list[Area], after: list[Area]) -> None:
        if not self._save_tile_order(after):
            return
        self.tiles_panel.set_areas(after)
        moved = Reordering.between(before, after).moved
        if not moved:
            message = self.tr("Sagsområderne stod allerede efter brug; ingen numre er ændret.")
        else:
            shown = ", ".join(
                self.tr("{area} er nu {key}").format(area=area.label(self.language), key=key)
                for area, key in moved[:4]
            )
            more = len(moved) - 4
            if more > 0:
                shown += self.tr(" og {n} flere").format(n=more)
            message = self.tr("Sorteret efter brug: {changes}.").format(changes=shown)
        self.statusBar().showMessage(message, 15000)

    def _read_failed(self, error: BaseException) -> None:
        if isinstance(error, SkrankeError):
            self._show_banner(error_text(error))
        else:
            self._unexpected(error)

    # ---- favourites -----------------------------------------------------------------------

    def _favourites(self) -> Favourites:
        from skranke.favourites import Favourites  # noqa: PLC0415 - loaded with the panels

        return Favourites.from_settings(self.store.current.favourites)

    def _show_favourites(self) -> None:
        self.favourites_panel.show_favourites(self._favourites())

    @Slot(str)
    def _on_setting_changed(self, name: str) -> None:
        if name == "favourites":
            self._show_favourites()

    @Slot()
    def pin_last_as_favourite(self, key: str | None = None) -> None:
        if self._last_choice is None:
            self.statusBar().showMessage(
                self.tr("Registrér først en henvendelse; den kan så gemmes som favorit."), 5000
            )
            return
        favourites = self._favourites()
        key = key or favourites.free_key()
        if key is None:
            self.statusBar().showMessage(
                self.tr("Alle F-taster er i brug. Højreklik en favorit for at fjerne den."), 6000
            )
            return
        if self._save_favourites(favourites.pinned(key, self._last_choice)):
            label = describe(self._last_choice, self.vocabulary, self.language)
            self.statusBar().showMessage(
                self.tr("{label} er gemt på {key}.").format(label=label, key=key), 6000
            )

    @Slot(str)
    def remove_favourite(self, key: str) -> None:
        if self._save_favourites(self._favourites().removed(key)):
            self.statusBar().showMessage(self.tr("{key} er nu ledig.").format(key=key), 5000)

    def _save_favourites(self, favourites: Favourites) -> bool:
        try:
            self.store.update(favourites=favourites.items)
        except SkrankeError as error:
            self._show_banner(
                self.tr("Favoritten kunne ikke gemmes: {reason}").format(reason=error_text(error))
            )
            return False
        self._show_favourites()
        return True

    # ---- self-service solutions and the citizen screen ------------------------------------

    @property
    def citizen_screen(self) -> CitizenScreen:
        if self._citizen_screen is None:
            from ui.citizen_screen import CitizenScreen  # noqa: PLC0415

            self._citizen_screen = CitizenScreen(
                self.store.current.citizen_screen_clear_seconds, self.language
            )
        return self._citizen_screen

    @Slot(object)
    def show_to_citizen(self, solution: Solution) -> None:
        """Show the QR on the citizen screen, record it on the contact, and give the keyboard
        back to the counter: the next key logs the contact."""
        self.solution_panel.display(solution)
        self.citizen_screen.show_solution(solution)
        self.form.show_solution(solution.id)
        self._on_form_edited()
        self.focus_counter()
        self.statusBar().showMessage(
            self.tr("QR-koden til {title} vises for borgeren.").format(
                title=solution.title(self.language)
            ),
            6000,
        )

    @Slot()
    def show_current_to_citizen(self) -> None:
        if self.solution_panel.shown is not None:
            self.show_to_citizen(self.solution_panel.shown)
        else:
            self.focus_search()

    def set_catalog(self, catalog: Catalog) -> None:
        """The catalogue arrives with the database, after the window is shown."""
        self._catalog = catalog
        if self._solution_panel is not None:  # else _build_rest indexes it
            self._solution_panel.set_index(self._solution_index())

    def _solution_index(self) -> SolutionIndex:
        from skranke.search import SolutionIndex  # noqa: PLC0415

        return SolutionIndex(self.catalog, self.vocabulary, self.language)

    def show_catalog_problems(self, problems: Sequence[Problem]) -> None:
        lines = [
            self.tr(
                "Kataloget over selvbetjeningsløsninger har fejl; de berørte filer er sprunget "
                "over, og Skranke bruger resten (kontrollér med 'skranke catalog check'):"
            )
        ]
        lines += [problem_text(problem) for problem in problems[:5]]
        if len(problems) > 5:
            lines.append(self.tr("… og {n} fejl mere.").format(n=len(problems) - 5))
        self._show_banner("\n".join(lines))

    def sheet_sender(self) -> Sender:
        from skranke.sheets import Sender  # noqa: PLC0415

        return Sender(self.catalog.issuer_name(self.municipality_code), self.catalog.contact)

    @Slot()
    def open_sheet(self) -> SheetDialog | None:
        """Preview and print the guidance sheet of the solution on screen (Ctrl+P)."""
        from ui.sheet_dialog import SheetDialog, system_printer  # noqa: PLC0415

        solution = self.solution_panel.shown
        if solution is None:
            self.statusBar().showMessage(
                self.tr(
                    "Find først en løsning (skriv fx 'flyt'); så kan dens vejledning udskrives."
                ),
                6000,
            )
            self.focus_search()
            return None
        dialog = SheetDialog(
            solution,
            self.sheet_sender(),
            language=self.language,
            store=self.store,
            printer_factory=self.printer_factory or system_printer,
            parent=self,
        )
        dialog.printed.connect(self._sheet_printed)
        dialog.finished.connect(self._back_from_dialog)
        dialog.open()
        return dialog

    @Slot()
    def _back_from_dialog(self) -> None:
        """The sheet dialog closed: the counter window has the keyboard again."""
        self.activateWindow()
        self.focus_counter()

    @Slot(object)
    def _sheet_printed(self, solution: Solution) -> None:
        self.form.print_sheet(solution.id)
        self._update_handouts_label()
        self.statusBar().showMessage(
            self.tr("Vejledningen til {title} er udskrevet.").format(
                title=solution.title(self.language)
            ),
            6000,
        )

    def _update_handouts_label(self) -> None:
        titles = []
        for handout in self.form.handouts.items:
            solution = self.catalog.get(handout.solution)
            title = solution.title(self.language) if solution else handout.solution
            if handout.how == "sheet":
                title = self.tr("{title} (udskrevet)").format(title=title)
            titles.append(title)
        self.details_box.show_handouts(titles)

    # ---- today's figures and the team leader's view ---------------------------------------

    def reload_today(self) -> None:
        if self.desk is None:
            return
        try:
            self.recent_panel.model.reset(self.desk.today_contacts())
        except SkrankeError as error:
            self._show_banner(error_text(error))
        self.refresh_tally()

    def refresh_tally(self) -> None:
        if self.desk is None:
            return
        try:
            tally = self.desk.today_tally()
        except SkrankeError as error:
            self._show_banner(error_text(error))
            return
        self._show_tally(tally)

    def _show_tally(self, tally: DayTally | None) -> None:
        if tally is not None:  # None: the figures could not be read just now; keep the last
            self.tally_strip.show_tally(tally)

    @Slot()
    def open_team_view(self) -> QWidget | None:
        """The team leader's view (loaded on demand: charts and exports are heavy)."""
        desk = self._ready()
        if desk is None:
            return None
        from skranke.costs import load_price_table  # noqa: PLC0415
        from skranke.hotline import hotline_config  # noqa: PLC0415
        from ui.team_view import TeamView  # noqa: PLC0415

        if self._team_view is None:
            try:
                prices = load_price_table()
            except SkrankeError as error:
                self._show_banner(error_text(error))
                return None
            self._team_view = TeamView(
                desk.repository,
                self.vocabulary,
                self.catalog,
                prices,
                municipality_name=self.catalog.issuer_name(self.municipality_code),
                language=self.language,
                hotline=hotline_config(self.store.current),
            )
        self._team_view.show()
        self._team_view.raise_()
        self._team_view.activateWindow()
        return self._team_view

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock_timer.stop()
        self.worker.wait(CLOSE_WAIT_MS)  # a contact on its way is stored before we go
        QSettings().setValue("counterWindow/geometry", self.saveGeometry())  # window state only
        super().closeEvent(event)


def error_text(error: SkrankeError) -> str:
    """The Danish words for ``error`` (``ui.messages``, loaded when first needed)."""
    from ui.messages import error_text as words  # noqa: PLC0415

    return words(error)


def problem_text(problem: Problem) -> str:
    from ui.messages import problem_text as words  # noqa: PLC0415

    return words(problem)


def _tally_after(desk: CounterDesk) -> DayTally | None:
    """Today's figures right after a write (on the worker); None if they cannot be read now:
    the write itself succeeded and must be reported as such."""
    try:
        return desk.today_tally()
    except SkrankeError:
        return None
