"""The shared evening hotline (fælleskommunal hotline): several municipalities, one phone.

One staff member answers the phone on behalf of several municipalities (seed: Vestegnens
fælleskommunale hotline, 19:00-22:00 Monday to Thursday). The municipalities split the cost, so
each call records the *caller's* municipality (``Contact.municipality``; on a hotline desk it is
never the desk's own). This module holds the rules, without Qt or SQL:

- :class:`HotlineConfig`: the participating municipalities (in the order of their keys), the
  opening hours and the cost key, read from the settings by :func:`hotline_config`;
- :class:`CallerMunicipality`: the caller's municipality belongs to the call. It is chosen
  for each call and forgotten when the call is logged or the form is reset, so the next call
  never silently inherits the previous caller's municipality;
- :func:`hotline_report`: per participating municipality for a period: calls, by area and by
  outcome, assisted share, handling time and calls outside the opening hours;
- the cost split: each municipality pays for its calls at the phone price of the channel price
  table (``per_call``), or the hotline's running cost is split by calls or by the agreed shares
  (``shares``). Amounts are exact ``Decimal`` kroner that add up to the total: øre remainders
  go by the largest remainder, ties to the municipality listed first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from skranke.clock import LOCAL_TZ
from skranke.contact import Contact
from skranke.errors import SkrankeError
from skranke.formatting import Language, language_of, weekday_name
from skranke.hotline_checks import (
    COST_KEYS,
    PER_CALL,
    SHARES,
    WEEKDAY_IDS,
    parse_amount,
    parse_clock,
)
from skranke.municipalities import municipality
from skranke.report import Period

if TYPE_CHECKING:
    from skranke.costs import PriceTable
    from skranke.settings import Settings
    from skranke.vocabulary import Vocabulary

PHONE = "phone"
DEFAULT_NAME = "Fælleskommunal hotline"
ORE = Decimal("0.01")
_ORE_PER_KRONE = 100

__all__ = [
    "COST_KEYS",
    "PER_CALL",
    "SHARES",
    "WEEKDAY_IDS",
    "CallerMunicipality",
    "CostSplit",
    "HotlineConfig",
    "HotlineReport",
    "MunicipalityCalls",
    "NoCallerMunicipalityError",
    "NotParticipatingError",
    "OpeningHours",
    "hotline_config",
    "hotline_report",
    "split_by_weights",
]


class NoCallerMunicipalityError(SkrankeError):
    """A hotline call cannot be logged before the caller's municipality is chosen."""


class NotParticipatingError(SkrankeError):
    """A municipality that does not take part in the hotline."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


# --- configuration -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Weekdays (0 = Monday) and the local times the hotline opens and closes."""

    days: frozenset[int] = frozenset({0, 1, 2, 3})
    opens: time = time(19)
    closes: time = time(22)

    def is_open(self, moment: datetime) -> bool:
        """Whether ``moment`` (aware) falls within the opening hours, in Copenhagen time."""
        local = moment.astimezone(LOCAL_TZ)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def evenings(self, period: Period) -> int:
        """How many opening days ``period`` holds."""
        return sum(1 for day in period.dates() if day.weekday() in self.days)

    def label(self, language: str = "da") -> str:
        """ "man–tor 19:00–22:00" (a run of days with a dash, others with commas)."""
        lang = language_of(language)
        days = sorted(self.days)
        names = [weekday_name(day, lang, short=True) for day in days]
        if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
            text = f"{names[0]}–{names[-1]}"
        else:
            text = ", ".join(names)
        return f"{text} {self.opens:%H:%M}–{self.closes:%H:%M}"


@dataclass(frozen=True)
class HotlineConfig:
    """A hotline's participants, hours and cost key (as the municipalities agreed them)."""

    municipalities: tuple[str, ...]  # kommunekoder in the order of their keys
    name: str = DEFAULT_NAME
    desk: str | None = None  # the hotline desk whose contacts are its calls; None: all given
    hours: OpeningHours = OpeningHours()
    cost_key: str = PER_CALL
    shares: Mapping[str, Decimal] = field(default_factory=dict)
    cost_per_evening: Decimal | None = None

    def participates(self, code: str) -> bool:
        return code in self.municipalities


def hotline_config(settings: Settings) -> HotlineConfig | None:
    """The hotline the settings describe; None when no municipalities take part.

    The settings were validated when read, so the values here are known to be good.
    """
    if not settings.hotline_municipalities:
        return None
    codes = tuple(municipality(code).code for code in settings.hotline_municipalities)
    days = frozenset(WEEKDAY_IDS.index(day) for day in settings.hotline_days)
    opens = parse_clock(settings.hotline_opens) or time(19)
    closes = parse_clock(settings.hotline_closes) or time(22)
    shares = {municipality(code).code: share for code, share in settings.hotline_shares}
    desk = settings.hotline_desk or (settings.desk if settings.hotline else "")
    return HotlineConfig(
        municipalities=codes,
        name=settings.hotline_name or DEFAULT_NAME,
        desk=desk or None,
        hours=OpeningHours(days, opens, closes),
        cost_key=settings.hotline_cost_key,
        shares=shares,
        cost_per_evening=parse_amount(settings.hotline_cost_per_evening),
    )


class CallerMunicipality:
    """The caller's municipality for the call in progress: chosen per call, never carried
    over. Logging a call without one is refused (:class:`NoCallerMunicipalityError`)."""

    def __init__(self, config: HotlineConfig) -> None:
        self.config = config
        self.code: str | None = None

    def choose(self, code: str) -> None:
        if not self.config.participates(code):
            raise NotParticipatingError(code)
        self.code = code

    def choose_key(self, number: int) -> str | None:
        """Choose by key number (1 = the first participating municipality)."""
        if 1 <= number <= len(self.config.municipalities):
            self.choose(self.config.municipalities[number - 1])
            return self.code
        return None

    def clear(self) -> None:
        self.code = None

    def require(self) -> str:
        if self.code is None:
            raise NoCallerMunicipalityError
        return self.code


# --- the report --------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityCalls:
    """One municipality's calls in the period."""

    code: str
    calls: int = 0
    by_area: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    assisted: int = 0  # assisted self-service (medbetjening)
    timed: int = 0  # calls with a handling time
    seconds: int = 0  # their handling time in all
    outside_hours: int = 0

    @property
    def name(self) -> str:
        return municipality(self.code).name

    @property
    def assisted_share(self) -> float | None:
        return self.assisted / self.calls if self.calls else None

    @property
    def average_seconds(self) -> float | None:
        return self.seconds / self.timed if self.timed else None


@dataclass(frozen=True)
class CostSplit:
    """What each participating municipality pays for the period; ``amounts`` add up to
    ``total`` exactly, in øre."""

    cost_key: str
    total: Decimal
    amounts: dict[str, Decimal]  # kommunekode -> kroner, in the participants' order
    weights: dict[str, Decimal]  # what the split was made by (calls, shares or amounts)
    running_cost: bool  # the hotline's running cost (evenings × cost per evening)
    evenings: int
    unpriced: int  # calls without a phone price (per call at prices): they cost nothing
    price_source: str = ""
    price_year: int = 0


@dataclass(frozen=True)
class HotlineReport:
    config: HotlineConfig
    period: Period
    rows: tuple[MunicipalityCalls, ...]  # participating municipalities, in their order
    others: MunicipalityCalls  # callers from other municipalities (code ""): not billed
    split: CostSplit

    @property
    def calls(self) -> int:
        return sum(row.calls for row in self.rows) + self.others.calls

    @property
    def total(self) -> MunicipalityCalls:
        return _merged("", [*self.rows, self.others])


def _merged(code: str, parts: Sequence[MunicipalityCalls]) -> MunicipalityCalls:
    by_area: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    for part in parts:
        for key, count in part.by_area.items():
            by_area[key] = by_area.get(key, 0) + count
        for key, count in part.by_outcome.items():
            by_outcome[key] = by_outcome.get(key, 0) + count
    return MunicipalityCalls(
        code,
        sum(p.calls for p in parts),
        by_area,
        by_outcome,
        sum(p.assisted for p in parts),
        sum(p.timed for p in parts),
        sum(p.seconds for p in parts),
        sum(p.outside_hours for p in parts),
    )


class _Counter:
    def __init__(self) -> None:
        self.calls = self.assisted = self.timed = self.seconds = self.outside = 0
        self.by_area: dict[str, int] = {}
        self.by_outcome: dict[str, int] = {}
        self.by_kind: dict[str, int] = {}

    def add(self, contact: Contact, outside: bool) -> None:
        self.calls += 1
        self.by_area[contact.area] = self.by_area.get(contact.area, 0) + 1
        self.by_outcome[contact.outcome] = self.by_outcome.get(contact.outcome, 0) + 1
        self.by_kind[contact.kind] = self.by_kind.get(contact.kind, 0) + 1
        self.assisted += contact.assisted
        if contact.duration_seconds is not None:
            self.timed += 1
            self.seconds += contact.duration_seconds
        self.outside += outside

    def calls_of(self, code: str) -> MunicipalityCalls:
        return MunicipalityCalls(
            code, self.calls, self.by_area, self.by_outcome, self.assisted, self.timed,
            self.seconds, self.outside,
        )  # fmt: skip


def hotline_report(
    contacts: Iterable[Contact],
    period: Period,
    config: HotlineConfig,
    price_table: PriceTable,
    vocabulary: Vocabulary,
) -> HotlineReport:
    """The hotline's calls in ``period`` per participating municipality, and the cost split.

    Voided contacts never count; only the hotline desk's when ``config.desk`` is set.
    """
    start, end = (moment.timestamp() for moment in period.utc_bounds())
    counters = {code: _Counter() for code in config.municipalities}
    others = _Counter()
    for contact in contacts:
        if contact.voided_at is not None or not start <= contact.logged_at.timestamp() < end:
            continue
        if config.desk is not None and contact.desk != config.desk:
            continue
        counter = counters.get(contact.municipality, others)
        counter.add(contact, not config.hours.is_open(contact.logged_at))
    komhen = {kind.id: kind.komhen for kind in vocabulary.kinds}
    split = _split(period, config, counters, price_table, komhen)
    rows = tuple(counters[code].calls_of(code) for code in config.municipalities)
    return HotlineReport(config, period, rows, others.calls_of(""), split)


def _split(
    period: Period,
    config: HotlineConfig,
    counters: Mapping[str, _Counter],
    price_table: PriceTable,
    komhen: Mapping[str, str],
) -> CostSplit:
    priced: dict[str, Decimal] = {}
    unpriced = 0
    for code, counter in counters.items():
        amount = Decimal(0)
        for kind, count in counter.by_kind.items():
            klass = komhen.get(kind)
            price = None if klass is None else price_table.price_for(PHONE, klass)
            if price is None:
                unpriced += count
            else:
                amount += price * count
        priced[code] = amount
    evenings = config.hours.evenings(period)
    running = config.cost_per_evening is not None
    if config.cost_per_evening is not None:
        total = config.cost_per_evening * evenings
    else:
        total = sum(priced.values(), Decimal(0))
    weights: dict[str, Decimal]
    if config.cost_key == SHARES:
        weights = {code: config.shares.get(code, Decimal(0)) for code in config.municipalities}
    elif running:
        weights = {code: Decimal(counters[code].calls) for code in config.municipalities}
    else:
        weights = priced  # each pays for its own calls: the split is the amounts themselves
    amounts = split_by_weights(total, [(code, weights[code]) for code in config.municipalities])
    return CostSplit(
        config.cost_key, total.quantize(ORE, rounding=ROUND_HALF_UP), amounts, weights,
        running, evenings, unpriced, price_table.source, price_table.year,
    )  # fmt: skip


def split_by_weights(
    total: Decimal, weights: Sequence[tuple[str, Decimal | int]]
) -> dict[str, Decimal]:
    """``total`` (rounded to øre) split in proportion to ``weights``, in whole øre that add up
    to it exactly (largest remainder; a tie goes to the one listed first). With no weight at
    all, the total is split equally."""
    if not weights:
        return {}
    cents = int((total * _ORE_PER_KRONE).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    exact = [Fraction(weight) for _, weight in weights]
    if sum(exact) <= 0:
        exact = [Fraction(1)] * len(weights)
    whole = sum(exact)
    quotas = [Fraction(cents) * weight / whole for weight in exact]
    floors = [quota.numerator // quota.denominator for quota in quotas]
    leftover = cents - sum(floors)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for index in by_remainder[:leftover]:
        floors[index] += 1
    return {code: Decimal(ore).scaleb(-2) for (code, _), ore in zip(weights, floors, strict=True)}


def municipality_label(code: str, language: str = "da") -> str:
    """ "Albertslund" for a participant; "Andre kommuner" for the others (code "")."""
    if code:
        return municipality(code).name
    return "Andre kommuner" if language_of(language) is Language.DANISH else "Other municipalities"
