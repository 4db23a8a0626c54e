"""The OpenAPI 3.1 description matches the routes; the organisers' guide is reached by
clicking from the keys page and shows examples on BASE_URL."""

import re

from tests.organiser_helpers import log_in
from tests.pages import link


def api_routes(app) -> set[tuple[str, str]]:
    """(path as OpenAPI writes it, method) of every /api/v1 route but the description."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi":
            path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule[len("/api/v1") :])
            found |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_the_description_is_openapi_3_1_and_names_every_route(app, client):
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    spec = answer.json
    assert spec["openapi"] == "3.1.0"
    assert spec["servers"] == [{"url": "https://sign.example.org/api/v1"}]
    described = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert described == api_routes(app)
    for item in spec["paths"].values():
        for operation in item.values():
            assert operation["responses"] and operation["summary"]
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"path", "query", "header"}
    # Every $ref points at something.
    for ref in re.findall(r'"\$ref": "#/([^"]+)"', answer.text):
        node = spec
        for part in ref.split("/"):
            node = node[part]
    assert "Set-Cookie" not in answer.headers


def test_the_guide_is_reached_from_the_keys_page_with_examples_on_base_url(
    client, make_letter, organiser
):
    make_letter("climate")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    team = client.get("/organise/letters/climate/team")
    keys = client.get(link(team.text, "Manage the API keys"))
    guide = client.get(link(keys.text, "How to use the API"))
    assert guide.status_code == 200
    assert "curl -H" in guide.text
    assert "https://sign.example.org/api/v1/letters/climate/signatures" in guide.text
    assert "https://sign.example.org/api/v1/openapi.json" in guide.text
    assert "Idempotency-Key" in guide.text
