"""Configuration read from the environment, with embedded defaults."""

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import Flask

from signon.domain.yes_no import is_yes

# Host names a request may always use: the machine itself (health checks, the dev server).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says what to set."""


MISSING_BASE_URL = (
    "BASE_URL is not set. Set it to the public address of this service, for example "
    "BASE_URL=https://sign.example.org: every link in emails and pages is built from it, "
    "never from the address a request names. (Only `flask run --debug` and the tests "
    "work without it.)"
)


def env_flag(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on")."""
    value = os.environ.get(name)
    if value is None:
        return default
    return is_yes(value)


def database_url(raw: str | None, instance_path: str) -> str:
    """The SQLAlchemy URL: `DATABASE_URL` with psycopg 3 as the PostgreSQL driver."""
    if not raw:
        return f"sqlite:///{Path(instance_path) / 'signon.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def limit_storage(storage_uri: str | None, redis_url: str | None) -> str:
    """Where rate limits are counted: `RATELIMIT_STORAGE_URI`, else Redis, else this process."""
    return storage_uri or redis_url or "memory://"


def limits_per_process(env: Mapping[str, str]) -> bool:
    """True when limits are on and counted in each process's memory (no Redis configured)."""
    storage = limit_storage(env.get("RATELIMIT_STORAGE_URI"), env.get("REDIS_URL"))
    enabled = is_yes(env.get("RATELIMIT_ENABLED", "true"))
    return enabled and storage.startswith("memory://")


def several_workers_refused(workers: int, env: Mapping[str, str]) -> str | None:
    """Why `workers` processes may not serve with this environment, or None when they may."""
    if workers <= 1 or not limits_per_process(env):
        return None
    return (
        f"Refusing to start {workers} workers: rate limits are counted in each worker's memory,"
        f" so every limit would let {workers} times as many requests through. Set REDIS_URL"
        " (or RATELIMIT_STORAGE_URI) to a Redis that every worker shares, or run one worker"
        " (GUNICORN_WORKERS=1)."
    )


def instance_secret(instance_path: str) -> str:
    """A secret key kept in `instance/`, so tokens survive a restart without `SECRET_KEY`."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def defaults(app: Flask) -> dict:
    """Settings from the environment; every one can be overridden by `test_config`."""
    env = os.environ
    return {
        "SECRET_KEY": env.get("SECRET_KEY"),
        "DATABASE_URL": env.get("DATABASE_URL"),
        "AUTO_MIGRATE": env_flag("AUTO_MIGRATE", default=not env.get("DATABASE_URL")),
        "BASE_URL": env.get("BASE_URL"),
        # Host names accepted besides BASE_URL's and loopback (e.g. a load balancer's check).
        "EXTRA_TRUSTED_HOSTS": [h for h in env.get("TRUSTED_HOSTS", "").split(",") if h],
        # An organiser's session ends this long after signing in (and at sign-out).
        "PERMANENT_SESSION_LIFETIME": timedelta(
            seconds=float(env.get("PERMANENT_SESSION_LIFETIME", str(12 * 3600)))
        ),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REDIS_URL": env.get("REDIS_URL"),
        # How many reverse proxies in front set X-Forwarded-For (0: use the peer address).
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        "MAIL_SERVER": env.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": env_flag("MAIL_USE_TLS"),
        "MAIL_USE_SSL": env_flag("MAIL_USE_SSL"),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "Signon <no-reply@localhost>"),
        "MAIL_TIMEOUT": int(env.get("MAIL_TIMEOUT", "20")),
        "MAIL_SUPPRESS_SEND": False,
        # The web process delivers the outbox itself unless mail runs as its own process.
        # With Redis, `flask mail worker` (RQ) delivers instead.
        "MAIL_BACKGROUND_SENDER": env_flag(
            "MAIL_BACKGROUND_SENDER", default=not env.get("REDIS_URL")
        ),
        # A sender's lease on its batch, renewed while it sends: a killed sender's mail is
        # free again this long after its death.
        "MAIL_CLAIM_SECONDS": float(env.get("MAIL_CLAIM_SECONDS", "10")),
        "MAIL_BATCH_SIZE": int(env.get("MAIL_BATCH_SIZE", "100")),
        # A CA bundle to trust for STARTTLS/SSL (a private relay's own certificate).
        "MAIL_TLS_CA_FILE": env.get("MAIL_TLS_CA_FILE") or None,
        # One reminder to confirm, this many days after an unconfirmed sign-on.
        "MAIL_REMINDER_DAYS": float(env.get("MAIL_REMINDER_DAYS", "3")),
        "MAIL_REMINDER_EVERY_SECONDS": float(env.get("MAIL_REMINDER_EVERY_SECONDS", "3600")),
        "DUPLICATES_EVERY_SECONDS": float(env.get("DUPLICATES_EVERY_SECONDS", "20")),
        # /healthz answers 503 when a due email has waited longer than this for a sender.
        "HEALTH_MAIL_MAX_AGE_SECONDS": float(env.get("HEALTH_MAIL_MAX_AGE_SECONDS", "300")),
        "MAIL_QUEUE_NAME": env.get("MAIL_QUEUE_NAME", "signon-mail"),
        "MAIL_POLL_SECONDS": float(env.get("MAIL_POLL_SECONDS", "5")),
        "MAIL_RETRY_BASE_SECONDS": float(env.get("MAIL_RETRY_BASE_SECONDS", "30")),
        "MAIL_RETRY_MAX_SECONDS": float(env.get("MAIL_RETRY_MAX_SECONDS", "3600")),
        "MAIL_MAX_ATTEMPTS": int(env.get("MAIL_MAX_ATTEMPTS", "30")),
        "DEV_OUTBOX": env_flag("DEV_OUTBOX"),
        "CONFIRM_TOKEN_MAX_AGE": int(env.get("CONFIRM_TOKEN_MAX_AGE", str(7 * 24 * 3600))),
        # Abuse limits (Flask-Limiter syntax); off with RATELIMIT_ENABLED=false (benchmarks).
        "RATELIMIT_ENABLED": env_flag("RATELIMIT_ENABLED", default=True),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI"),
        "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX", "signon"),
        # A Redis outage must not turn sign-ons into errors: count in memory meanwhile.
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": False,
        "SIGN_ON_LIMIT_PER_IP": env.get("SIGN_ON_LIMIT_PER_IP", "30/minute;300/hour"),
        "SIGN_ON_LIMIT_PER_EMAIL": env.get("SIGN_ON_LIMIT_PER_EMAIL", "5/minute;30/hour"),
        # Sending a confirmation email again from the check-your-email page.
        "RESEND_LIMIT_PER_IP": env.get("RESEND_LIMIT_PER_IP", "10/minute;60/hour"),
        "RESEND_LIMIT_PER_EMAIL": env.get("RESEND_LIMIT_PER_EMAIL", "2/hour"),
        "SIGN_IN_LIMIT_PER_IP": env.get("SIGN_IN_LIMIT_PER_IP", "10/minute;100/hour"),
        "SIGN_IN_LIMIT_PER_EMAIL": env.get("SIGN_IN_LIMIT_PER_EMAIL", "5/minute;20/hour"),
        # A cached public list is rebuilt when approvals change, and at least this often.
        "PUBLIC_PAGE_CACHE_SECONDS": float(env.get("PUBLIC_PAGE_CACHE_SECONDS", "30")),
        # The public list and downloads, checked against every column of the letter and the
        # list's version, are rebuilt at least this often (a 100,000-name list takes ~10 s).
        "PUBLIC_VERSIONED_CACHE_SECONDS": float(env.get("PUBLIC_VERSIONED_CACHE_SECONDS", "3600")),
        # ...and served without any query for this long after its last check.
        "PUBLIC_PAGE_FRESH_SECONDS": float(env.get("PUBLIC_PAGE_FRESH_SECONDS", "1")),
        # The public PDF of a longer list is not built (the text file has every name).
        "PUBLIC_PDF_MAX_SIGNATORIES": int(env.get("PUBLIC_PDF_MAX_SIGNATORIES", "5000")),
        # Public answers one client address may make the service build (cache misses).
        # Requests per API key (or per address without one), shared by every worker.
        "API_LIMIT_PER_KEY": env.get("API_LIMIT_PER_KEY", "600/minute;20000/hour"),
        "PUBLIC_BUILD_LIMIT_PER_IP": env.get("PUBLIC_BUILD_LIMIT_PER_IP", "30/minute"),
        # A sign-on reads its letter's state from a per-process copy this old at most (and
        # checks it again, uncached, before writing).
        "LETTER_FACTS_SECONDS": float(env.get("LETTER_FACTS_SECONDS", "1")),
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # Files to import (CSV, XLSX) may be this large; their emails go out this fast.
        "IMPORT_MAX_BYTES": int(env.get("IMPORT_MAX_BYTES", str(10 * 1024 * 1024))),
        "IMPORT_EMAILS_PER_MINUTE": int(env.get("IMPORT_EMAILS_PER_MINUTE", "30")),
        # Webhook deliveries: seconds to connect and answer, and the worker's poll interval.
        "WEBHOOK_TIMEOUT_SECONDS": float(env.get("WEBHOOK_TIMEOUT_SECONDS", "5")),
        "WEBHOOK_POLL_SECONDS": float(env.get("WEBHOOK_POLL_SECONDS", "2")),
        "WEBHOOK_BATCH_SIZE": int(env.get("WEBHOOK_BATCH_SIZE", "50")),
        # CA certificates to trust for receivers' HTTPS instead of the system's (a private CA).
        "WEBHOOK_TLS_CA_FILE": env.get("WEBHOOK_TLS_CA_FILE") or None,
        # Deliveries to loopback and private addresses, for the tests' own receiver only:
        # never read from the environment (debug mode allows them too).
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": False,
    }


def load(app: Flask, test_config: dict | None) -> None:
    """Fill `app.config` from the environment, then `test_config`."""
    app.config.from_mapping(defaults(app))
    if test_config:
        app.config.update(test_config)
    cfg = app.config
    cfg["DATABASE_URL"] = database_url(cfg["DATABASE_URL"], app.instance_path)
    if cfg["DATABASE_URL"].startswith("sqlite:///"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not cfg["SECRET_KEY"]:
        cfg["SECRET_KEY"] = instance_secret(app.instance_path)
    base_url(app)
    cfg["RATELIMIT_STORAGE_URI"] = limit_storage(cfg["RATELIMIT_STORAGE_URI"], cfg["REDIS_URL"])
    cfg["SQLALCHEMY_ENGINES"] = {"default": engine_options(cfg["DATABASE_URL"])}


def engine_options(url: str) -> dict:
    """Engine settings per backend: SQLite waits for locks instead of failing at once."""
    if url.startswith("sqlite"):
        return {"url": url, "connect_args": {"timeout": 30}}
    # No ping on every checkout (a round trip per request): connections are replaced after
    # POOL_RECYCLE_SECONDS, and one found closed at checkout is replaced (storage.database).
    recycle = int(os.environ.get("POOL_RECYCLE_SECONDS", "1800"))
    return {"url": url, "pool_pre_ping": False, "pool_recycle": recycle}


def dev_base_url() -> str:
    """Where the development server listens: links of the embedded default point there.

    `flask run --host H --port P` (or FLASK_RUN_HOST/FLASK_RUN_PORT, which click reads into the
    same parameters) is honoured, so the README's command works with any port.
    """
    ctx = click.get_current_context(silent=True)
    params = ctx.params if ctx is not None and ctx.info_name == "run" else {}
    host = params.get("host") or "127.0.0.1"
    if host in ("0.0.0.0", "::", "localhost"):  # noqa: S104 - a listening address, not bound here
        host = "127.0.0.1"
    port = params.get("port") or os.environ.get("FLASK_RUN_PORT", "5000")
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}"


def _serves_requests() -> bool:
    # A WSGI server imports the app outside any click command; `flask run` is the one
    # command that serves. Other `flask ...` commands only send mail, if anything.
    ctx = click.get_current_context(silent=True)
    return ctx is None or ctx.info_name == "run"


def base_url(app: Flask) -> None:
    """Settle `BASE_URL` and what follows from it: the trusted hosts and the cookie's flags.

    Outside debug mode and the tests, a process that serves requests or sends real email
    refuses to start without it; the embedded default links to the dev server's address.
    """
    cfg = app.config
    base = (cfg["BASE_URL"] or "").strip().rstrip("/")
    if not base:
        if not (cfg.get("DEBUG") or cfg.get("TESTING")) and (
            _serves_requests() or cfg["MAIL_SERVER"]
        ):
            raise ConfigError(MISSING_BASE_URL)
        base = dev_base_url()
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"BASE_URL must look like https://sign.example.org, not {base!r}.")
    cfg["BASE_URL"] = base
    cfg["TRUSTED_HOSTS"] = [parts.hostname, *LOOPBACK_HOSTS, *cfg["EXTRA_TRUSTED_HOSTS"]]
    cfg["SESSION_COOKIE_SECURE"] = parts.scheme == "https"
