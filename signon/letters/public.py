"""A letter as the public may see it: a 404 for drafts and made-up slugs."""

from flask import abort

from signon.core.errors import NotFound
from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.web.i18n import use_letter_language


def public_letter(slug: str) -> Letter:
    """The letter, or a 404 when it does not exist or is still a draft."""
    try:
        letter = get_letter(slug)
    except NotFound:
        abort(404)
    if not letter.is_public:
        abort(404)
    use_letter_language(letter.language)
    return letter
