"""organiser pages: published state, preview links, notes, ranges, withdrawals, versions

Revision ID: 0300
Revises: 0001
Create Date: 2026-11-24 04:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0300"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_letters_status"), type_="check")
        batch_op.create_check_constraint(
            "status", "status IN ('draft', 'open', 'closed', 'published')"
        )
        batch_op.add_column(sa.Column("preview_token", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.create_unique_constraint(batch_op.f("uq_letters_preview_token"), ["preview_token"])
    with op.batch_alter_table("sign_ons", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_sign_ons_status"), type_="check")
        batch_op.create_check_constraint(
            "status", "status IN ('pending', 'verified', 'approved', 'rejected', 'withdrawn')"
        )
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("ip_prefix", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("letter_version", sa.Integer(), nullable=False, server_default="1")
        )
    with op.batch_alter_table("organisers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_digest_at", sa.DateTime(), nullable=True))
    op.create_table(
        "letter_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_by", sa.String(length=254), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_versions_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_versions")),
        sa.UniqueConstraint(
            "letter_id", "number", name=op.f("uq_letter_versions_letter_id_number")
        ),
    )


def downgrade() -> None:
    op.drop_table("letter_versions")
    with op.batch_alter_table("organisers", schema=None) as batch_op:
        batch_op.drop_column("last_digest_at")
    with op.batch_alter_table("sign_ons", schema=None) as batch_op:
        batch_op.drop_column("letter_version")
        batch_op.drop_column("ip_prefix")
        batch_op.drop_column("note")
        batch_op.drop_constraint(batch_op.f("ck_sign_ons_status"), type_="check")
        batch_op.create_check_constraint(
            "status", "status IN ('pending', 'verified', 'approved', 'rejected')"
        )
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_letters_preview_token"), type_="unique")
        batch_op.drop_column("preview_token")
        batch_op.drop_column("version")
        batch_op.drop_constraint(batch_op.f("ck_letters_status"), type_="check")
        batch_op.create_check_constraint("status", "status IN ('draft', 'open', 'closed')")
