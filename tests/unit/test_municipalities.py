from __future__ import annotations

import pytest

from skranke.errors import UnknownMunicipalityError
from skranke.municipalities import find_municipality, municipalities, municipality


def test_all_98_municipalities_with_unique_three_digit_codes() -> None:
    places = municipalities()
    assert len(places) == 98
    assert len({place.code for place in places}) == 98
    assert len({place.name for place in places}) == 98
    assert all(len(place.code) == 3 and place.code.isdigit() for place in places)


def test_five_regions() -> None:
    regions = {place.region for place in municipalities()}
    assert regions == {
        "Region Hovedstaden",
        "Region Sjælland",
        "Region Syddanmark",
        "Region Midtjylland",
        "Region Nordjylland",
    }


@pytest.mark.parametrize(
    ("code", "name"),
    [("165", "Albertslund"), (101, "København"), (" 187 ", "Vallensbæk"), ("851", "Aalborg")],
)
def test_lookup_by_code(code: str | int, name: str) -> None:
    assert municipality(code).name == name


@pytest.mark.parametrize("code", ["999", "411", "abc", "", "1650"])
def test_unknown_codes_are_refused(code: str) -> None:
    # 411 is Christiansø: administered by the state, not a municipality.
    with pytest.raises(UnknownMunicipalityError):
        municipality(code)


def test_official_names_for_sheets() -> None:
    assert municipality("165").official_name == "Albertslund Kommune"
    assert municipality("101").official_name == "Københavns Kommune"
    assert municipality("400").official_name == "Bornholms Regionskommune"
    assert municipality("480").official_name == "Nordfyns Kommune"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("165", "165"),
        ("165 Albertslund", "165"),
        ("Albertslund", "165"),
        ("  albertslund  KOMMUNE ", "165"),
        ("Københavns Kommune", "101"),
        ("Vallensb", "187"),
    ],
)
def test_find_a_municipality_as_staff_type_it(typed: str, code: str) -> None:
    assert find_municipality(typed).code == code


@pytest.mark.parametrize("typed", ["", "Fa", "Atlantis", "999"])
def test_an_ambiguous_or_unknown_name_is_refused(typed: str) -> None:
    with pytest.raises(UnknownMunicipalityError):
        find_municipality(typed)
