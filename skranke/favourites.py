"""Favourites: whole contact combinations pinned to F1-F8 (no Qt).

A ``Favourites`` value is immutable: pinning or removing returns a new one, which the window
saves in the user's settings and only then shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from skranke.contact import Contact, ContactChoice, resolve_choice
from skranke.errors import SkrankeError
from skranke.settings import DEFAULT_FAVOURITES, FAVOURITE_KEYS, Favourite
from skranke.vocabulary import Vocabulary


@dataclass(frozen=True)
class Favourites:
    items: tuple[Favourite, ...]

    @classmethod
    def from_settings(cls, favourites: tuple[Favourite, ...] | None) -> Favourites:
        """The user's favourites; ``None`` (never saved) means the shipped defaults."""
        return cls.of(DEFAULT_FAVOURITES if favourites is None else favourites)

    @classmethod
    def of(cls, favourites: Iterable[Favourite]) -> Favourites:
        by_key = {favourite.key: favourite for favourite in favourites}
        return cls(tuple(by_key[key] for key in FAVOURITE_KEYS if key in by_key))

    def get(self, key: str) -> Favourite | None:
        return next((f for f in self.items if f.key == key), None)

    def free_key(self) -> str | None:
        """The first F-key without a favourite, or None when all eight are used."""
        used = {favourite.key for favourite in self.items}
        return next((key for key in FAVOURITE_KEYS if key not in used), None)

    def pinned(self, key: str, choice: ContactChoice) -> Favourites:
        """These favourites with ``choice`` on ``key`` (replacing what was there)."""
        if key not in FAVOURITE_KEYS:
            raise ValueError(key)
        return Favourites.of([*self.items, Favourite(key, choice)])

    def removed(self, key: str) -> Favourites:
        return Favourites(tuple(f for f in self.items if f.key != key))

    def problems(self, vocabulary: Vocabulary) -> dict[str, SkrankeError]:
        """Favourites that name an id the vocabulary does not know (or hides), by key."""
        broken: dict[str, SkrankeError] = {}
        for favourite in self.items:
            try:
                resolve_choice(favourite.choice, vocabulary)
            except SkrankeError as error:
                broken[favourite.key] = error
        return broken


def as_logged(choice: ContactChoice, contact: Contact) -> ContactChoice:
    """What to pin after logging ``choice``: the values it was stored with, spelled out."""
    return replace(
        choice,
        kind=contact.kind,
        assisted=contact.assisted,
        exemption=contact.exemption,
        readiness=contact.readiness,
        requester=contact.requester,
    )
