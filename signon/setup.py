"""The `register_*` steps of the application factory."""

import logging

from flask import Flask, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError

from signon import config, headers, i18n, inputs, outage, pagecache, urls
from signon.extensions import csrf, db, limiter, mail
from signon.sqlite import read_only
from signon.urls import privacy_url


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


def register_request_checks(app: Flask) -> None:
    """Before anything else looks at a request: a trusted host, and values we can store."""
    app.before_request(reject_untrusted_host)
    inputs.install(app)


def reject_untrusted_host() -> None:
    """A Host (or a trusted proxy's X-Forwarded-Host) that is not ours ends the request."""
    if isinstance(request.routing_exception, SecurityError):
        raise request.routing_exception


def register_request_log(app: Flask) -> None:
    """One log line per request with its request id; trust N proxies' X-Forwarded-* if set."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from signon import requestlog

    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    requestlog.install(app)


def register_uploads(app: Flask) -> None:
    """Larger requests for the views that take files (before the CSRF check reads them)."""
    from signon import uploads

    uploads.install(app)


def register_extensions(app: Flask) -> None:
    """Bind the extension instances to this application, and give it its own page cache."""
    db.init_app(app)
    mail.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    headers.install(app)
    pagecache.install(app)
    urls.install(app)


def register_i18n(app: Flask) -> None:
    """Pages, forms and emails in the visitor's language (English, French, Spanish)."""
    i18n.install(app)


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
    from signon.importing.views import bp as importing_bp
    from signon.letters.views import bp as letters_bp
    from signon.mail.unsubscribe import bp as unsubscribe_bp
    from signon.mail.views import bp as dev_bp
    from signon.organisers.duplicates_views import bp as duplicates_bp
    from signon.organisers.views import bp as organisers_bp
    from signon.privacy.views import bp as privacy_bp
    from signon.signing.self_service_views import bp as self_service_bp
    from signon.signing.views import bp as signing_bp

    app.register_blueprint(letters_bp)
    app.register_blueprint(signing_bp)
    app.register_blueprint(dev_bp)
    app.register_blueprint(organisers_bp)
    app.register_blueprint(self_service_bp)
    app.register_blueprint(duplicates_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(importing_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(privacy_bp)
    app.add_template_global(privacy_url)
    app.register_blueprint(unsubscribe_bp)

    @app.get("/")
    @read_only
    def index() -> str:
        return render_template("index.html")


def register_cli(app: Flask) -> None:
    """Add the `letter`, `signatures`, `mail` and `db` command groups."""
    from signon.database import db_cli
    from signon.importing import cli as importing_cli  # noqa: F401 - `signatures import`
    from signon.letters import translate_cli  # noqa: F401 - registers `letter translate`
    from signon.letters.cli import letter_cli
    from signon.mail.cli import mail_cli
    from signon.organisers.cli import organiser_cli, signatures_cli
    from signon.privacy.cli import privacy_cli
    from signon.signing.reminders import remind_command

    mail_cli.add_command(remind_command)

    for group in (letter_cli, signatures_cli, organiser_cli, mail_cli, db_cli, privacy_cli):
        app.cli.add_command(group)


def register_mail(app: Flask) -> None:
    """Every feature's emails, the hand-over of committed mail, the mail worker's schedule."""
    from signon.letters import versions
    from signon.mail import problems, queue, registry
    from signon.organisers import accounts, notifications
    from signon.signing import emails, reminders

    registry.init_app(
        app,
        templates=[*emails.EMAILS, *accounts.EMAILS, *notifications.EMAILS, *versions.EMAILS],
        hand_over=queue.enqueue if app.config["REDIS_URL"] else None,
        jobs=[
            registry.ScheduledJob(
                "reminders", reminders.remind_pending, app.config["MAIL_REMINDER_EVERY_SECONDS"]
            )
        ],
    )
    problems.install(app)


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

    @app.errorhandler(SecurityError)
    def _untrusted_host(error: SecurityError) -> tuple[str, int, dict[str, str]]:
        # No page template: links cannot be built for a host we do not serve.
        text = "Bad request: this service does not answer to that host name.\n"
        return text, 400, {"Content-Type": "text/plain; charset=utf-8"}

    outage.install(app)

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> tuple[str, int]:
        error.description = gettext(
            "This form has expired or did not come from our page. "
            "Go back, reload the page and send it again."
        )
        return page(error, 400)
