"""A popular letter's public pages and files cost a bounded amount of work per request.

Each is built once per version of the list and sent with an ETag from that version: a
conditional request gets its 304 before anything is built, a plain one the cached copy.
"""

import re
import uuid

import pytest

from signon import create_app
from signon.letters import services
from signon.roster import list_views as letter_views
from signon.roster import views as export_views
from signon.roster.list_views import SEARCH_RESULTS_SHOWN
from signon.storage.extensions import db
from tests import support
from tests.roster.helpers import add_signatories
from tests.support import app_config

PUBLIC = (
    "/letters/climate.json",
    "/letters/climate/signatories",
    "/letters/climate/signatories.txt",
    "/letters/climate/signatories.json",
    "/letters/climate/signatories.pdf",
)


@pytest.fixture
def published(app, make_letter):
    make_letter(slug="climate")
    with app.app_context():
        add_signatories(
            "climate", [(f"Réseau Climat {n}", "FR", "organisation") for n in range(150)]
        )
        add_signatories("climate", [("Zeta Alliance", "DE", "organisation")])
    return "climate"


def nothing_may_be_built(monkeypatch) -> None:
    """From here on, building any public page or file fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(export_views, "embed_payload", refuse)
    monkeypatch.setattr(export_views.formats, "export", refuse)
    monkeypatch.setattr(letter_views, "render_signatories", refuse)


@pytest.mark.parametrize("path", PUBLIC)
def test_a_conditional_request_is_answered_before_anything_is_built(
    client, published, monkeypatch, path
):
    first = client.get(path)
    assert first.status_code == 200 and first.headers["ETag"]
    nothing_may_be_built(monkeypatch)
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize("path", PUBLIC)
def test_a_popular_letter_is_served_from_the_cache(client, published, monkeypatch, path):
    first = client.get(path)
    nothing_may_be_built(monkeypatch)
    again = client.get(path)
    assert (again.status_code, again.data) == (200, first.data)


@pytest.mark.parametrize("path", PUBLIC)
def test_a_new_approval_changes_what_every_public_answer_shows(app, client, published, path):
    tag = client.get(path).headers["ETag"]
    with app.app_context():
        add_signatories("climate", [("Nordic Forest Trust", "NO", "organisation")])
    changed = client.get(path, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag


def test_a_search_shows_a_bounded_page_and_says_how_many_matched(client, published):
    page = client.get("/letters/climate/signatories?q=climat")
    assert page.status_code == 200
    assert page.text.count('<span class="name"') == SEARCH_RESULTS_SHOWN == 100
    assert "150 matches for “climat”" in page.text
    assert "These are the first 100: type more of the name to find the others." in page.text
    # The headline counts the whole list, not the matches.
    assert "<strong>151</strong> organisations have signed" in page.text
    one = client.get("/letters/climate/signatories?q=zeta").text
    assert "1 match for “zeta”" in one and "These are the first" not in one


def test_a_list_too_long_for_a_public_pdf_offers_the_text_file(app, client, published):
    app.config["PUBLIC_PDF_MAX_SIGNATORIES"] = 100
    page = client.get("/letters/climate/signatories").text
    links = re.findall(r'href="(/letters/climate/signatories\.\w+)"', page)
    assert links == ["/letters/climate/signatories.txt", "/letters/climate/signatories.json"]
    text = client.get(links[0]).text
    assert "Zeta Alliance" in text and text.count("Réseau Climat") == 150
    assert client.get("/letters/climate/signatories.pdf").status_code == 404


def test_the_list_stays_private_until_it_is_public(app, client, published):
    with app.app_context():
        services.get_letter("climate").live_list = False
        db.session.commit()
    assert client.get("/letters/climate/signatories.txt").status_code == 404
    assert "Zeta Alliance" not in client.get("/letters/climate/signatories").text
    assert client.get("/letters/climate.json").get_json()["signatories"] == []


@pytest.fixture
def limited_app(database_url, inbox):
    """An app with limits on: 3 public answers built per client address and minute."""
    config = app_config(
        database_url,
        inbox.port,
        RATELIMIT_ENABLED=True,
        RATELIMIT_KEY_PREFIX=uuid.uuid4().hex,
        PUBLIC_BUILD_LIMIT_PER_IP="3/minute",
    )
    app = create_app(config)
    with app.app_context():
        support.create_letter("climate", "Climate", "Dear all", open_now=True).live_list = True
        db.session.commit()
        add_signatories("climate", [("Zeta Alliance", "DE", "organisation")])
    yield app
    with app.app_context():
        db.engine.dispose()


def test_reading_cached_answers_is_never_limited(limited_app):
    client = limited_app.test_client()
    answers = {client.get("/letters/climate/signatories.txt").status_code for _ in range(20)}
    assert answers == {200}


def test_a_client_that_makes_the_service_build_too_much_waits(limited_app):
    client = limited_app.test_client()
    styles = ("none", "dash", "parentheses")
    built = [client.get(f"/letters/climate/signatories.txt?country={s}") for s in styles]
    assert [answer.status_code for answer in built] == [200, 200, 200]
    assert client.get("/letters/climate/signatories.json").status_code == 429
    # Someone else still gets the cached answers.
    other = limited_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert other.get("/letters/climate/signatories.txt?country=dash").status_code == 200
