"""Small widgets of the counter window: large two-line buttons for tiles and favourites."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

_FLAGS = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)


class TwoLineButton(QPushButton):
    """A large button with a main label and a small key hint above it.

    The label's font shrinks (down to ``min_points``) until every word fits the button, so
    long area names like "Navne- og adressebeskyttelse" are never cut.
    """

    def __init__(
        self,
        label: str,
        hint: str,
        parent: QWidget | None = None,
        *,
        max_points: float = 13.0,
        min_points: float = 8.0,
        bold: bool = True,
    ) -> None:
        super().__init__(parent)
        self._max_points = max_points
        self._min_points = min_points
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._hint = QLabel(hint)
        self._hint.setObjectName("hint")
        self._label = QLabel()
        self._label.setObjectName("label")
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setMinimumWidth(10)
        font = QFont(self._label.font())
        font.setBold(bold)
        self._label.setFont(font)
        for child in (self._hint, self._label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 6)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self._hint)
        layout.addLayout(top)
        layout.addWidget(self._label, 1)
        self.set_label(label)

    def set_label(self, label: str) -> None:
        # Break opportunities after "/" and "·" so long names and combinations wrap nicely.
        self._label.setText(label.replace("/", "/\u200b"))
        self._fit()

    def label(self) -> str:
        return self._label.text().replace("\u200b", "")

    def hint(self) -> str:
        return self._hint.text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        text = self._label.text()
        width = max(10, self.width() - 14)
        height = max(10, self.height() - self._hint.sizeHint().height() - 10)
        font = QFont(self._label.font())
        points = self._max_points
        while points > self._min_points:
            font.setPointSizeF(points)
            metrics = QFontMetrics(font)
            words = text.replace("\u200b", " ").replace("\n", " ").split()
            widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
            box = metrics.boundingRect(QRect(0, 0, width, 10_000), _FLAGS, text)
            if widest <= width and box.height() <= height:
                break
            points -= 0.5
        font.setPointSizeF(max(points, self._min_points))
        if font != self._label.font():
            self._label.setFont(font)
