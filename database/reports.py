"""Tallies for a period computed in the database: the same :class:`~skranke.report.Tally` as
:func:`skranke.report.tally`, without loading a domain object per contact.

Four grouped queries give the raw groupings of :class:`~skranke.report.TallyCounts`:

- (channel, area, kind, outcome, assisted, readiness, requester) -> count;
- (UTC hour, channel, assisted) -> count, turned into local days, weekdays and hours in
  Python by :func:`~skranke.report.build_tally` (exact: Copenhagen's offsets are whole hours);
- handling time in seconds -> count (for the exact median);
- (how, solution) of the handouts -> count.

A year at a large counter is a million rows: loading them as domain contacts through
SQLAlchemy takes tens of seconds, these queries well under one (see benchmarks/tally.py).
On SQLite the UTC hour is the first 13 characters of the stored naive UTC timestamp
(``YYYY-MM-DD HH``); on other databases the tally falls back to loading the contacts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, cast, func, select

from database.engine import translate_errors
from database.models import Base
from database.repository import ContactRepository
from skranke.report import (
    Filters,
    GroupKey,
    HandoutKey,
    HourKey,
    Period,
    Tally,
    TallyCounts,
    build_tally,
    tally,
)

_TABLE = Base.metadata.tables["contact"]
_HANDOUTS = Base.metadata.tables["contact_handout"]
_HOUR = 3600


def _conditions(period: Period, filters: Filters) -> list[ColumnElement[bool]]:
    start, end = period.utc_bounds()
    c = _TABLE.c
    conditions = [c.logged_at >= start, c.logged_at < end, c.voided_at.is_(None)]
    for column, chosen in (
        (c.desk, filters.desks),
        (c.channel, filters.channels),
        (c.area, filters.areas),
        (c.outcome, filters.outcomes),
        (c.municipality, filters.municipalities),
    ):
        if chosen is not None:
            conditions.append(column.in_(sorted(chosen)))
    return conditions


def _hour_number(text: str) -> int:
    """``"2026-07-01 08"`` (naive UTC) -> hours since the Unix epoch."""
    moment = datetime.fromisoformat(text[:13] + ":00").replace(tzinfo=UTC)
    return int(moment.timestamp()) // _HOUR


def _queries(period: Period, filters: Filters) -> tuple[Select[Any], ...]:
    c = _TABLE.c
    where = _conditions(period, filters)
    assisted = cast(c.assisted, Integer)
    groups = (
        select(
            c.channel, c.area, c.kind, c.outcome, assisted, c.readiness, c.requester, func.count()
        )
        .where(*where)
        .group_by(c.channel, c.area, c.kind, c.outcome, assisted, c.readiness, c.requester)
    )
    hour = func.substr(c.logged_at, 1, 13)
    hours = (
        select(hour, c.channel, assisted, func.count())
        .where(*where)
        .group_by(hour, c.channel, assisted)
    )
    durations = (
        select(c.duration_seconds, func.count())
        .where(*where, c.duration_seconds.is_not(None))
        .group_by(c.duration_seconds)
    )
    handouts = (
        select(_HANDOUTS.c.how, _HANDOUTS.c.solution, func.count())
        .join(_TABLE, _TABLE.c.id == _HANDOUTS.c.contact_id)
        .where(*where)
        .group_by(_HANDOUTS.c.how, _HANDOUTS.c.solution)
    )
    return groups, hours, durations, handouts


def tally_in_database(
    repository: ContactRepository, period: Period, filters: Filters | None = None
) -> Tally:
    """The tally of ``period`` and ``filters`` (voided contacts excluded), grouped in SQL.

    Equal to ``tally(repository.between(*period.utc_bounds()), period, filters)``.
    """
    filters = filters or Filters()
    database = repository.database
    if not database.is_sqlite:
        return tally(repository.between(*period.utc_bounds()), period, filters)
    groups_query, hours_query, durations_query, handouts_query = _queries(period, filters)
    counts = TallyCounts()
    with translate_errors(database.location), database.engine.connect() as conn:
        groups: dict[GroupKey, int] = counts.groups
        for channel, area, kind, outcome, assisted, readiness, requester, n in conn.execute(
            groups_query
        ):
            key = (channel, area, kind, outcome, bool(assisted), readiness, requester)
            groups[key] = groups.get(key, 0) + n
        hours: dict[HourKey, int] = counts.hours
        for hour_text, channel, assisted, n in conn.execute(hours_query):
            hour_key = (_hour_number(hour_text), channel, bool(assisted))
            hours[hour_key] = hours.get(hour_key, 0) + n
        counts.durations.update(
            (int(seconds), int(n)) for seconds, n in conn.execute(durations_query)
        )
        handouts: dict[HandoutKey, int] = counts.handouts
        for how, solution, n in conn.execute(handouts_query):
            handouts[(how, solution)] = handouts.get((how, solution), 0) + n
    return build_tally(period, filters, counts)
