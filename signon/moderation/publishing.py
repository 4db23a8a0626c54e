"""Publishing a letter: what is still open first, then the day it went out, then the news.

The web's publish step and `flask letter publish` share `still_open` and `publish`.
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import ngettext

from signon.letters import editing
from signon.letters.models import Letter, LetterStatus
from signon.moderation import duplicates, services
from signon.signing import publication_notices
from signon.signing.models import ProposedChange, SignOn
from signon.storage.extensions import db


@dataclass(frozen=True)
class OpenItem:
    """One thing still waiting for the organisers, and the page where they settle it."""

    kind: str
    count: int
    text: str
    endpoint: str
    args: dict
    # Each waiting sign-on's own page, when the item is about a few named ones.
    sign_ons: list[SignOn] = field(default_factory=list)


def corrections_waiting(letter: Letter) -> list[SignOn]:
    """Sign-ons whose signatory asked for a change that no organiser decided on yet."""
    query = (
        sa.select(SignOn)
        .join(ProposedChange, ProposedChange.sign_on_id == SignOn.id)
        .where(SignOn.letter_id == letter.id)
        .order_by(SignOn.id)
    )
    return list(db.session.scalars(query))


def still_open(letter: Letter) -> list[OpenItem]:
    """What the organisers may want to settle before the list is final, most pressing first.

    The candidate pairs are the duplicates page's own (`duplicates.count`).
    """
    counts = services.counts(letter)
    pairs = duplicates.count(letter)
    corrections = corrections_waiting(letter)
    slug = letter.slug
    items = [
        OpenItem(
            "duplicates",
            pairs,
            ngettext(
                "%(num)d pair of possible duplicates not reviewed yet.",
                "%(num)d pairs of possible duplicates not reviewed yet.",
                pairs,
            ),
            "organise.moderation.duplicates",
            {"slug": slug},
        ),
        OpenItem(
            "verified",
            counts.verified,
            ngettext(
                "%(num)d confirmed sign-on not approved yet.",
                "%(num)d confirmed sign-ons not approved yet.",
                counts.verified,
            ),
            "organise.moderation.sign_ons",
            {"slug": slug, "status": "verified"},
        ),
        OpenItem(
            "corrections",
            len(corrections),
            ngettext(
                "%(num)d correction asked for by a signatory waits for your decision.",
                "%(num)d corrections asked for by signatories wait for your decision.",
                len(corrections),
            ),
            "organise.moderation.sign_on",
            {"slug": slug},
            corrections,
        ),
        OpenItem(
            "pending",
            counts.pending,
            ngettext(
                "%(num)d sign-on still waits for its email to be confirmed.",
                "%(num)d sign-ons still wait for their email to be confirmed.",
                counts.pending,
            ),
            "organise.moderation.sign_ons",
            {"slug": slug, "status": "pending"},
        ),
    ]
    return [item for item in items if item.count]


def publish(letter: Letter, actor: str, sent_on: date | None, tell: bool) -> int:
    """Publish the letter as sent on `sent_on` (today when None); with `tell`, queue the email
    to its approved signatories. How many were queued; the caller commits."""
    editing.change_status(letter, LetterStatus.PUBLISHED, actor, sent_on=sent_on)
    return publication_notices.tell_signatories(letter, actor) if tell else 0
