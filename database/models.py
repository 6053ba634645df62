"""SQLAlchemy 2.0 typed models. The schema itself is owned by Alembic (``migrations/``)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    TypeDecorator,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ContactRow(Base):
    """One contact (henvendelse). Append-only: corrections set ``voided_at``."""

    __tablename__ = "contact"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(40))
    area: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(40))
    assisted: Mapped[bool]
    readiness: Mapped[str | None] = mapped_column(String(40))
    requester: Mapped[str] = mapped_column(String(40))
    on_behalf: Mapped[bool]
    exemption: Mapped[bool]
    duration_seconds: Mapped[int | None]
    desk: Mapped[str] = mapped_column(String(40))
    municipality: Mapped[str] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(String(120))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The installation (desk id, a UUID) that logged it; None for contacts logged before
    # migration 0004 (the pusher then sends its own desk id). See 0004's docstring.
    desk_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    __table_args__ = (
        CheckConstraint("duration_seconds >= 0", name="duration_not_negative"),
        Index(None, "logged_at"),
        Index(None, "desk", "logged_at"),
    )


class HandoutRow(Base):
    """A solution handed out during a contact: shown as a QR code, or printed as a sheet."""

    __tablename__ = "contact_handout"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("contact.id"), primary_key=True)
    solution: Mapped[str] = mapped_column(String(40), primary_key=True)
    how: Mapped[str] = mapped_column(String(10), primary_key=True)

    __table_args__ = (
        CheckConstraint("how IN ('qr', 'sheet')", name="how_known"),
        Index(None, "solution"),
    )


_FILTERED = ("desk", "municipality", "channel", "area", "outcome")


class _Filtered:
    """The fields team leaders filter by (see database/summaries.py), in every summary's key."""

    desk: Mapped[str] = mapped_column(String(40), primary_key=True)
    municipality: Mapped[str] = mapped_column(String(3), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(40), primary_key=True)


class _Span:
    """A local calendar month or year (``span`` "month" or "year"), named by its first day."""

    span: Mapped[str] = mapped_column(String(5), primary_key=True)
    first_day: Mapped[date] = mapped_column(Date, primary_key=True)


class TallyGroupRow(_Span, _Filtered, Base):
    """How many live contacts of each kind a month or year holds (see database/summaries.py,
    which keeps every summary in the same transaction as each logged or voided contact).
    Readiness "not assessed" is stored as "" (a primary key column cannot be NULL)."""

    __tablename__ = "tally_group"
    __table_args__ = (
        PrimaryKeyConstraint("span", "first_day", "desk", "municipality", "channel", "area",
                             "kind", "outcome", "assisted", "readiness", "requester"),
    )  # fmt: skip

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    assisted: Mapped[int] = mapped_column(primary_key=True)
    readiness: Mapped[str] = mapped_column(String(40), primary_key=True)
    requester: Mapped[str] = mapped_column(String(40), primary_key=True)
    contacts: Mapped[int]


class TallyHourRow(_Span, _Filtered, Base):
    """Live contacts per local weekday (0 = Monday) and local hour, per month or year."""

    __tablename__ = "tally_hour"
    __table_args__ = (PrimaryKeyConstraint("span", "first_day", "weekday", "hour", *_FILTERED),)

    weekday: Mapped[int] = mapped_column(primary_key=True)
    hour: Mapped[int] = mapped_column(primary_key=True)
    contacts: Mapped[int]


class TallyDurationRow(_Span, Base):
    """Timed live contacts per handling time (whole seconds), per month or year, desk and
    municipality: for all of them (``dimension`` and ``value`` "") or for one value of one
    other filterable field (``dimension`` "channel", ``value`` "phone" …)."""

    __tablename__ = "tally_duration"
    __table_args__ = (
        PrimaryKeyConstraint("span", "first_day", "dimension", "value", "desk", "municipality",
                             "seconds"),
    )  # fmt: skip

    desk: Mapped[str] = mapped_column(String(40), primary_key=True)
    municipality: Mapped[str] = mapped_column(String(3), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(12), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    seconds: Mapped[int] = mapped_column(primary_key=True)
    contacts: Mapped[int]


class TallyHandoutRow(_Span, _Filtered, Base):
    """Solutions handed out, by the filterable fields of their contacts, per month or year."""

    __tablename__ = "tally_handout"
    __table_args__ = (PrimaryKeyConstraint("span", "first_day", *_FILTERED, "how", "solution"),)

    how: Mapped[str] = mapped_column(String(10), primary_key=True)
    solution: Mapped[str] = mapped_column(String(40), primary_key=True)
    handouts: Mapped[int]


class TallyDayRow(_Filtered, Base):
    """Live contacts per local day, channel and assisted: the per-day chart, weekly figures."""

    __tablename__ = "tally_day"
    # The chart's grouping (day, channel, assisted) first: read in key order, never sorted.
    __table_args__ = (
        PrimaryKeyConstraint("day", "channel", "assisted", "desk", "municipality", "area",
                             "outcome"),
    )  # fmt: skip

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    assisted: Mapped[int] = mapped_column(primary_key=True)
    contacts: Mapped[int]


SEQUENCE = BigInteger().with_variant(Integer, "sqlite")  # SQLite's rowid must be INTEGER


class OutboxRow(Base):
    """A change waiting for the central database: a contact added (with its hand-outs) or
    voided. Written in the same transaction as the change; deleted only after the central
    database has committed it. ``seq`` only grows (SQLite AUTOINCREMENT never reuses one).

    The row names the contact; the pusher reads the contact as it is when it pushes, so an
    added-then-voided contact arrives voided, and re-sending either change is harmless.
    """

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(SEQUENCE, primary_key=True, autoincrement=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    change: Mapped[str] = mapped_column(String(4))

    __table_args__ = (
        CheckConstraint("change IN ('add', 'void')", name="change_known"),
        {"sqlite_autoincrement": True},
    )


class DeskSyncRow(Base):
    """In the central database: when each desk was last heard from, and how far it got."""

    __tablename__ = "desk_sync"

    desk_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    desk: Mapped[str] = mapped_column(String(40))
    municipality: Mapped[str] = mapped_column(String(3))
    last_sequence: Mapped[int] = mapped_column(BigInteger)
    last_push_at: Mapped[datetime] = mapped_column(UTCDateTime)
    app_version: Mapped[str] = mapped_column(String(40))
    centre: Mapped[str | None] = mapped_column(String(60))  # the desk's afdeling, if set
