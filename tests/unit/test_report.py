"""Tallies for a period: every grouping sums to the contacts that count, across summer time."""

from __future__ import annotations

import statistics
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skranke.clock import LOCAL_TZ
from skranke.contact import Contact, Handout
from skranke.report import (
    NOT_ASSESSED,
    Filters,
    InvalidPeriodError,
    Period,
    Tally,
    tally,
)
from skranke.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()
CHANNELS = [c.id for c in VOCABULARY.channels]
AREAS = [a.id for a in VOCABULARY.areas]
KINDS = [k.id for k in VOCABULARY.kinds]
OUTCOMES = [o.id for o in VOCABULARY.outcomes]
READINESS = [None, *(t.id for t in VOCABULARY.readiness)]
REQUESTERS = [t.id for t in VOCABULARY.requesters]
DESKS = ["Skranke 1", "Skranke 2", "Telefon"]
MUNICIPALITIES = ["165", "187", "169"]
SOLUTIONS = ["moving", "mitid_app", "health_card_new"]
SPRING_FORWARD = date(2026, 3, 29)  # 02:00 -> 03:00, a 23-hour day
FALL_BACK = date(2026, 10, 25)  # 03:00 -> 02:00, a 25-hour day
FIRST, LAST = date(2026, 3, 23), date(2026, 11, 1)


def local(day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TZ, fold=fold)
    return moment.astimezone(UTC)


def make_contact(logged_at: datetime, **fields: object) -> Contact:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "logged_at": logged_at,
        "channel": "in_person",
        "area": "passport",
        "kind": "transaction",
        "outcome": "handled_by_staff",
        "assisted": False,
        "readiness": None,
        "requester": "citizen",
        "on_behalf": False,
        "exemption": False,
        "duration_seconds": None,
        "desk": "Skranke 1",
        "municipality": "165",
    }
    values.update(fields)
    return Contact(**values)  # type: ignore[arg-type]


# Instants clustered around the summer-time days and local midnights, plus anywhere.
_edge_days = st.sampled_from(
    [SPRING_FORWARD, FALL_BACK, SPRING_FORWARD - timedelta(days=1), FALL_BACK + timedelta(days=1)]
)
_near_midnight = st.builds(
    lambda day, seconds: (
        datetime.combine(day, datetime.min.time(), tzinfo=LOCAL_TZ).astimezone(UTC)
        + timedelta(seconds=seconds)
    ),
    _edge_days,
    st.integers(min_value=-3 * 3600, max_value=27 * 3600),
)
_anywhere = st.datetimes(
    min_value=datetime(2026, 3, 20), max_value=datetime(2026, 11, 5), timezones=st.just(UTC)
)
instants = st.one_of(_near_midnight, _anywhere)

contacts_strategy = st.builds(
    Contact,
    id=st.uuids(version=4),
    logged_at=instants,
    channel=st.sampled_from(CHANNELS),
    area=st.sampled_from(AREAS),
    kind=st.sampled_from(KINDS),
    outcome=st.sampled_from(OUTCOMES),
    assisted=st.booleans(),
    readiness=st.sampled_from(READINESS),
    requester=st.sampled_from(REQUESTERS),
    on_behalf=st.booleans(),
    exemption=st.booleans(),
    duration_seconds=st.none() | st.integers(min_value=0, max_value=5000),
    desk=st.sampled_from(DESKS),
    municipality=st.sampled_from(MUNICIPALITIES),
    voided_at=st.none() | st.none() | st.just(datetime(2026, 11, 6, tzinfo=UTC)),
    handouts=st.lists(
        st.builds(Handout, st.sampled_from(SOLUTIONS), st.sampled_from(["qr", "sheet"])),
        max_size=2,
        unique=True,
    ).map(tuple),
)
_days = st.dates(min_value=FIRST, max_value=LAST)
periods = st.one_of(
    _days.map(Period.day),
    _days.map(Period.week),
    _days.map(Period.month),
    st.tuples(_days, _days).map(lambda d: Period.custom(min(d), max(d))),
    st.just(Period.day(SPRING_FORWARD)),
    st.just(Period.day(FALL_BACK)),
    st.just(Period.year(2026)),
)


def _subset(values: list[str]) -> st.SearchStrategy[frozenset[str] | None]:
    return st.none() | st.frozensets(st.sampled_from(values), min_size=1)


filters_strategy = st.builds(
    Filters,
    desks=_subset(DESKS),
    channels=_subset(CHANNELS),
    areas=_subset(AREAS),
    outcomes=_subset(OUTCOMES),
    municipalities=_subset(MUNICIPALITIES),
)


def counted(contacts: list[Contact], period: Period, filters: Filters) -> list[Contact]:
    """By hand: not voided, local date in the period, matching the filters."""
    return [
        c
        for c in contacts
        if not c.voided and c.logged_at.astimezone(LOCAL_TZ).date() in period and filters.matches(c)
    ]


def assert_sums(result: Tally) -> None:
    total = result.total
    for grouping in (
        result.by_channel,
        result.by_area,
        result.by_kind,
        result.by_outcome,
        result.by_readiness,
        result.by_requester,
        result.cube,
    ):
        assert sum(grouping.values()) == total
    assert sum(sum(day.values()) for day in result.per_day.values()) == total
    assert sum(map(sum, result.hour_weekday)) == total
    assert sum(sum(row.values()) for row in result.area_outcome.values()) == total
    assert sum(week_total for week_total, _ in result.weekly.values()) == total
    assert sum(assisted for _, assisted in result.weekly.values()) == result.assisted
    assert sum(result.assisted_by_channel.values()) == result.assisted


@settings(max_examples=150, deadline=None)
@given(
    contacts=st.lists(contacts_strategy, max_size=40),
    period=periods,
    filters=filters_strategy,
)
def test_every_grouping_sums_to_the_contacts_that_count(
    contacts: list[Contact], period: Period, filters: Filters
) -> None:
    result = tally(contacts, period, filters)
    live = counted(contacts, period, filters)
    assert result.total == len(live)
    assert_sums(result)
    assert result.assisted == sum(c.assisted for c in live)
    assert result.by_readiness.get(NOT_ASSESSED, 0) == sum(c.readiness is None for c in live)
    per_day: dict[date, int] = {}
    matrix = [[0] * 24 for _ in range(7)]
    for c in live:
        moment = c.logged_at.astimezone(LOCAL_TZ)
        per_day[moment.date()] = per_day.get(moment.date(), 0) + 1
        matrix[moment.weekday()][moment.hour] += 1
    assert {day: sum(row.values()) for day, row in result.per_day.items()} == per_day
    assert [list(row) for row in result.hour_weekday] == matrix
    durations = [c.duration_seconds for c in live if c.duration_seconds is not None]
    assert result.timed == len(durations)
    if durations:
        assert result.median_seconds == pytest.approx(statistics.median(durations))
        assert result.average_seconds == pytest.approx(statistics.mean(durations))
    else:
        assert result.median_seconds is None
        assert result.average_seconds is None
    shown = sum(1 for c in live for h in c.handouts if h.how == "qr")
    assert sum(result.solutions_shown.values()) == shown
    if result.total:
        assert result.assisted_share == result.assisted / result.total
    else:
        assert result.assisted_share is None


@pytest.mark.parametrize("day", [SPRING_FORWARD, FALL_BACK])
def test_contacts_at_the_edges_of_a_summer_time_day_belong_to_it(day: date) -> None:
    contacts = [
        make_contact(local(day, 0, 30)),
        make_contact(local(day, 23, 59)),
        make_contact(local(day - timedelta(days=1), 23, 59)),
        make_contact(local(day + timedelta(days=1), 0, 0)),
    ]
    result = tally(contacts, Period.day(day))
    assert result.total == 2
    assert result.per_day == {day: {"in_person": 2}}
    assert result.hour_weekday[6][0] == 1  # both days are Sundays
    assert result.hour_weekday[6][23] == 1
    assert tally(contacts, Period.day(day - timedelta(days=1))).total == 1
    assert tally(contacts, Period.day(day + timedelta(days=1))).total == 1


def test_summer_time_days_are_23_and_25_hours_long() -> None:
    start, end = Period.day(SPRING_FORWARD).utc_bounds()
    assert end - start == timedelta(hours=23)
    start, end = Period.day(FALL_BACK).utc_bounds()
    assert end - start == timedelta(hours=25)
    assert start == datetime(2026, 10, 24, 22, tzinfo=UTC)


def test_the_repeated_hour_when_summer_time_ends_counts_twice_at_2() -> None:
    first = make_contact(local(FALL_BACK, 2, 30, fold=0))  # 00:30 UTC
    second = make_contact(local(FALL_BACK, 2, 30, fold=1))  # 01:30 UTC
    assert second.logged_at - first.logged_at == timedelta(hours=1)
    result = tally([first, second], Period.day(FALL_BACK))
    assert result.hour_weekday[6][2] == 2


def test_voided_contacts_never_count() -> None:
    live = make_contact(local(FALL_BACK, 10))
    voided = make_contact(local(FALL_BACK, 11)).void(local(FALL_BACK, 12))
    result = tally([live, voided], Period.week(FALL_BACK))
    assert result.total == 1
    assert result.by_channel == {"in_person": 1}


def test_shares_and_outcome_figures() -> None:
    day = date(2026, 11, 23)
    contacts = [
        make_contact(local(day, 10), outcome="handled_by_staff", duration_seconds=60),
        make_contact(local(day, 10), outcome="assisted_self_service", assisted=True,
                     duration_seconds=120),
        make_contact(local(day, 11), outcome="referred_elsewhere", channel="phone",
                     duration_seconds=600),
        make_contact(local(day, 12), outcome="referred_to_self_service",
                     handouts=(Handout("moving", "qr"), Handout("moving", "sheet"))),
    ]  # fmt: skip
    result = tally(contacts, Period.day(day))
    assert result.total == 4
    assert result.assisted_share == 0.25
    assert result.handled_by_staff_share == 0.25
    assert result.referrals == 1
    assert result.referred_to_self_service == 1
    assert result.moved_to_self_service == 2
    assert result.in_person_without_assisted == 2
    assert result.median_seconds == 120
    assert result.average_seconds == 260
    assert result.solutions_shown == {"moving": 1}
    assert result.sheets_printed == {"moving": 1}
    assert result.weekly_assisted_share == {(2026, 48): 0.25}
    assert result.area_outcome["passport"]["referred_elsewhere"] == 1


def test_filters_match_on_every_field() -> None:
    contact = make_contact(local(FALL_BACK, 10), desk="Skranke 2", municipality="187")
    assert Filters().matches(contact)
    assert Filters(desks=frozenset({"Skranke 2"}), municipalities=frozenset({"187"})).matches(
        contact
    )
    assert not Filters(channels=frozenset({"phone"})).matches(contact)
    assert not Filters(areas=frozenset({"mitid"})).matches(contact)
    assert not Filters(outcomes=frozenset({"exempted"})).matches(contact)
    assert Filters().is_all
    assert not Filters(desks=frozenset({"x"})).is_all


@pytest.mark.parametrize(
    ("period", "first", "last", "label"),
    [
        (Period.day(date(2026, 11, 22)), date(2026, 11, 22), date(2026, 11, 22), "22.11.2026"),
        (Period.week(date(2026, 11, 22)), date(2026, 11, 16), date(2026, 11, 22), "Uge 47, 2026"),
        (Period.week(date(2027, 1, 1)), date(2026, 12, 28), date(2027, 1, 3), "Uge 53, 2026"),
        (Period.month(date(2026, 11, 5)), date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
        (Period.month(date(2028, 2, 10)), date(2028, 2, 1), date(2028, 2, 29), "Februar 2028"),
        (Period.year(2026), date(2026, 1, 1), date(2026, 12, 31), "2026"),
        (
            Period.custom(date(2026, 11, 1), date(2026, 11, 30)),
            date(2026, 11, 1),
            date(2026, 11, 30),
            "1.11.2026–30.11.2026",
        ),
        (
            Period.counting_week(2026, 47),
            date(2026, 11, 16),
            date(2026, 11, 22),
            "Tælleuge 47, 2026",
        ),
    ],
)
def test_periods_and_their_danish_labels(
    period: Period, first: date, last: date, label: str
) -> None:
    assert (period.first, period.last) == (first, last)
    assert period.label() == label
    assert period.days == (last - first).days + 1
    assert period.end == last + timedelta(days=1)


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period.day(date(2026, 11, 22)), "22 Nov 2026"),
        (Period.week(date(2026, 11, 22)), "Week 47, 2026"),
        (Period.month(date(2026, 11, 5)), "November 2026"),
        (Period.month(date(2026, 5, 5)), "May 2026"),  # Danish: "Maj 2026"
        (Period.custom(date(2026, 11, 1), date(2026, 11, 30)), "1 Nov 2026–30 Nov 2026"),
        (Period.counting_week(2026, 47), "Counting week 47, 2026"),
    ],
)
def test_periods_have_english_labels_for_an_english_reader(period: Period, label: str) -> None:
    assert period.label("en") == label


def test_a_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(InvalidPeriodError):
        Period.custom(date(2026, 11, 2), date(2026, 11, 1))
    with pytest.raises(InvalidPeriodError):
        Period.counting_week(2026, 54)


def test_a_year_is_bounded_by_local_midnights() -> None:
    start, end = Period.year(2026).utc_bounds()
    assert start == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert end == datetime(2026, 12, 31, 23, tzinfo=UTC)
