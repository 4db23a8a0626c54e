"""Signon plus one endpoint for the load benchmark: a sign-on POST that stops before writing.

It runs what every sign-on runs before the database work (gunicorn, Flask, the session and
its CSRF check, the letter's facts, the WTForms form and its validation, the redirect) and
nothing after, so `bench/load.py` can show the ceiling that leaves for the whole sign-on.
"""

from flask import abort, redirect, url_for
from werkzeug.wrappers import Response

from signon import create_app
from signon.letters.facts import letter_facts
from signon.signing.forms import sign_on_form

app = create_app()


@app.post("/bench/validate-only/<slug>")
def validate_only(slug: str) -> Response:
    """The sign-on form's checks, then the answer a sign-on gets, with nothing stored."""
    letter = letter_facts(slug)
    if letter is None or not letter.takes_sign_ons:
        abort(404)
    if not sign_on_form(letter).validate_on_submit():
        abort(422)
    return redirect(url_for("signing.check_email", slug=slug), code=303)
