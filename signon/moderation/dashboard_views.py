"""The organiser's dashboard: their letters with status and counts."""

from flask import redirect, render_template, url_for
from werkzeug.wrappers import Response

from signon.accounts.access import current_organiser, sign_in_required
from signon.letters import team
from signon.moderation import duplicates, services
from signon.signing.models import SignOnStatus


def status_label(status: str) -> str:
    """A sign-on status as organisers read it ("verified" is "confirmed")."""
    return SignOnStatus(status).label


@sign_in_required
def dashboard() -> Response | str:
    """My letters with their status and counts."""
    organiser = current_organiser()
    if organiser is None:
        return redirect(url_for("organise.accounts.sign_in"))
    rows = [
        (letter, services.counts(letter), duplicates.count(letter))
        for letter in team.letters_of(organiser)
    ]
    html = render_template("moderation/dashboard.html", organiser=organiser, rows=rows)
    # The counts judged new arrivals in this request's transaction only: a GET writes
    # nothing (it is rolled back); the workers' duplicates job keeps them.
    return html
