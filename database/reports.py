"""Tallies for a period computed in the database: the same :class:`~skranke.report.Tally` as
:func:`skranke.report.tally`, without loading a domain object per contact.

A period is cut into whole local years, whole local months, and the days left over at its
ends (a few weeks at most). The years and months are read from the summaries that
database/summaries.py keeps with every logged or voided contact; the days left over are
grouped from the contacts themselves, or, when that is fewer days, their month is read from
the summaries and the month's other days are grouped from the contacts and taken off
(15-31 January: January less 1-14 January); most months of a year are read as the year
less its other months. Per-day and weekly figures come from ``tally_day``.

Handling times stay exact (the median is the median of the stored seconds): from
``tally_duration`` when at most one of channel, area and outcome is filtered on (besides
any desks and municipalities), otherwise from the
contacts of the whole period (slower; the team view offers one value per field, so two
filtered fields at once is the rare case).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    Table,
    and_,
    cast,
    func,
    or_,
    select,
)

from database.engine import translate_errors
from database.models import metadata
from database.repository import ContactRepository
from database.summaries import (
    DAYS,
    DURATION_DIMENSIONS,
    DURATIONS,
    FILTERED,
    GROUPS,
    HANDOUTS,
    HOURS,
    MONTH,
    YEAR,
)
from skranke.clock import LOCAL_TZ, local_day_bounds
from skranke.report import Filters, Period, Tally, TallyCounts, build_tally

_CONTACTS = metadata.tables["contact"]
_HANDED = metadata.tables["contact_handout"]
_GROUP_KEY = ("channel", "area", "kind", "outcome", "assisted", "readiness", "requester")
_HOUR = 3600
_MONTHS_FOR_A_YEAR = 8  # months of a year read as the year less its other months


@dataclass(frozen=True)
class Pieces:
    """A period cut into whole years and months (``spans``: (span, first day)) and the
    runs of days left over (``loose``: first and last day, inclusive). What is counted in
    those but not in the period is taken off (see :func:`fewer_rows`): months
    (``less_spans``) and runs of days (``less``)."""

    spans: list[tuple[str, date]] = field(default_factory=list)
    loose: list[tuple[date, date]] = field(default_factory=list)
    less_spans: list[tuple[str, date]] = field(default_factory=list)
    less: list[tuple[date, date]] = field(default_factory=list)


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def cut(period: Period) -> Pieces:
    pieces = Pieces()
    day = period.first
    while day <= period.last:
        if (day.month, day.day) == (1, 1) and date(day.year, 12, 31) <= period.last:
            pieces.spans.append((YEAR, day))
            day = date(day.year + 1, 1, 1)
        elif day.day == 1 and _next_month(day) - timedelta(days=1) <= period.last:
            pieces.spans.append((MONTH, day))
            day = _next_month(day)
        else:
            if pieces.loose and pieces.loose[-1][1] == day - timedelta(days=1):
                pieces.loose[-1] = (pieces.loose[-1][0], day)
            else:
                pieces.loose.append((day, day))
            day += timedelta(days=1)
    return pieces


def _append_run(runs: list[tuple[date, date]], first: date, last: date) -> None:
    """Add the days ``first`` to ``last`` to ``runs``, joined to the last run if adjacent."""
    if runs and runs[-1][1] == first - timedelta(days=1):
        runs[-1] = (runs[-1][0], last)
    else:
        runs.append((first, last))


def fewer_rows(pieces: Pieces) -> Pieces:
    """``pieces`` read from fewer rows. A month's days left over are read as the whole month
    less its other days where those are fewer: fewer contacts to group (the slow part of a
    period). Eight or more months of a year are read as the year less its other months: a
    year has about as many summary rows as two months."""
    fewer = Pieces(spans=list(pieces.spans))
    for first, last in pieces.loose:
        start = first
        while start <= last:  # one month at a time
            month_end = _next_month(start) - timedelta(days=1)
            end = min(last, month_end)
            month = start.replace(day=1)
            before, after = (start - month).days, (month_end - end).days
            if before + after < (end - start).days + 1:
                fewer.spans.append((MONTH, month))
                if before:
                    _append_run(fewer.less, month, start - timedelta(days=1))
                if after:
                    _append_run(fewer.less, end + timedelta(days=1), month_end)
            else:
                _append_run(fewer.loose, start, end)
            start = end + timedelta(days=1)
    months: dict[int, set[date]] = {}
    for span, first in fewer.spans:
        if span == MONTH:
            months.setdefault(first.year, set()).add(first)
    for year, counted in months.items():
        if len(counted) >= _MONTHS_FOR_A_YEAR:
            fewer.spans[:] = [p for p in fewer.spans if p[0] != MONTH or p[1] not in counted]
            fewer.spans.append((YEAR, date(year, 1, 1)))
            others = (date(year, month, 1) for month in range(1, 13))
            fewer.less_spans.extend((MONTH, first) for first in others if first not in counted)
    return fewer


def _chosen(filters: Filters) -> dict[str, frozenset[str] | None]:
    """The values chosen per filterable field (None: all)."""
    return {
        "desk": filters.desks,
        "municipality": filters.municipalities,
        "channel": filters.channels,
        "area": filters.areas,
        "outcome": filters.outcomes,
    }


def _values(column: Any, filters: Filters, name: str) -> list[ColumnElement[bool]]:
    """``column`` among the values chosen for the field ``name``."""
    return [column.in_(sorted(_chosen(filters)[name] or ()))]


def _filtered(
    table: Table, filters: Filters, names: tuple[str, ...] = FILTERED
) -> list[ColumnElement[bool]]:
    chosen = _chosen(filters)
    return [table.c[n].in_(sorted(values)) for n in names if (values := chosen[n]) is not None]


def _in_spans(table: Table, spans: list[tuple[str, date]]) -> ColumnElement[bool]:
    # Per span, not (span, first_day) IN (...): SQLite then seeks both key columns.
    firsts: dict[str, list[date]] = {}
    for span, first in spans:
        firsts.setdefault(span, []).append(first)
    return or_(*(and_(table.c.span == s, table.c.first_day.in_(f)) for s, f in firsts.items()))


def _live_on(first: date, last: date) -> ColumnElement[bool]:
    """The live contacts logged on the local days ``first`` to ``last`` (inclusive)."""
    logged_at = _CONTACTS.c.logged_at
    return and_(
        _CONTACTS.c.voided_at.is_(None),
        logged_at >= local_day_bounds(first)[0],
        logged_at < local_day_bounds(last)[1],
    )


def _utc_hour(conn: Connection, column: Any) -> Any:
    """The UTC hour of a stored UTC timestamp, in SQL. On SQLite the stored text cut after the
    hour ("2026-11-02 09"): a third of the time of strftime, which parses every row's text.
    On PostgreSQL the hours since 1970-01-01 00:00 UTC."""
    if conn.dialect.name == "sqlite":
        return func.substr(column, 1, 13, type_=String)
    return cast(func.floor(func.extract("epoch", column) / _HOUR), Integer)


def _local_hour(utc_hour: str | int) -> datetime:
    """The local time of a :func:`_utc_hour` from the database."""
    if isinstance(utc_hour, str):
        return datetime.fromisoformat(f"{utc_hour}:00+00:00").astimezone(LOCAL_TZ)
    return datetime.fromtimestamp(int(utc_hour) * _HOUR, UTC).astimezone(LOCAL_TZ)


def _add(target: dict[Any, int], key: Any, n: int) -> None:
    if n:  # a row whose contacts were all voided
        target[key] = target.get(key, 0) + int(n)


class _Counter:
    """Adds up the counts of a tally from summaries and contacts alike."""

    def __init__(self, conn: Connection, filters: Filters) -> None:
        self.conn = conn
        self.filters = filters
        self.counts = TallyCounts()
        self.matrix = [[0] * 24 for _ in range(7)]  # [weekday][local hour]

    def _rows(self, query: Select[Any]) -> Sequence[Any]:
        return self.conn.execute(query).all()  # one fetchall, not a fetch per row

    def groups(self, query: Select[Any], sign: int = 1) -> None:
        """Add (``sign`` 1) or take off (-1) the counts of the rows of ``query``."""
        groups = self.counts.groups
        get = groups.get
        for channel, area, kind, outcome, assisted, readiness, requester, n in self._rows(query):
            if n:  # a row whose contacts were all voided
                key = (channel, area, kind, outcome, bool(assisted), readiness or None, requester)
                groups[key] = get(key, 0) + sign * int(n)

    def durations(self, query: Select[Any], sign: int = 1) -> None:
        durations = self.counts.durations
        get = durations.get
        for seconds, n in self._rows(query):
            if n:
                durations[seconds] = get(seconds, 0) + sign * int(n)

    def handouts(self, query: Select[Any], sign: int = 1) -> None:
        for how, solution, n in self._rows(query):
            _add(self.counts.handouts, (how, solution), sign * int(n))

    def without_zeros(self) -> None:
        """Drop the counts that reached 0 (by taking days off): a tally has none."""
        counts = self.counts
        counts.groups = {key: n for key, n in counts.groups.items() if n}
        counts.durations = {key: n for key, n in counts.durations.items() if n}
        counts.handouts = {key: n for key, n in counts.handouts.items() if n}

    def summaries(
        self, spans: list[tuple[str, date]], durations: str | None, sign: int = 1
    ) -> None:
        """Add (``sign`` 1) or take off (-1) whole months and years; handling times too
        unless ``durations`` is None."""
        filters, total = self.filters, func.sum
        g = GROUPS.c
        self.groups(
            select(*(g[name] for name in _GROUP_KEY), total(g.contacts))
            .where(_in_spans(GROUPS, spans), *_filtered(GROUPS, filters))
            .group_by(*(g[name] for name in _GROUP_KEY)),
            sign,
        )
        h = HOURS.c
        hours = (
            select(h.weekday, h.hour, total(h.contacts))
            .where(_in_spans(HOURS, spans), *_filtered(HOURS, filters))
            .group_by(h.weekday, h.hour)
        )
        for weekday, hour, n in self._rows(hours):
            self.matrix[weekday][hour] += sign * int(n or 0)
        if durations is not None:
            d = DURATIONS.c
            self.durations(
                select(d.seconds, total(d.contacts))
                .where(
                    _in_spans(DURATIONS, spans),
                    d.dimension == durations,
                    *_filtered(DURATIONS, filters, ("desk", "municipality")),
                    *(
                        [d.value.in_(sorted(_chosen(filters)[durations] or ()))]
                        if durations
                        else []
                    ),
                )
                .group_by(d.seconds),
                sign,
            )
        o = HANDOUTS.c
        self.handouts(
            select(o.how, o.solution, total(o.handouts))
            .where(_in_spans(HANDOUTS, spans), *_filtered(HANDOUTS, filters))
            .group_by(o.how, o.solution),
            sign,
        )

    def contacts(self, first: date, last: date, durations: bool, sign: int = 1) -> None:
        """Add (``sign`` 1) or take off (-1) the live contacts of the days ``first`` to
        ``last``; their handling times too if ``durations``. (One range at a time: SQLite
        scans every contact for an OR of two.)"""
        c = _CONTACTS.c
        where = (_live_on(first, last), *_filtered(_CONTACTS, self.filters))
        key = [c[name] for name in _GROUP_KEY]
        self.groups(select(*key, func.count()).where(*where).group_by(*key), sign)
        hour = _utc_hour(self.conn, c.logged_at)
        for utc_hour, n in self._rows(select(hour, func.count()).where(*where).group_by(hour)):
            local = _local_hour(utc_hour)
            self.matrix[local.weekday()][local.hour] += sign * int(n)
        if durations:
            self.durations(
                select(c.duration_seconds, func.count())
                .where(*where, c.duration_seconds.is_not(None))
                .group_by(c.duration_seconds),
                sign,
            )
        o = _HANDED.c
        self.handouts(
            select(o.how, o.solution, func.count())
            .join(_CONTACTS, _CONTACTS.c.id == o.contact_id)
            .where(*where)
            .group_by(o.how, o.solution),
            sign,
        )

    def days(self, period: Period) -> tuple[dict[date, dict[str, int]], dict[Any, Any]]:
        """``per_day`` and ``weekly`` of the Tally, from ``tally_day``."""
        d = DAYS.c
        query = (
            select(d.day, d.channel, d.assisted, func.sum(d.contacts))
            .where(d.day >= period.first, d.day <= period.last, *_filtered(DAYS, self.filters))
            .group_by(d.day, d.channel, d.assisted)
            .order_by(d.day)
        )
        per_day: dict[date, dict[str, int]] = {}
        weekly: dict[tuple[int, int], tuple[int, int]] = {}
        last_day, week, counts = None, (0, 0), {}
        for day, channel, assisted, count in self._rows(query):
            if not count:
                continue
            if day != last_day:  # rows come in day order: the ISO week once per day
                iso = day.isocalendar()
                last_day, week = day, (iso.year, iso.week)
                counts = per_day.setdefault(day, {})
            n = int(count)
            counts[channel] = counts.get(channel, 0) + n
            total, helped = weekly.get(week, (0, 0))
            weekly[week] = (total + n, helped + (n if assisted else 0))
        return per_day, dict(sorted(weekly.items()))


def _duration_dimension(filters: Filters) -> str | None:
    """The ``tally_duration`` dimension for ``filters`` ("": none besides the desk and the
    municipality), or None when more than one of channel, area and outcome is filtered on."""
    chosen = _chosen(filters)
    used = [name for name in DURATION_DIMENSIONS if chosen[name] is not None]
    return used[0] if len(used) == 1 else ("" if not used else None)


def tally_in_database(
    repository: ContactRepository, period: Period, filters: Filters | None = None
) -> Tally:
    """The tally of ``period`` and ``filters`` (voided contacts excluded), from the summaries
    kept with every logged or voided contact, and the contacts of the days left over.

    Equal to ``tally(repository.between(*period.utc_bounds()), period, filters)``.
    """
    filters = filters or Filters()
    database = repository.database
    pieces = fewer_rows(cut(period))
    dimension = _duration_dimension(filters)
    with translate_errors(database.location), database.engine.connect() as conn:
        counter = _Counter(conn, filters)
        if pieces.spans:
            counter.summaries(pieces.spans, dimension)
        if pieces.less_spans:
            counter.summaries(pieces.less_spans, dimension, sign=-1)
        for first, last in pieces.loose:
            counter.contacts(first, last, durations=dimension is not None)
        for first, last in pieces.less:
            counter.contacts(first, last, durations=dimension is not None, sign=-1)
        if dimension is None:  # the handling times of the whole period, from the contacts
            c = _CONTACTS.c
            counter.durations(
                select(c.duration_seconds, func.count())
                .where(
                    _live_on(period.first, period.last),
                    c.duration_seconds.is_not(None),
                    *_filtered(_CONTACTS, filters),
                )
                .group_by(c.duration_seconds)
            )
        per_day, weekly = counter.days(period)
    if pieces.less or pieces.less_spans:
        counter.without_zeros()
    tally = build_tally(period, filters, counter.counts)
    return replace(
        tally,
        per_day=per_day,
        hour_weekday=tuple(tuple(row) for row in counter.matrix),
        weekly=weekly,
    )
