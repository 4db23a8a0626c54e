"""A letter's webhooks page: its owners add endpoints, read the delivery log, test, resend."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.accounts.models import Organiser
from signon.core.errors import NotFound, SignonError
from signon.letters.access import organiser_letter
from signon.letters.models import Letter
from signon.letters.team import can_manage_team
from signon.storage.extensions import db
from signon.webhooks import endpoints as service
from signon.webhooks.forms import EVENT_LABELS, EndpointForm
from signon.webhooks.models import WebhookEndpoint


def _owners_letter(slug: str) -> tuple[Organiser, Letter]:
    organiser, letter = organiser_letter(slug)
    if not can_manage_team(organiser, letter):
        abort(403)
    return organiser, letter


def _endpoint(letter: Letter, endpoint_id: int) -> WebhookEndpoint:
    try:
        return service.endpoint_of(letter, endpoint_id)
    except NotFound:
        abort(404)


def _page(letter: Letter, form: EndpointForm, secret: str = "", status: int = 200) -> tuple:
    listed = [(e, service.recent(e)) for e in service.endpoints(letter)]
    html = render_template(
        "webhooks/endpoints.html",
        letter=letter,
        form=form,
        listed=listed,
        secret=secret,
        labels=EVENT_LABELS,
    )
    return html, status


@sign_in_required
def endpoints(slug: str) -> Response | tuple:
    """The endpoints with their delivery logs; the form adds one (its secret shown once)."""
    organiser, letter = _owners_letter(slug)
    form = EndpointForm()
    if not form.is_submitted():
        return _page(letter, form)
    if form.validate():
        try:
            _, secret = service.add(letter, form.url.data, form.events.data, organiser.email)
        except SignonError as exc:
            db.session.rollback()
            form.url.errors.append(str(exc))
        else:
            db.session.commit()
            # Answered here, not redirected: the secret is in this page and nowhere else.
            return _page(letter, EndpointForm(formdata=None), secret=secret, status=201)
    return _page(letter, form, status=422)


def _back(slug: str) -> Response:
    return redirect(url_for("organise.webhooks.endpoints", slug=slug), code=303)


@sign_in_required
def send_test(slug: str, endpoint_id: int) -> Response:
    """Queue a test event to the endpoint."""
    _, letter = _owners_letter(slug)
    service.send_test(letter, _endpoint(letter, endpoint_id))
    db.session.commit()
    flash(gettext("A test event is on its way; its delivery shows in the log below."))
    return _back(slug)


@sign_in_required
def resend(slug: str, endpoint_id: int, delivery_id: int) -> Response:
    """Send one delivery again."""
    _, letter = _owners_letter(slug)
    try:
        service.resend(_endpoint(letter, endpoint_id), delivery_id)
    except NotFound:
        abort(404)
    db.session.commit()
    flash(gettext("The event will be sent again."))
    return _back(slug)


@sign_in_required
def resume(slug: str, endpoint_id: int) -> Response:
    """Send to a paused endpoint again."""
    _, letter = _owners_letter(slug)
    service.resume(_endpoint(letter, endpoint_id))
    db.session.commit()
    flash(gettext("The webhook is resumed."))
    return _back(slug)


@sign_in_required
def remove(slug: str, endpoint_id: int) -> Response:
    """Delete the endpoint, its queue and its log."""
    organiser, letter = _owners_letter(slug)
    service.remove(letter, _endpoint(letter, endpoint_id), organiser.email)
    db.session.commit()
    flash(gettext("The webhook is deleted."))
    return _back(slug)
