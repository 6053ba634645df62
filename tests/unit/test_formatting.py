"""Numbers and dates as Danish and English readers write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from skranke.formatting import (
    Language,
    breakable_url,
    format_date,
    format_duration,
    format_money,
    format_number,
    format_numeric_date,
    format_percent,
    format_short_date,
    language_of,
    month_name,
    percent_suffix,
    weekday_name,
)


def test_numbers_group_thousands_and_use_the_reader_s_decimal_mark() -> None:
    assert format_number(1234567.25, 1, "da") == "1.234.567,3"
    assert format_number(1234567.25, 1, "en") == "1,234,567.3"
    assert format_number(999, 0, "da") == "999"
    assert format_number(-1500, 0, "da") == "-1.500"
    assert format_number(Decimal("2.5"), 0, "en") == "3"  # half up, not to even


def test_percent_money_and_missing_values() -> None:
    assert format_percent(0.234, 1, "da") == "23,4 %"
    assert format_percent(0.234, 1, "en") == "23.4%"
    assert format_percent(None) == "–"
    assert format_money(Decimal("12345.5"), 0, "da") == "12.346 kr."
    assert format_money(Decimal("12345.5"), 0, "en") == "DKK 12,346"


def test_dates_weekdays_and_months() -> None:
    day = date(2026, 12, 2)
    assert format_date(day, "da") == "2. december 2026"
    assert format_date(day, "en") == "2 December 2026"
    assert format_numeric_date(day, "da") == "2.12.2026"
    assert format_numeric_date(day, "en") == "2 Dec 2026"
    assert format_short_date(day, "da") == "2/12"
    assert format_short_date(day, "en") == "2 Dec"
    assert weekday_name(day.weekday(), "da") == "onsdag"
    assert weekday_name(day.weekday(), "en", short=True) == "Wed"
    assert month_name(5, "en") == "May"


def test_an_unknown_language_code_falls_back_to_danish() -> None:
    assert language_of("en") is Language.ENGLISH
    assert language_of("xx") is Language.DANISH


def test_durations_and_the_percent_sign() -> None:
    assert format_duration(404) == "6:44"
    assert format_duration(59.6) == "1:00"
    assert format_duration(None) == "–"
    assert percent_suffix("da") == " %"
    assert percent_suffix("en") == "%"


def test_a_url_gets_invisible_break_points_and_reads_the_same() -> None:
    url = "borger.dk/bolig-og-flytning/guide?x=1"
    broken = breakable_url(url)
    assert broken.replace("\u200b", "") == url
    assert broken.count("\u200b") == 7
