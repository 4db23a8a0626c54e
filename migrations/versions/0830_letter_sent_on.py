"""The day a letter went out: organisers choose it when they publish (default today).

Revision ID: 0830
Revises: 0710
Create Date: 2026-12-04 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0830"
down_revision = "0700"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild of letters on SQLite would cascade to its children.
    op.add_column("letters", sa.Column("sent_on", sa.Date(), nullable=True))
    # Letters published before: they went out the day they were published (UTC), as shown.
    letters = sa.table(
        "letters", sa.column("published_at", sa.DateTime()), sa.column("sent_on", sa.Date())
    )
    op.execute(
        letters.update()
        .where(letters.c.published_at.is_not(None))
        .values(sent_on=sa.func.date(letters.c.published_at))
    )


def downgrade() -> None:
    op.drop_column("letters", "sent_on")
