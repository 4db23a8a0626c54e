"""Trust signals about a sign-on, for the organiser's decision. Pure functions."""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from signon.domain.messages import translatable as _t
from signon.domain.web import is_webmail, mail_host

# Sign-ons this close together from one address range are worth a look.
NEARBY = timedelta(minutes=10)


@dataclass(frozen=True)
class Signal:
    """One observation: `level` is "warn" (look closer) or "ok"."""

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


def domain_signals(email: str, website: str) -> list[Signal]:
    """What the contact email and the website say about each other."""
    signals = []
    domain = mail_host(email)
    webmail = is_webmail(email)
    if webmail:
        signals.append(Signal("warn", _t("Webmail address (%(domain)s).", domain=domain)))
    if not website:
        signals.append(Signal("warn", _t("No website given.")))
        return signals
    host = website_host(website)
    if host is None:
        signals.append(
            Signal("warn", _t("The website '%(website)s' does not parse.", website=website))
        )
    elif not webmail:
        if same_site(domain, host):
            signals.append(
                Signal("ok", _t("Email domain matches the website (%(host)s).", host=host))
            )
        else:
            signals.append(
                Signal(
                    "warn",
                    _t(
                        "Email domain %(domain)s differs from the website %(host)s.",
                        domain=domain,
                        host=host,
                    ),
                )
            )
    return signals


def nearby_signal(created_at: datetime, others: list[tuple[int, str, datetime]]) -> Signal | None:
    """A note when other sign-ons (id, name, time) came from the same range minutes apart."""
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
    return Signal("warn", text)
