"""Candidate duplicates kept in a table, found when a sign-on arrives instead of on each view.

Revision ID: 0920
Revises: 0900
Create Date: 2026-12-07 22:00:00

`duplicate_candidates` holds the pairs, `duplicate_keys` the blocking keys each live entry is
found by, `duplicate_progress` how far each letter's sign-ons and audit trail were read.
Existing letters start at zero: `flask signatures duplicates-refresh` (or the page's
catch-up, for small letters) fills them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0920"
down_revision = "0900"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "duplicate_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("signatory_a", sa.Integer(), nullable=False),
        sa.Column("signatory_b", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "signatory_a < signatory_b", name=op.f("ck_duplicate_candidates_ordered")
        ),
        _fk("duplicate_candidates", "letter_id", "letters"),
        _fk("duplicate_candidates", "signatory_a", "signatories"),
        _fk("duplicate_candidates", "signatory_b", "signatories"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_candidates")),
        sa.UniqueConstraint(
            "letter_id",
            "signatory_a",
            "signatory_b",
            name=op.f("uq_duplicate_candidates_letter_id_signatory_a_signatory_b"),
        ),
    )
    for column in ("signatory_a", "signatory_b"):
        op.create_index(op.f(f"ix_duplicate_candidates_{column}"), "duplicate_candidates", [column])
    op.create_table(
        "duplicate_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("signatory_id", sa.Integer(), nullable=False),
        _fk("duplicate_keys", "letter_id", "letters"),
        _fk("duplicate_keys", "signatory_id", "signatories"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_keys")),
    )
    op.create_index("ix_duplicate_keys_letter_id_key", "duplicate_keys", ["letter_id", "key"])
    op.create_index(op.f("ix_duplicate_keys_signatory_id"), "duplicate_keys", ["signatory_id"])
    op.create_table(
        "duplicate_progress",
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("sign_on_id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        _fk("duplicate_progress", "letter_id", "letters"),
        sa.PrimaryKeyConstraint("letter_id", name=op.f("pk_duplicate_progress")),
    )


def downgrade() -> None:
    op.drop_table("duplicate_progress")
    op.drop_table("duplicate_keys")
    op.drop_table("duplicate_candidates")
