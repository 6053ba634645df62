"""Solutions handed out during a contact (QR code shown, guidance sheet printed).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Reviewed by hand: yes. A new table only; existing contacts are untouched and simply have no
handouts. Tested from 0001 with data in tests/database/test_migrations.py.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_handout",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("solution", sa.String(40), nullable=False),
        sa.Column("how", sa.String(10), nullable=False),
        sa.CheckConstraint("how IN ('qr', 'sheet')", name=op.f("ck_contact_handout_how_known")),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_contact_handout_contact_id_contact")
        ),
        sa.PrimaryKeyConstraint("contact_id", "solution", "how", name=op.f("pk_contact_handout")),
    )
    op.create_index(op.f("ix_contact_handout_solution"), "contact_handout", ["solution"])


def downgrade() -> None:
    op.drop_index(op.f("ix_contact_handout_solution"), table_name="contact_handout")
    op.drop_table("contact_handout")
