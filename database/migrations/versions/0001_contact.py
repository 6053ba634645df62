"""The contact table: one row per logged contact, append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Reviewed by hand: yes. First revision: nothing to upgrade from.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from database.models import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("logged_at", UTCDateTime(), nullable=False),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("area", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("assisted", sa.Boolean(), nullable=False),
        sa.Column("readiness", sa.String(40), nullable=True),
        sa.Column("requester", sa.String(40), nullable=False),
        sa.Column("on_behalf", sa.Boolean(), nullable=False),
        sa.Column("exemption", sa.Boolean(), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("desk", sa.String(40), nullable=False),
        sa.Column("municipality", sa.String(3), nullable=False),
        sa.Column("note", sa.String(120), nullable=True),
        sa.Column("voided_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("duration_seconds >= 0", name=op.f("ck_contact_duration_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    op.create_index(op.f("ix_contact_logged_at"), "contact", ["logged_at"])
    op.create_index(op.f("ix_contact_desk_logged_at"), "contact", ["desk", "logged_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_contact_desk_logged_at"), table_name="contact")
    op.drop_index(op.f("ix_contact_logged_at"), table_name="contact")
    op.drop_table("contact")
