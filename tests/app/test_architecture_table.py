"""README's Architecture table is drawn from the code: every package of signon/ has its row,
and every URL and every table stands in the row of the package that owns it."""

import re
from pathlib import Path

from flask import Flask

from signon.storage.database import Base

ROOT = Path(__file__).resolve().parents[2]


def rows() -> dict[str, str]:
    """Each row of the Architecture table, by the package in its first cell."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"^\| `([a-z_]+)` \|(.*)$", section, flags=re.M)
    return dict(found)


def packages() -> set[str]:
    return {p.parent.name for p in (ROOT / "signon").glob("*/__init__.py")}


def test_every_package_has_its_row() -> None:
    assert set(rows()) == packages()


def test_every_url_stands_in_its_packages_row(app: Flask) -> None:
    table = rows()
    missing = []
    for rule in app.url_map.iter_rules():
        module = app.view_functions[rule.endpoint].__module__
        if not module.startswith("signon."):
            continue  # Flask's static files
        package = module.split(".")[1]
        if f"`{rule.rule}`" not in table[package]:
            missing.append(f"{rule.rule} ({package})")
    assert missing == []


def test_every_table_stands_in_its_packages_row() -> None:
    table = rows()
    missing = []
    for mapper in Base.registry.mappers:
        package = mapper.class_.__module__.split(".")[1]
        name = mapper.local_table.name
        if f"`{name}`" not in table[package]:
            missing.append(f"{name} ({package})")
    assert missing == []
