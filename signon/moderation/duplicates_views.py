"""Organiser page: review candidate duplicates of a letter; merge, mark distinct, undo."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import IntegerField
from wtforms.validators import InputRequired

from signon.accounts.access import sign_in_required
from signon.core.errors import SignonError
from signon.domain.countries import country_name
from signon.domain.duplicates import Candidate
from signon.domain.names import name_key
from signon.letters.access import organiser_letter
from signon.moderation import duplicates
from signon.moderation.merge_models import SignatoryMerge
from signon.storage.extensions import db
from signon.web.i18n import current_language

# A page stays readable; deciding on the best ones brings the next ones up.
SHOWN = 200


class PairForm(FlaskForm):
    """Two signatories: merge `second` into `first`, or mark them distinct."""

    first = IntegerField(validators=[InputRequired()])
    second = IntegerField(validators=[InputRequired()])


class UndoForm(FlaskForm):
    """A merge to undo."""

    merge_id = IntegerField(validators=[InputRequired()])


def _back(slug: str) -> Response:
    return redirect(url_for("organise.moderation.duplicates", slug=slug), 303)


def sides(candidate: Candidate) -> tuple[str, str] | None:
    """What tells two entries apart when their names read alike: their countries' names."""
    first, second = candidate.first, candidate.second
    if name_key(first.name) != name_key(second.name) or first.country == second.country:
        return None
    language = current_language()
    return country_name(first.country, language), country_name(second.country, language)


@sign_in_required
def review(slug: str) -> str:
    """Candidates best first, and the merges made so far."""
    _, letter = organiser_letter(slug)
    total, shown = duplicates.ranked(letter, SHOWN)
    html = render_template(
        "moderation/duplicates.html",
        letter=letter,
        total=total,
        candidates=shown,
        merges=duplicates.merges(letter),
        form=PairForm(),
        undo_form=UndoForm(),
        sides=sides,
        country_name=country_name,
    )
    # The catch-up judged new sign-ons in this transaction only: a GET writes nothing (it is
    # rolled back); the workers' duplicates job keeps them for the next reader.
    return html


def _decide(slug: str, action: str) -> Response:
    organiser, letter = organiser_letter(slug)
    form = PairForm()
    if not form.validate_on_submit():
        flash(gettext("That form has expired or is incomplete; please try again."), "error")
        return _back(slug)
    try:
        if action == "merge":
            done = duplicates.merge(letter, form.first.data, form.second.data, organiser.email)
            flash(_merged(done), "success")
        elif duplicates.mark_distinct(letter, form.first.data, form.second.data, organiser.email):
            flash(gettext("Marked as different organisations."), "success")
        else:
            flash(gettext("These were already marked as different organisations."), "info")
        db.session.commit()
    except SignonError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    return _back(slug)


def _merged(done: SignatoryMerge) -> str:
    """The confirmation, naming both sides (and their countries when those differ)."""
    kept_country, merged_country = done.target.country, done.source.country
    if kept_country == merged_country:
        return gettext(
            "Merged “%(merged)s” into “%(kept)s”.", merged=done.merged_name, kept=done.kept_name
        )
    language = current_language()
    return gettext(
        "Merged “%(merged)s” (%(merged_country)s) into “%(kept)s” (%(kept_country)s).",
        merged=done.merged_name,
        merged_country=country_name(merged_country, language),
        kept=done.kept_name,
        kept_country=country_name(kept_country, language),
    )


def merge(slug: str) -> Response:
    """Merge the second signatory into the first."""
    return _decide(slug, "merge")


def distinct(slug: str) -> Response:
    """Mark the pair as different organisations, for good."""
    return _decide(slug, "distinct")


def undo(slug: str) -> Response:
    """Split a merge again."""
    organiser, letter = organiser_letter(slug)
    form = UndoForm()
    if not form.validate_on_submit():
        flash(gettext("That form has expired or is incomplete; please try again."), "error")
        return _back(slug)
    try:
        done = duplicates.undo_merge(letter, form.merge_id.data, organiser.email)
        db.session.commit()
        flash(
            gettext(
                "Split “%(merged)s” from “%(kept)s” again.",
                merged=done.merged_name,
                kept=done.kept_name,
            ),
            "success",
        )
    except SignonError as exc:
        flash(str(exc), "error")
    return _back(slug)
