"""A letter's team page: its organisers; owners and admins add co-organisers."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.accounts.forms import TeamForm
from signon.core.errors import SignonError
from signon.letters import team
from signon.letters.access import organiser_letter
from signon.letters.models import Letter
from signon.storage.extensions import db
from signon.web.links import link, needed

# The webhooks page (a package above this one), linked for owners.
WEBHOOKS_PAGE = needed("webhooks: a letter's endpoints")
# The letter's API keys (the api package, above): its owners make them from here.
API_KEYS_PAGE = needed("api: a letter's API keys")


@sign_in_required
def team_page(slug: str) -> Response | str | tuple[str, int]:
    """The letter's organisers; owners and admins add co-organisers, admins add owners."""
    organiser, letter = organiser_letter(slug)
    may_add = team.can_manage_team(organiser, letter)
    form = TeamForm()
    if form.is_submitted():
        if not may_add or (form.is_owner.data and not organiser.is_admin):
            abort(403)
        if form.validate():
            try:
                added = _add_to_team(letter, form, organiser.email)
            except SignonError as exc:
                db.session.rollback()
                form.email.errors.append(str(exc))
            else:
                db.session.commit()
                flash(added)
                return redirect(url_for("organise.letters.team", slug=slug), code=303)
    html = render_template(
        "letters/team.html",
        letter=letter,
        members=team.team(letter),
        form=form if may_add else None,
        may_add_owners=organiser.is_admin,
        webhooks_url=link(WEBHOOKS_PAGE, slug=slug) if may_add else None,
        api_keys_url=link(API_KEYS_PAGE, slug=slug) if may_add else None,
    )
    return html, 422 if form.errors else 200


def _add_to_team(letter: Letter, form: TeamForm, actor: str) -> str:
    """Add the co-organiser or owner the form names; what to tell the organiser."""
    if form.is_owner.data:
        added = team.add_owner(letter, form.email.data, actor=actor, invite=True)
        return gettext("%(email)s now owns this letter.", email=added.email)
    added = team.add_member(letter, form.email.data, actor=actor, invite=True)
    return gettext("%(email)s now organises this letter; we emailed them.", email=added.email)
