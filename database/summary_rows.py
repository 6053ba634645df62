"""The tally summaries' rows, counted and written without SQLAlchemy (see
database/summaries.py for what each table holds and why). The desk's repository and the
pusher both write them through :class:`database.handle.Executor`.

The tables' keys are spelled out here (a test compares them with ``database.models``): a
desk that logs never builds SQLAlchemy's tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from database.handle import Executor
from skranke.clock import LOCAL_TZ
from skranke.contact import Contact

GROUPS, HOURS, DURATIONS, HANDOUTS, DAYS = (
    "tally_group", "tally_hour", "tally_duration", "tally_handout", "tally_day",
)  # fmt: skip
TABLE_NAMES = (GROUPS, HOURS, DURATIONS, HANDOUTS, DAYS)  # also the order rows are locked in
MONTH, YEAR = "month", "year"
# The fields a team leader filters by, in the order of the summaries' keys.
FILTERED = ("desk", "municipality", "channel", "area", "outcome")
# tally_duration: the fields besides the desk and municipality a duration row may be for.
DURATION_DIMENSIONS = ("channel", "area", "outcome")
# Each table's key (its primary key, in order) and its count (the one other column).
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    GROUPS: ("span", "first_day", "desk", "municipality", "channel", "area", "kind", "outcome",
             "assisted", "readiness", "requester"),
    HOURS: ("span", "first_day", "weekday", "hour", *FILTERED),
    DURATIONS: ("span", "first_day", "dimension", "value", "desk", "municipality", "seconds"),
    HANDOUTS: ("span", "first_day", *FILTERED, "how", "solution"),
    DAYS: ("day", "channel", "assisted", "desk", "municipality", "area", "outcome"),
}  # fmt: skip
COUNT_COLUMN = {GROUPS: "contacts", HOURS: "contacts", DURATIONS: "contacts",
                HANDOUTS: "handouts", DAYS: "contacts"}  # fmt: skip


def _upsert(table: str) -> str:
    """Add a row's count to the stored one (the same SQL on SQLite and PostgreSQL)."""
    keys, count = KEY_COLUMNS[table], COUNT_COLUMN[table]
    columns = (*keys, count)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - constant names
        f"VALUES ({', '.join(':' + c for c in columns)}) "
        f"ON CONFLICT ({', '.join(keys)}) "
        f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
    )


_UPSERTS = {table: _upsert(table) for table in TABLE_NAMES}


def spans_of(day: date) -> tuple[tuple[str, date], tuple[str, date]]:
    """The month and the year a local day belongs to, each named by its first day."""
    return (MONTH, day.replace(day=1)), (YEAR, day.replace(month=1, day=1))


class SummaryChanges:
    """Changes to the summaries, summed per row; :meth:`write` adds them to the tables."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[tuple[Any, ...], int]] = {table: {} for table in TABLE_NAMES}

    def _add(self, table: str, key: tuple[Any, ...], sign: int) -> None:
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
        """The changes other than 0, per table name (to compare with ``stored``)."""
        return {table: {k: n for k, n in rows.items() if n} for table, rows in self.rows.items()}

    def write(self, executor: Executor) -> None:
        """Add the changes to the tables (an upsert per row), in the executor's transaction.

        Rows go in key order, table by table, so two transactions adding to the same rows
        (two desks pushing to the central database) wait for each other, never deadlock.
        """
        for table in TABLE_NAMES:
            keys, count = KEY_COLUMNS[table], COUNT_COLUMN[table]
            rows = [
                {**dict(zip(keys, key, strict=True)), count: n}
                for key, n in sorted(self.rows[table].items())
                if n  # an add and a void of the same contact in one batch change nothing
            ]
            executor.run_many(_UPSERTS[table], rows)
        self.rows = {table: {} for table in TABLE_NAMES}


def count_in(changes: SummaryChanges, contacts: Iterable[Contact], sign: int) -> None:
    for c in contacts:
        changes.contact(c, sign)
        for h in c.handouts:
            changes.handout(c, h.how, h.solution, sign)


def update_summaries(executor: Executor, contacts: Sequence[Contact], sign: int) -> None:
    """Add (``sign`` +1) or subtract (-1) ``contacts`` in every summary, in the executor's
    transaction. Contacts already voided are skipped: they count nowhere."""
    changes = SummaryChanges()
    count_in(changes, (c for c in contacts if c.voided_at is None), sign)
    changes.write(executor)
