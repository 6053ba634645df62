"""The tally summaries (migration 0006), kept in the same transaction as every added or voided
contact: on a desk by the repository, centrally by the pusher (database/sync.py).

Shaped for the queries :func:`database.reports.tally_in_database` runs, so a year is a few
thousand summary rows rather than a million contacts:

- ``tally_group``: the tally's groups (channel, area, kind, outcome, assisted, readiness,
  requester) with the filterable fields, per local **month** and per local **year**;
- ``tally_hour``: local weekday and hour, with the filterable fields, per month and year;
- ``tally_duration``: handling time in whole seconds, per month and year, desk and
  municipality, for all contacts (``dimension`` "") or for one of channel, area and outcome
  at a time (``dimension`` "channel" and ``value`` "phone" …): the exact median for filters
  on the desk, the municipality and at most one other field;
- ``tally_handout``: hand-outs (how, solution) with the filterable fields, per month and year;
- ``tally_day``: per local **day** (channel, assisted) with the filterable fields, for the
  per-day chart and the weekly figures.

Days of a period outside whole months are counted from the contacts themselves (a few weeks
at most). Local days, weekdays and hours are Europe/Copenhagen's. A voided contact counts
nowhere: a void subtracts what its add added, so counts may reach 0 but the row stays.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from database.models import metadata
from database.summary_rows import (
    COUNT_COLUMN,
    DURATION_DIMENSIONS,
    FILTERED,
    KEY_COLUMNS,
    MONTH,
    TABLE_NAMES,
    YEAR,
    SummaryChanges,
    count_in,
    spans_of,
)

__all__ = [  # the rows' names and counting are re-exported for the reports and tests
    "COUNTS", "DAYS", "DURATIONS", "DURATION_DIMENSIONS", "FILTERED", "GROUPS", "HANDOUTS",
    "HOURS", "KEYS", "MONTH", "TABLES", "YEAR", "SummaryChanges", "count_in", "spans_of",
    "stored",
]  # fmt: skip

# The summaries as SQLAlchemy tables, for the queries of database/reports.py; the rows
# themselves are counted and written by database/summary_rows.py.
GROUPS, HOURS, DURATIONS, HANDOUTS, DAYS = (metadata.tables[name] for name in TABLE_NAMES)
TABLES = (GROUPS, HOURS, DURATIONS, HANDOUTS, DAYS)  # also the order rows are locked in
KEYS = {table: KEY_COLUMNS[table.name] for table in TABLES}
COUNTS = {table: COUNT_COLUMN[table.name] for table in TABLES}


def stored(conn: Connection) -> dict[str, dict[tuple[Any, ...], int]]:
    """Every summary row with a count other than 0, per table name: key -> count."""
    found: dict[str, dict[tuple[Any, ...], int]] = {}
    for table in TABLES:
        count = table.c[COUNTS[table]]
        query = select(*(table.c[name] for name in KEYS[table]), count).where(count != 0)
        found[table.name] = {tuple(key): n for *key, n in conn.execute(query)}
    return found
