"""Organisers' command line: letters and moderation."""

import json

import pytest

from signon.signing.models import SignOnStatus
from tests.helpers_db import sign_ons


@pytest.fixture
def body_file(tmp_path):
    path = tmp_path / "letter.md"
    path.write_text("Dear Ministers,\n\nWe urge you.\n", encoding="utf-8")
    return str(path)


def cli(runner, *args):
    return runner.invoke(args=list(args))


def test_create_draft_then_open_and_close(runner, client, body_file):
    result = cli(
        runner,
        "letter",
        "create",
        "--slug",
        "climate",
        "--title",
        "Climate",
        "--body-file",
        body_file,
    )
    assert result.exit_code == 0, result.output
    assert client.get("/letters/climate").status_code == 404
    assert cli(runner, "letter", "open", "climate").exit_code == 0
    assert 'name="organisation"' in client.get("/letters/climate").text
    assert cli(runner, "letter", "close", "climate").exit_code == 0
    assert "This letter is closed" in client.get("/letters/climate").text


def test_create_open(runner, client, body_file):
    cli(
        runner,
        "letter",
        "create",
        "--slug",
        "climate",
        "--title",
        "Climate",
        "--body-file",
        body_file,
        "--open",
    )
    assert client.get("/letters/climate").status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["letter", "open", "nope"], "No letter with slug 'nope'"),
        (["letter", "close", "nope"], "No letter with slug 'nope'"),
        (["letter", "export", "nope"], "No letter with slug 'nope'"),
        (["signatures", "list", "nope"], "No letter with slug 'nope'"),
        (["signatures", "approve", "nope", "1"], "No letter with slug 'nope'"),
        (["signatures", "reject", "nope", "1"], "No letter with slug 'nope'"),
        (
            ["letter", "create", "--slug", "x", "--title", "T", "--body-file", "/no/such.md"],
            "Cannot read body file",
        ),
        (
            ["letter", "create", "--slug", "Bad Slug", "--title", "T", "--body-file", "BODY"],
            "Invalid slug",
        ),
        (
            ["letter", "create", "--slug", "climate", "--title", "T", "--body-file", "BODY"],
            "already exists",
        ),
        (["letter", "open", "climate"], "already open"),
        (["signatures", "approve", "climate", "99"], "No sign-on 99"),
        (["signatures", "approve", "climate", "x"], "Sign-on ids are numbers"),
        (["signatures", "approve", "climate"], "Give either --all-verified"),
    ],
)
def test_errors_are_one_clear_line(runner, make_letter, body_file, args, message):
    make_letter()
    result = cli(runner, *[body_file if a == "BODY" else a for a in args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_close_a_draft_is_refused(runner, make_letter):
    make_letter(status="draft")
    result = cli(runner, "letter", "close", "climate")
    assert result.exit_code == 1
    assert "cannot become closed" in result.output


def test_list_json_and_status_filter(runner, make_letter, sign, deliver, inbox, confirm):
    make_letter()
    sign()
    sign(organisation="Amnesty International", contact_email="a@amnesty.example")
    deliver()
    confirm(inbox.link(inbox.to("a@amnesty.example")[0]))
    rows = json.loads(cli(runner, "signatures", "list", "climate", "--json").output)
    assert [(r["id"], r["organisation"], r["country"], r["status"]) for r in rows] == [
        (1, "Réseau Equitas Côte d'Ivoire", "CI", "pending"),
        (2, "Amnesty International", "CI", "verified"),
    ]
    verified = cli(runner, "signatures", "list", "climate", "--status", "verified", "--json")
    assert [r["id"] for r in json.loads(verified.output)] == [2]
    text = cli(runner, "signatures", "list", "climate").output
    assert "Amnesty International" in text


def test_approve_needs_a_confirmed_email(app, runner, make_letter, sign):
    make_letter()
    sign()
    result = cli(runner, "signatures", "approve", "climate", "1")
    assert result.exit_code == 1
    assert "1 not yet confirmed its email: Réseau Equitas Côte d'Ivoire (#1)." in result.output
    assert sign_ons(app)[0].status == SignOnStatus.PENDING


def test_approve_by_id_all_verified_and_reject(
    app, runner, make_letter, sign, deliver, inbox, confirm
):
    make_letter()
    for n in range(3):
        sign(organisation=f"Org {n}", contact_email=f"c{n}@example.org")
    deliver()
    for message in inbox.messages:
        confirm(inbox.link(message))
    assert cli(runner, "signatures", "approve", "climate", "1").exit_code == 0
    assert cli(runner, "signatures", "reject", "climate", "2").exit_code == 0
    result = cli(runner, "signatures", "approve", "climate", "--all-verified")
    assert "Approved 1 sign-on" in result.output
    assert [s.status for s in sign_ons(app)] == ["approved", "rejected", "approved"]


def test_approve_does_what_it_can_and_its_exit_status_says_how_much(
    app, runner, make_letter, sign, deliver, inbox, confirm
):
    make_letter()
    for n in range(3):
        sign(organisation=f"Org {n}", contact_email=f"c{n}@example.org")
    deliver()
    confirm(inbox.link(inbox.to("c0@example.org")[0]))
    confirm(inbox.link(inbox.to("c2@example.org")[0]))
    partly = cli(runner, "signatures", "approve", "climate", "1", "2", "3")
    assert partly.exit_code == 3
    assert "Approved 2 sign-on(s)." in partly.stdout
    assert "2 approved; 1 not yet confirmed its email: Org 1 (#2)." in partly.stderr
    nothing = cli(runner, "signatures", "approve", "climate", "2")
    assert nothing.exit_code == 1
    assert "1 not yet confirmed its email: Org 1 (#2)." in nothing.stderr
    everything = cli(runner, "signatures", "approve", "climate", "1", "3")
    assert (everything.exit_code, everything.stdout) == (0, "Approved 0 sign-on(s).\n")
    assert [s.status for s in sign_ons(app)] == ["approved", "pending", "approved"]
    assert cli(runner, "signatures", "reject", "climate", "1", "2").exit_code == 0
