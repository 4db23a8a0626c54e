"""The moderation list on a phone: opens on what waits, filters in the reader's order,
no empty brackets, and the decisions in a bar that stays on screen."""

import re

import lxml.html
import sqlalchemy as sa

from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import link, press, text

SIGN_ONS = "/organise/letters/climate/sign-ons"


def names(html: str) -> list[str]:
    return re.findall(r'<strong dir="auto">([^<]+)</strong>', html)


def chosen(html: str, field: str) -> str:
    """The value of the option the filter form shows as chosen."""
    page = lxml.html.fromstring(html)
    return page.xpath(f"//select[@name='{field}']/option[@selected]/@value")[0]


def statuses(app) -> dict[int, str]:
    with app.app_context():
        return dict(db.session.execute(sa.select(SignOn.id, SignOn.status)).all())


def test_the_list_opens_on_the_confirmed_sign_ons_and_all_still_shows_all(
    app, client, make_letter, organiser, quick_sign_ons, sign
):
    make_letter()
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    waiting = quick_sign_ons(3)
    sign(organisation="Not Yet Confirmed", contact_email="n@not-yet.example.org")
    client.post(
        f"{SIGN_ONS}/decide", data={"action": "approve", "ids": waiting[:1], "csrf_token": token}
    )
    opened = client.get(SIGN_ONS).text
    assert names(opened) == ["Organisation 001", "Organisation 002"]
    assert chosen(opened, "status") == "verified"
    # "Any" is an explicit choice, and links from the list keep it (sort, select all).
    every = client.get(f"{SIGN_ONS}?status=all").text
    assert len(names(every)) == 4 and chosen(every, "status") == "all"
    by_name = client.get(link(every, "Name")).text
    assert len(names(by_name)) == 4
    assert len(names(client.get(link(by_name, "Select all 4 shown")).text)) == 4
    assert len(names(client.get(f"{SIGN_ONS}?status=").text)) == 4  # as links made before

    # "Approve all N matching…" on the opened list approves what it shows.
    second_step = press(client, opened, "Approve all 2 matching")
    assert "Approve 2 sign-ons?" in text(second_step.text)
    answer = press(client, second_step.text, "Approve these 2")
    assert sorted(statuses(app).values()) == ["approved"] * 3 + ["pending"]
    # Nothing waits any more: the list opens on every sign-on.
    after = client.get(answer.location).text
    assert "2 approved." in after
    assert len(names(client.get(SIGN_ONS).text)) == 4


def test_the_country_filter_and_order_go_by_name_in_the_pages_language(
    client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    for start, country in enumerate(["CH", "CD", "BI", "CF", "KE", "XI"]):
        quick_sign_ons(1, country=country, start=start)
    options = {
        "en": ["International", "Burundi", "Central African Republic",
               "Democratic Republic of the Congo", "Kenya", "Switzerland"],
        "fr": ["International", "Burundi", "Kenya", "République centrafricaine",
               "République démocratique du Congo", "Suisse"],
        "es": ["Internacional", "Burundi", "Kenia", "República Centroafricana",
               "República Democrática del Congo", "Suiza"],
    }  # fmt: skip
    for language, expected in options.items():
        page = client.get(f"{SIGN_ONS}?lang={language}").text
        tree = lxml.html.fromstring(page)
        assert tree.xpath("//select[@name='country']/option/text()")[1:] == expected, language
        by_country = client.get(f"{SIGN_ONS}?lang={language}&sort=country").text
        tree = lxml.html.fromstring(by_country)
        rows = tree.xpath("//tr[contains(@class, 'sign-on')]/td[@class='country']/text()")
        assert rows == expected, language


def test_no_empty_brackets_and_the_acronym_only_when_there_is_one(
    client, make_letter, organiser, confirmed
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    bare = confirmed(organisation="Green Earth", acronym="", contact_email="g@green.example.org")
    confirmed(organisation="Alpha Aid", acronym="AA", contact_email="a@alpha.example.org")
    confirmed(
        organisation="Réseau Equitas (REQCI)", acronym="REQCI", contact_email="r@eq.example.org"
    )
    page = client.get(SIGN_ONS).text
    tree = lxml.html.fromstring(page)
    labels = [" ".join(x.text_content().split()) for x in tree.xpath("//td[@class='name']/label")]
    assert labels == ["Green Earth", "Alpha Aid (AA)", "Réseau Equitas (REQCI)"]
    pages = [
        page,
        client.get(f"{SIGN_ONS}/{bare}").text,
        client.get(f"{SIGN_ONS}/approve-all").text,
        client.get("/organise/letters/climate/").text,
        client.get("/organise/letters/climate/duplicates").text,
    ]
    assert [p for p in pages if re.search(r"\(\s*\)", text(p))] == []
    css = client.get("/static/style.css")
    assert 'content: "("' not in css.text  # brackets come from the page, never from CSS
    css.close()


def test_the_decisions_sit_in_a_bar_that_stays_on_screen_without_javascript(
    client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    quick_sign_ons(3)
    page = client.get(f"{SIGN_ONS}?lang=fr&select=all").text
    tree = lxml.html.fromstring(page)
    [bar] = tree.xpath("//form//div[@class='bulk-bar']")
    buttons = [b.text_content() for b in bar.xpath(".//button")]
    assert buttons == ["Approuver la sélection", "Refuser la sélection"]
    # The count: drawn by the server, kept by a static script (the CSP allows no inline one).
    [count] = bar.xpath(".//output")
    assert count.text_content() == "3 sélectionnées" and count.get("hidden") is not None
    assert count.get("data-selected-one") == "{n} sélectionnée"
    assert count.get("data-selected-other") == "{n} sélectionnées"
    assert tree.xpath("//script[not(@src)]") == []
    assert "/static/js/selection.js" in tree.xpath("//script/@src")
    script = client.get("/static/js/selection.js")
    assert script.status_code == 200 and "selected" in script.text
    script.close()
    css = client.get("/static/style.css")
    assert re.search(r"\.bulk-bar \{[^}]*position: sticky; bottom: 0;", css.text)
    css.close()
