"""The hotline's report per municipality as a team leader exports it with `skranke export`:
calls logged on a hotline desk under each caller's municipality, read back from CSV, XLSX and
PDF."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from database.counter import CounterDesk
from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from skranke.contact import ContactChoice
from skranke.vocabulary import Vocabulary

SKRANKE = Path(sys.executable).with_name("skranke")
# Tuesday 17 November 2026 from 19:05 in Copenhagen; the last call at 22:20 ran over.
FIRST_CALL = datetime(2026, 11, 17, 18, 5, tzinfo=UTC)
SETTINGS = """desk = "Hotline Vestegn"
municipality = "165"
hotline = true
hotline_name = "Vestegnens fælleskommunale hotline"
hotline_municipalities = ["165", "153", "161"]
hotline_cost_key = "shares"
hotline_cost_per_evening = "2450.00"
[hotline_shares]
"165" = 28000
"153" = 39000
"161" = 23000
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(SKRANKE), *args], capture_output=True, text=True, timeout=300, env=environment,
        check=False,
    )  # fmt: skip


@pytest.fixture
def hotline_db(tmp_path: Path, vocabulary: Vocabulary) -> str:
    """Six calls on the hotline desk and two at an ordinary counter (not the hotline's)."""
    url = sqlite_url(tmp_path / "hotline.sqlite3")
    database = open_database(url)
    repository = ContactRepository(database)
    moments = iter(FIRST_CALL + timedelta(minutes=15 * n) for n in range(20))
    hotline = CounterDesk(
        repository, vocabulary, desk="Hotline Vestegn", municipality_code="165",
        clock=lambda: next(moments),
    )  # fmt: skip
    mitid = ContactChoice("phone", "mitid", "assisted_self_service")
    post = ContactChoice("phone", "digital_post", "referred_elsewhere")
    for code, choice in [("165", mitid), ("165", post), ("153", mitid), ("153", mitid),
                         ("153", post), ("161", mitid)]:  # fmt: skip
        hotline.log(choice, municipality_code=code, duration_seconds=240)
    counter = CounterDesk(repository, vocabulary, desk="Skranke 1", municipality_code="161")
    counter.log(ContactChoice("in_person", "passport", "handled_by_staff"), count=2)
    database.close()
    return url


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    return path


def _export(config: Path, url: str, fmt: str, out: Path) -> None:
    result = _run(
        "--config", str(config), "--database", url, "export", "--from", "2026-11-01",
        "--to", "2026-11-30", "--format", fmt, "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "6 henvendelser" in result.stderr


def test_csv_per_municipality_for_danish_excel(
    config: Path, hotline_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "hotline.csv"
    _export(config, hotline_db, "hotline-csv", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row[0]: row for row in csv.reader(handle, delimiter=";")}
    header = rows["Kommune"]
    column = {name: index for index, name in enumerate(header)}
    assert rows["Albertslund"][column["Opkald"]] == "2"
    assert rows["Brøndby"][column["Opkald"]] == "3"
    assert rows["Glostrup"][column["Opkald"]] == "1"  # the counter's passports are not calls
    # 17 opening evenings in November × 2,450 kr., split 28:39:23.
    assert rows["Albertslund"][column["Beløb (kr.)"]] == "12957,78"
    assert rows["Brøndby"][column["Beløb (kr.)"]] == "18048,33"
    assert rows["Glostrup"][column["Beløb (kr.)"]] == "10643,89"
    assert rows["I alt"][column["Beløb (kr.)"]] == "41650,00"
    assert rows["Brøndby"][column["Medbetjening (%)"]] == "66,7"
    # 19:05, 19:20 ... the sixth call at 20:20 local; none outside the hours.
    assert rows["I alt"][column["Uden for åbningstid"]] == "0"


def test_xlsx_has_the_basis_the_municipalities_areas_and_outcomes(
    config: Path, hotline_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "hotline.xlsx"
    _export(config, hotline_db, "hotline-xlsx", out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Grundlag", "Hotline pr. kommune", "Sagsområder", "Udfald"]
    basis = {row[0]: row[1] for row in workbook["Grundlag"].iter_rows(values_only=True)}
    assert basis["Hotline"] == "Vestegnens fælleskommunale hotline"
    assert basis["Åbningstid"] == "man–tor 19:00–22:00"
    sheet = workbook["Hotline pr. kommune"]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    amounts = [rows[name][-1] for name in ("Albertslund", "Brøndby", "Glostrup")]
    assert sum(Decimal(str(amount)) for amount in amounts) == Decimal("41650.00")
    areas = {row[0]: row for row in workbook["Sagsområder"].iter_rows(values_only=True)}
    assert areas["Digital Post"][1:] == (1, 1, 0, 2)


def test_pdf_report_reads_back(config: Path, hotline_db: str, tmp_path: Path) -> None:
    out = tmp_path / "hotline.pdf"
    _export(config, hotline_db, "hotline-pdf", out)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Vestegnens fælleskommunale hotline" in text
    assert "12.957,78 kr." in text
    assert "41.650,00 kr." in text
    assert "Brøndby" in text
