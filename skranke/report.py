"""Tallies for a period: what a team leader looks at (per channel, area, outcome, hour ...).

Pure Python over domain contacts. :func:`tally` makes one pass over the contacts, counting
into a few plain dicts keyed by tuples, and :func:`build_tally` turns those counts into a
:class:`Tally`. The database layer computes the same counts in SQL (``database/reports.py``)
and calls :func:`build_tally` too, so both paths give equal tallies.

Times: contacts carry aware UTC timestamps; periods are calendar periods in Europe/Copenhagen.
Contacts are bucketed by UTC hour (``floor(unix time / 3600)``) and each bucket is turned into
a local date, weekday and hour. That is exact because Copenhagen's offsets from UTC (+1, +2)
are whole hours, so a UTC hour never straddles a local hour boundary, also on the 23- and
25-hour days when summer time starts and ends.

Voided contacts never count.

There is deliberately no *digitaliseringsgrad* (share of contacts on digital channels): Skranke
sees the contacts that reach a person (counter, phone, video, chat, e-mail), never the
self-service done online without one, so that share cannot be computed honestly from this data.
What can is :attr:`Tally.moved_to_self_service_share`: the contacts that ended in self-service.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from skranke.clock import LOCAL_TZ, local_day_bounds
from skranke.contact import Contact
from skranke.errors import SkrankeError
from skranke.formatting import (
    Language,
    format_numeric_date,
    language_of,
    month_name,
    weekday_name,
)

NOT_ASSESSED = "not_assessed"  # readiness key for contacts whose readiness was not assessed
HANDLED_BY_STAFF = "handled_by_staff"
REFERRED_ELSEWHERE = "referred_elsewhere"
REFERRED_TO_SELF_SERVICE = "referred_to_self_service"
ASSISTED_SELF_SERVICE = "assisted_self_service"
IN_PERSON = "in_person"

WEEKDAYS_DA = tuple(weekday_name(day, "da").capitalize() for day in range(7))
_HOUR = 3600

# The groupings :func:`build_tally` is made from (see :class:`TallyCounts`).
GroupKey = tuple[str, str, str, str, bool, str | None, str]
HourKey = tuple[int, str, bool]
HandoutKey = tuple[str, str]


class InvalidPeriodError(SkrankeError):
    """A period whose last day is before its first, or an ISO week that does not exist."""

    def __init__(self, first: object, last: object) -> None:
        self.first = first
        self.last = last
        super().__init__(f"{first}..{last}")


class PeriodOutOfRangeError(InvalidPeriodError):
    """A period reaching outside the days Skranke counts (:data:`FIRST_DAY` to
    :data:`LAST_DAY`): ``9999-12-31`` has no day after it to end on."""


FIRST_DAY = date(2000, 1, 1)  # the days a period may cover, both inclusive
LAST_DAY = date(2100, 12, 31)

_WEEK_WORDS = {
    Language.DANISH: {"week": "Uge", "counting_week": "Tælleuge"},
    Language.ENGLISH: {"week": "Week", "counting_week": "Counting week"},
}


@dataclass(frozen=True, slots=True)
class Period:
    """Local calendar days from ``first`` to ``last``, both **inclusive**.

    ``end`` (the day after ``last``) is the exclusive end, as :meth:`utc_bounds` uses it.
    ``kind`` only chooses the label: ``day``, ``week``, ``counting_week``, ``month``,
    ``year`` or ``custom``; it takes no part in equality.
    """

    first: date
    last: date
    kind: str = field(default="custom", compare=False)

    def __post_init__(self) -> None:
        if self.first < FIRST_DAY or self.last > LAST_DAY:
            raise PeriodOutOfRangeError(self.first, self.last)
        if self.last < self.first:
            raise InvalidPeriodError(self.first, self.last)

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day, "day")

    @classmethod
    def week(cls, day: date) -> Period:
        """The ISO week (Monday to Sunday) that ``day`` falls in."""
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + timedelta(days=6), "week")

    @classmethod
    def counting_week(cls, year: int, week: int) -> Period:
        """A KOMHEN counting week (tælleuge): ISO week ``week`` of ISO year ``year``."""
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError as error:
            raise InvalidPeriodError(year, week) from error
        return cls(monday, monday + timedelta(days=6), "counting_week")

    @classmethod
    def month(cls, day: date) -> Period:
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls(first, following - timedelta(days=1), "month")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def custom(cls, first: date, last: date) -> Period:
        return cls(first, last, "custom")

    @property
    def end(self) -> date:
        """The first day after the period (exclusive end)."""
        return self.last + timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def dates(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range(self.days)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """UTC instants of local midnight starting ``first`` and local midnight after ``last``:
        the half-open range ``[start, end)`` the repository is asked for."""
        return local_day_bounds(self.first)[0], local_day_bounds(self.last)[1]

    def label(self, language: str = "da") -> str:
        """The period as a reader names it, in ``language``: "22.11.2026", "Uge 47, 2026",
        "November 2026", "2026", "1.11.2026–30.11.2026" (English: "22 Nov 2026", "Week 47,
        2026" …)."""
        lang = language_of(language)
        first, last = (format_numeric_date(day, lang) for day in (self.first, self.last))
        if self.kind in ("week", "counting_week"):
            year, week, _ = self.first.isocalendar()
            return f"{_WEEK_WORDS[lang][self.kind]} {week}, {year}"
        if self.kind == "month":
            return f"{month_name(self.first.month, lang).capitalize()} {self.first.year}"
        if self.kind == "year":
            return str(self.first.year)
        if self.first == self.last:
            return first
        return f"{first}–{last}"


@dataclass(frozen=True, slots=True)
class Filters:
    """Which contacts to count. ``None`` means all; a set means only those ids."""

    desks: frozenset[str] | None = None
    channels: frozenset[str] | None = None
    areas: frozenset[str] | None = None
    outcomes: frozenset[str] | None = None
    municipalities: frozenset[str] | None = None  # kommunekoder (the shared hotline)

    def matches(self, contact: Contact) -> bool:
        return (
            (self.desks is None or contact.desk in self.desks)
            and (self.channels is None or contact.channel in self.channels)
            and (self.areas is None or contact.area in self.areas)
            and (self.outcomes is None or contact.outcome in self.outcomes)
            and (self.municipalities is None or contact.municipality in self.municipalities)
        )

    @property
    def is_all(self) -> bool:
        return all(
            value is None
            for value in (
                self.desks,
                self.channels,
                self.areas,
                self.outcomes,
                self.municipalities,
            )
        )


@dataclass
class TallyCounts:
    """The raw groupings a :class:`Tally` is built from (one pass, or one SQL query each).

    - ``groups``: (channel, area, kind, outcome, assisted, readiness, requester) -> count
    - ``hours``: (UTC hour number = floor(unix time / 3600), channel, assisted) -> count
    - ``durations``: handling time in seconds -> count (contacts with a duration only)
    - ``handouts``: (how, solution) -> count
    """

    groups: dict[GroupKey, int] = field(default_factory=dict)
    hours: dict[HourKey, int] = field(default_factory=dict)
    durations: dict[int, int] = field(default_factory=dict)
    handouts: dict[HandoutKey, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Tally:
    """Counts of the non-voided contacts of a period that match the filters.

    Every ``by_*`` grouping, ``per_day``, ``hour_weekday``, ``area_outcome`` and ``cube``
    sums to ``total``.
    """

    period: Period
    filters: Filters
    total: int
    by_channel: dict[str, int]
    by_area: dict[str, int]
    by_kind: dict[str, int]
    by_outcome: dict[str, int]
    by_readiness: dict[str, int]  # None is counted as NOT_ASSESSED
    by_requester: dict[str, int]
    assisted: int  # contacts with assisted self-service (medbetjening)
    assisted_by_channel: dict[str, int]
    timed: int  # contacts with a handling time
    average_seconds: float | None
    median_seconds: float | None
    solutions_shown: Counter[str]  # solution id -> times shown as a QR code
    sheets_printed: Counter[str]  # solution id -> guidance sheets printed
    per_day: dict[date, dict[str, int]]  # local date -> channel -> count (days with contacts)
    hour_weekday: tuple[tuple[int, ...], ...]  # [weekday 0=Monday][local hour 0-23]
    weekly: dict[tuple[int, int], tuple[int, int]]  # (ISO year, week) -> (total, assisted)
    area_outcome: dict[str, dict[str, int]]  # area -> outcome -> count
    cube: dict[tuple[str, str, str, str], int]  # (channel, area, kind, outcome) -> count

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def assisted_share(self) -> float | None:
        return self._share(self.assisted, self.total)

    @property
    def handled_by_staff(self) -> int:
        return self.by_outcome.get(HANDLED_BY_STAFF, 0)

    @property
    def handled_by_staff_share(self) -> float | None:
        return self._share(self.handled_by_staff, self.total)

    @property
    def referrals(self) -> int:
        """Referred elsewhere (another authority: Udbetaling Danmark, SKAT ...)."""
        return self.by_outcome.get(REFERRED_ELSEWHERE, 0)

    @property
    def referred_to_self_service(self) -> int:
        return self.by_outcome.get(REFERRED_TO_SELF_SERVICE, 0)

    @property
    def moved_to_self_service(self) -> int:
        """Contacts that ended in self-service: assisted, or referred to a solution."""
        return self.by_outcome.get(ASSISTED_SELF_SERVICE, 0) + self.referred_to_self_service

    @property
    def moved_to_self_service_share(self) -> float | None:
        return self._share(self.moved_to_self_service, self.total)

    @property
    def in_person_without_assisted(self) -> int:
        """Personal attendance other than help to self-help: what the strategies aim to halve
        (help to self-help is reported separately and is not to be reduced)."""
        return self.by_channel.get(IN_PERSON, 0) - self.assisted_by_channel.get(IN_PERSON, 0)

    @property
    def weekly_assisted_share(self) -> dict[tuple[int, int], float]:
        return {week: assisted / total for week, (total, assisted) in self.weekly.items()}


def count_contacts(
    contacts: Iterable[Contact], period: Period, filters: Filters = Filters()
) -> TallyCounts:
    """One pass: the raw groupings of the non-voided contacts in ``period`` and ``filters``."""
    start, end = period.utc_bounds()
    start_ts, end_ts = start.timestamp(), end.timestamp()
    desks, channels, areas = filters.desks, filters.channels, filters.areas
    outcomes, municipalities = filters.outcomes, filters.municipalities
    groups: dict[GroupKey, int] = {}
    hours: dict[HourKey, int] = {}
    durations: dict[int, int] = {}
    handouts: dict[HandoutKey, int] = {}
    groups_get, hours_get, durations_get = groups.get, hours.get, durations.get
    for contact in contacts:
        if contact.voided_at is not None:
            continue
        ts = contact.logged_at.timestamp()
        if not start_ts <= ts < end_ts:
            continue
        channel = contact.channel
        if (
            (desks is not None and contact.desk not in desks)
            or (channels is not None and channel not in channels)
            or (areas is not None and contact.area not in areas)
            or (outcomes is not None and contact.outcome not in outcomes)
            or (municipalities is not None and contact.municipality not in municipalities)
        ):
            continue
        assisted = contact.assisted
        key = (
            channel,
            contact.area,
            contact.kind,
            contact.outcome,
            assisted,
            contact.readiness,
            contact.requester,
        )
        groups[key] = groups_get(key, 0) + 1
        hour = (int(ts) // _HOUR, channel, assisted)
        hours[hour] = hours_get(hour, 0) + 1
        seconds = contact.duration_seconds
        if seconds is not None:
            durations[seconds] = durations_get(seconds, 0) + 1
        if contact.handouts:
            for handout in contact.handouts:
                handout_key = (handout.how, handout.solution)
                handouts[handout_key] = handouts.get(handout_key, 0) + 1
    return TallyCounts(groups, hours, durations, handouts)


def tally(contacts: Iterable[Contact], period: Period, filters: Filters = Filters()) -> Tally:
    """Tally the contacts of ``period`` that match ``filters``; voided ones never count.

    The caller usually passes the repository's contacts for ``period.utc_bounds()``; the
    period and the filters are checked again here, so any superset may be passed.
    """
    return build_tally(period, filters, count_contacts(contacts, period, filters))


def _add(target: dict[str, int], key: str, count: int) -> None:
    target[key] = target.get(key, 0) + count


def _median(durations: Mapping[int, int], timed: int) -> float | None:
    """The median of a distribution given as value -> count (mean of the two middle values
    when the count is even, as :func:`statistics.median`)."""
    if not timed:
        return None
    lower_index, upper_index = (timed - 1) // 2, timed // 2
    lower = upper = None
    seen = 0
    for value in sorted(durations):
        seen += durations[value]
        if lower is None and seen > lower_index:
            lower = value
        if seen > upper_index:
            upper = value
            break
    assert lower is not None
    assert upper is not None
    return (lower + upper) / 2


def _in_order(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` in key order (a tally's dicts keep one order, whichever way counted)."""
    return dict(sorted(counts.items()))


def build_tally(period: Period, filters: Filters, counts: TallyCounts) -> Tally:
    """A :class:`Tally` from raw groupings (from :func:`count_contacts` or from SQL)."""
    by_readiness: dict[str, int] = {}
    by_requester: dict[str, int] = {}
    assisted_by_channel: dict[str, int] = {}
    cube: dict[tuple[str, str, str, str], int] = {}
    total = assisted = 0
    # A year at a big counter is thousands of groups: add them up inline and unsorted, then
    # the rest from the cube (fewer keys); every dict ends in key order.
    for key, n in counts.groups.items():
        channel, area, kind, outcome, is_assisted, readiness, requester = key
        total += n
        cube_key = (channel, area, kind, outcome)
        cube[cube_key] = cube.get(cube_key, 0) + n
        ready = readiness or NOT_ASSESSED
        by_readiness[ready] = by_readiness.get(ready, 0) + n
        by_requester[requester] = by_requester.get(requester, 0) + n
        if is_assisted:
            assisted += n
            assisted_by_channel[channel] = assisted_by_channel.get(channel, 0) + n
    cube = dict(sorted(cube.items()))
    by_channel: dict[str, int] = {}
    by_area: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    outcome_by_area: dict[str, dict[str, int]] = {}
    for (channel, area, kind, outcome), n in cube.items():
        by_channel[channel] = by_channel.get(channel, 0) + n
        by_area[area] = by_area.get(area, 0) + n
        by_kind[kind] = by_kind.get(kind, 0) + n
        by_outcome[outcome] = by_outcome.get(outcome, 0) + n
        outcomes = outcome_by_area.setdefault(area, {})
        outcomes[outcome] = outcomes.get(outcome, 0) + n
    area_outcome = {area: _in_order(outcome_by_area[area]) for area in sorted(outcome_by_area)}

    per_day: dict[date, dict[str, int]] = {}
    matrix = [[0] * 24 for _ in range(7)]
    weekly: dict[tuple[int, int], tuple[int, int]] = {}
    local_of: dict[int, datetime] = {}
    for (hour_number, channel, is_assisted), n in sorted(counts.hours.items()):
        local = local_of.get(hour_number)
        if local is None:
            utc = datetime.fromtimestamp(hour_number * _HOUR, UTC)
            local = local_of[hour_number] = utc.astimezone(LOCAL_TZ)
        day = local.date()
        _add(per_day.setdefault(day, {}), channel, n)
        matrix[local.weekday()][local.hour] += n
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        week_total, week_assisted = weekly.get(week, (0, 0))
        weekly[week] = (week_total + n, week_assisted + (n if is_assisted else 0))

    timed = sum(counts.durations.values())
    average = sum(s * n for s, n in counts.durations.items()) / timed if timed else None
    shown: Counter[str] = Counter()
    printed: Counter[str] = Counter()
    for (how, solution), n in sorted(counts.handouts.items()):
        (shown if how == "qr" else printed)[solution] += n
    return Tally(
        period=period,
        filters=filters,
        total=total,
        by_channel=_in_order(by_channel),
        by_area=_in_order(by_area),
        by_kind=_in_order(by_kind),
        by_outcome=_in_order(by_outcome),
        by_readiness=_in_order(by_readiness),
        by_requester=_in_order(by_requester),
        assisted=assisted,
        assisted_by_channel=_in_order(assisted_by_channel),
        timed=timed,
        average_seconds=average,
        median_seconds=_median(counts.durations, timed),
        solutions_shown=shown,
        sheets_printed=printed,
        per_day=dict(sorted(per_day.items())),
        hour_weekday=tuple(tuple(row) for row in matrix),
        weekly=dict(sorted(weekly.items())),
        area_outcome=area_outcome,
        cube=cube,
    )
