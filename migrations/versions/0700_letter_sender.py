"""Each letter's sender: the From name, the signature of its emails, a contact address.

The outbox keeps the From name each email went out with, as it keeps its Reply-To; a
sign-on notes when its confirmation was sent again (the check-your-email page offers once).

Revision ID: 0700
Revises: 0710
Create Date: 2026-12-02 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0700"
down_revision = "0710"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch rebuild of letters on SQLite would cascade to its children.
    op.add_column(
        "letters", sa.Column("sender_name", sa.String(200), nullable=False, server_default="")
    )
    op.add_column(
        "letters", sa.Column("email_signature", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "letters", sa.Column("contact_email", sa.String(254), nullable=False, server_default="")
    )
    op.add_column("outbox", sa.Column("from_name", sa.String(200), nullable=True))
    op.add_column("sign_ons", sa.Column("confirmation_resent_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("sign_ons", "confirmation_resent_at")
    op.drop_column("outbox", "from_name")
    for column in ("contact_email", "email_signature", "sender_name"):
        op.drop_column("letters", column)
