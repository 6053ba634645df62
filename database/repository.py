"""The contact repository: takes and returns ``skranke`` domain objects.

Every write is one committed transaction: when ``add`` returns, the contact is on disk. The
same transaction writes the outbox row (``sync_outbox``) that the pusher (database/sync.py)
sends to a central database later: a click never waits on the network.

Plain SQL through :class:`database.handle.Executor`, the same on SQLite and PostgreSQL: a
SQLite desk logs without loading SQLAlchemy (docs/performance.md, "Ready to log"). The
columns are spelled out here; a test compares them with ``database.models``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from database.errors import ContactNotFoundError
from database.handle import AlchemyExecutor, Database, Executor, as_utc, as_uuid
from database.summary_rows import update_summaries
from skranke.clock import local_day_bounds, utc_now
from skranke.contact import Contact, Handout
from skranke.cpr import ensure_no_cpr, redact_cpr
from skranke.tally import DayTally

if TYPE_CHECKING:
    from sqlalchemy import Connection

# The domain's fields, in the table's order; ``desk_id`` is the installation's.
COLUMNS = ("id", "logged_at", "channel", "area", "kind", "outcome", "assisted", "readiness",
           "requester", "on_behalf", "exemption", "duration_seconds", "desk", "municipality",
           "note", "voided_at")  # fmt: skip
_SELECT = f"SELECT {', '.join(COLUMNS)}, desk_id FROM contact"  # noqa: S608 - constant
_INSERT = (
    f"INSERT INTO contact ({', '.join(COLUMNS)}, desk_id) "  # noqa: S608 - constant
    f"VALUES ({', '.join(':' + name for name in COLUMNS)}, :desk_id)"
)
_INSERT_HANDOUT = (
    "INSERT INTO contact_handout (contact_id, solution, how) VALUES (:contact_id, :solution, :how)"
)
_INSERT_OUTBOX = "INSERT INTO sync_outbox (contact_id, change) VALUES (:contact_id, :change)"
_CHUNK = 500  # ids per IN (...)


def _in(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``name IN (:v0, :v1, ...)`` and its parameters."""
    params = {f"v{i}": value for i, value in enumerate(values)}
    return f"{name} IN ({', '.join(':' + key for key in params)})", params


def _chunks(ids: Sequence[uuid.UUID]) -> list[Sequence[uuid.UUID]]:
    return [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]


def _to_row(contact: Contact, desk_id: uuid.UUID | None) -> dict[str, Any]:
    """The row to store; the CPR guard's last line (a Contact checks itself when made)."""
    if contact.note is not None:
        ensure_no_cpr(contact.note)
    ensure_no_cpr(contact.desk)
    return {**{name: getattr(contact, name) for name in COLUMNS}, "desk_id": desk_id}


def _to_outbox(executor: Executor, change: str, ids: Sequence[uuid.UUID]) -> None:
    """Queue ``ids`` for the central database, in the caller's transaction."""
    executor.run_many(_INSERT_OUTBOX, [{"contact_id": i, "change": change} for i in ids])


def _id(value: Any) -> uuid.UUID:
    found = as_uuid(value)
    assert found is not None, "an id column is never NULL"
    return found


def _contact(row: Sequence[Any], handouts: tuple[Handout, ...]) -> Contact:
    values = dict(zip(COLUMNS, row, strict=False))  # the row's desk_id is not the domain's
    for flag in ("assisted", "on_behalf", "exemption"):
        values[flag] = bool(values[flag])
    for free_text in ("note", "desk"):  # stored before the guard knew that spelling of a CPR
        if values[free_text] is not None:
            values[free_text] = redact_cpr(values[free_text])
    values.update(
        id=_id(values["id"]),
        logged_at=as_utc(values["logged_at"]),
        voided_at=as_utc(values["voided_at"]),
    )
    return Contact(**values, handouts=handouts)


def _to_contacts(executor: Executor, rows: Sequence[Sequence[Any]]) -> list[Contact]:
    """Domain contacts from rows, with their handouts (one extra query per 500)."""
    found: dict[uuid.UUID, list[Handout]] = {}
    ids = [_id(row[0]) for row in rows]
    for chunk in _chunks(ids):
        where, params = _in("contact_id", chunk)
        query = (
            f"SELECT contact_id, solution, how FROM contact_handout WHERE {where} "  # noqa: S608
            "ORDER BY how, solution"
        )
        for contact_id, solution, how in executor.rows(query, params):
            found.setdefault(_id(contact_id), []).append(Handout(solution, how))
    return [_contact(row, tuple(found.get(i, ()))) for row, i in zip(rows, ids, strict=True)]


def _rows_of(executor: Executor, ids: Sequence[uuid.UUID]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(ids):
        where, params = _in("id", chunk)
        rows += executor.rows(f"{_SELECT} WHERE {where}", params)
    return rows


def contact_rows(
    conn: Connection, ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, Contact], dict[uuid.UUID, uuid.UUID | None]]:
    """The contacts with ``ids`` (with hand-outs) and the desk id stored on each, read in
    ``conn``'s transaction (a SQLAlchemy connection: the pusher's, the central check's)."""
    executor = AlchemyExecutor(conn)
    rows = _rows_of(executor, ids)
    contacts = _to_contacts(executor, rows)
    desk_ids = {c.id: as_uuid(row[-1]) for c, row in zip(contacts, rows, strict=True)}
    return {c.id: c for c in contacts}, desk_ids


def _day_bounds(day: date) -> dict[str, datetime]:
    start, end = local_day_bounds(day)
    return {"start": start, "end": end}


class ContactRepository:
    """``desk_id``: this installation's id, stored on each contact it adds (see migration
    0004); None leaves it to the pusher."""

    def __init__(self, database: Database, desk_id: uuid.UUID | None = None) -> None:
        self.database = database
        self.desk_id = desk_id

    def add(self, contact: Contact) -> None:
        """Store one contact, committed and durable when this returns."""
        self.add_many([contact])

    def add_many(self, contacts: Sequence[Contact]) -> None:
        """Store several contacts (a batch) in one transaction: all or none."""
        if not contacts:
            return
        handouts = [
            {"contact_id": c.id, "solution": h.solution, "how": h.how}
            for c in contacts
            for h in c.handouts
        ]
        with self.database.transaction() as executor:
            executor.run_many(_INSERT, [_to_row(c, self.desk_id) for c in contacts])
            executor.run_many(_INSERT_HANDOUT, handouts)
            update_summaries(executor, contacts, +1)
            _to_outbox(executor, "add", [contact.id for contact in contacts])

    def stored_ids(self, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Those of ``ids`` that are stored (voided or not)."""
        found: set[uuid.UUID] = set()
        with self.database.reading() as executor:
            for chunk in _chunks(ids):
                where, params = _in("id", chunk)
                rows = executor.rows(f"SELECT id FROM contact WHERE {where}", params)  # noqa: S608
                found.update(_id(row[0]) for row in rows)
        return found

    def get(self, contact_id: uuid.UUID) -> Contact | None:
        with self.database.reading() as executor:
            contacts = _to_contacts(executor, _rows_of(executor, [contact_id]))
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
        with self.database.transaction() as executor:
            by_id = {c.id: c for c in _to_contacts(executor, _rows_of(executor, ids))}
            missing = next((i for i in ids if i not in by_id), None)
            if missing is not None:
                raise ContactNotFoundError(self.database.location, str(missing))
            open_ids = [i for i in ids if not by_id[i].voided]
            changed: set[uuid.UUID] = set()
            for chunk in _chunks(open_ids):
                where, params = _in("id", chunk)
                returned = executor.rows(
                    f"UPDATE contact SET voided_at = :when WHERE {where} "  # noqa: S608
                    "AND voided_at IS NULL RETURNING id",
                    {**params, "when": when},
                )
                changed.update(_id(i) for (i,) in returned)
            if len(changed) < len(open_ids):  # another desk voided some in between
                raced = [i for i in open_ids if i not in changed]
                by_id.update({c.id: c for c in _to_contacts(executor, _rows_of(executor, raced))})
            update_summaries(executor, [by_id[i] for i in open_ids if i in changed], -1)
            _to_outbox(executor, "void", [i for i in open_ids if i in changed])
        return [by_id[i].void(when) if i in changed else by_id[i] for i in ids]

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
        query = f"{_SELECT} WHERE logged_at >= :start AND logged_at < :end"
        params: dict[str, Any] = {"start": start, "end": end}
        if desk is not None:
            query += " AND desk = :desk"
            params["desk"] = desk
        if not include_voided:
            query += " AND voided_at IS NULL"
        query += " ORDER BY logged_at DESC, id" if newest_first else " ORDER BY logged_at, id"
        if limit is not None:
            query += " LIMIT :limit"
            params["limit"] = limit
        with self.database.reading() as executor:
            return _to_contacts(executor, executor.rows(query, params))

    def _grouped(
        self, select: str, since: dict[str, Any], desk: str | None, group: str
    ) -> list[tuple[Any, ...]]:
        """Rows of ``select ... WHERE <since> [AND desk] GROUP BY group`` over live contacts."""
        params = dict(since)
        where = " AND desk = :desk" if desk is not None else ""
        if desk is not None:
            params["desk"] = desk
        with self.database.reading() as executor:
            return executor.rows(f"{select}{where} GROUP BY {group}", params)

    def day_tally(self, day: date, *, desk: str | None = None) -> DayTally:
        """Today's (or any local day's) tally, voided contacts excluded."""
        rows = self._grouped(
            "SELECT channel, count(*), sum(CAST(assisted AS INTEGER)) FROM contact "
            "WHERE logged_at >= :start AND logged_at < :end AND voided_at IS NULL",
            _day_bounds(day),
            desk,
            "channel",
        )
        by_channel = {str(channel): int(count) for channel, count, _ in rows}
        return DayTally(
            total=sum(by_channel.values()),
            by_channel=by_channel,
            assisted=sum(int(assisted or 0) for _, _, assisted in rows),
        )

    def area_usage(self, since: datetime, *, desk: str | None = None) -> dict[str, int]:
        """How often each area was logged since ``since``: orders the tiles, most used first."""
        rows = self._grouped(
            "SELECT area, count(*) FROM contact WHERE logged_at >= :since AND voided_at IS NULL",
            {"since": since},
            desk,
            "area",
        )
        return {str(area): int(count) for area, count in rows}

    def handout_usage(self, since: datetime, *, desk: str | None = None) -> dict[str, int]:
        """How often each solution was handed out since ``since`` (voided contacts excluded)."""
        rows = self._grouped(
            "SELECT contact_handout.solution, count(*) FROM contact_handout "
            "JOIN contact ON contact.id = contact_handout.contact_id "
            "WHERE contact.logged_at >= :since AND contact.voided_at IS NULL",
            {"since": since},
            desk,
            "contact_handout.solution",
        )
        return {str(solution): int(count) for solution, count in rows}

    def desks(self) -> list[str]:
        """The desks that have logged contacts, for the team leader's filter."""
        with self.database.reading() as executor:
            rows = executor.rows("SELECT DISTINCT desk FROM contact ORDER BY desk")
        return [str(desk) for (desk,) in rows]
