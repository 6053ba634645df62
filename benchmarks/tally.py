"""A year's tally at a big counter: 1,000,000 demo contacts in a SQLite file.

Measures, in one run on the same file:

- filling the database with ``fill_demo_data`` (batches of 5,000, one transaction each);
- the floor: a hand-written ``SELECT channel, area, outcome, count(*) ... GROUP BY`` over the
  year with Python's sqlite3;
- the core path: ``repository.between(year)`` + ``skranke.report.tally`` (a million domain
  objects through SQLAlchemy);
- the database path: ``database.reports.tally_in_database`` (grouped in SQL, same Tally);
- XLSX of the year's aggregated tables, and of the raw contacts (openpyxl write-only).

Medians of ``--runs`` runs (the slow core path and the raw export run once unless asked);
peak memory is the process's maximum resident set size.

    uv run python -m benchmarks.tally [--contacts 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.common import describe_machine
from database.demo import fill_demo_data
from database.engine import open_database, sqlite_url
from database.reports import tally_in_database
from database.repository import ContactRepository
from skranke.costs import load_price_table
from skranke.exports import write_contacts_xlsx, write_tally_xlsx
from skranke.report import Period, tally
from skranke.vocabulary import load_vocabulary

YEAR = 2026


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def timed(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--core-runs", type=int, default=1)
    parser.add_argument("--skip-raw-export", action="store_true")
    args = parser.parse_args()
    vocabulary = load_vocabulary()
    period = Period.year(YEAR)
    print(describe_machine())
    with tempfile.TemporaryDirectory(prefix="skranke-bench-") as folder:
        path = Path(folder) / "skranke.sqlite3"
        database = open_database(sqlite_url(path))
        repository = ContactRepository(database)
        start = time.perf_counter()
        stored = fill_demo_data(
            repository, args.contacts, 365, seed=2026, vocabulary=vocabulary,
            end=date(YEAR, 12, 31),
        )  # fmt: skip
        fill = time.perf_counter() - start
        print(f"fill_demo_data: {stored:,} contacts in {fill:.1f} s "
              f"({stored / fill:,.0f}/s), file {path.stat().st_size / 2**20:.0f} MiB")  # fmt: skip
        print(f"peak RSS after fill: {peak_mb():.0f} MB")

        start_utc, end_utc = period.utc_bounds()
        bounds = (
            start_utc.replace(tzinfo=None).isoformat(sep=" "),
            end_utc.replace(tzinfo=None).isoformat(sep=" "),
        )
        raw = sqlite3.connect(path)
        sql = (
            "SELECT channel, area, outcome, count(*) FROM contact "
            "WHERE logged_at >= ? AND logged_at < ? AND voided_at IS NULL "
            "GROUP BY channel, area, outcome"
        )
        floor, rows = timed(lambda: raw.execute(sql, bounds).fetchall(), args.runs)
        floor_total = sum(row[3] for row in rows)
        print(f"floor, sqlite3 GROUP BY channel, area, outcome: median {floor * 1000:.0f} ms "
              f"({floor_total:,} contacts)")  # fmt: skip

        in_db, db_tally = timed(lambda: tally_in_database(repository, period), args.runs)
        assert db_tally.total == floor_total
        print(f"database path, tally_in_database: median {in_db * 1000:.0f} ms, "
              f"{in_db / floor:.2f}x the floor; peak RSS {peak_mb():.0f} MB")  # fmt: skip

        def core() -> Any:
            return tally(repository.between(start_utc, end_utc), period)

        core_seconds, core_tally = timed(core, args.core_runs)
        assert core_tally == db_tally
        print(f"core path, between + tally: median {core_seconds:.1f} s "
              f"({core_seconds / floor:.0f}x the floor); peak RSS {peak_mb():.0f} MB")  # fmt: skip
        contacts = repository.between(start_utc, end_utc, include_voided=True)
        only_tally, _ = timed(lambda: tally(contacts, period), args.runs)
        print(f"  of which tally() alone over {len(contacts):,} loaded contacts: "
              f"median {only_tally:.2f} s")  # fmt: skip

        prices = load_price_table()
        out = Path(folder) / "aar.xlsx"
        seconds, _ = timed(
            lambda: write_tally_xlsx(db_tally, out, vocabulary, price_table=prices, komhen=True),
            args.runs,
        )
        print(f"XLSX of the year's aggregated tables: median {seconds * 1000:.0f} ms, "
              f"{out.stat().st_size / 1024:.0f} KiB")  # fmt: skip
        if not args.skip_raw_export:
            out = Path(folder) / "henvendelser.xlsx"
            start = time.perf_counter()
            written = write_contacts_xlsx(contacts, out, vocabulary)
            seconds = time.perf_counter() - start
            print(f"XLSX of raw contacts (write-only): {written:,} rows in {seconds:.1f} s, "
                  f"{out.stat().st_size / 2**20:.0f} MiB; peak RSS {peak_mb():.0f} MB")  # fmt: skip
        raw.close()
        database.close()


if __name__ == "__main__":
    main()
