"""Every rule under /organise, read from the application's URL map: a signed-out visitor is
sent to sign in, and every answer to the letter's organiser stays out of caches and search
engines. An organiser page added tomorrow is checked without anyone listing it here."""

from urllib.parse import urlsplit

import pytest

from signon.accounts.models import Organiser
from signon.importing import tables
from signon.letters.services import get_letter
from signon.storage.extensions import db
from tests.app.test_every_route import path_for
from tests.organiser_helpers import log_in

# Pages anyone may open: signing in (the form, the emailed link, "check your email") and a
# draft's preview link, public to whoever holds its token.
PUBLIC = {
    "/organise/sign-in",
    "/organise/sign-in/<token>",
    "/organise/sign-in/sent",
    "/organise/preview/<token>",
}

# The application's addresses and methods before the organiser area became one blueprint
# with its children: every one of them is a public contract and stays.
RULES = [
    ("/", "GET"),
    # Issue 27: the API (keys, not sessions) and the organisers' pages of its keys.
    ("/api/v1/letters/<slug>", "GET"),
    ("/api/v1/letters/<slug>/signatures", "GET"),
    ("/api/v1/letters/<slug>/signatures", "POST"),
    ("/api/v1/openapi.json", "GET"),
    ("/dev/outbox", "GET"),
    ("/dev/outbox/<int:message_id>", "GET"),
    ("/healthz", "GET"),
    ("/letters/<slug>", "GET"),
    ("/letters/<slug>", "POST"),
    ("/letters/<slug>.json", "GET"),
    ("/letters/<slug>/check-email", "GET"),
    ("/letters/<slug>/check-email", "POST"),
    ("/letters/<slug>/confirm/<token>", "GET POST"),
    ("/letters/<slug>/embed.js", "GET"),
    # Issue 28: an invitation's link opens the form filled with the contact's details.
    ("/letters/<slug>/invited/<token>", "GET POST"),
    ("/letters/<slug>/my-signature/<token>", "GET POST"),
    # Issue 24: a download that is logged is a POST behind a button; GET shows the button.
    ("/letters/<slug>/my-signature/<token>/data.json", "GET POST"),
    ("/letters/<slug>/my-signature/<token>/erase", "POST"),
    ("/letters/<slug>/my-signature/<token>/withdraw", "POST"),
    ("/letters/<slug>/privacy", "GET"),
    ("/letters/<slug>/signatories", "GET"),
    ("/letters/<slug>/signatories.<fmt>", "GET"),
    ("/organise/", "GET"),
    ("/organise/letters/<slug>/", "GET"),
    ("/organise/letters/<slug>/api", "GET"),
    ("/organise/letters/<slug>/api-keys", "GET POST"),
    ("/organise/letters/<slug>/api-keys/<int:key_id>/revoke", "POST"),
    ("/organise/letters/<slug>/downloads", "GET"),
    ("/organise/letters/<slug>/duplicates", "GET"),
    ("/organise/letters/<slug>/duplicates/distinct", "POST"),
    ("/organise/letters/<slug>/duplicates/merge", "POST"),
    ("/organise/letters/<slug>/duplicates/undo", "POST"),
    ("/organise/letters/<slug>/edit", "GET POST"),
    ("/organise/letters/<slug>/export.<fmt>", "GET POST"),
    ("/organise/letters/<slug>/import", "GET POST"),
    ("/organise/letters/<slug>/import/<upload_id>", "GET POST"),
    ("/organise/letters/<slug>/import/<upload_id>/preview", "GET POST"),
    ("/organise/letters/<slug>/invitations", "GET"),
    ("/organise/letters/<slug>/invitations/remind", "POST"),
    ("/organise/letters/<slug>/invitations/send", "POST"),
    ("/organise/letters/<slug>/preview-link", "POST"),
    ("/organise/letters/<slug>/sign-ons", "GET"),
    ("/organise/letters/<slug>/sign-ons/<int:sign_on_id>", "GET"),
    ("/organise/letters/<slug>/sign-ons/<int:sign_on_id>/change/<decision>", "POST"),
    ("/organise/letters/<slug>/sign-ons/<int:sign_on_id>/data.json", "GET POST"),
    ("/organise/letters/<slug>/sign-ons/<int:sign_on_id>/display-name", "POST"),
    ("/organise/letters/<slug>/sign-ons/<int:sign_on_id>/erase", "POST"),
    ("/organise/letters/<slug>/sign-ons/<int:sign_on_id>/note", "POST"),
    ("/organise/letters/<slug>/sign-ons/approve-all", "GET"),
    ("/organise/letters/<slug>/sign-ons/decide", "POST"),
    ("/organise/letters/<slug>/status/<target>", "GET POST"),
    # The publish step (issue 23): the same address as status/<target>, with its own view.
    ("/organise/letters/<slug>/status/published", "GET POST"),
    ("/organise/letters/<slug>/team", "GET POST"),
    ("/organise/letters/<slug>/translations", "GET"),
    ("/organise/letters/<slug>/translations/<language>", "GET POST"),
    ("/organise/letters/<slug>/versions", "GET"),
    ("/organise/letters/<slug>/versions/<int:number>", "GET"),
    ("/organise/letters/<slug>/versions/<int:number>/notify", "POST"),
    # Webhooks (issue 27): owners' endpoints, their tests, resends, resumes and deletions.
    ("/organise/letters/<slug>/webhooks", "GET POST"),
    ("/organise/letters/<slug>/webhooks/<int:endpoint_id>/delete", "POST"),
    ("/organise/letters/<slug>/webhooks/<int:endpoint_id>/resend/<int:delivery_id>", "POST"),
    ("/organise/letters/<slug>/webhooks/<int:endpoint_id>/resume", "POST"),
    ("/organise/letters/<slug>/webhooks/<int:endpoint_id>/test", "POST"),
    ("/organise/letters/new", "GET POST"),
    # Issue 28: the directory of the coalition's organisations.
    ("/organise/organisations", "GET"),
    ("/organise/organisations.csv", "GET POST"),
    ("/organise/organisations/decisions", "POST"),
    ("/organise/organisations/decisions/undo", "POST"),
    ("/organise/organisers", "GET POST"),
    ("/organise/preview/<token>", "GET"),
    ("/organise/settings", "GET POST"),
    ("/organise/sign-in", "GET POST"),
    ("/organise/sign-in/<token>", "GET POST"),
    ("/organise/sign-in/sent", "GET"),
    ("/organise/sign-out", "POST"),
    ("/static/<path:filename>", "GET"),
    ("/unsubscribe/<token>", "GET POST"),
]


def rules(app) -> list[tuple[str, str]]:
    """(rule, its methods but HEAD and OPTIONS) for every rule of the application."""
    return sorted(
        (rule.rule, " ".join(sorted(rule.methods - {"HEAD", "OPTIONS"})))
        for rule in app.url_map.iter_rules()
    )


def organise_requests(app) -> list[tuple[str, str, list[str]]]:
    """(method, rule, argument names) for every rule under /organise/."""
    return [
        (method, rule.rule, sorted(rule.arguments))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/organise/")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]


@pytest.fixture
def letter(app, make_letter, organiser, confirmed):
    """An open letter, its organiser, one confirmed sign-on and a list pasted for import."""
    make_letter("climate")
    sign_on = confirmed("climate")
    member = organiser("ana@coalition.example.org", letters=("climate",))
    with app.app_context():
        upload = tables.keep_upload(
            get_letter("climate"),
            db.session.get(Organiser, member),
            tables.PASTED,
            tables.read_text("Green Earth\nSol Collective"),
        )
        db.session.commit()
        values = {
            "slug": "climate",
            "sign_on_id": str(sign_on),
            "upload_id": str(upload.id),
            "number": "1",
            "fmt": "csv",
            "target": "closed",
            "decision": "accept",
            "language": "fr",
            "token": "not-a-token",
            "endpoint_id": "1",
            "delivery_id": "1",
            "key_id": "1",
        }
    return {"organiser": member, "values": values}


def send(client, who, method, rule, letter):
    token = log_in(client, who)
    path = path_for(rule, letter["values"])
    data = {"csrf_token": token} if method == "POST" else None
    answer = client.open(path, method=method, data=data)
    answer.get_data()  # a streamed download reads its rows to the end
    return answer


def test_every_address_stays_where_it_was(app):
    assert rules(app) == sorted(RULES)


def test_every_organise_page_sends_signed_out_visitors_to_sign_in(app, client, letter):
    checked = 0
    for method, rule, _arguments in organise_requests(app):
        if rule in PUBLIC:
            continue
        answer = send(client, None, method, rule, letter)
        if method == "POST" and answer.status_code == 404:
            continue  # a form of a page they could not see: nothing done, nothing shown
        assert answer.status_code == 303, (method, rule, answer.status_code)
        assert urlsplit(answer.location).path == "/organise/sign-in", (method, rule)
        checked += 1
    assert checked >= 35


def test_every_organise_answer_to_an_organiser_is_private(app, client, letter):
    checked = 0
    for method, rule, _arguments in organise_requests(app):
        answer = send(client, letter["organiser"], method, rule, letter)
        assert answer.status_code < 500, (method, rule, answer.status_code)
        assert "no-store" in answer.headers.get("Cache-Control", ""), (method, rule)
        assert answer.headers.get("X-Robots-Tag") == "noindex", (method, rule)
        checked += 1
    assert checked >= 45
