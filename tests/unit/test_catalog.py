"""The catalogue: every shipped entry is valid; overlays add, replace and hide; every broken
file names its file, line and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from skranke.catalog import CATALOG_DIR, MIN_STEPS, check_folder, load_catalog
from skranke.errors import Problem
from skranke.vocabulary import Vocabulary


def test_the_shipped_catalogue_is_clean(vocabulary: Vocabulary) -> None:
    assert check_folder(CATALOG_DIR, vocabulary, strict=True) == []
    result = load_catalog(vocabulary)
    assert result.problems == []
    assert len(result.catalog.solutions) >= 30


def test_every_area_has_a_solution(vocabulary: Vocabulary) -> None:
    catalog = load_catalog(vocabulary).catalog
    uncovered = [area.id for area in vocabulary.areas if not catalog.for_area(area.id)]
    assert uncovered == []


def test_every_entry_has_what_a_sheet_needs(vocabulary: Vocabulary) -> None:
    for solution in load_catalog(vocabulary).catalog.solutions:
        assert solution.url.startswith("https://"), solution.id
        assert solution.title_da, solution.id
        assert solution.title_en, solution.id
        assert len(solution.steps_da) == len(solution.steps_en) >= MIN_STEPS, solution.id
        assert solution.checked <= date.today(), solution.id
        assert solution.keywords, solution.id


def test_the_entries_the_issue_names_are_there(vocabulary: Vocabulary) -> None:
    catalog = load_catalog(vocabulary).catalog
    exemption = catalog.get("digital_post_exemption")
    assert exemption is not None
    assert exemption.kind == "information"  # there is no online form
    moving = catalog.get("moving")
    assert moving is not None
    assert "borger.dk/bolig-og-flytning" in moving.url
    for pack in catalog.packs:
        assert all(catalog.get(i) for i in pack.solutions), pack.id


def test_short_url_reads_well(vocabulary: Vocabulary) -> None:
    moving = load_catalog(vocabulary).catalog.get("moving")
    assert moving is not None
    assert moving.short_url.startswith("borger.dk/bolig-og-flytning/")


ENTRY = """
[[solutions]]
id = "{id}"
title_da = "Parkeringstilladelse"
title_en = "Parking permit"
provider = "kommunen"
url = "{url}"
areas = ["{area}"]
keywords = ["p-tilladelse", "parkering"]
steps_da = ["Log ind med MitID.", "Udfyld ansøgningen.", "Betal og indsend."]
checked = {checked}
"""


def _overlay(tmp_path: Path, text: str, name: str = "albertslund.toml") -> Path:
    folder = tmp_path / "overlay"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _entry(**changes: str) -> str:
    values = {
        "id": "parking",
        "url": "https://www.albertslund.dk/parkering",
        "area": "other",
        "checked": "2026-11-01",
    }
    values.update(changes)
    return ENTRY.format(**values)


def test_an_overlay_adds_replaces_hides_and_gives_contact_lines(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    text = _entry() + _entry(id="moving", url="https://www.albertslund.dk/flytning")
    text = 'hide = ["e_boks"]\n\n[municipality]\nname = "Albertslund Kommune"\n'
    text += 'phone = "43 68 68 68"\nopening_hours = "Man-tor 10-15"\n' + _entry()
    text += _entry(id="moving", url="https://www.albertslund.dk/flytning")
    catalog = load_catalog(vocabulary, _overlay(tmp_path, text)).catalog
    parking = catalog.get("parking")
    assert parking is not None
    assert parking.title_en == "Parking permit"
    assert parking.steps_en == parking.steps_da  # English falls back to Danish in overlays
    moving = catalog.get("moving")
    assert moving is not None
    assert moving.url == "https://www.albertslund.dk/flytning"
    assert catalog.get("e_boks") is None
    assert all("e_boks" not in pack.solutions for pack in catalog.packs)
    assert catalog.contact.phone == "43 68 68 68"
    assert catalog.contact.name == "Albertslund Kommune"


def _problems(tmp_path: Path, vocabulary: Vocabulary, text: str) -> list[Problem]:
    return check_folder(_overlay(tmp_path, text), vocabulary, strict=False)


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("text", "field", "code", "needle"),
    [
        (_entry(url="http://albertslund.dk/p"), "url", "not_https", "url ="),
        (_entry(area="parking_lots"), "areas", "unknown_reference", "areas ="),
        (_entry(checked='"22/11/2026"'), "checked", "invalid_date", "checked ="),
        (_entry().replace('title_da = "Parkeringstilladelse"\n', ""), "title_da", "missing",
         "[[solutions]]"),
        (_entry().replace('steps_da = ["Log ind med MitID.", "Udfyld ansøgningen.", '
                          '"Betal og indsend."]\n', ""), "steps_da", "missing", "[[solutions]]"),
        (_entry() + _entry(), "id", "duplicate", None),
        (_entry().replace("title_en", "title_en ="), "", "syntax", "title_en ="),
    ],
)  # fmt: skip
def test_each_broken_overlay_names_file_line_and_field(  # noqa: PLR0917 - parametrized
    tmp_path: Path,
    vocabulary: Vocabulary,
    text: str,
    field: str,
    code: str,
    needle: str | None,
) -> None:
    (problem,) = _problems(tmp_path, vocabulary, text)
    assert (problem.field, problem.code) == (field, code)
    assert problem.path.name == "albertslund.toml"
    if needle is None:  # the duplicate: the second entry's id line
        ids = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("id =")]
        assert problem.line == ids[1]
    else:
        assert problem.line == _line(text, needle)


def test_all_problems_are_reported_at_once(tmp_path: Path, vocabulary: Vocabulary) -> None:
    text = _entry(url="ftp://x", area="moon", checked='"soon"') + _entry()
    problems = _problems(tmp_path, vocabulary, text)
    assert {p.code for p in problems} == {"not_https", "unknown_reference", "invalid_date"}


def test_a_broken_overlay_file_is_skipped_and_the_rest_still_loads(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    folder = _overlay(tmp_path, _entry(url="http://insecure"), "broken.toml")
    _overlay(tmp_path, _entry(id="good_one"), "good.toml")
    result = load_catalog(vocabulary, folder)
    assert [p.path.name for p in result.problems] == ["broken.toml"]
    assert result.catalog.get("good_one") is not None
    assert result.catalog.get("parking") is None  # the broken file changed nothing
    assert result.catalog.get("mitid_app") is not None  # the shipped catalogue is intact


def test_a_missing_overlay_folder_is_reported(tmp_path: Path, vocabulary: Vocabulary) -> None:
    result = load_catalog(vocabulary, tmp_path / "nowhere")
    assert [p.code for p in result.problems] == ["not_found"]
    assert result.catalog.get("mitid_app") is not None


def test_the_issuer_of_sheets_and_reports(tmp_path: Path, vocabulary: Vocabulary) -> None:
    shipped = load_catalog(vocabulary).catalog
    assert shipped.issuer_name("165") == "Albertslund Kommune"
    assert shipped.issuer_name("") == "Borgerservice"
    overlay = _overlay(tmp_path, '[municipality]\nname = "Borgerservice Albertslund"\n')
    assert load_catalog(vocabulary, overlay).catalog.issuer_name("165") == (
        "Borgerservice Albertslund"
    )
