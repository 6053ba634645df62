"""The contact repository: takes and returns ``skranke`` domain objects.

Every write is one committed transaction: when ``add`` returns, the contact is on disk. The
same transaction writes the outbox row (``sync_outbox``) that the pusher (database/sync.py)
sends to a central database later: a click never waits on the network.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Integer, Row, Select, cast, func, insert, select, update

from database.engine import Database, translate_errors
from database.errors import ContactNotFoundError
from database.models import metadata
from database.summaries import update_summaries
from skranke.clock import local_day_bounds, utc_now
from skranke.contact import Contact, Handout
from skranke.tally import DayTally

_TABLE = metadata.tables["contact"]
_HANDOUTS = metadata.tables["contact_handout"]
_OUTBOX = metadata.tables["sync_outbox"]
# The domain's fields; ``desk_id`` is the installation's, written by the repository.
_COLUMNS = [column.name for column in _TABLE.columns if column.name != "desk_id"]
_CHUNK = 500  # ids per IN (...) when loading handouts


def _to_row(contact: Contact, desk_id: uuid.UUID | None) -> dict[str, Any]:
    return {**{name: getattr(contact, name) for name in _COLUMNS}, "desk_id": desk_id}


def _to_outbox(conn: Connection, change: str, ids: Sequence[uuid.UUID]) -> None:
    """Queue ``ids`` for the central database, in the caller's transaction."""
    if ids:
        conn.execute(insert(_OUTBOX), [{"contact_id": i, "change": change} for i in ids])


def _handout_rows(contacts: Sequence[Contact]) -> list[dict[str, Any]]:
    return [
        {"contact_id": c.id, "solution": h.solution, "how": h.how}
        for c in contacts
        for h in c.handouts
    ]


def _to_contacts(conn: Connection, rows: Sequence[Row[Any]]) -> list[Contact]:
    """Domain contacts from rows, with their handouts (one extra query per 500)."""
    found: dict[uuid.UUID, list[Handout]] = {}
    ids = [row.id for row in rows]
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(_HANDOUTS.c.contact_id, _HANDOUTS.c.solution, _HANDOUTS.c.how)
            .where(_HANDOUTS.c.contact_id.in_(ids[start : start + _CHUNK]))
            .order_by(_HANDOUTS.c.how, _HANDOUTS.c.solution)
        )
        for contact_id, solution, how in conn.execute(query):
            found.setdefault(contact_id, []).append(Handout(solution, how))
    return [
        Contact(
            **{name: value for name, value in row._asdict().items() if name != "desk_id"},
            handouts=tuple(found.get(row.id, ())),
        )
        for row in rows
    ]


def contact_rows(
    conn: Connection, ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, Contact], dict[uuid.UUID, uuid.UUID | None]]:
    """The contacts with ``ids`` (with hand-outs) and the desk id stored on each."""
    query: Select[Any] = select(*(_TABLE.c[name] for name in _COLUMNS), _TABLE.c.desk_id)
    rows: list[Row[Any]] = []
    for start in range(0, len(ids), _CHUNK):
        rows += conn.execute(query.where(_TABLE.c.id.in_(ids[start : start + _CHUNK]))).all()
    contacts = _to_contacts(conn, rows)
    return {c.id: c for c in contacts}, {row.id: row.desk_id for row in rows}


class ContactRepository:
    """``desk_id``: this installation's id, stored on each contact it adds (see migration
    0004); None leaves it to the pusher."""

    def __init__(self, database: Database, desk_id: uuid.UUID | None = None) -> None:
        self.database = database
        self.desk_id = desk_id
        self._select = select(*(_TABLE.c[name] for name in _COLUMNS))

    def add(self, contact: Contact) -> None:
        """Store one contact, committed and durable when this returns."""
        self.add_many([contact])

    def add_many(self, contacts: Sequence[Contact]) -> None:
        """Store several contacts (a batch) in one transaction: all or none."""
        if not contacts:
            return
        handouts = _handout_rows(contacts)
        with translate_errors(self.database.location), self.database.engine.begin() as conn:
            conn.execute(insert(_TABLE), [_to_row(c, self.desk_id) for c in contacts])
            if handouts:
                conn.execute(insert(_HANDOUTS), handouts)
            update_summaries(conn, contacts, +1)
            _to_outbox(conn, "add", [contact.id for contact in contacts])

    def get(self, contact_id: uuid.UUID) -> Contact | None:
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            rows = conn.execute(self._select.where(_TABLE.c.id == contact_id)).all()
            contacts = _to_contacts(conn, rows)
        return contacts[0] if contacts else None

    def void(self, contact_id: uuid.UUID, when: datetime | None = None) -> Contact:
        """Mark a contact as voided (it stays in the database and counts nowhere).

        Voiding twice keeps the first timestamp.
        """
        (contact,) = self.void_many([contact_id], when)
        return contact

    def void_many(
        self, contact_ids: Sequence[uuid.UUID], when: datetime | None = None
    ) -> list[Contact]:
        """Void several contacts in ONE transaction: all of them or, on any error, none.

        Contacts already voided (here or by another desk in between) keep their first
        timestamp and are returned as they are. Raises ContactNotFoundError for an unknown id.
        """
        when = (when or utc_now()).astimezone(UTC)
        ids = list(dict.fromkeys(contact_ids))
        with translate_errors(self.database.location), self.database.engine.begin() as conn:
            by_id = {c.id: c for c in _to_contacts(conn, self._rows(conn, ids))}
            missing = next((i for i in ids if i not in by_id), None)
            if missing is not None:
                raise ContactNotFoundError(self.database.location, str(missing))
            open_ids = [i for i in ids if not by_id[i].voided]
            changed: set[uuid.UUID] = set()
            for start in range(0, len(open_ids), _CHUNK):
                changed.update(
                    conn.execute(
                        update(_TABLE)
                        .where(
                            _TABLE.c.id.in_(open_ids[start : start + _CHUNK]),
                            _TABLE.c.voided_at.is_(None),
                        )
                        .values(voided_at=when)
                        .returning(_TABLE.c.id)
                    ).scalars()
                )
            if len(changed) < len(open_ids):  # another desk voided some in between
                raced = [i for i in open_ids if i not in changed]
                by_id.update({c.id: c for c in _to_contacts(conn, self._rows(conn, raced))})
            update_summaries(conn, [by_id[i] for i in open_ids if i in changed], -1)
            _to_outbox(conn, "void", [i for i in open_ids if i in changed])
        return [by_id[i].void(when) if i in changed else by_id[i] for i in ids]

    def _rows(self, conn: Connection, ids: Sequence[uuid.UUID]) -> list[Row[Any]]:
        rows: list[Row[Any]] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows += conn.execute(self._select.where(_TABLE.c.id.in_(chunk))).all()
        return rows

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
            return _to_contacts(conn, conn.execute(query).all())

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

    def handout_usage(self, since: datetime, *, desk: str | None = None) -> dict[str, int]:
        """How often each solution was handed out since ``since`` (voided contacts excluded)."""
        query = (
            select(_HANDOUTS.c.solution, func.count())
            .join(_TABLE, _TABLE.c.id == _HANDOUTS.c.contact_id)
            .where(_TABLE.c.logged_at >= since, _TABLE.c.voided_at.is_(None))
            .group_by(_HANDOUTS.c.solution)
        )
        if desk is not None:
            query = query.where(_TABLE.c.desk == desk)
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            return {str(solution): int(count) for solution, count in conn.execute(query)}

    def desks(self) -> list[str]:
        """The desks that have logged contacts, for the team leader's filter."""
        query = select(_TABLE.c.desk).distinct().order_by(_TABLE.c.desk)
        with translate_errors(self.database.location), self.database.engine.connect() as conn:
            return [str(desk) for (desk,) in conn.execute(query)]
