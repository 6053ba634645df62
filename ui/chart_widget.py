"""The team view's charts, painted by Qt from the same :class:`~skranke.charts.ChartData` the
PDF's matplotlib charts are drawn from.

Painting a description takes milliseconds at any size and pixel ratio, so the window needs no
matplotlib (1.5 s to import, ~0.1 s a chart, ~40 MB) and a resize repaints at once. The look
follows the PDF: title at the top left, the legend under it, never over the data.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from skranke.charts import ChartData, heat_colour, heat_ink, nice_ticks, thin_labels

INK = QColor("#14324f")
GRID = QColor("#e3e8ee")
MUTED = QColor("#6c7a89")
PAD = 8.0  # around the chart and between its parts, logical pixels
MOST_BARS = 62  # more categories than this (a quarter's days and up) are drawn as an area


class ChartWidget(QWidget):
    """One chart; :meth:`set_chart` shows another (``None``: nothing yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self.shown_title = ""  # the title as painted (the areas chart says how many fit)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(560, 290)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 200)

    def set_chart(self, data: ChartData | None) -> None:
        self.data = data
        title = data.title if data is not None else ""
        self.setAccessibleName(title)
        self.setToolTip(title)
        self.update()

    # ---- painting -------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        text = QFont(self.font())
        text.setPointSizeF(max(7.5, text.pointSizeF() * 0.9))
        title = QFont(self.font())
        title.setBold(True)
        return title, text

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        data = self.data
        if data is None:
            return
        title_font, text_font = self._fonts()
        area = QRectF(self.rect()).adjusted(PAD, PAD / 2, -PAD, -PAD / 2)
        title_height = QFontMetricsF(title_font).height()
        painter.setFont(text_font)
        top = area.top() + title_height + PAD / 2
        if data.legend and not data.empty:
            top = self._legend(painter, data, QRectF(area.left(), top, area.width(), 0))
        plot = QRectF(area.left(), top, area.width(), area.bottom() - top)
        if data.empty:
            painter.setPen(MUTED)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, data.empty_text)
            self.shown_title = data.title
        elif data.kind == "columns":
            self._columns(painter, data, plot)
        elif data.kind == "bars":
            self._bars(painter, data, plot)
        elif data.kind == "heat":
            self._heat(painter, data, plot)
        else:
            self._line(painter, data, plot)
        painter.setFont(title_font)
        painter.setPen(INK)
        title_rect = QRectF(area.left(), area.top(), area.width(), title_height)
        elided = QFontMetricsF(title_font).elidedText(
            self.shown_title, Qt.TextElideMode.ElideRight, area.width()
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )

    def _legend(self, painter: QPainter, data: ChartData, row: QRectF) -> float:
        """Colour squares and names, wrapped over as many lines as needed; returns the y
        under the legend."""
        metrics = painter.fontMetrics()
        line = metrics.height() + 2
        x, y = row.left(), row.top()
        for series in data.series:
            width = metrics.height() * 0.8 + 4 + metrics.horizontalAdvance(series.name) + 14
            if x > row.left() and x + width > row.right():
                x, y = row.left(), y + line
            square = metrics.height() * 0.7
            painter.fillRect(
                QRectF(x, y + (line - square) / 2, square, square), QColor(series.colour)
            )
            painter.setPen(INK)
            painter.drawText(
                QRectF(x + square + 4, y, width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                series.name,
            )
            x += width
        return y + line + PAD / 2

    def _value_axis(
        self, painter: QPainter, data: ChartData, plot: QRectF, top: float
    ) -> tuple[QRectF, list[float]]:
        """Grid lines and numbers of the vertical value axis; returns the room left for the
        data and the ticks."""
        metrics = painter.fontMetrics()
        ticks = nice_ticks(top, 5, whole=not data.percent)
        label_width = max(metrics.horizontalAdvance(data.number(t)) for t in ticks) + 6
        bottom_room = metrics.height() * (2.2 if data.axis_word else 1.3)
        inner = plot.adjusted(label_width, metrics.height() / 2, 0, -bottom_room)
        scale = inner.height() / ticks[-1]
        for tick in ticks:
            y = inner.bottom() - tick * scale
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(inner.left(), y), QPointF(inner.right(), y))
            painter.setPen(INK)
            painter.drawText(
                QRectF(plot.left(), y - metrics.height() / 2, label_width - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                data.number(tick),
            )
        return inner, ticks

    def _category_axis(
        self, painter: QPainter, data: ChartData, inner: QRectF, step: float
    ) -> None:
        """The category labels under ``inner`` (every n-th when they would overlap) and the
        axis word under them."""
        metrics = painter.fontMetrics()
        char = metrics.averageCharWidth()
        for index in thin_labels(data.labels, inner.width(), char, char * 2):
            centre = inner.left() + (index + 0.5) * step
            _under(painter, centre, inner.bottom() + 2, data.labels[index], self.width() - PAD)
        if data.axis_word:
            painter.drawText(
                QRectF(inner.left(), inner.bottom() + metrics.height() + 2, inner.width(),
                       metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                data.axis_word,
            )  # fmt: skip

    def _columns(self, painter: QPainter, data: ChartData, plot: QRectF) -> None:
        self.shown_title = data.title
        totals = data.totals()
        inner, ticks = self._value_axis(painter, data, plot, max(totals))
        scale = inner.height() / ticks[-1]
        step = inner.width() / len(data.labels)
        painter.setPen(Qt.PenStyle.NoPen)
        bottoms = [0.0] * len(data.labels)
        if len(data.labels) > MOST_BARS:  # a year of days: one stepped area per series
            for series in data.series:
                tops = [b + v for b, v in zip(bottoms, series.values, strict=True)]
                painter.setBrush(QColor(series.colour))
                painter.drawPolygon(_steps(inner, step, scale, tops, bottoms))
                bottoms = tops
        else:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp edges
            for series in data.series:
                colour = QColor(series.colour)
                for index, value in enumerate(series.values):
                    if value:
                        x = inner.left() + index * step + step * 0.1
                        y = inner.bottom() - (bottoms[index] + value) * scale
                        painter.fillRect(QRectF(x, y, step * 0.8, value * scale), colour)
                        bottoms[index] += value
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(INK)
        painter.drawLine(inner.bottomLeft(), inner.bottomRight())
        self._category_axis(painter, data, inner, step)

    def _bars(self, painter: QPainter, data: ChartData, plot: QRectF) -> None:
        metrics = painter.fontMetrics()
        row = metrics.height() * 1.3
        bottom_room = metrics.height() * 1.4
        shown = min(len(data.labels), max(1, int((plot.height() - bottom_room) // row)))
        self.shown_title = data.title_showing(shown)
        label_room = plot.width() * 0.36
        labels = [
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, round(label_room))
            for label in data.labels[:shown]
        ]
        label_width = max(metrics.horizontalAdvance(label) for label in labels) + 8
        inner = plot.adjusted(label_width, 0, -PAD, -bottom_room)
        totals = data.totals()[:shown]
        widest = metrics.horizontalAdvance(data.number(max(totals))) + 12
        most = max(1, min(5, int(inner.width() // widest) - 1))
        ticks = nice_ticks(max(totals), most)
        scale = inner.width() / ticks[-1]
        band = inner.height() / shown
        for tick in ticks:
            x = inner.left() + tick * scale
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(x, inner.top()), QPointF(x, inner.bottom()))
            painter.setPen(INK)
            _under(painter, x, inner.bottom() + 2, data.number(tick), self.width() - PAD)
        for index, label in enumerate(labels):
            y = inner.top() + index * band
            painter.setPen(INK)
            painter.drawText(
                QRectF(plot.left(), y, label_width - 8, band),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            left = 0.0
            for series in data.series:
                value = series.values[index]
                if value:
                    painter.fillRect(
                        QRectF(inner.left() + left * scale, y + band * 0.125, value * scale,
                               band * 0.75),
                        QColor(series.colour),
                    )  # fmt: skip
                    left += value

    def _heat(self, painter: QPainter, data: ChartData, plot: QRectF) -> None:
        self.shown_title = data.title
        metrics = painter.fontMetrics()
        label_width = max(metrics.horizontalAdvance(row) for row in data.rows) + 8
        inner = plot.adjusted(label_width, 0, -PAD, -metrics.height() * 2.2)
        columns, rows = len(data.labels), len(data.rows)
        cell_w, cell_h = inner.width() / columns, inner.height() / rows
        peak = max(max(s.values) for s in data.series) or 1
        number_font = QFont(painter.font())
        number_font.setPointSizeF(max(6.5, painter.font().pointSizeF() * 0.9))
        number_metrics = QFontMetricsF(number_font)
        widest = number_metrics.horizontalAdvance(data.number(peak)) + 4
        numbers = widest <= cell_w and number_metrics.height() <= cell_h
        painter.setPen(INK)
        for r, name in enumerate(data.rows):
            painter.drawText(
                QRectF(plot.left(), inner.top() + r * cell_h, label_width - 8, cell_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        text_font = painter.font()
        painter.setFont(number_font)
        for r, series in enumerate(data.series):
            for c, value in enumerate(series.values):
                cell = QRectF(inner.left() + c * cell_w, inner.top() + r * cell_h, cell_w, cell_h)
                painter.fillRect(cell.adjusted(0, 0, 0.5, 0.5), QColor(heat_colour(value / peak)))
                if numbers and value:
                    painter.setPen(QColor(heat_ink(value / peak)))
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, data.number(value))
        painter.setFont(text_font)
        painter.setPen(INK)
        self._category_axis(painter, data, inner, cell_w)

    def _line(self, painter: QPainter, data: ChartData, plot: QRectF) -> None:
        self.shown_title = data.title
        values = data.series[0].values
        inner, ticks = self._value_axis(painter, data, plot, max(1.0, max(values) * 1.1))
        scale = inner.height() / ticks[-1]
        step = inner.width() / len(values)
        points = [
            QPointF(inner.left() + (i + 0.5) * step, inner.bottom() - v * scale)
            for i, v in enumerate(values)
        ]
        colour = QColor(data.series[0].colour)
        painter.setPen(QPen(colour, 2))
        painter.drawPolyline(QPolygonF(points))
        painter.setBrush(colour)
        for point in points:
            painter.drawEllipse(point, 2.5, 2.5)
        painter.setPen(INK)
        if len(values) <= 8:  # few points: write their values
            metrics = painter.fontMetrics()
            for point, value in zip(points, values, strict=True):
                text = data.number(value)
                width = metrics.horizontalAdvance(text) + 4
                painter.drawText(
                    QRectF(point.x() - width / 2, point.y() - metrics.height() - 3, width,
                           metrics.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    text,
                )  # fmt: skip
        painter.drawLine(inner.bottomLeft(), inner.bottomRight())
        self._category_axis(painter, data, inner, step)


def _under(painter: QPainter, centre: float, top: float, text: str, right: float) -> None:
    """``text`` centred under ``centre``, moved left where it would run past ``right``."""
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance(text) + 4
    left = min(centre - width / 2, right - width)
    painter.drawText(QRectF(left, top, width, metrics.height()), Qt.AlignmentFlag.AlignCenter, text)


def _steps(
    inner: QRectF, step: float, scale: float, tops: list[float], bottoms: list[float]
) -> QPolygonF:
    """The outline of a stepped area between ``bottoms`` and ``tops``, a step per category."""
    upper, lower = [], []
    for index, (top, bottom) in enumerate(zip(tops, bottoms, strict=True)):
        left, right = inner.left() + index * step, inner.left() + (index + 1) * step
        upper += [QPointF(left, inner.bottom() - top * scale),
                  QPointF(right, inner.bottom() - top * scale)]  # fmt: skip
        lower += [QPointF(left, inner.bottom() - bottom * scale),
                  QPointF(right, inner.bottom() - bottom * scale)]  # fmt: skip
    return QPolygonF(upper + lower[::-1])
