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
# Mail providers anyone can use: a shared one says nothing about the organisation.
WEBMAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "yahoo.co.uk",
        "yahoo.es",
        "hotmail.com",
        "hotmail.fr",
        "outlook.com",
        "outlook.fr",
        "live.com",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "mail.ru",
        "yandex.ru",
        "ya.ru",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "wanadoo.fr",
        "qq.com",
        "163.com",
        "126.com",
        "rediffmail.com",
        "zoho.com",
        "tutanota.com",
        "riseup.net",
        "mail.com",
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


def email_domain(address: str) -> str:
    """The domain of an organisation's own address; '' for webmail."""
    _, _, host = address.strip().rpartition("@")
    domain = registered_domain(host) if host else ""
    return "" if domain in WEBMAIL else domain
