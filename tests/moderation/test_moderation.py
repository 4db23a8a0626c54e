"""Organisers moderate in the browser: filter, search, decide in bulk, correct, note, audit."""

import re

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in

# What the letter's own set-up writes to the log, before any decision.
LETTER_LEVEL = ("organiser_added", "created")


def audit_rows(app) -> list[tuple]:
    with app.app_context():
        return [
            (e.actor, e.action, e.sign_on_id, e.detail)
            for e in db.session.scalars(
                sa.select(AuditEntry).where(AuditEntry.action.not_in(LETTER_LEVEL))
            )
        ]


def listed(client, query: str) -> list[str]:
    """The names on the moderation list for a query string."""
    page = client.get(f"/organise/letters/climate/sign-ons?{query}").text
    return re.findall(r'<strong dir="auto">([^<]+)</strong>', page)


def statuses(app) -> dict[int, str]:
    with app.app_context():
        return dict(db.session.execute(sa.select(SignOn.id, SignOn.status)).all())


def test_dashboard_counts_organisations_each_state_and_candidate_pairs(
    client, make_letter, organiser, confirmed, sign
):
    make_letter()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    confirmed()
    confirmed(contact_email="other@equitas.example.org")  # same organisation: one signatory
    confirmed(organisation="Reseau Equitas", contact_email="r@equitas.example.org")  # a pair
    confirmed(organisation="Green Earth", contact_email="g@green-earth.org", website="")
    sign(organisation="Unconfirmed", contact_email="u@unconfirmed.net", website="")
    log_in(client, me)
    page = client.get("/organise/").text
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(?:<a [^>]+>)?(\d+)", page))
    assert counts == {
        "Organisations": "3",
        "Pending confirmation": "1",
        "Confirmed": "4",
        "Approved": "0",
        "Rejected": "0",
        "Withdrawn": "0",
        "Candidate pairs to review": "1",
    }


def test_filter_search_and_bulk_decisions_are_audited(
    app, client, make_letter, organiser, confirmed
):
    make_letter()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    a = confirmed(organisation="Alpha Aid", country="KE", contact_email="a@alpha.example.org")
    b = confirmed(organisation="Beta Care", country="KE", contact_email="b@beta.example.org")
    c = confirmed(organisation="Gamma 100%", country="FR", contact_email="c@gamma.example.org")
    token = log_in(client, me)
    assert listed(client, "country=KE") == ["Alpha Aid", "Beta Care"]
    assert listed(client, "q=beta") == ["Beta Care"]
    # A LIKE wildcard typed in the search is taken literally.
    assert listed(client, "q=%25") == ["Gamma 100%"]
    assert listed(client, "q=_") == []

    answer = client.post(
        "/organise/letters/climate/sign-ons/decide",
        data={"action": "approve", "ids": [a, b], "csrf_token": token},
    )
    assert answer.status_code == 303
    client.post(
        "/organise/letters/climate/sign-ons/decide",
        data={"action": "reject", "ids": [c], "csrf_token": token},
    )
    assert statuses(app) == {a: "approved", b: "approved", c: "rejected"}
    assert audit_rows(app) == [
        ("ana@coalition.example.org", "approved", a, {"previous": "verified"}),
        ("ana@coalition.example.org", "approved", b, {"previous": "verified"}),
        ("ana@coalition.example.org", "rejected", c, {"previous": "verified"}),
    ]
    assert listed(client, "status=approved") == ["Alpha Aid", "Beta Care"]


def test_unconfirmed_sign_on_cannot_be_approved(app, client, make_letter, organiser, sign):
    make_letter()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    sign()
    [pending] = statuses(app)
    token = log_in(client, me)
    answer = client.post(
        "/organise/letters/climate/sign-ons/decide",
        data={"action": "approve", "ids": [pending], "csrf_token": token},
        follow_redirects=True,
    )
    flash = '<p class="flash error" role="status">'
    assert f"{flash}1 not yet confirmed its email: Réseau Equitas Côte d&#39;Ivoire (#1).</p>" in (
        answer.text
    )
    assert statuses(app) == {pending: "pending"}
    nothing = client.post(
        "/organise/letters/climate/sign-ons/decide",
        data={"action": "approve", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Choose at least one sign-on" in nothing.text


def test_corrected_name_is_listed_and_typed_name_kept(
    app, client, make_letter, organiser, confirmed
):
    make_letter()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    s = confirmed(organisation="Reseau equitas")
    token = log_in(client, me)
    base = f"/organise/letters/climate/sign-ons/{s}"
    client.post(
        f"{base}/display-name", data={"display_name": "Réseau Equitas", "csrf_token": token}
    )
    client.post(f"{base}/note", data={"note": "Called them <b>back</b>", "csrf_token": token})
    client.post(
        "/organise/letters/climate/sign-ons/decide",
        data={"action": "approve", "ids": [s], "csrf_token": token},
    )
    public = client.get("/letters/climate/signatories").text
    assert "Réseau Equitas" in public and "Reseau equitas" not in public
    assert "Called them" not in public
    page = client.get(base).text
    assert "Reseau equitas" in page  # as typed
    assert "Called them &lt;b&gt;back&lt;/b&gt;" in page  # escaped
    assert [(r[1], r[3]) for r in audit_rows(app)] == [
        ("display_name", {"before": None, "after": "Réseau Equitas"}),
        ("note", {"before": "", "after": "Called them <b>back</b>"}),
        ("approved", {"previous": "verified"}),
    ]
    assert page.count("ana@coalition.example.org</strong>") == 3  # the history, with the actor


def test_cli_decisions_are_audited_as_cli(app, runner, make_letter, confirmed):
    make_letter()
    s = confirmed()
    assert runner.invoke(args=["signatures", "approve", "climate", str(s)]).exit_code == 0
    assert audit_rows(app) == [("cli", "approved", s, {"previous": "verified"})]
