"""Preview, print or save a solution's guidance sheet.

The preview shows the pages of the same PDF that is printed and saved. Rendering and printing
run off the GUI thread. The printer chosen for A4 and for slips is remembered in the settings.

Signals:
    printed(object): the ``Solution`` whose sheet was printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from skranke.catalog import Solution
from skranke.errors import SkrankeError
from skranke.sheets import SLIP_WIDTH_MM, Sender, SheetOptions, render_sheet
from ui.messages import error_text
from ui.printing import page_images, print_pdf
from ui.screen_fit import fit_to_screen
from ui.settings_store import QtSettingsStore
from ui.tasks import run_task

PREVIEW_DPI = 72
SLIP_ZOOM = 2.5  # the most a slip's preview is enlarged
PrinterFactory = Callable[[str, str], QPrinter]  # (format, remembered printer name) -> printer

VARIANTS = {  # combo index -> (large print, format)
    0: (False, "a4"),
    1: (True, "a4"),
    2: (False, "slip"),
}


def system_printer(sheet_format: str, name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name:
        printer.setPrinterName(name)
    printer.setDocName("Skranke")
    return printer


class SheetDialog(QDialog):
    printed = Signal(object)

    def __init__(
        self,
        solution: Solution,
        sender: Sender,
        *,
        language: str = "da",
        store: QtSettingsStore,
        printer_factory: PrinterFactory = system_printer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sheetDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new one for each Ctrl+P
        self.setWindowTitle(self.tr("Vejledning: {title}").format(title=solution.title(language)))
        fit_to_screen(self, QSize(760, 900))  # Print, Save and Close stay on the screen
        self.solution = solution
        self.sender_ = sender
        self.store = store  # the remembered printers live here
        self.printer_factory = printer_factory
        self.pdf: bytes | None = None
        self._busy = False

        top = self._build_choices(language)
        scroll = self._build_preview()
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(
            self.print_sheet
        )
        self.render_preview()

    def _build_choices(self, language: str) -> QHBoxLayout:
        self.variant_combo = QComboBox()
        self.variant_combo.setObjectName("variantCombo")
        self.variant_combo.setAccessibleName(self.tr("Udgave"))
        self.variant_combo.addItems(
            [self.tr("A4"), self.tr("A4 med stor skrift"), self.tr("Bon (80 mm)")]
        )
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setAccessibleName(self.tr("Sprog"))
        self.language_combo.addItem(self.tr("Dansk"), "da")
        self.language_combo.addItem(self.tr("Engelsk"), "en")
        self.language_combo.setCurrentIndex(1 if language == "en" else 0)
        for combo in (self.variant_combo, self.language_combo):
            combo.currentIndexChanged.connect(self.render_preview)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Udgave:")))
        top.addWidget(self.variant_combo)
        top.addWidget(QLabel(self.tr("Sprog:")))
        top.addWidget(self.language_combo)
        top.addStretch(1)

        return top

    def _build_preview(self) -> QScrollArea:
        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setAccessibleName(self.tr("Forhåndsvisning"))

        self.progress = QProgressBar()
        self.progress.setObjectName("sheetProgress")
        self.progress.setTextVisible(False)
        self.status = QLabel()
        self.status.setObjectName("sheetStatus")
        self.status.setWordWrap(True)

        return scroll

    def _build_buttons(self) -> QHBoxLayout:
        self.print_button = QPushButton(self.tr("Udskriv"))
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.setToolTip(self.tr("Enter eller Ctrl+P"))
        self.print_button.clicked.connect(self.print_sheet)
        self.choose_button = QPushButton(self.tr("Vælg printer …"))
        self.choose_button.setObjectName("choosePrinterButton")
        self.choose_button.clicked.connect(self.choose_printer)
        self.save_button = QPushButton(self.tr("Gem som PDF …"))
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(self.save_pdf)
        close = QPushButton(self.tr("Luk"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.choose_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        return buttons

    # ---- what is shown ------------------------------------------------------------------

    def options(self) -> SheetOptions:
        large_print, sheet_format = VARIANTS[self.variant_combo.currentIndex()]
        return SheetOptions(
            language=self.language_combo.currentData(),
            large_print=large_print,
            format=sheet_format,
        )

    @property
    def sheet_format(self) -> str:
        return self.options().format

    def _set_busy(self, text: str) -> None:
        self._busy = bool(text)
        self.status.setText(text)
        self.progress.setRange(0, 0 if text else 1)  # a moving bar while busy
        self.progress.setVisible(bool(text))
        for button in (self.print_button, self.choose_button, self.save_button):
            button.setEnabled(not text and self.pdf is not None)

    @Slot()
    def render_preview(self) -> None:
        """Render the PDF and its preview off the GUI thread."""
        options, solution, sender = self.options(), self.solution, self.sender_
        ratio = self.devicePixelRatioF()  # sharp on a 200 % screen too
        dpi: float = PREVIEW_DPI
        if options.format == "slip":  # an 80 mm slip fills the preview's width, not a corner
            room = self.width() - 80  # the dialog's margins, the scroll bar and some air
            dpi = PREVIEW_DPI * max(1.0, min(SLIP_ZOOM, room / (SLIP_WIDTH_MM / 25.4 * 72)))
        self.pdf = None
        self._set_busy(self.tr("Laver vejledningen …"))

        def work() -> tuple[SheetOptions, bytes, list[QImage]]:
            pdf = render_sheet(solution, options, sender)
            return options, pdf, page_images(pdf, dpi * ratio)

        run_task(work, self._rendered, self._failed)

    def _rendered(self, result: tuple[SheetOptions, bytes, list[QImage]]) -> None:
        options, pdf, images = result
        if options != self.options():
            return  # the user changed the variant meanwhile; that render is on its way
        self.pdf = pdf
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for number, image in enumerate(images, start=1):
            page = QLabel()
            page.setObjectName(f"previewPage{number}")
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            page.setPixmap(pixmap)
            paper = pixmap.deviceIndependentSize().toSize()
            page.setFixedSize(paper + QSize(2, 2))  # the paper, not the free space
            page.setStyleSheet("border: 1px solid #9fb3c8; background: white;")
            page.setAccessibleName(self.tr("Side {n}").format(n=number))
            self.pages_layout.addWidget(page)
        self._set_busy("")
        self.status.setText(self._printer_text())

    def _printer_text(self) -> str:
        name = self.remembered_printer()
        if name:
            return self.tr("Printer: {name}").format(name=name)
        return self.tr("Ingen printer valgt endnu: 'Udskriv' spørger hvilken.")

    def page_count(self) -> int:
        return self.pages_layout.count()

    # ---- printing and saving ------------------------------------------------------------

    @Slot()
    def print_sheet(self) -> None:
        """Print to the remembered printer; the first time, ask which printer."""
        if self._busy or self.pdf is None:
            return
        remembered = self.remembered_printer()
        if not remembered:
            self.choose_printer()
            return
        self._print(self.printer_factory(self.sheet_format, remembered))

    @Slot()
    def choose_printer(self) -> None:
        if self._busy or self.pdf is None:
            return
        printer = self.printer_factory(self.sheet_format, self.remembered_printer())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._remember(printer.printerName())
        self._print(printer)

    def _printer_setting(self) -> str:
        return "slip_printer" if self.sheet_format == "slip" else "a4_printer"

    def remembered_printer(self) -> str:
        """The printer chosen for this format before (read from the store each time)."""
        value = getattr(self.store.current, self._printer_setting())
        return value if isinstance(value, str) else ""

    def _remember(self, name: str) -> None:
        if not name or self.remembered_printer() == name:
            return
        try:
            self.store.update(**{self._printer_setting(): name})
        except SkrankeError as error:  # printing goes on; only remembering failed
            self.status.setText(
                self.tr("Printeren er ikke husket: {reason}").format(reason=error_text(error))
            )

    def _print(self, printer: QPrinter) -> None:
        pdf = self.pdf
        assert pdf is not None
        self._set_busy(self.tr("Udskriver …"))
        run_task(lambda: print_pdf(pdf, printer), self._printed, self._failed)

    def _printed(self, pages: int) -> None:
        self._set_busy("")
        self.status.setText(self.tr("Udskrevet: {pages} side(r).").format(pages=pages))
        self.printed.emit(self.solution)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy("")
        if isinstance(error, SkrankeError):
            self.status.setText(error_text(error))
        else:
            self.status.setText(self.tr("Fejl: {error}").format(error=error))

    @Slot()
    def save_pdf(self, path: str | None = None) -> bool:
        """Save the PDF as shown. Returns True when it was written."""
        if self.pdf is None:
            return False
        if path is None:
            suggestion = f"{self.solution.id}.pdf"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Gem vejledning som PDF"), suggestion, self.tr("PDF (*.pdf)")
            )
            if not path:
                return False
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as error:
            self.status.setText(
                self.tr("Kunne ikke gemme {path}: {reason}").format(
                    path=path, reason=error.strerror or error
                )
            )
            return False
        self.status.setText(self.tr("Gemt: {path}").format(path=path))
        return True
