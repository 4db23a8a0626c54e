"""Each package owns its pages: an endpoint names the package whose module answers it, and a
link in a package's code never names a page of a package above it (those go through
`signon.web.links`, answered by the package that owns the page). Read from the application's
URL map and the code, so the next page or link is checked without anyone listing it here."""

import ast
import re
import tomllib
from pathlib import Path

from flask import Flask

from signon.web import links

ROOT = Path(__file__).resolve().parents[2]
# The application's own: the front page, the health check and the static files.
APP_ENDPOINTS = {"index", "static", "health.healthz"}
ENDPOINT = re.compile(r"^(?:organise\.)?([a-z_]+)\.[a-z_.]+$")


def package_of(endpoint: str) -> str:
    """The package an endpoint names: `organise.moderation.sign_on` -> moderation."""
    return ENDPOINT.match(endpoint)[1]


def layers() -> dict[str, int]:
    """Each package's height in the dependency order of pyproject.toml (0 = the lowest)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    order = list(reversed(contract["layers"]))
    return {
        name.strip().removeprefix("signon."): height
        for height, layer in enumerate(order)
        for name in layer.split("|")
    }


def test_every_page_lives_in_the_package_its_endpoint_names(app: Flask) -> None:
    wrong = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in APP_ENDPOINTS:
            continue
        module = app.view_functions[rule.endpoint].__module__
        if not module.startswith(f"signon.{package_of(rule.endpoint)}."):
            wrong.append(f"{rule.rule} {rule.endpoint} is answered by {module}")
    assert wrong == []


def test_every_page_a_lower_package_links_to_is_answered(app: Flask) -> None:
    with app.app_context():
        assert links.NEEDED, "the links registry is in use"
        assert sorted(links.NEEDED - links.answered().keys()) == []
        # and each answer is a page of this application
        assert set(links.answered().values()) <= set(app.view_functions)


def test_no_link_in_the_code_points_up_the_layers(app: Flask) -> None:
    height = layers()
    endpoints = set(app.view_functions) - APP_ENDPOINTS
    upward = []
    for path in sorted((ROOT / "signon").rglob("*.py")):
        package = path.relative_to(ROOT / "signon").parts[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in endpoints:
                target = package_of(node.value)
                if height[target] > height[package]:
                    upward.append(f"{path.relative_to(ROOT)}:{node.lineno} -> {node.value}")
    assert upward == []
