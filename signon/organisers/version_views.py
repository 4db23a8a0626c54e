"""Earlier versions of a letter: the difference, who signed them, and telling them."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.errors import NotFound, SignonError
from signon.letters import versions
from signon.organisers.access import organiser_letter, sign_in_required
from signon.organisers.views import bp

bp.add_app_template_global(versions.part_label, "part_label")


@bp.get("/letters/<slug>/versions")
@sign_in_required
def versions_list(slug: str) -> str:
    """The earlier versions, with how many signatures stand on each."""
    organiser, letter = organiser_letter(slug)
    return render_template(
        "organisers/versions.html", letter=letter, versions=versions.summaries(letter)
    )


@bp.get("/letters/<slug>/versions/<int:number>")
@sign_in_required
def version(slug: str, number: int) -> str:
    """What changed since version `number`, and who signed it."""
    organiser, letter = organiser_letter(slug)
    try:
        kept = versions.get_version(letter, number)
    except NotFound:
        abort(404)
    return render_template(
        "organisers/version.html",
        letter=letter,
        version=kept,
        changes=versions.readable_diff(kept.parts, versions.snapshot(letter)),
        signers=versions.signers_of(letter, number),
        form=FlaskForm(),
    )


@bp.post("/letters/<slug>/versions/<int:number>/notify")
def notify(slug: str, number: int) -> Response:
    """Email the signatories of version `number` the change, with a link to withdraw."""
    organiser, letter = organiser_letter(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        sent = versions.notify_signers(letter, number, organiser.email)
    except NotFound:
        abort(404)
    except SignonError as exc:
        flash(str(exc), "error")
    else:
        flash(ngettext("Emailed %(num)d signatory.", "Emailed %(num)d signatories.", sent))
    return redirect(url_for("organisers.version", slug=slug, number=number), code=303)
