"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 04:26:34.628455
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("letterhead", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("addressee", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("place_date", sa.String(length=200), nullable=False),
        sa.Column("salutation", sa.String(length=200), nullable=False),
        sa.Column("closing", sa.String(length=200), nullable=False),
        sa.Column("signature_blocks", sa.JSON(), nullable=False),
        sa.Column("copy_line", sa.Text(), nullable=False),
        sa.Column("accept_individuals", sa.Boolean(), nullable=False),
        sa.Column("ordering", sa.String(length=20), nullable=False),
        sa.Column("live_list", sa.Boolean(), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name=op.f("ck_letters_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("slug", name=op.f("uq_letters_slug")),
    )
    op.create_table(
        "organisers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("notify", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisers")),
        sa.UniqueConstraint("email", name=op.f("uq_organisers_email")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed')", name=op.f("ck_outbox_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_due", ["status", "next_attempt_at"], unique=False)

    op.create_table(
        "letter_organisers",
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=False),
        sa.Column("is_owner", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_organisers_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organiser_id"],
            ["organisers.id"],
            name=op.f("fk_letter_organisers_organiser_id_organisers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("letter_id", "organiser_id", name=op.f("pk_letter_organisers")),
    )
    with op.batch_alter_table("letter_organisers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_letter_organisers_organiser_id"), ["organiser_id"], unique=False
        )

    op.create_table(
        "signatories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("name_key", sa.String(length=400), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_signatories_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatories")),
        sa.UniqueConstraint(
            "letter_id",
            "kind",
            "country",
            "name_key",
            name=op.f("uq_signatories_letter_id_kind_country_name_key"),
        ),
    )
    op.create_table(
        "sign_ons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("signatory_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("signing_as", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'verified', 'approved', 'rejected')",
            name=op.f("ck_sign_ons_status"),
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_sign_ons_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signatory_id"],
            ["signatories.id"],
            name=op.f("fk_sign_ons_signatory_id_signatories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_ons")),
    )
    with op.batch_alter_table("sign_ons", schema=None) as batch_op:
        batch_op.create_index("ix_sign_ons_letter_status", ["letter_id", "status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sign_ons_signatory_id"), ["signatory_id"], unique=False
        )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("sign_on_id", sa.Integer(), nullable=True),
        sa.Column("signatory_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_audit_log_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sign_on_id"],
            ["sign_ons.id"],
            name=op.f("fk_audit_log_sign_on_id_sign_ons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["signatory_id"],
            ["signatories.id"],
            name=op.f("fk_audit_log_signatory_id_signatories"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_letter_id"), ["letter_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_sign_on_id"), ["sign_on_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_sign_on_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_letter_id"))

    op.drop_table("audit_log")
    with op.batch_alter_table("sign_ons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_ons_signatory_id"))
        batch_op.drop_index("ix_sign_ons_letter_status")

    op.drop_table("sign_ons")
    op.drop_table("signatories")
    with op.batch_alter_table("letter_organisers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_organisers_organiser_id"))

    op.drop_table("letter_organisers")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_due")

    op.drop_table("outbox")
    op.drop_table("organisers")
    op.drop_table("letters")
