"""Demo data: deterministic, stored in batches, only within opening hours."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from database.demo import (
    _DAY_WEIGHT,
    OPENING_HOURS,
    DemoDataExistsError,
    _minutes_open,
    closed_days,
    easter_sunday,
    fill_demo_data,
    generate_demo_contacts,
    is_open,
)
from database.repository import ContactRepository
from skranke.catalog import load_catalog
from skranke.clock import LOCAL_TZ
from skranke.report import Period
from skranke.vocabulary import Vocabulary

END = date(2026, 12, 31)


def test_fill_stores_n_contacts_in_batches(
    repository: ContactRepository, vocabulary: Vocabulary
) -> None:
    seen: list[tuple[int, int]] = []
    stored = fill_demo_data(
        repository, 1200, 60, seed=7, vocabulary=vocabulary, end=END, batch_size=500,
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert stored == 1200
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]
    period = Period.custom(END - timedelta(days=59), END)
    contacts = repository.between(*period.utc_bounds(), include_voided=True)
    assert len(contacts) == 1200
    voided = sum(c.voided for c in contacts)
    assert 0 < voided < 60  # about 2 %


def test_the_same_seed_gives_the_same_contacts(vocabulary: Vocabulary) -> None:
    def run(seed: int) -> list:
        return [c for batch in generate_demo_contacts(
            300, 30, seed, end=END, vocabulary=vocabulary) for c in batch]  # fmt: skip

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_contacts_fall_within_opening_hours(vocabulary: Vocabulary) -> None:
    contacts = [
        c
        for batch in generate_demo_contacts(3000, 120, 3, end=END, vocabulary=vocabulary)
        for c in batch
    ]
    assert len(contacts) == 3000
    holidays = closed_days(2026)
    for contact in contacts:
        local = contact.logged_at.astimezone(LOCAL_TZ)
        assert local.weekday() not in (5, 6)  # never at weekends, so never on a Sunday
        assert local.date() not in holidays
        opens, closes = OPENING_HOURS[local.weekday()]
        assert opens <= local.time() < closes
    solutions = {s.id for s in load_catalog(vocabulary).catalog.solutions}
    handed = {h.solution for c in contacts for h in c.handouts}
    assert handed
    assert handed <= solutions
    channels = [c.channel for c in contacts]
    assert 0.25 < channels.count("phone") / len(channels) < 0.35
    for contact in contacts:
        outcome = vocabulary.outcome(contact.outcome)
        assert contact.assisted == outcome.assisted
        assert contact.exemption == outcome.exemption
    mondays = sum(c.logged_at.astimezone(LOCAL_TZ).weekday() == 0 for c in contacts)
    wednesdays = sum(c.logged_at.astimezone(LOCAL_TZ).weekday() == 2 for c in contacts)
    assert mondays > wednesdays


def test_danish_holidays() -> None:
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    days = closed_days(2026)
    assert {date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 14),
            date(2026, 5, 25), date(2026, 12, 24), date(2026, 1, 1)} <= days  # fmt: skip


def test_a_seed_cut_off_half_way_is_named_and_can_be_finished(
    repository: ContactRepository, vocabulary: Vocabulary
) -> None:
    # A run cut off by a full disk, seen from the next run: some of the seed's batches are
    # there, the first contact is not (here: only the second batch of three was stored).
    batches = list(generate_demo_contacts(1200, 60, 5, end=END, vocabulary=vocabulary,
                                          batch_size=500))  # fmt: skip
    repository.add_many(batches[1])
    with pytest.raises(DemoDataExistsError) as caught:  # sqlite3's IntegrityError, named
        fill_demo_data(repository, 1200, 60, 5, vocabulary, end=END, batch_size=500)
    assert caught.value.seed == 5
    assert caught.value.stored == 500  # the first batch went in before the clash
    added = fill_demo_data(repository, 1200, 60, 5, vocabulary, end=END, batch_size=500,
                           finish=True)  # fmt: skip
    assert added == 200  # the third batch: the first two are there now
    period = Period.custom(END - timedelta(days=59), END)
    stored = repository.between(*period.utc_bounds(), include_voided=True)
    assert sorted(c.id for c in stored) == sorted(c.id for b in batches for c in b)
    assert fill_demo_data(repository, 1200, 60, 5, vocabulary, end=END, finish=True) == 0


def test_days_are_drawn_in_bounded_memory_the_same_as_at_once(vocabulary: Vocabulary) -> None:
    # The days of 120,000 contacts are drawn 100,000 at a time; the contacts are the ones a
    # single draw gives (seeded runs stay reproducible), checked on the per-day counts.
    def days(batch_size: int) -> Counter[date]:
        found: Counter[date] = Counter()
        for batch in generate_demo_contacts(120_000, 30, 3, end=END, vocabulary=vocabulary,
                                            batch_size=batch_size):  # fmt: skip
            found.update(c.logged_at.astimezone(LOCAL_TZ).date() for c in batch)
        return found

    counts = days(50_000)
    assert sum(counts.values()) == 120_000
    rng = random.Random(3)
    open_days = [d for d in (END - timedelta(days=o) for o in range(29, -1, -1)) if is_open(d)]
    weights = [_DAY_WEIGHT[d.weekday()] * _minutes_open(d) for d in open_days]
    expected = Counter(rng.choices(open_days, weights=weights, k=120_000))
    assert counts == expected
