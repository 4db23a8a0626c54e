"""In real Chromium: the embed snippet on another site, and the list's live filter."""

from collections.abc import Iterator

import pytest

from signon import create_app
from signon.storage.extensions import db
from tests import support
from tests.browser import chromium, live_server
from tests.roster.helpers import NAMES, add_signatories
from tests.support import app_config, free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def live_url(database_url, inbox) -> Iterator[str]:
    """The application served over HTTP on a free local port, with one letter."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(app_config(database_url, inbox.port, BASE_URL=base))
    with app.app_context():
        letter = support.create_letter("climate", "Climate letter", "Text.", open_now=True)
        letter.live_list = True
        db.session.commit()
        add_signatories("climate", NAMES)
    with live_server(app, port):
        yield base
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def page():
    with chromium() as browser:
        yield browser.new_page()


def test_the_snippet_on_a_coalition_site_shows_the_count_and_a_sign_button(live_url, page):
    # Another origin than the service: the snippet must work across sites.
    page.set_content(
        f'<p>Our campaign</p><script src="{live_url}/letters/climate/embed.js"></script>'
    )
    button = page.get_by_role("link", name="Sign this letter")
    button.wait_for(timeout=5000)
    assert "8 signatories" in page.locator(".signon-embed").inner_text()
    assert button.get_attribute("href") == f"{live_url}/letters/climate#sign"


def test_the_list_filters_as_one_types(live_url, page):
    page.goto(f"{live_url}/letters/climate/signatories")
    page.get_by_label("Search the list").fill("elan")
    assert page.locator(".signatories li:visible").all_inner_texts() == ["Élan Solidaire – France"]
    assert page.locator(".matches").inner_text() == "1 match"
