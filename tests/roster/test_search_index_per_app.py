"""Each application keeps its own search index of a letter's list, in its page cache."""

from pathlib import Path

import pytest
from flask import Flask

from signon import create_app
from signon.letters.services import get_letter
from signon.roster.public_cache import letter_version
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.extensions import db
from signon.web.pagecache import page_cache
from tests.support import app_config, create_letter


def app_with_signatory(tmp_path: Path, template: Path, port: int, name: str) -> Flask:
    """An app on its own SQLite file whose letter "climate" lists one organisation."""
    path = tmp_path / f"{name}.db"
    path.write_bytes(template.read_bytes())
    app = create_app(app_config(f"sqlite:///{path}", port))
    with app.app_context():
        letter = create_letter("climate", "Climate", "Text", open_now=True)
        letter.live_list = True
        data = SignOnInput(name, "KE", "Contact", f"c@{name.split()[0].lower()}.example.org")
        confirm_sign_on(db.session.get(SignOn, submit_sign_on(letter, data)))
        db.session.commit()
    assert (
        app.test_cli_runner()
        .invoke(args=["signatures", "approve", "climate", "--all-verified"])
        .exit_code
        == 0
    )
    return app


@pytest.fixture
def two_apps(tmp_path: Path, sqlite_template: Path, inbox):
    apps = [
        app_with_signatory(tmp_path, sqlite_template, inbox.port, name)
        for name in ("Alpha Org", "Beta Org")
    ]
    yield apps
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def searched(app: Flask) -> str:
    return app.test_client().get("/letters/climate/signatories?q=org").text


def test_two_apps_in_one_process_search_their_own_lists(two_apps):
    alpha, beta = two_apps
    assert "Alpha Org" in searched(alpha) and "Beta Org" not in searched(alpha)
    assert "Beta Org" in searched(beta) and "Alpha Org" not in searched(beta)
    assert "Alpha Org" in searched(alpha)

    def never() -> None:
        raise AssertionError("the index should be kept, not built again")

    for app, name in ((alpha, "Alpha Org"), (beta, "Beta Org")):
        with app.app_context():
            letter = get_letter("climate")
            kept = page_cache().built_object(("search", letter.id), letter_version(letter), never)
            assert [row.name for row in kept.rows] == [name]
            page_cache().clear()
            assert (
                page_cache().built_object(("search", letter.id), "new", lambda: "built") == "built"
            )
