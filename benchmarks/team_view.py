"""Opening the team leader's view on a year of contacts, as Ctrl+L does: from loading the
view's module to the year's figures and all four charts painted, the first time in the
session and again after closing it (the session's count, checked against the data's
watermark), against a hand-written SQL GROUP BY of the same year in the same run (the floor).

    uv run python -m benchmarks.team_view --database sqlite:////tmp/big.sqlite3
    (fill it first: skranke --database ... demo-data --contacts 1000000 --days 365)

It runs offscreen; the view opens on this month (as from the counter) and the year is picked
at once, so the month's count is superseded (skipped or interrupted) as a team leader's would be.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from benchmarks.common import describe_machine
from database.engine import open_database
from database.repository import ContactRepository
from skranke.catalog import load_catalog
from skranke.clock import local_today, utc_now
from skranke.contact import ContactChoice, make_contacts
from skranke.costs import load_price_table
from skranke.report import Period
from skranke.vocabulary import load_vocabulary
from ui.app import create_application

if TYPE_CHECKING:
    from ui.team_view import TeamView

FLOOR_SQL = """
SELECT channel, area, outcome, count(*) FROM contact
WHERE logged_at >= :start AND logged_at < :end AND voided_at IS NULL
GROUP BY channel, area, outcome
"""


def _wait(done: Callable[[], bool]) -> tuple[float, float]:
    """Seconds until ``done()``, processing events; and the longest GUI-thread pause."""
    start, longest = time.perf_counter(), 0.0
    while not done():
        tick = time.perf_counter()
        QApplication.processEvents()
        longest = max(longest, time.perf_counter() - tick)
        time.sleep(0.005)
    return time.perf_counter() - start, longest


def _reopen(view: TeamView, painted: Callable[[], bool]) -> float:
    """Seconds from showing the closed view again until its figures and charts are in."""
    view.close()
    QApplication.processEvents()
    again = time.perf_counter()
    generation = view._generation
    view.show()
    _wait(lambda: view._generation > generation and painted())
    for chart in view.chart_labels:
        chart.repaint()
    return time.perf_counter() - again


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    app = create_application([])
    vocabulary = load_vocabulary()
    database = open_database(args.database)
    repository = ContactRepository(database)
    catalog = load_catalog(vocabulary).catalog
    year = Period.year(local_today().year)
    start, end = year.utc_bounds()
    floor_start = time.perf_counter()
    with database.engine.connect() as conn:
        conn.execute(text(FLOOR_SQL), {"start": start, "end": end}).all()
    floor = time.perf_counter() - floor_start

    opened = time.perf_counter()
    from ui.team_view import PERIODS, TeamView  # noqa: PLC0415 - as the counter's Ctrl+L

    view = TeamView(
        repository, vocabulary, catalog, load_price_table(), municipality_name="Albertslund"
    )
    view.show()
    QApplication.processEvents()
    shown = time.perf_counter() - opened
    view.period_combo.setCurrentIndex(PERIODS.index("year"))

    def year_painted() -> bool:
        loaded = view.loaded
        return loaded is not None and loaded.tally.period == year and view.busy.isHidden()

    _, pause = _wait(year_painted)
    for chart in view.chart_labels:
        chart.repaint()  # painted now, not only scheduled
    first = time.perf_counter() - opened
    assert view.loaded is not None
    total = view.loaded.tally.total

    second = _reopen(view, year_painted)
    cached = view.loaded is not None and view.loaded.cached

    (added,) = make_contacts(
        ContactChoice("phone", "passport", "handled_by_staff"), vocabulary,
        desk="Skranke 1", municipality_code="165", now=utc_now(),
    )  # fmt: skip
    repository.add(added)  # a contact logged meanwhile: the session's count is stale
    recounted = _reopen(view, year_painted)
    exact = view.loaded is not None and view.loaded.tally.total == total + 1
    repository.void(added.id)

    print(describe_machine())
    print(f"contacts counted in the year: {total:,}")
    print(f"floor, hand-written GROUP BY of the year: {floor * 1000:.0f} ms")
    print(f"view shown: {shown * 1000:.0f} ms")
    print(f"first open, Ctrl+L to the year's figures and charts: {first:.2f} s "
          f"({first / floor:.2f}x the floor)")  # fmt: skip
    print(f"second open: {second * 1000:.0f} ms ({second / floor:.2f}x the floor; "
          f"from the session's count: {cached})")  # fmt: skip
    print(f"after a new contact: {recounted:.2f} s (counted again; one more: {exact})")
    print(f"matplotlib loaded by the view: {'matplotlib' in sys.modules}")
    print(f"longest GUI-thread pause while counting: {pause * 1000:.0f} ms")
    print(
        f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    database.close()
    app.quit()


if __name__ == "__main__":
    main()
