"""Only addresses mail can be delivered to are accepted, at every email field and command."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signon.domain.addresses import UndeliverableAddress, deliverable_address
from tests.helpers_db import stored
from tests.organiser_helpers import log_in
from tests.support import csrf_token

REFUSED = "We cannot send email to an address with letters like ë or ä before the @"


def test_a_sign_on_from_an_address_with_accents_before_the_at_is_refused_and_explained(
    app, make_letter, sign, sent_back, deliver
):
    make_letter()
    answer = sent_back(sign(contact_email="tëst@exämple.org"))
    assert REFUSED in answer.text
    assert stored(app) == {"sign_ons": 0, "signatories": 0, "outbox": 0}


def test_a_sign_on_from_an_internationalised_domain_is_delivered(
    app, make_letter, sign, deliver, inbox
):
    make_letter()
    assert sign(contact_email="awa@exämple.org").status_code == 303
    report = deliver()
    assert (report.sent, report.failed) == (1, 0)
    [message] = inbox.messages
    assert message["To"] == "awa@xn--exmple-cua.org"
    assert "/confirm/" in inbox.text(message)


def test_organiser_sign_in_refuses_what_could_not_be_sent(client, deliver):
    page = client.get("/organise/sign-in")
    answer = client.post(
        "/organise/sign-in",
        data={"email": "tëst@exämple.org", "csrf_token": csrf_token(page.text)},
    )
    assert answer.status_code == 422 and REFUSED in answer.text
    assert deliver().failed == 0


def test_adding_a_co_organiser_refuses_what_could_not_be_sent(
    app, client, make_letter, organiser, deliver
):
    make_letter()
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    answer = client.post(
        "/organise/letters/climate/team", data={"email": "bö@exämple.org", "csrf_token": token}
    )
    assert answer.status_code == 422 and REFUSED in answer.text
    assert deliver().failed == 0


def test_the_command_line_refuses_it_too(runner):
    out = runner.invoke(args=["organiser", "add", "tëst@exämple.org"])
    assert out.exit_code != 0 and "before the @" in out.output


@pytest.mark.parametrize(
    "typed", ["awa@example", "awa@exa mple.org", "awa@example.org\r\nBcc: x@y.org", "@x.org"]
)
def test_what_is_not_an_address_is_refused(typed):
    with pytest.raises(UndeliverableAddress):
        deliverable_address(typed)


@given(st.emails() | st.text(max_size=40))
def test_every_accepted_address_can_go_through_plain_smtp(typed):
    try:
        address = deliverable_address(typed)
    except UndeliverableAddress:
        return
    # smtplib and the message headers encode it as ASCII: nothing accepted fails at sending.
    address.encode("ascii")
    assert "\r" not in address and "\n" not in address and "@" in address
