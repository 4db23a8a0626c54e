"""No email, page or cached page ever names a host the deployment did not configure.

An attacker controls the Host and X-Forwarded-* headers of their own requests: a sign-in
asked with `Host: evil.example` must not mail the victim a link to evil.example, and a
page cached after such a request must not hand it to everyone else.
"""

import re

import pytest

from signon import create_app
from signon.accounts.services import add_organiser
from signon.core.config import ConfigError
from signon.mail.sender import send_pending
from signon.storage.extensions import db
from tests.support import VALID_SIGN_ON, app_config, create_letter, csrf_token

BASE = "https://sign.example.org"
DEV = "http://127.0.0.1:5000"
EVIL = "evil.example"
# What an attacker can put in headers without a proxy the deployment trusts.
FORGED = {"X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "http", "X-Forwarded-Port": "8666"}
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(params=[BASE, None], ids=["with-base-url", "without-base-url"])
def base_app(request, database_url, inbox, monkeypatch):
    """The service with BASE_URL set, and as the README's default leaves it (unset)."""
    monkeypatch.delenv("FLASK_RUN_PORT", raising=False)
    application = create_app(app_config(database_url, inbox.port, BASE_URL=request.param))
    application.expected_base = request.param or DEV
    yield application
    with application.app_context():
        db.engine.dispose()


def ask_sign_in(client, email: str, **headers: str):
    token = csrf_token(client.get("/organise/sign-in").text)
    return client.post(
        "/organise/sign-in", headers=headers, data={"email": email, "csrf_token": token}
    )


def every_link(inbox) -> list[str]:
    return [
        url
        for message in inbox.messages
        for url in URL.findall(inbox.text(message) + inbox.html(message))
    ]


def test_a_sign_in_asked_with_a_forged_host_is_refused_and_mails_nothing(base_app, inbox):
    with base_app.app_context():
        add_organiser("victim@coalition.example.org")
        db.session.commit()
    client = base_app.test_client()
    answer = ask_sign_in(client, "victim@coalition.example.org", Host=EVIL)
    assert answer.status_code == 400
    assert EVIL not in answer.text
    with base_app.app_context():
        send_pending()
    assert inbox.messages == []


def test_forwarded_headers_of_an_untrusted_client_never_reach_a_link(base_app, inbox):
    with base_app.app_context():
        add_organiser("victim@coalition.example.org")
        db.session.commit()
        create_letter("climate", "Climate", "Dear all", open_now=True)
    client = base_app.test_client()
    assert ask_sign_in(client, "victim@coalition.example.org", **FORGED).status_code == 303
    token = csrf_token(client.get("/letters/climate", headers=FORGED).text)
    signed = client.post(
        "/letters/climate", headers=FORGED, data={**VALID_SIGN_ON, "csrf_token": token}
    )
    assert signed.status_code == 303
    with base_app.app_context():
        send_pending()
    links = every_link(inbox)
    assert len(inbox.messages) == 2 and links
    assert all(link.startswith(base_app.expected_base + "/") for link in links), links


def test_a_trusted_proxy_naming_a_foreign_host_gets_400(database_url, inbox):
    app = create_app(app_config(database_url, inbox.port, TRUSTED_PROXIES=1))
    client = app.test_client()
    assert client.get("/healthz", headers={"X-Forwarded-Host": EVIL}).status_code == 400
    ours = client.get("/healthz", headers={"X-Forwarded-Host": "sign.example.org"})
    assert ours.status_code == 200
    with app.app_context():
        db.engine.dispose()


def test_pages_cached_after_forged_requests_name_only_the_configured_address(base_app):
    with base_app.app_context():
        create_letter("climate", "Climate", "Dear all", open_now=True).live_list = True
        db.session.commit()
    base_app.config["PUBLIC_PAGE_FRESH_SECONDS"] = 60
    attacker, visitor = base_app.test_client(), base_app.test_client()
    paths = ["/letters/climate/signatories", "/letters/climate", "/letters/climate/embed.js"]
    for path in paths:
        for headers in ({"Host": EVIL}, FORGED, {"Host": "localhost:8080", **FORGED}):
            assert attacker.get(path, headers=headers).status_code in (200, 400)
    embed = f"&lt;script src=&#34;{base_app.expected_base}/letters/climate/embed.js&#34;"
    page = visitor.get("/letters/climate/signatories").text
    assert embed in page
    for path in [*paths, "/letters/climate.json"]:
        answer = visitor.get(path)
        assert answer.status_code == 200 and EVIL not in answer.text and "8666" not in answer.text
        assert all(url.startswith(base_app.expected_base) for url in URL.findall(answer.text)
                   if "sign.example.org" in url or "127.0.0.1" in url)  # fmt: skip


def test_a_server_without_base_url_refuses_to_start_and_says_what_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("BASE_URL", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    settings = {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "SECRET_KEY": "x"}
    with pytest.raises(ConfigError, match="BASE_URL is not set.*https://sign.example.org"):
        create_app(settings)


def test_debug_mode_without_base_url_links_to_the_dev_server(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_RUN_PORT", raising=False)
    app = create_app(
        {"DEBUG": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "SECRET_KEY": "x"}
    )
    assert app.config["BASE_URL"] == DEV
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.test_client().get("/", headers={"Host": EVIL}).status_code == 400
