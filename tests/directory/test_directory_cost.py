"""The directory page asks the database the same few questions whatever its size."""

from tests.directory.helpers import ADMIN, add, coalition
from tests.organiser_helpers import log_in

LIMIT = 8  # the session, the organiser, the rows, the decisions, the letters' ones, the letters


def queries(client, count_queries, path: str) -> int:
    with count_queries() as counted:
        assert client.get(path).status_code == 200
    return int(counted)


def test_the_page_costs_the_same_queries_for_4_or_34_organisations(
    app, client, make_letter, organiser, count_queries
):
    coalition(app, make_letter)
    log_in(client, organiser(ADMIN, admin=True))
    few = queries(client, count_queries, "/organise/organisations")
    with app.app_context():
        for n in range(30):
            add("water" if n % 2 else "climate", f"Organisation {n}", "KE")
    many = queries(client, count_queries, "/organise/organisations?q=organisation")
    assert few == many <= LIMIT
