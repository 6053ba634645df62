"""Today's contacts at this desk, newest first: undo, void, pin as a favourite."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skranke.contact import Contact
from skranke.vocabulary import Vocabulary
from ui.recent_model import RecentContactsModel


class RecentView(QTableView):
    """The list of today's contacts, where Delete voids only rows staff chose.

    A selection lasts only while the list has the focus (a click elsewhere forgets it), and
    the list never picks a row by itself when the focus arrives. Letters are not a type-ahead
    here: they go on to the window, which starts the solution search with them.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and len(text) == 1 and text.isalpha():
            event.ignore()  # the window's "type anywhere to search"
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason and not self._selected():
            # Qt makes the first row current when the focus arrives; no row is chosen yet.
            self.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.Clear
            )

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        keep = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)
        taker = QApplication.focusWidget()
        if event.reason() in keep or (taker is not None and taker.property("actsOnSelection")):
            return
        self.forget_selection()

    def forget_selection(self) -> None:
        self.selectionModel().clearSelection()
        self.selectionModel().setCurrentIndex(
            QModelIndex(), QItemSelectionModel.SelectionFlag.Clear
        )

    def _selected(self) -> bool:
        return self.selectionModel().hasSelection()


class RecentPanel(QGroupBox):
    """Today's list with its buttons.

    Signals:
        undoRequested(): "Fortryd seneste".
        voidRequested(list): Delete or "Annullér valgte" on the contacts staff selected.
        pinRequested(): "Gem seneste som favorit".
    """

    undoRequested = Signal()  # noqa: N815 - Qt naming
    voidRequested = Signal(list)  # noqa: N815
    pinRequested = Signal()  # noqa: N815

    def __init__(
        self,
        vocabulary: Vocabulary,
        language: str,
        parent: QWidget | None = None,
        *,
        callers: bool = False,
    ) -> None:
        super().__init__(self.tr("I dag ved denne skranke"), parent)
        self.setObjectName("recentBox")
        layout = QVBoxLayout(self)
        self.model = RecentContactsModel(vocabulary, language, self, callers=callers)
        self.view = RecentView()
        self.view.setObjectName("recentView")
        self.view.setAccessibleName(self.tr("Dagens henvendelser, nyeste først"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        # Fixed widths from the font, not ResizeToContents: that re-measures every row on each
        # new contact and made logging slower as the day went on.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.view.fontMetrics()
        samples = {
            "time": "00:00",
            "channel": max((c.label(language) for c in vocabulary.channels), key=len),
            "outcome": max((o.short_label(language) for o in vocabulary.outcomes), key=len),
            "assisted": self.model.headerData(4, Qt.Orientation.Horizontal),
            "caller": "Høje-Taastrup",
        }
        columns = self.model.columns
        for name, sample in samples.items():
            if name not in columns:
                continue
            header.resizeSection(columns.index(name), metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(columns.index("area"), QHeaderView.ResizeMode.Stretch)
        self.view.viewport().installEventFilter(self)  # the area column keeps its name
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setWordWrap(False)
        layout.addWidget(self.view, 1)
        self.undo_button = self._button(
            self.tr("Fortryd seneste"),
            "undoButton",
            self.tr("Fortryd seneste registrering"),
            self.tr("Ctrl+Z"),
        )
        self.undo_button.clicked.connect(self.undoRequested)
        self.void_button = self._button(
            self.tr("Annullér valgte"),
            "voidButton",
            self.tr("Annullér de valgte henvendelser"),
            self.tr("Delete"),
        )
        self.void_button.setProperty("actsOnSelection", True)  # the selection survives a click
        self.void_button.clicked.connect(self.void_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.void_button)
        layout.addLayout(buttons)
        self.pin_button = self._button(
            self.tr("Gem seneste som favorit"),
            "pinButton",
            self.tr("Gem seneste henvendelse som favorit"),
            self.tr("Ctrl+D – lægges på første ledige F-tast"),
        )
        self.pin_button.clicked.connect(self.pinRequested)
        layout.addWidget(self.pin_button)
        void = QAction(self.tr("Annullér valgte"), self.view)
        void.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        void.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        void.triggered.connect(self.void_selected)
        self.view.addAction(void)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_area_column()
        return super().eventFilter(watched, event)

    def _fit_area_column(self) -> None:
        """The area takes the width the other columns leave, but never less than its name
        ("Område"): in a narrow list (200 %, or the hotline's extra Kommune column) the
        list scrolls sideways instead of squeezing the area to "mråd"."""
        header = self.view.horizontalHeader()
        area = self.model.columns.index("area")
        title = str(self.model.headerData(area, Qt.Orientation.Horizontal))
        least = header.fontMetrics().horizontalAdvance(title) + 3 * header.fontMetrics().height()
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != area)
        roomy = self.view.viewport().width() - others >= least
        mode = QHeaderView.ResizeMode.Stretch if roomy else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(area) != mode:
            header.setSectionResizeMode(area, mode)
        if not roomy:
            header.resizeSection(area, least)

    @staticmethod
    def _button(text: str, name: str, accessible: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        return button

    def selected_contacts(self) -> list[Contact]:
        """The contacts staff selected in the list and that still count."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        contacts = [self.model.contact(row) for row in rows]
        return [contact for contact in contacts if not contact.voided]

    @Slot()
    def void_selected(self) -> None:
        self.voidRequested.emit(self.selected_contacts())
