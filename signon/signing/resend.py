"""Sending a sign-on's confirmation email once more, from the check-your-email page.

The page asks with the address its visitor typed; the answer is the same whether or not a
sign-on waits under it, so the page tells nobody about anyone else's sign-on.
"""

import logging

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from signon.letters.models import Letter
from signon.signing import emails
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def resend_confirmation(letter: Letter, email: str) -> bool:
    """Queue the confirmation again for the pending sign-on by `email`, once; whether it was.

    The email goes through the outbox like the first one (rendered by the sender, with a
    fresh link). The caller commits.
    """
    address = (email or "").strip().lower()
    if not address or not letter.takes_sign_ons:
        return False
    sign_on = db.session.scalar(
        sa.select(SignOn)
        .where(
            SignOn.letter_id == letter.id,
            sa.func.lower(SignOn.contact_email) == address,
            SignOn.status == SignOnStatus.PENDING,
            SignOn.anonymised_at.is_(None),
            SignOn.confirmation_resent_at.is_(None),
        )
        .order_by(SignOn.id.desc())
        .limit(1)
    )
    if sign_on is None:
        log.info("resend asked on %s: nothing waits under that address", letter.slug)
        return False
    sign_on.confirmation_resent_at = utcnow()
    with force_locale(sign_on.language):
        subject = gettext("Please confirm your signature: %(title)s", title=letter.title)
    emails.to_signatory(
        sign_on.contact_email,
        False,  # only sign-ons whose contact details are kept were found
        subject,
        emails.CONFIRM,
        later=True,
        letter_id=letter.id,
        sign_on_id=sign_on.id,
    )
    db.session.flush()
    log.info("confirmation of sign-on %s on %s sent again", sign_on.id, letter.slug)
    return True
