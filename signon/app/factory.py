"""The application factory: what is installed on a new application, in order."""

import logging
from pathlib import Path

from flask import Flask, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from signon.accounts import blueprint as accounts
from signon.accounts import services as accounts_services
from signon.accounts.cli import organiser_cli
from signon.api import blueprint as api
from signon.app import health
from signon.audit import trail
from signon.core import config
from signon.directory import blueprint as directory
from signon.directory.cli import organisations_cli
from signon.importing import blueprint as importing
from signon.importing import tables as import_tables
from signon.invitations import accepting as invitation_links
from signon.invitations import blueprint as invitations
from signon.invitations import sending as invitation_emails
from signon.letters import blueprint as letters
from signon.letters import services as letters_services
from signon.letters import versions
from signon.letters.cli import letter_cli
from signon.mail import blueprint as mail_pages
from signon.mail import outbox, problems, queue, registry, sender
from signon.mail.cli import mail_cli
from signon.moderation import blueprint as moderation
from signon.moderation import duplicate_table
from signon.moderation.cli import signatures_cli
from signon.privacy import blueprint as privacy
from signon.privacy import erasure, retention
from signon.privacy.cli import privacy_cli
from signon.roster import blueprint as roster
from signon.signing import blueprint as signing
from signon.signing import emails, notifications, publication_notices, reminders, version_notices
from signon.storage import database, sqlite
from signon.storage.clitools import db_cli
from signon.storage.extensions import csrf, db, limiter, mail
from signon.storage.sqlite import read_only
from signon.web import headers, i18n, inputs, outage, pagecache, requestlog, uploads, urls
from signon.webhooks import blueprint as webhooks
from signon.webhooks import notices as webhook_notices
from signon.webhooks import queueing as webhook_queue
from signon.webhooks.cli import webhooks_cli

# Each package's pages, declared in its blueprint.py: the organisers' under /organise
# (sign-in, no-store and noindex declared once there), the public ones at the top.
ORGANISER_PAGES = (
    accounts,
    letters,
    signing,
    moderation,
    roster,
    importing,
    privacy,
    invitations,
    webhooks,
    directory,
    api,
)
PUBLIC_PAGES = (signing, roster, privacy, mail_pages, invitations, api)
# The command groups, each owned by one package; packages above add commands to them.
COMMAND_GROUPS = (
    letter_cli,
    signatures_cli,
    organiser_cli,
    mail_cli,
    db_cli,
    privacy_cli,
    webhooks_cli,
    organisations_cli,
)
ADDING_COMMANDS = (letters, signing, moderation, roster, importing, invitations, webhooks, api)


PROJECT_ROOT = Path(__file__).resolve().parents[2]


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: configuration, request checks, extensions, database, features."""
    app = Flask(
        "signon",
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    config.load(app, test_config)
    _log_our_lines()
    # One log line per request with its request id; trust N proxies' X-Forwarded-* if set.
    _trust_proxies(app)
    requestlog.install(app)
    # Larger requests for the views that take files, before the CSRF check reads them.
    uploads.install(app)
    # Before anything else looks at a request: a trusted host, and values we can store.
    app.before_request(reject_untrusted_host)
    inputs.install(app)
    db.init_app(app)
    mail.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    headers.install(app)
    pagecache.install(app)
    urls.install(app)
    # Pages, forms and emails in the visitor's language (English, French, Spanish).
    i18n.install(app)
    _bring_database_up_to_date(app)
    _pages(app)
    _mail(app)
    _commands(app)
    # Deliver the outbox from a background thread of the web process, when enabled.
    sender.install(app)
    _error_pages(app)
    # A database outage answers 503, not 500.
    outage.install(app)
    return app


def _log_our_lines() -> None:
    # Our own INFO lines (service actions) next to Flask's.
    logger = logging.getLogger("signon")
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _trust_proxies(app: Flask) -> None:
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def reject_untrusted_host() -> None:
    """A Host (or a trusted proxy's X-Forwarded-Host) that is not ours ends the request."""
    if isinstance(request.routing_exception, SecurityError):
        raise request.routing_exception


def _bring_database_up_to_date(app: Flask) -> None:
    # On the embedded default, an empty or old database is brought up to date by itself.
    with app.app_context():
        sqlite.install_sqlite_pragmas(db.engine)
        if app.config["AUTO_MIGRATE"]:
            database.upgrade(db.engine)


def _pages(app: Flask) -> None:
    organise = accounts.organise(*(package.organiser_pages for package in ORGANISER_PAGES))
    for blueprint in (organise, *(package.public_pages for package in PUBLIC_PAGES), health.bp):
        app.register_blueprint(blueprint)
    # The editor (letters) asks signing, above it, how many signatures stand on a version.
    app.extensions[versions.STANDING_SIGNATURES] = version_notices.standing_signatures
    # Erasure and `privacy run` reach the uploads an import keeps (privacy's sibling).
    app.extensions[erasure.ALSO_ERASE] = [
        import_tables.forget_contacts,
        invitation_links.forget_contacts,
        webhook_queue.forget_contacts,
    ]
    # Webhooks (above every feature) queue their deliveries from what the audit trail records.
    app.extensions[trail.LISTENERS] = [webhook_queue.on_recorded]
    app.extensions[retention.ALSO_PURGE] = [import_tables.purge_uploads]

    @app.get("/")
    @read_only
    def index() -> str:
        return render_template("index.html", letters=letters_services.listed_letters())


def _commands(app: Flask) -> None:
    # The `letter`, `signatures`, `organiser`, `mail`, `privacy` and `db` command groups,
    # with the commands the packages above their owners add to them.
    for package in ADDING_COMMANDS:
        for group, command in package.COMMANDS:
            group.add_command(command)
    for group in COMMAND_GROUPS:
        app.cli.add_command(group)


def _mail(app: Flask) -> None:
    # Every feature's emails, the hand-over of committed mail, the mail worker's schedule.
    registry.init_app(
        app,
        templates=[
            *emails.EMAILS,
            *accounts_services.EMAILS,
            *notifications.EMAILS,
            *version_notices.EMAILS,
            *publication_notices.EMAILS,
            *invitation_emails.EMAILS,
            *webhook_notices.EMAILS,
        ],
        hand_over=queue.enqueue if app.config["REDIS_URL"] else None,
        jobs=[
            registry.ScheduledJob(
                "reminders", reminders.remind_pending, app.config["MAIL_REMINDER_EVERY_SECONDS"]
            ),
            # New arrivals' duplicate candidates, kept so that the duplicates page only reads.
            registry.ScheduledJob(
                "duplicates", duplicate_table.catch_up_all, app.config["DUPLICATES_EVERY_SECONDS"]
            ),
        ],
    )
    outbox.install(app)
    problems.install(app)


def _page(error: Exception, code: int) -> tuple[str, int]:
    return render_template("errors/error.html", code=code, error=error), code


def _error_pages(app: Flask) -> None:
    # Friendly pages for the errors a visitor can meet.
    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, lambda e, code=code: _page(e, code))

    @app.errorhandler(SecurityError)
    def _untrusted_host(error: SecurityError) -> tuple[str, int, dict[str, str]]:
        # No page template: links cannot be built for a host we do not serve.
        text = "Bad request: this service does not answer to that host name.\n"
        return text, 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> tuple[str, int]:
        error.description = gettext(
            "This form has expired or did not come from our page. "
            "Go back, reload the page and send it again."
        )
        return _page(error, 400)
