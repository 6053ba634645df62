"""The counter window: staff log each contact in one or two actions.

The common case: the channel stays as it was, staff click (or press the number of) the area
tile, and the contact is logged with the outcome and details shown above the tiles. Changing
the outcome first makes it two actions. A favourite (F1-F8) logs a pinned combination with one
key. "Antal" logs a batch ("+5 phone calls about MitID"). Ctrl+Z undoes the last contact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skranke.catalog import Catalog, Solution
from skranke.clock import local_today
from skranke.contact import (
    MAX_BATCH,
    NOTE_MAX_LENGTH,
    Contact,
    ContactChoice,
    Handout,
    describe,
)
from skranke.cpr import find_cpr_like
from skranke.errors import CprLikeNoteError, NoteTooLongError, Problem, SkrankeError
from skranke.municipalities import municipality
from skranke.search import SolutionIndex
from skranke.settings import (
    DEFAULT_FAVOURITES,
    FAVOURITE_KEYS,
    Favourite,
    Settings,
    favourite_problems,
    save_user_settings,
)
from skranke.stopwatch import Stopwatch, format_duration
from skranke.tally import DayTally
from skranke.vocabulary import Area, Vocabulary
from ui.citizen_screen import CitizenScreen
from ui.messages import error_text, problem_text
from ui.recent_model import RecentContactsModel
from ui.solution_panel import SolutionPanel
from ui.widgets import TwoLineButton

if TYPE_CHECKING:  # the database layer (and SQLAlchemy) load after the window is shown
    from database.counter import CounterDesk
    from skranke.sheets import Sender  # reportlab: loaded when a sheet is first printed
    from ui.sheet_dialog import PrinterFactory, SheetDialog

TILE_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")
TILE_COLUMNS = 5


class CounterWindow(QMainWindow):
    """The main window of the counter.

    It is shown before the database is open (importing SQLAlchemy and opening the file take
    longer than building the window); ``attach`` hands it the desk once that is done, and the
    tiles, today's list and the tally appear.

    Signals:
        contactsLogged(list): contacts just stored (one, or a batch).
        contactsVoided(list): contacts just voided (undo or the recent list).
    """

    contactsLogged = Signal(list)  # noqa: N815 - Qt naming
    contactsVoided = Signal(list)  # noqa: N815

    def __init__(
        self,
        vocabulary: Vocabulary,
        settings: Settings,
        *,
        desk_name: str,
        municipality_code: str,
        desk: CounterDesk | None = None,
        catalog: Catalog | None = None,
        settings_path: Path | None = None,
        stopwatch: Stopwatch | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("counterWindow")
        self.desk: CounterDesk | None = None
        self.vocabulary = vocabulary
        self.catalog = catalog or Catalog(())
        self._handouts: list[Handout] = []
        self._citizen_screen: CitizenScreen | None = None
        self._team_view: QWidget | None = None
        self.settings = settings
        self.settings_path = settings_path
        self.municipality_code = municipality_code
        self.printer_factory: PrinterFactory | None = None  # None: the system's printers
        self.language = settings.language
        self.stopwatch = stopwatch or Stopwatch()
        self._last_choice: ContactChoice | None = None
        self._favourites: list[Favourite] = list(settings.favourites or DEFAULT_FAVOURITES)
        self._resetting = False

        place = municipality(municipality_code)
        self.setWindowTitle(
            self.tr("Skranke – {desk} · {municipality}").format(desk=desk_name, municipality=place)
        )
        self.resize(1366, 860)
        self.setMinimumSize(1000, 680)
        geometry = QSettings().value("counterWindow/geometry")  # QSettings: window state only
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.setCentralWidget(self._build_central())
        self._build_shortcuts()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start()
        self._day = local_today()

        self.reset_form()
        self.tally_label.setText(self.tr("I dag: …"))
        self.statusBar().showMessage(self.tr("Åbner databasen …"))
        if desk is not None:
            self.attach(desk)

    def attach(self, desk: CounterDesk) -> None:
        """The database is open: show the tiles (most used first), today's list and tally."""
        self.desk = desk
        self._day = desk.today()
        self._populate_tiles(desk.tile_order())
        self.solution_panel.set_usage(desk.solution_usage())
        self.reload_today()
        self.statusBar().showMessage(
            self.tr("Klar. Klik på et sagsområde (eller tast dets nummer) for at registrere.")
        )

    def _ready(self) -> CounterDesk | None:
        if self.desk is None:
            self.statusBar().showMessage(self.tr("Vent et øjeblik: databasen åbnes."), 3000)
        return self.desk

    # ---- building -------------------------------------------------------------------------

    def _build_central(self) -> QWidget:
        central = QWidget()
        central.setObjectName("central")
        root = QVBoxLayout(central)
        root.setContentsMargins(12, 10, 12, 6)
        root.setSpacing(8)
        self.error_banner = QLabel()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setAccessibleName(self.tr("Fejlmeddelelse"))
        self.error_banner.hide()
        root.addWidget(self.error_banner)
        body = QHBoxLayout()
        body.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(self._build_channel_row())
        left.addWidget(self._build_outcome_box())
        left.addWidget(self._build_details_box())
        left.addWidget(self._build_tiles_box(), 1)
        left.addWidget(self._build_favourites_box())
        body.addLayout(left, 3)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.setMinimumWidth(530)
        self.solution_panel = SolutionPanel(
            SolutionIndex(self.catalog, self.vocabulary, self.language), self.language
        )
        self.solution_panel.solutionChosen.connect(self.show_to_citizen)
        self.solution_panel.print_button.clicked.connect(self.open_sheet)
        self.side_tabs.addTab(self._build_recent_box(), self.tr("I dag"))
        self.side_tabs.addTab(self.solution_panel, self.tr("Selvbetjening (Ctrl+F)"))
        body.addWidget(self.side_tabs, 1)
        root.addLayout(body, 1)
        root.addWidget(self._build_tally_strip())
        return central

    def _build_channel_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.channel_group = QButtonGroup(self)
        self.channel_group.setExclusive(True)
        self.channel_buttons: dict[str, QPushButton] = {}
        for number, channel in enumerate(self.vocabulary.channels, start=1):
            button = QPushButton(channel.label(self.language))
            button.setCheckable(True)
            button.setObjectName(f"channel_{channel.id}")
            button.setProperty("primary", channel.primary)
            button.setAccessibleName(
                self.tr("Kanal: {channel}").format(channel=channel.label(self.language))
            )
            if number <= 9:
                button.setToolTip(self.tr("Ctrl+{n}").format(n=number))
            button.setMinimumHeight(48 if channel.primary else 36)
            button.setMinimumWidth(150 if channel.primary else 80)
            self.channel_group.addButton(button)
            self.channel_buttons[channel.id] = button
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.channel_buttons[self.vocabulary.channels[0].id].setChecked(True)
        row.addStretch(1)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("timerLabel")
        self.timer_label.setAccessibleName(self.tr("Ekspeditionstid"))
        self.timer_label.setToolTip(
            self.tr("Tiden for den igangværende henvendelse. Starter ved 'Ny borger' (Ctrl+N)")
        )
        row.addWidget(self.timer_label)
        self.new_citizen_button = QPushButton(self.tr("Ny borger"))
        self.new_citizen_button.setObjectName("newCitizenButton")
        self.new_citizen_button.setAccessibleName(self.tr("Ny borger: start tiden forfra"))
        self.new_citizen_button.setToolTip(self.tr("Start tiden forfra (Ctrl+N)"))
        self.new_citizen_button.setMinimumHeight(40)
        self.new_citizen_button.clicked.connect(self.start_new_citizen)
        row.addWidget(self.new_citizen_button)
        self.channel_group.buttonToggled.connect(self._on_form_changed)
        return row

    def _build_outcome_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Udfald"))
        box.setObjectName("outcomeBox")
        row = QHBoxLayout(box)
        row.setSpacing(6)
        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        self.outcome_buttons: dict[str, QPushButton] = {}
        mnemonics = {
            "handled_by_staff": self.tr("&Ekspederet"),
            "assisted_self_service": self.tr("&Hjælp til selvbetjening"),
            "referred_to_self_service": self.tr("Henvist til &selvbetjening"),
            "referred_elsewhere": self.tr("Henvist &videre"),
            "exempted": self.tr("F&ritaget"),
        }
        for outcome in self.vocabulary.outcomes:
            text = outcome.label(self.language)
            shown = mnemonics.get(outcome.id, text)  # translated with its Alt letter
            button = QPushButton(shown)
            button.setCheckable(True)
            button.setObjectName(f"outcome_{outcome.id}")
            button.setAccessibleName(self.tr("Udfald: {outcome}").format(outcome=text))
            button.setToolTip(text)
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            self.outcome_group.addButton(button)
            self.outcome_buttons[outcome.id] = button
            row.addWidget(button)
        self.outcome_group.buttonToggled.connect(self._on_outcome_toggled)
        return box

    def _combo(self, name: str, accessible: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._on_form_changed)
        return combo

    def _check(self, text: str, name: str, accessible: str, tip: str = "") -> QCheckBox:
        check = QCheckBox(text)
        check.setObjectName(name)
        check.setAccessibleName(accessible)
        check.setToolTip(tip)
        check.toggled.connect(self._on_form_changed)
        return check

    def _build_details_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Detaljer (nulstilles efter hver registrering)"))
        box.setObjectName("detailsBox")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        lang = self.language

        self.assisted_box = self._check(
            self.tr("&Medbetjening"),
            "assistedBox",
            self.tr("Hjælp til selvbetjening (medbetjening)"),
            self.tr("Borgeren gjorde det selv på sin egen telefon eller pc, med hjælp"),
        )
        self.on_behalf_box = self._check(
            self.tr("F&uldmagt / pårørende"),
            "onBehalfBox",
            self.tr("På vegne af en anden (fuldmagt/pårørende)"),
        )
        self.exemption_box = self._check(
            self.tr("Fr&itagelse"),
            "exemptionBox",
            self.tr("Fritagelse"),
            self.tr("Borgeren blev fritaget for Digital Post eller digital selvbetjening"),
        )

        self.kind_combo = self._combo(
            "kindCombo",
            self.tr("Henvendelsestype"),
            [(self.tr("Som området plejer"), None)]
            + [(kind.label(lang), kind.id) for kind in self.vocabulary.kinds],
        )
        self.readiness_combo = self._combo(
            "readinessCombo",
            self.tr("Borgerens digitale parathed"),
            [(self.tr("Ikke vurderet"), None)]
            + [(term.label(lang), term.id) for term in self.vocabulary.readiness],
        )
        self.requester_combo = self._combo(
            "requesterCombo",
            self.tr("Henvendertype"),
            [(term.label(lang), term.id) for term in self.vocabulary.requesters],
        )
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("countSpin")
        self.count_spin.setAccessibleName(self.tr("Antal henvendelser, der registreres"))
        self.count_spin.setRange(1, MAX_BATCH)
        self.count_spin.setToolTip(self.tr("Flere ens henvendelser på én gang: tast + og −"))
        self.count_spin.setMinimumWidth(70)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName(self.tr("Note (valgfri, aldrig CPR-nummer)"))
        self.note_edit.setPlaceholderText(self.tr("Valgfri kort note – aldrig navn eller CPR-nr."))
        self.note_edit.setMaxLength(NOTE_MAX_LENGTH + 20)  # over-long notes get a clear message
        self.note_edit.textEdited.connect(self._on_note_edited)

        def label(text: str, buddy: QWidget) -> QLabel:
            widget = QLabel(text)
            widget.setBuddy(buddy)
            return widget

        grid.addWidget(self.assisted_box, 0, 0, 1, 2)
        grid.addWidget(self.on_behalf_box, 0, 2, 1, 2)
        grid.addWidget(self.exemption_box, 0, 4, 1, 2)
        grid.addWidget(label(self.tr("&Type:"), self.kind_combo), 1, 0)
        grid.addWidget(self.kind_combo, 1, 1)
        grid.addWidget(label(self.tr("&Parathed:"), self.readiness_combo), 1, 2)
        grid.addWidget(self.readiness_combo, 1, 3)
        grid.addWidget(label(self.tr("Henven&der:"), self.requester_combo), 1, 4)
        grid.addWidget(self.requester_combo, 1, 5)
        grid.addWidget(label(self.tr("&Antal:"), self.count_spin), 2, 0)
        grid.addWidget(self.count_spin, 2, 1)
        grid.addWidget(label(self.tr("&Note:"), self.note_edit), 2, 2)
        grid.addWidget(self.note_edit, 2, 3, 1, 3)
        self.handouts_label = QLabel()
        self.handouts_label.setObjectName("handoutsLabel")
        self.handouts_label.setAccessibleName(self.tr("Udleveret ved denne henvendelse"))
        self.handouts_label.setWordWrap(True)
        self.handouts_label.hide()
        grid.addWidget(self.handouts_label, 3, 0, 1, 6)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        return box

    def _build_tiles_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sagsområde – klik eller tast nummeret for at registrere"))
        box.setObjectName("tilesBox")
        self.tile_grid = QGridLayout(box)
        self.tile_grid.setSpacing(8)
        self.tiles: list[tuple[Area, TwoLineButton]] = []
        self._tiles_placeholder = QLabel(self.tr("Åbner databasen …"))
        self._tiles_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tile_grid.addWidget(self._tiles_placeholder, 0, 0)
        return box

    def _populate_tiles(self, areas: list[Area]) -> None:
        self._tiles_placeholder.hide()
        grid = self.tile_grid
        for _area, old in self.tiles:
            grid.removeWidget(old)
            old.deleteLater()
        self.tiles = []
        for position, area in enumerate(areas):
            key = TILE_KEYS[position] if position < len(TILE_KEYS) else ""
            tile = TwoLineButton(area.label(self.language), key)
            tile.setObjectName(f"area_{area.id}")
            tile.setProperty("tile", True)
            name = area.label(self.language)
            tile.setAccessibleName(
                self.tr("Registrér {area} (tast {key})").format(area=name, key=key)
                if key
                else self.tr("Registrér {area}").format(area=name)
            )
            tile.setMinimumHeight(52)
            tile.clicked.connect(lambda _=False, area_id=area.id: self.log_area(area_id))
            grid.addWidget(tile, position // TILE_COLUMNS, position % TILE_COLUMNS)
            self.tiles.append((area, tile))

    def _build_favourites_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Favoritter – én tast registrerer hele kombinationen"))
        box.setObjectName("favouritesBox")
        grid = QGridLayout(box)
        grid.setSpacing(6)
        self.favourite_buttons: dict[str, TwoLineButton] = {}
        for position, key in enumerate(FAVOURITE_KEYS):
            button = TwoLineButton("", key, max_points=11, min_points=8, bold=False)
            button.setObjectName(f"favourite_{key}")
            button.setProperty("favourite", True)
            button.setMinimumHeight(54)
            button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            button.customContextMenuRequested.connect(
                lambda _pos, slot=key: self._favourite_menu(slot)
            )
            button.clicked.connect(lambda _=False, slot=key: self.log_favourite(slot))
            self.favourite_buttons[key] = button
            grid.addWidget(button, position // 4, position % 4)
        self._refresh_favourites()
        return box

    def _build_recent_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("I dag ved denne skranke"))
        box.setObjectName("recentBox")
        layout = QVBoxLayout(box)
        self.recent_model = RecentContactsModel(self.vocabulary, self.language, self)
        self.recent_view = QTableView()
        self.recent_view.setObjectName("recentView")
        self.recent_view.setAccessibleName(self.tr("Dagens henvendelser, nyeste først"))
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.verticalHeader().hide()
        self.recent_view.setAlternatingRowColors(True)
        # Fixed widths from the font, not ResizeToContents: that re-measures every row on each
        # new contact and made logging slower as the day went on.
        header = self.recent_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.recent_view.fontMetrics()
        samples = {
            "time": "00:00",
            "channel": max((c.label(self.language) for c in self.vocabulary.channels), key=len),
            "outcome": max(
                (o.short_label(self.language) for o in self.vocabulary.outcomes), key=len
            ),
            "assisted": self.tr("Medb."),
        }
        columns = RecentContactsModel.COLUMNS
        for name, sample in samples.items():
            header.resizeSection(columns.index(name), metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(columns.index("area"), QHeaderView.ResizeMode.Stretch)
        self.recent_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.recent_view.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        self.recent_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.recent_view.setWordWrap(False)
        layout.addWidget(self.recent_view, 1)
        buttons = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Fortryd seneste"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setAccessibleName(self.tr("Fortryd seneste registrering"))
        self.undo_button.setToolTip(self.tr("Ctrl+Z"))
        self.undo_button.clicked.connect(self.undo_last)
        self.void_button = QPushButton(self.tr("Annullér valgte"))
        self.void_button.setObjectName("voidButton")
        self.void_button.setAccessibleName(self.tr("Annullér de valgte henvendelser"))
        self.void_button.setToolTip(self.tr("Delete"))
        self.void_button.clicked.connect(self.void_selected)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.void_button)
        layout.addLayout(buttons)
        self.pin_button = QPushButton(self.tr("Gem seneste som favorit"))
        self.pin_button.setObjectName("pinButton")
        self.pin_button.setAccessibleName(self.tr("Gem seneste henvendelse som favorit"))
        self.pin_button.setToolTip(self.tr("Ctrl+D – lægges på første ledige F-tast"))
        self.pin_button.clicked.connect(self.pin_last_as_favourite)
        layout.addWidget(self.pin_button)
        return box

    def _build_tally_strip(self) -> QFrame:
        strip = QFrame()
        strip.setObjectName("tallyStrip")
        row = QHBoxLayout(strip)
        row.setContentsMargins(12, 6, 12, 6)
        self.tally_label = QLabel()
        self.tally_label.setObjectName("tallyLabel")
        self.tally_label.setAccessibleName(self.tr("Dagens optælling"))
        self.tally_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.tally_label)
        self.team_button = QPushButton(self.tr("Ledelsesinformation"))
        self.team_button.setObjectName("teamButton")
        self.team_button.setAccessibleName(self.tr("Åbn ledelsesinformation"))
        self.team_button.setToolTip(self.tr("Tal, grafer og eksport (Ctrl+L)"))
        self.team_button.clicked.connect(self.open_team_view)
        row.addWidget(self.team_button)
        return strip

    @Slot()
    def open_team_view(self) -> QWidget | None:
        """The team leader's view (loaded on demand: charts and exports are heavy)."""
        desk = self._ready()
        if desk is None:
            return None
        from skranke.costs import load_price_table  # noqa: PLC0415
        from ui.team_view import TeamView  # noqa: PLC0415

        if self._team_view is None:
            try:
                prices = load_price_table()
            except SkrankeError as error:
                self._show_error_plain(error)
                return None
            self._team_view = TeamView(
                desk.repository,
                self.vocabulary,
                self.catalog,
                prices,
                municipality_name=self.catalog.issuer_name(self.municipality_code),
                language=self.language,
            )
        self._team_view.show()
        self._team_view.raise_()
        self._team_view.activateWindow()
        return self._team_view

    def _shortcut(self, sequence: QKeySequence | str, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.activated.connect(slot)
        return shortcut

    def _build_shortcuts(self) -> None:
        for position, key in enumerate(TILE_KEYS):
            self._shortcut(key, lambda p=position: self._log_tile(p))
        for number, channel in enumerate(self.vocabulary.channels[:9], start=1):
            self._shortcut(
                f"Ctrl+{number}", lambda cid=channel.id: self.channel_buttons[cid].setChecked(True)
            )
        for key in FAVOURITE_KEYS:
            self._shortcut(key, lambda slot=key: self.log_favourite(slot))
        for plus in ("+", QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Plus)):
            self._shortcut(plus, self.count_spin.stepUp)
        for minus in ("-", QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Minus)):
            self._shortcut(minus, self.count_spin.stepDown)
        self._shortcut(QKeySequence.StandardKey.Undo, self.undo_last)
        self._shortcut("Ctrl+N", self.start_new_citizen)
        self._shortcut("Ctrl+D", self.pin_last_as_favourite)
        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        self._shortcut("F9", self.show_current_to_citizen)
        self._shortcut(QKeySequence.StandardKey.Print, self.open_sheet)
        self._shortcut("Ctrl+L", self.open_team_view)
        self._shortcut("Escape", self._escape)
        void = QAction(self.tr("Annullér valgte"), self.recent_view)
        void.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        void.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        void.triggered.connect(self.void_selected)
        self.recent_view.addAction(void)

    # ---- the form -------------------------------------------------------------------------

    def selected_channel(self) -> str:
        for channel_id, button in self.channel_buttons.items():
            if button.isChecked():
                return channel_id
        return self.vocabulary.channels[0].id

    def selected_outcome(self) -> str:
        for outcome_id, button in self.outcome_buttons.items():
            if button.isChecked():
                return outcome_id
        return self.vocabulary.default_outcome.id

    def current_choice(self, area_id: str) -> ContactChoice:
        return ContactChoice(
            channel=self.selected_channel(),
            area=area_id,
            outcome=self.selected_outcome(),
            kind=self.kind_combo.currentData(),
            assisted=self.assisted_box.isChecked(),
            exemption=self.exemption_box.isChecked(),
            readiness=self.readiness_combo.currentData(),
            requester=self.requester_combo.currentData(),
            on_behalf=self.on_behalf_box.isChecked(),
        )

    def reset_form(self) -> None:
        """Back to the common case. The channel stays: phone staff stay on the phone."""
        self._resetting = True
        try:
            self.outcome_buttons[self.vocabulary.default_outcome.id].setChecked(True)
            outcome = self.vocabulary.default_outcome
            self.assisted_box.setChecked(outcome.assisted)
            self.exemption_box.setChecked(outcome.exemption)
            self.on_behalf_box.setChecked(False)
            for combo in (self.kind_combo, self.readiness_combo, self.requester_combo):
                combo.setCurrentIndex(0)
            self.count_spin.setValue(1)
            self.note_edit.clear()
        finally:
            self._resetting = False
        self._clear_handouts()
        self.stopwatch.reset()
        self._update_timer_label()

    @Slot()
    def _on_form_changed(self) -> None:
        # Choosing anything for a contact means one is in progress: start its clock.
        if not self._resetting:
            self.stopwatch.start_if_idle()
            self._update_timer_label()

    @Slot()
    def _on_note_edited(self) -> None:
        self._on_form_changed()
        text = self.note_edit.text()
        flagged = find_cpr_like(text) is not None or len(text) > NOTE_MAX_LENGTH
        self.note_edit.setProperty("invalid", flagged)
        self.note_edit.style().unpolish(self.note_edit)
        self.note_edit.style().polish(self.note_edit)

    @Slot(QPushButton, bool)
    def _on_outcome_toggled(self, button: QPushButton, checked: bool) -> None:
        if not checked:
            return
        for outcome_id, candidate in self.outcome_buttons.items():
            if candidate is button:
                outcome = self.vocabulary.outcome(outcome_id)
                # The outcome pre-sets the flags; staff can still change them afterwards.
                self.assisted_box.setChecked(outcome.assisted)
                self.exemption_box.setChecked(outcome.exemption)
        self._on_form_changed()

    @Slot()
    def start_new_citizen(self) -> None:
        self.stopwatch.start()
        self._update_timer_label()
        self.statusBar().showMessage(self.tr("Ny borger: tiden kører."), 4000)

    @Slot()
    def _escape(self) -> None:
        self.error_banner.hide()
        self.reset_form()
        self.statusBar().showMessage(self.tr("Formularen er nulstillet."), 3000)

    def _update_timer_label(self) -> None:
        elapsed = self.stopwatch.elapsed_seconds()
        self.timer_label.setText(self.tr("Tid {time}").format(time=format_duration(elapsed)))
        self.timer_label.setProperty("running", elapsed is not None)
        self.timer_label.style().unpolish(self.timer_label)
        self.timer_label.style().polish(self.timer_label)

    @Slot()
    def _tick(self) -> None:
        self._update_timer_label()
        if self.desk is not None and self.desk.today() != self._day:  # past midnight
            self._day = self.desk.today()
            self.reload_today()

    # ---- logging --------------------------------------------------------------------------

    def _log_tile(self, position: int) -> None:
        if position < len(self.tiles):
            self.log_area(self.tiles[position][0].id)

    @Slot(str)
    def log_area(self, area_id: str) -> list[Contact]:
        """Log a contact about ``area_id`` with what the form shows."""
        return self._log(self.current_choice(area_id))

    @Slot(str)
    def log_favourite(self, key: str) -> list[Contact]:
        favourite = next((f for f in self._favourites if f.key == key), None)
        if favourite is None:
            self.statusBar().showMessage(
                self.tr("{key} er ledig. Gem en favorit med Ctrl+D efter en registrering.").format(
                    key=key
                ),
                5000,
            )
            return []
        return self._log(favourite.choice)

    def _log(self, choice: ContactChoice) -> list[Contact]:
        desk = self._ready()
        if desk is None:
            return []
        count = self.count_spin.value()
        try:
            contacts = desk.log(
                choice,
                count=count,
                duration_seconds=self.stopwatch.elapsed_seconds() if count == 1 else None,
                note=self.note_edit.text(),
                handouts=self._handouts,
            )
        except SkrankeError as error:
            self._show_error(error)
            return []
        self.error_banner.hide()
        first = contacts[0]
        self._last_choice = replace(
            choice,
            kind=first.kind,
            assisted=first.assisted,
            exemption=first.exemption,
            readiness=first.readiness,
            requester=first.requester,
        )
        self.recent_model.prepend(contacts)
        self.recent_view.scrollToTop()
        self.refresh_tally()
        label = describe(first, self.vocabulary, self.language)
        if count == 1:
            message = self.tr("✓ Registreret: {label}. Ctrl+Z fortryder.").format(label=label)
        else:
            message = self.tr("✓ Registreret {count} × {label}. Ctrl+Z fortryder.").format(
                count=count, label=label
            )
        self.statusBar().showMessage(message, 8000)
        self.reset_form()
        self.contactsLogged.emit(contacts)
        return contacts

    def _show_error(self, error: SkrankeError) -> None:
        """Say what is wrong; keep everything the user entered so nothing is lost."""
        text = error_text(error)
        if not isinstance(error, CprLikeNoteError | NoteTooLongError):
            text = self.tr("Henvendelsen er IKKE gemt. {reason}").format(reason=text)
        self._show_banner(text)
        self.statusBar().showMessage(self.tr("Ikke gemt – se meddelelsen øverst."), 8000)
        if isinstance(error, CprLikeNoteError):
            self.note_edit.setFocus()
            self.note_edit.setSelection(error.start, error.end - error.start)
        elif isinstance(error, NoteTooLongError):
            self.note_edit.setFocus()

    # ---- undo and void --------------------------------------------------------------------

    @Slot()
    def undo_last(self) -> None:
        desk = self._ready()
        if desk is None:
            return
        if not desk.can_undo:
            self.statusBar().showMessage(self.tr("Der er intet at fortryde."), 4000)
            return
        try:
            voided = desk.undo_last()
        except SkrankeError as error:
            self._show_error_plain(error)
            return
        self._after_void(voided, self.tr("Fortrudt"))

    @Slot()
    def void_selected(self) -> None:
        desk = self._ready()
        if desk is None:
            return
        rows = sorted({index.row() for index in self.recent_view.selectionModel().selectedRows()})
        targets = [self.recent_model.contact(row) for row in rows]
        targets = [contact for contact in targets if not contact.voided]
        if not targets:
            self.statusBar().showMessage(
                self.tr("Vælg en eller flere henvendelser i listen for at annullere dem."), 5000
            )
            return
        voided: list[Contact] = []
        try:
            for contact in targets:
                voided.append(desk.void(contact.id))
        except SkrankeError as error:
            self._show_error_plain(error)
        self._after_void(voided, self.tr("Annulleret"))

    def _after_void(self, voided: list[Contact], verb: str) -> None:
        if not voided:
            return
        self.recent_model.update(voided)
        self.refresh_tally()
        label = describe(voided[0], self.vocabulary, self.language)
        suffix = f" × {len(voided)}" if len(voided) > 1 else ""
        self.statusBar().showMessage(f"{verb}: {label}{suffix}", 8000)
        self.contactsVoided.emit(voided)

    def _show_error_plain(self, error: SkrankeError) -> None:
        self._show_banner(error_text(error))

    def _show_banner(self, text: str) -> None:
        self.error_banner.setText(text)
        self.error_banner.show()

    # ---- self-service solutions and the citizen screen ------------------------------------

    @property
    def citizen_screen(self) -> CitizenScreen:
        if self._citizen_screen is None:
            self._citizen_screen = CitizenScreen(
                self.settings.citizen_screen_clear_seconds, self.language
            )
        return self._citizen_screen

    @Slot()
    def focus_search(self, text: str = "") -> None:
        self.side_tabs.setCurrentWidget(self.solution_panel)
        self.solution_panel.focus_search(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing a letter anywhere starts a search (digits stay the tile keys)."""
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and len(text) == 1 and text.isalpha():
            self.focus_search(text)
            return
        super().keyPressEvent(event)

    @Slot(object)
    def show_to_citizen(self, solution: Solution) -> None:
        """Show the QR on the citizen screen and record it on the contact being logged."""
        self.solution_panel.display(solution)
        self.citizen_screen.show_solution(solution)
        handout = Handout(solution.id, "qr")
        if handout not in self._handouts:
            self._handouts.append(handout)
        if self.selected_outcome() == self.vocabulary.default_outcome.id:
            # The usual result of handing over a link; staff can still choose another.
            self.outcome_buttons["referred_to_self_service"].setChecked(True)
        self._on_form_changed()
        self._update_handouts_label()
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
        self.catalog = catalog
        self.solution_panel.set_index(SolutionIndex(catalog, self.vocabulary, self.language))

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
            printers={"a4": self.settings.a4_printer, "slip": self.settings.slip_printer},
            settings_path=self.settings_path,
            printer_factory=self.printer_factory or system_printer,
            parent=self,
        )
        dialog.printed.connect(self._sheet_printed)
        dialog.open()
        return dialog

    @Slot(object)
    def _sheet_printed(self, solution: Solution) -> None:
        handout = Handout(solution.id, "sheet")
        if handout not in self._handouts:
            self._handouts.append(handout)
        self._update_handouts_label()
        self.statusBar().showMessage(
            self.tr("Vejledningen til {title} er udskrevet.").format(
                title=solution.title(self.language)
            ),
            6000,
        )

    def _clear_handouts(self) -> None:
        self._handouts = []
        self._update_handouts_label()
        if self._citizen_screen is not None:
            self._citizen_screen.clear()
        self.solution_panel.display(None)

    def _update_handouts_label(self) -> None:
        titles = []
        for handout in self._handouts:
            solution = self.catalog.get(handout.solution)
            title = solution.title(self.language) if solution else handout.solution
            if handout.how == "sheet":
                title = self.tr("{title} (udskrevet)").format(title=title)
            titles.append(title)
        self.handouts_label.setText(
            self.tr("Udleveret til borgeren: {titles}").format(titles=", ".join(titles))
        )
        self.handouts_label.setVisible(bool(titles))

    # ---- favourites -----------------------------------------------------------------------

    def _refresh_favourites(self) -> None:
        broken = favourite_problems(
            replace(self.settings, favourites=tuple(self._favourites)), self.vocabulary
        )
        by_key = {favourite.key: favourite for favourite in self._favourites}
        for key, button in self.favourite_buttons.items():
            favourite = by_key.get(key)
            if favourite is None:
                button.set_label(self.tr("ledig"))
                button.setAccessibleName(self.tr("Favorit {key}: ledig").format(key=key))
                button.setToolTip(self.tr("Gem seneste henvendelse her: højreklik"))
                button.setProperty("empty", True)
                button.setEnabled(True)
            elif key in broken:
                button.set_label(self.tr("ugyldig"))
                button.setAccessibleName(self.tr("Favorit {key}: ugyldig").format(key=key))
                button.setToolTip(error_text(broken[key]))
                button.setProperty("empty", True)
                button.setEnabled(False)
            else:
                label = describe(favourite.choice, self.vocabulary, self.language)
                button.set_label(self._favourite_label(favourite.choice))
                button.setAccessibleName(
                    self.tr("Favorit {key}: {label}").format(key=key, label=label)
                )
                button.setToolTip(self.tr("{label} ({key})").format(label=label, key=key))
                button.setProperty("empty", False)
                button.setEnabled(True)
            button.style().unpolish(button)
            button.style().polish(button)

    def _favourite_label(self, choice: ContactChoice) -> str:
        vocabulary, language = self.vocabulary, self.language
        area = vocabulary.area(choice.area).label(language)
        channel = vocabulary.channel(choice.channel).short_label(language)
        outcome = vocabulary.outcome(choice.outcome).short_label(language)
        return f"{area}\n{channel} · {outcome}"

    def _favourite_menu(self, key: str) -> None:
        menu = QMenu(self)
        pin = menu.addAction(self.tr("Gem seneste henvendelse på {key}").format(key=key))
        pin.setEnabled(self._last_choice is not None)
        pin.triggered.connect(lambda: self.pin_last_as_favourite(key))
        remove = menu.addAction(self.tr("Fjern favorit {key}").format(key=key))
        remove.setEnabled(any(f.key == key for f in self._favourites))
        remove.triggered.connect(lambda: self.remove_favourite(key))
        button = self.favourite_buttons[key]
        menu.popup(button.mapToGlobal(button.rect().center()))

    @Slot()
    def pin_last_as_favourite(self, key: str | None = None) -> None:
        if self._last_choice is None:
            self.statusBar().showMessage(
                self.tr("Registrér først en henvendelse; den kan så gemmes som favorit."), 5000
            )
            return
        used = {favourite.key for favourite in self._favourites}
        if key is None:
            key = next((k for k in FAVOURITE_KEYS if k not in used), None)
        if key is None:
            self.statusBar().showMessage(
                self.tr("Alle F-taster er i brug. Højreklik en favorit for at fjerne den."), 6000
            )
            return
        favourites = [f for f in self._favourites if f.key != key]
        favourites.append(Favourite(key, self._last_choice))
        favourites.sort(key=lambda f: FAVOURITE_KEYS.index(f.key))
        if self._save_favourites(favourites):
            label = describe(self._last_choice, self.vocabulary, self.language)
            self.statusBar().showMessage(
                self.tr("{label} er gemt på {key}.").format(label=label, key=key), 6000
            )

    @Slot(str)
    def remove_favourite(self, key: str) -> None:
        if self._save_favourites([f for f in self._favourites if f.key != key]):
            self.statusBar().showMessage(self.tr("{key} er nu ledig.").format(key=key), 5000)

    def _save_favourites(self, favourites: list[Favourite]) -> bool:
        if self.settings_path is not None:
            try:
                save_user_settings(self.settings_path, favourites=favourites)
            except (OSError, SkrankeError) as error:
                reason = error_text(error) if isinstance(error, SkrankeError) else str(error)
                self._show_banner(
                    self.tr("Favoritten kunne ikke gemmes i {path}: {reason}").format(
                        path=self.settings_path, reason=reason
                    )
                )
                return False
        self._favourites = favourites
        self._refresh_favourites()
        return True

    # ---- today's figures ------------------------------------------------------------------

    def reload_today(self) -> None:
        if self.desk is None:
            return
        try:
            self.recent_model.reset(self.desk.today_contacts())
        except SkrankeError as error:
            self._show_error_plain(error)
        self.refresh_tally()

    def refresh_tally(self) -> None:
        if self.desk is None:
            return
        try:
            tally = self.desk.today_tally()
        except SkrankeError as error:
            self._show_error_plain(error)
            return
        self.tally_label.setText(self.tally_text(tally))

    def tally_text(self, tally: DayTally) -> str:
        if tally.total == 1:
            parts = [self.tr("I dag: 1 henvendelse")]
        else:
            parts = [self.tr("I dag: {total} henvendelser").format(total=tally.total)]
        for channel in self.vocabulary.channels:
            count = tally.by_channel.get(channel.id, 0)
            if channel.primary or count:
                parts.append(f"{channel.label(self.language)} {count}")
        share = tally.assisted_share
        shown = "–" if share is None else f"{round(share * 100)} %"
        parts.append(self.tr("Hjælp til selvbetjening {share}").format(share=shown))
        return "   ·   ".join(parts)

    def select_contact_row(self, row: int) -> None:
        """Select one row of the recent list (used by keyboard users and tests)."""
        index = self.recent_model.index(row, 0)
        self.recent_view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.recent_view.setCurrentIndex(index)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock_timer.stop()
        super().closeEvent(event)
