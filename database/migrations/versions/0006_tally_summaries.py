"""Tally summaries shaped for the tally's queries, per local month, year and day; the hourly
summaries of 0003 go.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Reviewed by hand: yes. Tested from 0005 with data in tests/database/test_migrations.py, on
SQLite and PostgreSQL (tests/database/test_summaries.py).

Why (issue 10, measured on 1,000,000 demo contacts, a year): ``contact_hour`` had every
filterable field in its key per UTC hour, so it held ~575,000 rows for the million, and
grouping them (2.0 s) was nearly as slow as grouping the contacts (1.4 s); the handling
times scanned the contacts (0.7 s). A team leader counts whole years, months and weeks, so
the new summaries are per local **month** and per local **year** (a year is ~9,000 group
rows instead of ~575,000 hour rows), and only what each part of the tally needs:

- ``tally_group``: the groups (channel, area, kind, outcome, assisted, readiness, requester)
  with desk and municipality;
- ``tally_hour``: local weekday and hour with the filterable fields (the busy-hours chart);
- ``tally_duration``: handling times in seconds per desk and municipality, for all and for
  one of channel, area and outcome at a time, so the median stays exact without reading the
  contacts (a key with every filter field would be nearly one row per contact);
- ``tally_handout``: hand-outs with the filterable fields;
- ``tally_day``: per local day, channel and assisted with the filterable fields (the per-day
  chart and the weekly figures need days).

The days of a period outside whole months are counted from the contacts (database/reports.py).
Weighed against an embedded column store (DuckDB, suggested in the issue): ~50 MB more in
the installer, a second copy of every desk's data to keep in step, and no help for the
central PostgreSQL; these tables are one code path on both engines, kept in the same
transaction as each add and void by ``database.summaries.update_summaries``, on a desk by
the repository and centrally by the pusher.

The tables are filled in SQL from ``contact_hour`` and ``handout_hour`` (kept in step with
the contacts since 0003, and already grouped by every field) and, for the handling times,
from the live contacts, through a scratch table that maps each UTC hour to its local day,
month, weekday and hour (computed in Python: SQLite's SQL has no time zones).
tests/database/test_summaries.py checks the result equals what ``database.summaries`` (the
code that keeps the tables) counts from the same contacts.
"""

import importlib.util
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from skranke.clock import LOCAL_TZ

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FILTERED = ("desk", "municipality", "channel", "area", "outcome")
_SPAN = ("span", "first_day")


def _text(name: str) -> sa.Column[str]:
    length = {"municipality": 3, "span": 5, "how": 10, "dimension": 12}.get(name, 40)
    return sa.Column(name, sa.String(length), nullable=False)


def _number(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=False)


def _table(name: str, key: Sequence[str], count: str = "contacts") -> None:
    columns: list[sa.Column[object]] = []
    for column in key:
        if column in ("first_day", "day"):
            columns.append(sa.Column(column, sa.Date(), nullable=False))
        elif column in ("assisted", "weekday", "hour", "seconds"):
            columns.append(_number(column))  # type: ignore[arg-type]
        else:
            columns.append(_text(column))  # type: ignore[arg-type]
    op.create_table(
        name,
        *columns,
        _number(count),
        sa.PrimaryKeyConstraint(*key, name=op.f(f"pk_{name}")),
    )


# Built from constants only: no outside text reaches these statements.
_HOUR_NUMBER = {  # hours since 1970-01-01 00:00 UTC of a stored UTC timestamp
    "sqlite": "CAST(strftime('%s', c.logged_at) AS INTEGER) / 3600",
    "postgresql": "CAST(floor(extract(epoch FROM c.logged_at) / 3600) AS INTEGER)",
}
_NEW_YEAR = {  # the first day of the year of a month's first day
    "sqlite": "date(first_day, 'start of year')",
    "postgresql": "make_date(CAST(extract(year FROM first_day) AS INTEGER), 1, 1)",
}
_DIMENSIONS = "h.desk, h.municipality, h.channel, h.area, h.outcome"
_SPANNED = {  # table: its key after (span, first_day) and its count
    "tally_group": ("desk, municipality, channel, area, kind, outcome, assisted, readiness, "
                    "requester", "contacts"),
    "tally_hour": ("weekday, hour, desk, municipality, channel, area, outcome", "contacts"),
    "tally_duration": ("desk, municipality, dimension, value, seconds", "contacts"),
    "tally_handout": ("desk, municipality, channel, area, outcome, how, solution", "handouts"),
}  # fmt: skip


def _local_hours(conn: sa.Connection) -> None:
    """``tally_fill_hour``: each UTC hour in ``contact_hour`` -> its local day, month, weekday
    and hour (Copenhagen's offsets are whole hours, so the hour is enough)."""
    table = op.create_table(
        "tally_fill_hour",
        sa.Column("hour_number", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
    )
    rows = []
    for (number,) in conn.exec_driver_sql("SELECT DISTINCT hour FROM contact_hour"):
        local = datetime.fromtimestamp(int(number) * 3600, UTC).astimezone(LOCAL_TZ)
        day = local.date()
        rows.append({"hour_number": int(number), "day": day, "month": day.replace(day=1),
                     "weekday": local.weekday(), "hour": local.hour})  # fmt: skip
    op.bulk_insert(table, rows)


def _fill(conn: sa.Connection) -> None:
    """Fill the new tables: months and days from the hourly summaries (already grouped by
    every field, ~half as many rows as contacts) and, for the handling times, from the
    contacts, each joined to its local hour; years by adding up the months."""
    dialect = conn.dialect.name
    _local_hours(conn)
    hourly = "JOIN tally_fill_hour m ON m.hour_number = h.hour WHERE h.contacts <> 0"
    statements = [
        f"INSERT INTO tally_group (span, first_day, {_SPANNED['tally_group'][0]}, contacts) "  # noqa: S608
        f"SELECT 'month', m.month, {_SPANNED['tally_group'][0]}, sum(h.contacts) "
        f"FROM contact_hour h {hourly} GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
        f"INSERT INTO tally_hour (span, first_day, {_SPANNED['tally_hour'][0]}, contacts) "  # noqa: S608
        f"SELECT 'month', m.month, m.weekday, m.hour, {_DIMENSIONS}, sum(h.contacts) "
        f"FROM contact_hour h {hourly} GROUP BY 2, 3, 4, 5, 6, 7, 8, 9",
        "INSERT INTO tally_day (day, desk, municipality, channel, area, outcome, assisted, "  # noqa: S608
        f"contacts) SELECT m.day, {_DIMENSIONS}, h.assisted, sum(h.contacts) "
        f"FROM contact_hour h {hourly} GROUP BY 1, 2, 3, 4, 5, 6, 7",
        f"INSERT INTO tally_handout (span, first_day, {_SPANNED['tally_handout'][0]}, "  # noqa: S608
        f"handouts) SELECT 'month', m.month, {_DIMENSIONS}, h.how, h.solution, "
        "sum(h.handouts) FROM handout_hour h JOIN tally_fill_hour m ON m.hour_number = h.hour "
        "WHERE h.handouts <> 0 GROUP BY 2, 3, 4, 5, 6, 7, 8, 9",
    ]
    timed = (
        f"FROM contact c JOIN tally_fill_hour m ON m.hour_number = {_HOUR_NUMBER[dialect]} "
        "WHERE c.voided_at IS NULL AND c.duration_seconds IS NOT NULL"
    )
    for dimension in ("channel", "area", "outcome"):
        statements.append(
            f"INSERT INTO tally_duration (span, first_day, {_SPANNED['tally_duration'][0]}, "
            f"contacts) SELECT 'month', m.month, c.desk, c.municipality, '{dimension}', "
            f"c.{dimension}, c.duration_seconds, count(*) {timed} GROUP BY 2, 3, 4, 6, 7"
        )
    statements.append(  # all of them: the channels' rows added up
        f"INSERT INTO tally_duration (span, first_day, {_SPANNED['tally_duration'][0]}, "  # noqa: S608
        "contacts) SELECT span, first_day, desk, municipality, '', '', seconds, sum(contacts) "
        "FROM tally_duration WHERE dimension = 'channel' GROUP BY 1, 2, 3, 4, 7"
    )
    for table, (key, count) in _SPANNED.items():
        positions = ", ".join(str(n) for n in range(2, key.count(",") + 4))
        statements.append(
            f"INSERT INTO {table} (span, first_day, {key}, {count}) "  # noqa: S608
            f"SELECT 'year', {_NEW_YEAR[dialect]}, {key}, sum({count}) FROM {table} "
            f"WHERE span = 'month' GROUP BY {positions}"
        )
    for statement in statements:
        conn.exec_driver_sql(statement)
    op.drop_table("tally_fill_hour")


def upgrade() -> None:
    _table("tally_group", (*_SPAN, *_FILTERED[:4], "kind", "outcome", "assisted", "readiness",
                           "requester"))  # fmt: skip
    _table("tally_hour", (*_SPAN, "weekday", "hour", *_FILTERED))
    _table("tally_duration", (*_SPAN, "dimension", "value", "desk", "municipality", "seconds"))
    _table("tally_handout", (*_SPAN, *_FILTERED, "how", "solution"), "handouts")
    _table("tally_day", ("day", "channel", "assisted", "desk", "municipality", "area", "outcome"))
    _fill(op.get_bind())
    op.drop_table("handout_hour")
    op.drop_table("contact_hour")


def downgrade() -> None:
    # 0003's own upgrade creates and fills the hourly summaries again from the contacts.
    path = Path(__file__).with_name("0003_hourly_summaries.py")
    spec = importlib.util.spec_from_file_location("skranke_migration_0003", path)
    assert spec is not None
    assert spec.loader is not None
    hourly = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hourly)
    hourly.upgrade()
    for name in ("tally_day", "tally_handout", "tally_duration", "tally_hour", "tally_group"):
        op.drop_table(name)
