"""Signon: joint letters for NGO coalitions."""

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application (`signon.app.factory` lists what it installs, in order)."""
    # Imported when called: importing a pure module (signon.domain) loads no feature.
    from signon.app import factory

    return factory.create_app(test_config)
