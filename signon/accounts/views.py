"""Account pages: sign-in by emailed link, sign-out, and the admins' list of organisers."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.accounts import services as accounts
from signon.accounts import sessions
from signon.accounts.access import (
    current_organiser,
    public_page,
    require_organiser,
    sign_in_required,
    take_return_path,
)
from signon.accounts.forms import EmailForm, InviteForm
from signon.core.errors import SignonError
from signon.storage.extensions import db
from signon.web.limits import limit_post
from signon.web.links import link, needed
from signon.web.tokens import TokenError

# Where a signed-in organiser lands: a page of moderation, above this package.
HOME = needed("the organiser's dashboard")


@public_page
@limit_post("SIGN_IN_LIMIT_PER_IP", "SIGN_IN_LIMIT_PER_EMAIL")
def sign_in() -> Response | str | tuple[str, int]:
    """Ask for a sign-in link; every address gets the same answer."""
    form = EmailForm()
    if form.validate_on_submit():
        accounts.request_sign_in(form.email.data)
        db.session.commit()
        return redirect(url_for("organise.accounts.check_email"), code=303)
    status = 422 if form.errors else 200
    return render_template("accounts/sign_in.html", form=form), status


@public_page
def check_email() -> str:
    """The same page whether the address is known or not."""
    return render_template("accounts/check_email.html")


@public_page
def sign_in_link(token: str) -> Response | str | tuple[str, int]:
    """GET shows a button (mail scanners open links); the POST signs in."""
    try:
        organiser = accounts.organiser_from_token(token)
    except TokenError as exc:
        return render_template("accounts/bad_link.html", reason=exc.reason), 400
    form = FlaskForm()
    if form.validate_on_submit():
        accounts.complete_sign_in(organiser)
        back = take_return_path()
        sessions.begin(organiser)
        db.session.commit()
        flash(gettext("Signed in as %(email)s.", email=organiser.email))
        return redirect(back or link(HOME), code=303)
    return render_template("accounts/sign_in_link.html", organiser=organiser, form=form)


@public_page
def sign_out() -> Response:
    """End the session, on the server too: a copy of the cookie opens nothing any more."""
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    sessions.end(current_organiser())
    db.session.commit()
    flash(gettext("You are signed out."))
    return redirect(url_for("organise.accounts.sign_in"), code=303)


@sign_in_required
def organisers() -> Response | str | tuple[str, int]:
    """Admins invite organisers."""
    organiser = require_organiser()
    if not organiser.is_admin:
        abort(404)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invited = accounts.invite_organiser(
                form.email.data, actor=organiser.email, is_admin=form.is_admin.data
            )
        except SignonError as exc:
            form.email.errors.append(str(exc))
        else:
            db.session.commit()
            flash(gettext("Invited %(email)s.", email=invited.email))
            return redirect(url_for("organise.accounts.organisers"), code=303)
    html = render_template(
        "accounts/organisers.html", form=form, everyone=accounts.all_organisers()
    )
    return html, 422 if form.errors else 200
