"""The contact repository: takes and returns ``skranke`` domain objects.

Every write is one committed transaction: when ``add`` returns, the contact is on disk.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, Row, cast, func, insert, select, update

from database.engine import Database, translate_errors
from database.errors import ContactNotFoundError
from database.models import Base
from skranke.clock import local_day_bounds, utc_now
from skranke.contact import Contact
from skranke.tally import DayTally

_TABLE = Base.metadata.tables["contact"]
_COLUMNS = [column.name for column in _TABLE.columns]


def _to_row(contact: Contact) -> dict[str, Any]:
    return {name: getattr(contact, name) for name in _COLUMNS}


def _to_contact(row: Row[Any]) -> Contact:
    return Contact(**row._asdict())


class ContactRepository:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._select = select(*(_TABLE.c[name] for name in _COLUMNS))

    def add(self, contact: Contact) -> None:
        """Store one contact, committed and durable when this returns."""
        self.add_many([contact])

    def add_many(self, contacts: Sequence[Contact]) -> None:
        """Store several contacts (a batch) in one transaction: all or none."""
        if not contacts:
            return
        with translate_errors(self.database.location), self.database.engine.begin() as conn:
            conn.execute(insert(_TABLE), [_to_row(contact) for contact in contacts])

    def get(self, contact_id: uuid.UUID) -> Contact | None:
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            row = conn.execute(self._select.where(_TABLE.c.id == contact_id)).first()
        return None if row is None else _to_contact(row)

    def void(self, contact_id: uuid.UUID, when: datetime | None = None) -> Contact:
        """Mark a contact as voided (it stays in the database and counts nowhere).

        Voiding twice keeps the first timestamp.
        """
        when = when or utc_now()
        with translate_errors(self.database.location), self.database.engine.begin() as conn:
            conn.execute(
                update(_TABLE)
                .where(_TABLE.c.id == contact_id, _TABLE.c.voided_at.is_(None))
                .values(voided_at=when)
            )
            row = conn.execute(self._select.where(_TABLE.c.id == contact_id)).first()
        if row is None:
            raise ContactNotFoundError(self.database.location, str(contact_id))
        return _to_contact(row)

    def between(
        self,
        start: datetime,
        end: datetime,
        *,
        desk: str | None = None,
        include_voided: bool = False,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[Contact]:
        """Contacts logged in ``[start, end)``, oldest first unless ``newest_first``."""
        query = self._select.where(_TABLE.c.logged_at >= start, _TABLE.c.logged_at < end)
        if desk is not None:
            query = query.where(_TABLE.c.desk == desk)
        if not include_voided:
            query = query.where(_TABLE.c.voided_at.is_(None))
        order = _TABLE.c.logged_at.desc() if newest_first else _TABLE.c.logged_at
        query = query.order_by(order, _TABLE.c.id).limit(limit)
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            return [_to_contact(row) for row in conn.execute(query)]

    def day_tally(self, day: date, *, desk: str | None = None) -> DayTally:
        """Today's (or any local day's) tally, voided contacts excluded."""
        start, end = local_day_bounds(day)
        query = (
            select(
                _TABLE.c.channel,
                func.count(),
                func.sum(cast(_TABLE.c.assisted, Integer)),
            )
            .where(
                _TABLE.c.logged_at >= start,
                _TABLE.c.logged_at < end,
                _TABLE.c.voided_at.is_(None),
            )
            .group_by(_TABLE.c.channel)
        )
        if desk is not None:
            query = query.where(_TABLE.c.desk == desk)
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            rows = conn.execute(query).all()
        by_channel = {str(channel): int(count) for channel, count, _ in rows}
        return DayTally(
            total=sum(by_channel.values()),
            by_channel=by_channel,
            assisted=sum(int(assisted or 0) for _, _, assisted in rows),
        )

    def area_usage(self, since: datetime, *, desk: str | None = None) -> dict[str, int]:
        """How often each area was logged since ``since``: orders the tiles, most used first."""
        query = (
            select(_TABLE.c.area, func.count())
            .where(_TABLE.c.logged_at >= since, _TABLE.c.voided_at.is_(None))
            .group_by(_TABLE.c.area)
        )
        if desk is not None:
            query = query.where(_TABLE.c.desk == desk)
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            return {str(area): int(count) for area, count in conn.execute(query)}
