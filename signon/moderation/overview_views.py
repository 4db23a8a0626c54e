"""A letter's overview for its organisers: counts, the next step, the chart and the countries."""

from flask import render_template

from signon.accounts.access import sign_in_required
from signon.letters.access import organiser_letter
from signon.moderation import corrections, log_words, overview
from signon.roster.formats import BUTTONS


@sign_in_required
def letter(slug: str) -> str:
    """A letter's home for its organisers: where it stands and what to do next."""
    organiser, letter = organiser_letter(slug)
    html = render_template(
        "moderation/letter.html",
        letter=letter,
        view=overview.overview(letter),
        export_buttons=BUTTONS,
        log=log_words.in_words(corrections.letter_history(letter, limit=30)),
    )
    # The count judged new arrivals in this request's transaction only: a GET writes
    # nothing (it is rolled back); the workers' duplicates job keeps them.
    return html
