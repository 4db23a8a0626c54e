"""The organisers' invitations page of a letter, and the invited contact's prefilled form."""

import sqlalchemy as sa
from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from signon.core.errors import WrongState
from signon.domain.countries import is_country
from signon.domain.regions import INTERNATIONAL_AND_REGIONAL, REGIONS, UNKNOWN
from signon.domain.trust import address_prefix
from signon.invitations import accepting, follow_up, sending
from signon.invitations.choosing import Choice, invitable
from signon.letters import consent
from signon.letters.access import organiser_letter
from signon.letters.models import Letter
from signon.letters.public import public_letter
from signon.letters.translating import in_language
from signon.signing.forms import sign_on_form, sign_on_input
from signon.signing.views import _remember_address
from signon.storage.extensions import db
from signon.web.i18n import LANGUAGES, current_language
from signon.web.limits import honeypot_filled, limit_post
from signon.web.tokens import TokenError

REGION_NAMES = (*REGIONS.values(), INTERNATIONAL_AND_REGIONAL, UNKNOWN)


def read_choice(values: MultiDict, letter: Letter) -> Choice:
    """The organiser's choice from a query string or form; a 400 for values we do not know."""
    try:
        letters = tuple(sorted({int(v) for v in values.getlist("from_letter") if v}))
    except ValueError:
        abort(400)
    countries = tuple(
        sorted({c.strip().upper() for v in values.getlist("country") for c in v.split(",")} - {""})
    )
    regions = tuple(sorted(set(values.getlist("region")) - {""}))
    languages = tuple(sorted(set(values.getlist("language")) - {""}))
    if (
        letter.id in letters
        or not all(map(is_country, countries))
        or not set(regions) <= set(REGION_NAMES)
        or not set(languages) <= set(LANGUAGES)
    ):
        abort(400)
    return Choice(letters, countries, regions, languages)


def _other_letters(letter: Letter) -> list[Letter]:
    return list(
        db.session.scalars(sa.select(Letter).where(Letter.id != letter.id).order_by(Letter.id))
    )


def invitations(slug: str) -> str:
    """Choose whom to invite, see how many and the email in each language; follow them up."""
    _organiser, letter = organiser_letter(slug)
    choice = read_choice(request.args, letter)
    contacts = invitable(letter.id, choice) if letter.takes_sign_ons else []
    return render_template(
        "invitations/organise.html",
        letter=letter,
        choice=choice,
        count=len(contacts),
        previews=sending.previews(letter, contacts),
        letters=_other_letters(letter),
        region_names=REGION_NAMES,
        invite_languages=LANGUAGES,
        follow=follow_up.follow_up(letter.id, current_language()),
        reminded=sending.reminded(letter.id),
        form=FlaskForm(),
    )


def send(slug: str) -> Response:
    """Invite everyone the choice finds now."""
    organiser, letter = organiser_letter(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    choice = read_choice(request.form, letter)
    try:
        count = sending.send_invitations(letter, choice, organiser.email)
    except WrongState as exc:
        flash(str(exc))
        return redirect(url_for("organise.invitations.invitations", slug=slug), code=303)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d invitation queued: the emails go out paced by the outbox.",
            "%(num)d invitations queued: the emails go out paced by the outbox.",
            count,
        )
    )
    return redirect(url_for("organise.invitations.invitations", slug=slug), code=303)


def remind(slug: str) -> Response:
    """Remind those who have not answered, once."""
    organiser, letter = organiser_letter(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        count = sending.remind(letter, organiser.email)
    except WrongState as exc:
        flash(str(exc))
        return redirect(url_for("organise.invitations.invitations", slug=slug), code=303)
    db.session.commit()
    flash(ngettext("%(num)d reminder queued.", "%(num)d reminders queued.", count))
    return redirect(url_for("organise.invitations.invitations", slug=slug), code=303)


def _bad_link(letter: Letter, reason: str, status: int = 400) -> Response:
    html = render_template("invitations/bad_link.html", letter=letter, reason=reason)
    return make_response(html, status)


@limit_post("SIGN_ON_LIMIT_PER_IP", "SIGN_ON_LIMIT_PER_EMAIL")
def form(slug: str, token: str) -> Response:
    """GET: the form filled with the contact's details (nothing is written); POST: sign."""
    letter = public_letter(slug)
    if not letter.takes_sign_ons:
        return _bad_link(letter, "closed", 409)
    try:
        invitation = accepting.invitation_from_token(letter, token)
    except TokenError as exc:
        return _bad_link(letter, exc.reason)
    if request.method == "GET":
        filled = sign_on_form(letter, MultiDict())
        filled.process(data=accepting.prefill(invitation))
        return _form_page(letter, invitation, filled)
    sent = sign_on_form(letter)
    if honeypot_filled(sent):
        return redirect(url_for("signing.check_email", slug=slug), code=303)
    accepting.mark_opened(invitation)
    db.session.commit()
    if not sent.validate_on_submit():
        return _form_page(letter, invitation, sent, 400)
    data = sign_on_input(sent)
    try:
        signed = accepting.sign(
            invitation,
            data,
            ip_prefix=address_prefix(request.remote_addr),
            consent_shown=request.form.get("consent_version", type=int),
            language=current_language(),
        )
    except accepting.LinkUsed:
        return _bad_link(letter, "used")
    except WrongState:
        return _bad_link(letter, "closed", 409)
    if signed.confirmed:
        html = render_template(
            "invitations/thanks.html",
            letter=in_language(letter, current_language()),
            name=data.listed_name,
        )
        return make_response(html)
    _remember_address(slug, data.contact_email)
    return redirect(url_for("signing.check_email", slug=slug), code=303)


def _form_page(letter: Letter, invitation: object, filled: object, status: int = 200) -> Response:
    terms = consent.current(letter)
    html = render_template(
        "invitations/form.html",
        letter=in_language(letter, current_language()),
        form=filled,
        terms=terms,
        consent_words=consent.words(terms),
        token=request.view_args["token"],
    )
    return make_response(html, status)
