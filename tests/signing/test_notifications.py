"""Organisers choose an email for each confirmed sign-on, a daily digest, or nothing."""

import re

from tests.organiser_helpers import log_in


def chosen(html: str) -> str:
    """The ticked notification choice."""
    return re.search(r'<input checked[^>]*name="notify"[^>]*value="(\w+)"', html).group(1)


def test_each_confirmed_sign_on_is_emailed_to_organisers_who_chose_it(
    client, make_letter, organiser, confirmed, inbox, deliver
):
    make_letter()
    each = organiser("ana@coalition.example.org", letters=("climate",))
    organiser("ben@coalition.example.org", letters=("climate",))  # digest by default
    token = log_in(client, each)
    assert chosen(client.get("/organise/settings").text) == "digest"
    client.post("/organise/settings", data={"notify": "each", "csrf_token": token})
    assert chosen(client.get("/organise/settings").text) == "each"
    bad = client.post("/organise/settings", data={"notify": "hourly", "csrf_token": token})
    assert bad.status_code == 422 and "Not a valid choice" in bad.text
    assert chosen(client.get("/organise/settings").text) == "each"
    s = confirmed()
    deliver()
    [note] = inbox.to("ana@coalition.example.org")
    assert "Réseau Equitas" in inbox.text(note)
    assert f"/organise/letters/climate/sign-ons/{s}" in inbox.text(note)
    assert inbox.to("ben@coalition.example.org") == []


def test_digest_reports_new_confirmations_once(
    app, runner, make_letter, organiser, confirmed, inbox, deliver, sign
):
    make_letter()
    make_letter("water")
    organiser("ana@coalition.example.org", letters=("climate", "water"))
    organiser("ben@other.example.org", letters=("water",))
    confirmed()
    confirmed("water", organisation="Blue Rivers", contact_email="b@blue.example.org")
    sign(organisation="Unconfirmed Org", contact_email="u@example.org")
    out = runner.invoke(args=["organiser", "digest"])
    assert out.exit_code == 0 and "Sent 2 digest(s)." in out.output
    deliver()
    [ana] = inbox.to("ana@coalition.example.org")
    text = inbox.text(ana)
    assert "Réseau Equitas" in text and "Blue Rivers" in text and "Unconfirmed" not in text
    assert "Réseau" not in inbox.text(inbox.to("ben@other.example.org")[0])
    # Nothing new: nobody gets another digest.
    assert "Sent 0 digest(s)." in runner.invoke(args=["organiser", "digest"]).output
