"""Opening the team leader's view on a year of contacts: time until the window is shown,
and until the year's figures and charts are in it (counted off the GUI thread).

    uv run python -m benchmarks.team_view --database sqlite:////tmp/big.sqlite3
    (fill it first: skranke --database ... demo-data --contacts 1000000 --days 365)
"""

from __future__ import annotations

import argparse
import os
import resource
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from benchmarks.common import describe_machine
from database.engine import open_database
from database.repository import ContactRepository
from skranke.catalog import load_catalog
from skranke.costs import load_price_table
from skranke.vocabulary import load_vocabulary
from ui.app import create_application
from ui.team_view import PERIODS, TeamView


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    app = create_application([])
    vocabulary = load_vocabulary()
    repository = ContactRepository(open_database(args.database))
    catalog = load_catalog(vocabulary).catalog
    start = time.perf_counter()
    view = TeamView(
        repository, vocabulary, catalog, load_price_table(), municipality_name="Albertslund"
    )
    view.period_combo.setCurrentIndex(PERIODS.index("year"))
    view.show()
    QApplication.processEvents()
    shown = time.perf_counter() - start
    ticks = []
    while view.loaded is None or view.loaded.tally.period.kind != "year":
        tick = time.perf_counter()
        QApplication.processEvents()
        time.sleep(0.01)
        ticks.append(time.perf_counter() - tick)
    loaded = time.perf_counter() - start
    print(describe_machine())
    print(f"contacts counted: {view.loaded.tally.total:,}")
    print(f"window shown: {shown * 1000:.0f} ms; the year's figures and charts in: {loaded:.2f} s")
    print(f"longest GUI-thread pause while counting: {max(ticks) * 1000:.0f} ms")
    print(
        f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    app.quit()


if __name__ == "__main__":
    main()
