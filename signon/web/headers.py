"""Security headers on every response (Flask-Talisman) and the session cookie's flags.

Pages load scripts and styles from /static only (no inline script or style), may not be
framed by anyone, and send a Referer only to this site: links carrying tokens in their
path (sign-in, confirmation, self-service) never reach another site through it, while
Flask-WTF's HTTPS referrer check of our own forms still works. The embed script is
loaded by coalition websites with <script src>, which no header here stops.
"""

from flask import Flask, Response
from flask_talisman import DENY, Talisman

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def install(app: Flask) -> None:
    """One Talisman per application: its settings follow this application's BASE_URL."""
    https = app.config["SESSION_COOKIE_SECURE"]
    app.extensions["signon.talisman"] = Talisman(
        app,
        # Redirecting to https is the proxy's job; BASE_URL already names the scheme.
        force_https=False,
        strict_transport_security=https,
        frame_options=DENY,
        content_security_policy=POLICY,
        referrer_policy="same-origin",
        session_cookie_secure=https,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
    )


def no_store(response: Response) -> Response:
    """An `after_request` hook: pages with personal data stay out of shared caches and history."""
    response.headers["Cache-Control"] = "no-store"
    return response


def noindex(response: Response) -> Response:
    """An `after_request` hook: search engines do not index the page."""
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def no_referrer(response: Response) -> Response:
    """An `after_request` hook: links away from a page with a secret in its address say nothing."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
