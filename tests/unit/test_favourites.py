"""Favourites F1-F8: pin, remove, look up and check against the vocabulary (no Qt)."""

from __future__ import annotations

import pytest

from skranke.clock import utc_now
from skranke.contact import ContactChoice, make_contacts
from skranke.errors import SkrankeError
from skranke.favourites import Favourites, as_logged
from skranke.settings import DEFAULT_FAVOURITES, FAVOURITE_KEYS, Favourite
from skranke.vocabulary import Vocabulary

PHONE_TAX = ContactChoice("phone", "tax", "referred_elsewhere")


def test_never_saved_means_the_shipped_defaults_and_saved_empty_means_none() -> None:
    assert Favourites.from_settings(None).items == DEFAULT_FAVOURITES
    assert Favourites.from_settings(()).items == ()
    assert Favourites.from_settings(()).free_key() == "F1"


def test_pin_on_the_next_free_key_and_remove() -> None:
    favourites = Favourites.from_settings(None)
    key = favourites.free_key()
    assert key == "F7"
    pinned = favourites.pinned(key, PHONE_TAX)
    assert pinned.get("F7") == Favourite("F7", PHONE_TAX)
    assert favourites.get("F7") is None  # the old value is unchanged
    assert [f.key for f in pinned.items] == list(FAVOURITE_KEYS[:7])
    assert pinned.removed("F2").get("F2") is None
    assert pinned.removed("F2").free_key() == "F2"


def test_pinning_on_a_used_key_replaces_it_and_keys_stay_in_order() -> None:
    favourites = Favourites.of([Favourite("F3", PHONE_TAX), Favourite("F1", PHONE_TAX)])
    assert [f.key for f in favourites.items] == ["F1", "F3"]
    replaced = favourites.pinned("F3", ContactChoice("in_person", "passport", "exempted"))
    assert len(replaced.items) == 2
    found = replaced.get("F3")
    assert found is not None
    assert found.choice.area == "passport"
    with pytest.raises(ValueError, match="F9"):
        favourites.pinned("F9", PHONE_TAX)


def test_all_eight_used_leaves_no_free_key() -> None:
    full = Favourites.of(Favourite(key, PHONE_TAX) for key in FAVOURITE_KEYS)
    assert full.free_key() is None


def test_problems_name_the_favourites_the_vocabulary_does_not_know(
    vocabulary: Vocabulary,
) -> None:
    favourites = Favourites.of(
        [
            Favourite("F1", PHONE_TAX),
            Favourite("F2", ContactChoice("phone", "unicorns", "handled_by_staff")),
        ]
    )
    problems = favourites.problems(vocabulary)
    assert list(problems) == ["F2"]
    assert isinstance(problems["F2"], SkrankeError)


def test_what_is_pinned_is_what_was_stored(vocabulary: Vocabulary) -> None:
    choice = ContactChoice("phone", "mitid", "assisted_self_service")
    (contact,) = make_contacts(
        choice, vocabulary, desk="Skranke 1", municipality_code="165", now=utc_now()
    )
    pinned = as_logged(choice, contact)
    assert (pinned.kind, pinned.assisted, pinned.requester) == ("guidance", True, "citizen")
