"""The team leader's charts, drawn once here for the window and the PDF report alike.

Every text on a chart comes in the reader's language: titles and axis words from
:data:`_TEXTS`, channel, area and outcome names from the vocabulary, numbers, dates and
weekdays from :mod:`skranke.formatting`.

matplotlib is imported lazily (it costs ~0.3 s) and only its object-oriented API is used
(``Figure`` + Agg canvas, no pyplot), so charts can be drawn on a worker thread. The layout is
fixed margins in inches, worked out here from the texts, not matplotlib's constrained layout,
which would cost about a third of every redraw. Titles and legends sit above the axes, so a
legend never covers a bar.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from skranke.formatting import (
    Language,
    format_number,
    format_numeric_date,
    format_percent,
    format_short_date,
    language_of,
    weekday_name,
)
from skranke.report import Tally
from skranke.vocabulary import Vocabulary

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CHART_NAMES = ("per_day", "areas", "heat_map", "assisted_trend")
_PALETTE = ("#1f5fa8", "#e08a1e", "#3a9d5d", "#8e5fb5", "#c0392b", "#6c7a89")
_INK = "#14324f"
_GRID = "#e3e8ee"
_LOCK = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe

TITLE_PT = 11.0
TEXT_PT = 8.5  # ticks, legends, axis words
CELL_TEXT_MIN_PT = 7.0  # heat-map numbers smaller than this are left out (the colours stay)
_CHAR_IN = 0.56 * TEXT_PT / 72  # the width of an average character of DejaVu Sans, inches
_LINE_IN = 1.5 * TEXT_PT / 72

_TEXTS: dict[Language, dict[str, str]] = {
    Language.DANISH: {
        "per_day": "Henvendelser pr. dag og kanal",
        "per_hour": "Henvendelser pr. time, {day}",
        "areas": "De {top} største sagsområder efter udfald",
        "heat_map": "Travlhed: henvendelser pr. time og ugedag",
        "assisted_trend": "Andel hjælp til selvbetjening pr. uge",
        "empty": "Ingen henvendelser i perioden",
        "count": "Antal",
        "hour": "Klokken",
        "week": "uge {week}",
    },
    Language.ENGLISH: {
        "per_day": "Contacts per day and channel",
        "per_hour": "Contacts per hour, {day}",
        "areas": "The {top} largest areas by outcome",
        "heat_map": "Busy hours: contacts per hour and weekday",
        "assisted_trend": "Share of assisted self-service per week",
        "empty": "No contacts in the period",
        "count": "Contacts",
        "hour": "Hour",
        "week": "week {week}",
    },
}


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    png: bytes
    width_px: int
    height_px: int


@dataclass(frozen=True, slots=True)
class _Margins:
    """Space around the axes, in inches."""

    left: float = 0.6
    right: float = 0.2
    top: float = 0.4
    bottom: float = 0.45


def _figure(width: float, height: float) -> Figure:
    import matplotlib  # noqa: PLC0415 - lazily: matplotlib is slow to import

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure  # noqa: PLC0415

    figure = Figure(figsize=(width, height))
    figure.patch.set_facecolor("white")
    return figure


def _axes(figure: Figure, title: str, margins: _Margins) -> Axes:
    """Axes placed inside fixed margins, with the title above them at the figure's top left."""
    width, height = figure.get_size_inches()
    left = min(margins.left, width * 0.45) / width
    bottom = min(margins.bottom, height * 0.3) / height
    top = max(1 - margins.top / height, bottom + 0.2)
    right = max(1 - margins.right / width, left + 0.2)
    axes = figure.add_axes((left, bottom, right - left, top - bottom))
    fits = (width - 0.16) * 72 / (len(title) * 0.64)  # bold DejaVu Sans: ~0.64 em a character
    figure.text(
        0.08 / width,
        1 - 0.08 / height,
        title,
        ha="left",
        va="top",
        fontsize=max(TEXT_PT - 1, min(TITLE_PT, fits)),  # a narrow chart: a smaller title
        fontweight="bold",
        color=_INK,
    )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=TEXT_PT)
    axes.set_axisbelow(True)
    return axes


def _legend_rows(figure: Figure, labels: Sequence[str]) -> tuple[int, int]:
    """The most columns (and so the fewest rows) for which the legend above the axes fits the
    figure's width; matplotlib fills a legend column by column."""
    width = figure.get_size_inches()[0] - 0.2
    for columns in range(len(labels), 1, -1):
        rows = math.ceil(len(labels) / columns)
        groups = [labels[start : start + rows] for start in range(0, len(labels), rows)]
        need = sum(max(len(label) for label in group) * _CHAR_IN + 0.5 for group in groups)
        if len(groups) == columns and need <= width:
            return columns, rows
    return 1, len(labels)


def _legend_margin(figure: Figure, labels: Sequence[str]) -> float:
    """The top margin (inches) for the title and a legend of ``labels`` under it."""
    _, rows = _legend_rows(figure, labels) if labels else (0, 0)
    return 0.42 + rows * _LINE_IN + 0.05


def _legend(figure: Figure, axes: Axes, labels: Sequence[str]) -> None:
    """The legend between the title and the axes: it never covers the data."""
    if not labels:
        return
    columns, _ = _legend_rows(figure, labels)
    height = figure.get_size_inches()[1]
    figure.legend(
        *axes.get_legend_handles_labels(),
        loc="upper left",
        bbox_to_anchor=(0.03 / figure.get_size_inches()[0], 1 - 0.36 / height),
        ncols=columns,
        fontsize=TEXT_PT,
        frameon=False,
        handlelength=1.2,
        columnspacing=1.2,
        borderaxespad=0,
    )


def _number_axis(axis: Any, language: Language) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    axis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, 0, language)))


def _empty(axes: Axes, language: Language) -> None:
    axes.text(
        0.5,
        0.5,
        _TEXTS[language]["empty"],
        ha="center",
        va="center",
        fontsize=TITLE_PT - 1,
        color="#6c7a89",
        transform=axes.transAxes,
    )
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_visible(False)


def _thin(labels: list[str], room_in: float) -> tuple[list[int], list[str]]:
    """Every n-th label so that the labels, written side by side, fit ``room_in`` inches."""
    longest = max((len(label) for label in labels), default=1)
    fits = max(1, int(room_in // (longest * _CHAR_IN + 0.15)))
    step = max(1, math.ceil(len(labels) / fits))
    positions = list(range(0, len(labels), step))
    return positions, [labels[i] for i in positions]


def _axes_width(figure: Figure, axes: Axes) -> float:
    return float(axes.get_position().width * figure.get_size_inches()[0])


def _axes_height(figure: Figure, axes: Axes) -> float:
    return float(axes.get_position().height * figure.get_size_inches()[1])


def _per_day(figure: Figure, tally: Tally, vocabulary: Vocabulary, lang: Language) -> str:
    """Contacts per day, stacked by channel; a single day is drawn per hour instead."""
    if tally.period.days == 1:
        return _per_hour(figure, tally, lang)
    title = _TEXTS[lang]["per_day"]
    channels = [c for c in vocabulary.channels if tally.by_channel.get(c.id)]
    names = [c.label(lang) for c in channels]
    axes = _axes(figure, title, _Margins(top=_legend_margin(figure, names)))
    axes.grid(axis="y", color=_GRID, linewidth=0.8)
    if not tally.per_day:
        _empty(axes, lang)
        return title
    first, last = min(tally.per_day), max(tally.per_day)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    positions = list(range(len(days)))
    bottom = [0] * len(days)
    width = 0.8 if len(days) <= 40 else 1.0  # many days: no gaps, which would alias
    for colour, channel, name in zip(_PALETTE, channels, names, strict=False):
        values = [tally.per_day.get(day, {}).get(channel.id, 0) for day in days]
        axes.bar(
            positions, values, bottom=bottom, color=colour, label=name, width=width, linewidth=0
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ticks, labels = _thin([format_short_date(day, lang) for day in days], _axes_width(figure, axes))
    axes.set_xticks(ticks, labels)
    axes.set_xlim(-0.6, len(days) - 0.4)
    _number_axis(axes.yaxis, lang)
    _legend(figure, axes, names)
    return title


def _per_hour(figure: Figure, tally: Tally, lang: Language) -> str:
    """One day: contacts per hour of the day (the day's row of the hour × weekday counts)."""
    day: date = tally.period.first
    title = _TEXTS[lang]["per_hour"].format(day=format_numeric_date(day, lang))
    axes = _axes(figure, title, _Margins(top=0.45, bottom=0.55))
    axes.grid(axis="y", color=_GRID, linewidth=0.8)
    per_hour = tally.hour_weekday[day.weekday()]
    used = [hour for hour, count in enumerate(per_hour) if count]
    if not used:
        _empty(axes, lang)
        return title
    hours = list(range(min(used), max(used) + 1))
    axes.bar(hours, [per_hour[h] for h in hours], color=_PALETTE[0], width=0.8)
    ticks, labels = _thin([f"{h:02d}" for h in hours], _axes_width(figure, axes))
    axes.set_xticks([hours[i] for i in ticks], labels)
    axes.set_xlabel(_TEXTS[lang]["hour"], fontsize=TEXT_PT)
    _number_axis(axes.yaxis, lang)
    return title


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"


def _areas(
    figure: Figure, tally: Tally, vocabulary: Vocabulary, lang: Language, top: int = 10
) -> str:
    outcomes = [
        o for o in vocabulary.outcomes if any(c.get(o.id) for c in tally.area_outcome.values())
    ]
    names = [o.short_label(lang) for o in outcomes]
    width, height = figure.get_size_inches()
    top_margin = _legend_margin(figure, names)
    row = 1.3 * TEXT_PT / 72  # a name's height and a little air
    top = max(3, min(top, int((height - top_margin - 0.45) / row)))  # as many as can be read
    title = _TEXTS[lang]["areas"].format(top=top)
    areas = sorted(tally.by_area, key=lambda a: tally.by_area[a], reverse=True)[:top][::-1]
    room = int(width * 0.36 / _CHAR_IN)
    labels = [_shorten(vocabulary.area(a).short_label(lang), room) for a in areas]
    left_margin = max((len(label) for label in labels), default=4) * _CHAR_IN + 0.2
    axes = _axes(figure, title, _Margins(left=left_margin, top=top_margin))
    axes.grid(axis="x", color=_GRID, linewidth=0.8)
    if not areas:
        _empty(axes, lang)
        return title
    left = [0] * len(areas)
    for colour, outcome, name in zip(_PALETTE, outcomes, names, strict=False):
        values = [tally.area_outcome.get(a, {}).get(outcome.id, 0) for a in areas]
        axes.barh(range(len(areas)), values, left=left, color=colour, label=name, height=0.75)
        left = [b + v for b, v in zip(left, values, strict=True)]
    axes.set_yticks(range(len(areas)), labels)
    axes.tick_params(axis="y", length=0)
    _number_axis(axes.xaxis, lang)
    _legend(figure, axes, names)
    return title


def _heat_map(figure: Figure, tally: Tally, vocabulary: Vocabulary, lang: Language) -> str:
    """Hours × weekdays; the counts are written in the cells when they can be read."""
    title = _TEXTS[lang]["heat_map"]
    weekdays = [weekday_name(d, lang, short=True).capitalize() for d in range(7)]
    margins = _Margins(left=0.5, right=0.85, top=0.45, bottom=0.55)
    axes = _axes(figure, title, margins)
    rows = [list(row) for row in tally.hour_weekday]
    used = [h for h in range(24) if any(rows[d][h] for d in range(7))]
    if not used:
        _empty(axes, lang)
        return title
    hours = list(range(min(used), max(used) + 1))
    matrix = [[rows[d][h] for h in hours] for d in range(7)]
    image = axes.imshow(matrix, aspect="auto", cmap="Blues", interpolation="nearest")
    axes.set_yticks(range(7), weekdays)
    ticks, labels = _thin([f"{h:02d}" for h in hours], _axes_width(figure, axes))
    axes.set_xticks(ticks, labels)
    axes.set_xlabel(_TEXTS[lang]["hour"], fontsize=TEXT_PT)
    axes.tick_params(length=0)
    peak = max(max(row) for row in matrix) or 1
    size = _cell_text_size(figure, axes, len(hours), len(format_number(peak, 0, lang)))
    if size is not None:
        for d in range(7):
            for i, value in enumerate(matrix[d]):
                if value:
                    colour = "white" if value > peak * 0.6 else _INK
                    text = format_number(value, 0, lang)
                    axes.text(i, d, text, ha="center", va="center", fontsize=size, color=colour)
    position = axes.get_position()
    width = figure.get_size_inches()[0]
    bar = figure.add_axes((position.x1 + 0.12 / width, position.y0, 0.14 / width, position.height))
    figure.colorbar(image, cax=bar)
    bar.tick_params(labelsize=TEXT_PT - 1)
    _number_axis(bar.yaxis, lang)
    return title


def _cell_text_size(figure: Figure, axes: Axes, columns: int, digits: int) -> float | None:
    """The font size (points) that fits a number of ``digits`` in one heat-map cell, or
    ``None`` when that would be too small to read."""
    cell_width = _axes_width(figure, axes) * 72 / columns
    cell_height = _axes_height(figure, axes) * 72 / 7
    size = min(TEXT_PT + 1, cell_height * 0.6, cell_width / (digits * 0.62 + 0.6))
    return size if size >= CELL_TEXT_MIN_PT else None


def _assisted_trend(figure: Figure, tally: Tally, vocabulary: Vocabulary, lang: Language) -> str:
    title = _TEXTS[lang]["assisted_trend"]
    axes = _axes(figure, title, _Margins(left=0.65, top=0.45))
    axes.grid(axis="y", color=_GRID, linewidth=0.8)
    weeks = [week for week in sorted(tally.weekly) if tally.weekly[week][0]]
    if not weeks:
        _empty(axes, lang)
        return title
    shares = [tally.weekly[w][1] / tally.weekly[w][0] for w in weeks]
    years = {year for year, _ in weeks}
    labels = [
        f"{year}-{week:02d}" if len(years) > 1 else _TEXTS[lang]["week"].format(week=week)
        for year, week in weeks
    ]
    positions = list(range(len(weeks)))
    axes.plot(positions, shares, marker="o", color=_PALETTE[0], linewidth=2, markersize=4)
    if len(weeks) <= 8:  # few points: write their values
        for x, share in zip(positions, shares, strict=True):
            axes.annotate(
                format_percent(share, 0, lang),
                (x, share),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=TEXT_PT,
                color=_INK,
            )
    axes.set_ylim(0, max(1.0, max(shares) * 1.1))
    axes.set_xlim(-0.5, len(weeks) - 0.5)
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0, lang)))
    ticks, tick_labels = _thin(labels, _axes_width(figure, axes))
    axes.set_xticks(ticks, tick_labels)
    return title


_DRAWERS: dict[str, Callable[[Figure, Tally, Vocabulary, Language], str]] = {
    "per_day": _per_day,
    "areas": _areas,
    "heat_map": _heat_map,
    "assisted_trend": _assisted_trend,
}


def draw_chart(
    name: str,
    tally: Tally,
    vocabulary: Vocabulary,
    *,
    width_in: float = 7.5,
    height_in: float = 3.2,
    language: str = "da",
) -> tuple[Figure, str]:
    """One chart as a matplotlib figure and its title. Not safe on a worker thread by itself:
    :func:`render_chart` calls it under the lock."""
    figure = _figure(width_in, height_in)
    return figure, _DRAWERS[name](figure, tally, vocabulary, language_of(language))


def render_chart(
    name: str,
    tally: Tally,
    vocabulary: Vocabulary,
    *,
    width_in: float = 7.5,
    height_in: float = 3.2,
    dpi: int = 110,
    language: str = "da",
) -> Chart:
    """One chart as PNG bytes, ``width_in`` × ``height_in`` inches at ``dpi``."""
    with _LOCK:
        figure, title = draw_chart(
            name, tally, vocabulary, width_in=width_in, height_in=height_in, language=language
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return Chart(name, title, buffer.getvalue(), round(width_in * dpi), round(height_in * dpi))


def render_charts(
    tally: Tally,
    vocabulary: Vocabulary,
    *,
    dpi: int = 110,
    language: str = "da",
    width_in: float = 7.5,
    height_in: float = 3.2,
) -> list[Chart]:
    """The four charts (:data:`CHART_NAMES`) of ``tally`` in ``language``."""
    return [
        render_chart(
            name,
            tally,
            vocabulary,
            width_in=width_in,
            height_in=height_in,
            dpi=dpi,
            language=language,
        )
        for name in CHART_NAMES
    ]
