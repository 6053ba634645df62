"""Today's tally for the live strip of the counter window."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from skranke.contact import Contact


@dataclass(frozen=True)
class DayTally:
    total: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    assisted: int = 0  # contacts with assisted self-service

    @property
    def assisted_share(self) -> float | None:
        """Share of contacts with assisted self-service, None when there are none."""
        return self.assisted / self.total if self.total else None


def tally_contacts(contacts: Iterable[Contact]) -> DayTally:
    """Count contacts that are not voided. The database computes the same in SQL."""
    live = [contact for contact in contacts if not contact.voided]
    by_channel = Counter(contact.channel for contact in live)
    return DayTally(
        total=len(live),
        by_channel=dict(by_channel),
        assisted=sum(1 for contact in live if contact.assisted),
    )
