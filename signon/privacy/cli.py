"""`flask privacy run`: erase contact data past each letter's retention period (for cron)."""

from datetime import UTC, date, datetime

import click
from flask.cli import AppGroup

from signon.privacy import retention
from signon.storage import singleton
from signon.storage.database import utcnow
from signon.storage.extensions import db

privacy_cli = AppGroup("privacy", help="Retention of signatories' contact data.")


@privacy_cli.command("run")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Run as if today were this date (YYYY-MM-DD); the default is today in UTC.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be erased; change nothing.")
def run(today: datetime | None, dry_run: bool) -> None:
    """Anonymise the contacts of every letter whose retention period is over."""
    # Cron may start it on any app server: never two at once.
    with singleton.only_one(db.engine, "privacy-run") as mine:
        if not mine:
            click.echo("Another privacy run is going on: nothing done.")
            return
        _run(today, dry_run)


def _run(today: datetime | None, dry_run: bool) -> None:
    day: date = today.date() if today else datetime.now(UTC).date()
    done = retention.run(day, dry_run=dry_run)
    purged = 0
    if dry_run:
        db.session.rollback()
    else:
        # Uploads kept for an import (a day at most) go whatever the letters' periods.
        purged = retention.purge_kept_copies(datetime.combine(day, utcnow().timetz()))
        db.session.commit()
    verb = "Would anonymise" if dry_run else "Anonymised"
    for item in done:
        line = (
            f"{verb} the contact details of {item.sign_ons} sign-on(s) on {item.slug!r}"
            f" (kept until {item.last_day_kept.isoformat()})"
        )
        if not dry_run:
            line += f"; {item.emails} email(s) and {item.audit_entries} audit entr(ies) erased"
        click.echo(line + ".")
    if purged:
        click.echo(f"Deleted {purged} import upload(s) older than a day or already imported.")
    click.echo(f"{len(done)} letter(s) {'due' if dry_run else 'done'} on {day.isoformat()}.")
