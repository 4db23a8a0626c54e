"""`/dev/outbox`: read the emails on a machine without an SMTP server."""

import ipaddress

import sqlalchemy as sa
from flask import abort, current_app, render_template, request

from signon.mail.models import OutboxMessage
from signon.mail.outbox import render
from signon.mail.registry import CannotRender, NoLongerNeeded
from signon.storage.extensions import db


def from_this_machine() -> bool:
    """Whether the request comes from loopback: the connection's peer, and the client a
    trusted proxy names if there is one (ProxyFix keeps the peer's own address)."""
    peer = request.environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR")
    for address in {request.remote_addr, peer or request.remote_addr}:
        try:
            if not ipaddress.ip_address(address or "").is_loopback:
                return False
        except ValueError:
            return False
    return True


def only_when_allowed() -> None:
    """Every email, sign-in links included: for the developer at this machine only."""
    cfg = current_app.config
    if cfg["MAIL_SERVER"] or not (current_app.debug or cfg["DEV_OUTBOX"]):
        abort(404)
    if not from_this_machine():
        abort(404)


def outbox() -> str:
    """The latest emails, newest first."""
    messages = db.session.scalars(
        sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200)
    ).all()
    return render_template("mail/outbox.html", messages=messages)


def message(message_id: int) -> str:
    """One email, as its recipient would see it."""
    item = db.session.get(OutboxMessage, message_id) or abort(404)
    try:
        render(item)  # one the sender has not reached yet (nothing is stored: this is a GET)
    except (CannotRender, NoLongerNeeded) as exc:
        item.body_text = f"(This email cannot be rendered: {exc}.)"
    return render_template("mail/message.html", message=item)
