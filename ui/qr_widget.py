"""A QR code drawn module by module: sharp at any size, never scaled as a bitmap."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from skranke.qr import QrMatrix, qr_matrix


class QrWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: QrMatrix | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self.setAccessibleName(self.tr("QR-kode"))

    def set_text(self, text: str | None) -> None:
        self._matrix = qr_matrix(text) if text else None
        self.setAccessibleDescription(text or "")
        self.update()

    def text(self) -> str | None:
        return self._matrix.text if self._matrix else None

    def sizeHint(self) -> QSize:
        return QSize(240, 240)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._matrix is None:
            return
        painter = QPainter(self)
        side = min(self.width(), self.height())
        size = self._matrix.size
        module = max(1, side // size)  # whole pixels per module: crisp edges for the camera
        full = module * size
        left = (self.width() - full) // 2
        top = (self.height() - full) // 2
        painter.fillRect(QRect(left, top, full, full), QColor("white"))
        dark = QColor("black")
        for y, start, length in self._matrix.dark_runs():
            painter.fillRect(
                QRect(left + start * module, top + y * module, length * module, module), dark
            )
        painter.end()
