"""The hotline's settings: their values and the checks ``skranke.settings`` runs on them.

Apart from ``skranke.hotline`` (the calls' rules, reports and cost split): the settings are
read at every start, before the counter window shows; the rest is needed later, if at all.
"""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any

from skranke.errors import UnknownMunicipalityError
from skranke.municipalities import municipality

if TYPE_CHECKING:
    from collections.abc import Collection
    from decimal import Decimal  # imported where amounts are read: not at start-up

WEEKDAY_IDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PER_CALL = "per_call"
SHARES = "shares"
COST_KEYS = (PER_CALL, SHARES)
MAX_MUNICIPALITIES = 9  # one key each: Alt+1 ... Alt+9


# --- checks the settings use (code, detail) ----------------------------------------------


def parse_clock(text: str) -> time | None:
    """``"19:00"`` as a time; None when it is not HH:MM."""
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(part.isdigit() and len(part) == 2 for part in parts):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_amount(value: object) -> Decimal | None:
    """A positive amount or share: a whole number, or text such as ``"2450.50"``. A TOML
    float is refused (binary floating point: money and agreed keys must stay exact)."""
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415 - see the imports

    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 else None


def check_clock(value: Any) -> tuple[str, str] | None:
    return None if parse_clock(value) is not None else ("invalid", "TT:MM, fx 19:00")


def check_days(value: Any) -> tuple[str, str] | None:
    if not value or any(day not in WEEKDAY_IDS for day in value):
        return "invalid", " / ".join(WEEKDAY_IDS)
    if len(set(value)) != len(value):
        return "duplicate", next(day for day in value if list(value).count(day) > 1)
    return None


def check_codes(value: Any) -> tuple[str, str] | None:
    for code in value:
        try:
            municipality(code)
        except UnknownMunicipalityError:
            return "unknown_reference", str(code)
    normalised = [str(code).strip().zfill(3) for code in value]
    for code in normalised:
        if normalised.count(code) > 1:
            return "duplicate", code
    if len(normalised) > MAX_MUNICIPALITIES:
        return "invalid", f"højst {MAX_MUNICIPALITIES} kommuner (Alt+1-Alt+9)"
    return None


def check_cost(value: Any) -> tuple[str, str] | None:
    if value == "" or parse_amount(value) is not None:
        return None
    return "invalid", 'et beløb over 0, fx "2450.00"'


def check_shares(value: Any) -> list[tuple[str, str, str]]:
    """Problems of the ``hotline_shares`` table as (key, code, detail)."""
    if not isinstance(value, dict):
        return [("hotline_shares", "wrong_type", "[hotline_shares]")]
    problems: list[tuple[str, str, str]] = []
    for code, share in value.items():
        try:
            municipality(code)
        except UnknownMunicipalityError:
            problems.append((code, "unknown_reference", code))
            continue
        if parse_amount(share) is None:
            problems.append((code, "invalid", 'et tal over 0, fx 28000 eller "27.5"'))
    return problems


def cross_problems(
    *,
    hotline: bool,
    municipalities: Collection[str],
    opens: str,
    closes: str,
    cost_key: str,
    share_codes: Collection[str],
) -> list[tuple[str, str, str]]:
    """What does not fit together in the hotline settings: (key, code, detail).

    Takes the values, not ``Settings``: the settings module runs these checks, so this
    module stays below it (no import cycle)."""
    problems: list[tuple[str, str, str]] = []
    codes = {str(code).zfill(3) for code in municipalities}
    if hotline and not codes:
        problems.append(("hotline_municipalities", "missing", ""))
    opens_at, closes_at = parse_clock(opens), parse_clock(closes)
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        problems.append(("hotline_closes", "invalid", f"senere end {opens}"))
    if cost_key == SHARES:
        shares = set(share_codes)
        problems.extend(("hotline_shares", "missing", code) for code in sorted(codes - shares))
        problems.extend(("hotline_shares", "not_allowed", code) for code in sorted(shares - codes))
    return problems
