"""Find a self-service solution as you type and show its QR code.

Signals:
    solutionChosen(object): staff chose a ``Solution`` to show the citizen (Enter, a click
        or a double-click in the list).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFont, QFontMetrics, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skranke.catalog import Solution
from skranke.formatting import breakable_url
from skranke.search import SolutionIndex
from ui.qr_widget import QrWidget
from ui.reflow import FlowLayout


class SolutionPanel(QWidget):
    solutionChosen = Signal(object)  # noqa: N815 - Qt naming

    def __init__(
        self, index: SolutionIndex | None, language: str = "da", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("solutionPanel")
        self._index = index
        self._language = language
        self._usage: Mapping[str, int] = {}
        self.shown: Solution | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName(self.tr("Søg selvbetjeningsløsning"))
        self.search_edit.setPlaceholderText(self.tr("Søg: skriv fx flyt, mitid, gult kort …"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_text_changed)
        self.search_edit.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("resultsList")
        self.results.setAccessibleName(self.tr("Fundne løsninger"))
        self.results.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setWordWrap(False)
        self.results.itemActivated.connect(self._on_item_activated)
        self.results.itemClicked.connect(self._on_item_activated)
        self.title_label = QLabel()
        self.title_label.setObjectName("solutionTitle")
        self.title_label.setWordWrap(True)
        self.qr = QrWidget()
        self.qr.setObjectName("panelQr")
        self.url_label = QLabel()
        self.url_label.setObjectName("solutionUrl")
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setWordWrap(True)
        buttons = self._build_buttons()
        # Every part keeps its place whether a QR is shown or not, so neither this panel nor
        # the tiles beside it move when staff show a solution.
        rows = self.results.fontMetrics().lineSpacing() * 2 + 6  # two lines per result
        self.results.setMinimumHeight(rows * 4 + 4 * self.results.frameWidth() + 8)
        # Two lines of a solution's title, whether one is shown or not: showing one moves
        # nothing (a narrow window at 200 % wraps the idle text onto a second line too).
        title = QFont(self.title_label.font())
        title.setPointSizeF(13)
        title.setBold(True)
        self.title_label.setMinimumHeight(QFontMetrics(title).lineSpacing() * 2)
        self.qr.setMinimumSize(48, 48)  # room for the list at 200 %; it grows where it can
        lines = self.url_label.fontMetrics().lineSpacing()
        self.url_label.setMinimumHeight(lines * 2)
        for label in (self.title_label, self.url_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.qr, 3)
        layout.addWidget(self.url_label)
        layout.addLayout(buttons)
        self.display(None)

    def _build_buttons(self) -> FlowLayout:
        self.copy_button = self._button(
            self.tr("Kopiér link"), "copyLinkButton", self.tr("Kopiér linket til udklipsholderen")
        )
        self.copy_button.clicked.connect(self.copy_link)
        self.open_button = self._button(
            self.tr("Åbn i browser"), "openLinkButton", self.tr("Åbn linket i browseren")
        )
        self.open_button.clicked.connect(self.open_link)
        self.print_button = self._button(
            self.tr("Udskriv vejledning"),
            "printSheetButton",
            self.tr("Udskriv vejledning til borgeren"),
            self.tr("Ctrl+P"),
        )
        buttons = FlowLayout(justify=True)  # more rows in a narrow window
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        return buttons

    @staticmethod
    def _button(text: str, name: str, accessible: str, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        return button

    def set_index(self, index: SolutionIndex) -> None:
        self._index = index
        self._on_text_changed(self.search_edit.text())

    def set_usage(self, usage: Mapping[str, int]) -> None:
        """How often each solution was handed out: frequent ones rank first."""
        self._usage = usage

    def focus_search(self, text: str = "") -> None:
        self.search_edit.setFocus()
        if text:
            self.search_edit.setText(self.search_edit.text() + text)

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        self.results.clear()
        if self._index is None:
            return
        for solution in self._index.search(text, usage=self._usage):
            item = QListWidgetItem(f"{solution.title(self._language)}\n{solution.short_url}")
            item.setData(Qt.ItemDataRole.UserRole, solution)
            item.setToolTip(solution.url)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def result_titles(self) -> list[str]:
        return [self.results.item(i).text().split("\n")[0] for i in range(self.results.count())]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down move through the results and Enter chooses, without leaving the field."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.results.currentItem()
                if item is not None:
                    self._on_item_activated(item)
                return True
        return super().eventFilter(watched, event)

    @Slot(QListWidgetItem)
    def _on_item_activated(self, item: QListWidgetItem) -> None:
        solution = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(solution, Solution):
            self.display(solution)
            self.solutionChosen.emit(solution)

    def display(self, solution: Solution | None) -> None:
        self.shown = solution
        self.qr.set_text(solution.url if solution else None)
        self.title_label.setProperty("idle", solution is None)
        self.title_label.setText(
            solution.title(self._language)
            if solution
            else self.tr("Ingen løsning vist. Skriv for at søge; Enter viser QR-koden.")
        )
        self.title_label.style().polish(self.title_label)
        self.url_label.setText(breakable_url(solution.short_url) if solution else "")
        self.url_label.setToolTip(solution.url if solution else "")
        for button in (self.copy_button, self.open_button, self.print_button):
            button.setEnabled(solution is not None)

    @Slot()
    def copy_link(self) -> None:
        if self.shown is not None:
            QGuiApplication.clipboard().setText(self.shown.url)

    @Slot()
    def open_link(self) -> None:
        if self.shown is not None:
            QDesktopServices.openUrl(QUrl(self.shown.url))
