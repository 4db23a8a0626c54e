"""Organisers sign in with a single-use link emailed to them, valid 15 minutes."""

import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from signon.accounts.access import SESSION_KEY
from signon.web.tokens import Purpose, make_token
from tests.organiser_helpers import log_in, sign_in_link
from tests.support import csrf_token


def ask_link(client, email: str):
    page = client.get("/organise/sign-in")
    return client.post(
        "/organise/sign-in", data={"email": email, "csrf_token": csrf_token(page.text)}
    )


def press(client, path: str):
    page = client.get(path)
    assert page.status_code == 200, page.text
    return client.post(path, data={"csrf_token": csrf_token(page.text)})


def signed_in_as(client) -> int | None:
    with client.session_transaction() as session:
        return session.get(SESSION_KEY)


def test_known_email_gets_a_link_that_signs_in_once(client, organiser, inbox, deliver):
    me = organiser("Ana@Coalition.example.org")
    answer = ask_link(client, "ana@coalition.example.org")
    assert answer.status_code == 303
    deliver()
    path = sign_in_link(inbox, "ana@coalition.example.org")
    # Opening the link (as a mail scanner does) signs nobody in: it shows a button.
    page = client.get(path)
    assert "Sign in as" in page.text and signed_in_as(client) is None
    done = client.post(path, data={"csrf_token": csrf_token(page.text)})
    assert done.status_code == 303 and done.location.endswith("/organise/")
    assert signed_in_as(client) == me
    assert "My letters" in client.get("/organise/").text
    # The same link a second time is refused.
    log_in(client, None)
    again = client.get(path)
    assert again.status_code == 400 and "already been used" in again.text


def test_unknown_email_gets_the_same_answer_and_no_mail(client, organiser, inbox, deliver):
    organiser("ana@coalition.example.org")
    known = ask_link(client, "ana@coalition.example.org")
    unknown = ask_link(client, "nobody@example.org")
    assert (known.status_code, known.location) == (unknown.status_code, unknown.location)
    deliver()
    assert [m["To"] for m in inbox.messages] == ["ana@coalition.example.org"]


def test_invalid_email_is_told_clearly(client):
    answer = ask_link(client, "not an email")
    assert answer.status_code == 422 and "valid email address" in answer.text


def test_expired_link_is_refused(app, client, organiser):
    me = organiser("ana@coalition.example.org")

    class SixteenMinutesAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 16 * 60

    with app.app_context():
        old = URLSafeTimedSerializer(
            app.config["SECRET_KEY"],
            salt=f"signon.{Purpose.ORGANISER_SIGN_IN}",
            signer=SixteenMinutesAgo,
        ).dumps({"id": me, "bound": "never"})
    answer = client.get(f"/organise/sign-in/{old}")
    assert answer.status_code == 400 and "expired" in answer.text
    assert client.post(f"/organise/sign-in/{old}").status_code == 400
    assert signed_in_as(client) is None


def test_tampered_link_is_refused(client, organiser, inbox, deliver):
    organiser("ana@coalition.example.org")
    ask_link(client, "ana@coalition.example.org")
    deliver()
    path = sign_in_link(inbox, "ana@coalition.example.org")
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    answer = client.get(tampered)
    assert answer.status_code == 400 and "not a valid link" in answer.text


def test_link_signs_in_only_its_own_account(app, client, organiser, inbox, deliver):
    ana = organiser("ana@coalition.example.org")
    ben = organiser("ben@coalition.example.org")
    ask_link(client, "ana@coalition.example.org")
    deliver()
    path = sign_in_link(inbox, "ana@coalition.example.org")
    log_in(client, ben)
    press(client, path)
    assert signed_in_as(client) == ana
    # A token made for another purpose with Ben's id does not sign Ben in.
    with app.app_context():
        other = make_token(Purpose.CONFIRM_SIGN_ON, ben)
    assert client.get(f"/organise/sign-in/{other}").status_code == 400


def test_sign_out_ends_the_session(client, organiser):
    me = organiser("ana@coalition.example.org")
    token = log_in(client, me)
    answer = client.post("/organise/sign-out", data={"csrf_token": token})
    assert answer.status_code == 303
    assert signed_in_as(client) is None
    assert client.get("/organise/").location.endswith("/organise/sign-in")


def test_cli_adds_organisers_and_owners(app, runner, tmp_path):
    out = runner.invoke(args=["organiser", "add", "Ana@Example.org", "--admin"])
    assert out.exit_code == 0 and "ana@example.org (admin)" in out.output
    again = runner.invoke(args=["organiser", "add", "ana@example.org"])
    assert again.exit_code != 0 and "already exists" in again.output
    assert runner.invoke(args=["organiser", "add", "ben@example.org"]).exit_code == 0
    body = str(tmp_path / "body.md")
    (tmp_path / "body.md").write_text("Text")
    missing = runner.invoke(
        args=["letter", "create", "--slug", "x", "--title", "X", "--body-file", body,
              "--owner", "carl@example.org"]
    )  # fmt: skip
    assert missing.exit_code != 0 and "organiser add" in missing.output
    made = runner.invoke(
        args=["letter", "create", "--slug", "x", "--title", "X", "--body-file", body,
              "--owner", "ana@example.org", "--owner", "BEN@example.org"]
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    from signon.letters.services import get_letter
    from signon.letters.team import team

    with app.app_context():
        members = team(get_letter("x"))
        assert sorted((m.organiser.email, m.is_owner) for m in members) == [
            ("ana@example.org", True),
            ("ben@example.org", True),
        ]


def test_links_to_one_address_are_limited(client, organiser, inbox, deliver):
    organiser("ana@coalition.example.org")
    for _ in range(7):
        assert ask_link(client, "ana@coalition.example.org").status_code == 303
    deliver()
    assert len(inbox.to("ana@coalition.example.org")) == 5


def test_the_language_chosen_before_signing_in_stays_after_it(client, organiser, inbox, deliver):
    organiser("ana@coalition.example.org")
    client.get("/organise/sign-in", query_string={"lang": "fr"})
    ask_link(client, "ana@coalition.example.org")
    deliver()
    path = sign_in_link(inbox, "ana@coalition.example.org")
    page = client.get(path)
    client.post(path, data={"csrf_token": csrf_token(page.text)})
    assert signed_in_as(client) is not None
    assert '<html lang="fr"' in client.get("/organise/").text
