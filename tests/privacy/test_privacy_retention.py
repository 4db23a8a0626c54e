"""`flask privacy run` erases contact data once a letter's retention period is over."""

import sqlalchemy as sa

from signon.accounts import services as accounts
from signon.letters import editing
from signon.letters.services import get_letter
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.privacy.helpers import (
    CONTACT_FIELDS,
    KEPT_FIELDS,
    audit_of,
    closed_days_ago,
    everything_written_about,
    list_and_exports,
    stored,
)
from tests.support import csrf_token

AWA = "awa@equitas.example.org"
LINA = "lina@green.example.org"


def approved_letter(make_letter, confirmed, runner, slug: str, **fields: str) -> int:
    """An open letter with one confirmed and approved organisation; returns its sign-on id."""
    make_letter(slug=slug)
    sign_on = confirmed(slug, **fields)
    assert runner.invoke(args=["signatures", "approve", slug, str(sign_on)]).exit_code == 0
    return sign_on


def test_a_letter_closed_181_days_ago_is_anonymised_and_one_closed_179_days_ago_is_not(
    app, client, runner, make_letter, confirmed, sign
):
    approved_letter(make_letter, confirmed, runner, "climate")
    approved_letter(
        make_letter,
        confirmed,
        runner,
        "water",
        organisation="Water Watch",
        contact_email=LINA,
        contact_name="Lina",
    )
    # Someone who signed but never confirmed: their confirmation email waits in the outbox.
    sign("climate", organisation="Green Earth", contact_email=LINA, contact_name="Lina")
    for slug, days in (("climate", 181), ("water", 179)):
        assert runner.invoke(args=["letter", "close", slug]).exit_code == 0
        closed_days_ago(app, slug, days)
    before = {slug: stored(app, slug) for slug in ("climate", "water")}
    assert before["climate"][0]["contact_email"] == AWA

    result = runner.invoke(args=["privacy", "run"])

    assert result.exit_code == 0, result.output
    assert "Anonymised the contact details of 2 sign-on(s) on 'climate'" in result.output
    assert "'water'" not in result.output
    after = stored(app, "climate")
    for old, new in zip(before["climate"], after, strict=True):
        assert all(new[field] == "" for field in CONTACT_FIELDS)
        assert all(new[field] == old[field] for field in KEPT_FIELDS)
        assert new["anonymised_at"] is not None
    assert stored(app, "water") == before["water"]
    text = everything_written_about(app)
    assert AWA not in text and "Awa Koné" not in text
    # Lina's other letter keeps her address and its email.
    assert LINA in text


def test_the_list_and_exports_stay_byte_identical(app, client, runner, make_letter, confirmed):
    approved_letter(make_letter, confirmed, runner, "climate")
    confirmed("climate", organisation="Green Earth", contact_email=LINA, contact_name="Lina")
    assert runner.invoke(args=["signatures", "approve", "climate", "--all-verified"]).exit_code == 0
    assert runner.invoke(args=["letter", "close", "climate"]).exit_code == 0
    with app.app_context():
        editing.change_status(get_letter("climate"), "published", "cli")
        db.session.commit()
    closed_days_ago(app, "climate", 400)
    before = list_and_exports(client, runner, "climate")
    assert b"Green Earth" in before["page"] and b"Green Earth" in before["csv"]

    assert runner.invoke(args=["privacy", "run"]).exit_code == 0

    # Published just now: its period runs from publication, the later of the two.
    assert stored(app, "climate")[0]["contact_email"] == AWA
    result = runner.invoke(args=["privacy", "run", "--today", "2099-01-01"])
    assert "2 sign-on(s) on 'climate'" in result.output
    assert stored(app, "climate")[0]["contact_email"] == ""
    assert list_and_exports(client, runner, "climate") == before


def test_the_run_is_idempotent_and_audited_with_counts_only(
    app, client, runner, make_letter, confirmed, inbox, organiser
):
    sign_on = approved_letter(make_letter, confirmed, runner, "climate")
    # A correction the signatory made is in the audit log with the name before and after.
    manage = _manage_path(inbox, AWA)
    page = client.get(manage)
    fields = {
        "organisation": "Réseau Equitas Côte d'Ivoire",
        "country": "CI",
        "contact_name": "Awa Koné Diallo",
        "role": "Director",
    }
    client.post(manage, data={**fields, "csrf_token": csrf_token(page.text)})
    assert runner.invoke(args=["letter", "close", "climate"]).exit_code == 0
    closed_days_ago(app, "climate", 181)

    dry = runner.invoke(args=["privacy", "run", "--dry-run"])
    assert "Would anonymise the contact details of 1 sign-on(s) on 'climate'" in dry.output
    assert stored(app, "climate")[0]["contact_email"] == AWA
    assert audit_of(app, "climate", "contacts_anonymised") == []

    assert "1 letter(s) done" in runner.invoke(args=["privacy", "run"]).output
    again = runner.invoke(args=["privacy", "run"])
    assert "0 letter(s) done" in again.output

    [entry] = audit_of(app, "climate", "contacts_anonymised")
    assert entry.actor == "retention"
    assert entry.detail["sign_ons"] == 1 and entry.detail["retention_days"] == 180
    assert all(isinstance(value, int) for value in entry.detail.values())
    text = everything_written_about(app)
    assert "Awa Koné" not in text and AWA not in text
    # The organisers' page shows the erasure.
    me = organiser("ana@coalition.example.org", letters=("climate",))
    log_in(client, me)
    page = client.get(f"/organise/letters/climate/sign-ons/{sign_on}").text
    assert "Contact details</dt><dd>erased" in page and AWA not in page


def test_anonymised_contacts_receive_nothing_not_even_a_version_change_notice(
    app, client, runner, make_letter, confirmed, sign, deliver, inbox, organiser
):
    approved_letter(make_letter, confirmed, runner, "climate")
    # A sign-on whose confirmation email has not gone out yet when the period ends.
    sign("climate", organisation="Green Earth", contact_email=LINA, contact_name="Lina")
    assert runner.invoke(args=["letter", "close", "climate"]).exit_code == 0
    closed_days_ago(app, "climate", 181)
    assert runner.invoke(args=["privacy", "run"]).exit_code == 0
    deliver()
    assert inbox.to(LINA) == []

    # The letter is opened again, a new signatory joins, and the text changes.
    assert runner.invoke(args=["letter", "open", "climate"]).exit_code == 0
    confirmed("climate", organisation="Sol Collective", contact_email="sol@sol.example.org")
    me = organiser("ana@coalition.example.org", letters=("climate",))
    token = log_in(client, me)
    client.post(
        "/organise/letters/climate/edit",
        data={
            "title": "Joint letter on climate finance",
            "body": "New text.",
            "new_version": "2",  # the editor's "Save as version 2"
            "csrf_token": token,
        },
    )
    before = len(inbox.messages)
    sent = client.post("/organise/letters/climate/versions/1/notify", data={"csrf_token": token})
    assert "Emailed 1 signatory" in client.get(sent.location).text
    deliver()
    assert [m["To"] for m in inbox.messages[before:]] == ["sol@sol.example.org"]
    assert inbox.to(AWA)[-1]["Subject"].startswith("Please confirm")  # from before, only
    with app.app_context():
        erased = db.session.scalars(sa.select(SignOn).where(SignOn.contact_email == "")).all()
        assert len(erased) == 2


def test_letter_create_sets_the_retention_period(app, runner, tmp_path):
    body = tmp_path / "letter.md"
    body.write_text("Dear Ministers,", encoding="utf-8")
    args = ["letter", "create", "--slug", "short", "--title", "Short", "--body-file", str(body)]
    assert runner.invoke(args=[*args, "--retention-days", "30"]).exit_code == 0
    with app.app_context():
        assert accounts and get_letter("short").retention_days == 30
    refused = runner.invoke(args=[*args[:2], "--slug", "zero", *args[4:], "--retention-days", "0"])
    assert refused.exit_code != 0 and "between 1 and 3650 days" in refused.output


def _manage_path(inbox, address: str) -> str:
    from tests.signing.helpers import manage_path

    return manage_path(inbox, address)


def test_a_listed_individual_keeps_the_published_name_and_the_others_lose_theirs(
    app, client, runner, make_letter, confirmed
):
    make_letter()
    with app.app_context():
        letter = get_letter("climate")
        letter.accept_individuals = True
        db.session.commit()
    individual = {"signing_as": "individual", "organisation": "University of Abidjan"}
    listed = confirmed(contact_name="Awa Koné", **individual)
    confirmed(contact_name="Kofi Mensah", contact_email="kofi@example.org", **individual)
    assert runner.invoke(args=["signatures", "approve", "climate", str(listed)]).exit_code == 0
    assert runner.invoke(args=["letter", "close", "climate"]).exit_code == 0
    closed_days_ago(app, "climate", 181)
    page = client.get("/letters/climate/signatories").data

    assert runner.invoke(args=["privacy", "run"]).exit_code == 0

    kept, unlisted = stored(app, "climate")
    assert (kept["contact_name"], kept["role"], kept["contact_email"]) == (
        "Awa Koné",
        "Director",
        "",
    )
    assert (unlisted["contact_name"], unlisted["contact_email"]) == ("", "")
    assert client.get("/letters/climate/signatories").data == page
    text = everything_written_about(app)
    assert "Kofi" not in text and "kofi@example.org" not in text
    with app.app_context():
        keys = db.session.scalars(sa.select(Signatory.name_key)).all()
    assert not any("kofi" in key for key in keys) and any("awa" in key for key in keys)
