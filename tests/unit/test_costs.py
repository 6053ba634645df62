"""Channel prices and cost estimates: exact kroner, the seed's 2012 table, what-ifs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skranke.costs import (
    InvalidWhatIfError,
    MissingPriceError,
    PriceTableError,
    estimate_cost,
    load_price_table,
    saving_from_moving,
    what_if_moving,
    yearly_in_person_transactions,
)
from skranke.report import Period, tally
from skranke.vocabulary import load_vocabulary
from tests.unit.test_report import contacts_strategy, local, make_contact

VOCABULARY = load_vocabulary()
PRICES = load_price_table()
DAY = date(2026, 11, 23)


def test_the_shipped_table_is_the_seeds_2012_prices() -> None:
    assert PRICES.year == 2012
    assert "Boston Consulting Group" in PRICES.source
    assert "Vallensbæk" in PRICES.source
    expected = {
        "self_service_0": (None, 91),
        "self_service_1": (None, 41),
        "self_service_2": (None, 31),
        "self_service_3": (None, 21),
        "telephone": (37, 61),
        "email": (45, 84),
        "paper_mail": (40, 93),
        "personal_attendance": (70, 97),
        "website": (5, None),
    }
    found = {
        row.id: (
            None if row.information is None else int(row.information),
            None if row.transaction is None else int(row.transaction),
        )
        for row in PRICES.rows
    }
    assert found == expected
    assert all(
        isinstance(price, Decimal)
        for row in PRICES.rows
        for price in (row.information, row.transaction)
        if price is not None
    )
    assert PRICES.price_for("in_person", "transaction") == Decimal(97)
    assert PRICES.price_for("phone", "information") == Decimal(37)
    assert PRICES.price_for("email", "transaction") == Decimal(84)
    assert PRICES.price_for("video", "information") is None
    assert PRICES.price_for("chat", "transaction") is None


def test_a_contact_costs_its_channels_price_for_its_kinds_class() -> None:
    contacts = [
        make_contact(local(DAY, 10), channel="in_person", area="passport", kind="transaction"),
        make_contact(local(DAY, 10), channel="in_person", area="mitid", kind="guidance"),
        make_contact(local(DAY, 11), channel="phone", area="mitid", kind="information"),
        make_contact(local(DAY, 11), channel="video", area="mitid", kind="information"),
        make_contact(local(DAY, 12), channel="phone", kind="transaction").void(),
    ]
    estimate = estimate_cost(tally(contacts, Period.day(DAY)), PRICES, VOCABULARY)
    assert estimate.total == Decimal(97 + 70 + 37)
    assert estimate.by_channel == {"in_person": Decimal(167), "phone": Decimal(37)}
    assert estimate.by_area == {"passport": Decimal(97), "mitid": Decimal(107)}
    assert estimate.by_komhen == {"transaction": Decimal(97), "information": Decimal(107)}
    assert (estimate.priced, estimate.unpriced) == (3, 1)
    assert estimate.unpriced_by_channel == {"video": 1}
    assert estimate_cost(contacts, PRICES, VOCABULARY) == estimate


@settings(max_examples=60, deadline=None)
@given(st.lists(contacts_strategy, max_size=30))
def test_the_estimate_adds_up(contacts: list) -> None:
    result = tally(contacts, Period.year(2026))
    estimate = estimate_cost(result, PRICES, VOCABULARY)
    assert estimate.priced + estimate.unpriced == result.total
    assert sum(estimate.by_channel.values(), Decimal(0)) == estimate.total
    assert sum(estimate.by_area.values(), Decimal(0)) == estimate.total
    assert sum(estimate.by_komhen.values(), Decimal(0)) == estimate.total
    assert isinstance(estimate.total, Decimal)


def test_moving_a_share_of_in_person_transactions_saves_the_price_difference() -> None:
    # 1,000 a year, 10 % moved: 100 × (97 − 41) = 5,600 kr.
    assert saving_from_moving(Decimal(10), "passport", 1000, PRICES) == Decimal("5600.00")
    assert saving_from_moving(
        Decimal("12.5"), "moving", 333, PRICES, self_service_level="self_service_3"
    ) == Decimal("3163.50")  # 41.625 × 76
    with pytest.raises(InvalidWhatIfError):
        saving_from_moving(Decimal(101), "passport", 1000, PRICES)
    with pytest.raises(InvalidWhatIfError):
        saving_from_moving(Decimal(10), "passport", -1, PRICES)
    with pytest.raises(MissingPriceError):
        saving_from_moving(Decimal(10), "passport", 1, PRICES, self_service_level="website")


def test_the_yearly_count_is_scaled_from_the_period() -> None:
    # 7 handled in-person passport transactions in one week: 7 × 365 / 7 = 365 a year.
    week = Period.week(DAY)
    contacts = [make_contact(local(DAY, 10)) for _ in range(7)]
    contacts += [
        make_contact(local(DAY, 10), outcome="assisted_self_service", assisted=True),
        make_contact(local(DAY, 10), channel="phone"),
        make_contact(local(DAY, 10), kind="guidance"),
    ]
    result = tally(contacts, week)
    assert yearly_in_person_transactions(result, "passport", VOCABULARY) == 365
    what_if = what_if_moving(result, "passport", Decimal(20), PRICES, VOCABULARY)
    assert what_if.yearly_transactions == 365
    assert what_if.moved_per_year == Decimal(73)
    assert what_if.saving_per_year == Decimal("4088.00")  # 73 × 56


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "priser.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_edited_copy_with_decimal_prices_loads(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'source = "Egen opgørelse"\nyear = 2025\n[channels]\nin_person = "desk"\n'
        '[[prices]]\nid = "desk"\nda = "Fremmøde"\nen = "In person"\n'
        'information = "80.25"\ntransaction = 120\n',
    )
    table = load_price_table(path)
    assert table.price_for("in_person", "information") == Decimal("80.25")
    assert table.year == 2025


def test_problems_name_the_line_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'source = "x"\nyear = "2012"\n[channels]\nphone = "nowhere"\n'
        '[[prices]]\nid = "desk"\nda = "Fremmøde"\nen = "In person"\ninformation = 80.25\n'
        'colour = "red"\n',
    )
    with pytest.raises(PriceTableError) as raised:
        load_price_table(path)
    problems = {(p.line, p.field, p.code) for p in raised.value.problems}
    assert problems == {
        (2, "year", "wrong_type"),
        (4, "phone", "unknown_reference"),
        (9, "information", "wrong_type"),  # a float: not exact
        (10, "colour", "not_allowed"),
    }
    assert raised.value.path == path


def test_a_missing_or_broken_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(PriceTableError) as raised:
        load_price_table(tmp_path / "none.toml")
    assert raised.value.problems[0].code == "not_found"
    with pytest.raises(PriceTableError) as raised:
        load_price_table(_write(tmp_path, "source = \n"))
    assert raised.value.problems[0].code == "syntax"
