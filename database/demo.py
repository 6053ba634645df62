"""Synthetic demo contacts: realistic enough to try the tallies, charts and exports.

Nothing here is real: every contact is drawn from a seeded random generator, so the same seed
gives the same contacts (ids included). The shape follows a typical borgerservice:

- open Monday-Wednesday 10-15, Thursday 10-17:30, Friday 10-13; closed at weekends and on
  Danish public holidays (New Year, Easter, Ascension, Whit Monday, Constitution Day,
  Christmas Eve to Boxing Day, New Year's Eve);
- Monday is the busiest day, the hours around noon the busiest hours;
- about 30 % phone, the rest mostly in person; passports, MitID, health cards and moving the
  most common areas;
- outcomes by the area's usual kind; the assisted and exemption flags as the vocabulary's
  outcome presets; readiness assessed for some; log-normal handling times of a few minutes;
  QR codes of catalogue solutions for some contacts referred to or helped with self-service;
- about 2 % voided (a correction a minute later).
"""

from __future__ import annotations

import itertools
import math
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta

from database.errors import DatabaseConstraintError
from database.repository import ContactRepository
from skranke.catalog import load_catalog
from skranke.clock import LOCAL_TZ, local_today
from skranke.contact import Contact, Handout
from skranke.errors import SkrankeError
from skranke.vocabulary import Vocabulary

BATCH_SIZE = 5000
_DRAW_CHUNK = 100_000  # days drawn for so many contacts at a time
DEFAULT_DESKS = ("Skranke 1", "Skranke 2", "Skranke 3")
# Local opening hours by weekday (Monday = 0): (opens, closes).
OPENING_HOURS: dict[int, tuple[time, time]] = {
    0: (time(10), time(15)),
    1: (time(10), time(15)),
    2: (time(10), time(15)),
    3: (time(10), time(17, 30)),
    4: (time(10), time(13)),
}
# How busy a day is, per opening minute (Monday peak, quiet Friday).
_DAY_WEIGHT = {0: 1.5, 1: 1.1, 2: 1.0, 3: 0.9, 4: 1.0}
_AREA_WEIGHT = {
    "passport": 18, "mitid": 16, "health_card": 12, "moving": 12, "digital_post": 8,
    "driving_licence": 7, "cpr": 4, "foreigners": 4, "other": 4, "tax": 3, "housing_benefit": 3,
    "state_pension": 3, "eu_health_card": 3, "gp_choice": 3, "child_benefit": 2,
    "power_of_attorney": 2, "address_protection": 1, "marriage_name": 1, "waste_technical": 1,
}  # fmt: skip
# Outcome weights by the area's usual kind.
_OUTCOME_WEIGHT = {
    "transaction": {
        "handled_by_staff": 70, "assisted_self_service": 15, "referred_to_self_service": 8,
        "referred_elsewhere": 6, "exempted": 1,
    },
    "guidance": {
        "handled_by_staff": 25, "assisted_self_service": 38, "referred_to_self_service": 25,
        "referred_elsewhere": 9, "exempted": 3,
    },
    "information": {
        "handled_by_staff": 45, "assisted_self_service": 10, "referred_to_self_service": 25,
        "referred_elsewhere": 20,
    },
}  # fmt: skip
_READINESS_WEIGHT = {"can": 30, "can_learn": 50, "cannot": 20}
_REQUESTER_WEIGHT = {"citizen": 94, "business": 4, "association": 2}
PHONE_SHARE = 0.30
VOIDED_SHARE = 0.02


class DemoDataExistsError(SkrankeError):
    """The demo contacts of this seed are already in the database (same seed, same ids)."""

    def __init__(self, location: str, seed: int, stored: int) -> None:
        self.location = location
        self.seed = seed
        self.stored = stored  # stored by this run before the clash (earlier batches)
        super().__init__(f"{location}: seed {seed}")


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def closed_days(year: int) -> set[date]:
    """Days a Danish borgerservice is closed besides weekends (public holidays; the Great
    Prayer Day is a working day since 2024, so it is not here)."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1),
        easter - timedelta(days=3),  # Maundy Thursday
        easter - timedelta(days=2),  # Good Friday
        easter + timedelta(days=1),  # Easter Monday
        easter + timedelta(days=39),  # Ascension Day
        easter + timedelta(days=50),  # Whit Monday
        date(year, 6, 5),  # Constitution Day
        date(year, 12, 24),
        date(year, 12, 25),
        date(year, 12, 26),
        date(year, 12, 31),
    }


def is_open(day: date) -> bool:
    return day.weekday() in OPENING_HOURS and day not in closed_days(day.year)


def _minutes_open(day: date) -> int:
    opens, closes = OPENING_HOURS[day.weekday()]
    return (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)


def _chooser(weights: dict[str, float], allowed: Sequence[str]) -> tuple[list[str], list[float]]:
    keys = [key for key in weights if key in allowed]
    cumulative, running = [], 0.0
    for key in keys:
        running += weights[key]
        cumulative.append(running)
    return keys, cumulative


class _Drawer:
    """Draws the fields of one contact; set up once per vocabulary."""

    def __init__(
        self, rng: random.Random, vocabulary: Vocabulary, desks: Sequence[str], municipality: str
    ) -> None:
        self.rng = rng
        self.desks = list(desks)
        self.municipality = municipality
        self.areas = {area.id: area for area in vocabulary.visible_areas}
        self.area_choice = _chooser(
            {k: float(_AREA_WEIGHT.get(k, 1)) for k in self.areas}, [*self.areas]
        )
        outcome_ids = [outcome.id for outcome in vocabulary.outcomes]
        self.outcomes = {outcome.id: outcome for outcome in vocabulary.outcomes}
        self.outcome_choice = {
            kind: _chooser({k: float(v) for k, v in weights.items()}, outcome_ids)
            for kind, weights in _OUTCOME_WEIGHT.items()
        }
        self.readiness = _chooser(
            {k: float(v) for k, v in _READINESS_WEIGHT.items()},
            [t.id for t in vocabulary.readiness],
        )
        self.requesters = _chooser(
            {k: float(v) for k, v in _REQUESTER_WEIGHT.items()},
            [t.id for t in vocabulary.requesters],
        )
        self.default_requester = vocabulary.default_requester.id
        self.has_information = any(kind.id == "information" for kind in vocabulary.kinds)
        channels = [channel.id for channel in vocabulary.channels]
        self.phone = "phone" if "phone" in channels else channels[0]
        self.in_person = "in_person" if "in_person" in channels else channels[0]
        catalog = load_catalog(vocabulary).catalog
        self.solutions = {area: [s.id for s in catalog.for_area(area)] for area in self.areas}

    def pick(self, choice: tuple[list[str], list[float]]) -> str | None:
        keys, cumulative = choice
        return self.rng.choices(keys, cum_weights=cumulative)[0] if keys else None

    def handouts(self, area: str, outcome: str) -> tuple[Handout, ...]:
        solutions = self.solutions.get(area, [])
        if not solutions or outcome not in ("referred_to_self_service", "assisted_self_service"):
            return ()
        draw = self.rng.random()
        if draw < 0.5:
            return (Handout(self.rng.choice(solutions), "qr"),)
        if draw < 0.65:
            return (Handout(self.rng.choice(solutions), "sheet"),)
        return ()

    def contact(self, logged_at: datetime) -> Contact:
        rng = self.rng
        area_id = self.pick(self.area_choice)
        assert area_id is not None
        area = self.areas[area_id]
        channel = self.phone if rng.random() < PHONE_SHARE else self.in_person
        usual = area.kind if area.kind in _OUTCOME_WEIGHT else "information"
        outcome_id = self.pick(self.outcome_choice[usual]) or next(iter(self.outcomes))
        outcome = self.outcomes[outcome_id]
        kind = "information" if self.has_information and rng.random() < 0.1 else area.kind
        ready = self.pick(self.readiness) if rng.random() < 0.35 else None
        median = 240 if channel == self.phone else 360
        duration = None  # one in ten was logged in a batch, untimed
        if rng.random() < 0.9:
            duration = max(10, min(3600, int(rng.lognormvariate(math.log(median), 0.6))))
        voided = rng.random() < VOIDED_SHARE
        return Contact(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            logged_at=logged_at,
            channel=channel,
            area=area_id,
            kind=kind,
            outcome=outcome_id,
            assisted=outcome.assisted,
            readiness=ready,
            requester=self.pick(self.requesters) or self.default_requester,
            on_behalf=rng.random() < 0.05,
            exemption=outcome.exemption,
            duration_seconds=duration,
            desk=rng.choice(self.desks),
            municipality=self.municipality,
            voided_at=logged_at + timedelta(minutes=1) if voided else None,
            handouts=self.handouts(area_id, outcome_id),
        )


def generate_demo_contacts(
    n: int,
    days: int,
    seed: int,
    *,
    end: date,
    vocabulary: Vocabulary,
    desks: Sequence[str] = DEFAULT_DESKS,
    municipality: str = "165",
    batch_size: int = BATCH_SIZE,
) -> Iterator[list[Contact]]:
    """``n`` synthetic contacts on the open days among the ``days`` local days ending with
    ``end`` (inclusive), oldest first, in batches of ``batch_size``. Deterministic per seed."""
    rng = random.Random(seed)  # noqa: S311 (demo data, not security)
    span = (end - timedelta(days=offset) for offset in range(days - 1, -1, -1))
    open_days = [day for day in span if is_open(day)]
    if n <= 0 or not open_days:
        return
    day_weights = [_DAY_WEIGHT[d.weekday()] * _minutes_open(d) for d in open_days]
    per_day = [0] * len(open_days)
    days_drawn = range(len(open_days))
    cumulative = list(itertools.accumulate(day_weights))
    for first in range(0, n, _DRAW_CHUNK):  # the same draws as one call, in bounded memory
        for index in rng.choices(days_drawn, cum_weights=cumulative, k=min(_DRAW_CHUNK, n - first)):
            per_day[index] += 1
    drawer = _Drawer(rng, vocabulary, desks, municipality)
    batch: list[Contact] = []
    for day, count in zip(open_days, per_day, strict=True):
        open_seconds = _minutes_open(day) * 60
        start = datetime.combine(day, OPENING_HOURS[day.weekday()][0], tzinfo=LOCAL_TZ)
        # Busiest around noon: a triangular distribution peaking a third into the day.
        offsets = sorted(
            min(open_seconds - 1, int(rng.triangular(0, open_seconds, open_seconds / 3)))
            for _ in range(count)
        )
        for offset in offsets:
            batch.append(drawer.contact((start + timedelta(seconds=offset)).astimezone(UTC)))
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def fill_demo_data(
    repository: ContactRepository,
    n: int,
    days: int,
    seed: int,
    vocabulary: Vocabulary,
    *,
    end: date | None = None,
    desks: Sequence[str] = DEFAULT_DESKS,
    municipality: str = "165",
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
    finish: bool = False,
) -> int:
    """Store ``n`` demo contacts ending with ``end`` (default: today), one transaction per
    batch. Returns how many were stored; ``progress(done, n)`` after each batch.

    The same seed gives the same contact ids, so a second run with the seed of an earlier one
    raises :class:`DemoDataExistsError` (before writing anything when the first contact is
    there already). ``finish``: store only the contacts of the seed that are missing, so a
    run cut off half-way (a full disk) can be completed with the same ``n``, ``days`` and
    ``end``; returns how many were added."""
    stored = done = 0
    location = repository.database.location
    for drawn in generate_demo_contacts(
        n,
        days,
        seed,
        end=end or local_today(),
        vocabulary=vocabulary,
        desks=desks,
        municipality=municipality,
        batch_size=batch_size,
    ):
        done += len(drawn)
        batch = drawn
        if finish:
            there = repository.stored_ids([contact.id for contact in drawn])
            batch = [contact for contact in drawn if contact.id not in there]
        elif stored == 0 and repository.get(drawn[0].id) is not None:
            raise DemoDataExistsError(location, seed, 0)
        try:
            repository.add_many(batch)
        except DatabaseConstraintError as error:  # a contact of the seed: written by another
            raise DemoDataExistsError(location, seed, stored) from error
        stored += len(batch)
        if progress is not None:
            progress(done, n)
    return stored
