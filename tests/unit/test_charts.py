"""The team leader's charts read in the reader's language and keep their texts readable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from skranke.charts import (
    CELL_TEXT_MIN_PT,
    CHART_NAMES,
    describe_chart,
    describe_charts,
    draw_chart,
    render_charts,
)
from skranke.contact import Contact, ContactChoice, make_contacts
from skranke.report import Period, Tally, tally
from skranke.vocabulary import Vocabulary

PNG = b"\x89PNG\r\n\x1a\n"


def _contacts(vocabulary: Vocabulary, first: datetime, days: int, batches: int) -> list[Contact]:
    """Each hour 9-12 local of ``days`` days: ``batches`` × 5 contacts for each of 3 areas."""
    contacts: list[Contact] = []
    for day in range(days):
        for hour in range(4):  # 9-12 local (8-11 UTC in winter)
            for n, area in enumerate(("passport", "mitid", "moving")):
                choice = ContactChoice(
                    ("in_person", "phone")[n % 2],
                    area,
                    ("handled_by_staff", "assisted_self_service")[hour % 2],
                )
                for _ in range(batches):
                    contacts += make_contacts(
                        choice,
                        vocabulary,
                        desk="S1",
                        municipality_code="165",
                        count=5,
                        now=first + timedelta(days=day, hours=hour),
                    )
    return contacts


@pytest.fixture
def two_days(vocabulary: Vocabulary) -> Tally:
    """1 and 2 December 2026, 600 contacts an hour: more than a thousand a day."""
    contacts = _contacts(vocabulary, datetime(2026, 12, 1, 8, 0, tzinfo=UTC), 2, 40)
    return tally(contacts, Period.month(date(2026, 12, 1)))


@pytest.fixture
def one_day(vocabulary: Vocabulary) -> Tally:
    contacts = _contacts(vocabulary, datetime(2026, 12, 1, 8, 0, tzinfo=UTC), 1, 1)
    return tally(contacts, Period.day(date(2026, 12, 1)))


def _texts(figure: Figure) -> list[str]:
    figure.canvas.draw()  # tick labels get their texts when drawn
    texts: list[Text] = list(figure.findobj(Text))
    for axes in figure.axes:
        texts += axes.get_xticklabels() + axes.get_yticklabels()
    return [t.get_text() for t in texts if t.get_visible() and t.get_text()]


def _all_texts(month: Tally, vocabulary: Vocabulary, language: str) -> set[str]:
    texts: set[str] = set()
    for name in CHART_NAMES:
        figure, title = draw_chart(name, month, vocabulary, language=language)
        texts.add(title)
        texts.update(_texts(figure))
    return texts


def test_english_charts_have_english_titles_names_weekdays_and_numbers(
    two_days: Tally, vocabulary: Vocabulary
) -> None:
    texts = _all_texts(two_days, vocabulary, "en")
    assert "Contacts per day and channel" in texts
    assert {"In person", "Phone", "Passport", "Moving", "Handled", "Assisted"} <= texts
    assert {"Mon", "Tue", "Sun"} <= texts
    assert {"1 Dec", "2 Dec"} <= texts
    assert "1,200" in texts  # the per-day axis: English thousands
    assert "1.200" not in texts
    danish = {"Henvendelser pr. dag og kanal", "Fremmøde", "Pas", "Flytning", "Man", "Søn"}
    assert not texts & danish


def test_danish_charts_stay_danish(two_days: Tally, vocabulary: Vocabulary) -> None:
    texts = _all_texts(two_days, vocabulary, "da")
    assert {"Henvendelser pr. dag og kanal", "Fremmøde", "Pas", "Man", "Søn"} <= texts
    assert {"1/12", "2/12", "1.200"} <= texts
    assert "1,200" not in texts


def test_a_short_period_has_one_tick_per_day_not_hours(
    two_days: Tally, vocabulary: Vocabulary
) -> None:
    figure, _ = draw_chart("per_day", two_days, vocabulary)
    axes = figure.axes[0]
    figure.canvas.draw()
    assert [t.get_text() for t in axes.get_xticklabels()] == ["1/12", "2/12"]
    assert len(axes.patches) == 2 * 2  # two days, stacked in-person and phone bars


def test_a_single_day_is_drawn_per_hour(one_day: Tally, vocabulary: Vocabulary) -> None:
    figure, title = draw_chart("per_day", one_day, vocabulary)
    assert title == "Henvendelser pr. time, 1.12.2026"
    bars = [bar for bar in figure.axes[0].patches if isinstance(bar, Rectangle)]
    heights = [bar.get_height() for bar in bars]
    assert heights == [15, 15, 15, 15]  # 9, 10, 11 and 12 o'clock, three areas × 5
    assert sum(heights) == one_day.total
    figure, title = draw_chart("per_day", one_day, vocabulary, language="en")
    assert title == "Contacts per hour, 1 Dec 2026"


@pytest.mark.parametrize("name", ["per_day", "areas"])
def test_the_legend_covers_no_bar(name: str, two_days: Tally, vocabulary: Vocabulary) -> None:
    figure, _ = draw_chart(name, two_days, vocabulary)
    figure.canvas.draw()
    legend = figure.legends[0] if figure.legends else figure.axes[0].get_legend()
    assert legend is not None
    box = legend.get_window_extent()
    for bar in figure.axes[0].patches:
        assert not box.overlaps(bar.get_window_extent())
    assert not box.overlaps(figure.axes[0].get_window_extent())


def test_heat_map_numbers_are_readable_or_left_out(two_days: Tally, vocabulary: Vocabulary) -> None:
    figure, _ = draw_chart("heat_map", two_days, vocabulary)
    numbers = [t for t in figure.axes[0].texts if t.get_text()]
    assert {t.get_text() for t in numbers} == {"600"}
    assert all(float(t.get_fontsize()) >= CELL_TEXT_MIN_PT for t in numbers)
    small, _ = draw_chart("heat_map", two_days, vocabulary, width_in=1.8, height_in=1.4)
    assert not small.axes[0].texts  # too small to read: the colours alone
    assert small.axes[0].images


def test_charts_fit_the_size_asked_for(two_days: Tally, vocabulary: Vocabulary) -> None:
    charts = render_charts(two_days, vocabulary, dpi=192, width_in=5.0, height_in=2.5)
    assert all(c.png.startswith(PNG) for c in charts)
    assert {(c.width_px, c.height_px) for c in charts} == {(960, 480)}


@pytest.mark.parametrize(("height", "shown"), [(3.2, 10), (2.2, 7)])
def test_a_short_areas_chart_shows_fewer_areas_not_overlapping_names(
    height: float, shown: int, vocabulary: Vocabulary
) -> None:
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    contacts: list[Contact] = []
    for n, area in enumerate(vocabulary.visible_areas[:12]):
        choice = ContactChoice("in_person", area.id, "handled_by_staff")
        contacts += make_contacts(
            choice, vocabulary, desk="S1", municipality_code="165", count=20 + n, now=start
        )
    month = tally(contacts, Period.month(start.date()))
    figure, title = draw_chart("areas", month, vocabulary, width_in=4.0, height_in=height)
    assert title == f"De {shown} største sagsområder efter udfald"
    figure.canvas.draw()
    names = figure.axes[0].get_yticklabels()
    assert len(names) == shown
    boxes = [name.get_window_extent() for name in names]
    assert not any(a.overlaps(b) for a, b in pairwise(boxes))


def test_a_week_without_assisted_self_service_shows_0_percent_not_no_contacts(
    vocabulary: Vocabulary,
) -> None:
    """Contacts, none of them assisted: the trend says 0 %, not "Ingen henvendelser"."""
    staff = ContactChoice("in_person", "passport", "handled_by_staff")
    contacts = make_contacts(staff, vocabulary, desk="S1", municipality_code="165", count=15,
                             now=datetime(2026, 12, 2, 11, 0, tzinfo=UTC))  # fmt: skip
    month = tally(contacts, Period.month(date(2026, 12, 1)))
    trend = describe_chart("assisted_trend", month, vocabulary, "da")
    assert not trend.empty
    assert trend.series[0].values == (0.0,)
    figure, _ = draw_chart("assisted_trend", month, vocabulary, language="da")
    assert "Ingen henvendelser i perioden" not in _texts(figure)


@pytest.mark.parametrize(
    ("areas", "language", "title"),
    [
        (0, "da", "Sagsområder efter udfald"),
        (1, "da", "Det største sagsområde efter udfald"),
        (2, "da", "De 2 største sagsområder efter udfald"),
        (0, "en", "Areas by outcome"),
        (1, "en", "The largest area by outcome"),
        (3, "en", "The 3 largest areas by outcome"),
    ],
)
def test_the_areas_title_says_one_or_none_in_words(
    areas: int, language: str, title: str, vocabulary: Vocabulary
) -> None:
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    contacts: list[Contact] = []
    for area in vocabulary.visible_areas[:areas]:
        choice = ContactChoice("in_person", area.id, "handled_by_staff")
        contacts += make_contacts(
            choice, vocabulary, desk="S1", municipality_code="165", count=3, now=start
        )
    month = tally(contacts, Period.month(start.date()))
    areas_chart = next(c for c in describe_charts(month, vocabulary, language) if c.name == "areas")
    assert areas_chart.title == title
    _figure, drawn = draw_chart("areas", month, vocabulary, width_in=4.0, height_in=3.2,
                                language=language)  # fmt: skip
    assert drawn == title
