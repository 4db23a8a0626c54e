"""Privacy: versioned consent texts, each sign-on's consent record, retention, anonymisation.

Every existing letter gets version 1 of the default consent text (the checkbox label the
form showed until now). Existing sign-ons keep no consent version: nobody knows which notice
they saw, and a record must not claim more than is known.

Revision ID: 0620
Revises: 0600
Create Date: 2026-12-01 22:00:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0620"
down_revision = "0600"
branch_labels = None
depends_on = None

# The form's checkbox label before this revision, frozen here as version 1.
CONSENT_TEXT = (
    "I am authorised to sign on behalf of this organisation, and it agrees to be "
    "listed publicly as a signatory."
)
CONTROLLER = "The organisers of this letter."


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch rebuild of letters or sign_ons on SQLite would cascade.
    op.add_column(
        "letters", sa.Column("retention_days", sa.Integer(), nullable=False, server_default="180")
    )
    op.add_column(
        "letters", sa.Column("consent_version", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column("sign_ons", sa.Column("consent_version", sa.Integer(), nullable=True))
    op.add_column("sign_ons", sa.Column("consent_at", sa.DateTime(), nullable=True))
    op.add_column(
        "sign_ons",
        sa.Column("consent_language", sa.String(8), nullable=False, server_default=""),
    )
    op.add_column("sign_ons", sa.Column("anonymised_at", sa.DateTime(), nullable=True))
    versions = op.create_table(
        "consent_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("consent_text", sa.Text(), nullable=False),
        sa.Column("controller", sa.Text(), nullable=False),
        sa.Column("notice_text", sa.Text(), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(254), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_consent_versions_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_versions")),
        sa.UniqueConstraint(
            "letter_id", "number", name=op.f("uq_consent_versions_letter_id_number")
        ),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    letters = op.get_bind().execute(sa.text("SELECT id FROM letters ORDER BY id")).all()
    if letters:
        op.bulk_insert(
            versions,
            [
                {
                    "letter_id": letter_id,
                    "number": 1,
                    "consent_text": CONSENT_TEXT,
                    "controller": CONTROLLER,
                    "notice_text": "",
                    "retention_days": 180,
                    "language": "en",
                    "created_at": now,
                    "created_by": "default",
                }
                for (letter_id,) in letters
            ],
        )


def downgrade() -> None:
    op.drop_table("consent_versions")
    for column in ("anonymised_at", "consent_language", "consent_at", "consent_version"):
        op.drop_column("sign_ons", column)
    for column in ("consent_version", "retention_days"):
        op.drop_column("letters", column)
