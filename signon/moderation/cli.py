"""`flask signatures list|approve|reject|duplicates`: moderation from the command line."""

import json

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from flask_babel import gettext

from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.moderation import decisions, duplicate_table, services
from signon.moderation.duplicates import candidates
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db

signatures_cli = AppGroup("signatures", help="List and moderate a letter's sign-ons.")

STATUSES = [s.value for s in SignOnStatus]


def as_json(sign_on: SignOn) -> dict:
    """The public contract of `signatures list --json`."""
    return {
        "id": sign_on.id,
        "organisation": sign_on.organisation,
        "acronym": sign_on.acronym,
        "country": sign_on.country,
        "website": sign_on.website,
        "status": sign_on.status,
        "signatory_id": sign_on.signatory_id,
        "contact_name": sign_on.contact_name,
        "contact_email": sign_on.contact_email,
        "role": sign_on.role,
        "created_at": sign_on.created_at.isoformat(),
        "confirmed_at": sign_on.confirmed_at.isoformat() if sign_on.confirmed_at else None,
    }


@signatures_cli.command("list")
@click.argument("slug")
@click.option("--status", type=click.Choice(STATUSES), default=None)
@click.option("--json", "as_json_flag", is_flag=True, help="Print a JSON list.")
def list_(slug: str, status: str | None, as_json_flag: bool) -> None:
    """List sign-ons, oldest first."""
    with clear_errors():
        sign_ons = services.list_sign_ons(get_letter(slug), status)
    if as_json_flag:
        click.echo(json.dumps([as_json(s) for s in sign_ons], ensure_ascii=False, indent=2))
        return
    for s in sign_ons:
        click.echo(f"{s.id:>6}  {s.status:<9} {s.country}  {s.listed_name}  <{s.contact_email}>")
    click.echo(f"{len(sign_ons)} sign-on(s).", err=True)


def _ids(values: tuple[str, ...]) -> list[int]:
    try:
        return [int(v) for v in values]
    except ValueError as exc:
        raise click.ClickException(
            gettext("Sign-on ids are numbers: %(reason)s", reason=exc)
        ) from exc


# Exit status of `approve` and `reject` (README): 0 when every sign-on named is now in the
# state asked for, 1 when none could be decided (nothing changed), PARTLY when some were
# decided and the others, named on stderr, were left as they were.
PARTLY = 3


def _report(outcome: decisions.Outcome, verb: str) -> None:
    """Say what was done; name what was left on stderr and exit non-zero when anything was."""
    if outcome.skipped and outcome.nothing_done:
        raise click.ClickException(outcome.summary())
    click.echo(f"{verb} {len(outcome.done)} sign-on(s).")
    if outcome.skipped:
        click.echo(outcome.summary(), err=True)
        raise SystemExit(PARTLY)


@signatures_cli.command("approve")
@click.argument("slug")
@click.argument("ids", nargs=-1)
@click.option("--all-verified", is_flag=True, help="Approve every confirmed sign-on.")
def approve(slug: str, ids: tuple[str, ...], all_verified: bool) -> None:
    """Approve sign-ons by id, or all confirmed ones.

    Every confirmed one is approved; the others are named. Exit status: 0 when all named are
    approved, 1 when none could be, 3 when some were and others were left.
    """
    if bool(ids) == all_verified:
        raise click.UsageError(gettext("Give either --all-verified or one or more sign-on ids."))
    with clear_errors():
        letter = get_letter(slug)
        outcome = (
            services.approve_all_verified(letter)
            if all_verified
            else services.approve(letter, _ids(ids))
        )
        db.session.commit()
    _report(outcome, "Approved")


@signatures_cli.command("reject")
@click.argument("slug")
@click.argument("ids", nargs=-1, required=True)
def reject(slug: str, ids: tuple[str, ...]) -> None:
    """Reject sign-ons by id (withdrawn ones are named and left; exit status as approve's)."""
    with clear_errors():
        outcome = services.reject(get_letter(slug), _ids(ids))
        db.session.commit()
    _report(outcome, "Rejected")


@signatures_cli.command("duplicates")
@click.argument("slug")
@click.option("--json", "as_json_flag", is_flag=True, help="Print a JSON list.")
def duplicates(slug: str, as_json_flag: bool) -> None:
    """Candidate duplicates among a letter's signatories, best first."""
    with clear_errors():
        found = candidates(get_letter(slug))
    if as_json_flag:
        rows = [
            {"names": [c.first.name, c.second.name], "score": c.score, "reasons": list(c.reasons)}
            for c in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for c in found:
        click.echo(
            f"{c.score:.2f}  #{c.first.id} {c.first.name} ({c.first.country})"
            f"  ~  #{c.second.id} {c.second.name} ({c.second.country}): {'; '.join(c.reasons)}"
        )
    click.echo(f"{len(found)} candidate(s).", err=True)


@signatures_cli.command("duplicates-refresh")
@click.argument("slugs", nargs=-1)
@click.option("--batch", default=2000, show_default=True, help="Sign-ons judged per commit.")
@click.option("--rebuild", is_flag=True, help="Judge each letter anew, all at once.")
def duplicates_refresh(slugs: tuple[str, ...], batch: int, rebuild: bool) -> None:
    """Find the candidate duplicates of sign-ons not judged yet (every letter by default).

    The worker's job: run it after arrivals (a timer, or the senders' loop) so that the
    duplicates page only reads.
    """
    with clear_errors():
        if slugs:
            letters = [get_letter(slug) for slug in slugs]
        else:
            letters = list(db.session.scalars(sa.select(Letter).order_by(Letter.id)))
        for letter in letters:
            if rebuild:
                pairs = duplicate_table.rebuild(letter)
                db.session.commit()
                click.echo(f"{letter.slug}: {pairs} candidate pairs.")
                continue
            judged = 0
            while True:
                judged += duplicate_table.catch_up(letter, limit=batch)
                done = not duplicate_table.pending(letter)
                db.session.commit()
                if done:
                    break
            click.echo(f"{letter.slug}: {judged} entries judged.")
