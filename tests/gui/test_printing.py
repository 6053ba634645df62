"""Print a guidance sheet from the counter: preview, print, save; recorded on the contact."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.contact import Handout
from skranke.settings import Settings, read_settings_file
from tests.gui.counter_page import CounterPage
from ui import sheet_dialog
from ui.counter_window import CounterWindow
from ui.sheet_dialog import PrinterFactory, SheetDialog

MOVING_URL = "https://www.borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte"


def _decode_pdf_page(path: Path, tmp_path: Path) -> list[str]:
    """Rasterise page 1 with poppler and read the QR with zxing-cpp (both independent)."""
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    pgm = next(tmp_path.glob("p*.pgm")).read_bytes()
    header = pgm.split(b"\n", 3)
    width, height = (int(v) for v in header[1].split())
    pixels = np.frombuffer(header[3], dtype=np.uint8)[: width * height].reshape(height, width)
    return [r.text for r in zxingcpp.read_barcodes(pixels)]


@pytest.fixture
def printed_to(tmp_path: Path) -> Path:
    return tmp_path / "printed.pdf"


@pytest.fixture
def counter(make_window, printed_to: Path, desk: CounterDesk) -> CounterWindow:  # type: ignore[no-untyped-def]
    window = make_window(
        Settings(desk="Skranke 1", municipality="165", a4_printer="Skranke-test-printer")
    )
    window.printer_factory = _printing_to(printed_to)
    return window


def _printing_to(path: Path, kind: type[QPrinter] = QPrinter) -> PrinterFactory:
    """A printer factory whose printers write PDF files to ``path`` instead of paper."""

    def pdf_printer(sheet_format: str, name: str) -> QPrinter:
        printer = kind(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    return pdf_printer


def _show_moving(qtbot: QtBot, window: CounterWindow) -> None:
    qtbot.keyClicks(window, "f")
    qtbot.keyClicks(window.solution_panel.search_edit, "lyt")
    qtbot.keyClick(window.solution_panel.search_edit, Qt.Key.Key_Return)


def _opened(qtbot: QtBot, window: CounterWindow) -> SheetDialog:
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SheetDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=10_000)
    return dialog


def test_print_the_sheet_and_it_is_recorded(
    qtbot: QtBot, counter: CounterWindow, desk: CounterDesk, printed_to: Path, tmp_path: Path
) -> None:
    counter_page = CounterPage(counter, qtbot)
    _show_moving(qtbot, counter)
    dialog = _opened(qtbot, counter)
    assert dialog.page_count() >= 1  # the preview shows the PDF's pages
    with qtbot.waitSignal(dialog.printed, timeout=20_000):
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    reader = PdfReader(printed_to)
    assert len(reader.pages) == dialog.page_count()
    assert abs(float(reader.pages[0].mediabox.width) - 595.3) < 2  # A4, as rendered
    assert _decode_pdf_page(printed_to, tmp_path) == [MOVING_URL]
    assert Handout("moving", "sheet") in counter.form.handouts.items
    assert "(udskrevet)" in counter_page.handouts_label.text()
    qtbot.mouseClick(
        next(t for a, t in counter_page.tiles if a.id == "moving"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not counter.worker.busy)  # stored on the desk's worker thread
    (contact,) = [c for c in desk.today_contacts() if not c.voided]
    assert set(contact.handouts) == {Handout("moving", "qr"), Handout("moving", "sheet")}


def test_the_slip_prints_on_80_mm_paper(
    qtbot: QtBot, counter: CounterWindow, printed_to: Path
) -> None:
    counter.store.update(slip_printer="Bon")
    _show_moving(qtbot, counter)
    dialog = _opened(qtbot, counter)
    dialog.variant_combo.setCurrentIndex(2)  # Bon (80 mm)
    qtbot.waitUntil(
        lambda: dialog.pdf is not None and dialog.sheet_format == "slip", timeout=10_000
    )
    item = dialog.pages_layout.itemAt(0)  # the slip's page (the A4 one may await deletion)
    preview = item.widget() if item is not None else None
    assert isinstance(preview, QLabel)
    # Once laid out in the dialog, the preview shows the slip itself, not a tall white strip
    # around it.
    qtbot.waitUntil(
        lambda: (
            preview.isVisible()
            and 10 < preview.height() <= preview.pixmap().deviceIndependentSize().height() + 2
        )
    )
    with qtbot.waitSignal(dialog.printed, timeout=20_000):
        dialog.print_sheet()
    page = PdfReader(printed_to).pages[0]
    assert abs(float(page.mediabox.width) - 226.8) < 2  # 80 mm


def test_save_as_pdf_writes_the_same_pdf(
    qtbot: QtBot, counter: CounterWindow, tmp_path: Path
) -> None:
    _show_moving(qtbot, counter)
    dialog = _opened(qtbot, counter)
    target = tmp_path / "vejledning.pdf"
    assert dialog.save_pdf(str(target))
    assert target.read_bytes() == dialog.pdf
    assert not dialog.save_pdf(str(tmp_path / "missing" / "dir" / "x.pdf"))
    assert "Kunne ikke gemme" in dialog.status.text()


def test_ctrl_p_without_a_solution_says_what_to_do(qtbot: QtBot, counter: CounterWindow) -> None:
    qtbot.keyClick(counter, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert counter.findChild(SheetDialog) is None
    assert "Find først en løsning" in counter.statusBar().currentMessage()


class _NamedPdfPrinter(QPrinter):
    """Prints to a PDF file but answers with the name the print dialog chose."""

    chosen = ""

    def printerName(self) -> str:
        return self.chosen or super().printerName()


class _PrintDialogChoosing:
    """Stands in for Qt's modal print dialog: the user picks a printer and presses Print."""

    opened = 0

    def __init__(self, printer: _NamedPdfPrinter, parent: object) -> None:
        self.printer = printer

    def exec(self) -> int:
        type(self).opened += 1
        self.printer.chosen = "HP LaserJet 4. sal"
        return QDialog.DialogCode.Accepted.value


def test_the_printer_chosen_once_is_used_at_the_next_ctrl_p_and_after_a_restart(
    qtbot: QtBot,
    make_window,  # type: ignore[no-untyped-def]
    printed_to: Path,
    settings_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Choosing the A4 printer used to crash (the key check refused "a4_printer"), and the
    # window kept a frozen copy of the settings, so the choice was forgotten at the next Ctrl+P.
    monkeypatch.setattr(sheet_dialog, "QPrintDialog", _PrintDialogChoosing)
    _PrintDialogChoosing.opened = 0
    window = make_window(Settings(desk="Skranke 1", municipality="165"))
    qtbot.waitUntil(window.isActiveWindow)  # offscreen activates the window a moment later
    window.printer_factory = _printing_to(printed_to, _NamedPdfPrinter)
    _show_moving(qtbot, window)
    for _ in range(2):
        dialog = _opened(qtbot, window)
        with qtbot.waitSignal(dialog.printed, timeout=20_000):
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.findChild(SheetDialog) is None)  # closed after printing
        printed_to.unlink()
    assert _PrintDialogChoosing.opened == 1  # asked once, remembered the second time
    assert window.store.current.a4_printer == "HP LaserJet 4. sal"
    assert read_settings_file(settings_path).a4_printer == "HP LaserJet 4. sal"
