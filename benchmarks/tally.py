"""A year's tally at a big counter: 1,000,000 demo contacts, on SQLite or PostgreSQL.

Measures, in one run on the same database:

- filling it with ``fill_demo_data`` (batches of 5,000, one transaction each, summaries kept
  as the desk keeps them), unless it holds contacts already;
- the floors: a hand-written ``SELECT channel, area, outcome, count(*) ... GROUP BY`` over the
  year's contacts, and the same over the year's summary rows (``tally_group``);
- the complete floor: every row set the year's full tally reads (groups, hours, handling
  times, hand-outs, days), hand-written SQL through the DB-API cursor, rows fetched; it is
  timed in turns with ``tally_in_database`` for the year, and its totals checked against it;
- the database path: ``database.reports.tally_in_database`` (the full ``Tally``), for the year
  and for other periods and filters;
- on SQLite also the core path (``repository.between`` + ``skranke.report.tally``) and XLSX
  exports, unless skipped.

Medians of ``--runs`` runs; peak memory is the process's maximum resident set size.

    uv run python -m benchmarks.tally [--contacts 1000000] [--runs 3] [--database FILE]
    uv run python -m benchmarks.tally --postgres postgresql+psycopg://user@host/db
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from benchmarks.common import describe_machine
from database.demo import fill_demo_data
from database.engine import Database, open_database, sqlite_url
from database.models import metadata
from database.reports import tally_in_database
from database.repository import ContactRepository
from skranke.costs import load_price_table
from skranke.exports import write_contacts_xlsx, write_tally_xlsx
from skranke.report import Filters, Period, tally
from skranke.vocabulary import load_vocabulary

YEAR = 2026
_FLOOR = (
    "SELECT channel, area, outcome, count(*) FROM contact "
    "WHERE logged_at >= :start AND logged_at < :end AND voided_at IS NULL "
    "GROUP BY channel, area, outcome"
)
_SUMMARY_FLOOR = (
    "SELECT channel, area, outcome, sum(contacts) FROM tally_group "
    "WHERE span = 'year' AND first_day = :first GROUP BY channel, area, outcome"
)
# The complete floor: every row set the year's full tally reads (database.reports), written
# by hand and run through the DB-API driver; {first} and {last} become its placeholders.
_COMPLETE_FLOOR = {
    "groups": (
        "SELECT channel, area, kind, outcome, assisted, readiness, requester, sum(contacts) "
        "FROM tally_group WHERE span = 'year' AND first_day = {first} "
        "GROUP BY channel, area, kind, outcome, assisted, readiness, requester"
    ),
    "hours": (
        "SELECT weekday, hour, sum(contacts) FROM tally_hour "
        "WHERE span = 'year' AND first_day = {first} GROUP BY weekday, hour"
    ),
    "durations": (
        "SELECT seconds, sum(contacts) FROM tally_duration "
        "WHERE span = 'year' AND first_day = {first} AND dimension = '' GROUP BY seconds"
    ),
    "handouts": (
        "SELECT how, solution, sum(handouts) FROM tally_handout "
        "WHERE span = 'year' AND first_day = {first} GROUP BY how, solution"
    ),
    "days": (
        "SELECT day, channel, assisted, sum(contacts) FROM tally_day "
        "WHERE day >= {first} AND day <= {last} GROUP BY day, channel, assisted ORDER BY day"
    ),
}
_MORE = (  # other periods and filters a team leader picks
    ("the year, one desk", Period.year(YEAR), Filters(desks=frozenset({"Skranke 1"}))),
    ("the year, one area", Period.year(YEAR), Filters(areas=frozenset({"passport"}))),
    (
        "the year, phone and one area (handling times from the contacts)",
        Period.year(YEAR),
        Filters(channels=frozenset({"phone"}), areas=frozenset({"passport"})),
    ),
    ("a month", Period.month(date(YEAR, 3, 1)), Filters()),
    ("a week", Period.week(date(YEAR, 5, 5)), Filters()),
    ("15 Jan - 20 Nov (two part months)", Period.custom(date(YEAR, 1, 15), date(YEAR, 11, 20)),
     Filters()),
)  # fmt: skip


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def timed(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def _filled(database: Database, repository: ContactRepository, contacts: int) -> None:
    with database.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(metadata.tables["contact"]))
        already = int(stored.scalar_one())
    if already:
        print(f"database holds {already:,} contacts already: not filled")
        return
    start = time.perf_counter()
    stored_now = fill_demo_data(
        repository, contacts, 365, seed=2026, vocabulary=load_vocabulary(), end=date(YEAR, 12, 31)
    )
    fill = time.perf_counter() - start
    print(f"fill_demo_data: {stored_now:,} contacts in {fill:.1f} s ({stored_now / fill:,.0f}/s)")


def _floors(database: Database, period: Period, runs: int) -> tuple[float, float, int]:
    """The hand-written GROUP BY over the contacts and over the summary, through the driver."""
    start, end = period.utc_bounds()
    sqlite = database.engine.dialect.name == "sqlite"
    bounds: dict[str, Any] = (
        {"start": start.replace(tzinfo=None).isoformat(sep=" "),
         "end": end.replace(tzinfo=None).isoformat(sep=" ")}
        if sqlite else {"start": start, "end": end}
    )  # fmt: skip
    first: dict[str, Any] = {"first": period.first.isoformat() if sqlite else period.first}
    with database.engine.connect() as conn:
        floor, rows = timed(lambda: conn.execute(text(_FLOOR), bounds).all(), runs)
        summary, summed = timed(lambda: conn.execute(text(_SUMMARY_FLOOR), first).all(), runs)
    total = sum(int(row[3]) for row in rows)
    assert total == sum(int(row[3]) for row in summed)
    return floor, summary, total


@contextmanager
def _complete_floor(database: Database, period: Period) -> Iterator[Callable[[], dict[str, Any]]]:
    """Every row set of the year's full tally (``_COMPLETE_FLOOR``), through the DB-API cursor,
    rows fetched: the fastest hand-written GROUP BY of this engine for the whole job."""
    sqlite = database.engine.dialect.name == "sqlite"
    marks = (
        {"first": ":first", "last": ":last"}
        if sqlite
        else {"first": "%(first)s", "last": "%(last)s"}
    )
    queries = {name: sql.format(**marks) for name, sql in _COMPLETE_FLOOR.items()}
    days: dict[str, Any] = {"first": period.first, "last": period.last}
    if sqlite:  # SQLAlchemy stores a Date as ISO text on SQLite
        days = {name: day.isoformat() for name, day in days.items()}
    raw = database.engine.raw_connection()
    cursor = raw.cursor()

    def run() -> dict[str, Any]:
        rows = {}
        for name, sql in queries.items():
            cursor.execute(sql, days if name == "days" else {"first": days["first"]})
            rows[name] = cursor.fetchall()
        raw.rollback()  # as the tally's connection ends its transaction
        return rows

    try:
        yield run
    finally:
        cursor.close()
        raw.close()


def _check_floor(rows: dict[str, Any], db_tally: Any) -> None:
    """The complete floor read what the tally counted: the same totals."""
    total = db_tally.total
    assert sum(int(row[-1]) for row in rows["groups"]) == total
    assert sum(int(row[-1]) for row in rows["hours"]) == total
    assert sum(int(row[-1]) for row in rows["days"]) == total
    assert sum(int(row[-1]) for row in rows["durations"]) == db_tally.timed
    handed = sum(db_tally.solutions_shown.values()) + sum(db_tally.sheets_printed.values())
    assert sum(int(row[-1]) for row in rows["handouts"]) == handed


def _core_and_exports(
    repository: ContactRepository, period: Period, db_tally: Any, folder: Path, args: Any
) -> None:
    start_utc, end_utc = period.utc_bounds()
    core_seconds, core_tally = timed(
        lambda: tally(repository.between(start_utc, end_utc), period), args.core_runs
    )
    assert core_tally == db_tally
    print(f"core path, between + tally: median {core_seconds:.1f} s; peak RSS {peak_mb():.0f} MB")
    contacts = repository.between(start_utc, end_utc, include_voided=True)
    only_tally, _ = timed(lambda: tally(contacts, period), args.runs)
    print(f"  of which tally() alone over {len(contacts):,} loaded contacts: "
          f"median {only_tally:.2f} s")  # fmt: skip
    vocabulary = load_vocabulary()
    out = folder / "aar.xlsx"
    seconds, _ = timed(
        lambda: write_tally_xlsx(
            db_tally, out, vocabulary, price_table=load_price_table(), komhen=True
        ),
        args.runs,
    )
    print(f"XLSX of the year's aggregated tables: median {seconds * 1000:.0f} ms, "
          f"{out.stat().st_size / 1024:.0f} KiB")  # fmt: skip
    if not args.skip_raw_export:
        out = folder / "henvendelser.xlsx"
        start = time.perf_counter()
        written = write_contacts_xlsx(contacts, out, vocabulary)
        seconds = time.perf_counter() - start
        print(f"XLSX of raw contacts (write-only): {written:,} rows in {seconds:.1f} s, "
              f"{out.stat().st_size / 2**20:.0f} MiB; peak RSS {peak_mb():.0f} MB")  # fmt: skip


def measure(url: str, folder: Path, args: Any) -> None:
    database = open_database(url)
    repository = ContactRepository(database)
    _filled(database, repository, args.contacts)
    print(f"peak RSS after fill: {peak_mb():.0f} MB")
    period = Period.year(YEAR)
    in_db, db_tally = timed(lambda: tally_in_database(repository, period), 1)  # warm caches
    floor, summary_floor, total = _floors(database, period, args.runs)
    print(f"floor, GROUP BY channel, area, outcome over the contacts: median "
          f"{floor * 1000:.0f} ms ({total:,} contacts)")  # fmt: skip
    print(f"floor, the same over the year's summary rows (tally_group): median "
          f"{summary_floor * 1000:.1f} ms")  # fmt: skip
    with _complete_floor(database, period) as floor_run:
        floor_rows = floor_run()
        _check_floor(floor_rows, db_tally)
        floor_runs, tally_runs = [], []
        for _ in range(args.runs):  # taken in turns: both see the same load and caches
            floor_runs.append(timed(floor_run, 1)[0])
            seconds, db_tally = timed(lambda: tally_in_database(repository, period), 1)
            tally_runs.append(seconds)
    complete, in_db = statistics.median(floor_runs), statistics.median(tally_runs)
    sizes = ", ".join(f"{len(rows):,} {name}" for name, rows in floor_rows.items())
    print(f"complete floor, every row set of the year's tally ({sizes}): median "
          f"{complete * 1000:.1f} ms")  # fmt: skip
    assert db_tally.total == total
    print(f"tally_in_database, the year: median {in_db * 1000:.0f} ms, {in_db / complete:.2f}x the "
          f"complete floor, {in_db / floor:.2f}x the contacts floor, "
          f"{in_db / summary_floor:.0f}x the one-query summary floor; "
          f"peak RSS {peak_mb():.0f} MB")  # fmt: skip
    for label, other, filters in _MORE:
        seconds, _ = timed(
            lambda o=other, f=filters: tally_in_database(repository, o, f),  # type: ignore[misc]
            args.runs,
        )
        print(f"  tally_in_database, {label}: median {seconds * 1000:.0f} ms")
    if args.core_runs and database.engine.dialect.name == "sqlite":
        _core_and_exports(repository, period, db_tally, folder, args)
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--core-runs", type=int, default=1, help="0: skip the core path")
    parser.add_argument("--skip-raw-export", action="store_true")
    parser.add_argument("--database", type=Path, help="a SQLite file to use (and fill if empty)")
    parser.add_argument("--postgres", help="a PostgreSQL URL to use instead (filled if empty)")
    args = parser.parse_args()
    print(describe_machine())
    with tempfile.TemporaryDirectory(prefix="skranke-bench-") as folder:
        url = args.postgres or sqlite_url(args.database or Path(folder) / "skranke.sqlite3")
        measure(url, Path(folder), args)


if __name__ == "__main__":
    main()
