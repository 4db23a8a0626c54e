"""The public list is cached per process, and rebuilt as soon as an approval changes it."""

import gzip

import sqlalchemy as sa

from signon.letters.services import get_letter
from signon.moderation import services as organisers
from signon.signing import services as signing
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.support import VALID_SIGN_ON, csrf_token


def approve_latest(app) -> None:
    with app.app_context():
        sign_on = db.session.scalar(sa.select(SignOn).order_by(SignOn.id.desc()).limit(1))
        signing.confirm_sign_on(sign_on)
        organisers.approve(get_letter("climate"), [sign_on.id])
        db.session.commit()


def test_the_list_shows_an_approval_at_once_despite_the_cache(app, client, sign, make_letter):
    make_letter()
    sign(organisation="First Organisation", contact_email="a@example.org")
    approve_latest(app)
    assert "First Organisation" in client.get("/letters/climate/signatories").text
    sign(organisation="Second Organisation", contact_email="b@example.org")
    assert "Second Organisation" not in client.get("/letters/climate/signatories").text
    approve_latest(app)
    page = client.get("/letters/climate/signatories").text
    assert "First Organisation" in page and "Second Organisation" in page


def test_a_rejection_after_approval_leaves_the_list_at_once(app, client, sign, make_letter):
    make_letter()
    sign(organisation="Withdrawn Organisation")
    approve_latest(app)
    assert "Withdrawn Organisation" in client.get("/letters/climate/signatories").text
    with app.app_context():
        ids = list(db.session.scalars(sa.select(SignOn.id)))
        organisers.reject(get_letter("climate"), ids)
        db.session.commit()
    assert "Withdrawn Organisation" not in client.get("/letters/climate/signatories").text


def test_browsers_get_the_list_gzip_compressed(app, client, sign, make_letter):
    make_letter()
    sign(organisation="Compressed Organisation")
    approve_latest(app)
    response = client.get("/letters/climate/signatories", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "Compressed Organisation" in gzip.decompress(response.data).decode()
    plain = client.get("/letters/climate/signatories")
    assert "Content-Encoding" not in plain.headers and "Compressed Organisation" in plain.text


def test_the_cached_letter_page_carries_each_visitors_own_token(app, make_letter):
    make_letter()
    app.config["PUBLIC_PAGE_FRESH_SECONDS"] = 60  # the second visitor gets the cached page
    first, second = app.test_client(), app.test_client()
    tokens = [csrf_token(visitor.get("/letters/climate").text) for visitor in (first, second)]
    assert tokens[0] != tokens[1]
    for n, (visitor, token) in enumerate(zip((first, second), tokens, strict=True)):
        data = {**VALID_SIGN_ON, "organisation": f"Visitor {n}", "csrf_token": token}
        assert visitor.post("/letters/climate", data=data).status_code == 303
    assert "__signon_csrf_token__" not in first.get("/letters/climate").text


def test_a_changed_letter_shows_at_once_despite_the_cache(app, client, make_letter):
    make_letter()
    assert "Joint letter on climate finance" in client.get("/letters/climate").text
    with app.app_context():
        get_letter("climate").title = "A new title"  # even a change made outside the editor
        db.session.commit()
    assert "A new title" in client.get("/letters/climate").text
