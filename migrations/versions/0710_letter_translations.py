"""Letters in several languages: a translation of every part, one row per letter and language.

Revision ID: 0710
Revises: 0720
Create Date: 2026-12-02 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0710"
down_revision = "0720"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("letterhead", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("addressee", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("place_date", sa.String(200), nullable=False),
        sa.Column("salutation", sa.String(200), nullable=False),
        sa.Column("closing", sa.String(200), nullable=False),
        sa.Column("signature_blocks", sa.JSON(), nullable=False),
        sa.Column("copy_line", sa.Text(), nullable=False),
        sa.Column("source_version", sa.Integer(), nullable=False),
        sa.Column("out_of_date", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(254), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_translations_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_translations")),
        sa.UniqueConstraint(
            "letter_id", "language", name=op.f("uq_letter_translations_letter_id_language")
        ),
    )


def downgrade() -> None:
    op.drop_table("letter_translations")
