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

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, select

from database.models import metadata
from skranke.clock import LOCAL_TZ
from skranke.contact import Contact

GROUPS = metadata.tables["tally_group"]
HOURS = metadata.tables["tally_hour"]
DURATIONS = metadata.tables["tally_duration"]
HANDOUTS = metadata.tables["tally_handout"]
DAYS = metadata.tables["tally_day"]
TABLES = (GROUPS, HOURS, DURATIONS, HANDOUTS, DAYS)  # also the order rows are locked in
MONTH, YEAR = "month", "year"
# The fields a team leader filters by, in the order of the summaries' keys.
FILTERED = ("desk", "municipality", "channel", "area", "outcome")
# tally_duration: the fields besides the desk and municipality a duration row may be for.
DURATION_DIMENSIONS = ("channel", "area", "outcome")
# Each table's key (its primary key) and its count (the one other column).
KEYS = {table: tuple(column.name for column in table.primary_key.columns) for table in TABLES}
COUNTS = {table: next(c.name for c in table.columns if not c.primary_key) for table in TABLES}


def spans_of(day: date) -> tuple[tuple[str, date], tuple[str, date]]:
    """The month and the year a local day belongs to, each named by its first day."""
    return (MONTH, day.replace(day=1)), (YEAR, day.replace(month=1, day=1))


class SummaryChanges:
    """Changes to the summaries, summed per row; :meth:`write` adds them to the tables."""

    def __init__(self) -> None:
        self.rows: dict[Table, dict[tuple[Any, ...], int]] = {table: {} for table in TABLES}

    def _add(self, table: Table, key: tuple[Any, ...], sign: int) -> None:
        rows = self.rows[table]
        rows[key] = rows.get(key, 0) + sign

    def contact(self, c: Contact, sign: int) -> None:
        """Count a live contact in (``sign`` +1) or out of (-1) every summary but hand-outs."""
        local = c.logged_at.astimezone(LOCAL_TZ)
        day = local.date()
        where = (c.desk, c.municipality, c.channel, c.area, c.outcome)
        assisted = int(c.assisted)
        self._add(DAYS, (day, c.channel, assisted, c.desk, c.municipality, c.area, c.outcome), sign)
        seconds = c.duration_seconds
        for span in spans_of(day):
            self._add(GROUPS, (*span, *where[:4], c.kind, c.outcome, assisted,
                               c.readiness or "", c.requester), sign)  # fmt: skip
            self._add(HOURS, (*span, local.weekday(), local.hour, *where), sign)
            if seconds is not None:
                self._add(DURATIONS, (*span, "", "", *where[:2], seconds), sign)
                for dimension, value in zip(DURATION_DIMENSIONS, where[2:], strict=True):
                    self._add(DURATIONS, (*span, dimension, value, *where[:2], seconds), sign)

    def handout(self, c: Contact, how: str, solution: str, sign: int) -> None:
        """Count one hand-out of a live contact in (+1) or out (-1)."""
        day = c.logged_at.astimezone(LOCAL_TZ).date()
        for span in spans_of(day):
            key = (*span, c.desk, c.municipality, c.channel, c.area, c.outcome, how, solution)
            self._add(HANDOUTS, key, sign)

    def nonzero(self) -> dict[str, dict[tuple[Any, ...], int]]:
        """The changes other than 0, per table name (to compare with :func:`stored`)."""
        return {
            table.name: {k: n for k, n in rows.items() if n} for table, rows in self.rows.items()
        }

    def write(self, conn: Connection) -> None:
        """Add the changes to the tables (an upsert per row), in the caller's transaction.

        Rows go in key order, table by table, so two transactions adding to the same rows
        (two desks pushing to the central database) wait for each other, never deadlock.
        """
        for table in TABLES:
            _add_to(conn, table, self.rows[table])
        self.rows = {table: {} for table in TABLES}


def _dialect_insert(conn: Connection) -> Callable[[Table], Any]:
    """The ``insert`` of the connection's dialect, the one with ``on_conflict_do_update``.

    Imported on first use: a SQLite desk never loads the PostgreSQL dialect (~40 ms of its
    start, docs/performance.md section a), the central database never the SQLite one."""
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert  # noqa: PLC0415

        return sqlite_insert
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert  # noqa: PLC0415

        return postgresql_insert
    raise NotImplementedError(name)  # pragma: no cover - Skranke runs on SQLite and PostgreSQL


def _add_to(conn: Connection, table: Table, changes: dict[tuple[Any, ...], int]) -> None:
    if not changes:
        return
    keys = KEYS[table]
    count = COUNTS[table]
    statement = _dialect_insert(conn)(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys), set_={count: table.c[count] + statement.excluded[count]}
    )
    rows = [
        {**dict(zip(keys, key, strict=True)), count: n}
        for key, n in sorted(changes.items())
        if n  # an add and a void of the same contact in one batch change nothing
    ]
    if rows:
        conn.execute(statement, rows)


def stored(conn: Connection) -> dict[str, dict[tuple[Any, ...], int]]:
    """Every summary row with a count other than 0, per table name: key -> count."""
    found: dict[str, dict[tuple[Any, ...], int]] = {}
    for table in TABLES:
        count = table.c[COUNTS[table]]
        query = select(*(table.c[name] for name in KEYS[table]), count).where(count != 0)
        found[table.name] = {tuple(key): n for *key, n in conn.execute(query)}
    return found


def update_summaries(conn: Connection, contacts: Sequence[Contact], sign: int) -> None:
    """Add (``sign`` +1) or subtract (-1) ``contacts`` in every summary, in ``conn``'s
    transaction. Contacts already voided are skipped: they count nowhere."""
    changes = SummaryChanges()
    count_in(changes, (c for c in contacts if c.voided_at is None), sign)
    changes.write(conn)


def count_in(changes: SummaryChanges, contacts: Iterable[Contact], sign: int) -> None:
    for c in contacts:
        changes.contact(c, sign)
        for h in c.handouts:
            changes.handout(c, h.how, h.solution, sign)
