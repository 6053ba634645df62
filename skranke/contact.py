"""A contact (henvendelse): one in-person visit, call, chat ... at the counter.

A contact is a fact: written once with a random id and an aware UTC timestamp. A correction
voids it (``voided_at``); nothing is deleted. It never records who the citizen is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from skranke.cpr import ensure_no_cpr
from skranke.errors import InvalidContactError, NoteTooLongError
from skranke.municipalities import municipality
from skranke.vocabulary import Vocabulary

if TYPE_CHECKING:
    import uuid  # imported where contacts are made: it loads ``platform`` (~4 ms at start)

HANDOUT_KINDS = ("qr", "sheet")  # a QR code shown to the citizen; a guidance sheet printed
NOTE_MAX_LENGTH = 120
DESK_MAX_LENGTH = 40
MAX_BATCH = 99
MAX_DURATION_SECONDS = 24 * 60 * 60
_SOLUTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True, slots=True)
class ContactChoice:
    """What staff choose for a contact; also what a favourite pins.

    ``None`` means "the usual": the area's kind, the outcome's assisted and exemption flags,
    the default requester, readiness not assessed.
    """

    channel: str
    area: str
    outcome: str
    kind: str | None = None
    assisted: bool | None = None
    exemption: bool | None = None
    readiness: str | None = None
    requester: str | None = None
    on_behalf: bool = False


@dataclass(frozen=True, slots=True)
class Handout:
    """A self-service solution handed to the citizen during a contact."""

    solution: str  # catalogue id
    how: str = "qr"  # one of HANDOUT_KINDS


@dataclass(frozen=True, slots=True)
class Contact:
    id: uuid.UUID
    logged_at: datetime  # aware, UTC
    channel: str
    area: str
    kind: str
    outcome: str
    assisted: bool  # assisted self-service (hjælp til selvbetjening / medbetjening)
    readiness: str | None  # None: not assessed
    requester: str
    on_behalf: bool  # fuldmagt / pårørende
    exemption: bool  # fritagelse (Digital Post / digital self-service)
    duration_seconds: int | None
    desk: str
    municipality: str  # three-digit kommunekode
    note: str | None = None
    voided_at: datetime | None = None
    handouts: tuple[Handout, ...] = ()

    def __post_init__(self) -> None:
        """The CPR guard on the value itself: no contact holding a CPR-like note or desk
        name exists, however it was made (``make_contacts``, ``replace``, a test, demo data,
        a row read back); see skranke/cpr.py for the rule."""
        if self.note is not None:
            ensure_no_cpr(self.note)
        ensure_no_cpr(self.desk)

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    def void(self, when: datetime | None = None) -> Contact:
        if self.voided_at is not None:
            return self
        from skranke.clock import utc_now  # noqa: PLC0415 - see make_contacts

        return replace(self, voided_at=when or utc_now())


def clean_note(note: str | None) -> str | None:
    """Validate an optional note: short, and never anything shaped like a CPR number."""
    if note is None:
        return None
    note = " ".join(note.split())
    if not note:
        return None
    if len(note) > NOTE_MAX_LENGTH:
        raise NoteTooLongError(len(note), NOTE_MAX_LENGTH)
    ensure_no_cpr(note)
    return note


def clean_desk(desk: str) -> str:
    desk = " ".join(desk.split())
    if not desk or len(desk) > DESK_MAX_LENGTH:
        raise InvalidContactError("desk", desk)
    ensure_no_cpr(desk)
    return desk


def resolve_choice(choice: ContactChoice, vocabulary: Vocabulary) -> ContactChoice:
    """Fill in the usual values and check every id against the vocabulary."""
    vocabulary.channel(choice.channel)
    area = vocabulary.area(choice.area)
    if area.hidden:
        raise InvalidContactError("area", choice.area)
    outcome = vocabulary.outcome(choice.outcome)
    kind = vocabulary.kind(choice.kind or area.kind)
    requester = vocabulary.requester(choice.requester or vocabulary.default_requester.id)
    if choice.readiness is not None:
        vocabulary.readiness_term(choice.readiness)
    return replace(
        choice,
        kind=kind.id,
        assisted=outcome.assisted if choice.assisted is None else choice.assisted,
        exemption=outcome.exemption if choice.exemption is None else choice.exemption,
        requester=requester.id,
    )


def make_contacts(
    choice: ContactChoice,
    vocabulary: Vocabulary,
    *,
    desk: str,
    municipality_code: str,
    count: int = 1,
    duration_seconds: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
    handouts: Sequence[Handout] = (),
) -> list[Contact]:
    """Build ``count`` new contacts of the same choice (a batch has no duration)."""
    resolved = resolve_choice(choice, vocabulary)
    if not 1 <= count <= MAX_BATCH:
        raise InvalidContactError("count", count)
    if duration_seconds is not None and not 0 <= duration_seconds <= MAX_DURATION_SECONDS:
        raise InvalidContactError("duration_seconds", duration_seconds)
    # The clock (and ``zoneinfo``, ~3 ms) loads with the first contact, not at start-up.
    from skranke.clock import utc_now  # noqa: PLC0415

    moment = now or utc_now()
    if moment.utcoffset() is None:
        raise InvalidContactError("logged_at", moment)
    desk = clean_desk(desk)
    code = municipality(municipality_code).code
    import uuid  # noqa: PLC0415 - see the imports

    note = clean_note(note)
    kept = _clean_handouts(handouts)
    assert resolved.kind is not None
    assert resolved.requester is not None
    return [
        Contact(
            id=uuid.uuid4(),
            logged_at=moment,
            channel=resolved.channel,
            area=resolved.area,
            kind=resolved.kind,
            outcome=resolved.outcome,
            assisted=bool(resolved.assisted),
            readiness=resolved.readiness,
            requester=resolved.requester,
            on_behalf=resolved.on_behalf,
            exemption=bool(resolved.exemption),
            duration_seconds=duration_seconds if count == 1 else None,
            desk=desk,
            municipality=code,
            note=note,
            handouts=kept,
        )
        for _ in range(count)
    ]


def _clean_handouts(handouts: Sequence[Handout]) -> tuple[Handout, ...]:
    """Each solution once per way it was handed out, in a canonical order (as stored)."""
    for handout in handouts:
        if handout.how not in HANDOUT_KINDS or not _SOLUTION_ID.match(handout.solution):
            raise InvalidContactError("handouts", handout)
    return tuple(sorted(set(handouts), key=lambda h: (h.how, h.solution)))


def describe(contact: Contact | ContactChoice, vocabulary: Vocabulary, language: str = "da") -> str:
    """A short label such as ``"Pas · Fremmøde · Ekspederet af medarbejder"``."""
    parts = [
        vocabulary.area(contact.area).label(language),
        vocabulary.channel(contact.channel).label(language),
        vocabulary.outcome(contact.outcome).label(language),
    ]
    return " · ".join(parts)
