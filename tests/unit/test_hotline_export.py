"""The hotline exporters from the registry, as the team view runs them: without hotline
settings on the team leader's PC, every caller's municipality takes part, each paying for its
calls at the phone price."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook

from skranke.contact import Contact, ContactChoice, make_contacts
from skranke.costs import PriceTable, load_price_table
from skranke.exporters import EXPORTERS, ExportJob, exporter
from skranke.hotline import HotlineConfig
from skranke.report import Period, Tally, tally
from skranke.vocabulary import Vocabulary

NOVEMBER = Period.month(date(2026, 11, 1))
EVENING = datetime(2026, 11, 17, 19, 15, tzinfo=UTC)


@dataclass
class _Source:
    vocabulary: Vocabulary
    calls: list[Contact]
    hotline: HotlineConfig | None = None
    price_table: PriceTable = field(default_factory=load_price_table)
    solution_titles: Mapping[str, str] = field(default_factory=dict)
    municipality_name: str = "Albertslund Kommune"

    def tally(self, period: Period) -> Tally:
        return tally(self.calls, period)

    def contacts(self, period: Period) -> Sequence[Contact]:
        return self.calls


def _calls(vocabulary: Vocabulary, code: str, kind: str, count: int) -> list[Contact]:
    choice = ContactChoice("phone", "mitid", "assisted_self_service", kind=kind)
    return make_contacts(
        choice, vocabulary, desk="Hotline", municipality_code=code, count=count, now=EVENING
    )


def test_the_registry_offers_the_hotline_as_csv_xlsx_and_pdf() -> None:
    assert {"hotline-csv", "hotline-xlsx", "hotline-pdf"} <= set(EXPORTERS)
    assert EXPORTERS["hotline-pdf"].suffix == ".pdf"


def test_without_hotline_settings_every_callers_municipality_pays_its_calls(
    vocabulary: Vocabulary, tmp_path: Path
) -> None:
    calls = [
        *_calls(vocabulary, "175", "transaction", 2),  # 2 × 61 kr.
        *_calls(vocabulary, "183", "information", 1),  # 37 kr.
    ]
    out = tmp_path / "hotline.csv"
    result = exporter("hotline-csv").write(ExportJob(_Source(vocabulary, calls), NOVEMBER, out))
    assert result.contacts == 3
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row[0]: row for row in csv.reader(handle, delimiter=";")}
    assert rows["Rødovre"][-1] == "122,00"
    assert rows["Ishøj"][-1] == "37,00"
    assert rows["I alt"][-1] == "159,00"
    assert "Fordelingsnøgle" not in rows["Kommune"]  # per call: no agreed key to show


def test_callers_from_elsewhere_are_shown_apart_and_not_billed(
    vocabulary: Vocabulary, tmp_path: Path
) -> None:
    calls = [
        *_calls(vocabulary, "165", "information", 1),
        *_calls(vocabulary, "101", "information", 2),
    ]
    source = _Source(vocabulary, calls, HotlineConfig(("165", "153")))
    out = tmp_path / "hotline.xlsx"
    exporter("hotline-xlsx").write(ExportJob(source, NOVEMBER, out))
    rows = {
        row[0]: row for row in load_workbook(out)["Hotline pr. kommune"].iter_rows(values_only=True)
    }
    assert rows["Andre kommuner"][2] == 2
    assert rows["Andre kommuner"][-1] is None
    assert rows["I alt"][2] == 3
    assert rows["I alt"][-1] == rows["Albertslund"][-1] == 37
