from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skranke.contact import (
    NOTE_MAX_LENGTH,
    ContactChoice,
    Handout,
    clean_note,
    describe,
    make_contacts,
)
from skranke.errors import (
    CprLikeNoteError,
    InvalidContactError,
    NoteTooLongError,
    UnknownMunicipalityError,
)
from skranke.vocabulary import Vocabulary

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def _make(vocabulary: Vocabulary, choice: ContactChoice, **kwargs: object):  # type: ignore[no-untyped-def]
    options: dict[str, object] = {"desk": "Skranke 1", "municipality_code": "165", "now": NOW}
    options.update(kwargs)
    return make_contacts(choice, vocabulary, **options)  # type: ignore[arg-type]


def test_the_usual_values_fill_in(vocabulary: Vocabulary) -> None:
    (contact,) = _make(vocabulary, ContactChoice("phone", "mitid", "assisted_self_service"))
    assert contact.kind == "guidance"  # MitID's usual kind
    assert contact.assisted  # from the outcome
    assert not contact.exemption
    assert contact.requester == "citizen"
    assert contact.readiness is None
    assert contact.logged_at == NOW
    assert contact.municipality == "165"
    assert contact.voided_at is None


def test_staff_can_override_the_presets(vocabulary: Vocabulary) -> None:
    choice = ContactChoice(
        "in_person",
        "passport",
        "handled_by_staff",
        kind="information",
        assisted=True,
        readiness="cannot",
        requester="business",
        on_behalf=True,
    )
    (contact,) = _make(vocabulary, choice, duration_seconds=95, note="kom uden billede")
    assert (contact.kind, contact.assisted, contact.readiness) == ("information", True, "cannot")
    assert (contact.requester, contact.on_behalf) == ("business", True)
    assert contact.duration_seconds == 95
    assert contact.note == "kom uden billede"


def test_exempted_outcome_presets_exemption(vocabulary: Vocabulary) -> None:
    (contact,) = _make(vocabulary, ContactChoice("in_person", "digital_post", "exempted"))
    assert contact.exemption


def test_a_batch_is_many_distinct_contacts_without_duration(vocabulary: Vocabulary) -> None:
    contacts = _make(
        vocabulary,
        ContactChoice("phone", "mitid", "handled_by_staff"),
        count=5,
        duration_seconds=60,
    )
    assert len({contact.id for contact in contacts}) == 5
    assert all(contact.duration_seconds is None for contact in contacts)


@pytest.mark.parametrize(
    ("choice", "field"),
    [
        (ContactChoice("fax", "mitid", "handled_by_staff"), "channel"),
        (ContactChoice("phone", "moon", "handled_by_staff"), "area"),
        (ContactChoice("phone", "mitid", "shrugged"), "outcome"),
        (ContactChoice("phone", "mitid", "handled_by_staff", kind="gossip"), "kind"),
        (ContactChoice("phone", "mitid", "handled_by_staff", readiness="maybe"), "readiness"),
        (ContactChoice("phone", "mitid", "handled_by_staff", requester="cat"), "requester"),
    ],
)
def test_unknown_ids_are_refused(vocabulary: Vocabulary, choice: ContactChoice, field: str) -> None:
    with pytest.raises(InvalidContactError) as caught:
        _make(vocabulary, choice)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"count": 0}, InvalidContactError),
        ({"count": 100}, InvalidContactError),
        ({"duration_seconds": -1}, InvalidContactError),
        ({"desk": "  "}, InvalidContactError),
        ({"desk": "x" * 41}, InvalidContactError),
        ({"municipality_code": "999"}, UnknownMunicipalityError),
        ({"now": datetime(2026, 11, 22, 9, 30)}, InvalidContactError),  # naive
        ({"note": "borger 010190-1234"}, CprLikeNoteError),
        ({"note": "x" * (NOTE_MAX_LENGTH + 1)}, NoteTooLongError),
    ],
)
def test_bad_input_is_refused(
    vocabulary: Vocabulary, options: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        _make(vocabulary, ContactChoice("phone", "mitid", "handled_by_staff"), **options)


def test_notes_are_tidied_and_empty_notes_dropped() -> None:
    assert clean_note("  glemt   pas \n") == "glemt pas"
    assert clean_note("   ") is None
    assert clean_note(None) is None


def test_describe_reads_like_the_tally_sheet(vocabulary: Vocabulary) -> None:
    choice = ContactChoice("in_person", "passport", "handled_by_staff")
    assert describe(choice, vocabulary) == "Pas · Fremmøde · Ekspederet af medarbejder"
    assert describe(choice, vocabulary, "en") == "Passport · In person · Handled by staff"


def test_voiding_keeps_the_first_timestamp(vocabulary: Vocabulary) -> None:
    (contact,) = _make(vocabulary, ContactChoice("phone", "mitid", "handled_by_staff"))
    first = contact.void(NOW)
    assert first.voided
    assert first.void(datetime(2027, 1, 1, tzinfo=UTC)).voided_at == NOW


@pytest.mark.parametrize(
    "handout", [Handout("mitid_app", "fax"), Handout("Not An Id!", "qr"), Handout("", "sheet")]
)
def test_unknown_handouts_are_refused(vocabulary: Vocabulary, handout: Handout) -> None:
    with pytest.raises(InvalidContactError):
        _make(vocabulary, ContactChoice("phone", "mitid", "handled_by_staff"), handouts=[handout])
