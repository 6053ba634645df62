"""Previewing and printing a PDF as it is: the pages are rasterised from the very PDF that
"save as PDF" writes (pypdfium2), never drawn a second time by hand.

Both functions may run on a worker thread: they touch no widgets (QImage and QPrinter may be
painted off the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from skranke.errors import PrintError

MAX_PRINT_DPI = 300


def _image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(
        bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
        QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBX8888,
    )  # fmt: skip
    return image.copy()  # own the pixels; the bitmap's buffer goes away


def page_images(pdf: bytes, dpi: float = 96) -> list[QImage]:
    """Every page of ``pdf`` as an image, for the preview."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_image(document[index], dpi) for index in range(len(document))]
    finally:
        document.close()


def print_pdf(
    pdf: bytes,
    printer: QPrinter,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Print every page of ``pdf`` at the printer's resolution, paper sized to the PDF's
    pages (an 80 mm slip stays 80 mm). Returns the number of pages printed."""
    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document)
        width, height = document.get_page_size(0)
        printer.setFullPage(True)
        printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "Skranke"))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(printer.printerName() or printer.outputFileName())
        try:
            # 300 dpi is sharp on paper (text and QR) and keeps an A4 page near 26 MB in memory;
            # a 1200 dpi printer would need 400 MB per page.
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            for index in range(count):
                if index:
                    printer.newPage()
                image = _image(document[index], dpi)
                target = printer.paperRect(QPrinter.Unit.DevicePixel)
                painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
                if progress is not None:
                    progress(index + 1, count)
        finally:
            painter.end()
        return count
    finally:
        document.close()
