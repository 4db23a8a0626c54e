"""No webhook goes to loopback, private, link-local or metadata addresses: refused when the
address is given (page and command line) and again when delivering; redirects not followed."""

import pytest
import sqlalchemy as sa

from signon.storage.extensions import db
from signon.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.organiser_helpers import log_in
from tests.pages import press
from tests.webhooks.helpers import add_endpoint, deliveries, running_receiver, send


@pytest.fixture
def receiver(app):
    yield from running_receiver(app)


REFUSED = [
    "https://127.0.0.1/hook",
    "https://10.1.2.3/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://[::1]/hook",
    "https://[fd00:ec2::254]/hook",
    "https://localhost/hook",  # a name that resolves to loopback
    "https://192.168.1.10:8443/hook",
    "https://0.0.0.0/hook",
]


@pytest.mark.parametrize("url", REFUSED)
def test_private_addresses_are_refused_on_the_page_with_a_clear_error(
    client, make_letter, organiser, url
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    page = client.get("/organise/letters/climate/webhooks").text
    refused = press(client, page, "Add", at="/organise/letters/climate/webhooks", url=url)
    assert refused.status_code == 422
    assert "webhooks go only to public addresses" in refused.text
    assert "whsec_" not in refused.text


def test_plain_http_and_the_command_line_are_refused_too(app, runner, make_letter):
    make_letter()
    plain = runner.invoke(args=["letter", "webhook", "climate", "add", "http://crm.example.org/"])
    assert plain.exit_code != 0 and "must start with https://" in plain.output
    local = runner.invoke(args=["letter", "webhook", "climate", "add", "https://127.0.0.1/"])
    assert local.exit_code != 0 and "public addresses" in local.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WebhookEndpoint)) == 0


def test_an_address_that_became_private_is_refused_at_delivery(
    app, runner, make_letter, confirmed, receiver
):
    make_letter()
    add_endpoint(runner, receiver.url)  # allowed while the test flag is on
    confirmed()
    app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = False
    assert "0 delivered, 1 failed" in send(runner)
    assert receiver.received == []
    (row,) = deliveries(app)
    assert row.status == "pending" and row.last_status_code is None
    # Plain http to loopback: refused for both (only the test flag allows either).
    assert row.last_error == "The address must start with https://."


def test_a_redirect_is_not_followed(app, runner, make_letter, confirmed, receiver):
    make_letter()
    add_endpoint(runner, receiver.url)
    receiver.answers = [302]
    receiver.redirect_to = f"http://127.0.0.1:{receiver.port}/elsewhere"
    confirmed()
    send(runner)
    assert len(receiver.received) == 1
    (row,) = deliveries(app)
    assert (row.status, row.last_status_code) == ("pending", 302)
    with app.app_context():
        assert db.session.get(WebhookDelivery, row.id).attempts == 1


def test_malformed_addresses_are_a_form_error_never_a_500(client, make_letter, organiser):
    make_letter()
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    for url in ["https://[::1", "https://exa mple.org/", "https://" + "a" * 300 + ".org/",
                "https://ÿ" * 3, "https://user:pw@crm.example.org/", "ftp://crm.example.org/",
                "https://x" * 500, "javascript:alert(1)", "https://:443/"]:  # fmt: skip
        answer = client.post(
            "/organise/letters/climate/webhooks",
            data={"csrf_token": token, "url": url, "events": "letter.opened"},
        )
        assert answer.status_code == 422, (url, answer.status_code)
