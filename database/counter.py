"""One counter desk's work: log contacts, undo, void, and today's figures.

Plain Python over the repository, so the counter window stays thin and this is testable
without Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from database.repository import ContactRepository
from skranke.clock import local_day_bounds, local_today, utc_now
from skranke.contact import Contact, ContactChoice, Handout, make_contacts
from skranke.tally import DayTally
from skranke.vocabulary import Area, Vocabulary

RECENT_LIMIT = 500
TILE_USAGE_DAYS = 30


class CounterDesk:
    def __init__(
        self,
        repository: ContactRepository,
        vocabulary: Vocabulary,
        *,
        desk: str,
        municipality_code: str,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.repository = repository
        self.vocabulary = vocabulary
        self.desk = desk
        self.municipality_code = municipality_code
        self._clock = clock
        self._undo_stack: list[list[uuid.UUID]] = []

    def log(
        self,
        choice: ContactChoice,
        *,
        count: int = 1,
        duration_seconds: int | None = None,
        note: str | None = None,
        handouts: Sequence[Handout] = (),
        municipality_code: str | None = None,
        at: datetime | None = None,
    ) -> list[Contact]:
        """Validate and store ``count`` contacts in one transaction; durable on return.

        ``municipality_code``: the caller's municipality on the shared hotline; None: the
        desk's own. ``at``: when staff pressed the key (aware); None: now, by the desk's clock."""
        contacts = make_contacts(
            choice,
            self.vocabulary,
            desk=self.desk,
            municipality_code=municipality_code or self.municipality_code,
            count=count,
            duration_seconds=duration_seconds,
            note=note,
            now=at or self._clock(),
            handouts=handouts,
        )
        self.repository.add_many(contacts)
        self._undo_stack.append([contact.id for contact in contacts])
        return contacts

    @property
    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    def undo_last(self) -> list[Contact]:
        """Void the last batch logged here (a batch of five is undone as one)."""
        if not self._undo_stack:
            return []
        voided = self.repository.void_many(self._undo_stack[-1], self._clock())
        self._undo_stack.pop()  # only once the transaction committed: a failed undo can retry
        return voided

    def void(self, contact_id: uuid.UUID) -> Contact:
        (contact,) = self.void_many([contact_id])
        return contact

    def void_many(self, contact_ids: Sequence[uuid.UUID]) -> list[Contact]:
        """Void contacts chosen in today's list, in one transaction."""
        voided = self.repository.void_many(contact_ids, self._clock())
        gone = set(contact_ids)
        self._undo_stack = [[i for i in batch if i not in gone] for batch in self._undo_stack]
        self._undo_stack = [batch for batch in self._undo_stack if batch]
        return voided

    def today(self) -> date:
        return local_today(self._clock())

    def today_contacts(self, limit: int = RECENT_LIMIT) -> list[Contact]:
        """Today's contacts at this desk, newest first, voided ones included."""
        start, end = local_day_bounds(self.today())
        return self.repository.between(
            start, end, desk=self.desk, include_voided=True, newest_first=True, limit=limit
        )

    def today_tally(self) -> DayTally:
        return self.repository.day_tally(self.today(), desk=self.desk)

    def solution_usage(self) -> dict[str, int]:
        """How often each solution was handed out here lately: search ranks those first."""
        since = self._clock() - timedelta(days=TILE_USAGE_DAYS)
        return self.repository.handout_usage(since, desk=self.desk)

    def tile_order(self) -> list[Area]:
        """Visible areas, the ones this desk used most in the last 30 days first."""
        since = self._clock() - timedelta(days=TILE_USAGE_DAYS)
        usage = self.repository.area_usage(since, desk=self.desk)
        areas = list(self.vocabulary.visible_areas)
        return sorted(areas, key=lambda area: -usage.get(area.id, 0))
