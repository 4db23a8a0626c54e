"""No silent truncation: a value over a field's limit reaches the server and is refused aloud.

A `maxlength` makes the browser cut a paste at the limit without a word ("…Victims of
Inter"), so no field carries one; the server's message names the limit (and the length),
and a live count beside the field warns where scripts run. Nothing is stored shortened.
"""

import lxml.html
import pytest
import sqlalchemy as sa

from signon.signing.models import Signatory
from signon.storage.extensions import db
from tests.browser import chromium, live_server
from tests.helpers_db import sign_ons
from tests.organiser_helpers import log_in
from tests.pages import press
from tests.signing.helpers import manage_path
from tests.support import VALID_SIGN_ON

# 315 characters, pasted as the secretariat did; the first 300 end in "Inter".
LONG = (
    "A Coalition of Civil Society Organisations for Justice and Accountability in the Great "
    "Lakes Region, with Partners in Burundi, the Democratic Republic of the Congo, Rwanda, "
    "Uganda and Tanzania, and Allied Networks for the Reparations, Psychosocial Support and "
    "Rehabilitation of Women Victims of International Crimes"
)
TEXT_INPUTS = (
    "//input[not(@type) or @type='text' or @type='email' or @type='url' or @type='search']"
)


def limited_fields(html: str) -> dict[str, str | None]:
    """Every text field of the page: its name and its maxlength (None when it has none)."""
    page = lxml.html.fromstring(html)
    fields = page.xpath(f"{TEXT_INPUTS} | //textarea")
    return {f.get("name"): f.get("maxlength") for f in fields}


def test_the_long_name_is_exactly_what_the_issue_describes():
    assert len(LONG) == 315 and LONG[:300].endswith("Inter")


def test_a_315_character_name_comes_back_with_the_limit_named_and_nothing_stored(
    app, client, make_letter
):
    make_letter()
    page = client.get("/letters/climate").text
    answer = press(
        client, page, "Sign", at="/letters/climate", **{**VALID_SIGN_ON, "organisation": LONG}
    )
    # Post/redirect/get: the page the refusal leads to shows the error and the value.
    assert answer.status_code == 303
    form = lxml.html.fromstring(client.get(answer.location).text)
    [error] = form.xpath("//*[@id='organisation-error']")
    assert error.text_content() == "The name has 315 characters; the limit is 300."
    # What was pasted comes back whole, for the signer to shorten it themselves.
    assert form.xpath("//input[@name='organisation']/@value") == [LONG]
    assert sign_ons(app) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", "Le nom compte 315 caractères ; la limite est de 300."),
        ("es", "El nombre tiene 315 caracteres; el límite es 300."),
    ],
)
def test_the_limit_is_named_in_french_and_spanish(app, client, make_letter, lang, words):
    make_letter()
    page = client.get(f"/letters/climate?lang={lang}").text
    answer = client.post(
        "/letters/climate",
        data={**VALID_SIGN_ON, "organisation": LONG, "csrf_token": _token(page)},
    )
    shown = client.get(answer.location).text
    assert words in " ".join(lxml.html.fromstring(shown).text_content().split())
    assert sign_ons(app) == []


def _token(html: str) -> str:
    return lxml.html.fromstring(html).xpath("//input[@name='csrf_token']/@value")[0]


def test_no_form_carries_a_maxlength_and_limited_fields_carry_a_count(
    app, client, make_letter, organiser, confirmed, inbox
):
    make_letter()
    s = confirmed()
    pages = {"sign": client.get("/letters/climate").text}
    pages["manage"] = client.get(manage_path(inbox, "awa@equitas.example.org")).text
    pages["sign in"] = client.get("/organise/sign-in").text
    log_in(client, organiser("ana@coalition.example.org", admin=True, letters=("climate",)))
    for name, path in [
        ("sign-on", f"/organise/letters/climate/sign-ons/{s}"),
        ("editor", "/organise/letters/climate/edit"),
        ("new letter", "/organise/letters/new"),
        ("team", "/organise/letters/climate/team"),
        ("organisers", "/organise/organisers"),
    ]:
        answer = client.get(path)
        assert answer.status_code == 200, path
        pages[name] = answer.text
    for name, html in pages.items():
        fields = limited_fields(html)
        assert fields, name
        assert {f: m for f, m in fields.items() if m is not None} == {}, name
    signing = lxml.html.fromstring(pages["sign"])
    assert signing.xpath("//input[@name='organisation']/@data-max-chars") == ["300"]
    assert signing.xpath("//*[@data-counts='organisation']")
    assert "js/counter.js" in pages["sign"]


def test_a_315_character_listed_name_from_the_organiser_page_is_refused(
    app, client, make_letter, organiser, confirmed
):
    make_letter()
    s = confirmed()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    path = f"/organise/letters/climate/sign-ons/{s}"
    answer = press(client, client.get(path).text, "Save name", display_name=LONG)
    page = client.get(answer.location).text
    assert "The name has 315 characters; the limit is 300." in page
    assert LONG not in page and LONG[:300] not in page
    with app.app_context():
        assert db.session.scalar(sa.select(Signatory.display_name)) is None


@pytest.mark.browser
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_chromium_keeps_a_long_paste_whole_and_counts_it(app, make_letter):
    make_letter()
    with live_server(app) as base, chromium() as browser:
        app.config["BASE_URL"] = base
        page = browser.new_page()
        page.goto(f"{base}/letters/climate")
        counter = page.locator("[data-counts='organisation']")
        assert counter.is_hidden()
        page.fill("#organisation", LONG)  # as a paste: the whole value at once
        assert page.input_value("#organisation") == LONG
        assert counter.locator(".count").inner_text() == "315 / 300"
        assert counter.get_attribute("class") == "counter over"
        assert "Over the limit of 300 characters" in counter.locator(".too-long").inner_text()
        assert page.get_attribute("#organisation", "aria-invalid") == "true"
        page.fill("#organisation", LONG[:250])
        assert counter.locator(".count").inner_text() == "250 / 300"
        assert counter.locator(".too-long").is_hidden()
        page.fill("#organisation", "Short")
        assert counter.is_hidden()
