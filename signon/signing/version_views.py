"""Earlier versions of a letter: the difference, who signed them, and telling them."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.core.errors import NotFound, SignonError
from signon.letters import versions
from signon.letters.access import organiser_letter
from signon.signing import version_notices
from signon.storage.extensions import db


@sign_in_required
def versions_list(slug: str) -> str:
    """The earlier versions, with how many signatures stand on each."""
    organiser, letter = organiser_letter(slug)
    return render_template(
        "signing/versions.html", letter=letter, versions=version_notices.summaries(letter)
    )


@sign_in_required
def version(slug: str, number: int) -> str:
    """What changed since version `number`, and who signed it."""
    organiser, letter = organiser_letter(slug)
    try:
        kept = versions.get_version(letter, number)
    except NotFound:
        abort(404)
    return render_template(
        "signing/version.html",
        letter=letter,
        version=kept,
        changes=versions.readable_diff(kept.parts, versions.snapshot(letter)),
        signers=version_notices.signers_of(letter, number),
        form=FlaskForm(),
    )


def notify(slug: str, number: int) -> Response:
    """Email the signatories of version `number` the change, with a link to withdraw."""
    organiser, letter = organiser_letter(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        sent = version_notices.notify_signers(letter, number, organiser.email)
    except NotFound:
        abort(404)
    except SignonError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(ngettext("Emailed %(num)d signatory.", "Emailed %(num)d signatories.", sent))
    return redirect(url_for("organise.signing.version", slug=slug, number=number), code=303)
