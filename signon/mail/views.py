"""`/dev/outbox`: read the emails on a machine without an SMTP server."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, render_template

from signon.extensions import db
from signon.mail.models import OutboxMessage
from signon.mail.outbox import render
from signon.mail.registry import CannotRender, NoLongerNeeded

bp = Blueprint("dev", __name__, url_prefix="/dev")


@bp.before_request
def _only_when_allowed() -> None:
    cfg = current_app.config
    if cfg["MAIL_SERVER"] or not (current_app.debug or cfg["DEV_OUTBOX"]):
        abort(404)


@bp.get("/outbox")
def outbox() -> str:
    """The latest emails, newest first."""
    messages = db.session.scalars(
        sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200)
    ).all()
    return render_template("dev/outbox.html", messages=messages)


@bp.get("/outbox/<int:message_id>")
def message(message_id: int) -> str:
    """One email, as its recipient would see it."""
    item = db.session.get(OutboxMessage, message_id) or abort(404)
    try:
        render(item)  # one the sender has not reached yet (nothing is stored: this is a GET)
    except (CannotRender, NoLongerNeeded) as exc:
        item.body_text = f"(This email cannot be rendered: {exc}.)"
    return render_template("dev/message.html", message=item)
