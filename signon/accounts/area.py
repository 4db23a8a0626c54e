"""The organiser area: one address space (/organise) with one caching policy.

Each package adds its organiser pages to this blueprint, so their endpoints read
`organisers.<page>` wherever they are defined.
"""

from flask import Blueprint
from werkzeug.wrappers import Response

bp = Blueprint("organisers", __name__, url_prefix="/organise")


@bp.after_request
def _private(response: Response) -> Response:
    # Organiser pages show contact data: keep them out of shared caches and history.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
