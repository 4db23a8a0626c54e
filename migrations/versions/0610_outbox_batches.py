"""Outbox sent in batches: short leases with their owner, what each email is about, permanent
failures, unsubscribes from a letter's optional emails, and one reminder per sign-on.

Revision ID: 0610
Revises: 0630
Create Date: 2026-12-01 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0610"
down_revision = "0630"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('pending', 'sent', 'failed')"
NEW_STATUSES = "status IN ('pending', 'sent', 'failed', 'undeliverable', 'cancelled')"


def upgrade() -> None:
    # No table references "outbox", so a batch rebuild on SQLite cascades to nothing.
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_outbox_status"), type_="check")
        batch_op.create_check_constraint("status", NEW_STATUSES)
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("letter_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sign_on_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reply_to", sa.String(length=254), nullable=True))
        batch_op.create_index("ix_outbox_letter_id", ["letter_id"], unique=False)
        batch_op.create_index("ix_outbox_sign_on_id", ["sign_on_id"], unique=False)
    op.create_table(
        "mail_unsubscribes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_mail_unsubscribes_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_unsubscribes")),
        sa.UniqueConstraint(
            "letter_id", "email", name=op.f("uq_mail_unsubscribes_letter_id_email")
        ),
    )
    # A nullable column: SQLite adds it in place, without rebuilding sign_ons.
    op.add_column("sign_ons", sa.Column("reminded_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("sign_ons", "reminded_at")
    op.drop_table("mail_unsubscribes")
    op.execute("UPDATE outbox SET status = 'failed' WHERE status IN ('undeliverable', 'cancelled')")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_sign_on_id")
        batch_op.drop_index("ix_outbox_letter_id")
        batch_op.drop_column("reply_to")
        batch_op.drop_column("sign_on_id")
        batch_op.drop_column("letter_id")
        batch_op.drop_column("claimed_by")
        batch_op.drop_constraint(batch_op.f("ck_outbox_status"), type_="check")
        batch_op.create_check_constraint("status", OLD_STATUSES)
