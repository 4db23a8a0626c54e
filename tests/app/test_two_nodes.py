"""Two app servers behind one nginx, one PostgreSQL, one Redis: one service, whichever answers.

Node A and node B are separate gunicorns on their own ports (as on two machines), both in
nginx's `upstream`; the browser below keeps one cookie jar for both, as one site's visitor.
"""

import re
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa

from signon.mail import sender
from signon.mail.models import OutboxMessage
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.app.test_limits_workers import redis_url  # noqa: F401 - the fixture
from tests.servers import ROOT, Gunicorn, Nginx
from tests.support import VALID_SIGN_ON, csrf_token


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor: one cookie for every node; redirects are answers, not followed.

    (The cookie is Secure, for https: sent by hand over the test's plain http.)
    """

    def __init__(self) -> None:
        self.cookie = ""
        self.opener = urllib.request.build_opener(_NoRedirect)

    def get(self, url: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(url))  # noqa: S310 - http to loopback

    def post(self, url: str, **form: object) -> tuple[int, str, str]:
        data = urlencode(form, doseq=True).encode()
        return self._open(urllib.request.Request(url, data=data, method="POST"))  # noqa: S310

    def form_post(self, url: str, **form: object) -> tuple[int, str, str]:
        """GET the page (its CSRF token, as a browser has it), then POST its form."""
        status, text, _ = self.get(url)
        assert status == 200, (url, status)
        return self.post(url, csrf_token=csrf_token(text), **form)

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        if self.cookie:
            request.add_header("Cookie", self.cookie)
        try:
            answer = self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            answer = error
        with answer:
            if answer.headers.get("Set-Cookie"):
                self.cookie = answer.headers["Set-Cookie"].split(";", 1)[0]
            return answer.status, answer.read().decode(), answer.headers.get("Location", "")


def deliver(app) -> None:
    """The outbox, sent to the test's inbox (a sender on neither node)."""
    with app.app_context():
        sender.send_pending()


# Several app servers share one PostgreSQL (SQLite is one machine's file).
pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def nodes(app, redis_url, tmp_path, inbox):  # noqa: F811 - the fixture above
    with app.app_context():
        url = db.engine.url
    assert url.get_backend_name() == "postgresql"
    env = {
        "DATABASE_URL": url.render_as_string(hide_password=False),
        # The nodes' and the test's sender's (which makes the emails' links): one key.
        "SECRET_KEY": app.config["SECRET_KEY"],
        "BASE_URL": "https://sign.example.org",
        "MAIL_BACKGROUND_SENDER": "false",
        "REDIS_URL": redis_url,
        "RATELIMIT_ENABLED": "true",
        "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex,
        "SIGN_IN_LIMIT_PER_EMAIL": "3/minute",
        # Each node checks the list's version at every view: a change shows at once.
        "PUBLIC_PAGE_FRESH_SECONDS": "0",
        "LETTER_FACTS_SECONDS": "0",
    }
    a = Gunicorn(env, workers=1, log=tmp_path / "a.log")
    b = Gunicorn(env, workers=1, log=tmp_path / "b.log")
    front = None
    try:
        a.start(timeout=90)
        b.start(timeout=90)
        upstream = f"127.0.0.1:{a.port},127.0.0.1:{b.port}"
        front = Nginx(upstream, tmp_path / "nginx").start(timeout=30)
        yield a.url, b.url, front.url
    finally:
        for server in (front, a, b):
            if server is not None:
                server.stop()


def test_two_nodes_are_one_service(app, make_letter, organiser, inbox, nodes):
    node_a, node_b, front = nodes
    make_letter()
    organiser("ana@coalition.example.org", letters=("climate",))
    visitor = Browser()
    assert all(visitor.get(f"{front}/letters/climate")[0] == 200 for _ in range(4))

    # A sign-on through node A, confirmed through node B.
    status, _, _ = visitor.form_post(f"{node_a}/letters/climate", **VALID_SIGN_ON)
    assert status == 303
    deliver(app)
    path = re.sub(r"^https://sign\.example\.org", "", inbox.link(inbox.messages[-1]))
    assert visitor.form_post(node_b + path)[0] in (200, 303)
    with app.app_context():
        (sign_on,) = db.session.scalars(sa.select(SignOn)).all()
        assert sign_on.status == "verified"

    # An organiser signed in on A is signed in on B, and signed out on both.
    organiser_browser = Browser()
    status, _, _ = organiser_browser.form_post(
        f"{node_a}/organise/sign-in", email="ana@coalition.example.org"
    )
    assert status == 303
    deliver(app)
    text = inbox.text(inbox.to("ana@coalition.example.org")[-1])
    link = re.search(r"https://sign\.example\.org(/organise/sign-in/\S+)", text).group(1)
    assert organiser_browser.form_post(node_a + link)[0] == 303
    assert organiser_browser.get(f"{node_b}/organise/")[0] == 200

    # An approval on A shows on B's public list at once.
    assert "Equitas" not in visitor.get(f"{node_b}/letters/climate/signatories")[1]
    moderation = f"{node_a}/organise/letters/climate/sign-ons"
    _, page, _ = organiser_browser.get(moderation)
    status, _, _ = organiser_browser.post(
        f"{moderation}/decide", csrf_token=csrf_token(page), action="approve", ids=sign_on.id
    )
    assert status == 303
    assert "Equitas" in visitor.get(f"{node_b}/letters/climate/signatories")[1]

    # (The session's CSRF token, as every organiser page's forms carry it.)
    status, _, _ = organiser_browser.post(
        f"{node_a}/organise/sign-out", csrf_token=csrf_token(page)
    )
    assert status == 303
    for node in (node_a, node_b):
        assert organiser_browser.get(f"{node}/organise/")[0] in (302, 303)

    # The rate limit counts across both: 3 a minute per address, wherever they land.
    asked = Browser()
    address = f"limit-{uuid.uuid4().hex[:8]}@example.org"
    statuses = [
        asked.form_post(f"{node}/organise/sign-in", email=address)[0]
        for node in (node_a, node_b, node_a, node_b)
    ]
    assert statuses == [303, 303, 303, 429]


def _fill_outbox(app, count: int) -> None:
    now = utcnow()
    with app.app_context():
        db.session.execute(
            sa.insert(OutboxMessage),
            [
                {
                    "recipient": f"reader{n}@example.org",
                    "subject": f"Message {n}",
                    "body_text": f"Text {n}",
                    "body_html": f"<p>Text {n}</p>",
                    "status": "pending",
                    "created_at": now,
                    "next_attempt_at": now,
                }
                for n in range(count)
            ],
        )
        db.session.commit()


def test_two_nodes_senders_never_send_one_email_twice(app, inbox, tmp_path):
    with app.app_context():
        url = db.engine.url
    assert url.get_backend_name() == "postgresql"
    _fill_outbox(app, 300)
    env = {
        "DATABASE_URL": url.render_as_string(hide_password=False),
        "SECRET_KEY": "two-nodes-secret",
        "BASE_URL": "https://sign.example.org",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(inbox.port),
        "MAIL_BATCH_SIZE": "20",
        "REDIS_URL": "",
        "PYTHONPATH": str(ROOT),
    }
    # One sender per node, started together, draining the same outbox.
    command = [sys.executable, "-m", "flask", "--app", "app", "mail", "send-pending"]
    senders = [
        subprocess.Popen(command, cwd=ROOT, env={**_environ(), **env}, stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    for process in senders:
        process.communicate(timeout=240)
        assert process.returncode == 0
    recipients = [str(m["To"]) for m in inbox.messages]
    assert len(recipients) == 300 and len(set(recipients)) == 300
    with app.app_context():
        left = db.session.scalar(sa.select(sa.func.count()).where(OutboxMessage.status != "sent"))
    assert left == 0


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)
