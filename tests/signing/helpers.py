"""Signatories' own link: where its email points, and posting its forms."""

import re

from tests.support import csrf_token


def manage_path(inbox, address: str) -> str:
    text = inbox.text(inbox.to(address)[0])
    match = re.search(r"https?://[^/\s]+(/letters/\S+/my-signature/\S+)", text)
    assert match, text
    return match.group(1)


def post(client, path: str, **data: str):
    page = client.get(path)
    return client.post(path, data={**data, "csrf_token": csrf_token(page.text)})


DETAILS = {
    "organisation": "Réseau Equitas Côte d'Ivoire",
    "acronym": "REQCI",
    "country": "CI",
    "website": "equitas.example.org",
    "contact_name": "Awa Koné",
    "role": "Director",
}


# The form's refusals: (field, value sent, words of the message). The API's recording of a
# signature is checked against the same cases (tests/api/test_writing.py).
FIELD_CASES = [
    ("organisation", "", "Enter your organisation"),
    ("organisation", "   \u00a0 ", "Enter your organisation"),
    ("organisation", "x" * 301, "has 301 characters; the limit is 300."),
    ("acronym", "x" * 41, "has 41 characters; the limit is 40."),
    ("country", "", "Choose the country"),
    ("country", "XX", "Choose a country from the list"),
    ("country", "France", "Choose a country from the list"),
    ("website", "not a website", "like example.org"),
    ("website", "javascript:alert(1)", "like example.org"),
    ("contact_name", "", "Enter your name"),
    ("contact_email", "", "Enter your email"),
    ("contact_email", "not-an-email", "valid email address"),
    ("contact_email", "a@b", "valid email address"),
    ("role", "x" * 201, "has 201 characters; the limit is 200."),
    ("consent", None, "Tick this box"),
]
