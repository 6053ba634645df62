"""Layouts that reflow to the width they get, so a window fits a small screen (at 200 % a
1920-pixel screen is 960 logical pixels wide) without cutting a button or a label.

- ``FlowLayout``: widgets side by side, wrapping onto more rows when the width runs out;
  ``justify`` stretches each row's widgets to the full width (a row of equal buttons).
- ``columns_that_fit`` and ``flow_grid``: label-and-field pairs in as many columns as fit.

Loaded before the counter's first paint: no ``Qt`` enum namespace here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QGridLayout, QLayout, QLayoutItem, QWidget

SPACING = 12  # between columns of label-and-field pairs


class FlowLayout(QLayout):
    """Items in rows as wide as the layout; each row as high as its tallest item."""

    def __init__(
        self, parent: QWidget | None = None, *, spacing: int = 6, justify: bool = False
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._justify = justify
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown)
        width += self.spacing() * max(0, len(shown) - 1) + margins.left() + margins.right()
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest item (one item a row); as low as one row: the height a
        width needs comes from ``heightForWidth``, which the layouts around ask for."""
        margins = self.contentsMargins()
        width = max((item.minimumSize().width() for item in self._shown()), default=0)
        width += margins.left() + margins.right()
        return QSize(width, self.sizeHint().height())

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        rows: list[list[QLayoutItem]] = []
        used = 0
        for item in self._shown():
            need = item.sizeHint().width()
            if rows and used + self.spacing() + need <= width:
                rows[-1].append(item)
                used += self.spacing() + need
            else:
                rows.append([item])
                used = need
        return rows

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        top = inner.y()
        for row in self._rows(inner.width()):
            height = max(item.sizeHint().height() for item in row)
            if apply:
                widths = [min(item.sizeHint().width(), inner.width()) for item in row]
                free = inner.width() - sum(widths) - self.spacing() * (len(row) - 1)
                if self._justify and free > 0:
                    for index in range(len(row)):  # the spare width shared out evenly
                        widths[index] += free // len(row) + (index < free % len(row))
                left = inner.x()
                for item, item_width in zip(row, widths, strict=True):
                    own = min(height, item.maximumSize().height())  # a fixed height: centred
                    place = QPoint(left, top + (height - own) // 2)
                    item.setGeometry(QRect(place, QSize(item_width, own)))
                    left += item_width + self.spacing()
            top += height + self.spacing()
        used = top - self.spacing() - inner.y() if top > inner.y() else 0
        return used + margins.top() + margins.bottom()


def columns_that_fit(groups: Sequence[tuple[QWidget, ...]], room: int, most: int) -> int:
    """The most columns (up to ``most``) in which ``groups`` fit ``room`` pixels wide."""
    for columns in range(min(most, len(groups)), 1, -1):
        need = 0
        for column in range(columns):
            members = groups[column::columns]
            for part in range(len(groups[0])):
                need += max(m[part].minimumSizeHint().width() for m in members) + SPACING
        if need <= room:
            return columns
    return 1


def flow_grid(
    grid: QGridLayout, groups: Sequence[tuple[QWidget, ...]], columns: int, first_row: int = 0
) -> int:
    """Lay ``groups`` (a label and its field, or one widget) out ``columns`` to a row from
    ``first_row`` on; the last part of each group takes the spare width. Returns the next
    free row."""
    width = max(len(group) for group in groups)
    for index, group in enumerate(groups):
        for offset, widget in enumerate(group):
            grid.addWidget(widget, first_row + index // columns, (index % columns) * width + offset)
    for column in range(8 * width):
        last = column % width == width - 1
        grid.setColumnStretch(column, 1 if last and column < columns * width else 0)
    return first_row + (len(groups) + columns - 1) // columns
