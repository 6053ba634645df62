"""The shared evening hotline: its settings, the caller's municipality per call, the report
per municipality and the cost split that adds up to the øre."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skranke.contact import Contact, ContactChoice, make_contacts
from skranke.costs import load_price_table
from skranke.errors import SettingsError
from skranke.hotline import (
    CallerMunicipality,
    HotlineConfig,
    NoCallerMunicipalityError,
    NotParticipatingError,
    OpeningHours,
    hotline_config,
    hotline_report,
    split_by_weights,
)
from skranke.report import Period
from skranke.settings import Settings, read_settings_file
from skranke.vocabulary import Vocabulary

VESTEGN = ("165", "153", "161", "167", "183", "187", "169", "175")
NOVEMBER = Period.month(date(2026, 11, 1))
# Tuesday 17 November 2026, 20:15 in Copenhagen (UTC+1): within the opening hours.
EVENING = datetime(2026, 11, 17, 19, 15, tzinfo=UTC)
PRICES = load_price_table()  # phone: information 37 kr., transaction 61 kr.


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> set[tuple[int | None, str, str]]:
    with pytest.raises(SettingsError) as caught:
        read_settings_file(path)
    return {(p.line, p.field, p.code) for p in caught.value.problems}


# --- settings ----------------------------------------------------------------------------


def test_a_hotline_desk_configured_by_it_reads_as_written(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'desk = "Hotline Vestegn"\nmunicipality = "165"\nhotline = true\n'
        'hotline_name = "Vestegnens fælleskommunale hotline"\n'
        'hotline_municipalities = ["165", "153", "161"]\nhotline_cost_key = "shares"\n'
        'hotline_cost_per_evening = "2450.00"\n'
        '[hotline_shares]\n"165" = 28000\n"153" = 39000\n"161" = "23000.5"\n',
    )
    config = hotline_config(read_settings_file(path))
    assert config is not None
    assert config.municipalities == ("165", "153", "161")
    assert config.desk == "Hotline Vestegn"  # on the hotline desk: its own name
    assert config.shares == {
        "165": Decimal(28000),
        "153": Decimal(39000),
        "161": Decimal("23000.5"),
    }
    assert config.cost_per_evening == Decimal("2450.00")
    assert config.hours == OpeningHours()  # 19-22 Monday to Thursday by default
    assert config.hours.label() == "man–tor 19:00–22:00"


def test_no_participants_no_hotline() -> None:
    assert hotline_config(Settings()) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('hotline_municipalities = ["165", "999"]\n', (1, "hotline_municipalities")),
        ('hotline_municipalities = ["165", "165"]\n', (1, "hotline_municipalities")),
        ('hotline_opens = "7 pm"\n', (1, "hotline_opens")),
        ('hotline_opens = "22:00"\nhotline_closes = "19:00"\n', (2, "hotline_closes")),
        ('hotline_days = ["mon", "fredag"]\n', (1, "hotline_days")),
        ('hotline_cost_key = "population"\n', (1, "hotline_cost_key")),
        ('hotline_cost_per_evening = "-5"\n', (1, "hotline_cost_per_evening")),
        ("hotline = true\n", (None, "hotline_municipalities")),  # a hotline needs them
    ],
)
def test_bad_hotline_settings_name_their_line_and_field(
    tmp_path: Path, text: str, expected: tuple[int, str]
) -> None:
    problems = _problems(_write(tmp_path, text))
    assert {(line, name) for line, name, _ in problems} == {
        (expected[0] if expected[1] != "hotline_municipalities" or "hotline_m" in text else None,
         expected[1])
    }  # fmt: skip


def test_shares_must_be_positive_known_and_cover_every_participant(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'hotline_municipalities = ["165", "153"]\nhotline_cost_key = "shares"\n'
        '[hotline_shares]\n"165" = 0\n"998" = 10\n',
    )
    assert _problems(path) == {(4, "165", "invalid"), (5, "998", "unknown_reference")}
    path.write_text(
        'hotline_municipalities = ["165", "153"]\nhotline_cost_key = "shares"\n'
        '[hotline_shares]\n"165" = 10\n"161" = 10\n',
        encoding="utf-8",
    )
    assert _problems(path) == {
        (3, "153", "missing"),  # 153 takes part but has no share (the table's line)
        (5, "161", "not_allowed"),  # 161 has a share but does not take part
    }


def test_a_share_may_not_be_a_float(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'hotline_municipalities = ["165"]\nhotline_cost_key = "shares"\n'
        '[hotline_shares]\n"165" = 27.5\n',
    )
    assert _problems(path) == {(4, "165", "invalid")}


# --- the caller's municipality belongs to the call ---------------------------------------


def test_the_callers_municipality_is_chosen_per_call_and_never_carried_over() -> None:
    caller = CallerMunicipality(HotlineConfig(VESTEGN))
    with pytest.raises(NoCallerMunicipalityError):
        caller.require()
    assert caller.choose_key(2) == "153"
    assert caller.require() == "153"
    caller.clear()  # the call was logged
    with pytest.raises(NoCallerMunicipalityError):
        caller.require()
    assert caller.choose_key(9) is None  # eight take part
    with pytest.raises(NotParticipatingError):
        caller.choose("101")


# --- the report --------------------------------------------------------------------------


def _calls(
    vocabulary: Vocabulary,
    code: str,
    count: int,
    *,
    area: str = "mitid",
    outcome: str = "assisted_self_service",
    kind: str | None = None,
    at: datetime = EVENING,
    seconds: int | None = None,
    desk: str = "Hotline",
) -> list[Contact]:
    choice = ContactChoice("phone", area, outcome, kind=kind)
    return [
        make_contacts(
            choice, vocabulary, desk=desk, municipality_code=code, now=at + timedelta(minutes=n),
            duration_seconds=seconds,
        )[0]
        for n in range(count)
    ]  # fmt: skip


def test_report_per_municipality(vocabulary: Vocabulary) -> None:
    late = datetime(2026, 11, 17, 21, 30, tzinfo=UTC)  # 22:30 local: ran over
    contacts = [
        *_calls(vocabulary, "165", 3, seconds=300),
        *_calls(vocabulary, "165", 1, area="digital_post", outcome="handled_by_staff", at=late),
        *_calls(vocabulary, "153", 2, outcome="referred_elsewhere", seconds=120),
        *_calls(vocabulary, "101", 1),  # not a participant: reported apart, not billed
        *_calls(vocabulary, "161", 5, desk="Skranke 1"),  # another desk: not the hotline's
    ]
    voided = replace(_calls(vocabulary, "153", 1)[0], voided_at=EVENING)
    config = HotlineConfig(VESTEGN[:3], desk="Hotline")
    report = hotline_report([*contacts, voided], NOVEMBER, config, PRICES, vocabulary)
    albertslund, brondby, glostrup = report.rows
    assert (albertslund.code, albertslund.name) == ("165", "Albertslund")
    assert albertslund.calls == 4
    assert albertslund.by_area == {"mitid": 3, "digital_post": 1}
    assert albertslund.by_outcome == {"assisted_self_service": 3, "handled_by_staff": 1}
    assert albertslund.assisted_share == 0.75
    assert albertslund.average_seconds == 300
    assert albertslund.outside_hours == 1
    assert brondby.calls == 2
    assert brondby.by_outcome == {"referred_elsewhere": 2}
    assert glostrup.calls == 0
    assert report.others.calls == 1
    assert report.calls == 7


def test_per_call_each_pays_for_its_calls_at_the_phone_price(vocabulary: Vocabulary) -> None:
    contacts = [
        *_calls(vocabulary, "165", 3, kind="information"),  # 3 × 37 kr.
        *_calls(vocabulary, "153", 2, kind="transaction"),  # 2 × 61 kr.
    ]
    report = hotline_report(contacts, NOVEMBER, HotlineConfig(VESTEGN), PRICES, vocabulary)
    assert report.split.amounts["165"] == Decimal("111.00")
    assert report.split.amounts["153"] == Decimal("122.00")
    assert report.split.amounts["161"] == Decimal("0.00")
    assert report.split.total == Decimal("233.00")
    assert not report.split.running_cost


def test_running_cost_is_split_by_calls_to_the_ore(vocabulary: Vocabulary) -> None:
    contacts = [*_calls(vocabulary, "165", 1), *_calls(vocabulary, "153", 2)]
    config = HotlineConfig(("165", "153", "161"), cost_per_evening=Decimal("100.00"))
    report = hotline_report(contacts, Period.day(date(2026, 11, 17)), config, PRICES, vocabulary)
    assert report.split.evenings == 1
    assert report.split.amounts == {
        "165": Decimal("33.33"),
        "153": Decimal("66.67"),
        "161": Decimal("0.00"),
    }
    assert sum(report.split.amounts.values()) == report.split.total == Decimal("100.00")


def test_november_has_seventeen_opening_evenings_and_shares_split_them(
    vocabulary: Vocabulary,
) -> None:
    shares = {"165": Decimal(28000), "153": Decimal(39000), "161": Decimal(23000)}
    config = HotlineConfig(
        ("165", "153", "161"), cost_key="shares", shares=shares,
        cost_per_evening=Decimal("2450.00"),
    )  # fmt: skip
    report = hotline_report([], NOVEMBER, config, PRICES, vocabulary)
    # Mondays to Thursdays in November 2026: 2-5, 9-12, 16-19, 23-26, 30.
    assert report.split.evenings == 17
    assert report.split.total == Decimal("41650.00")
    assert report.split.amounts == {
        "165": Decimal("12957.78"),  # 41650 × 28/90 = 12957.777…
        "153": Decimal("18048.33"),  # 41650 × 39/90 = 18048.333…
        "161": Decimal("10643.89"),  # 41650 × 23/90 = 10643.888…
    }


def test_opening_hours_in_copenhagen_time_across_summer_time() -> None:
    hours = OpeningHours()
    assert hours.is_open(datetime(2026, 6, 18, 17, 0, tzinfo=UTC))  # Thu 19:00 CEST
    assert not hours.is_open(datetime(2026, 6, 18, 20, 0, tzinfo=UTC))  # Thu 22:00: closed
    assert hours.is_open(datetime(2026, 12, 3, 18, 0, tzinfo=UTC))  # Thu 19:00 CET
    assert not hours.is_open(datetime(2026, 12, 4, 18, 0, tzinfo=UTC))  # Friday


@given(
    total=st.decimals(min_value=0, max_value=10_000_000, places=2),
    weights=st.lists(
        st.one_of(st.integers(0, 10**6), st.decimals(min_value=0, max_value=10**6, places=3)),
        min_size=1,
        max_size=9,
    ),
)
def test_a_split_adds_up_to_the_total_exactly(total: Decimal, weights: list[Decimal]) -> None:
    named = [(str(n), Decimal(w)) for n, w in enumerate(weights)]
    amounts = split_by_weights(total, named)
    assert sum(amounts.values()) == total
    assert all(
        amount >= 0 and amount == amount.quantize(Decimal("0.01")) for amount in amounts.values()
    )
    whole = sum(Decimal(w) for w in weights)
    for name, weight in named:  # nobody is more than one øre from their exact share
        exact = total * weight / whole if whole else total / len(weights)
        assert abs(amounts[name] - exact) < Decimal("0.01")
    assert split_by_weights(total, named) == amounts  # deterministic


def test_the_documented_example_is_a_valid_hotline(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text()
    example = docs.split("## The shared evening hotline", 1)[1].split("```toml\n", 1)[1]
    config = hotline_config(read_settings_file(_write(tmp_path, example.split("```", 1)[0])))
    assert config is not None
    assert config.municipalities == VESTEGN
    assert set(config.shares) == set(VESTEGN)
