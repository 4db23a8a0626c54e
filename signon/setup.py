"""The `register_*` steps of the application factory."""

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from signon import config
from signon.extensions import csrf, db, limiter, mail


def register_config(app: Flask, test_config: dict | None) -> None:
    """Load settings from the environment and `test_config`."""
    config.load(app, test_config)


def register_logging(app: Flask) -> None:
    """Log our own INFO lines (service actions) next to Flask's."""
    logger = logging.getLogger("signon")
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def register_request_log(app: Flask) -> None:
    """One log line per request with its request id; trust N proxies' X-Forwarded-* if set."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from signon import requestlog

    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    requestlog.install(app)


def register_extensions(app: Flask) -> None:
    """Bind the extension instances to this application."""
    db.init_app(app)
    mail.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)


def register_database(app: Flask) -> None:
    """On the embedded default, bring an empty or old database up to date by itself."""
    from signon import database, sqlite

    with app.app_context():
        sqlite.install_sqlite_pragmas(db.engine)
        if app.config["AUTO_MIGRATE"]:
            database.upgrade(db.engine)


def register_blueprints(app: Flask) -> None:
    """Mount each feature's blueprint."""
    from signon.exports.views import bp as exports_bp
    from signon.health import bp as health_bp
    from signon.letters.views import bp as letters_bp
    from signon.mail.views import bp as dev_bp
    from signon.organisers.duplicates_views import bp as duplicates_bp
    from signon.organisers.views import bp as organisers_bp
    from signon.signing.self_service_views import bp as self_service_bp
    from signon.signing.views import bp as signing_bp

    app.register_blueprint(letters_bp)
    app.register_blueprint(signing_bp)
    app.register_blueprint(dev_bp)
    app.register_blueprint(organisers_bp)
    app.register_blueprint(self_service_bp)
    app.register_blueprint(duplicates_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(health_bp)

    @app.get("/")
    def index() -> str:
        return render_template("index.html")


def register_cli(app: Flask) -> None:
    """Add the `letter`, `signatures`, `mail` and `db` command groups."""
    from signon.database import db_cli
    from signon.letters.cli import letter_cli
    from signon.mail.cli import mail_cli
    from signon.organisers.cli import organiser_cli, signatures_cli

    for group in (letter_cli, signatures_cli, organiser_cli, mail_cli, db_cli):
        app.cli.add_command(group)


def register_mail_sender(app: Flask) -> None:
    """Deliver the outbox from a background thread of the web process, when enabled."""
    from signon.mail import sender

    sender.install(app)


def register_error_pages(app: Flask) -> None:
    """Friendly pages for the errors a visitor can meet."""

    def page(error: Exception, code: int) -> tuple[str, int]:
        return render_template("errors/error.html", code=code, error=error), code

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, lambda e, code=code: page(e, code))

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> tuple[str, int]:
        error.description = (
            "This form has expired or did not come from our page. "
            "Go back, reload the page and send it again."
        )
        return page(error, 400)
