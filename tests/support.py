"""Helpers for tests: settings, a valid sign-on, the SMTP inbox, CSRF tokens, free ports,
required services, letters as stored."""

import email
import os
import re
import socket
from email import policy
from email.message import EmailMessage

import pytest
from flask import Flask

from signon.letters import editing, services
from signon.letters.models import Letter, LetterStatus
from signon.storage.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"


def app_config(database_url: str, smtp_port: int, **extra: object) -> dict:
    """Settings of an application under test."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "AUTO_MIGRATE": False,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_port,
        "MAIL_TIMEOUT": 5,
        "MAIL_BACKGROUND_SENDER": False,
        "BASE_URL": "https://sign.example.org",
        # Tests sign many times from one address; tests of the limits turn them on.
        "RATELIMIT_ENABLED": False,
        # Tests look at a page right after changing what it shows.
        "PUBLIC_PAGE_FRESH_SECONDS": 0,
        "LETTER_FACTS_SECONDS": 0,
        **extra,
    }


VALID_SIGN_ON = {
    "organisation": "Réseau Equitas Côte d'Ivoire",
    "acronym": "REQCI",
    "country": "CI",
    "website": "equitas.example.org",
    "contact_name": "Awa Koné",
    "contact_email": "awa@equitas.example.org",
    "role": "Director",
    "consent": "y",
}


def requires(condition: bool, reason: str) -> None:
    """Skip when a service is missing here; in CI the same absence is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def csrf_token(html: str) -> str:
    """The CSRF token of the first form in a page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in page"
    return match.group(1)


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        """Messages addressed to `address`."""
        return [m for m in self.messages if address in m["To"]]

    @staticmethod
    def text(message: EmailMessage) -> str:
        return message.get_body(("plain",)).get_content()

    @staticmethod
    def html(message: EmailMessage) -> str:
        return message.get_body(("html",)).get_content()

    def link(self, message: EmailMessage) -> str:
        """The confirmation link in a message's plain text."""
        match = re.search(r"https?://\S+/confirm/\S+", self.text(message))
        assert match, self.text(message)
        return match.group(0)


def create_letter(slug: str, title: str, body: str, **options: object) -> Letter:
    """A letter made and committed the way `flask letter create` makes one."""
    letter = services.create_letter(slug, title, body, **options)
    db.session.commit()
    return letter


def close_letter(slug: str) -> None:
    """Close a letter the way `flask letter close` does."""
    editing.change_status(services.get_letter(slug), LetterStatus.CLOSED, "test")
    db.session.commit()


def letter_row(app: Flask, slug: str) -> Letter:
    """The letter as stored."""
    with app.app_context():
        return services.get_letter(slug)
