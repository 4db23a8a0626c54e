"""Signing a letter: the form's POST, the check-your-email page, and confirmation."""

from flask import (
    abort,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from signon.core.errors import WrongState
from signon.domain.trust import address_prefix
from signon.letters.facts import letter_facts
from signon.letters.public import public_letter
from signon.letters.translating import in_language
from signon.signing import email_check, letter_page, resend, services
from signon.signing.forms import SignOnForm, sign_on_form, sign_on_input
from signon.signing.letter_page import render_letter_page
from signon.storage.extensions import db
from signon.storage.sqlite import read_only, reads_before_writing
from signon.web import returned_form
from signon.web.i18n import current_language
from signon.web.limits import honeypot_filled, limit_post
from signon.web.outage import unavailable_message
from signon.web.tokens import TokenError

# Session key: the letter and address of this visitor's last sign-on, for check-your-email.
SENT_TO = "signon_sent_to"


def _remember_address(slug: str, email: str) -> None:
    """Keep the address typed, to show it on check-your-email (the visitor's own, nobody else's)."""
    session[SENT_TO] = {"slug": slug, "email": (email or "")[:254], "resent": False}


def _sent_to(slug: str) -> dict | None:
    sent = session.get(SENT_TO)
    return sent if isinstance(sent, dict) and sent.get("slug") == slug else None


@limit_post("SIGN_ON_LIMIT_PER_IP", "SIGN_ON_LIMIT_PER_EMAIL")
@unavailable_message(
    _l(
        "Our database stopped answering while we took your sign-on, so we cannot tell whether "
        "it reached us. If it did, an email asking you to confirm it will arrive within a few "
        "minutes. If none comes, send the form again in a minute: sending it twice never "
        "signs twice."
    )
)
@reads_before_writing
def sign(slug: str) -> Response | tuple[str, int]:
    """Take a sign-on; a repeat gets the same answer, so the form reveals nothing."""
    letter = letter_facts(slug)
    if letter is None or not letter.is_public:
        abort(404)
    if not letter.takes_sign_ons:
        return render_letter_page(public_letter(slug), None, status=409)
    sent = _as_chosen(request.form)
    form = sign_on_form(letter, sent)
    if honeypot_filled(form):
        _remember_address(slug, request.form.get("contact_email", ""))
        return redirect(url_for("signing.check_email", slug=slug), code=303)
    valid = form.validate_on_submit()
    better = None
    if "contact_email" not in form.errors:
        checked = request.form.get("email_checked", "")
        better = email_check.suggestion(letter.id, form.contact_email.data or "", checked)
    if not valid or better:
        return _sent_back(slug, form, sent, better)
    data = sign_on_input(form)
    try:
        services.submit_sign_on(
            letter,
            data,
            ip_prefix=address_prefix(request.remote_addr),
            consent_shown=request.form.get("consent_version", type=int),
            language=current_language(),
        )
    except WrongState:
        return render_letter_page(public_letter(slug), None, status=409)
    _remember_address(slug, data.contact_email)
    return redirect(url_for("signing.check_email", slug=slug), code=303)


def _as_chosen(sent: MultiDict) -> MultiDict:
    """The form as sent, with the address the signer chose from "Did you mean…?" if they did."""
    chosen = sent.copy()
    if sent.get("use_email"):
        chosen.setlist("contact_email", [sent["use_email"]])
    return chosen


def _sent_back(slug: str, form: SignOnForm, sent: MultiDict, better: str | None) -> Response:
    """Back to the form with what was typed, its errors or question (post/redirect/get)."""
    extra = {"suggestion": better, "checked": form.contact_email.data or ""} if better else {}
    returned_form.keep(letter_page.form_kept_for(slug), form._fields, form.errors, sent, **extra)
    return redirect(url_for("signing.show", slug=slug, _anchor="sign"), code=303)


@read_only
def check_email(slug: str) -> Response:
    """Where a sign-on lands: the address the email went to, and one offer to send it again."""
    html = render_template(
        "signing/check_email.html",
        letter=in_language(public_letter(slug), current_language()),
        sent=_sent_to(slug),
        form=FlaskForm(),
    )
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"  # it shows the visitor's address
    return response


def _resend_address() -> str:
    """The address of the sign-on a resend acts on: its per-email limit counts against it."""
    sent = _sent_to((request.view_args or {}).get("slug", ""))
    return str(sent.get("email", "")) if sent else ""


@limit_post("RESEND_LIMIT_PER_IP", "RESEND_LIMIT_PER_EMAIL", email_of=_resend_address)
def resend_email(slug: str) -> Response:
    """Send the confirmation again, once; the same answer whether or not one was waiting."""
    letter = public_letter(slug)
    sent = _sent_to(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if sent is not None and not sent.get("resent"):
        resend.resend_confirmation(letter, sent.get("email", ""))
        db.session.commit()
        session[SENT_TO] = {**sent, "resent": True}
    return redirect(url_for("signing.check_email", slug=slug), code=303)


def confirm(slug: str, token: str) -> Response:
    """GET shows a button (mail scanners open links); the POST confirms."""
    html, status = _confirm_page(slug, token)
    response = make_response(html, status)
    # It names the sign-on and holds a one-time link's form: no cache keeps it.
    response.headers["Cache-Control"] = "no-store"
    return response


def _confirm_page(slug: str, token: str) -> tuple[str, int]:
    letter = public_letter(slug)
    try:
        sign_on = services.sign_on_from_token(letter, token)
    except TokenError as exc:
        return render_template("signing/bad_link.html", letter=letter, reason=exc.reason), 400
    form = FlaskForm()
    # The page shows the letter in the page's language, as the form it was signed on did.
    shown = in_language(letter, current_language())
    if sign_on.status != "pending":
        page = render_template(
            "signing/confirmed.html", letter=shown, sign_on=sign_on, already=True
        )
        return page, 200
    closed = render_template("signing/confirm_closed.html", letter=shown, sign_on=sign_on), 409
    if not letter.takes_sign_ons:
        return closed
    if request.method == "POST" and form.validate_on_submit():
        try:
            services.confirm_sign_on(sign_on)
        except WrongState:  # it closed a moment ago
            return closed
        db.session.commit()
        page = render_template(
            "signing/confirmed.html", letter=shown, sign_on=sign_on, already=False
        )
        return page, 200
    return render_template("signing/confirm.html", letter=shown, sign_on=sign_on, form=form), 200
