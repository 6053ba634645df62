"""The team view's hotline exports follow the hotline's settings (participants, agreed key),
as `skranke export` does: a team leader opens the view from the counter (Ctrl+L) and exports."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.contact import ContactChoice
from skranke.settings import Settings
from ui.team_view import TeamView

MITID = ContactChoice("phone", "mitid", "assisted_self_service")


def test_the_hotline_export_splits_by_the_agreed_key(
    qtbot: QtBot, make_window: Any, desk: CounterDesk, tmp_path: Path
) -> None:
    settings = Settings(
        desk=desk.desk,
        municipality=desk.municipality_code,
        hotline=True,
        hotline_desk=desk.desk,
        hotline_municipalities=("165", "153"),
        hotline_cost_key="shares",
        hotline_cost_per_evening="1000.00",
        hotline_shares=(("165", Decimal(1)), ("153", Decimal(3))),
    )
    window = make_window(settings)
    for code in ("165", "153", "153", "183"):  # 183 (Ishøj) does not take part
        desk.log(MITID, municipality_code=code)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    view = window.team.view
    assert isinstance(view, TeamView)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded is not None, timeout=20_000)
    out = tmp_path / "hotline.csv"
    view.export("hotline-csv", out)
    qtbot.waitUntil(lambda: "Eksporteret" in view.status.text(), timeout=20_000)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row[0]: row for row in csv.reader(handle, delimiter=";")}
    column = {name: index for index, name in enumerate(rows["Kommune"])}

    def amount(name: str) -> Decimal:
        return Decimal(rows[name][column["Beløb (kr.)"]].replace(",", "."))

    assert rows["Brøndby"][column["Opkald"]] == "2"
    assert "Ishøj" not in rows  # not a participant: among the other municipalities, unbilled
    assert amount("Albertslund") > 0
    assert amount("Brøndby") == 3 * amount("Albertslund")  # the agreed key, not the calls
    assert amount("Albertslund") + amount("Brøndby") == amount("I alt")
