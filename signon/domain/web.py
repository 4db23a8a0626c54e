"""Website and email domains, as evidence that two names are one organisation."""

from functools import cache
from urllib.parse import urlsplit

import tldextract

# Sites that host many organisations: there the first path segment is the organisation.
PLATFORMS = frozenset(
    [
        "facebook.com",
        "fb.com",
        "instagram.com",
        "twitter.com",
        "x.com",
        "linkedin.com",
        "linktr.ee",
        "youtube.com",
        "tiktok.com",
        "t.me",
        "vk.com",
        "medium.com",
        "github.com",
        "google.com",
    ]
)
# Mail providers anyone can use: an address there says nothing about the organisation.
# The one list, for the trust signals and the duplicate rules alike.
WEBMAIL = frozenset(
    [
        "126.com",
        "163.com",
        "aol.com",
        "bk.ru",
        "free.fr",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.fr",
        "gmx.net",
        "googlemail.com",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "icloud.com",
        "inbox.ru",
        "interia.pl",
        "laposte.net",
        "libero.it",
        "list.ru",
        "live.com",
        "live.fr",
        "mac.com",
        "mail.com",
        "mail.ru",
        "me.com",
        "msn.com",
        "o2.pl",
        "onet.pl",
        "orange.fr",
        "outlook.com",
        "outlook.fr",
        "pm.me",
        "proton.me",
        "protonmail.com",
        "qq.com",
        "rediffmail.com",
        "riseup.net",
        "rocketmail.com",
        "seznam.cz",
        "sina.com",
        "tuta.io",
        "tutanota.com",
        "virgilio.it",
        "wanadoo.fr",
        "web.de",
        "wp.pl",
        "ya.ru",
        "yahoo.co.in",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.es",
        "yahoo.fr",
        "yandex.com",
        "yandex.ru",
        "ymail.com",
        "zoho.com",
    ]
)


@cache
def _extractor() -> tldextract.TLDExtract:
    # The Public Suffix List snapshot bundled with tldextract: never fetched at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def registered_domain(host: str) -> str:
    """'www.hrw.org' -> 'hrw.org'; 'foo.bbc.co.uk' -> 'bbc.co.uk'; '' when there is none."""
    # extract_str on a bare host name: no URL parsing again.
    return _extractor().extract_str(host.lower()).top_domain_under_public_suffix


def website_domain(url: str) -> str:
    """The organisation's own domain, or 'facebook.com/page' on a shared platform."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else "https://" + url)
    domain = registered_domain(parts.hostname or "")
    if domain in PLATFORMS:
        segment = next((p for p in parts.path.lower().split("/") if p), "")
        return f"{domain}/{segment}" if segment else ""
    return domain


def mail_host(address: str) -> str:
    """The part after the @, lower-cased; '' when there is no @."""
    _, at, host = address.strip().rpartition("@")
    return host.strip().lower() if at else ""


def is_webmail(address: str) -> bool:
    """Whether the address is at a mail provider anyone can use."""
    host = mail_host(address)
    return host in WEBMAIL or registered_domain(host) in WEBMAIL if host else False


def email_domain(address: str) -> str:
    """The domain of an organisation's own address; '' for webmail."""
    host = mail_host(address)
    domain = registered_domain(host) if host else ""
    return "" if domain in WEBMAIL else domain
