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
        "areas_one": "Det største sagsområde efter udfald",
        "areas_none": "Sagsområder efter udfald",
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
        "areas_one": "The largest area by outcome",
        "areas_none": "Areas by outcome",
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


def _empty(axes: Axes, data: ChartData) -> None:
    axes.text(
        0.5,
        0.5,
        data.empty_text,
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


def _axes_width(figure: Figure, axes: Axes) -> float:
    return float(axes.get_position().width * figure.get_size_inches()[0])


def _axes_height(figure: Figure, axes: Axes) -> float:
    return float(axes.get_position().height * figure.get_size_inches()[1])


# ---- the chart descriptions: what each chart shows, drawn by matplotlib or Qt alike ---------


@dataclass(frozen=True, slots=True)
class Series:
    """One coloured part of a chart: a value per category (a heat map: per hour of a row)."""

    name: str
    colour: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class ChartData:
    """Everything a chart shows, already in the reader's language, with no drawing in it.

    ``kind`` is ``columns`` (stacked vertical bars over ``labels``), ``bars`` (stacked
    horizontal bars, ``labels`` top to bottom, the largest first), ``heat`` (``series`` are the
    rows named by ``rows``, ``labels`` the columns) or ``line`` (one series of shares).
    """

    name: str
    kind: str
    title_text: str  # "{top}": how many bars are shown (the areas chart)
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    rows: tuple[str, ...] = ()
    axis_word: str = ""  # under the category axis
    percent: bool = False  # values are shares 0-1
    legend: bool = True
    empty_text: str = ""
    language: Language = Language.DANISH
    title_one: str = ""  # the title when one bar is shown ("Det største …")
    title_none: str = ""  # the title when none is ("Sagsområder efter udfald")

    @property
    def empty(self) -> bool:
        if self.percent:  # a share of 0 % is a figure, not a missing one
            return not self.labels
        return not self.labels or not any(any(s.values) for s in self.series)

    @property
    def title(self) -> str:
        return self.title_showing(len(self.labels))

    def title_showing(self, shown: int) -> str:
        """The title for ``shown`` bars: "De 3 største …", "Det største …" for one, and no
        number at all for none (never "De 1 største" or "The 0 largest")."""
        if shown == 1 and self.title_one:
            return self.title_one
        if shown == 0 and self.title_none:
            return self.title_none
        return self.title_text.format(top=shown)

    def number(self, value: float, places: int = 0) -> str:
        if self.percent:
            return format_percent(value, places, self.language)
        return format_number(value, places, self.language)

    def totals(self) -> list[float]:
        """The stacked height of each category."""
        return [sum(s.values[i] for s in self.series) for i in range(len(self.labels))]


def _describe_per_day(tally: Tally, vocabulary: Vocabulary, lang: Language) -> ChartData:
    """Contacts per day, stacked by channel; a single day is shown per hour instead."""
    texts = _TEXTS[lang]
    if tally.period.days == 1:
        return _describe_per_hour(tally, lang)
    channels = [c for c in vocabulary.channels if tally.by_channel.get(c.id)]
    days: list[date] = []
    if tally.per_day:
        first, last = min(tally.per_day), max(tally.per_day)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    series = tuple(
        Series(
            channel.label(lang),
            colour,
            tuple(tally.per_day.get(day, {}).get(channel.id, 0) for day in days),
        )
        for colour, channel in zip(_PALETTE, channels, strict=False)
    )
    labels = tuple(format_short_date(day, lang) for day in days)
    return ChartData("per_day", "columns", texts["per_day"], labels, series,
                     empty_text=texts["empty"], language=lang)  # fmt: skip


def _describe_per_hour(tally: Tally, lang: Language) -> ChartData:
    """One day: contacts per hour of the day (the day's row of the hour × weekday counts)."""
    texts = _TEXTS[lang]
    day: date = tally.period.first
    per_hour = tally.hour_weekday[day.weekday()]
    used = [hour for hour, count in enumerate(per_hour) if count]
    hours = list(range(min(used), max(used) + 1)) if used else []
    return ChartData(
        "per_day", "columns", texts["per_hour"].format(day=format_numeric_date(day, lang)),
        tuple(f"{h:02d}" for h in hours),
        (Series(texts["count"], _PALETTE[0], tuple(per_hour[h] for h in hours)),),
        axis_word=texts["hour"], legend=False, empty_text=texts["empty"], language=lang,
    )  # fmt: skip


def _describe_areas(
    tally: Tally, vocabulary: Vocabulary, lang: Language, top: int = 10
) -> ChartData:
    """The largest areas, stacked by outcome; the largest first."""
    texts = _TEXTS[lang]
    outcomes = [
        o for o in vocabulary.outcomes if any(c.get(o.id) for c in tally.area_outcome.values())
    ]
    areas = sorted(tally.by_area, key=lambda a: tally.by_area[a], reverse=True)[:top]
    series = tuple(
        Series(
            outcome.short_label(lang),
            colour,
            tuple(tally.area_outcome.get(a, {}).get(outcome.id, 0) for a in areas),
        )
        for colour, outcome in zip(_PALETTE, outcomes, strict=False)
    )
    labels = tuple(vocabulary.area(a).short_label(lang) for a in areas)
    return ChartData("areas", "bars", texts["areas"], labels, series,
                     empty_text=texts["empty"], language=lang, title_one=texts["areas_one"],
                     title_none=texts["areas_none"])  # fmt: skip


def _describe_heat_map(tally: Tally, vocabulary: Vocabulary, lang: Language) -> ChartData:
    """Hours × weekdays, the hours from the first to the last with contacts."""
    texts = _TEXTS[lang]
    weekdays = tuple(weekday_name(d, lang, short=True).capitalize() for d in range(7))
    rows = tally.hour_weekday
    used = [h for h in range(24) if any(rows[d][h] for d in range(7))]
    hours = list(range(min(used), max(used) + 1)) if used else []
    series = tuple(Series(weekdays[d], "", tuple(rows[d][h] for h in hours)) for d in range(7))
    return ChartData("heat_map", "heat", texts["heat_map"], tuple(f"{h:02d}" for h in hours),
                     series, rows=weekdays, axis_word=texts["hour"], legend=False,
                     empty_text=texts["empty"], language=lang)  # fmt: skip


def _describe_assisted_trend(tally: Tally, vocabulary: Vocabulary, lang: Language) -> ChartData:
    texts = _TEXTS[lang]
    weeks = [week for week in sorted(tally.weekly) if tally.weekly[week][0]]
    shares = tuple(tally.weekly[w][1] / tally.weekly[w][0] for w in weeks)
    years = {year for year, _ in weeks}
    labels = tuple(
        f"{year}-{week:02d}" if len(years) > 1 else texts["week"].format(week=week)
        for year, week in weeks
    )
    return ChartData("assisted_trend", "line", texts["assisted_trend"], labels,
                     (Series(texts["assisted_trend"], _PALETTE[0], shares),), percent=True,
                     legend=False, empty_text=texts["empty"], language=lang)  # fmt: skip


_DESCRIBERS: dict[str, Callable[[Tally, Vocabulary, Language], ChartData]] = {
    "per_day": _describe_per_day,
    "areas": _describe_areas,
    "heat_map": _describe_heat_map,
    "assisted_trend": _describe_assisted_trend,
}


def describe_chart(
    name: str, tally: Tally, vocabulary: Vocabulary, language: str = "da"
) -> ChartData:
    """What chart ``name`` (one of :data:`CHART_NAMES`) shows of ``tally``."""
    return _DESCRIBERS[name](tally, vocabulary, language_of(language))


def describe_charts(tally: Tally, vocabulary: Vocabulary, language: str = "da") -> list[ChartData]:
    """The four charts of ``tally``, described (no matplotlib: cheap, on any thread)."""
    return [describe_chart(name, tally, vocabulary, language) for name in CHART_NAMES]


_HEAT_STOPS = (  # matplotlib's "Blues", so the window's heat map matches the PDF's
    "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c",
    "#08306b",
)  # fmt: skip


def heat_colour(fraction: float) -> str:
    """The colour of a heat-map cell at ``fraction`` (0-1) of the busiest cell."""
    position = max(0.0, min(1.0, fraction)) * (len(_HEAT_STOPS) - 1)
    index = min(int(position), len(_HEAT_STOPS) - 2)
    share = position - index
    low, high = _HEAT_STOPS[index], _HEAT_STOPS[index + 1]
    channels = (
        round(int(low[i : i + 2], 16) * (1 - share) + int(high[i : i + 2], 16) * share)
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def heat_ink(fraction: float) -> str:
    """The colour of a heat-map cell's number: white on the darker cells."""
    return "white" if fraction > 0.6 else _INK


def nice_ticks(top: float, most: int = 6, *, whole: bool = True) -> list[float]:
    """Round tick values from 0 to at least ``top``, at most ``most`` + 1 of them."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, float(math.ceil(step)))
    count = math.ceil(top / step - 1e-9)
    return [step * n for n in range(count + 1)]


def thin_labels(labels: Sequence[str], room: float, char: float, gap: float) -> list[int]:
    """The positions of every n-th label so that they fit ``room`` side by side, each label
    ``char`` per character wide plus ``gap`` (any unit)."""
    longest = max((len(label) for label in labels), default=1)
    fits = max(1, int(room // (longest * char + gap)))
    step = max(1, math.ceil(len(labels) / fits))
    return list(range(0, len(labels), step))


# ---- matplotlib (the PDF report) -----------------------------------------------------------


def _thin(labels: Sequence[str], room_in: float) -> tuple[list[int], list[str]]:
    positions = thin_labels(labels, room_in, _CHAR_IN, 0.15)
    return positions, [labels[i] for i in positions]


def _draw_columns(figure: Figure, data: ChartData) -> str:
    names = [s.name for s in data.series] if data.legend else []
    margins = (
        _Margins(top=_legend_margin(figure, names))
        if data.legend
        else _Margins(top=0.45, bottom=0.55)
    )
    axes = _axes(figure, data.title, margins)
    axes.grid(axis="y", color=_GRID, linewidth=0.8)
    if data.empty:
        _empty(axes, data)
        return data.title
    count = len(data.labels)
    positions = list(range(count))
    bottom = [0.0] * count
    for series in data.series:
        if count <= 40:
            axes.bar(positions, series.values, bottom=bottom, color=series.colour,
                     label=series.name, width=0.8, linewidth=0)  # fmt: skip
        else:  # many days: one filled step shape per series, not a bar per day
            top = [b + v for b, v in zip(bottom, series.values, strict=True)]
            axes.fill_between(positions, bottom, top, step="mid", color=series.colour,
                              label=series.name, linewidth=0)  # fmt: skip
        bottom = [b + v for b, v in zip(bottom, series.values, strict=True)]
    ticks, labels = _thin(data.labels, _axes_width(figure, axes))
    axes.set_xticks(ticks, labels)
    axes.set_xlim(-0.6, count - 0.4)
    if data.axis_word:
        axes.set_xlabel(data.axis_word, fontsize=TEXT_PT)
    _number_axis(axes.yaxis, data.language)
    _legend(figure, axes, names)
    return data.title


def _draw_bars(figure: Figure, data: ChartData) -> str:
    names = [s.name for s in data.series]
    width, height = figure.get_size_inches()
    top_margin = _legend_margin(figure, names)
    row = 1.3 * TEXT_PT / 72  # a name's height and a little air
    shown = max(3, min(len(data.labels), int((height - top_margin - 0.45) / row)))
    room = int(width * 0.36 / _CHAR_IN)
    labels = [_shorten(label, room) for label in data.labels[:shown]][::-1]
    title = data.title_showing(len(labels))  # the bars drawn: "Det største …" for one
    left_margin = max((len(label) for label in labels), default=4) * _CHAR_IN + 0.2
    axes = _axes(figure, title, _Margins(left=left_margin, top=top_margin))
    axes.grid(axis="x", color=_GRID, linewidth=0.8)
    if data.empty:
        _empty(axes, data)
        return title
    left = [0.0] * len(labels)
    for series in data.series:
        values = list(series.values[:shown])[::-1]
        axes.barh(range(len(labels)), values, left=left, color=series.colour,
                  label=series.name, height=0.75)  # fmt: skip
        left = [b + v for b, v in zip(left, values, strict=True)]
    axes.set_yticks(range(len(labels)), labels)
    axes.tick_params(axis="y", length=0)
    _number_axis(axes.xaxis, data.language)
    _legend(figure, axes, names)
    return title


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"


def _draw_heat(figure: Figure, data: ChartData) -> str:
    """The counts are written in the cells when they can be read."""
    margins = _Margins(left=0.5, right=0.85, top=0.45, bottom=0.55)
    axes = _axes(figure, data.title, margins)
    if data.empty:
        _empty(axes, data)
        return data.title
    matrix = [list(s.values) for s in data.series]
    image = axes.imshow(matrix, aspect="auto", cmap="Blues", interpolation="nearest")
    axes.set_yticks(range(len(data.rows)), data.rows)
    ticks, labels = _thin(data.labels, _axes_width(figure, axes))
    axes.set_xticks(ticks, labels)
    axes.set_xlabel(data.axis_word, fontsize=TEXT_PT)
    axes.tick_params(length=0)
    peak = max(max(row) for row in matrix) or 1
    size = _cell_text_size(figure, axes, len(data.labels), len(data.number(peak)))
    if size is not None:
        for d, row in enumerate(matrix):
            for i, value in enumerate(row):
                if value:
                    axes.text(i, d, data.number(value), ha="center", va="center", fontsize=size,
                              color=heat_ink(value / peak))  # fmt: skip
    position = axes.get_position()
    width = figure.get_size_inches()[0]
    bar = figure.add_axes((position.x1 + 0.12 / width, position.y0, 0.14 / width, position.height))
    figure.colorbar(image, cax=bar)
    bar.tick_params(labelsize=TEXT_PT - 1)
    _number_axis(bar.yaxis, data.language)
    return data.title


def _cell_text_size(figure: Figure, axes: Axes, columns: int, digits: int) -> float | None:
    """The font size (points) that fits a number of ``digits`` in one heat-map cell, or
    ``None`` when that would be too small to read."""
    cell_width = _axes_width(figure, axes) * 72 / columns
    cell_height = _axes_height(figure, axes) * 72 / 7
    size = min(TEXT_PT + 1, cell_height * 0.6, cell_width / (digits * 0.62 + 0.6))
    return size if size >= CELL_TEXT_MIN_PT else None


def _draw_line(figure: Figure, data: ChartData) -> str:
    axes = _axes(figure, data.title, _Margins(left=0.65, top=0.45))
    axes.grid(axis="y", color=_GRID, linewidth=0.8)
    if data.empty:
        _empty(axes, data)
        return data.title
    shares = data.series[0].values
    positions = list(range(len(shares)))
    axes.plot(positions, shares, marker="o", color=data.series[0].colour, linewidth=2,
              markersize=4)  # fmt: skip
    if len(shares) <= 8:  # few points: write their values
        for x, share in zip(positions, shares, strict=True):
            axes.annotate(data.number(share), (x, share), textcoords="offset points",
                          xytext=(0, 6), ha="center", fontsize=TEXT_PT, color=_INK)  # fmt: skip
    axes.set_ylim(0, max(1.0, max(shares) * 1.1))
    axes.set_xlim(-0.5, len(shares) - 0.5)
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: data.number(v)))
    ticks, tick_labels = _thin(data.labels, _axes_width(figure, axes))
    axes.set_xticks(ticks, tick_labels)
    return data.title


_DRAWERS: dict[str, Callable[[Figure, ChartData], str]] = {
    "columns": _draw_columns,
    "bars": _draw_bars,
    "heat": _draw_heat,
    "line": _draw_line,
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
    data = describe_chart(name, tally, vocabulary, language)
    figure = _figure(width_in, height_in)
    return figure, _DRAWERS[data.kind](figure, data)


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
