"""Trust signals about a sign-on, for the organiser's decision. Pure functions."""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from signon.domain.messages import translatable as _t
from signon.domain.web import PLATFORMS, is_webmail, mail_host, registered_domain

# Sign-ons this close together from one address range are worth a look.
NEARBY = timedelta(minutes=10)


@dataclass(frozen=True)
class Signal:
    """One observation: `level` is "warn" (look closer, in red), "note" (quiet) or "ok"."""

    level: str
    text: str


def website_host(url: str) -> str | None:
    """The website's host without "www.", or None when it is not a web address.

    The one website check: the sign-on form refuses what this does not accept.
    """
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = parts.hostname or ""
    except ValueError:  # e.g. an unbalanced "[" read as an IPv6 address
        return None
    if parts.scheme not in ("http", "https"):
        return None
    if "." not in host or host.startswith(".") or host.endswith(".") or " " in url:
        return None
    return host.removeprefix("www.")


def same_site(domain: str, host: str) -> bool:
    """Whether an email domain and a website host belong together (one inside the other)."""
    return domain == host or domain.endswith("." + host) or host.endswith("." + domain)


def address_prefix(address: str | None) -> str:
    """The address range of an IP address: its /24 (IPv4) or /48 (IPv6); "" if unknown."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


def own_website(host: str) -> bool:
    """Whether a website host is the organisation's own, not a page on a shared platform."""
    return registered_domain(host) not in PLATFORMS


def domain_signals(email: str, website: str) -> list[Signal]:
    """What the contact email and the website say about each other.

    Red ("warn") only for what needs the organiser's eye: an address anyone can get for an
    organisation that has a domain of its own, an email domain that is not the website's,
    a website that is no web address. No website says nothing (most sign-ons give none).
    """
    domain = mail_host(email)
    host = website_host(website) if website else None
    if website and host is None:
        broken = _t("The website '%(website)s' does not parse.", website=website)
        return [Signal("warn", broken), *_webmail(email, domain)]
    if is_webmail(email):
        if host is not None and own_website(host):
            text = _t(
                "Webmail address (%(domain)s) for an organisation with its own website (%(host)s).",
                domain=domain,
                host=host,
            )
            return [Signal("warn", text)]
        return _webmail(email, domain)
    if host is None or not own_website(host):
        return []  # no website, or a page on a shared platform: nothing to compare
    if same_site(domain, host):
        return [Signal("ok", _t("Email domain matches the website (%(host)s).", host=host))]
    text = _t(
        "Email domain %(domain)s differs from the website %(host)s.", domain=domain, host=host
    )
    return [Signal("warn", text)]


def _webmail(email: str, domain: str) -> list[Signal]:
    # Common among small organisations and individuals: a quiet note, not an alarm.
    if not is_webmail(email):
        return []
    return [Signal("note", _t("Webmail address (%(domain)s).", domain=domain))]


def repeat_signal(others: list[tuple[int, str]]) -> Signal | None:
    """A warning when other sign-ons (id, name) came under the same name and country."""
    if not others:
        return None
    i, name = min(others)
    if len(others) > 1:
        text = _t(
            "Same name as sign-on #%(id)s (%(name)s) and %(more)s more.",
            id=i,
            name=name,
            more=len(others) - 1,
        )
    else:
        text = _t("Same name as sign-on #%(id)s (%(name)s).", id=i, name=name)
    return Signal("warn", text)


def nearby_signal(created_at: datetime, others: list[tuple[int, str, datetime]]) -> Signal | None:
    """A quiet note when other sign-ons (id, name, time) came from the same address range
    minutes apart (as everyone at one meeting does)."""
    close = [(i, name, t) for i, name, t in others if abs(t - created_at) <= NEARBY]
    if not close:
        return None
    i, name, t = min(close, key=lambda o: abs(o[2] - created_at))
    minutes = round(abs((created_at - t).total_seconds()) / 60)
    after = created_at >= t
    if len(close) > 1:
        text = (
            _t(
                "Made %(minutes)s min after sign-on #%(id)s (%(name)s) from the same address"
                " range (and %(more)s more).",
                minutes=minutes,
                id=i,
                name=name,
                more=len(close) - 1,
            )
            if after
            else _t(
                "Made %(minutes)s min before sign-on #%(id)s (%(name)s) from the same address"
                " range (and %(more)s more).",
                minutes=minutes,
                id=i,
                name=name,
                more=len(close) - 1,
            )
        )
    elif after:
        text = _t(
            "Made %(minutes)s min after sign-on #%(id)s (%(name)s) from the same address range.",
            minutes=minutes,
            id=i,
            name=name,
        )
    else:
        text = _t(
            "Made %(minutes)s min before sign-on #%(id)s (%(name)s) from the same address range.",
            minutes=minutes,
            id=i,
            name=name,
        )
    return Signal("note", text)
