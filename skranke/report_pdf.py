"""The team leader's PDF report: period and filters, key figures, the charts, the tables.

One renderer (reportlab platypus) with the sheets' embedded fonts; the charts are the very
PNGs the window shows (``skranke.charts``), the tables the very ``Table``s the CSV and XLSX
exports write (``skranke.exports``).

The report is in Danish only: it is written for the municipality's management and its tables
come from the exports, whose column names are Danish. Numbers and dates are written by
:mod:`skranke.formatting`, like everywhere else.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, time
from decimal import Decimal
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Image,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from skranke.charts import Chart
from skranke.exports import Cell, Share, Table
from skranke.formatting import (
    format_duration,
    format_money,
    format_number,
    format_numeric_date,
    format_percent,
)
from skranke.report import Tally
from skranke.sheets import FONT_BOLD, FONT_REGULAR, register_fonts

_MARGIN = 16 * mm
_WIDTH = A4[0] - 2 * _MARGIN
_INK = colors.HexColor("#14324f")
_RULE = colors.HexColor("#c9d3df")
_HEAD = colors.HexColor("#e8eef5")


def _style(name: str, size: float, *, bold: bool = False, space: float = 4) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT_REGULAR,
        fontSize=size,
        leading=size * 1.3,
        spaceAfter=space,
        textColor=_INK if bold else colors.black,
    )


def cell_text(value: Cell, kind: str = "auto") -> str:  # noqa: PLR0911 - one case per kind
    """A table cell as Danish readers expect it: 1.234, 23,4 %, 1.234,50 kr., 2:05."""
    if value is None:
        return ""
    if isinstance(value, Share) or (kind == "share" and isinstance(value, int | float)):
        return format_percent(float(value), 1)
    if isinstance(value, Decimal):
        return format_money(value, 2)
    if kind == "seconds" and isinstance(value, int | float):
        return format_duration(value)
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(value, 1)
    if isinstance(value, date):
        return format_numeric_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _widths(texts: list[list[str]], columns: int) -> list[float]:
    """Column widths in proportion to their longest word or value, so numbers never wrap."""
    need = [6.0] * columns
    for row in texts:
        for index, text in enumerate(row[:columns]):
            longest = max((len(word) for word in text.split()), default=0)
            need[index] = max(need[index], float(min(len(text), 28)), float(longest))
    total = sum(need)
    return [_WIDTH * n / total for n in need]


def _table(table: Table, body: ParagraphStyle, head: ParagraphStyle) -> LongTable:
    texts = [[column.header for column in table.columns]]
    for row in table.rows:
        texts.append(
            [
                cell_text(value, column.kind)
                for value, column in zip(row, table.columns, strict=False)
            ]
        )
    data = [[Paragraph(text, head) for text in texts[0]]]
    data += [[Paragraph(text, body) for text in row] for row in texts[1:]]
    result = LongTable(data, colWidths=_widths(texts, len(table.columns)), repeatRows=1)
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, _INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return result


def render_report(
    tally: Tally,
    tables: Sequence[Table],
    charts: Sequence[Chart],
    *,
    municipality_name: str,
    printed_on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The report as PDF bytes."""
    register_fonts()
    title = _style("title", 18, bold=True, space=2)
    subtitle = _style("subtitle", 10.5)
    heading = _style("heading", 12.5, bold=True, space=6)
    body = _style("body", 8.5, space=0)
    head = _style("head", 8.5, bold=True, space=0)
    printed = printed_on or date.today()
    story: list[Any] = [
        Paragraph(f"Ledelsesinformation – {municipality_name}", title),
        Paragraph(f"Periode: {tally.period.label()}", subtitle),
        Paragraph(f"Udskrevet {format_numeric_date(printed)}", subtitle),
        Spacer(1, 4 * mm),
    ]
    steps = len(charts) + len(tables)
    for done, chart in enumerate(charts, start=1):
        height = _WIDTH * chart.height_px / chart.width_px
        story.append(KeepTogether([Image(io.BytesIO(chart.png), _WIDTH, height)]))
        story.append(Spacer(1, 3 * mm))
        if progress is not None:
            progress(done, steps)
    for done, table in enumerate(tables, start=len(charts) + 1):
        story.append(KeepTogether([Paragraph(table.name, heading), _table(table, body, head)]))
        story.append(Spacer(1, 5 * mm))
        if progress is not None:
            progress(done, steps)

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_REGULAR, 7.5)
        canvas.drawString(_MARGIN, 9 * mm, f"Skranke · {tally.period.label()}")
        canvas.drawRightString(A4[0] - _MARGIN, 9 * mm, f"Side {document.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=f"Ledelsesinformation {tally.period.label()}",
        author=municipality_name,
        invariant=True,
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
