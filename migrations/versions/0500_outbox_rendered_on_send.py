"""Outbox messages rendered when they are sent: a template name and its parameters.

A sign-on's confirmation email is stored as `template` + `params` in the sign-on's own
transaction and rendered by the sender, so the request does not spend its time on it.

Revision ID: 0500
Revises: 0400
Create Date: 2026-11-24 07:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0500"
down_revision = "0400"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No table references "outbox", so a batch rebuild on SQLite cascades to nothing.
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("template", sa.String(100), nullable=True))
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))
        batch.alter_column("body_text", existing_type=sa.Text(), nullable=True)
        batch.alter_column("body_html", existing_type=sa.Text(), nullable=True)


def downgrade() -> None:
    # Messages still waiting to be rendered cannot go back to a schema that needs a body.
    waiting = op.get_bind().scalar(
        sa.text("SELECT count(*) FROM outbox WHERE body_text IS NULL OR body_html IS NULL")
    )
    if waiting:
        raise RuntimeError(
            f"{waiting} emails are not rendered yet: run `flask mail send-pending` first."
        )
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("body_html", existing_type=sa.Text(), nullable=False)
        batch.alter_column("body_text", existing_type=sa.Text(), nullable=False)
        batch.drop_column("params")
        batch.drop_column("template")
