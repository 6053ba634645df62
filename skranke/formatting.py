"""Numbers, dates and weekday names the way a Danish or an English reader expects them.

The one place that formats figures for people (the team view, charts, reports, the command
line). Skranke speaks two languages, so a small table does what Babel would, without the
dependency. The Qt side uses the same conventions through ``QLocale``.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal  # imported where amounts are formatted: not at start-up


class Language(StrEnum):
    """The interface languages."""

    DANISH = "da"
    ENGLISH = "en"


_GROUP = {Language.DANISH: ".", Language.ENGLISH: ","}
_DECIMAL = {Language.DANISH: ",", Language.ENGLISH: "."}
_WEEKDAYS = {
    Language.DANISH: ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    Language.ENGLISH: (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ),
}
_WEEKDAYS_SHORT = {
    Language.DANISH: ("man", "tir", "ons", "tor", "fre", "lør", "søn"),
    Language.ENGLISH: ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS = {
    Language.DANISH: (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    Language.ENGLISH: (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_CURRENCY = {Language.DANISH: "{amount} kr.", Language.ENGLISH: "DKK {amount}"}


def language_of(code: str | Language) -> Language:
    """``"da"``/``"en"`` (or a Language) as a Language; anything else is Danish."""
    try:
        return Language(code)
    except ValueError:
        return Language.DANISH


def format_number(value: float | int | Decimal, places: int = 0, language: str = "da") -> str:
    """``1234567.5`` → ``1.234.567,5`` (da) or ``1,234,567.5`` (en); rounded half up."""
    from decimal import ROUND_HALF_UP, Decimal  # noqa: PLC0415 - see the imports

    lang = language_of(language)
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    return text.translate({ord(","): _GROUP[lang], ord("."): _DECIMAL[lang]})


def format_percent(share: float | None, places: int = 0, language: str = "da") -> str:
    """A share 0-1 as ``23 %`` (da) or ``23%`` (en); ``–`` when there is none."""
    if share is None:
        return "–"
    number = format_number(share * 100, places, language)
    return f"{number} %" if language_of(language) is Language.DANISH else f"{number}%"


def format_money(amount: Decimal | float, places: int = 0, language: str = "da") -> str:
    """``12.345 kr.`` (da) or ``DKK 12,345`` (en)."""
    lang = language_of(language)
    return _CURRENCY[lang].format(amount=format_number(amount, places, lang))


def format_date(day: date, language: str = "da") -> str:
    """``2. december 2026`` (da) or ``2 December 2026`` (en)."""
    lang = language_of(language)
    month = _MONTHS[lang][day.month - 1]
    if lang is Language.DANISH:
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_numeric_date(day: date, language: str = "da") -> str:
    """``2.12.2026`` (da) or ``2 Dec 2026`` (en): tables, period labels, the date fields."""
    lang = language_of(language)
    if lang is Language.DANISH:
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day} {_MONTHS[lang][day.month - 1][:3]} {day.year}"


def format_short_date(day: date, language: str = "da") -> str:
    """``2/12`` (da) or ``2 Dec`` (en): axis labels."""
    lang = language_of(language)
    if lang is Language.DANISH:
        return f"{day.day}/{day.month}"
    return f"{day.day} {_MONTHS[lang][day.month - 1][:3]}"


def weekday_name(weekday: int, language: str = "da", *, short: bool = False) -> str:
    """The name of ``weekday`` (0 = Monday)."""
    table = _WEEKDAYS_SHORT if short else _WEEKDAYS
    return table[language_of(language)][weekday]


def month_name(month: int, language: str = "da") -> str:
    """The name of ``month`` (1 = January)."""
    return _MONTHS[language_of(language)][month - 1]


def format_duration(seconds: float | None) -> str:
    """Handling time as minutes and seconds, ``6:05`` (the same in both languages); ``–``
    when there is none."""
    if seconds is None:
        return "–"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def percent_suffix(language: str = "da") -> str:
    """What follows a number of percent: ``" %"`` (da) or ``"%"`` (en), e.g. for a spin box."""
    return format_percent(0, 0, language).removeprefix("0")


def breakable_url(url: str) -> str:
    """``url`` with invisible break points after ``/ - . ? & =``, so a label can wrap it
    instead of cutting it off (a URL has no spaces)."""
    return re.sub(r"([/\-.?&=])", "\\1\u200b", url)
