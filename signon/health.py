"""`/healthz`: is this process able to serve, database included? For load balancers."""

import logging

import sqlalchemy as sa
from flask import Blueprint

from signon.extensions import db
from signon.sqlite import read_only

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@read_only
def healthz() -> tuple[dict, int]:
    """200 when the database answers a query, 503 (with the reason's kind) when it does not."""
    try:
        db.session.execute(sa.text("SELECT 1")).scalar_one()
    except sa.exc.SQLAlchemyError as exc:
        log.warning("health check: database unavailable: %s", type(exc).__name__)
        db.session.rollback()
        return {"status": "unavailable", "database": type(exc).__name__}, 503
    return {"status": "ok", "database": "ok"}, 200
