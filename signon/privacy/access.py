"""A signatory's access to their data and its erasure, by themselves or through organisers."""

import logging

import sqlalchemy as sa

from signon.audit import trail as audit
from signon.audit.models import AuditEntry
from signon.core.errors import WrongState
from signon.letters import consent
from signon.letters.models import LetterStatus
from signon.mail.models import OutboxMessage
from signon.privacy import erasure
from signon.signing import transitions
from signon.signing.models import SignerKind, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.urls import external_url

log = logging.getLogger(__name__)

SIGNATORY = "signatory"


def _when(moment: object) -> str | None:
    return moment.isoformat() if moment is not None else None


def _by(actor: str) -> str:
    """Who did something, as the signatory is told: never an organiser's address."""
    return {SIGNATORY: "you", "retention": "Signon (retention period)"}.get(actor, "the organisers")


def personal_data(sign_on: SignOn) -> dict[str, object]:
    """Everything stored about this sign-on, its consent record included, as JSON values."""
    letter = sign_on.letter
    terms = consent.get_version(letter.id, sign_on.consent_version or 0)
    mail = (
        []
        if not sign_on.contact_email
        else db.session.scalars(
            sa.select(OutboxMessage)
            .where(
                sa.func.lower(OutboxMessage.recipient) == sign_on.contact_email.lower(),
                OutboxMessage.body_text.contains(f"/letters/{letter.slug}/", autoescape=True)
                | OutboxMessage.body_text.is_(None),
            )
            .order_by(OutboxMessage.id)
        )
    )
    history = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.sign_on_id == sign_on.id).order_by(AuditEntry.id)
    )
    return {
        "letter": {"slug": letter.slug, "title": letter.title, "status": letter.status},
        "sign_on": {
            "id": sign_on.id,
            "status": sign_on.status,
            "signing_as": sign_on.signing_as,
            "organisation": sign_on.organisation,
            "acronym": sign_on.acronym,
            "country": sign_on.country,
            "website": sign_on.website,
            "contact_name": sign_on.contact_name,
            "contact_email": sign_on.contact_email,
            "role": sign_on.role,
            "ip_prefix": sign_on.ip_prefix,
            "letter_version": sign_on.letter_version,
            "created_at": _when(sign_on.created_at),
            "confirmed_at": _when(sign_on.confirmed_at),
            "decided_at": _when(sign_on.decided_at),
            "contact_details_erased_at": _when(sign_on.anonymised_at),
        },
        "listed_as": sign_on.name_on_list,
        "consent": {
            "version": sign_on.consent_version,
            "accepted_at": _when(sign_on.consent_at),
            "language": sign_on.consent_language or None,
            "consent_text": terms.consent_text if terms else None,
            "controller": terms.controller if terms else None,
            "notice_text": terms.notice_text if terms else None,
            "retention_days": terms.retention_days if terms else None,
            "notice_url": external_url(
                "privacy.notice", slug=letter.slug, version=sign_on.consent_version
            )
            if terms
            else None,
        },
        "emails": [
            {
                "subject": m.subject,
                "status": m.status,
                "queued_at": _when(m.created_at),
                "sent_at": _when(m.sent_at),
            }
            for m in mail
        ],
        "history": [
            {"action": e.action, "at": _when(e.created_at), "by": _by(e.actor)} for e in history
        ],
    }


def record_download(sign_on: SignOn, actor: str) -> None:
    """Audit that someone took a copy of this sign-on's data (the caller commits)."""
    audit.record(sign_on.letter_id, actor, "data_downloaded", sign_on_id=sign_on.id)
    log.info("sign-on %s: personal data downloaded", sign_on.id)


def stays_listed(sign_on: SignOn) -> bool:
    """Whether erasure keeps the organisation on the list: a published letter's organisation."""
    return (
        sign_on.letter.status == LetterStatus.PUBLISHED
        and sign_on.signing_as != SignerKind.INDIVIDUAL
    )


def erase_contact_details(sign_on: SignOn, actor: str) -> bool:
    """Erase the contact details; before publication the signature is withdrawn too.

    After publication the organisation stays on the list (the letter has gone out with it);
    an individual's name is their contact detail, so an individual is always withdrawn.
    False when they were erased already. The caller commits.
    """
    if sign_on.anonymised_at is not None:
        return False
    withdrawn = False
    previous = sign_on.status
    # Compare-and-set, again on what a concurrent decision left (see signing.transitions).
    for _ in range(transitions.ATTEMPTS):
        if stays_listed(sign_on) or sign_on.status == SignOnStatus.WITHDRAWN:
            break
        previous = sign_on.status
        withdrawn = transitions.change_status(sign_on, SignOnStatus.WITHDRAWN, decided_at=utcnow())
        if withdrawn:
            break
    else:
        raise WrongState(transitions.busy_message())
    db.session.flush()
    erased = erasure.erase(sign_on.letter, [sign_on.id], utcnow(), keep_listed=False)
    db.session.expire(sign_on)
    audit.record(
        sign_on.letter_id,
        actor,
        "contact_erased",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        withdrawn=withdrawn,
        previous=previous,
        emails=erased.emails,
    )
    log.info("sign-on %s: contact details erased (withdrawn: %s)", sign_on.id, withdrawn)
    return True
