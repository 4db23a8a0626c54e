"""The organisers' approve or reject of a change a signatory asked for."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.core.errors import NotFound, SignonError
from signon.letters.access import organiser_letter
from signon.moderation import change_review, services
from signon.storage.extensions import db

DECISIONS = {"approve": change_review.approve_change, "reject": change_review.reject_change}
DONE = {
    "approve": _l("Change approved: the list now shows it."),
    "reject": _l("Change rejected: the list keeps the approved version."),
}


def decide_change(slug: str, sign_on_id: int, decision: str) -> Response:
    """Approve or reject the change waiting on one sign-on."""
    organiser, letter = organiser_letter(slug)
    if decision not in DECISIONS or not FlaskForm().validate_on_submit():
        abort(400)
    try:
        item = services.get_sign_on(letter, sign_on_id)
    except NotFound:
        abort(404)
    try:
        # The fingerprint of the change the page showed: a replaced one is refused.
        DECISIONS[decision](item, organiser.email, request.form.get("change") or None)
        db.session.commit()
        flash(str(DONE[decision]))
    except SignonError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    return redirect(url_for("organise.moderation.sign_on", slug=slug, sign_on_id=item.id), code=303)
