"""Many desks, one picture: the desk id on each contact, the outbox, and ``desk_sync``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Reviewed by hand: yes. Tested from 0003 with data in tests/database/test_migrations.py.

- ``contact.desk_id`` (nullable UUID): the installation that logged the contact. The local
  table carries it too, not only the central copy, because a contact is a fact written once:
  the id it was logged under must not change if the user's settings file (where the desk id
  lives) is lost and a new id is made; and one schema for the desk's SQLite file and the
  central PostgreSQL keeps the repositories and reports the same code on both. Contacts
  logged before this revision keep NULL; the pusher sends its own desk id for those.
- ``sync_outbox``: one row per added or voided contact, written in the same transaction as
  the change, deleted after the central database committed it. On SQLite (a desk) it is
  filled with every contact already logged, so configuring a central database later sends
  the desk's history too; the rows are small (a sequence, an id and a word).
- ``desk_sync``: used in the central database only (when each desk was last heard from).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from database.models import SEQUENCE, UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("contact", sa.Column("desk_id", sa.Uuid(), nullable=True))
    op.create_table(
        "sync_outbox",
        sa.Column("seq", SEQUENCE, nullable=False, autoincrement=True),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("change", sa.String(4), nullable=False),
        sa.CheckConstraint("change IN ('add', 'void')", name=op.f("ck_sync_outbox_change_known")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "desk_sync",
        sa.Column("desk_id", sa.Uuid(), nullable=False),
        sa.Column("desk", sa.String(40), nullable=False),
        sa.Column("municipality", sa.String(3), nullable=False),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
        sa.Column("last_push_at", UTCDateTime(), nullable=False),
        sa.Column("app_version", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("desk_id", name=op.f("pk_desk_sync")),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "INSERT INTO sync_outbox (contact_id, change) "
            "SELECT id, 'add' FROM contact ORDER BY logged_at, id"
        )


def downgrade() -> None:
    op.drop_table("desk_sync")
    op.drop_table("sync_outbox")
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("desk_id")
