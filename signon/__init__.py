"""Signon: joint letters for NGO coalitions."""

from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, database, features."""
    from signon.app import factory as setup

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    setup.register_config(app, test_config)
    setup.register_logging(app)
    setup.register_request_log(app)
    setup.register_uploads(app)
    setup.register_request_checks(app)
    setup.register_extensions(app)
    setup.register_i18n(app)
    setup.register_database(app)
    setup.register_blueprints(app)
    setup.register_mail(app)
    setup.register_cli(app)
    setup.register_mail_sender(app)
    setup.register_error_pages(app)
    return app
