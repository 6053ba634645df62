"""The desk's outbox: the changes (contacts added, contacts voided) not yet in the central
database, oldest first.

The repository writes an outbox row in the same transaction as each change (see
database/repository.py). The pusher reads a batch, sends it, and removes exactly those rows
after the central database has committed them; rows written meanwhile stay.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select

from database.engine import Database, translate_errors
from database.models import metadata
from database.repository import contact_rows
from skranke.contact import Contact

_OUTBOX = metadata.tables["sync_outbox"]
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class OutboxBatch:
    """Changes to send, as the contacts are now (a contact voided since it was added arrives
    voided). ``desk_ids`` holds the desk id stored on each contact (None before 0004)."""

    sequences: tuple[int, ...]
    added: tuple[Contact, ...]
    voided: tuple[Contact, ...]
    desk_ids: dict[uuid.UUID, uuid.UUID | None]

    @property
    def last_sequence(self) -> int:
        return max(self.sequences)

    def __len__(self) -> int:
        return len(self.sequences)


class Outbox:
    def __init__(self, database: Database) -> None:
        self.database = database

    def count(self) -> int:
        """How many changes wait to be sent."""
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(_OUTBOX)).scalar_one())

    def next_batch(self, limit: int = 500) -> OutboxBatch | None:
        """The oldest ``limit`` changes, or None when nothing waits."""
        query = (
            select(_OUTBOX.c.seq, _OUTBOX.c.contact_id, _OUTBOX.c.change)
            .order_by(_OUTBOX.c.seq)
            .limit(limit)
        )
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            rows = conn.execute(query).all()
            if not rows:
                return None
            ids = list(dict.fromkeys(row.contact_id for row in rows))
            contacts, desk_ids = contact_rows(conn, ids)
        added = dict.fromkeys(r.contact_id for r in rows if r.change == "add")
        voided = dict.fromkeys(r.contact_id for r in rows if r.change == "void")
        return OutboxBatch(
            sequences=tuple(row.seq for row in rows),
            added=tuple(contacts[i] for i in added if i in contacts),
            voided=tuple(contacts[i] for i in voided if i in contacts),
            desk_ids=desk_ids,
        )

    def remove(self, sequences: Sequence[int]) -> None:
        """Forget changes the central database has committed."""
        with translate_errors(self.database.location), self.database.engine.begin() as conn:
            _remove(conn, sequences)


def _remove(conn: Connection, sequences: Sequence[int]) -> None:
    for start in range(0, len(sequences), _CHUNK):
        chunk = sequences[start : start + _CHUNK]
        conn.execute(delete(_OUTBOX).where(_OUTBOX.c.seq.in_(chunk)))
