"""Mail's pages, declared in one place: unsubscribing, and the developer's outbox."""

from flask import Blueprint

from signon.mail import unsubscribe, views

public_pages = Blueprint("mail", __name__)
public_pages.add_url_rule(
    "/unsubscribe/<token>", "unsubscribe", unsubscribe.unsubscribe, methods=("GET", "POST")
)

# Every email, sign-in links included: for the developer at this machine only.
dev = Blueprint("dev", __name__)
dev.before_request(views.only_when_allowed)
dev.add_url_rule("/dev/outbox", "outbox", views.outbox)
dev.add_url_rule("/dev/outbox/<int:message_id>", "message", views.message)
public_pages.register_blueprint(dev)
