"""The tables, as SQLAlchemy Core. The schema itself is owned by Alembic (``migrations/``);
tests compare the two (``compare_metadata`` on SQLite and PostgreSQL).

Core, not the ORM: every module reads ``metadata.tables[...]`` and runs Core statements, and
importing ``sqlalchemy.orm`` and building declarative classes cost ~115 ms of a desk's start
(docs/performance.md, section a).

Columns keep the order the former declarative classes gave them (a class's own columns, then
those of its mixins: span, then the filtered fields).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    TypeDecorator,
    Uuid,
)
from sqlalchemy.types import TypeEngine

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend (SQLite stores it naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("naive datetime: store aware UTC datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


SEQUENCE = BigInteger().with_variant(Integer, "sqlite")  # SQLite's rowid must be INTEGER

metadata = MetaData(naming_convention=NAMING_CONVENTION)


_FILTERED = ("desk", "municipality", "channel", "area", "outcome")


def _filtered() -> list[Column[object]]:
    """The fields team leaders filter by (see database/summaries.py), in every summary's key."""
    lengths = {"desk": 40, "municipality": 3, "channel": 40, "area": 40, "outcome": 40}
    return [Column(name, String(lengths[name]), nullable=False) for name in _FILTERED]


def _span() -> list[Column[object]]:
    """A local calendar month or year (``span`` "month" or "year"), named by its first day."""
    return [Column("span", String(5), nullable=False), Column("first_day", Date, nullable=False)]


def _summary(
    name: str,
    columns: dict[str, TypeEngine[Any] | type[TypeEngine[Any]]],
    key: tuple[str, ...],
    *,
    span: bool = True,
    filtered: bool = True,
) -> None:
    """A summary table: its own columns (its key's and its count, none nullable), then the
    span's and the filtered fields' (the order the former declarative mixins gave them)."""
    Table(
        name,
        metadata,
        *(Column(column, type_, nullable=False) for column, type_ in columns.items()),
        *(_span() if span else ()),
        *(_filtered() if filtered else ()),
        PrimaryKeyConstraint(*key),
    )


# One contact (henvendelse). Append-only: corrections set ``voided_at``.
Table(
    "contact",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("logged_at", UTCDateTime, nullable=False),
    Column("channel", String(40), nullable=False),
    Column("area", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("outcome", String(40), nullable=False),
    Column("assisted", Boolean, nullable=False),
    Column("readiness", String(40)),
    Column("requester", String(40), nullable=False),
    Column("on_behalf", Boolean, nullable=False),
    Column("exemption", Boolean, nullable=False),
    Column("duration_seconds", Integer),
    Column("desk", String(40), nullable=False),
    Column("municipality", String(3), nullable=False),
    Column("note", String(120)),
    Column("voided_at", UTCDateTime),
    # The installation (desk id, a UUID) that logged it; None for contacts logged before
    # migration 0004 (the pusher then sends its own desk id). See 0004's docstring.
    Column("desk_id", Uuid),
    CheckConstraint("duration_seconds >= 0", name="duration_not_negative"),
    Index(None, "logged_at"),
    Index(None, "desk", "logged_at"),
)

# A solution handed out during a contact: shown as a QR code, or printed as a sheet.
Table(
    "contact_handout",
    metadata,
    Column("contact_id", Uuid, ForeignKey("contact.id"), primary_key=True),
    Column("solution", String(40), primary_key=True),
    Column("how", String(10), primary_key=True),
    CheckConstraint("how IN ('qr', 'sheet')", name="how_known"),
    Index(None, "solution"),
)

# How many live contacts of each kind a month or year holds (see database/summaries.py,
# which keeps every summary in the same transaction as each logged or voided contact).
# Readiness "not assessed" is stored as "" (a primary key column cannot be NULL).
_summary(
    "tally_group",
    {"kind": String(40), "assisted": Integer, "readiness": String(40),
     "requester": String(40), "contacts": Integer},
    key=("span", "first_day", "desk", "municipality", "channel", "area", "kind", "outcome",
         "assisted", "readiness", "requester"),
)  # fmt: skip

# Live contacts per local weekday (0 = Monday) and local hour, per month or year.
_summary(
    "tally_hour",
    {"weekday": Integer, "hour": Integer, "contacts": Integer},
    key=("span", "first_day", "weekday", "hour", *_FILTERED),
)

# Timed live contacts per handling time (whole seconds), per month or year, desk and
# municipality: for all of them (``dimension`` and ``value`` "") or for one value of one
# other filterable field (``dimension`` "channel", ``value`` "phone" …).
_summary(
    "tally_duration",
    {"desk": String(40), "municipality": String(3), "dimension": String(12),
     "value": String(40), "seconds": Integer, "contacts": Integer},
    key=("span", "first_day", "dimension", "value", "desk", "municipality", "seconds"),
    filtered=False,
)  # fmt: skip

# Solutions handed out, by the filterable fields of their contacts, per month or year.
_summary(
    "tally_handout",
    {"how": String(10), "solution": String(40), "handouts": Integer},
    key=("span", "first_day", *_FILTERED, "how", "solution"),
)

# Live contacts per local day, channel and assisted: the per-day chart, weekly figures.
# The chart's grouping (day, channel, assisted) first: read in key order, never sorted.
_summary(
    "tally_day",
    {"day": Date, "assisted": Integer, "contacts": Integer},
    key=("day", "channel", "assisted", "desk", "municipality", "area", "outcome"),
    span=False,
)

# A change waiting for the central database: a contact added (with its hand-outs) or voided.
# Written in the same transaction as the change; deleted only after the central database has
# committed it. ``seq`` only grows (SQLite AUTOINCREMENT never reuses one).
#
# The row names the contact; the pusher reads the contact as it is when it pushes, so an
# added-then-voided contact arrives voided, and re-sending either change is harmless.
Table(
    "sync_outbox",
    metadata,
    Column("seq", SEQUENCE, primary_key=True, autoincrement=True),
    Column("contact_id", Uuid, nullable=False),
    Column("change", String(4), nullable=False),
    CheckConstraint("change IN ('add', 'void')", name="change_known"),
    sqlite_autoincrement=True,
)

# In the central database: when each desk was last heard from, and how far it got.
Table(
    "desk_sync",
    metadata,
    Column("desk_id", Uuid, primary_key=True),
    Column("desk", String(40), nullable=False),
    Column("municipality", String(3), nullable=False),
    Column("last_sequence", BigInteger, nullable=False),
    Column("last_push_at", UTCDateTime, nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("centre", String(60)),  # the desk's afdeling, if set
)
