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
