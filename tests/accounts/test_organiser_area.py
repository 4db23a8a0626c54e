"""The letter area: one navigation, an overview that says where the letter stands and what next."""

import re
from datetime import UTC, date, datetime, timedelta

import lxml.html
import sqlalchemy as sa

from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on
from tests.organiser_helpers import log_in
from tests.pages import link, links, press, text

OVERVIEW = "/organise/letters/climate/"
AREA = [
    "Overview",
    "Sign-ons",
    "Duplicates",
    "Text",
    "Versions",
    "Translations",
    "Team",
    "Downloads",
    "Import",
]


def counts(html: str) -> dict[str, str]:
    page = lxml.html.fromstring(html)
    return {
        dt.text_content().strip(): dt.getnext().text_content().strip()
        for dt in page.xpath("//dl[@class='counts']//dt")
    }


def test_every_page_of_the_letter_has_the_same_navigation(
    client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    [one] = quick_sign_ons(1)
    nav = links(client.get(OVERVIEW).text, "nav.letter-nav")
    assert [words for words, _ in nav][1:] == AREA  # after the letter's title
    pages = [href for _, href in nav[1:]] + [f"{OVERVIEW}sign-ons/{one}"]
    for href in pages:
        page = client.get(href)
        assert page.status_code == 200, href
        assert [w for w, _ in links(page.text, "nav.letter-nav")][1:] == AREA, href
        current = lxml.html.fromstring(page.text).xpath("//nav//a[@aria-current='page']")
        assert len(current) == 1, href


def test_the_overview_counts_organisations_and_candidate_pairs_still_to_review(
    app, client, make_letter, organiser
):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Human Rights Watch", "US")
        add_sign_on("climate", "Human Rights Watch (HRW)", "US")
        add_sign_on("climate", "Human Rights Watch", "US", contact_email="b@hrw.org")  # same one
        add_sign_on("climate", "Green Earth", "KE")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    overview = client.get(OVERVIEW).text
    assert counts(overview) == {
        "Organisations": "3",
        "Pending confirmation": "0",
        "Confirmed": "0",
        "Approved": "4",
        "Rejected": "0",
        "Withdrawn": "0",
        "Candidate pairs to review": "1",
    }
    assert "Next step: 1 pair of possible duplicates to review." in text(overview)
    duplicates = client.get(link(overview, "Duplicates")).text
    merged = press(client, duplicates, "Merge, keep “Human Rights Watch”")
    overview = client.get(OVERVIEW).text
    assert merged.status_code == 303
    assert counts(overview)["Candidate pairs to review"] == "0"
    assert counts(overview)["Organisations"] == "2"
    assert (
        "ana@coalition.example.org merged “Human Rights Watch (HRW)” into “Human Rights Watch”"
        in text(overview)
    )
    assert "merged_signatory_id" not in overview


def test_the_chart_shows_sign_ons_per_day_without_javascript(
    app, client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    ids = quick_sign_ons(3)
    today = datetime.now(UTC).replace(hour=12)
    with app.app_context():
        for sign_on_id, days_ago in zip(ids, (2, 2, 0), strict=True):
            s = db.session.get(SignOn, sign_on_id)
            s.created_at = s.confirmed_at = today - timedelta(days=days_ago)
        db.session.commit()
    page = client.get(OVERVIEW).text
    # The chart is drawn on the server; the only script is the forms' length counter.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/counter.js" defer>']
    svg = lxml.html.fromstring(page).xpath("//svg[@class='per-day']")[0]
    bars = [r.xpath("string(title)") for r in svg.xpath(".//rect")]
    two_days_ago = (today - timedelta(days=2)).strftime("%d %b")
    assert f"{two_days_ago}: 2 received" in bars and f"{two_days_ago}: 2 confirmed" in bars
    assert f"{today:%d %b}: 1 received" in bars
    assert "3 received, 3 confirmed, 0 approved" in svg.xpath("string(title)")
    numbers = lxml.html.fromstring(page).xpath("//table[@class='numbers']//tr/*/text()")
    assert numbers[4:] == [
        (today - timedelta(days=2)).date().isoformat(), "2", "2", "0",
        (today - timedelta(days=1)).date().isoformat(), "0", "0", "0",
        today.date().isoformat(), "1", "1", "0",
    ]  # fmt: skip


def test_the_countries_represented_are_grouped_by_region(
    app, client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    quick_sign_ons(2, country="KE")
    quick_sign_ons(1, country="CI", start=10)
    quick_sign_ons(1, country="FR", start=20)
    with app.app_context():
        add_sign_on("climate", "Conectas", "BR")
    page = client.get(OVERVIEW).text
    rows = [
        " ".join(cell.text_content().strip() for cell in tr)
        for tr in lxml.html.fromstring(page).xpath("//table[@class='countries']//tr")
    ]
    assert rows == [
        "Country Approved Waiting",
        "Africa (3)",
        "Kenya 0 2",
        "Côte d'Ivoire 0 1",
        "Europe (1)",
        "France 0 1",
        "South America (1)",
        "Brazil 1 0",
    ]


def test_the_log_and_the_statuses_are_in_words(app, client, make_letter, organiser):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Alpha Aid", "KE")
        db.session.execute(sa.update(SignOn).values(status="verified"))
        db.session.commit()
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    client.post(
        f"{OVERVIEW}sign-ons/decide", data={"action": "reject", "ids": [1], "csrf_token": token}
    )
    page = text(client.get(OVERVIEW).text)
    assert "ana@coalition.example.org rejected “Alpha Aid” (sign-on #1)." in page
    assert "previous: verified" not in page
    assert date.today().isoformat() in page
