"""One reminder to confirm, for a sign-on still pending after `MAIL_REMINDER_DAYS`; never two."""

import logging
from datetime import datetime, timedelta

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, gettext

from signon.letters.models import Letter, LetterStatus
from signon.mail.outbox import send_email_later
from signon.signing.emails import REMINDER
from signon.signing.models import SignOn, SignOnStatus
from signon.storage import singleton
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def remind_pending(now: datetime | None = None) -> int:
    """Queue the reminder of every sign-on due one; how many. The caller commits."""
    now = now or utcnow()
    cutoff = now - timedelta(days=current_app.config["MAIL_REMINDER_DAYS"])
    taking = sa.select(Letter.id).where(
        Letter.status == LetterStatus.OPEN,
        sa.or_(Letter.deadline.is_(None), Letter.deadline > now),
    )
    # Marked in the same statement that picks them: two runs at once never remind twice.
    due = (
        sa.update(SignOn)
        .where(
            SignOn.status == SignOnStatus.PENDING,
            SignOn.confirmed_at.is_(None),
            SignOn.reminded_at.is_(None),
            SignOn.created_at <= cutoff,
            SignOn.letter_id.in_(taking),
        )
        # A reminder changes nothing a CRM syncs: the sign-on keeps its updated_at.
        .values(reminded_at=now, updated_at=SignOn.updated_at)
        .returning(SignOn.id, SignOn.letter_id, SignOn.contact_email, SignOn.language)
    )
    rows = db.session.execute(due, execution_options={"synchronize_session": False}).all()
    titles = dict(
        db.session.execute(
            sa.select(Letter.id, Letter.title).where(Letter.id.in_({r.letter_id for r in rows}))
        ).all()
    )
    for row in rows:
        # In the language the signatory signed in, like the email itself.
        with force_locale(row.language or "en"):
            subject = gettext(
                "Reminder: please confirm your signature: %(title)s", title=titles[row.letter_id]
            )
        send_email_later(
            row.contact_email,
            subject,
            REMINDER,
            {"sign_on_id": row.id},
            letter_id=row.letter_id,
            sign_on_id=row.id,
        )
    if rows:
        log.info("queued %s reminders to confirm", len(rows))
    return len(rows)


@click.command("remind")
@with_appcontext
def remind_command() -> None:
    """Remind once every sign-on still unconfirmed after MAIL_REMINDER_DAYS (for cron)."""
    # The same lock as the mail workers' schedule: one run at a time on any node.
    with singleton.only_one(db.engine, "job:reminders") as mine:
        if not mine:
            click.echo("Reminders are being queued elsewhere: nothing done.")
            return
        count = remind_pending()
        db.session.commit()
    click.echo(f"{count} reminder{'s' if count != 1 else ''} queued.")
