"""The organisers' pages of the API: a letter's keys (made, listed, revoked) and its guide."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.accounts.models import Organiser
from signon.api import keys
from signon.api.forms import NewKeyForm
from signon.core.errors import SignonError
from signon.letters import team
from signon.letters.access import organiser_letter
from signon.letters.models import Letter
from signon.storage.extensions import db
from signon.web.urls import external_url


def _owned(slug: str) -> tuple[Organiser, Letter]:
    """The letter, for its owners and the admins: the keys reach its whole list."""
    organiser, letter = organiser_letter(slug)
    if not team.can_manage_team(organiser, letter):
        abort(403)
    return organiser, letter


@sign_in_required
def keys_page(slug: str) -> str | tuple[str, int]:
    """The letter's keys; a new one is shown once, on the answer to the form that made it."""
    organiser, letter = _owned(slug)
    form = NewKeyForm()
    made = None
    if form.validate_on_submit():
        try:
            made = keys.create_key(
                letter,
                name=form.name.data,
                scope=form.scope.data,
                contacts=form.contacts.data,
                actor=organiser.email,
            )
        except SignonError as exc:
            db.session.rollback()
            form.name.errors.append(str(exc))
        else:
            db.session.commit()
            form = NewKeyForm(formdata=None)
    html = render_template(
        "api/keys.html",
        letter=letter,
        form=form,
        made=made,
        keys=keys.keys_of(letter),
        revoke_form=FlaskForm(),
    )
    return html, 422 if form.errors else 200


@sign_in_required
def revoke(slug: str, key_id: int) -> Response:
    """Revoke a key: every request with it answers 401 from now on."""
    organiser, letter = _owned(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        row = keys.revoke_key(letter, key_id, actor=organiser.email)
    except SignonError:
        abort(404)
    db.session.commit()
    flash(gettext("The key “%(name)s” is revoked: it no longer works.", name=row.name))
    return redirect(url_for("organise.api.keys", slug=slug), code=303)


@sign_in_required
def guide(slug: str) -> str:
    """How to use the API, with examples on this service's address, for the CRM person."""
    _organiser, letter = organiser_letter(slug)
    return render_template(
        "api/guide.html",
        letter=letter,
        petition_url=external_url("api.petition", slug=slug),
        signatures_url=external_url("api.signatures", slug=slug),
        openapi_url=external_url("api.openapi"),
    )
