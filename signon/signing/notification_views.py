"""The organiser's settings page: how they hear of confirmed sign-ons."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import RadioField
from wtforms.validators import DataRequired

from signon.accounts.access import require_organiser, sign_in_required
from signon.core.errors import SignonError
from signon.signing import notifications
from signon.storage.extensions import db


class NotifyForm(FlaskForm):
    """How an organiser hears of confirmed sign-ons."""

    notify = RadioField(_l("Tell me about confirmed sign-ons"), validators=[DataRequired()])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.notify.choices = list(notifications.CHOICES.items())


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
            db.session.commit()
            flash(gettext("Saved."))
        return redirect(url_for("organise.signing.settings"), code=303)
    html = render_template("signing/settings.html", form=form, organiser=organiser)
    return html, 422 if form.errors else 200
