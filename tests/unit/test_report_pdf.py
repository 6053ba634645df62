"""The team leader's charts and PDF report: the same charts in both, tables as exported."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from skranke.charts import CHART_NAMES, render_charts
from skranke.contact import ContactChoice, make_contacts
from skranke.costs import load_price_table
from skranke.exports import Share, tally_tables
from skranke.report import Period, Tally, tally
from skranke.report_pdf import cell_text, render_report
from skranke.vocabulary import Vocabulary

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def month(vocabulary: Vocabulary) -> Tally:
    contacts = []
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for n in range(120):
        choice = ContactChoice(
            ("in_person", "phone")[n % 2],
            ("passport", "mitid", "moving", "tax")[n % 4],
            ("handled_by_staff", "assisted_self_service")[n % 3 == 0],
        )
        when = start + timedelta(days=n % 19, hours=n % 6)
        contacts += make_contacts(
            choice,
            vocabulary,
            desk="S1",
            municipality_code="165",
            now=when,
            duration_seconds=60 + n,
        )
    return tally(contacts, Period.month(date(2026, 11, 1)))


def test_four_charts_as_png(month: Tally, vocabulary: Vocabulary) -> None:
    charts = render_charts(month, vocabulary, dpi=60)
    assert [c.name for c in charts] == list(CHART_NAMES)
    assert all(c.png.startswith(PNG) for c in charts)
    assert charts[0].title == "Henvendelser pr. dag og kanal"


def test_an_empty_period_still_draws(vocabulary: Vocabulary) -> None:
    empty = tally([], Period.day(date(2026, 11, 22)))
    assert all(c.png.startswith(PNG) for c in render_charts(empty, vocabulary, dpi=50))


def test_the_report_has_the_period_the_charts_and_the_tables(
    month: Tally, vocabulary: Vocabulary
) -> None:
    charts = render_charts(month, vocabulary, dpi=60)
    tables = tally_tables(month, vocabulary, price_table=load_price_table())
    pdf = render_report(month, tables, charts, municipality_name="Albertslund Kommune")
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Ledelsesinformation – Albertslund Kommune" in text
    assert "November 2026" in text
    for table in tables:
        assert table.name in text
    images = sum(len(page.images) for page in reader.pages)
    assert images == len(charts)
    assert reader.metadata is not None
    assert reader.metadata.author == "Albertslund Kommune"


def test_cells_read_the_danish_way() -> None:
    assert cell_text(1234) == "1.234"
    assert cell_text(1234.56) == "1.234,6"
    assert cell_text(Share(0.2344)) == "23,4 %"
    assert cell_text(Share(0.2345)) == "23,5 %"  # half up, as everywhere
    assert cell_text(Decimal("1234.5")) == "1.234,50 kr."
    assert cell_text(125, "seconds") == "2:05"
    assert cell_text(date(2026, 11, 2)) == "2.11.2026"
    assert cell_text(None) == ""
