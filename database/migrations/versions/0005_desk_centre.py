"""The desk's centre (afdeling) in ``desk_sync``, so the team view can filter by centre.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Reviewed by hand: yes. Tested from 0004 with data in tests/database/test_migrations.py.

A municipality runs several centres (the town hall, a library, a citizen's service in a
shopping centre), each with a few desks. A desk says which centre it belongs to through the
``centre`` setting and sends it with every push, as it does its name; the column is nullable
because desks that pushed before this revision, or have no centre set, have none. The
contacts do not carry it: a desk moving to another centre is a settings change, and the
team view groups desks by their centre as last heard from.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("desk_sync", sa.Column("centre", sa.String(60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("desk_sync") as batch:
        batch.drop_column("centre")
