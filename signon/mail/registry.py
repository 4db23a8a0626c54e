"""The mail extension of an app: its email templates, how new mail is handed over, its jobs.

Each feature declares its emails as `EmailTemplate`s; `init_app` registers them all when the
app is set up, so an email with an unregistered template fails when it is queued (a
programming error), never quietly in the sender.
"""

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import Flask, current_app

EXTENSION = "signon.mail"

ContextBuilder = Callable[..., dict[str, object]]


class UnknownEmailTemplate(Exception):
    """An email was queued with a template nobody registered: a bug, not a delivery failure."""


class CannotRender(Exception):
    """What the email is about is gone (a deleted sign-on): no retry can bring it back."""


class NoLongerNeeded(Exception):
    """The email has become pointless before it went out (the sign-on was confirmed)."""


@dataclass(frozen=True)
class EmailTemplate:
    """`email/<name>.txt` and `.html`, and how they are sent."""

    name: str
    # Rebuilds the context from the stored parameters, for emails rendered on sending.
    context: ContextBuilder | None = None
    # Loads what a batch of these emails needs in one query; the result is kept while they
    # render (so that `context` finds its rows in the session).
    prefetch: Callable[[list[dict]], object] | None = None
    # Not a direct answer to the recipient's own action (a new text, a reminder): it carries
    # List-Unsubscribe, and is not sent to an address that unsubscribed from its letter.
    optional: bool = False


@dataclass(frozen=True)
class ScheduledJob:
    """Work the mail worker runs every `every_seconds` (the reminders)."""

    name: str
    run: Callable[[], object]
    every_seconds: float


@dataclass
class MailExtension:
    """Per app: the registered templates, the hand-over of committed mail, the schedule."""

    templates: dict[str, EmailTemplate] = field(default_factory=dict)
    jobs: list[ScheduledJob] = field(default_factory=list)
    # Called with the ids of messages just committed: wake a sender or enqueue jobs.
    hand_over: Callable[[list[int]], None] = lambda ids: None
    # Set when mail is waiting, so an idle sender in this process starts at once.
    wakeup: threading.Event = field(default_factory=threading.Event)

    def template(self, name: str) -> EmailTemplate:
        """The registered template `name`; UnknownEmailTemplate when there is none."""
        try:
            return self.templates[name]
        except KeyError:
            raise UnknownEmailTemplate(f"no email template {name!r} is registered") from None

    def wake(self) -> None:
        """Tell this process's sender that new mail is waiting."""
        self.wakeup.set()


def init_app(
    app: Flask,
    templates: Iterable[EmailTemplate],
    hand_over: Callable[[list[int]], None] | None = None,
    jobs: Iterable[ScheduledJob] = (),
) -> MailExtension:
    """Register the app's emails (each must have both its files) and the mail hand-over."""
    extension = MailExtension(jobs=list(jobs))
    for template in templates:
        if template.name in extension.templates:
            raise ValueError(f"email template {template.name!r} registered twice")
        for suffix in ("txt", "html"):
            app.jinja_env.get_template(f"email/{template.name}.{suffix}")  # fails at start-up
        extension.templates[template.name] = template
    extension.hand_over = hand_over or (lambda ids: extension.wake())
    app.extensions[EXTENSION] = extension
    return extension


def mail_extension(app: Flask | None = None) -> MailExtension:
    """The mail extension of `app` (or of the current app)."""
    return (app or current_app).extensions[EXTENSION]
