"""Trust signals beside each sign-on help the organiser decide."""

from datetime import UTC, datetime, timedelta

import pytest

from signon.domain.trust import address_prefix, domain_signals, nearby_signal, website_host
from tests.organiser_helpers import log_in


def texts(signals) -> list[str]:
    return [f"{s.level}: {s.text}" for s in signals]


MATCH = "ok: Email domain matches the website (equitas.org)."


@pytest.mark.parametrize(
    ("email", "website", "expected"),
    [
        ("awa@equitas.org", "https://www.equitas.org", [MATCH]),
        ("awa@mail.equitas.org", "https://equitas.org/about", [MATCH]),
        ("awa@other.org", "https://equitas.org",
         ["warn: Email domain other.org differs from the website equitas.org."]),
        ("awa@gmail.com", "https://equitas.org", ["warn: Webmail address (gmail.com)."]),
        ("awa@equitas.org", "", ["warn: No website given."]),
        ("awa@equitas.org", "https://localhost",
         ["warn: The website 'https://localhost' does not parse."]),
    ],
)  # fmt: skip
def test_domain_signals(email, website, expected):
    assert texts(domain_signals(email, website)) == expected


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
    assert "Webmail address (gmail.com)" in alpha and "after sign-on #2 (Beta)" not in alpha
    assert "Made 0 min before sign-on #2 (Beta) from the same address range" in alpha
    assert "Made 0 min after sign-on #1 (Alpha) from the same address range" in beta
    assert "Email domain matches the website (beta.example.org)" in beta
    assert "address range" not in gamma
    detail = client.get("/organise/letters/climate/sign-ons/2").text
    assert "from the same address range" in detail
