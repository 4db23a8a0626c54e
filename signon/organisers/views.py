"""Organiser pages: sign-in by emailed link, the dashboard, and a letter's team."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.errors import SignonError
from signon.extensions import db
from signon.letters.models import LetterStatus
from signon.limits import limit_post
from signon.organisers import accounts, duplicates, notifications, services, sessions
from signon.organisers.access import (
    current_organiser,
    organiser_letter,
    require_organiser,
    sign_in_required,
    take_return_path,
)
from signon.organisers.forms import EmailForm, InviteForm, NotifyForm
from signon.signing.models import SignOnStatus
from signon.tokens import TokenError

bp = Blueprint("organisers", __name__, url_prefix="/organise")


@bp.after_request
def _private(response: Response) -> Response:
    # Organiser pages show contact data: keep them out of shared caches and history.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.app_template_filter("status_label")
def status_label(status: str) -> str:
    """A sign-on status as organisers read it ("verified" is "confirmed")."""
    return SignOnStatus(status).label


@bp.app_template_filter("letter_status")
def letter_status(status: str) -> str:
    """A letter's status as organisers read it."""
    return LetterStatus(status).label


@bp.route("/sign-in", methods=["GET", "POST"])
@limit_post("SIGN_IN_LIMIT_PER_IP", "SIGN_IN_LIMIT_PER_EMAIL")
def sign_in() -> Response | str | tuple[str, int]:
    """Ask for a sign-in link; every address gets the same answer."""
    form = EmailForm()
    if form.validate_on_submit():
        accounts.request_sign_in(form.email.data)
        return redirect(url_for("organisers.check_email"), code=303)
    status = 422 if form.errors else 200
    return render_template("organisers/sign_in.html", form=form), status


@bp.get("/sign-in/sent")
def check_email() -> str:
    """The same page whether the address is known or not."""
    return render_template("organisers/check_email.html")


@bp.route("/sign-in/<token>", methods=["GET", "POST"])
def sign_in_link(token: str) -> Response | str | tuple[str, int]:
    """GET shows a button (mail scanners open links); the POST signs in."""
    try:
        organiser = accounts.organiser_from_token(token)
    except TokenError as exc:
        return render_template("organisers/bad_link.html", reason=exc.reason), 400
    form = FlaskForm()
    if form.validate_on_submit():
        accounts.complete_sign_in(organiser)
        back = take_return_path()
        sessions.begin(organiser)
        flash(_("Signed in as %(email)s.", email=organiser.email))
        return redirect(back or url_for("organisers.dashboard"), code=303)
    return render_template("organisers/sign_in_link.html", organiser=organiser, form=form)


@bp.post("/sign-out")
def sign_out() -> Response:
    """End the session, on the server too: a copy of the cookie opens nothing any more."""
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    sessions.end(current_organiser())
    db.session.commit()
    flash(_("You are signed out."))
    return redirect(url_for("organisers.sign_in"), code=303)


@bp.get("/")
@sign_in_required
def dashboard() -> Response | str:
    """My letters with their status and counts."""
    organiser = current_organiser()
    if organiser is None:
        return redirect(url_for("organisers.sign_in"))
    rows = [
        (letter, services.counts(letter), len(duplicates.candidates(letter)))
        for letter in accounts.letters_of(organiser)
    ]
    return render_template("organisers/dashboard.html", organiser=organiser, rows=rows)


@bp.route("/letters/<slug>/team", methods=["GET", "POST"])
@sign_in_required
def team(slug: str) -> Response | str | tuple[str, int]:
    """The letter's organisers; owners and admins add co-organisers by email."""
    organiser, letter = organiser_letter(slug)
    may_add = accounts.can_manage_team(organiser, letter)
    form = EmailForm()
    if form.is_submitted():
        if not may_add:
            abort(403)
        if form.validate():
            try:
                added = accounts.add_member(
                    letter, form.email.data, actor=organiser.email, invite=True
                )
            except SignonError as exc:
                form.email.errors.append(str(exc))
            else:
                flash(_("%(email)s now organises this letter; we emailed them.", email=added.email))
                return redirect(url_for("organisers.team", slug=slug), code=303)
    html = render_template(
        "organisers/team.html",
        letter=letter,
        members=accounts.team(letter),
        form=form if may_add else None,
    )
    return html, 422 if form.errors else 200


@bp.route("/settings", methods=["GET", "POST"])
@sign_in_required
def settings() -> Response | tuple[str, int]:
    """The organiser's choice of notification: each sign-on, a daily digest, or none."""
    organiser = require_organiser()
    form = NotifyForm(notify=organiser.notify)
    if form.validate_on_submit():
        try:
            notifications.set_preference(organiser, form.notify.data)
        except SignonError as exc:
            flash(str(exc), "error")
        else:
            flash(_("Saved."))
        return redirect(url_for("organisers.settings"), code=303)
    html = render_template("organisers/settings.html", form=form, organiser=organiser)
    return html, 422 if form.errors else 200


@bp.route("/organisers", methods=["GET", "POST"])
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
            flash(_("Invited %(email)s.", email=invited.email))
            return redirect(url_for("organisers.organisers"), code=303)
    html = render_template(
        "organisers/organisers.html", form=form, everyone=accounts.all_organisers()
    )
    return html, 422 if form.errors else 200


from signon.organisers import (  # noqa: E402, F401 - routes on `bp`
    change_views,
    editor_views,
    moderation_views,
    overview_views,
    version_views,
)
from signon.privacy import organiser_views  # noqa: E402, F401 - routes on `bp`
