"""A letter's sender: who its emails come from, how they are signed, where replies go.

Organisers set it in the editor (or `flask letter create`); every email to signatories and
organisers about the letter carries it. The contact address is only ever a Reply-To: it is
never shown on a public page.
"""

import logging
from dataclasses import dataclass

from flask_babel import gettext

from signon.audit import trail as audit
from signon.core.errors import SignonError
from signon.domain.addresses import UndeliverableAddress, deliverable_address
from signon.domain.names import clean_text
from signon.letters.models import Letter
from signon.storage.extensions import db
from signon.web.links import external_link, needed

log = logging.getLogger(__name__)

# The public letter page (signing's, above this package) that every email links to.
LETTER_PAGE = needed("the public letter page")

FIELDS = ("sender_name", "email_signature", "contact_email")
NAME_LIMIT = 200
SIGNATURE_LIMIT = 1000


@dataclass(frozen=True)
class Sender:
    """What a letter's sender settings are, checked."""

    sender_name: str = ""
    email_signature: str = ""
    contact_email: str = ""


def checked(name: str, signature: str, contact: str) -> Sender:
    """The settings as stored; raises SignonError with a sentence for the organiser."""
    name = clean_text(name or "")
    # A signature keeps its lines, each cleaned like a name (no control characters).
    lines = [clean_text(line) for line in (signature or "").splitlines()]
    signature = "\n".join(lines).strip("\n")
    if len(name) > NAME_LIMIT:
        raise SignonError(
            gettext("Keep the sender's name under %(limit)s characters.", limit=NAME_LIMIT)
        )
    if len(signature) > SIGNATURE_LIMIT:
        raise SignonError(
            gettext("Keep the signature under %(limit)s characters.", limit=SIGNATURE_LIMIT)
        )
    contact = (contact or "").strip()
    if contact:
        try:
            contact = deliverable_address(contact).lower()
        except UndeliverableAddress as exc:
            raise SignonError(
                gettext("The contact address is not valid: %(address)s", address=contact)
            ) from exc
    return Sender(name, signature, contact)


def update_sender(letter: Letter, sender: Sender, actor: str) -> list[str]:
    """Save the sender settings that changed (in any state of the letter); their names.

    Audited and flushed; the caller commits.
    """
    changed = [name for name in FIELDS if getattr(sender, name) != getattr(letter, name)]
    for name in changed:
        setattr(letter, name, getattr(sender, name))
    if changed:
        audit.record(letter.id, actor, "edited", fields=changed)
        db.session.flush()
        log.info("letter %s: sender changed by %s: %s", letter.slug, audit.who(actor), changed)
    return changed


def letter_url(letter: Letter) -> str | None:
    """The public page of the letter; None while it is a draft (no one else may read it)."""
    return external_link(LETTER_PAGE, slug=letter.slug) if letter.is_public else None


def email_values(letter: Letter | None) -> dict[str, object]:
    """What every email about `letter` carries: From name, Reply-To, signature and link.

    `from_name` and `reply_to` are taken by `send_email` (and by the sender from a
    context builder's result); `signature` and `letter_url` are read by the templates.
    """
    if letter is None:
        return {"from_name": None, "reply_to": None, "signature": "", "letter_url": None}
    return {
        "from_name": letter.sender_name or None,
        "reply_to": letter.contact_email or None,
        "signature": letter.email_signature or letter.sender_name,
        "letter_url": letter_url(letter),
    }
