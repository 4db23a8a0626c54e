"""The yardstick: the smallest Flask app, served by the same gunicorn config as Signon."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def minimal() -> str:
    """Nothing at all: the cost of gunicorn, WSGI and Flask alone."""
    return "ok"
