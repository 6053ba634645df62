"""Exports read back the way a team leader's Excel reads them give the core's figures."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from skranke.clock import LOCAL_TZ
from skranke.contact import Contact, Handout
from skranke.costs import estimate_cost, load_price_table
from skranke.exports import (
    CONTACT_COLUMNS,
    ExportCancelled,
    ExportWriteError,
    komhen_matrix,
    komhen_week,
    komhen_weeks,
    tally_tables,
    write_contacts_csv,
    write_contacts_xlsx,
    write_komhen_csv,
    write_komhen_xlsx,
    write_table_csv,
    write_tally_csv_files,
    write_tally_csv_zip,
    write_tally_xlsx,
)
from skranke.report import Period, Tally, tally
from skranke.vocabulary import load_vocabulary
from tests.unit.test_report import FALL_BACK, contacts_strategy, local, make_contact

VOCABULARY = load_vocabulary()
PRICES = load_price_table()
WEEK = Period.week(FALL_BACK)
COUNT_SHEETS = ("Kanal", "Sagsområde", "Henvendelsestype", "Udfald", "Digital parathed",
                "Brugertype")  # fmt: skip


def sample() -> list[Contact]:
    return [
        make_contact(local(FALL_BACK, 0, 30), handouts=(Handout("moving", "qr"),)),
        make_contact(local(FALL_BACK, 2, 30, fold=1), channel="phone", area="mitid",
                     kind="guidance", outcome="assisted_self_service", assisted=True,
                     duration_seconds=245, readiness="can_learn"),
        make_contact(local(FALL_BACK, 23, 59), channel="video", desk="=1+1"),
        make_contact(local(date(2026, 10, 20), 11), kind="information", duration_seconds=60),
        make_contact(local(date(2026, 10, 21), 12)).void(),
    ]  # fmt: skip


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    assert "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def body(rows: list[list[str]]) -> list[list[str]]:
    """Data rows without the header and the "I alt" row."""
    return [row for row in rows[1:] if row[0] != "I alt"]


def test_raw_contacts_csv_for_danish_excel() -> None:
    out = io.BytesIO()
    written = write_contacts_csv(sample(), out, VOCABULARY)
    assert not out.closed
    rows = read_csv(out.getvalue())
    assert written == 4
    assert rows[0] == [column.header for column in CONTACT_COLUMNS]
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_id) == 4
    row = next(r for r in by_id.values() if r["Kanal"] == "Telefon")
    assert row["Dato"] == "2026-10-25"
    assert row["Tidspunkt"] == "02:30:00"  # the second 02:30 of the day summer time ends
    assert row["Sagsområde"] == "MitID"
    assert row["Udfald"] == "Hjælp til selvbetjening"
    assert row["Medbetjening"] == "Ja"
    assert row["Digital parathed"] == "Kan lære det"
    assert row["Ekspeditionstid (sek.)"] == "245"
    assert row["Annulleret"] == "Nej"
    video = next(r for r in by_id.values() if r["Kanal"] == "Video")
    assert video["Skranke"] == "'=1+1"  # never a formula in Excel
    shown = next(r for r in by_id.values() if r["Løsninger vist (QR)"])
    assert shown["Løsninger vist (QR)"] == "moving"
    assert shown["Tidspunkt"] == "00:30:00"


def test_voided_contacts_are_left_out_unless_asked_for() -> None:
    out = io.BytesIO()
    assert write_contacts_csv(sample(), out, VOCABULARY, include_voided=True) == 5
    rows = read_csv(out.getvalue())
    assert [row[-1] for row in rows[1:]].count("Ja") == 1


def _count_sheet_totals(rows: list[list[object]]) -> list[int]:
    return [int(str(row[1])) for row in rows[1:] if row[0] != "I alt"]


def check_xlsx(data: bytes, result: Tally) -> None:
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[0] == "Oversigt"
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    for name in COUNT_SHEETS:
        sheet = workbook[name]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert sum(_count_sheet_totals(values)) == result.total, name
        assert values[-1][:2] == ["I alt", result.total]
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert sheet["A1"].fill.fgColor.rgb.endswith("1F4E79")
        assert sheet["B2"].number_format == "0"
        if result.total:
            assert sheet["C2"].number_format == "0.0%"
    per_day = [list(r) for r in workbook["Pr. dag"].iter_rows(values_only=True)]
    assert sum(int(str(r[-1])) for r in per_day[1:]) == result.total
    assert len(per_day) == 1 + result.period.days
    hours = [list(r) for r in workbook["Time og ugedag"].iter_rows(values_only=True)]
    assert sum(int(str(r[-1])) for r in hours[1:]) == result.total
    overview = {r[0]: r[1] for r in workbook["Oversigt"].iter_rows(values_only=True)}
    assert overview["Henvendelser i alt"] == result.total
    assert overview["Periode"] == result.period.label()


@settings(max_examples=12, deadline=None)
@given(contacts=st.lists(contacts_strategy, max_size=30))
def test_xlsx_and_csv_read_back_give_the_cores_totals(contacts: list[Contact]) -> None:
    result = tally(contacts, WEEK)
    out = io.BytesIO()
    write_tally_xlsx(result, out, VOCABULARY, price_table=PRICES, komhen=True)
    check_xlsx(out.getvalue(), result)
    for table in tally_tables(result, VOCABULARY, price_table=PRICES)[1:7]:
        buffer = io.BytesIO()
        write_table_csv(table, buffer)
        rows = read_csv(buffer.getvalue())
        assert rows[0][2] == "Andel (%)"
        assert sum(int(row[1]) for row in body(rows)) == result.total


def test_csv_files_one_per_table(tmp_path: Path) -> None:
    result = tally(sample(), WEEK)
    seen: list[tuple[int, int]] = []
    paths = write_tally_csv_files(
        result, tmp_path, VOCABULARY, price_table=PRICES,
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    names = {path.name for path in paths}
    assert {"oversigt.csv", "kanal.csv", "omkostninger.csv", "pr_dag.csv"} <= names
    assert seen[-1] == (len(paths), len(paths))
    channel = read_csv((tmp_path / "kanal.csv").read_bytes())
    assert channel[0] == ["Kanal", "Antal", "Andel (%)"]
    assert ["Fremmøde", "2", "50,0"] in channel
    assert sum(int(row[1]) for row in body(channel)) == result.total == 4
    costs = read_csv((tmp_path / "omkostninger.csv").read_bytes())
    assert costs[-1][-1] == "204,00"  # in person 97 + 70, phone 37 (guidance), video none
    assert not list(tmp_path.glob("*.part"))


def test_money_is_exact_in_the_xlsx_cell() -> None:
    contacts = [make_contact(local(FALL_BACK, 10)) for _ in range(3)]
    result = tally(contacts, WEEK)
    estimate = estimate_cost(result, PRICES, VOCABULARY)
    out = io.BytesIO()
    write_tally_xlsx(result, out, VOCABULARY, price_table=PRICES)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    sheet = workbook["Omkostninger"]
    total_row = next(row for row in sheet.iter_rows() if row[0].value == "I alt")
    money = total_row[-1]
    assert money.number_format == '#,##0.00 "kr."'
    assert Decimal(str(money.value)) == estimate.total == Decimal(291)
    # The stored text of the cell is the exact decimal, not a rounded binary fraction.
    index = workbook.sheetnames.index("Omkostninger") + 1
    xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read(f"xl/worksheets/sheet{index}.xml")
    cell = re.search(rf'<c r="{money.coordinate}"[^>]*><v>([^<]+)</v>', xml.decode())
    assert cell is not None
    assert Decimal(cell.group(1)) == estimate.total
    overview = {r[0].value: r for r in workbook["Oversigt"].iter_rows()}
    assert overview["Anslået omkostning i alt"][1].number_format == '#,##0.00 "kr."'
    assert overview["Kanalpriser: år"][1].value == "2012"


def test_raw_contacts_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "henvendelser.xlsx"
    assert write_contacts_xlsx(sample(), path, VOCABULARY) == 4
    sheet = load_workbook(path)["Henvendelser"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Id"
    assert len(rows) == 5
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert any(row[3] == "'=1+1" for row in rows)
    assert sheet["B2"].value.date() == FALL_BACK
    assert sheet["B2"].number_format == "yyyy-mm-dd"  # ISO, as in the CSV


@settings(max_examples=40, deadline=None)
@given(contacts=st.lists(contacts_strategy, max_size=40))
def test_the_komhen_matrix_sums_to_the_weeks_contacts(contacts: list[Contact]) -> None:
    year, week, _ = FALL_BACK.isocalendar()
    matrix = komhen_week(contacts, year, week, VOCABULARY)
    in_week = [
        c for c in contacts if not c.voided and c.logged_at.astimezone(LOCAL_TZ).date() in WEEK
    ]
    assert matrix.total == len(in_week)
    assert {klass for _, _, klass in matrix.counts} <= {"information", "transaction"}
    out = io.BytesIO()
    write_komhen_csv([matrix], out, VOCABULARY)
    rows = read_csv(out.getvalue())
    assert rows[0][:4] == ["Uge", "Fra", "Til", "Sagsområde"]
    areas = [row for row in rows[1:] if row[3] != "I alt"]
    assert sum(int(cell) for row in areas for cell in row[4:-1]) == len(in_week)
    assert rows[-1][3] == "I alt"
    assert int(rows[-1][-1]) == len(in_week)


def test_the_komhen_sheet(tmp_path: Path) -> None:
    matrix = komhen_matrix(tally(sample(), WEEK), VOCABULARY)
    path = tmp_path / "komhen.xlsx"
    write_komhen_xlsx([matrix], path, VOCABULARY)
    workbook = load_workbook(path)
    (name,) = workbook.sheetnames
    assert name == "KOMHEN uge 43, 2026"
    rows = list(workbook[name].iter_rows(values_only=True))
    assert "Fremmøde – Transaktion" in rows[0]
    assert "Telefon – Information" in rows[0]
    assert rows[-1][-1] == 4
    passport = next(row for row in rows if row[0] == "Pas")
    header = list(rows[0])
    assert passport[header.index("Fremmøde – Transaktion")] == 1
    assert passport[header.index("Fremmøde – Information")] == 1


@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_an_unwritable_path_is_a_typed_error_naming_it(tmp_path: Path, where: str) -> None:
    target = tmp_path / "missing" / "ud.csv" if where == "missing-folder" else tmp_path
    result = tally(sample(), WEEK)
    writers = [
        lambda: write_contacts_csv(sample(), target, VOCABULARY),
        lambda: write_contacts_xlsx(sample(), target, VOCABULARY),
        lambda: write_tally_xlsx(result, target, VOCABULARY),
        lambda: write_komhen_csv([komhen_matrix(result, VOCABULARY)], target, VOCABULARY),
        lambda: write_tally_csv_zip(result, target, VOCABULARY),
    ]
    for write in writers:
        with pytest.raises(ExportWriteError) as raised:
            write()
        assert raised.value.path == target
        assert str(target) in str(raised.value)
    assert not list(tmp_path.parent.glob("*.part"))


def test_a_cancelled_export_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "ud.csv"
    contacts = [make_contact(local(FALL_BACK, 10)) for _ in range(5000)]
    seen: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled):
        write_contacts_csv(
            contacts,
            path,
            VOCABULARY,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert seen == [(0, 5000), (2000, 5000)]
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportCancelled):
        write_tally_xlsx(tally(contacts, WEEK), path, VOCABULARY, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    contacts = [make_contact(local(FALL_BACK, 10)) for _ in range(4500)]
    seen: list[tuple[int, int]] = []
    write_contacts_xlsx(
        contacts, tmp_path / "x.xlsx", VOCABULARY, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(0, 4500), (2000, 4500), (4000, 4500), (4500, 4500)]


@settings(max_examples=60, deadline=None)
@given(
    first=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    length=st.integers(min_value=0, max_value=120),
)
def test_komhen_weeks_cover_every_day_of_the_period_once(first: date, length: int) -> None:
    period = Period.custom(first, first + timedelta(days=length))
    weeks = komhen_weeks(period)
    days = [day for week in weeks for day in week.dates()]
    assert days == period.dates()  # none dropped, none added, in order
    for week in weeks:
        assert week.first.isocalendar()[:2] == week.last.isocalendar()[:2]  # one ISO week
        whole = week.days == 7
        assert (week.kind == "counting_week") == whole


def test_komhen_weeks_of_whole_weeks_are_counting_weeks() -> None:
    weeks = komhen_weeks(Period.custom(date(2026, 11, 2), date(2026, 11, 15)))
    assert [w.label() for w in weeks] == ["Tælleuge 45, 2026", "Tælleuge 46, 2026"]


def test_the_tables_as_a_zip_of_csv_files(tmp_path: Path) -> None:
    result = tally(sample(), WEEK)
    out = tmp_path / "tabeller.zip"
    write_tally_csv_zip(result, out, VOCABULARY)
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        channel = read_csv(archive.read("kanal.csv"))
    assert channel[0][0] == "Kanal"
    assert sum(int(row[1]) for row in body(channel)) == result.total
