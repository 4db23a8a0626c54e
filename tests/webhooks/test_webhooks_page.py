"""Owners reach the webhooks page from the team page, add an endpoint (its secret shown
once), send a test event, resend, delete; nobody else may."""

import lxml.html
import pytest
import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook

from signon.storage.extensions import db
from signon.webhooks.models import WebhookEndpoint
from tests.organiser_helpers import log_in
from tests.pages import link, links, press, text
from tests.webhooks.helpers import deliveries, running_receiver, send


@pytest.fixture
def receiver(app):
    yield from running_receiver(app)


def webhooks_page(client) -> tuple[str, str]:
    """From the dashboard to the letter, its Team link, then Webhooks, as an owner clicks."""
    dashboard = client.get("/organise/").text
    overview = client.get(link(dashboard, "Joint letter on climate finance")).text
    team = client.get(dict(links(overview, "nav.letter-nav"))["Team"]).text
    address = link(team, "Webhooks")
    return address, client.get(address).text


def test_an_owner_adds_a_webhook_tests_it_resends_and_deletes_it(
    app, client, runner, make_letter, organiser, receiver
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    address, page = webhooks_page(client)
    assert address == "/organise/letters/climate/webhooks"
    added = press(client, page, "Add", at=address, url=receiver.url,
                  events=["sign_on.approved", "letter.published"])  # fmt: skip
    assert added.status_code == 201
    secret = next(w for w in text(added.text).split() if w.startswith("whsec_"))
    with app.app_context():
        endpoint = db.session.scalar(sa.select(WebhookEndpoint))
        assert endpoint.events == ["sign_on.approved", "letter.published"]
    # Shown once: never again on the page.
    page = client.get(address).text
    assert "whsec_" not in page and receiver.url in page
    sent = press(client, page, "Send a test event")
    assert sent.status_code == 303
    send(runner)
    (trial,) = receiver.received
    assert Webhook(secret).verify(trial.body, trial.headers)["type"] == "webhook.test"
    page = client.get(address).text
    assert "webhook.test" in page and "delivered" in text(page) and "200" in text(page)
    press(client, page, "Resend")
    send(runner)
    assert [r.headers["webhook-id"] for r in receiver.received] == [trial.headers["webhook-id"]] * 2
    page = client.get(address).text
    assert press(client, page, "Delete").status_code == 303
    assert receiver.url not in client.get(address).text
    assert deliveries(app) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("admin", 200), ("co-organiser", 403), ("stranger", 404), (None, 303)],
)
def test_only_owners_and_admins_may_see_or_change_webhooks(
    client, make_letter, organiser, who, status
):
    make_letter()
    accounts = {
        "owner": lambda: organiser("ana@coalition.example.org", letters=("climate",)),
        "admin": lambda: organiser("root@secretariat.example.org", admin=True),
        "co-organiser": lambda: organiser(
            "cleo@coalition.example.org", letters=("climate",), owner=False
        ),
        "stranger": lambda: organiser("eve@elsewhere.example.org"),
        None: lambda: None,
    }
    token = log_in(client, accounts[who]())
    assert client.get("/organise/letters/climate/webhooks").status_code == status
    posted = client.post(
        "/organise/letters/climate/webhooks",
        data={"csrf_token": token, "url": "https://crm.example.org/", "events": "letter.opened"},
    )
    assert posted.status_code in ((201, 422) if status == 200 else (status,))
    if who == "co-organiser":
        team = client.get("/organise/letters/climate/team").text
        assert "/webhooks" not in team


def test_a_form_sent_wrong_is_summed_up_with_links_to_its_fields(client, make_letter, organiser):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    address, page = webhooks_page(client)
    sent = press(client, page, "Add", at=address, url="", events=[])
    assert sent.status_code == 422
    summary = lxml.html.fromstring(sent.text).xpath("//div[@class='error-summary']")[0]
    targets = [a.get("href") for a in summary.xpath(".//a")]
    # The events are a group of boxes: the link goes to the first box.
    assert targets == ["#url", "#events-0"]
    assert 'id="events-0"' in sent.text
    with client.application.app_context():
        assert db.session.scalar(sa.select(WebhookEndpoint)) is None
