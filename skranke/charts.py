"""The team leader's charts, drawn once here for the window and the PDF report alike.

matplotlib is imported lazily (it costs ~0.3 s) and only its object-oriented API is used
(``Figure`` + Agg canvas, no pyplot), so charts can be drawn on a worker thread.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from skranke.report import Tally
from skranke.vocabulary import Vocabulary

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CHART_NAMES = ("per_day", "areas", "heat_map", "assisted_trend")
_WEEKDAYS_DA = ("Man", "Tir", "Ons", "Tor", "Fre", "Lør", "Søn")
_PALETTE = ("#1f5fa8", "#e08a1e", "#3a9d5d", "#8e5fb5", "#c0392b", "#6c7a89")
_LOCK = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    png: bytes
    width_px: int
    height_px: int


def _figure(width: float, height: float) -> Figure:
    import matplotlib  # noqa: PLC0415 - lazily: matplotlib is slow to import

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure  # noqa: PLC0415

    figure = Figure(figsize=(width, height), layout="constrained")
    figure.patch.set_facecolor("white")
    return figure


def _style(axes: Any, title: str) -> None:
    axes.set_title(title, loc="left", fontsize=11, fontweight="bold", color="#14324f")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)
    axes.grid(axis="y", color="#e3e8ee", linewidth=0.8)
    axes.set_axisbelow(True)


def _empty(axes: Any, text: str = "Ingen henvendelser i perioden") -> None:
    axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=10, color="#6c7a89")
    axes.set_xticks([])
    axes.set_yticks([])


def _per_day(figure: Figure, tally: Tally, vocabulary: Vocabulary) -> str:
    title = "Henvendelser pr. dag og kanal"
    axes = figure.add_subplot()
    _style(axes, title)
    days: list[date] = sorted(tally.per_day)
    if not days:
        _empty(axes)
        return title
    bottom = [0] * len(days)
    positions: Any = days  # matplotlib takes dates; its stubs say numbers
    for colour, channel in zip(_PALETTE, vocabulary.channels, strict=False):
        values = [tally.per_day[day].get(channel.id, 0) for day in days]
        if any(values):
            axes.bar(positions, values, bottom=bottom, color=colour, label=channel.da, width=0.8)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.legend(fontsize=8, frameon=False, loc="upper left", ncols=3)
    axes.set_ylabel("Antal", fontsize=8)
    figure.autofmt_xdate()
    return title


def _areas(figure: Figure, tally: Tally, vocabulary: Vocabulary, top: int = 10) -> str:
    title = f"De {top} største sagsområder efter udfald"
    axes = figure.add_subplot()
    _style(axes, title)
    areas = sorted(tally.by_area, key=lambda a: tally.by_area[a], reverse=True)[:top][::-1]
    if not areas:
        _empty(axes)
        return title
    labels = [vocabulary.area(a).da for a in areas]
    left = [0] * len(areas)
    for colour, outcome in zip(_PALETTE, vocabulary.outcomes, strict=False):
        values = [tally.area_outcome.get(a, {}).get(outcome.id, 0) for a in areas]
        if any(values):
            axes.barh(labels, values, left=left, color=colour, label=outcome.short_label())
            left = [b + v for b, v in zip(left, values, strict=True)]
    axes.grid(axis="x", color="#e3e8ee", linewidth=0.8)
    axes.grid(axis="y", visible=False)
    axes.legend(fontsize=8, frameon=False, loc="lower right")
    return title


def _heat_map(figure: Figure, tally: Tally, vocabulary: Vocabulary) -> str:
    title = "Travlhed: henvendelser pr. time og ugedag"
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", fontsize=11, fontweight="bold", color="#14324f")
    rows = [list(row) for row in tally.hour_weekday]
    used = [h for h in range(24) if any(rows[d][h] for d in range(7))]
    if not used:
        _empty(axes)
        return title
    hours = list(range(min(used), max(used) + 1))
    matrix = [[rows[d][h] for h in hours] for d in range(7)]
    image = axes.imshow(matrix, aspect="auto", cmap="Blues", interpolation="nearest")
    axes.set_yticks(range(7), _WEEKDAYS_DA)
    axes.set_xticks(range(len(hours)), [f"{h:02d}" for h in hours])
    axes.tick_params(labelsize=8, length=0)
    peak = max(max(row) for row in matrix) or 1
    for d in range(7):
        for i, value in enumerate(matrix[d]):
            if value:
                colour = "white" if value > peak * 0.6 else "#14324f"
                axes.text(i, d, str(value), ha="center", va="center", fontsize=6, color=colour)
    figure.colorbar(image, ax=axes, shrink=0.8).ax.tick_params(labelsize=7)
    return title


def _assisted_trend(figure: Figure, tally: Tally, vocabulary: Vocabulary) -> str:
    title = "Andel hjælp til selvbetjening pr. uge"
    axes = figure.add_subplot()
    _style(axes, title)
    weeks = sorted(tally.weekly)
    shares = [tally.weekly[w][1] / tally.weekly[w][0] * 100 for w in weeks if tally.weekly[w][0]]
    if not shares:
        _empty(axes)
        return title
    years = {year for year, _ in weeks}
    labels = [
        f"{year}-{week:02d}" if len(years) > 1 else f"uge {week}"
        for year, week in weeks
        if tally.weekly[(year, week)][0]
    ]
    axes.plot(labels, shares, marker="o", color=_PALETTE[0], linewidth=2, markersize=4)
    axes.set_ylim(0, max(100.0, max(shares) * 1.1))
    axes.set_ylabel("% af henvendelserne", fontsize=8)
    if len(labels) > 12:
        step = max(1, len(labels) // 12)
        axes.set_xticks(range(0, len(labels), step), labels[::step])
    return title


_DRAWERS: dict[str, Callable[[Figure, Tally, Vocabulary], str]] = {
    "per_day": _per_day,
    "areas": _areas,
    "heat_map": _heat_map,
    "assisted_trend": _assisted_trend,
}


def render_chart(
    name: str,
    tally: Tally,
    vocabulary: Vocabulary,
    *,
    width_in: float = 7.5,
    height_in: float = 3.2,
    dpi: int = 110,
) -> Chart:
    """One chart as PNG bytes."""
    with _LOCK:
        figure = _figure(width_in, height_in)
        title = _DRAWERS[name](figure, tally, vocabulary)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return Chart(name, title, buffer.getvalue(), round(width_in * dpi), round(height_in * dpi))


def render_charts(tally: Tally, vocabulary: Vocabulary, *, dpi: int = 110) -> list[Chart]:
    return [render_chart(name, tally, vocabulary, dpi=dpi) for name in CHART_NAMES]
