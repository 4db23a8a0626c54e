"""The privacy notice of a letter, and a signatory's own copy and erasure of their data."""

import json
from collections.abc import Callable
from functools import wraps

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.letters import consent
from signon.letters.markdown import render_markdown
from signon.letters.models import Letter
from signon.letters.public import public_letter
from signon.privacy import access, retention
from signon.signing.models import SignOn
from signon.signing.self_service import sign_on_from_manage_token
from signon.storage.extensions import db
from signon.web.tokens import TokenError


def private(view: Callable[..., object]) -> Callable[..., Response]:
    """A page reached by a personal link: never cached, and the link never sent onwards."""

    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> Response:
        response = make_response(view(*args, **kwargs))
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return wrapped


def json_download(data: dict, filename: str) -> Response:
    """A JSON attachment that no cache keeps."""
    response = make_response(json.dumps(data, ensure_ascii=False, indent=2))
    response.mimetype = "application/json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def notice(slug: str) -> str:
    """Who holds the data, what is kept, who sees it, how long, how to get it or erase it."""
    letter = public_letter(slug)
    number = request.args.get("version", type=int)
    terms = consent.current(letter)
    if number is not None and number != terms.number:
        terms = consent.get_version(letter.id, number) or abort(404)
    return render_template(
        "privacy/notice.html",
        letter=letter,
        terms=terms,
        consent_words=consent.words(terms),
        controller=consent.controller_words(terms),
        is_current=terms.number == letter.consent_version,
        notice=render_markdown(terms.notice_text),
        last_day=retention.last_day_kept(letter),
    )


def _own_sign_on(letter: Letter, token: str) -> SignOn:
    try:
        return sign_on_from_manage_token(letter, token)
    except TokenError:
        abort(400, description=_("This link is not valid. Use the link in your latest email."))


@private
def my_data(slug: str, token: str) -> Response | str:
    """GET: a button (mail scanners and prefetches open links); POST: my data as JSON, audited."""
    letter = public_letter(slug)
    sign_on = _own_sign_on(letter, token)
    if request.method == "GET":
        return render_template("privacy/my_data.html", letter=letter)
    if not FlaskForm().validate_on_submit():
        abort(400)
    data = access.personal_data(sign_on)
    access.record_download(sign_on, access.SIGNATORY)
    db.session.commit()
    return json_download(data, f"my-signature-{slug}.json")


@private
def erase_mine(slug: str, token: str) -> Response:
    """Erase my contact details (and, before publication, withdraw the signature)."""
    letter = public_letter(slug)
    sign_on = _own_sign_on(letter, token)
    if not FlaskForm().validate_on_submit():
        abort(400)
    kept = access.stays_listed(sign_on)
    if access.erase_contact_details(sign_on, access.SIGNATORY):
        db.session.commit()
        flash(
            _("Your contact details are erased. Your organisation stays on the published letter.")
            if kept
            else _("Your contact details are erased and your signature is withdrawn.")
        )
    else:
        flash(_("Your contact details were erased already."))
    return redirect(url_for("signing.self_service.manage", slug=slug, token=token), code=303)
