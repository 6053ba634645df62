"""Exports as a team leader runs them, from the database to files read back independently."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from database.demo import fill_demo_data
from database.exporting import ExportRequest, run_export
from database.reports import tally_in_database
from database.repository import ContactRepository
from skranke.catalog import Catalog, load_catalog
from skranke.costs import load_price_table
from skranke.exports import ExportCancelled, ExportWriteError
from skranke.report import Filters, Period
from skranke.vocabulary import Vocabulary

END = date(2026, 11, 20)
PERIOD = Period.custom(date(2026, 10, 1), END)


@pytest.fixture
def filled(repository: ContactRepository, vocabulary: Vocabulary) -> ContactRepository:
    fill_demo_data(repository, 1500, 70, 7, vocabulary, end=END)
    return repository


@pytest.fixture
def catalog(vocabulary: Vocabulary) -> Catalog:
    return load_catalog(vocabulary).catalog


def _export(repository, vocabulary, catalog, fmt, out, **kwargs):  # type: ignore[no-untyped-def]
    request = ExportRequest(PERIOD, Filters(), fmt, out, "Albertslund Kommune")
    return run_export(request, repository, vocabulary, catalog, load_price_table(), **kwargs)


def test_csv_folder_reads_back_in_danish_excel_form(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    result = _export(filled, vocabulary, catalog, "csv", tmp_path / "eksport")
    expected = tally_in_database(filled, PERIOD, Filters())
    raw = tmp_path / "eksport" / "henvendelser.csv"
    assert raw.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with raw.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) - 1 == expected.total == result.contacts
    assert raw in result.paths
    assert any(path.name == "kanal.csv" for path in result.paths)


def test_xlsx_totals_equal_the_core(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "tal.xlsx"
    _export(filled, vocabulary, catalog, "xlsx", out)
    expected = tally_in_database(filled, PERIOD, Filters())
    workbook = load_workbook(out, read_only=True)
    assert workbook.sheetnames[0] == "Oversigt"
    channel = workbook["Kanal"]
    counts = {row[0]: row[1] for row in channel.iter_rows(min_row=2, values_only=True)}
    assert counts["Fremmøde"] == expected.by_channel.get("in_person", 0)
    assert counts["Telefon"] == expected.by_channel.get("phone", 0)


def test_komhen_is_the_counting_week_the_period_starts_in(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "komhen.xlsx"
    result = _export(filled, vocabulary, catalog, "komhen", out)
    year, week, _ = PERIOD.first.isocalendar()
    assert (
        result.contacts
        == tally_in_database(filled, Period.counting_week(year, week), Filters()).total
    )
    assert out.exists()


def test_pdf_report(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "rapport.pdf"
    _export(filled, vocabulary, catalog, "pdf", out)
    reader = PdfReader(out)
    assert sum(len(page.images) for page in reader.pages) == 4
    assert "Albertslund Kommune" in reader.pages[0].extract_text()


def test_an_unwritable_path_names_the_path(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "folder" / "tal.xlsx"
    with pytest.raises(ExportWriteError) as caught:
        _export(filled, vocabulary, catalog, "xlsx", target)
    assert str(target) in str(caught.value)


def test_a_cancelled_export_leaves_nothing(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "tal.xlsx"
    with pytest.raises(ExportCancelled):
        _export(filled, vocabulary, catalog, "xlsx", out, cancelled=lambda: True)
    assert not out.exists()
