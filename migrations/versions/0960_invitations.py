"""Invitations: a sign-on's consent to hear of later letters, and the invitations sent.

Revision ID: 0960
Revises: 0800
Create Date: 2026-12-07 22:30:00

`sign_ons.invite_consent` is the version of the choice's words a contact ticked (NULL: not
ticked). `invitations` holds one row per contact address and organisation invited to a
letter, with what came of it. `erased_contacts.on_request` tells an erasure the contact
asked for (never invited again) from the retention period's.
"""

import sqlalchemy as sa
from alembic import op

revision = "0960"
down_revision = "0800"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sign_ons", sa.Column("invite_consent", sa.SmallInteger(), nullable=True))
    # Erasures before this revision count as requested: never invited (the safe side).
    op.add_column(
        "erased_contacts",
        sa.Column("on_request", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("name_key", sa.String(400), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_by", sa.String(254), nullable=False),
        sa.Column("invited_at", sa.DateTime(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("sign_on_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_invitations_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sign_ons.id"],
            name=op.f("fk_invitations_source_id_sign_ons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sign_on_id"],
            ["sign_ons.id"],
            name=op.f("fk_invitations_sign_on_id_sign_ons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint(
            "letter_id",
            "email",
            "country",
            "name_key",
            name=op.f("uq_invitations_letter_id_email_country_name_key"),
        ),
    )
    op.create_index(op.f("ix_invitations_source_id"), "invitations", ["source_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_invitations_source_id"), table_name="invitations")
    op.drop_table("invitations")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE sign_ons DROP COLUMN invite_consent")
        op.execute("ALTER TABLE erased_contacts DROP COLUMN on_request")
    else:
        op.drop_column("sign_ons", "invite_consent")
        op.drop_column("erased_contacts", "on_request")
