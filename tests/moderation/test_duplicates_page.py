"""The organiser page for candidate duplicates: only for the letter's organisers, CSRF forms."""

import re

from signon.letters.services import get_letter
from signon.moderation.merge_models import SignatoryMerge
from signon.signing.final_list import final_list
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on, sign_in
from tests.pages import press, text
from tests.support import csrf_token

PAGE = "/organise/letters/climate/duplicates"


def test_only_the_letters_organisers_see_it(app, client, make_letter):
    make_letter()
    make_letter(slug="other")
    assert client.get(PAGE).headers["Location"].endswith("/organise/sign-in")
    sign_in(app, client, "other")
    assert client.get(PAGE).status_code == 404


def test_review_merge_undo_and_distinct(app, client, make_letter):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Human Rights Watch", "US")
        add_sign_on("climate", "Human Rights Watch (HRW)", "US")
        add_sign_on("climate", "<b>Amnesty</b> International", "GB")
        add_sign_on("climate", "<b>Amnesty</b> Internatonal", "GB")
    sign_in(app, client, "climate")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "<b>Amnesty" not in page.text and "&lt;b&gt;Amnesty" in page.text
    token = csrf_token(page.text)
    first, second = re.findall(r'name="first" value="(\d+)"', page.text)[:2]

    refused = client.post(f"{PAGE}/merge", data={"first": first, "second": second})
    assert refused.status_code == 400  # no CSRF token

    merged = client.post(
        f"{PAGE}/merge", data={"first": first, "second": second, "csrf_token": token},
        follow_redirects=True,
    )  # fmt: skip
    assert "Merged" in merged.text
    with app.app_context():
        assert len(final_list(get_letter("climate"))) == 3
        merge_id = db.session.get(SignatoryMerge, 1).id

    undone = client.post(
        f"{PAGE}/undo", data={"merge_id": merge_id, "csrf_token": token}, follow_redirects=True
    )
    assert "Split" in undone.text
    with app.app_context():
        assert len(final_list(get_letter("climate"))) == 4

    again = client.post(
        f"{PAGE}/undo", data={"merge_id": merge_id, "csrf_token": token}, follow_redirects=True
    )
    assert again.status_code == 200 and "already been undone" in again.text

    page = client.get(PAGE)
    pairs = re.findall(
        r'name="first" value="(\d+)">\s*<input type="hidden" name="second" '
        r'value="(\d+)">\s*<button type="submit">Different',
        page.text,
    )
    for a, b in pairs:
        client.post(f"{PAGE}/distinct", data={"first": a, "second": b, "csrf_token": token})
    assert "No possible duplicates." in client.get(PAGE).text


def test_bad_input_is_a_message_not_an_error(app, client, make_letter):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Alpha Trust", "KE")
        add_sign_on("climate", "Alpha Trst", "KE")
    sign_in(app, client, "climate")
    token = csrf_token(client.get(PAGE).text)
    answer = client.post(
        f"{PAGE}/merge", data={"first": "1", "second": "99", "csrf_token": token},
        follow_redirects=True,
    )  # fmt: skip
    assert answer.status_code == 200 and "No signatory" in answer.text
    answer = client.post(
        f"{PAGE}/distinct", data={"first": "x", "csrf_token": token}, follow_redirects=True
    )
    assert answer.status_code == 200 and "incomplete" in answer.text


def test_same_name_from_two_countries_says_which_country_is_kept(app, client, make_letter):
    """Issue 23, case 5: the page names what differs, the buttons and the flash name it too."""
    make_letter()
    name = "International Platform of Jurists for East Timor"
    with app.app_context():
        add_sign_on("climate", name, "TL", contact_email="a@ipjet.org")
        add_sign_on("climate", name, "NL", contact_email="b@ipjet.org")
    sign_in(app, client, "climate")
    page = client.get(PAGE).text
    words = text(page)
    assert "The same name from two countries: Timor-Leste / Netherlands." in words
    assert f"Merge, keep “{name}”" not in words
    merged = press(client, page, "Keep Timor-Leste")
    assert merged.status_code == 303
    done = text(client.get(merged.location).text)
    assert f"Merged “{name}” (Netherlands) into “{name}” (Timor-Leste)." in done, done
    assert f"{name} (Netherlands) → {name} (Timor-Leste)" in done
    with app.app_context():
        [entry] = final_list(get_letter("climate"))
        assert entry.country == "TL" and len(entry.contacts) == 2
    french = text(client.get(f"{PAGE}?lang=fr").text)
    assert "Pays-Bas" in french and "Timor" in french
