"""The CPR guard holds on every path that stores a note: the counter's log, a contact made
or changed directly, the repository's batch write, and rows stored before the guard knew a
spelling (they are read back with the number removed)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from database.counter import CounterDesk
from database.repository import ContactRepository
from skranke.contact import Contact, ContactChoice, make_contacts
from skranke.cpr import REDACTED
from skranke.errors import CprLikeNoteError
from skranke.vocabulary import Vocabulary

CHOICE = ContactChoice("in_person", "passport", "handled_by_staff")
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
SPELLINGS = ["010190-1234", "01 01 90 1234", "01.01.90-1234", "01/01/90 1234", "0101901234"]


def _stored(repository: ContactRepository) -> list[Contact]:
    return repository.between(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def _contact(vocabulary: Vocabulary) -> Contact:
    (contact,) = make_contacts(
        CHOICE, vocabulary, desk="Skranke 1", municipality_code="165", now=NOW
    )
    return contact


@pytest.mark.parametrize("note", SPELLINGS)
def test_the_counter_refuses_a_cpr_in_any_spelling(
    desk: CounterDesk, repository: ContactRepository, note: str
) -> None:
    with pytest.raises(CprLikeNoteError):
        desk.log(CHOICE, note=f"borger {note} ringede")
    assert _stored(repository) == []


@pytest.mark.parametrize("note", SPELLINGS)
def test_no_contact_can_hold_a_cpr_however_it_is_made(vocabulary: Vocabulary, note: str) -> None:
    contact = _contact(vocabulary)
    with pytest.raises(CprLikeNoteError):
        replace(contact, note=note)
    with pytest.raises(CprLikeNoteError):
        replace(contact, desk=note)


def test_the_repository_refuses_a_forced_cpr_note_and_stores_nothing_of_the_batch(
    repository: ContactRepository, vocabulary: Vocabulary
) -> None:
    clean, forced = _contact(vocabulary), _contact(vocabulary)
    object.__setattr__(forced, "note", "010190-1234")  # past the value's own check
    with pytest.raises(CprLikeNoteError):
        repository.add_many([clean, forced])
    assert _stored(repository) == []


def test_ordinary_notes_are_stored(desk: CounterDesk, repository: ContactRepository) -> None:
    notes = ["ring +45 70 20 00 00", "tlf 12345678", "møde 01-01-2026 kl. 10.30", "frist 1/1"]
    for note in notes:
        desk.log(CHOICE, note=note)
    assert sorted(c.note or "" for c in _stored(repository)) == sorted(notes)


def test_a_cpr_stored_before_the_guard_is_never_read_back(
    repository: ContactRepository, vocabulary: Vocabulary, db_path: Path
) -> None:
    contact = replace(_contact(vocabulary), note="ring til borgeren")
    repository.add(contact)
    with sqlite3.connect(db_path) as raw:  # what an older Skranke let through
        raw.execute("UPDATE contact SET note = 'borger 01 01 90 1234 ringede'")
    raw.close()
    (read,) = _stored(repository)
    assert read.note == f"borger {REDACTED} ringede"
