"""Small widgets of the counter window: large two-line buttons for tiles and favourites."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

_FLAGS = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
_SIDE, _TOP = 5, 2  # the label's margins inside the button


class TwoLineButton(QPushButton):
    """A large button with a main label and a small key hint above it.

    Long labels wrap onto more lines first; only when a single word or the lines do not fit
    does the font get smaller, never below ``min_points``; a word still too wide is then
    hyphenated. Buttons in one group (``share_font``: the tiles, a row of favourites) use one
    size, the largest that fits all of them, so a group never mixes sizes.
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
        self._text = ""
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
        # The key hint sits in the top right corner, over the label's margin, so the label
        # keeps the button's whole height for its lines.
        # No layout: the button's height for a width is its own (``heightForWidth``); Qt
        # would ask a layout instead. ``resizeEvent`` places the label.
        self._label.setParent(self)
        self._hint.setParent(self)
        self._apply(max_points)
        self.set_label(label)

    @staticmethod
    def share_font(rows: Sequence[Sequence[TwoLineButton]]) -> None:
        """The buttons in each group get one font size."""
        for row in rows:
            peers = list(row)
            for button in peers:
                button._peers = peers
            if peers:
                peers[0]._fit_row()

    def set_label(self, label: str) -> None:
        # Break opportunities after "/" and "-" so long names and combinations wrap nicely.
        self._text = label.replace("/", "/\u200b").replace("-", "-\u200b")
        self._fit_row()

    def label(self) -> str:
        return self._text.replace("\u200b", "")

    def hint(self) -> str:
        return self._hint.text()

    def label_points(self) -> float:
        return self._label.font().pointSizeF()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The height in which the label fits ``width`` at the smallest size, beside the key
        hint (never under it): a narrow window (200 % scaling) makes its tiles taller, and
        the column scrolls. Measured at one fixed size, so the answer never depends on the
        size the label has now."""
        metrics = QFontMetrics(self._font(self._min_points))
        room = max(10, width - 2 * _SIDE - 2 * (self._hint.sizeHint().width() + 2) - 2)
        box = metrics.boundingRect(QRect(0, 0, room, 10_000), _FLAGS, self._broken(metrics, room))
        return max(self.minimumHeight(), box.height() + 2 * _TOP + 2)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(hint.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._label.setGeometry(_SIDE, _TOP, self.width() - 2 * _SIDE, self.height() - 2 * _TOP)
        self._hint.adjustSize()
        self._hint.move(self.width() - self._hint.width() - 5, 1)
        self._fit_row()

    def _fit_row(self) -> None:
        points = min(peer._best_points() for peer in self._peers)
        for peer in self._peers:
            peer._apply(points)

    def _apply(self, points: float) -> None:
        font = self._font(points)
        if font != self._label.font():
            self._label.setFont(font)
        text, side = self._shape(points, whole_words=False) or self._clipped(points)
        if text != self._label.text():
            self._label.setText(text)
        if self._label.contentsMargins().left() != side:
            self._label.setContentsMargins(side, 0, side, 0)

    def _font(self, points: float) -> QFont:
        font = QFont(self.font())
        font.setBold(self._bold)
        font.setPointSizeF(points)
        return font

    def _room(self) -> tuple[int, int]:
        width = max(10, self.width() - 2 * _SIDE)
        height = max(10, self.height() - 2 * _TOP)
        return width, height

    def _broken(self, metrics: QFontMetrics, width: int) -> str:
        """The label with each word too wide for ``width`` hyphenated onto more lines."""
        lines = []
        for line in self._text.split("\n"):
            words = [
                "\u200b".join(_hyphenate(part, metrics, width) for part in word.split("\u200b"))
                for word in line.split(" ")
            ]
            lines.append(" ".join(words))
        return "\n".join(lines)

    def _shape(self, points: float, *, whole_words: bool) -> tuple[str, int] | None:
        """The text to show at ``points`` and the label's side margin, or None if it does not
        fit. A block of lines tall enough to reach the key hint in the corner is kept narrow
        (margins as wide as the hint on both sides, so it stays centred)."""
        metrics = QFontMetrics(self._font(points))
        width, height = self._room()
        hint = self._hint.sizeHint()
        words = self._text.replace("\u200b", " ").replace("\n", " ").split()
        # Clear of the hint, full width; then narrow. Never under the hint: a label that
        # ran into its key ("Foreign nationals/" into its "9") reads as one word.
        for side, clear in ((0, True), (hint.width() + 2, False)):
            room = width - 2 * side - 2  # a bold letter may reach past its advance
            if whole_words and max(map(metrics.horizontalAdvance, words), default=0) > room:
                continue
            text = self._broken(metrics, room)
            box = metrics.boundingRect(QRect(0, 0, room, 10_000), _FLAGS, text)
            if clear and box.height() + 2 * (hint.height() - 4) > height:
                continue
            if box.height() <= height:
                return text, side
        return None

    def _clipped(self, points: float) -> tuple[str, int]:
        """Nothing fits even at the smallest size: the whole width, hyphenated."""
        return self._broken(QFontMetrics(self._font(points)), self._room()[0]), 0

    def _best_points(self) -> float:
        """The largest size (in half points) at which the label fits this button: wrapped at
        spaces if possible, else with long words hyphenated, never below ``min_points``."""
        if not self._text:
            return self._max_points
        sizes = []
        points = self._max_points
        while points >= self._min_points:
            sizes.append(points)
            points -= 0.5
        for whole_words in (True, False):
            for points in sizes:
                if self._shape(points, whole_words=whole_words) is not None:
                    return points
        return self._min_points


_VOWELS = frozenset("aeiouyæøåAEIOUYÆØÅ")


def _hyphenate(word: str, metrics: QFontMetrics, width: int) -> str:
    """``word`` cut with hyphens into pieces that each fit ``width``.

    Each cut is the last one that fits before a syllable (a consonant followed by a vowel),
    as Danish hyphenates: "registrerings-bevis", "adressebeskyt-telse".
    """
    pieces = []
    rest = word
    while metrics.horizontalAdvance(rest) > width and len(rest) > 5:
        fitting = [
            cut
            for cut in range(3, len(rest) - 3)  # at least four letters on the next line
            if metrics.horizontalAdvance(rest[:cut] + "-") <= width
        ]
        if not fitting:
            break
        syllables = [
            cut for cut in fitting if rest[cut] not in _VOWELS and rest[cut + 1] in _VOWELS
        ]
        cut = max(syllables or fitting)
        pieces.append(rest[:cut] + "-")
        rest = rest[cut:]
    pieces.append(rest)
    return "\u200b".join(pieces)
