"""Pages kept for every visitor are built from their route's own arguments only.

The first request after a change builds the page every later visitor is served: what it
asked in its query string (`?slug=other`, tracking arguments) must not reach the links.
"""

import pytest
from flask.testing import FlaskClient

from tests.organiser_helpers import log_in

CACHED_PAGES = ["/letters/climate", "/letters/climate/signatories"]


@pytest.mark.parametrize("path", CACHED_PAGES)
def test_a_poisoning_request_does_not_change_what_later_visitors_get(app, make_letter, path: str):
    make_letter("climate")
    make_letter("other", title="Another letter")
    attacker, visitor = app.test_client(), app.test_client()
    poisoned = attacker.get(f"{path}?lang=es&slug=other&evil=payload")
    assert poisoned.status_code == 200
    assert "slug=other" not in poisoned.text and "/letters/other" not in poisoned.text

    clean = visitor.get(path, headers={"Accept-Language": "es"})
    assert '<html lang="es">' in clean.text
    assert "/letters/other" not in clean.text and "slug=other" not in clean.text
    assert "evil" not in clean.text and "payload" not in clean.text
    # Its links to the other languages are to this page.
    assert f'hreflang="fr" href="{path}?lang=fr"' in clean.text


def test_an_uncached_page_keeps_its_filters_but_never_its_route_overridden(
    app, make_letter, organiser, client: FlaskClient
):
    make_letter("climate")
    log_in(client, organiser("ana@example.org", letters=("climate",)))
    page = client.get("/organise/letters/climate/sign-ons?status=verified&slug=x")
    assert page.status_code == 200
    assert "/organise/letters/x/" not in page.text
    assert "status=verified" in page.text
