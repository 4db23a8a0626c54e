"""The directory page: one organisation across letters, only what is approved, erasure
reaching it, search and filters, and who may open it (reached from the dashboard)."""

from urllib.parse import urlsplit

import lxml.html
import pytest
import sqlalchemy as sa

from signon.directory.models import DirectoryDecision
from signon.letters.services import get_letter
from signon.moderation import duplicates
from signon.privacy import erasure
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.directory.helpers import ADMIN, AWA, IBOU, OWNER, add, coalition, set_status
from tests.organiser_helpers import log_in
from tests.pages import link, press, text

PAGE = "/organise/organisations"


@pytest.fixture
def admin_page(app, client, make_letter, organiser):
    """The coalition, and its administrator signed in; returns the sign-on ids."""
    ids = coalition(app, make_letter)
    log_in(client, organiser(ADMIN, admin=True))
    return ids


def rows(html: str) -> list[str]:
    """The directory table's rows, as words."""
    page = lxml.html.fromstring(html)
    return [" ".join(tr.text_content().split()) for tr in page.xpath("//table//tbody/tr")]


def test_a_merge_on_a_letter_is_offered_and_once_accepted_the_organisation_is_listed_once(
    app, client, admin_page
):
    page = client.get(PAGE).text
    # Same name key and country: "Réseau Afrique Santé" and "RESEAU AFRIQUE SANTE" are one.
    [ras] = [r for r in rows(page) if "Water is a right" in r and "Santé" in r]
    assert "Climate finance now" in ras and AWA in ras
    # The climate organisers' merge of "RAS Network" is only offered.
    [network] = [r for r in rows(page) if r.startswith("RAS Network")]
    assert "Climate finance now" in network and "Water is a right" not in network
    assert "merged on “Climate finance now”" in text(page)

    answer = press(client, page, "One organisation")
    assert answer.status_code == 303
    page = client.get(answer.location).text
    [ras] = [r for r in rows(page) if "Santé" in r]
    assert "Climate finance now" in ras and "Water is a right" in ras
    assert AWA in ras and IBOU in ras and "Also as: Réseau Afrique Santé; RAS Network" in ras
    assert len(rows(page)) == 2  # and Equitas
    assert "Nothing to decide." in text(page)

    # Undone, the letter's merge is offered again.
    page = client.get(press(client, page, "Undo").location).text
    assert len(rows(page)) == 3 and "merged on" in text(page)


def test_keeping_them_apart_takes_the_suggestion_away(app, client, admin_page):
    page = client.get(PAGE).text
    page = client.get(press(client, page, "Keep apart").location).text
    assert len(rows(page)) == 3
    assert "Nothing to decide." in text(page) and "Kept apart:" in text(page)


@pytest.mark.parametrize(
    "status", [SignOnStatus.PENDING, SignOnStatus.VERIFIED, SignOnStatus.REJECTED,
               SignOnStatus.WITHDRAWN],
)  # fmt: skip
def test_only_approved_sign_ons_are_in_the_directory(app, client, admin_page, status):
    set_status(app, admin_page["equitas"], status)
    assert "Equitas" not in text(client.get(PAGE).text)


def test_an_erased_contact_is_gone_and_the_organisation_stays_as_a_name(app, client, admin_page):
    with app.app_context():
        erasure.erase(get_letter("water"), [admin_page["equitas"]], utcnow(), keep_listed=False)
        db.session.commit()
    [equitas] = [r for r in rows(client.get(PAGE).text) if r.startswith("Equitas")]
    assert "lea@equitas.example.org" not in equitas and "No contact left" in equitas
    assert "Canada" in equitas and "Water is a right" in equitas


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=reseau+afrique", ["RESEAU"]),  # accents and case ignored
        ("q=eq", ["Equitas"]),  # the acronym
        ("q=%C3%89QUITAS", ["Equitas"]),
        ("country=CA", ["Equitas"]),
        ("region=Africa", ["RAS Network", "RESEAU"]),
        ("region=Europe", []),
        ("language=fr", ["RESEAU"]),
        ("letter=climate", ["RAS Network", "RESEAU"]),
        ("letter=water&country=SN", ["RESEAU"]),
        ("q=nothing+like+it", []),
    ],
)
def test_search_and_filters(app, client, admin_page, query, found):
    page = client.get(f"{PAGE}?{query}")
    assert page.status_code == 200
    assert [r.split()[0] for r in rows(page.text) if "No organisation" not in r] == [
        f.split()[0] for f in found
    ]


def test_the_directory_comes_a_page_at_a_time(app, client, make_letter, organiser):
    make_letter("climate")
    with app.app_context():
        for n in range(55):
            add("climate", f"Organisation {n:02}", "KE")
    log_in(client, organiser(ADMIN, admin=True))
    first = client.get(PAGE).text
    assert len(rows(first)) == 50 and "Page 1 of 2" in text(first)
    second = client.get(link(first, "Next")).text
    assert len(rows(second)) == 5 and rows(second)[-1].startswith("Organisation 54")
    assert client.get(f"{PAGE}?page=99").status_code == 200  # the last page
    assert client.get(f"{PAGE}?page=abc").status_code == 200


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 303), ("co-organiser", 404), ("no letter", 404), ("owner", 200),
     ("admin", 200)],
)  # fmt: skip
def test_who_may_open_the_directory(app, client, make_letter, organiser, who, expected):
    coalition(app, make_letter)
    accounts = {
        "anonymous": None,
        "co-organiser": organiser("co@coalition.example.org", letters=("water",), owner=False),
        "no letter": organiser("new@coalition.example.org"),
        "owner": organiser(OWNER, letters=("climate",)),
        "admin": organiser(ADMIN, admin=True),
    }
    token = log_in(client, accounts[who])
    for path in (PAGE, f"{PAGE}.csv"):
        answer = client.get(path)
        assert answer.status_code == expected, (path, answer.status_code)
        if expected == 303:
            assert urlsplit(answer.location).path == "/organise/sign-in"
    posted = client.post(f"{PAGE}.csv", data={"csrf_token": token})
    assert posted.status_code == (200 if expected == 200 else expected)
    # The directory's decisions are the administrators' alone.
    decided = client.post(f"{PAGE}/decisions/undo", data={"csrf_token": token, "decision": "1"})
    assert decided.status_code == {"admin": 404, "anonymous": 303}.get(who, 404)


def test_an_owner_reaches_the_directory_from_the_dashboard(app, client, make_letter, organiser):
    coalition(app, make_letter)
    log_in(client, organiser(OWNER, letters=("climate",)))
    dashboard = client.get("/organise/").text
    page = client.get(link(dashboard, "Directory of organisations"))
    assert page.status_code == 200
    assert "Equitas" in text(page.text)  # every letter's organisations, not only the owner's
    assert "Suggested by" not in text(page.text)  # the decisions are the administrators'


def test_a_co_organiser_sees_no_link_to_it(app, client, make_letter, organiser):
    coalition(app, make_letter)
    log_in(client, organiser("co@coalition.example.org", letters=("water",), owner=False))
    assert "Directory of organisations" not in client.get("/organise/").text


def test_a_decision_on_a_pair_no_letter_decided_is_refused(app, client, admin_page, organiser):
    token = log_in(client, organiser("root2@secretariat.example.org", admin=True))
    with app.app_context():
        letter = get_letter("water")
        first, second = (
            db.session.get(SignOn, admin_page[name]).signatory_id
            for name in ("ras_water", "equitas")
        )
        values = {"letter": letter.id, "first": first, "second": second}
    for answer in ("merge", "apart"):
        data = {**values, "answer": answer, "csrf_token": token}
        assert client.post(f"{PAGE}/decisions", data=data).status_code == 404
    assert client.post(f"{PAGE}/decisions", data={"csrf_token": token}).status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(DirectoryDecision.id))) == 0


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "The coalition's directory"), ("fr", "L'annuaire de la coalition"),
     ("es", "El directorio de la coalición"), ("pt", "O diretório da coalizão"),
     ("ar", "دليل التحالف")],
)  # fmt: skip
def test_the_privacy_notice_says_the_directory_exists_and_what_it_keeps(
    client, make_letter, lang, words
):
    make_letter()
    page = text(client.get(f"/letters/climate/privacy?lang={lang}").text)
    assert words in page


def test_a_letters_different_organisations_is_offered_when_merges_joined_them(
    app, client, make_letter, admin_page
):
    make_letter("health", title="Health for all")
    with app.app_context():
        water = [add("water", "RAS Network", "SN"), add("water", "RAS", "SN")]
        health = [add("health", "Réseau Afrique Santé", "SN"), add("health", "RAS", "SN")]
        first, second = (db.session.get(SignOn, i).signatory_id for i in water)
        duplicates.merge(get_letter("water"), first, second, "lead@coalition.example")
        first, second = (db.session.get(SignOn, i).signatory_id for i in health)
        duplicates.mark_distinct(get_letter("health"), first, second, "lead@coalition.example")
        db.session.commit()
    page = client.get(PAGE).text
    assert "marked as different" not in text(page)  # apart in the directory: nothing to say
    for _ in range(2):  # climate's and water's merges
        page = client.get(press(client, page, "One organisation").location).text
    assert len(rows(page)) == 2  # the Réseau, "RAS Network" and "RAS" are one; and Equitas
    assert "marked as different organisations on “Health for all”" in text(page)
    page = client.get(press(client, page, "Keep apart").location).text
    assert [r.split(" (")[0] for r in rows(page)][:1] == ["Equitas"]
    assert len(rows(page)) == 3 and "Nothing to decide." in text(page)
