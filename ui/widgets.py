"""Small widgets of the counter window: large two-line buttons for tiles and favourites."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

_FLAGS = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)


class TwoLineButton(QPushButton):
    """A large button with a main label and a small key hint above it.

    Long labels wrap onto more lines first; only when a single word or the lines do not fit
    does the font get smaller, never below ``min_points``. Buttons that share a row
    (``share_font``) use one size, the largest that fits all of them, so a row never mixes
    sizes.
    """

    def __init__(
        self,
        label: str,
        hint: str,
        parent: QWidget | None = None,
        *,
        max_points: float = 13.0,
        min_points: float = 10.0,
        bold: bool = True,
    ) -> None:
        super().__init__(parent)
        self._max_points = max_points
        self._min_points = min_points
        self._peers: list[TwoLineButton] = [self]
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._hint = QLabel(hint)
        self._hint.setObjectName("hint")
        self._label = QLabel()
        self._label.setObjectName("label")
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setMinimumWidth(10)
        self._bold = bold
        for child in (self._hint, self._label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 6)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self._hint)
        layout.addLayout(top)
        layout.addWidget(self._label, 1)
        self._apply(max_points)
        self.set_label(label)

    @staticmethod
    def share_font(rows: Sequence[Sequence[TwoLineButton]]) -> None:
        """Buttons in one row get one font size."""
        for row in rows:
            peers = list(row)
            for button in peers:
                button._peers = peers
            if peers:
                peers[0]._fit_row()

    def set_label(self, label: str) -> None:
        # Break opportunities after "/" and "·" so long names and combinations wrap nicely.
        self._label.setText(label.replace("/", "/\u200b"))
        self._fit_row()

    def label(self) -> str:
        return self._label.text().replace("\u200b", "")

    def hint(self) -> str:
        return self._hint.text()

    def label_points(self) -> float:
        return self._label.font().pointSizeF()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_row()

    def _fit_row(self) -> None:
        points = min(peer._best_points() for peer in self._peers)
        for peer in self._peers:
            peer._apply(points)

    def _apply(self, points: float) -> None:
        font = self._font(points)
        if font != self._label.font():
            self._label.setFont(font)

    def _font(self, points: float) -> QFont:
        font = QFont(self.font())
        font.setBold(self._bold)
        font.setPointSizeF(points)
        return font

    def _best_points(self) -> float:
        """The largest size (in half points) at which the wrapped label fits this button."""
        text = self._label.text()
        if not text:
            return self._max_points
        width = max(10, self.width() - 14)
        height = max(10, self.height() - self._hint.sizeHint().height() - 10)
        words = text.replace("\u200b", " ").replace("\n", " ").split()
        points = self._max_points
        while points > self._min_points:
            metrics = QFontMetrics(self._font(points))
            widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
            box = metrics.boundingRect(QRect(0, 0, width, 10_000), _FLAGS, text)
            if widest <= width and box.height() <= height:
                break
            points -= 0.5
        return max(points, self._min_points)
