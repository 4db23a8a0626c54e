"""The publish step: what is still open, the day the letter went out, the email to signatories.

It answers the editor's own "Publish…" link (`organisers.status` with target "published"):
this rule names the target, so the router prefers it to the editor's generic one.
"""

from datetime import timedelta

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import BooleanField, DateField
from wtforms.validators import Optional

from signon.accounts.access import sign_in_required
from signon.core.errors import SignonError
from signon.letters import editing
from signon.letters.access import organiser_letter
from signon.letters.models import Letter, LetterStatus
from signon.moderation import publishing
from signon.signing import publication_notices
from signon.storage.database import utcnow
from signon.storage.extensions import db


class PublishForm(FlaskForm):
    """The day the letter went out (today unless changed) and whether signatories hear of it."""

    sent_on = DateField(
        _l("Day the letter went out"),
        validators=[Optional()],
        # An empty field is today; a day that is no date is explained, never guessed.
        render_kw={"required": True},
    )
    notify = BooleanField(_l("Email the approved signatories that the letter went out"))


def _form(letter: Letter) -> PublishForm:
    today = utcnow().date()
    form = PublishForm(data={"sent_on": today, "notify": True})
    form.sent_on.render_kw = {**form.sent_on.render_kw, "max": today + timedelta(days=1)}
    return form


def _page(letter: Letter, form: PublishForm, status: int = 200) -> tuple[str, int]:
    html = render_template(
        "moderation/publish.html",
        letter=letter,
        allowed=editing.may_move(letter, LetterStatus.PUBLISHED),
        still_open=publishing.still_open(letter),
        recipients=len(publication_notices.recipients(letter)),
        form=form,
    )
    return html, status


@sign_in_required
def publish(slug: str) -> Response | tuple[str, int]:
    """GET: what is still open and the questions; POST: publish, as of the chosen day."""
    organiser, letter = organiser_letter(slug)
    form = _form(letter)
    if not form.validate_on_submit():
        return _page(letter, form, 422 if form.errors else 200)
    try:
        day = editing.sent_on_checked(form.sent_on.data)
    except SignonError as exc:
        form.sent_on.errors = [str(exc)]
        return _page(letter, form, 422)
    try:
        told = publishing.publish(letter, organiser.email, day, bool(form.notify.data))
        db.session.commit()
    except SignonError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("organise.letters.edit", slug=slug), code=303)
    flash(_("The letter is now %(status)s.", status=LetterStatus.PUBLISHED.label))
    if told:
        flash(
            ngettext(
                "%(num)d signatory will get an email that the letter went out.",
                "%(num)d signatories will get an email that the letter went out.",
                told,
            )
        )
    return redirect(url_for("organise.letters.edit", slug=slug), code=303)
