"""Tallies for a period computed in the database: the same :class:`~skranke.report.Tally` as
:func:`skranke.report.tally`, without loading a domain object per contact.

Four grouped queries give the raw groupings of :class:`~skranke.report.TallyCounts`:

- (channel, area, kind, outcome, assisted, readiness, requester) -> count, and
- (UTC hour, channel, assisted) -> count, both from ``contact_hour``, the hourly summary the
  repository keeps in the same transaction as each logged or voided contact; the hours become
  local days, weekdays and hours in Python (exact: Copenhagen's offsets are whole hours);
- handling time in seconds -> count, from the contacts (for the exact median);
- (how, solution) of the handouts -> count, from ``handout_hour``.

A year at a large counter is a million contacts but only a few hundred thousand summary
rows at most (see benchmarks/tally.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, Table, func, select

from database.engine import translate_errors
from database.models import Base
from database.repository import ContactRepository, hour_number
from skranke.report import (
    Filters,
    GroupKey,
    HandoutKey,
    HourKey,
    Period,
    Tally,
    TallyCounts,
    build_tally,
)

_TABLE = Base.metadata.tables["contact"]
_HOURS = Base.metadata.tables["contact_hour"]
_HANDOUT_HOURS = Base.metadata.tables["handout_hour"]


def _filtered(table: Table, filters: Filters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for column, chosen in (
        ("desk", filters.desks),
        ("channel", filters.channels),
        ("area", filters.areas),
        ("outcome", filters.outcomes),
        ("municipality", filters.municipalities),
    ):
        if chosen is not None:
            conditions.append(table.c[column].in_(sorted(chosen)))
    return conditions


def _queries(period: Period, filters: Filters) -> tuple[Select[Any], ...]:
    start, end = period.utc_bounds()
    # Local midnight is a whole UTC hour (Copenhagen's offsets are whole hours), so the
    # period is exactly the hours in [first, last).
    first, last = hour_number(start), hour_number(end)
    h = _HOURS.c
    in_hours = [h.hour >= first, h.hour < last, *_filtered(_HOURS, filters)]
    total = func.sum(h.contacts)
    groups = (
        select(h.channel, h.area, h.kind, h.outcome, h.assisted, h.readiness, h.requester, total)
        .where(*in_hours)
        .group_by(h.channel, h.area, h.kind, h.outcome, h.assisted, h.readiness, h.requester)
    )
    hours = (
        select(h.hour, h.channel, h.assisted, total)
        .where(*in_hours)
        .group_by(h.hour, h.channel, h.assisted)
    )
    c = _TABLE.c
    durations = (  # exact median: the handling times themselves, from the contacts
        select(c.duration_seconds, func.count())
        .where(
            c.logged_at >= start,
            c.logged_at < end,
            c.voided_at.is_(None),
            c.duration_seconds.is_not(None),
            *_filtered(_TABLE, filters),
        )
        .group_by(c.duration_seconds)
    )
    o = _HANDOUT_HOURS.c
    handouts = (
        select(o.how, o.solution, func.sum(o.handouts))
        .where(o.hour >= first, o.hour < last, *_filtered(_HANDOUT_HOURS, filters))
        .group_by(o.how, o.solution)
    )
    return groups, hours, durations, handouts


def tally_in_database(
    repository: ContactRepository, period: Period, filters: Filters | None = None
) -> Tally:
    """The tally of ``period`` and ``filters`` (voided contacts excluded), from the hourly
    summaries kept with every logged or voided contact, and the handling times.

    Equal to ``tally(repository.between(*period.utc_bounds()), period, filters)``.
    """
    filters = filters or Filters()
    database = repository.database
    groups_query, hours_query, durations_query, handouts_query = _queries(period, filters)
    counts = TallyCounts()
    with translate_errors(database.location), database.engine.connect() as conn:
        groups: dict[GroupKey, int] = counts.groups
        for channel, area, kind, outcome, assisted, readiness, requester, n in conn.execute(
            groups_query
        ):
            if not n:
                continue  # every contact of that kind in the hour was voided
            key = (channel, area, kind, outcome, bool(assisted), readiness or None, requester)
            groups[key] = groups.get(key, 0) + int(n)
        hours: dict[HourKey, int] = counts.hours
        for hour, channel, assisted, n in conn.execute(hours_query):
            if n:
                hour_key = (int(hour), channel, bool(assisted))
                hours[hour_key] = hours.get(hour_key, 0) + int(n)
        counts.durations.update(
            (int(seconds), int(n)) for seconds, n in conn.execute(durations_query)
        )
        handouts: dict[HandoutKey, int] = counts.handouts
        for how, solution, n in conn.execute(handouts_query):
            if n:
                handouts[(how, solution)] = handouts.get((how, solution), 0) + int(n)
    return build_tally(period, filters, counts)
