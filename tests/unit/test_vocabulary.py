"""The vocabularies come from TOML; a broken file names its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from skranke.errors import InvalidContactError, VocabularyError
from skranke.resources import VOCABULARY_FILE
from skranke.vocabulary import OutcomeId, Vocabulary, load_vocabulary

DOMAIN_AREAS = [
    "Pas", "Kørekort", "Sundhedskort", "Flytning", "MitID", "Digital Post",
    "Folkeregister/CPR", "Boligstøtte", "Folkepension", "Børne- og ungeydelse", "Skat",
    "Lægevalg", "EU-sygesikringskort", "Navne- og adressebeskyttelse", "Fuldmagt",
    "Vielse/navn", "Udlændinge/registreringsbevis", "Affald/teknik", "Andet",
]  # fmt: skip


def test_shipped_vocabulary_has_the_domain_lists(vocabulary: Vocabulary) -> None:
    assert [area.da for area in vocabulary.areas] == DOMAIN_AREAS
    assert [c.da for c in vocabulary.channels if c.primary] == ["Fremmøde", "Telefon"]
    assert {c.id for c in vocabulary.channels} >= {"in_person", "phone", "video", "chat", "email"}
    assert [k.da for k in vocabulary.kinds] == ["Information", "Vejledning", "Sagsbehandling"]
    assert [r.da for r in vocabulary.readiness] == ["Kan selv", "Kan lære det", "Kan ikke"]
    assert [r.da for r in vocabulary.requesters] == ["Borger", "Virksomhed", "Forening"]
    assert vocabulary.default_outcome.da == "Ekspederet af medarbejder"


def test_every_entry_has_danish_and_english_labels(vocabulary: Vocabulary) -> None:
    for terms in (vocabulary.channels, vocabulary.kinds, vocabulary.outcomes, vocabulary.areas):
        for term in terms:
            assert term.label("da")
            assert term.label("en")


def test_outcomes_preset_the_flags(vocabulary: Vocabulary) -> None:
    assert vocabulary.outcome("assisted_self_service").assisted
    assert not vocabulary.outcome("handled_by_staff").assisted
    assert vocabulary.outcome("exempted").exemption


def test_unknown_id_is_a_typed_error(vocabulary: Vocabulary) -> None:
    with pytest.raises(InvalidContactError) as caught:
        vocabulary.area("nope")
    assert caught.value.field == "area"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = VOCABULARY_FILE.read_text(encoding="utf-8")
    assert old in text
    return _write(tmp_path, "vocabulary.toml", text.replace(old, new, 1))


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, 'da = "Flytning"', 'da = "Flytning')
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    (problem,) = caught.value.problems
    assert problem.path == path
    assert problem.code == "syntax"
    assert problem.line == _line_of(path, 'da = "Flytning')


def test_missing_danish_label_names_line_and_field(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, 'id = "moving"\nda = "Flytning"\n', 'id = "moving"\n')
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    (problem,) = caught.value.problems
    assert (problem.field, problem.code) == ("da", "missing")
    assert problem.line == _line_of(path, 'id = "moving"') - 1  # the [[areas]] header


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, 'id = "tax"', 'id = "passport"')  # duplicate id
    text = path.read_text(encoding="utf-8")
    text = text.replace('kind = "guidance"', 'kind = "sightseeing"', 1)  # unknown kind
    text = text.replace("primary = true", 'primary = "yes"', 1)  # wrong type
    text = text.replace('en = "Chat"', 'en = "Chat"\ncolour = "red"', 1)  # unknown field
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    codes = {(p.field, p.code) for p in caught.value.problems}
    assert codes == {
        ("id", "duplicate"),
        ("kind", "unknown_reference"),
        ("primary", "wrong_type"),
        ("colour", "not_allowed"),
    }
    lines = {p.field: p.line for p in caught.value.problems}
    second_passport = [
        n for n, line in enumerate(text.splitlines(), start=1) if line == 'id = "passport"'
    ][1]
    assert lines["id"] == second_passport
    assert lines["colour"] == _line_of(path, "colour")
    assert lines["primary"] == _line_of(path, 'primary = "yes"')
    assert lines["kind"] == _line_of(path, "sightseeing")


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(tmp_path / "nope.toml")
    assert caught.value.problems[0].code == "not_found"


def test_a_municipality_adds_relabels_and_hides_areas(tmp_path: Path) -> None:
    extension = _write(
        tmp_path,
        "albertslund.toml",
        """
[[areas]]
id = "parking"
da = "Parkeringstilladelse"
en = "Parking permit"
kind = "transaction"

[[areas]]
id = "waste_technical"
da = "Affald og genbrug"

[[areas]]
id = "marriage_name"
hidden = true
""",
    )
    vocabulary = load_vocabulary(extension=extension)
    assert vocabulary.area("parking").da == "Parkeringstilladelse"
    assert vocabulary.area("waste_technical").da == "Affald og genbrug"
    assert vocabulary.area("waste_technical").en == "Waste/technical services"
    visible = [area.id for area in vocabulary.visible_areas]
    assert "marriage_name" not in visible
    assert visible[-1] == "parking"
    assert vocabulary.area("marriage_name").da == "Vielse/navn"  # old contacts keep labels


def test_an_extension_may_only_touch_areas(tmp_path: Path) -> None:
    extension = _write(
        tmp_path,
        "ext.toml",
        '[[outcomes]]\nid = "x"\nda = "X"\n\n[[areas]]\nid = "new"\nkind = "information"\n',
    )
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(extension=extension)
    assert caught.value.path == extension
    assert {(p.field, p.code, p.line) for p in caught.value.problems} == {
        ("outcomes", "not_allowed", 1),
        ("da", "missing", 5),
    }


def test_the_outcomes_are_exactly_the_ones_the_code_knows(vocabulary: Vocabulary) -> None:
    assert [outcome.id for outcome in vocabulary.outcomes] == list(OutcomeId)


def test_a_renamed_outcome_id_is_refused_naming_line_and_field(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, 'id = "exempted"', 'id = "exempt"')
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    problems = {(p.field, p.code) for p in caught.value.problems}
    assert problems == {("id", "invalid"), ("exempted", "missing")}
    invalid = next(p for p in caught.value.problems if p.code == "invalid")
    assert invalid.line == path.read_text().splitlines().index('id = "exempt"') + 1
