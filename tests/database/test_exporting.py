"""Exports as a team leader runs them, from the database to files read back independently."""

from __future__ import annotations

import csv
import zipfile
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


def _csv_rows(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_csv_is_one_file_with_a_row_per_contact(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    result = _export(filled, vocabulary, catalog, "csv", out)
    expected = tally_in_database(filled, PERIOD, Filters())
    assert out.is_file()
    assert result.paths == (out,)
    assert len(_csv_rows(out)) - 1 == expected.total == result.contacts


def test_csv_into_an_existing_folder_is_refused_and_names_it(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    folder = tmp_path / "eksport"
    folder.mkdir()
    with pytest.raises(ExportWriteError) as caught:
        _export(filled, vocabulary, catalog, "csv", folder)
    assert caught.value.path == folder
    assert list(folder.iterdir()) == []


def test_csv_tables_go_to_a_folder(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    result = _export(filled, vocabulary, catalog, "csv-tables", tmp_path / "eksport")
    expected = tally_in_database(filled, PERIOD, Filters())
    channel = dict((row[0], row[1]) for row in _csv_rows(tmp_path / "eksport" / "kanal.csv"))
    assert channel["Telefon"] == str(expected.by_channel["phone"])
    assert tmp_path / "eksport" / "kanal.csv" in result.paths
    assert result.contacts == expected.total


def test_csv_tables_go_to_a_zip_when_the_name_ends_in_zip(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "tabeller.zip"
    result = _export(filled, vocabulary, catalog, "csv-tables", out)
    expected = tally_in_database(filled, PERIOD, Filters())
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        archive.extract("kanal.csv", tmp_path / "unpacked")
    assert {"kanal.csv", "oversigt.csv"} <= set(names)
    channel = dict((r[0], r[1]) for r in _csv_rows(tmp_path / "unpacked" / "kanal.csv"))
    assert channel["Fremmøde"] == str(expected.by_channel["in_person"])
    assert result.paths == (out,)
    assert not (tmp_path / "tabeller.zip.part").exists()


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


def test_komhen_has_a_sheet_for_every_week_of_the_period(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "komhen.xlsx"
    result = _export(filled, vocabulary, catalog, "komhen", out)
    # 1 October 2026 is a Thursday, 20 November a Friday: both ends are part weeks.
    sheets = load_workbook(out, read_only=True)
    assert sheets.sheetnames[0] == "KOMHEN uge 40, 2026 (delvis)"
    assert "KOMHEN uge 41, 2026" in sheets.sheetnames
    assert sheets.sheetnames[-1] == "KOMHEN uge 47, 2026 (delvis)"
    assert len(sheets.sheetnames) == 8
    totals = 0
    for sheet in sheets.worksheets:
        last = list(sheet.iter_rows(values_only=True))[-1]
        assert last[0] == "I alt"
        totals += int(last[-1])
    every_day = tally_in_database(filled, PERIOD, Filters()).total
    assert totals == result.contacts == every_day


def test_komhen_csv_has_a_week_column_and_no_day_is_lost(
    filled: ContactRepository, vocabulary: Vocabulary, catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "komhen.csv"
    result = _export(filled, vocabulary, catalog, "komhen", out)
    header, *rows = _csv_rows(out)
    assert header[:4] == ["Uge", "Fra", "Til", "Sagsområde"]
    weeks = {row[0]: (row[1], row[2]) for row in rows}
    assert weeks["Uge 40, 2026 (delvis)"] == ("2026-10-01", "2026-10-04")
    assert weeks["Uge 41, 2026"] == ("2026-10-05", "2026-10-11")
    assert weeks["Uge 47, 2026 (delvis)"] == ("2026-11-16", "2026-11-20")
    week_totals = [int(row[-1]) for row in rows if row[3] == "I alt"]
    assert len(week_totals) == 8
    assert sum(week_totals) == result.contacts == tally_in_database(filled, PERIOD).total


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
