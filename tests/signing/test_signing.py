"""Signing a letter through the public form."""

import lxml.html
import pytest

from tests.helpers_db import sign_ons, stored
from tests.signing.helpers import FIELD_CASES
from tests.support import VALID_SIGN_ON, csrf_token

NOTHING = {"sign_ons": 0, "signatories": 0, "outbox": 0}


def test_open_letter_shows_text_and_form(client, make_letter):
    make_letter(body="# Dear Ministers\n\nWe **urge** you.")
    page = client.get("/letters/climate")
    assert page.status_code == 200
    assert "<strong>urge</strong>" in page.text
    for name in (
        "organisation",
        "acronym",
        "country",
        "website",
        "contact_name",
        "contact_email",
        "role",
        "consent",
        "csrf_token",
    ):
        assert f'name="{name}"' in page.text
    assert '<option value="CI">Côte d&#39;Ivoire</option>' in page.text
    assert 'name="viewport"' in page.text


def test_raw_html_in_body_is_shown_as_text(client, make_letter):
    make_letter(body='<script>alert("x")</script>\n\n[link](javascript:alert(1))')
    page = client.get("/letters/climate").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript:' not in page


def test_valid_sign_on_redirects_to_check_email(app, sign, make_letter):
    make_letter()
    response = sign()
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/letters/climate/check-email")
    [row] = sign_ons(app)
    assert (row.organisation, row.country, row.status) == (
        "Réseau Equitas Côte d'Ivoire",
        "CI",
        "pending",
    )
    assert row.website == "https://equitas.example.org"


def test_check_email_page(client, make_letter):
    make_letter()
    assert "Check your email" in client.get("/letters/climate/check-email").text


def test_whitespace_is_trimmed_and_collapsed(app, sign, make_letter):
    make_letter()
    sign(
        organisation="\u00a0 International\u2002Commission  of\tJurists \u2013 Kenya\u202f ",
        country="ke",
    )
    [row] = sign_ons(app)
    assert row.organisation == "International Commission of Jurists \u2013 Kenya"
    assert row.country == "KE"


@pytest.mark.parametrize(("field", "value", "message"), FIELD_CASES)
def test_invalid_field_is_explained_and_nothing_stored(
    app, sign, sent_back, make_letter, field, value, message
):
    make_letter()
    response = sent_back(sign(**{field: value}))
    assert message in response.text.replace("&#39;", "'")
    assert f'id="{field}-error"' in response.text
    assert "Réseau Equitas" in response.text or field == "organisation"
    assert stored(app) == NOTHING


def test_typed_values_are_kept_after_an_error(client, sign, sent_back, make_letter):
    make_letter()
    page = sent_back(sign(contact_email="bad", organisation="Human Rights <Watch>")).text
    assert 'value="Human Rights &lt;Watch&gt;"' in page
    assert 'value="bad"' in page
    assert '<option selected value="CI">' in page
    assert lxml.html.fromstring(page).xpath("//input[@name='consent']/@checked")
    # Shown once: a reload, or Back to it later, shows the form afresh for anyone.
    again = client.get("/letters/climate").text
    assert "Human Rights" not in again and "valid email address" not in again


def test_post_without_csrf_token_is_rejected(app, client, make_letter):
    make_letter()
    response = client.post("/letters/climate", data=VALID_SIGN_ON)
    assert response.status_code == 400
    assert "reload the page" in response.text
    assert stored(app) == NOTHING


def test_post_with_wrong_csrf_token_is_rejected(app, client, make_letter):
    make_letter()
    response = client.post("/letters/climate", data={**VALID_SIGN_ON, "csrf_token": "forged"})
    assert response.status_code == 400
    assert stored(app) == NOTHING


@pytest.mark.parametrize(
    "path",
    ["/letters/draft", "/letters/draft/signatories", "/letters/draft/check-email", "/letters/nope"],
)
def test_drafts_and_unknown_letters_are_not_found(client, make_letter, path):
    make_letter("draft", status="draft")
    assert client.get(path).status_code == 404


def test_draft_takes_no_sign_on(app, client, make_letter):
    make_letter("draft", status="draft")
    make_letter("other")
    token = csrf_token(client.get("/letters/other").text)
    response = client.post("/letters/draft", data={**VALID_SIGN_ON, "csrf_token": token})
    assert response.status_code == 404
    assert stored(app) == NOTHING


def test_closed_letter_says_so_and_refuses_sign_ons(app, client, sign, make_letter):
    make_letter("other")
    make_letter(status="closed")
    page = client.get("/letters/climate")
    assert page.status_code == 200
    assert "This letter is closed" in page.text
    assert 'name="organisation"' not in page.text
    token = csrf_token(client.get("/letters/other").text)
    response = client.post("/letters/climate", data={**VALID_SIGN_ON, "csrf_token": token})
    assert response.status_code == 409
    assert "This letter is closed" in response.text
    assert stored(app) == NOTHING


def test_a_huge_refused_form_comes_back_within_a_cookie(client, sign, sent_back, make_letter):
    # The kept form lives in the session cookie: what would not fit is typed again, and the
    # errors still show (a cookie over 4 KB would warn, which fails the test).
    make_letter()
    answer = sign(organisation="組織" * 2500, role="職" * 2000, contact_email="bad")
    assert len(answer.headers["Set-Cookie"]) < 3000
    page = sent_back(answer).text
    assert "the limit is 300" in page and "the limit is 200" in page
    assert "valid email address" in page and 'value="bad"' in page
