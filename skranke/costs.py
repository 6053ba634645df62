"""Channel prices (kanalpriser) and estimated costs of contacts, in exact ``Decimal`` kroner.

The shipped default is ``resources/prices/kanalpriser-2012.toml``: the 2012 prices per contact
worked out by Boston Consulting Group for KL, municipalities and the Agency for Digitisation
(quoted in Vallensbæk's "Strategi for borgerkommunikation"). A municipality edits a copy and
names it by path; every problem in it is reported with file, line and field.

A contact is priced by its channel's price row (``[channels]`` in the file) and the KOMHEN class
of its kind (``komhen`` in the vocabulary: information or transaction). Channels without a row
(video and chat have no 2012 price) and classes without a price (the seed's "—") cost nothing in
the estimate and are counted as "uden pris".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from skranke.contact import Contact
from skranke.errors import DataFileError, Problem, SkrankeError
from skranke.report import HANDLED_BY_STAFF, IN_PERSON, Tally
from skranke.resources import RESOURCES_DIR
from skranke.tomlfile import TomlFile, read_toml
from skranke.vocabulary import KOMHEN_CLASSES, Vocabulary

PRICES_FILE = RESOURCES_DIR / "prices" / "kanalpriser-2012.toml"
DEFAULT_SELF_SERVICE_LEVEL = "self_service_1"  # "field validation": typical of borger.dk forms
TRANSACTION = "transaction"
INFORMATION = "information"
DAYS_PER_YEAR = 365
ORE = Decimal("0.01")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_TOP_KEYS = ("source", "year", "currency", "channels", "prices")
_ROW_KEYS = ("id", "da", "en", *KOMHEN_CLASSES)


class PriceTableError(DataFileError):
    """A price table file is broken. Lists every problem (file, line, field)."""


class MissingPriceError(SkrankeError):
    """A calculation needs a price the table does not have (row and KOMHEN class)."""

    def __init__(self, row: str, komhen: str) -> None:
        self.row = row
        self.komhen = komhen
        super().__init__(f"{row}/{komhen}")


class InvalidWhatIfError(SkrankeError):
    """A what-if figure out of range (a share outside 0-100 %, a negative count ...)."""

    def __init__(self, field: str, value: object) -> None:
        self.field = field
        self.value = value
        super().__init__(f"{field}={value!r}")


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One channel of the price table, with a price per KOMHEN class (None: no price)."""

    id: str
    da: str
    en: str
    information: Decimal | None = None
    transaction: Decimal | None = None

    def label(self, language: str = "da") -> str:
        return self.en if language == "en" else self.da

    def price(self, komhen: str) -> Decimal | None:
        return self.transaction if komhen == TRANSACTION else self.information


@dataclass(frozen=True)
class PriceTable:
    source: str
    year: int
    rows: tuple[PriceRow, ...]
    channels: Mapping[str, str]  # Skranke channel id -> price row id
    currency: str = "DKK"

    def row(self, row_id: str) -> PriceRow | None:
        return next((row for row in self.rows if row.id == row_id), None)

    def row_for_channel(self, channel: str) -> PriceRow | None:
        row_id = self.channels.get(channel)
        return None if row_id is None else self.row(row_id)

    def price_for(self, channel: str, komhen: str) -> Decimal | None:
        """The price of one contact on a Skranke channel, None when there is none."""
        row = self.row_for_channel(channel)
        return None if row is None else row.price(komhen)

    def require(self, row_id: str, komhen: str) -> Decimal:
        row = self.row(row_id)
        price = None if row is None else row.price(komhen)
        if price is None:
            raise MissingPriceError(row_id, komhen)
        return price


class _Reader:
    def __init__(self, toml: TomlFile) -> None:
        self.toml = toml
        self.problems: list[Problem] = []

    def report(self, section: str, nth: int, key: str, code: str, detail: str = "") -> None:
        self.problems.append(self.toml.problem(section, nth, key, code, detail))

    def text(self, section: str, nth: int, entry: Mapping[str, Any], key: str) -> str | None:
        value = entry.get(key)
        if value is None:
            self.report(section, nth, key, "missing")
            return None
        if not isinstance(value, str):
            self.report(section, nth, key, "wrong_type", "text")
            return None
        if not value.strip():
            self.report(section, nth, key, "empty")
            return None
        return value.strip()

    def price(self, nth: int, entry: Mapping[str, Any], key: str) -> Decimal | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            # A TOML float (36.5) is binary floating point: refused, money must stay exact.
            self.report("prices", nth, key, "wrong_type", 'heltal eller tekst, fx "36.50"')
            return None
        try:
            price = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            self.report("prices", nth, key, "invalid", 'et beløb, fx "36.50"')
            return None
        if not price.is_finite() or price < 0:
            self.report("prices", nth, key, "invalid", ">= 0")
            return None
        return price

    def rows(self) -> list[PriceRow]:
        raw = self.toml.data.get("prices")
        if raw is None:
            self.report("", 0, "prices", "missing")
            return []
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.report("prices", 0, "prices", "wrong_type", "[[prices]]")
            return []
        rows: list[PriceRow] = []
        seen: set[str] = set()
        for nth, entry in enumerate(raw):
            for key in entry:
                if key not in _ROW_KEYS:
                    self.report("prices", nth, key, "not_allowed")
            row_id = self.text("prices", nth, entry, "id")
            if row_id is not None and not _ID.match(row_id):
                self.report("prices", nth, "id", "invalid", "a-z, 0-9, _")
                row_id = None
            if row_id is not None and row_id in seen:
                self.report("prices", nth, "id", "duplicate", row_id)
                row_id = None
            da = self.text("prices", nth, entry, "da")
            en = self.text("prices", nth, entry, "en")
            information = self.price(nth, entry, INFORMATION)
            transaction = self.price(nth, entry, TRANSACTION)
            if row_id is None or da is None or en is None:
                continue
            seen.add(row_id)
            rows.append(PriceRow(row_id, da, en, information, transaction))
        return rows

    def channels(self, row_ids: set[str]) -> dict[str, str]:
        raw = self.toml.data.get("channels", {})
        if not isinstance(raw, dict):
            self.report("", 0, "channels", "wrong_type", "[channels]")
            return {}
        channels: dict[str, str] = {}
        for channel, row_id in raw.items():
            if not _ID.match(channel):
                self.report("channels", 0, channel, "invalid", "a-z, 0-9, _")
            elif not isinstance(row_id, str):
                self.report("channels", 0, channel, "wrong_type", "text")
            elif row_id not in row_ids:
                self.report("channels", 0, channel, "unknown_reference", row_id)
            else:
                channels[channel] = row_id
        return channels

    def header(self) -> tuple[str | None, int | None, str]:
        data = self.toml.data
        for key in data:
            if key not in _TOP_KEYS:
                self.report(key if isinstance(data[key], dict) else "", 0, key, "not_allowed")
        source = self.text("", 0, data, "source")
        year = data.get("year")
        if year is None:
            self.report("", 0, "year", "missing")
        elif isinstance(year, bool) or not isinstance(year, int):
            self.report("", 0, "year", "wrong_type", "heltal")
            year = None
        elif not 1990 <= year <= 2100:
            self.report("", 0, "year", "invalid", "1990-2100")
            year = None
        currency = data.get("currency", "DKK")
        if not isinstance(currency, str) or not currency.strip():
            self.report("", 0, "currency", "wrong_type", "text")
            currency = "DKK"
        return source, year, currency.strip()


def load_price_table(path: Path = PRICES_FILE) -> PriceTable:
    """Read a price table (the shipped 2012 one unless a municipality's copy is given).

    Raises :class:`PriceTableError` listing every problem of the file.
    """
    toml = read_toml(path)
    if isinstance(toml, Problem):
        raise PriceTableError(path, [toml])
    reader = _Reader(toml)
    source, year, currency = reader.header()
    rows = reader.rows()
    channels = reader.channels({row.id for row in rows})
    if reader.problems or source is None or year is None:
        raise PriceTableError(path, reader.problems)
    return PriceTable(source, year, tuple(rows), channels, currency)


@dataclass(frozen=True)
class CostEstimate:
    """Estimated cost of a set of contacts at the price table's prices."""

    total: Decimal
    by_channel: dict[str, Decimal]
    by_area: dict[str, Decimal]
    by_komhen: dict[str, Decimal]  # information / transaction
    priced: int  # contacts with a price
    unpriced: int  # contacts without one ("uden pris"): they cost nothing in the estimate
    unpriced_by_channel: dict[str, int] = field(default_factory=dict)
    source: str = ""
    year: int = 0


def _cube_of(contacts: Iterable[Contact]) -> dict[tuple[str, str, str, str], int]:
    cube: dict[tuple[str, str, str, str], int] = {}
    for contact in contacts:
        if contact.voided_at is None:
            key = (contact.channel, contact.area, contact.kind, contact.outcome)
            cube[key] = cube.get(key, 0) + 1
    return cube


def _komhen_of(vocabulary: Vocabulary) -> dict[str, str]:
    return {kind.id: kind.komhen for kind in vocabulary.kinds}


def estimate_cost(
    source: Tally | Iterable[Contact], price_table: PriceTable, vocabulary: Vocabulary
) -> CostEstimate:
    """Cost of a tally's contacts (or of the non-voided ones of an iterable of contacts).

    Each contact costs its channel's price for its kind's KOMHEN class. A kind unknown to the
    vocabulary, a channel without a price row, or a class without a price: "uden pris".
    """
    cube = source.cube if isinstance(source, Tally) else _cube_of(source)
    komhen_of = _komhen_of(vocabulary)
    total = Decimal(0)
    by_channel: dict[str, Decimal] = {}
    by_area: dict[str, Decimal] = {}
    by_komhen: dict[str, Decimal] = {}
    unpriced_by_channel: dict[str, int] = {}
    priced = unpriced = 0
    for (channel, area, kind, _outcome), count in cube.items():
        komhen = komhen_of.get(kind)
        price = None if komhen is None else price_table.price_for(channel, komhen)
        if price is None or komhen is None:
            unpriced += count
            unpriced_by_channel[channel] = unpriced_by_channel.get(channel, 0) + count
            continue
        amount = price * count
        priced += count
        total += amount
        by_channel[channel] = by_channel.get(channel, Decimal(0)) + amount
        by_area[area] = by_area.get(area, Decimal(0)) + amount
        by_komhen[komhen] = by_komhen.get(komhen, Decimal(0)) + amount
    return CostEstimate(
        total=total,
        by_channel=by_channel,
        by_area=by_area,
        by_komhen=by_komhen,
        priced=priced,
        unpriced=unpriced,
        unpriced_by_channel=unpriced_by_channel,
        source=price_table.source,
        year=price_table.year,
    )


def saving_from_moving(
    share_percent: Decimal,
    area: str,
    contacts_per_year_in_person_transactions: int,
    price_table: PriceTable,
    *,
    self_service_level: str = DEFAULT_SELF_SERVICE_LEVEL,
) -> Decimal:
    """Kroner a year saved by moving ``share_percent`` % of ``area``'s in-person transactions
    to self-service: moved contacts × (personal attendance transaction price − the chosen
    self-service level's transaction price), rounded to whole øre (half up).

    The default level is 1 ("field validation", 41 kr. in 2012): most borger.dk forms validate
    fields but do not deliver to the case system. ``area`` names what the count is about; the
    count itself is the caller's (see :func:`yearly_in_person_transactions`).
    """
    if not area:
        raise InvalidWhatIfError("area", area)
    if not isinstance(share_percent, Decimal) or not Decimal(0) <= share_percent <= Decimal(100):
        raise InvalidWhatIfError("share_percent", share_percent)
    if contacts_per_year_in_person_transactions < 0:
        raise InvalidWhatIfError(
            "contacts_per_year_in_person_transactions", contacts_per_year_in_person_transactions
        )
    in_person_row = price_table.channels.get(IN_PERSON, "personal_attendance")
    in_person = price_table.require(in_person_row, TRANSACTION)
    self_service = price_table.require(self_service_level, TRANSACTION)
    moved = Decimal(contacts_per_year_in_person_transactions) * share_percent / Decimal(100)
    return (moved * (in_person - self_service)).quantize(ORE, rounding=ROUND_HALF_UP)


def yearly_in_person_transactions(
    tally: Tally, area: str, vocabulary: Vocabulary, *, handled_by_staff_only: bool = True
) -> int:
    """In-person transactions about ``area`` in the tally, scaled to a year (365 days).

    By default only those handled by staff count: help to self-help is not to be reduced,
    and a contact that already ended in self-service cannot be moved again. Scaling is
    ``count × 365 / days in the period`` rounded half up; pass a period that is entirely
    past (a year-to-date period ending in the future understates the figure).
    """
    komhen_of = _komhen_of(vocabulary)
    count = sum(
        n
        for (channel, cube_area, kind, outcome), n in tally.cube.items()
        if channel == IN_PERSON
        and cube_area == area
        and komhen_of.get(kind) == TRANSACTION
        and (not handled_by_staff_only or outcome == HANDLED_BY_STAFF)
    )
    scaled = Decimal(count) * DAYS_PER_YEAR / tally.period.days
    return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class MoveEstimate:
    """A what-if: "moving X % of area Y's in-person transactions saves Z kr. a year"."""

    area: str
    share_percent: Decimal
    yearly_transactions: int
    moved_per_year: Decimal
    in_person_price: Decimal
    self_service_price: Decimal
    saving_per_year: Decimal


def what_if_moving(
    tally: Tally,
    area: str,
    share_percent: Decimal,
    price_table: PriceTable,
    vocabulary: Vocabulary,
    *,
    self_service_level: str = DEFAULT_SELF_SERVICE_LEVEL,
) -> MoveEstimate:
    """The what-if from a tally: the yearly count is derived from the tally's period."""
    yearly = yearly_in_person_transactions(tally, area, vocabulary)
    saving = saving_from_moving(
        share_percent, area, yearly, price_table, self_service_level=self_service_level
    )
    in_person_row = price_table.channels.get(IN_PERSON, "personal_attendance")
    return MoveEstimate(
        area=area,
        share_percent=share_percent,
        yearly_transactions=yearly,
        moved_per_year=Decimal(yearly) * share_percent / Decimal(100),
        in_person_price=price_table.require(in_person_row, TRANSACTION),
        self_service_price=price_table.require(self_service_level, TRANSACTION),
        saving_per_year=saving,
    )
