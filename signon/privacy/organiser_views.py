"""On a sign-on's organiser page: a copy of its data, or its erasure, on a signatory's request."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.core.errors import NotFound
from signon.letters.access import organiser_letter
from signon.moderation import services
from signon.privacy import access
from signon.privacy.views import json_download
from signon.storage.extensions import db


def _sign_on(slug: str, sign_on_id: int) -> tuple[str, object]:
    organiser, letter = organiser_letter(slug)
    try:
        return organiser.email, services.get_sign_on(letter, sign_on_id)
    except NotFound:
        abort(404)


def sign_on_data(slug: str, sign_on_id: int) -> Response | str:
    """GET: a button (a prefetch takes nothing); POST: the signatory's data as JSON, audited."""
    actor, sign_on = _sign_on(slug, sign_on_id)
    if request.method == "GET":
        return render_template("privacy/sign_on_data.html", letter=sign_on.letter, sign_on=sign_on)
    if not FlaskForm().validate_on_submit():
        abort(400)
    data = access.personal_data(sign_on)
    access.record_download(sign_on, actor)
    db.session.commit()
    return json_download(data, f"sign-on-{sign_on_id}-{slug}.json")


def erase_sign_on(slug: str, sign_on_id: int) -> Response:
    """Erase the contact details on the signatory's request received by other means."""
    actor, sign_on = _sign_on(slug, sign_on_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    kept = access.stays_listed(sign_on)
    if access.erase_contact_details(sign_on, actor):
        db.session.commit()
        flash(
            _("Contact details erased; the organisation stays on the published list.")
            if kept
            else _("Contact details erased and the signature withdrawn.")
        )
    else:
        flash(_("The contact details were erased already."))
    return redirect(
        url_for("organise.moderation.sign_on", slug=slug, sign_on_id=sign_on_id), code=303
    )
