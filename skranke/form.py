"""The contact being entered at the counter, before it is logged (no Qt).

The form holds what staff have chosen so far: channel, outcome and its flags, kind, readiness,
requester, how many (a batch) and a note, plus the self-service solutions handed to the
citizen meanwhile. The counter window shows it and changes it; the rules live here:

- choosing an outcome pre-sets the assisted and exemption flags (staff may change them after);
- showing a QR code while the outcome is still the default makes it "referred to
  self-service" (the usual result of handing over a link);
- after a contact is logged the form returns to the common case, except the channel: phone
  staff stay on the phone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skranke.contact import MAX_BATCH, ContactChoice, Handout
from skranke.vocabulary import Vocabulary

REFERRED_TO_SELF_SERVICE = "referred_to_self_service"


@dataclass
class Handouts:
    """Solutions shown (QR) or printed (sheet) for the contact in progress, each once."""

    items: list[Handout] = field(default_factory=list)

    def add(self, solution_id: str, how: str) -> bool:
        """Record a hand-out; False when it was already recorded."""
        handout = Handout(solution_id, how)
        if handout in self.items:
            return False
        self.items.append(handout)
        return True

    def clear(self) -> None:
        self.items.clear()

    def as_tuple(self) -> tuple[Handout, ...]:
        return tuple(self.items)


class ContactForm:
    """What the counter window shows above the tiles; ``choice(area)`` turns it into a contact."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.channel = vocabulary.channels[0].id
        self.outcome = vocabulary.default_outcome.id
        self.assisted = False
        self.exemption = False
        self.on_behalf = False
        self.kind: str | None = None  # None: as the area usually is
        self.readiness: str | None = None  # None: not assessed
        self.requester = vocabulary.default_requester.id
        self.count = 1
        self.note = ""
        self.handouts = Handouts()
        self.reset()

    def reset(self) -> None:
        """Back to the common case for the next citizen; the channel stays."""
        self.choose_outcome(self.vocabulary.default_outcome.id)
        self.on_behalf = False
        self.kind = None
        self.readiness = None
        self.requester = self.vocabulary.default_requester.id
        self.count = 1
        self.note = ""
        self.handouts.clear()

    def choose_channel(self, channel_id: str) -> None:
        self.channel = self.vocabulary.channel(channel_id).id

    def choose_outcome(self, outcome_id: str) -> None:
        """Choose the outcome; it pre-sets the flags."""
        outcome = self.vocabulary.outcome(outcome_id)
        self.outcome = outcome.id
        self.assisted = outcome.assisted
        self.exemption = outcome.exemption

    def set_count(self, count: int) -> None:
        self.count = max(1, min(MAX_BATCH, count))

    @property
    def is_default_outcome(self) -> bool:
        return self.outcome == self.vocabulary.default_outcome.id

    def show_solution(self, solution_id: str) -> bool:
        """A QR code shown to the citizen. True when this changed the outcome."""
        self.handouts.add(solution_id, "qr")
        if self.is_default_outcome and any(
            outcome.id == REFERRED_TO_SELF_SERVICE for outcome in self.vocabulary.outcomes
        ):
            self.choose_outcome(REFERRED_TO_SELF_SERVICE)
            return True
        return False

    def print_sheet(self, solution_id: str) -> None:
        """A guidance sheet printed for the citizen."""
        self.handouts.add(solution_id, "sheet")

    def choice(self, area_id: str) -> ContactChoice:
        return ContactChoice(
            channel=self.channel,
            area=area_id,
            outcome=self.outcome,
            kind=self.kind,
            assisted=self.assisted,
            exemption=self.exemption,
            readiness=self.readiness,
            requester=self.requester,
            on_behalf=self.on_behalf,
        )
