"""Pages and the sign-on send the same number of queries for 3 sign-ons as for 30."""

import pytest

from signon.letters import editing
from signon.letters.models import LetterStatus
from signon.letters.services import get_letter
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.support import VALID_SIGN_ON, close_letter, csrf_token

PAGES = {
    "the dashboard": "/organise/",
    "the overview": "/organise/letters/climate/",
    "the moderation list": "/organise/letters/climate/sign-ons",
    "the moderation list, filtered and sorted": (
        "/organise/letters/climate/sign-ons?status=verified&sort=-name"
    ),
}
# What a page costs on either database, whatever the number of rows.
# Each includes the one query of @sign_in_required's session check.
# The dashboard and the overview count candidate duplicates: one query to see that the
# worker judged every arrival, two to read the kept pairs and the "different" marks.
LIMITS = {
    "the dashboard": 8,
    "the overview": 14,  # with the count of undeliverable emails
    # Before the signatories were loaded with their sign-ons: 13 for 5 sign-ons, 63 for 55.
    "the moderation list": 9,
    "the moderation list, filtered and sorted": 9,
}


def queries(client, count_queries, path: str) -> int:
    with count_queries() as counted:
        assert client.get(path).status_code == 200
    return int(counted)


def judge_duplicates(runner) -> None:
    """The worker's job after arrivals (the pages judge what it has not, at a cost per arrival)."""
    result = runner.invoke(args=["signatures", "duplicates-refresh"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_costs_the_same_queries_whatever_the_number_of_sign_ons(
    client, runner, make_letter, organiser, quick_sign_ons, count_queries, page
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    quick_sign_ons(3)
    judge_duplicates(runner)
    few = queries(client, count_queries, PAGES[page])
    quick_sign_ons(27, start=3, country="FR")
    judge_duplicates(runner)
    many = queries(client, count_queries, PAGES[page])
    assert few == many, f"{page}: {few} queries for 3 sign-ons, {many} for 30"
    assert many <= LIMITS[page]


# The public pages and the sign-on, on a letter of 3 signatories and on one of 30. The public
# pages are cached: the first view after the list changed renders, the next reads the cache.
PUBLIC_PAGES = {
    "the public letter page": "/letters/{slug}",
    "the public list": "/letters/{slug}/signatories",
    "the public list, searched": "/letters/{slug}/signatories?q=organisation+01",
}
# (rendered, from the cache), on either database. A published letter shows its list under it;
# the letter page also looks for its translation into the visitor's language (one query), and
# an open letter counts who signed so far at its top (one query).
PUBLIC_LIMITS = {
    ("the public letter page", "open"): (6, 3),
    ("the public letter page", "published"): (6, 3),
    ("the public list", "open"): (4, 3),
    ("the public list", "published"): (4, 3),
    ("the public list, searched", "open"): (4, 3),
    ("the public list, searched", "published"): (4, 3),
}


def approved_letter(app, make_letter, quick_sign_ons, runner, slug: str, n: int, publish: bool):
    make_letter(slug)
    quick_sign_ons(n, slug=slug)
    assert runner.invoke(args=["signatures", "approve", slug, "--all-verified"]).exit_code == 0
    if publish:
        with app.app_context():
            close_letter(slug)
            editing.change_status(get_letter(slug), LetterStatus.PUBLISHED, "test")
            db.session.commit()


@pytest.mark.parametrize("status", ["open", "published"])
@pytest.mark.parametrize("page", list(PUBLIC_PAGES))
def test_a_public_page_costs_the_same_queries_whatever_the_number_of_signatories(
    app, client, runner, make_letter, quick_sign_ons, count_queries, page, status
):
    for slug, n in (("few", 3), ("many", 30)):
        approved_letter(app, make_letter, quick_sign_ons, runner, slug, n, status == "published")
    costs = {
        slug: [queries(client, count_queries, PUBLIC_PAGES[page].format(slug=slug)) for _ in "12"]
        for slug in ("few", "many")
    }
    assert costs["few"] == costs["many"], f"{page}: {costs}"
    rendered, cached = costs["many"]
    most_rendered, most_cached = PUBLIC_LIMITS[page, status]
    assert rendered <= most_rendered and cached <= most_cached, f"{page}, {status}: {costs}"


def test_a_sign_on_costs_the_same_queries_whatever_the_number_of_sign_ons(
    app, client, make_letter, quick_sign_ons, count_queries
):
    make_letter()
    token = csrf_token(client.get("/letters/climate").text)

    def post(**fields: str) -> int:
        data = {**VALID_SIGN_ON, **fields, "csrf_token": token}
        with count_queries() as counted:
            answer = client.post("/letters/climate", data=data)
        assert answer.status_code == 303
        return int(counted)

    quick_sign_ons(3)
    few = post(organisation="New Organisation A", contact_email="ana@neworga.example.org")
    quick_sign_ons(27, start=3)
    many = post(organisation="New Organisation B", contact_email="ben@neworgb.example.org")
    # A second contact of an organisation already there joins its signatory.
    joining = post(organisation="Organisation 007", contact_email="two@org7.example.org")
    assert few == many, f"{few} queries with 3 sign-ons, {many} with 30"
    with app.app_context():
        limit = SIGN_ON_LIMIT[db.engine.dialect.name]
    assert many == limit and joining == limit, (many, joining)


# The letter's cached facts and the domains its signers share (for "Did you mean…?"), both
# read at every request here (LETTER_FACTS_SECONDS is 0 in tests, 1 s when deployed); then the
# letter's facts, title and consent version in one query. On SQLite the signatory
# (ON CONFLICT), the sign-on and its confirmation email follow; on PostgreSQL one statement
# stores all three (signing/one_statement.py). Before issue 29: 7 on both.
SIGN_ON_LIMIT = {"sqlite": 6, "postgresql": 4}
