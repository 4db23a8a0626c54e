"""A signed-out organiser opening a bookmark signs in and lands on the page they asked for."""

import pytest

from signon.domain.redirects import safe_return_path
from tests.organiser_helpers import sign_in_link
from tests.support import csrf_token


def sign_in_from_the_page(client, deliver, inbox, answer, email):
    """Fill the sign-in form the bookmark led to, open the emailed link and press the button."""
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/organise/sign-in")
    form = client.get(answer.headers["Location"])
    client.post("/organise/sign-in", data={"email": email, "csrf_token": csrf_token(form.text)})
    deliver()
    path = sign_in_link(inbox, email)
    page = client.get(path)
    return client.post(path, data={"csrf_token": csrf_token(page.text)})


def test_a_bookmark_leads_to_sign_in_and_back_to_the_page(
    client, make_letter, organiser, deliver, inbox
):
    make_letter(slug="climate")
    organiser("ana@coalition.example.org", letters=("climate",))
    asked = client.get("/organise/letters/climate/sign-ons?status=verified")
    done = sign_in_from_the_page(client, deliver, inbox, asked, "ana@coalition.example.org")
    assert done.status_code == 303
    assert done.headers["Location"] == "/organise/letters/climate/sign-ons?status=verified"
    assert client.get(done.headers["Location"]).status_code == 200


def test_without_a_bookmark_sign_in_leads_to_the_dashboard(client, organiser, deliver, inbox):
    organiser("ana@coalition.example.org")
    done = sign_in_from_the_page(
        client, deliver, inbox, client.get("/organise/"), "ana@coalition.example.org"
    )
    assert done.headers["Location"] == "/organise/"


def test_an_organiser_of_another_letter_still_gets_page_not_found(
    client, make_letter, organiser, deliver, inbox
):
    make_letter(slug="climate")
    organiser("bo@example.org")
    asked = client.get("/organise/letters/climate/edit")
    done = sign_in_from_the_page(client, deliver, inbox, asked, "bo@example.org")
    assert client.get(done.headers["Location"]).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/organise/\nSet-Cookie: x",
        "organise/",
        "",
        None,
    ],  # fmt: skip
)
def test_only_paths_on_this_site_are_returned_to(path):
    assert safe_return_path(path) is None


def test_a_path_on_this_site_is_kept_as_it_is():
    assert (
        safe_return_path("/organise/letters/climate/?tab=1") == "/organise/letters/climate/?tab=1"
    )


def test_a_bookmarked_import_step_leads_to_sign_in_and_back_to_it(
    client, make_letter, organiser, deliver, inbox
):
    make_letter(slug="climate")
    organiser("ana@coalition.example.org", letters=("climate",))
    asked = client.get("/organise/letters/climate/import")
    done = sign_in_from_the_page(client, deliver, inbox, asked, "ana@coalition.example.org")
    assert done.headers["Location"] == "/organise/letters/climate/import"
    assert "paste" in client.get(done.headers["Location"]).text.lower()
