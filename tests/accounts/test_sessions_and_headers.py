"""Sign-out ends a session on the server; cookies and headers keep a session and its links
to this site: no framing, no token in a Referer sent elsewhere, no inline script."""

import re
from datetime import timedelta

import pytest

from signon import create_app
from signon.accounts import sessions
from signon.storage.extensions import db
from tests.organiser_helpers import sign_in_link
from tests.support import app_config, create_letter, csrf_token

ANA = "ana@coalition.example.org"


def sign_in(client, inbox, deliver, email: str = ANA):
    """Ask for a link, open it from the email and press its button, as an organiser does."""
    page = client.get("/organise/sign-in")
    client.post("/organise/sign-in", data={"email": email, "csrf_token": csrf_token(page.text)})
    deliver()
    path = sign_in_link(inbox, email)
    button = client.get(path)
    return client.post(path, data={"csrf_token": csrf_token(button.text)})


def sign_out_token(html: str) -> str:
    """The CSRF token of the "Sign out" button in the organiser's menu."""
    match = re.search(r'sign-out" class="inline">\s*<input type="hidden" name="csrf_token" '
                      r'value="([^"]+)"', html)  # fmt: skip
    assert match, "no Sign out button"
    return match.group(1)


def session_cookie(response) -> str:
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    return header


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(
    app, client, organiser, inbox, deliver
):
    organiser(ANA)
    assert sign_in(client, inbox, deliver).status_code == 303
    copied = client.get_cookie("session").value
    dashboard = client.get("/organise/")
    assert dashboard.status_code == 200
    signed_out = client.post(
        "/organise/sign-out", data={"csrf_token": sign_out_token(dashboard.text)}
    )
    assert signed_out.status_code == 303
    thief = app.test_client()
    thief.set_cookie("session", copied)
    answer = thief.get("/organise/")
    assert answer.status_code in (302, 303) and answer.location.endswith("/organise/sign-in")
    # Signing in again works, with a new cookie.
    assert sign_in(client, inbox, deliver).status_code == 303
    assert client.get("/organise/").status_code == 200
    assert thief.get("/organise/").status_code in (302, 303)


def test_a_session_ends_after_its_lifetime_whatever_the_cookie_says(
    app, client, organiser, inbox, deliver, monkeypatch
):
    organiser(ANA)
    sign_in(client, inbox, deliver)
    assert client.get("/organise/").status_code == 200
    lifetime = app.permanent_session_lifetime.total_seconds()
    assert lifetime == 12 * 3600
    now = sessions.time.time()
    monkeypatch.setattr(sessions.time, "time", lambda: now + lifetime + 1)
    assert client.get("/organise/").status_code in (302, 303)


def test_the_lifetime_is_configurable(database_url, inbox, monkeypatch):
    monkeypatch.setenv("PERMANENT_SESSION_LIFETIME", "3600")
    app = create_app(app_config(database_url, inbox.port))
    assert app.permanent_session_lifetime == timedelta(hours=1)
    with app.app_context():
        db.engine.dispose()


def test_the_session_cookie_is_httponly_lax_and_secure_over_https(
    client, organiser, inbox, deliver
):
    organiser(ANA)
    cookie = session_cookie(sign_in(client, inbox, deliver))
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in flags and "samesite=lax" in flags and "secure" in flags
    assert any(flag.startswith("expires=") for flag in flags)


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000"])
def test_over_plain_http_the_cookie_is_not_marked_secure(database_url, inbox, base):
    app = create_app(app_config(database_url, inbox.port, BASE_URL=base))
    response = app.test_client().get("/organise/sign-in")
    cookie = session_cookie(response).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    assert "Strict-Transport-Security" not in response.headers
    with app.app_context():
        db.engine.dispose()


def test_pages_cannot_be_framed_and_send_no_referer_elsewhere(client, make_letter):
    make_letter()
    for path in ("/organise/sign-in", "/organise/sign-in/not-a-token", "/letters/climate"):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert "'unsafe-inline'" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_page_template_carries_inline_script_or_style(app):
    # The policy allows scripts and styles from /static only: an inline one would not run.
    loader = app.jinja_env.loader
    for name in loader.list_templates():
        if name.startswith("email/") or not name.endswith(".html"):
            continue
        source = loader.get_source(app.jinja_env, name)[0]
        assert " style=" not in source and "<style" not in source, name
        assert " onsubmit=" not in source and " onclick=" not in source, name
        assert "<script>" not in source, name


def test_the_embed_script_still_loads_on_other_websites(client, make_letter):
    make_letter()
    response = client.get("/letters/climate/embed.js", headers={"Origin": "https://ngo.example"})
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Cross-Origin-Resource-Policy" not in response.headers


def test_forms_over_https_work_with_the_referer_browsers_send_under_the_policy(client, organiser):
    organiser(ANA)
    https = "https://sign.example.org"
    page = client.get("/organise/sign-in", base_url=https)
    token = csrf_token(page.text)
    # same-origin: a browser sends the full Referer to this site, none to any other.
    sent = client.post(
        "/organise/sign-in",
        base_url=https,
        headers={"Referer": f"{https}/organise/sign-in"},
        data={"email": ANA, "csrf_token": token},
    )
    assert sent.status_code == 303
    with_pages_https = client.get("/organise/sign-in", base_url=https)
    assert with_pages_https.headers["Strict-Transport-Security"].startswith("max-age=")


def test_a_letter_page_under_the_policy_still_shows_its_form(app, client):
    with app.app_context():
        create_letter("climate", "Climate", "Dear all", open_now=True)
    page = client.get("/letters/climate")
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
