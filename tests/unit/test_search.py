"""Search as staff type, in Danish."""

from __future__ import annotations

import pytest

from skranke.catalog import load_catalog
from skranke.search import SolutionIndex, fold
from skranke.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def index() -> SolutionIndex:
    vocabulary = load_vocabulary()
    return SolutionIndex(load_catalog(vocabulary).catalog, vocabulary)


def _ids(index: SolutionIndex, query: str, **kwargs: object) -> list[str]:
    return [s.id for s in index.search(query, **kwargs)]  # type: ignore[arg-type]


def test_folding() -> None:
    assert fold("Børne- og UNGEydelse") == "boerne- og ungeydelse"
    assert fold("Årsopgørelse") == "aarsopgoerelse"
    assert fold("Café") == "cafe"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("flyt", "moving"),
        ("Flytning", "moving"),
        ("ny adresse", "moving"),  # a keyword phrase
        ("gult kort", "health_card_new"),  # an everyday synonym
        ("boligstøtte", "housing_benefit"),
        ("boligstoette", "housing_benefit"),  # ø spelled oe
        ("boligstotte", "housing_benefit"),  # ø typed as o
        ("laegevalg", "gp_choice"),
        ("fritag", "digital_post_exemption"),
        ("forskud", "tax_preliminary_assessment"),
        ("EU sygesikring", "eu_health_card"),
    ],
)
def test_the_right_solution_comes_first(index: SolutionIndex, query: str, first: str) -> None:
    assert _ids(index, query)[0] == first


def test_a_title_match_beats_a_keyword_match(index: SolutionIndex) -> None:
    results = _ids(index, "pension")
    assert results[0] == "state_pension"  # "Folkepension" in the title


def test_every_word_must_match(index: SolutionIndex) -> None:
    assert _ids(index, "mitid kørekort") == []
    assert _ids(index, "   ") == []
    assert _ids(index, "zzzz") == []


def test_frequent_before_rare_among_equals(index: SolutionIndex) -> None:
    # The four "Digital Post …" titles score the same; the one handed out most comes first.
    plain = _ids(index, "digital post")
    assert plain[:4] == ["digital_post_app", "e_boks", "mit_dk", "digital_post_borger_dk"]
    assert _ids(index, "digital post", usage={"mit_dk": 50})[0] == "mit_dk"
    # Usage never lifts a weaker match above a better one.
    assert _ids(index, "digital post", usage={"digital_hotline": 999})[-1] == "digital_hotline"


def test_prefixes_match_as_you_type(index: SolutionIndex) -> None:
    for prefix in ("b", "bo", "bol", "boli", "bolig"):
        assert "housing_benefit" in _ids(index, prefix, limit=50)
