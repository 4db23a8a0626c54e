"""Trust signals beside each sign-on help the organiser decide."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest

from signon.domain.trust import (
    address_prefix,
    domain_signals,
    nearby_signal,
    repeat_signal,
    website_host,
)
from tests.organiser_helpers import log_in


def texts(signals) -> list[str]:
    return [f"{s.level}: {s.text}" for s in signals]


MATCH = "ok: Email domain matches the website (equitas.org)."


@pytest.mark.parametrize(
    ("email", "website", "expected"),
    [
        ("awa@equitas.org", "https://www.equitas.org", [MATCH]),
        ("awa@mail.equitas.org", "https://equitas.org/about", [MATCH]),
        ("c6@org6.test", "org6.test", ["ok: Email domain matches the website (org6.test)."]),
        ("awa@other.org", "https://equitas.org",
         ["warn: Email domain other.org differs from the website equitas.org."]),
        # An organisation with a domain of its own writing from an address anyone can get.
        ("awa@gmail.com", "https://equitas.org",
         ["warn: Webmail address (gmail.com) for an organisation with its own website"
          " (equitas.org)."]),
        # Webmail without a website of its own: common among small organisations, quiet.
        ("awa@gmail.com", "", ["note: Webmail address (gmail.com)."]),
        ("awa@gmail.com", "https://facebook.com/equitas", ["note: Webmail address (gmail.com)."]),
        # No website is what most sign-ons give: it says nothing.
        ("awa@equitas.org", "", []),
        # A page on a shared platform is no domain to compare the email with.
        ("awa@equitas.org", "https://www.facebook.com/equitas", []),
        ("awa@equitas.org", "https://localhost",
         ["warn: The website 'https://localhost' does not parse."]),
    ],
)  # fmt: skip
def test_domain_signals(email, website, expected):
    assert texts(domain_signals(email, website)) == expected


def test_red_only_for_what_needs_a_look():
    """A sign-on as most come (own address, no website) shows nothing, let alone red."""
    assert domain_signals("info@small-ngo.org", "") == []
    everyday = domain_signals("ana@gmail.com", "")
    assert [s.level for s in everyday] == ["note"]


def test_a_name_that_repeats_another():
    assert repeat_signal([]) is None
    one = repeat_signal([(4, "Alpha")])
    assert (one.level, one.text) == ("warn", "Same name as sign-on #4 (Alpha).")
    two = repeat_signal([(9, "Alpha"), (4, "ALPHA")])
    assert two.text == "Same name as sign-on #4 (ALPHA) and 1 more."


def test_address_ranges():
    assert address_prefix("203.0.113.77") == "203.0.113.0/24"
    assert address_prefix("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert address_prefix("::ffff:203.0.113.77") == "203.0.113.0/24"
    assert address_prefix("nonsense") == address_prefix(None) == ""
    assert website_host("https://exa mple.org") is None


def test_nearby_sign_ons():
    t = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert nearby_signal(t, [(1, "Alpha", t - timedelta(hours=2))]) is None
    near = nearby_signal(
        t, [(1, "Alpha", t - timedelta(minutes=3)), (2, "Beta", t + timedelta(minutes=9))]
    )
    assert (
        near.text == "Made 3 min after sign-on #1 (Alpha) from the same address range (and 1 more)."
    )
    assert near.level == "note"  # everyone at one meeting signs from one range: quiet


def test_signals_are_shown_beside_each_sign_on(client, make_letter, organiser, sign):
    make_letter()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    client.environ_base["REMOTE_ADDR"] = "203.0.113.5"
    sign(organisation="Alpha", contact_email="a@gmail.com", website="alpha.example.org")
    client.environ_base["REMOTE_ADDR"] = "203.0.113.99"
    sign(organisation="Beta", contact_email="b@beta.example.org", website="beta.example.org")
    client.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    sign(organisation="Gamma", contact_email="g@gamma.example.org", website="gamma.example.org")
    log_in(client, me)
    page = client.get("/organise/letters/climate/sign-ons").text
    alpha, beta, gamma = page.split('<tr class="sign-on')[1:]
    assert "Webmail address (gmail.com) for an organisation with its own website" in alpha
    assert "after sign-on #2 (Beta)" not in alpha
    assert "Made 0 min before sign-on #2 (Beta) from the same address range" in alpha
    assert "Made 0 min after sign-on #1 (Alpha) from the same address range" in beta
    assert "Email domain matches the website (beta.example.org)" in beta
    assert "address range" not in gamma
    detail = client.get("/organise/letters/climate/sign-ons/2").text
    assert "from the same address range" in detail


def red_and_quiet(html: str) -> dict[str, tuple[list[str], list[str]]]:
    """Each row's name: (its red signals, its quiet ones)."""
    rows = {}
    for i, row in enumerate(lxml.html.fromstring(html).xpath("//tr[contains(@class, 'sign-on')]")):
        name = f"{row.xpath('.//strong')[0].text_content()} {i}"
        said = [
            (li.get("class"), li.text_content()) for li in row.xpath(".//ul[@class='signals']/li")
        ]
        rows[name] = (
            [text for level, text in said if level == "warn"],
            [text for level, text in said if level == "note"],
        )
    return rows


def test_only_what_needs_the_organisers_eye_is_red(client, make_letter, organiser, sign):
    make_letter()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    for organisation, email, website in [
        ("Quiet", "q@quiet.example.org", ""),  # as most sign-ons come: no website
        ("Small", "small@gmail.com", ""),
        ("Big", "big@gmail.com", "big.example.org"),
        ("Mismatch", "m@elsewhere.example.org", "mismatch.example.org"),
        ("Quiet", "other@quiet.example.org", ""),
    ]:
        sign(organisation=organisation, acronym="", contact_email=email, website=website)
    log_in(client, me)
    page = client.get("/organise/letters/climate/sign-ons?status=all").text
    assert "No website given" not in page
    rows = red_and_quiet(page)
    assert {name: red for name, (red, _) in rows.items()} == {
        "Quiet 0": ["Same name as sign-on #5 (Quiet)."],
        "Small 1": [],
        "Big 2": ["Webmail address (gmail.com) for an organisation with its own website"
                  " (big.example.org)."],
        "Mismatch 3": ["Email domain elsewhere.example.org differs from the website"
                       " mismatch.example.org."],
        "Quiet 4": ["Same name as sign-on #1 (Quiet)."],
    }  # fmt: skip
    assert rows["Small 1"][1][0] == "Webmail address (gmail.com)."
    # Signed from one address minutes apart (one office, one meeting): said, quietly.
    assert all("from the same address range" in quiet[-1] for _, quiet in rows.values())
    detail = client.get("/organise/letters/climate/sign-ons/2").text
    assert '<li class="note">Webmail address (gmail.com).</li>' in detail


def test_quiet_signals_are_grey_and_red_ones_red():
    css = (Path(__file__).resolve().parents[2] / "static" / "style.css").read_text()
    assert re.search(r"\.signals li\.note \{[^}]*color: var\(--muted\)", css)
    assert re.search(r"\.signals li\.warn \{[^}]*color: var\(--error\)", css)
