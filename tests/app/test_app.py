"""The application as a new user meets it: WSGI entry point and the schema made by itself."""

import sqlalchemy as sa

from signon import create_app
from signon.storage.extensions import db


def test_wsgi_entry_point_exists(monkeypatch):
    monkeypatch.setenv("BASE_URL", "https://sign.example.org")
    import app as entry

    assert callable(entry.app.wsgi_app)


def test_embedded_default_migrates_an_empty_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    app = create_app(
        {"DATABASE_URL": url, "AUTO_MIGRATE": True, "TESTING": True, "SECRET_KEY": "x"}
    )
    body = tmp_path / "letter.md"
    body.write_text("Text", encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=[
            "letter",
            "create",
            "--slug",
            "first",
            "--title",
            "First",
            "--body-file",
            str(body),
            "--open",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        tables = set(sa.inspect(db.engine).get_table_names())
        db.engine.dispose()
    assert {"letters", "sign_ons", "signatories", "outbox", "alembic_version"} <= tables


def test_secret_key_is_kept_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from signon.core.config import instance_secret

    first = instance_secret(str(tmp_path))
    assert first == instance_secret(str(tmp_path))
    assert len(first) > 40


def test_not_found_page_is_friendly(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text
