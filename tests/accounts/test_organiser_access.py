"""Every organiser page answers only the letter's organisers and admins; others get a 404."""

import pytest

from signon.accounts.models import Organiser
from signon.importing import tables
from signon.letters import editing
from signon.letters.services import get_letter
from signon.storage.extensions import db
from tests.organiser_helpers import log_in

# Every route about one letter: (method, path, form data).
LETTER_ROUTES = [
    ("GET", "/organise/letters/{slug}/", {}),
    ("GET", "/organise/letters/{slug}/sign-ons", {}),
    ("GET", "/organise/letters/{slug}/sign-ons?status=verified&country=CI&q=equ", {}),
    ("POST", "/organise/letters/{slug}/sign-ons/decide", {"action": "reject", "ids": "{id}"}),
    ("GET", "/organise/letters/{slug}/sign-ons/{id}", {}),
    ("POST", "/organise/letters/{slug}/sign-ons/{id}/display-name", {"display_name": "X"}),
    ("POST", "/organise/letters/{slug}/sign-ons/{id}/note", {"note": "checked"}),
    ("GET", "/organise/letters/{slug}/team", {}),
    ("POST", "/organise/letters/{slug}/team", {"email": "new@example.org"}),
    ("GET", "/organise/letters/{slug}/edit", {}),
    ("POST", "/organise/letters/{slug}/edit", {"title": "T", "body": "B", "new_version": "3"}),
    ("GET", "/organise/letters/{slug}/status/closed", {}),
    ("POST", "/organise/letters/{slug}/status/closed", {}),
    ("POST", "/organise/letters/{slug}/preview-link", {"action": "revoke"}),
    ("GET", "/organise/letters/{slug}/versions", {}),
    ("GET", "/organise/letters/{slug}/versions/1", {}),
    ("POST", "/organise/letters/{slug}/versions/1/notify", {}),
    ("GET", "/organise/letters/{slug}/import", {}),
    ("POST", "/organise/letters/{slug}/import", {"pasted": "Green Earth\nSol Collective"}),
    ("GET", "/organise/letters/{slug}/import/{upload}", {}),
    ("GET", "/organise/letters/{slug}/import/{upload}/preview", {}),
]
OK = {"GET": 200, "POST": 303}


@pytest.fixture
def world(app, make_letter, organiser, confirmed):
    """Two letters, an organiser of each, an admin, and a sign-on on the first."""
    make_letter("climate")
    make_letter("water")
    sign_on = confirmed("climate")
    with app.app_context():
        # An edit of the open letter, so that version 1 exists.
        editing.update_letter(get_letter("climate"), {"body": "New text"}, "test")
        db.session.commit()
    people = {
        "member": organiser("ana@coalition.example.org", letters=("climate",)),
        "outsider": organiser("ben@other.example.org", letters=("water",)),
        "admin": organiser("root@secretariat.example.org", admin=True),
    }
    with app.app_context():
        # A list pasted into the import by the member and by the admin (each sees their own).
        uploads = {
            who: tables.keep_upload(
                get_letter("climate"),
                db.session.get(Organiser, people[who]),
                tables.PASTED,
                tables.read_text("Green Earth\nSol Collective"),
            ).id
            for who in ("member", "admin")
        }
        db.session.commit()
    return {"sign_on": sign_on, "uploads": uploads, **people}


def hit(client, who, method, path, data, world):
    token = log_in(client, world[who] if who else None)
    upload = world["uploads"].get(who, world["uploads"]["member"])
    path = path.format(slug="climate", id=world["sign_on"], upload=upload)
    if method == "GET":
        return client.get(path)
    fields = {k: v.format(id=world["sign_on"]) for k, v in data.items()}
    return client.post(path, data={**fields, "csrf_token": token})


def test_signed_out_visitors_are_sent_to_sign_in_or_get_404(client, world):
    for method, path, data in LETTER_ROUTES:
        answer = hit(client, None, method, path, data, world)
        went_to_sign_in = answer.headers.get("Location", "").endswith("/organise/sign-in")
        assert answer.status_code == 404 or went_to_sign_in, (method, path)
        if method == "GET":
            assert went_to_sign_in, path


@pytest.mark.parametrize("who", ["outsider"])
def test_strangers_get_404_everywhere(client, world, who):
    for method, path, data in LETTER_ROUTES:
        assert hit(client, who, method, path, data, world).status_code == 404, (method, path)
    # The letter they cannot see does not appear on their dashboard either.
    if who:
        assert "/organise/letters/climate/" not in client.get("/organise/").text


@pytest.mark.parametrize("who", ["member", "admin"])
def test_organisers_and_admins_get_through(client, world, who):
    for method, path, data in LETTER_ROUTES:
        answer = hit(client, who, method, path, data, world)
        assert answer.status_code == OK[method], (method, path, answer.text[:300])


def test_unknown_letter_and_sign_on_are_404(client, world):
    token = log_in(client, world["admin"])
    assert client.get("/organise/letters/nope/").status_code == 404
    assert client.get("/organise/letters/climate/sign-ons/999999").status_code == 404
    assert client.get(f"/organise/letters/water/sign-ons/{world['sign_on']}").status_code == 404
    wrong = client.post(
        "/organise/letters/water/sign-ons/decide",
        data={"action": "approve", "ids": world["sign_on"], "csrf_token": token},
    )
    assert wrong.status_code == 303
    assert "No sign-on" in client.get(wrong.location).text


def test_only_admins_see_the_organisers_page(client, world):
    for who, code in [(None, 303), ("member", 404), ("admin", 200)]:
        log_in(client, world[who] if who else None)
        assert client.get("/organise/organisers").status_code == code


def test_personal_pages_need_a_signed_in_organiser(client, world):
    for who, code in [(None, 303), ("outsider", 200), ("admin", 200)]:
        log_in(client, world[who] if who else None)
        assert client.get("/organise/letters/new").status_code == code
        assert client.get("/organise/settings").status_code == code


def test_co_organiser_who_is_not_owner_cannot_add_others(client, organiser, world):
    helper = organiser("cleo@coalition.example.org", letters=("climate",), owner=False)
    token = log_in(client, helper)
    assert client.get("/organise/letters/climate/team").status_code == 200
    answer = client.post(
        "/organise/letters/climate/team", data={"email": "x@example.org", "csrf_token": token}
    )
    assert answer.status_code == 403


def test_owner_adds_a_co_organiser_who_then_sees_the_letter(client, world, inbox, deliver):
    token = log_in(client, world["member"])
    client.post(
        "/organise/letters/climate/team",
        data={"email": "Dora@Partner.example.org", "csrf_token": token},
    )
    deliver()
    [invite] = inbox.to("dora@partner.example.org")
    assert "organiser of" in inbox.text(invite)
    twice = client.post(
        "/organise/letters/climate/team",
        data={"email": "dora@partner.example.org", "csrf_token": token},
    )
    assert twice.status_code == 422 and "already organises" in twice.text


def test_admin_invites_an_organiser(client, world, inbox, deliver):
    token = log_in(client, world["admin"])
    answer = client.post(
        "/organise/organisers", data={"email": "eve@example.org", "csrf_token": token}
    )
    assert answer.status_code == 303
    deliver()
    assert inbox.to("eve@example.org")
    assert "eve@example.org" in client.get("/organise/organisers").text
