"""A letter's team page: its organisers; owners and admins add co-organisers."""

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.accounts.area import bp
from signon.accounts.forms import EmailForm
from signon.errors import SignonError
from signon.extensions import db
from signon.letters import team
from signon.letters.access import organiser_letter


@bp.route("/letters/<slug>/team", methods=["GET", "POST"], endpoint="team")
@sign_in_required
def team_page(slug: str) -> Response | str | tuple[str, int]:
    """The letter's organisers; owners and admins add co-organisers by email."""
    organiser, letter = organiser_letter(slug)
    may_add = team.can_manage_team(organiser, letter)
    form = EmailForm()
    if form.is_submitted():
        if not may_add:
            abort(403)
        if form.validate():
            try:
                added = team.add_member(letter, form.email.data, actor=organiser.email, invite=True)
            except SignonError as exc:
                form.email.errors.append(str(exc))
            else:
                db.session.commit()
                flash(f"{added.email} now organises this letter; we emailed them.")
                return redirect(url_for("organisers.team", slug=slug), code=303)
    html = render_template(
        "organisers/team.html",
        letter=letter,
        members=team.team(letter),
        form=form if may_add else None,
    )
    return html, 422 if form.errors else 200
