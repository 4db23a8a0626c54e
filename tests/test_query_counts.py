"""The organiser pages send the same number of queries for 3 sign-ons as for 30."""

import pytest

from tests.organiser_helpers import log_in

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
LIMITS = {
    "the dashboard": 7,
    "the overview": 13,  # with the count of undeliverable emails
    # Before the signatories were loaded with their sign-ons: 13 for 5 sign-ons, 63 for 55.
    "the moderation list": 9,
    "the moderation list, filtered and sorted": 9,
}


def queries(client, count_queries, path: str) -> int:
    with count_queries() as counted:
        assert client.get(path).status_code == 200
    return int(counted)


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_costs_the_same_queries_whatever_the_number_of_sign_ons(
    client, make_letter, organiser, quick_sign_ons, count_queries, page
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    quick_sign_ons(3)
    few = queries(client, count_queries, PAGES[page])
    quick_sign_ons(27, start=3, country="FR")
    many = queries(client, count_queries, PAGES[page])
    assert few == many, f"{page}: {few} queries for 3 sign-ons, {many} for 30"
    assert many <= LIMITS[page]
