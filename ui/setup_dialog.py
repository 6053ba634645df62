"""First-run set-up: the desk's name and the municipality, saved in the settings file."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from skranke.contact import DESK_MAX_LENGTH, clean_desk
from skranke.errors import SkrankeError
from skranke.municipalities import find_municipality, municipalities
from ui.messages import error_text
from ui.screen_fit import fit_to_screen


class SetupDialog(QDialog):
    """Asks for the desk name and municipality once; municipal IT can pre-place them."""

    def __init__(self, desk: str = "", municipality_code: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("Velkommen til Skranke"))
        fit_to_screen(self, QSize(560, 320))  # no wider than the screen at 200 %
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "<p>Skranke tæller henvendelser ved borgerservice – aldrig hvem borgeren er.</p>"
                "<p>Fortæl først, hvilken skranke og kommune denne pc hører til. "
                "Det gemmes på pc'en, så du kun bliver spurgt én gang.</p>"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.desk_edit = QLineEdit(desk)
        self.desk_edit.setObjectName("deskEdit")
        self.desk_edit.setAccessibleName(self.tr("Skrankens navn"))
        self.desk_edit.setPlaceholderText(self.tr("fx Skranke 3 eller Telefon 1"))
        self.desk_edit.setMaxLength(DESK_MAX_LENGTH)
        self.municipality_combo = QComboBox()
        self.municipality_combo.setObjectName("municipalityCombo")
        self.municipality_combo.setAccessibleName(self.tr("Kommune"))
        self.municipality_combo.setEditable(True)
        self.municipality_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for place in municipalities():
            self.municipality_combo.addItem(str(place), place.code)
        line_edit = self.municipality_combo.lineEdit()
        completer = self.municipality_combo.completer()
        assert line_edit is not None  # the combo is editable: it has both
        assert completer is not None
        line_edit.setPlaceholderText(self.tr("Skriv navn eller kode, fx Albertslund eller 165"))
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        index = self.municipality_combo.findData(municipality_code) if municipality_code else -1
        self.municipality_combo.setCurrentIndex(index)
        if index < 0:
            self.municipality_combo.setEditText("")
        form.addRow(self.tr("&Skrankens navn:"), self.desk_edit)
        form.addRow(self.tr("&Kommune:"), self.municipality_combo)
        layout.addLayout(form)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Gem og start"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Afslut"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.desk = ""
        self.municipality_code = ""

    def _municipality_text(self) -> str:
        text = self.municipality_combo.currentText().strip()
        index = self.municipality_combo.findText(text)
        if index >= 0:
            return str(self.municipality_combo.itemData(index))
        return text

    @Slot()
    def accept(self) -> None:
        try:
            desk = clean_desk(self.desk_edit.text())
        except SkrankeError as error:
            self._problem(error_text(error), self.desk_edit)
            return
        code = self._municipality_text()
        if not code:
            self._problem(self.tr("Vælg kommunen på listen."), self.municipality_combo)
            return
        try:
            self.municipality_code = find_municipality(code).code
        except SkrankeError as error:
            self._problem(error_text(error), self.municipality_combo)
            return
        self.desk = desk
        super().accept()

    def _problem(self, text: str, widget: QWidget) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()
        widget.setFocus()
