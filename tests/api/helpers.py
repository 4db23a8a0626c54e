"""Talking to the API as a CRM would: a key from the CLI, requests with it, pages followed."""

from urllib.parse import urlsplit

from flask.testing import FlaskClient, FlaskCliRunner

BASE = "https://sign.example.org"


def new_key(runner: FlaskCliRunner, slug: str = "climate", *options: str) -> str:
    """A key made by `flask letter api-key` (the one line it prints on stdout)."""
    result = runner.invoke(args=["letter", "api-key", slug, *options], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[0]


def get(client: FlaskClient, path: str, key: str | None, **headers: str):
    """A GET with the key in `Authorization: Bearer`."""
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    return client.get(path, headers=headers)


def post(client: FlaskClient, path: str, key: str, body: object, **headers: str):
    """A POST of `body` as JSON with the key."""
    return client.post(path, json=body, headers={"Authorization": f"Bearer {key}", **headers})


def local(url: str) -> str:
    """The path and query of an absolute link the API gave."""
    parts = urlsplit(url)
    assert url.startswith(BASE), url
    return parts.path + ("?" + parts.query if parts.query else "")


def sync(client: FlaskClient, key: str, since: str | None, per_page: int = 100):
    """Every sign-on changed since `since`, following `next`; (items, requests, last date)."""
    path = f"/api/v1/letters/climate/signatures?per_page={per_page}"
    if since:
        path += f"&modified_since={since}"
    items, requests = [], 0
    while path:
        answer = get(client, path, key)
        requests += 1
        assert answer.status_code == 200, answer.text
        body = answer.json
        items += body["_embedded"]["osdi:signatures"]
        nxt = body["_links"].get("next")
        path = local(nxt["href"]) if nxt else None
    last = max((i["modified_date"] for i in items), default=since)
    return items, requests, last


def person(email: str = "awa@equitas.example.org", **organization: str) -> dict:
    """A Record Signature Helper body."""
    return {
        "person": {
            "given_name": "Awa",
            "family_name": "Koné",
            "email_addresses": [{"address": email}],
        },
        "organization": {
            "name": "Réseau Equitas",
            "acronym": "REQ",
            "country": "CI",
            "website": "equitas.example.org",
            **organization,
        },
    }
