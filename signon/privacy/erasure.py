"""Erasing signatories' contact data: after the retention period, or when they ask.

What stays is what the published list and its exports are made of (organisation, acronym,
country, website, status, dates), so the list reads the same before and after. The name and
position of an individual listed under a letter stay when the retention period ends (they
are the published entry), but go when that person asks for erasure (they are withdrawn).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from signon.audit.models import AuditEntry
from signon.letters.models import Letter
from signon.mail.models import OutboxMessage
from signon.moderation import duplicate_table
from signon.moderation.merge_models import SignatoryMerge
from signon.signing import erased
from signon.signing.models import ProposedChange, Signatory, SignerKind, SignOn, SignOnStatus
from signon.storage.extensions import db

ERASED = "[erased]"
# What a sign-on's contact data is made of, wherever a copy of it was written.
PERSONAL = ("contact_name", "contact_email", "role")
CHUNK = 500
# Copies of contact data kept by packages this one does not know (an import's upload, held
# until it is confirmed): `app.extensions[ALSO_ERASE]` lists functions, each called with the
# letter and the erased addresses (lower case), that erase theirs. `setup` registers them.
ALSO_ERASE = "signon.privacy.also_erase"


@dataclass
class Erased:
    """How much was erased: counts only, fit for the audit log."""

    sign_ons: int = 0
    emails: int = 0
    audit_entries: int = 0


def _chunks(values: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def erase(letter: Letter, sign_on_ids: list[int], now: datetime, *, keep_listed: bool) -> Erased:
    """Erase the contact data of these sign-ons of `letter` (flushed; the caller commits).

    `keep_listed` keeps the name and position of approved individuals: they are what the
    list shows. Sign-ons already erased are left as they are, so running twice changes nothing.
    """
    ids: list[int] = []
    emails: set[str] = set()
    for chunk in _chunks(sorted(set(sign_on_ids))):
        rows = db.session.execute(
            sa.select(SignOn.id, SignOn.contact_email).where(
                SignOn.letter_id == letter.id, SignOn.id.in_(chunk), SignOn.anonymised_at.is_(None)
            )
        ).all()
        ids += [row.id for row in rows]
        emails |= {row.contact_email.lower() for row in rows if row.contact_email}
    if not ids:
        return Erased()
    listed = sa.and_(
        SignOn.signing_as == SignerKind.INDIVIDUAL, SignOn.status == SignOnStatus.APPROVED
    )
    name = sa.case((listed, SignOn.contact_name), else_="") if keep_listed else ""
    role = sa.case((listed, SignOn.role), else_="") if keep_listed else ""
    for chunk in _chunks(ids):
        db.session.execute(
            sa.update(SignOn)
            .where(SignOn.id.in_(chunk))
            .values(
                contact_email="",
                contact_key=None,
                ip_prefix="",
                note="",
                contact_name=name,
                role=role,
                anonymised_at=now,
            )
            .execution_options(synchronize_session="fetch")
        )
    forgotten = _forget_individual_names(letter)
    _drop_proposed_details(ids)
    # A later import of the same address must not bring the contact back.
    # Retention keeps the listed names (`keep_listed`); a request does not.
    erased.remember(letter.id, emails, on_request=not keep_listed)
    for also in current_app.extensions.get(ALSO_ERASE, ()):
        also(letter, emails)
    done = Erased(sign_ons=len(ids))
    done.audit_entries = _scrub_audit(letter, set(ids), forgotten)
    done.emails = _erase_mail(letter, set(ids), emails, whole_letter=keep_listed)
    # The kept duplicate pairs were judged on the erased data (and name it in their reasons).
    duplicate_table.refresh(letter.id, _entries_of(ids) | forgotten)
    db.session.flush()
    return done


def _entries_of(sign_on_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(sign_on_ids):
        rows = db.session.execute(
            sa.select(SignOn.signatory_id, SignOn.home_id).where(SignOn.id.in_(chunk))
        )
        found |= {i for row in rows for i in row if i is not None}
    return found


def _drop_proposed_details(ids: list[int]) -> None:
    """A correction still waiting loses the contact's name and position (and goes if that
    was all it asked); what the list shows of an organisation stays for the organisers."""
    for chunk in _chunks(ids):
        waiting = db.session.scalars(
            sa.select(ProposedChange).where(ProposedChange.sign_on_id.in_(chunk))
        ).all()
        for change in waiting:
            kept = {k: v for k, v in (change.changes or {}).items() if k not in PERSONAL}
            if not kept:
                db.session.delete(change)
            elif kept != change.changes:
                change.changes = kept


def _forget_individual_names(letter: Letter) -> set[int]:
    """Individuals whose every sign-on lost its name: their signatory forgets it too."""
    named = sa.select(SignOn.id).where(
        SignOn.signatory_id == Signatory.id, SignOn.contact_name != ""
    )
    forgotten = set(
        db.session.scalars(
            sa.select(Signatory.id).where(
                Signatory.letter_id == letter.id,
                Signatory.kind == SignerKind.INDIVIDUAL,
                ~Signatory.name_key.startswith("erased-"),
                ~named.exists(),
            )
        )
    )
    for signatory_id in forgotten:
        db.session.execute(
            sa.update(Signatory)
            .where(Signatory.id == signatory_id)
            .values(name_key=f"erased-{signatory_id}", display_name=None)
        )
        for side, name in (
            (SignatoryMerge.source_id, "merged_name"),
            (SignatoryMerge.target_id, "kept_name"),
        ):
            db.session.execute(
                sa.update(SignatoryMerge).where(side == signatory_id).values({name: ERASED})
            )
        db.session.execute(
            sa.update(SignatoryMerge)
            .where(SignatoryMerge.target_id == signatory_id)
            .values(previous_display_name=None)
        )
    return forgotten


def _scrub(detail: dict, action: str, whole: bool) -> dict:
    scrubbed = dict(detail)
    for key in ("before", "after"):
        value = scrubbed.get(key)
        if isinstance(value, dict):
            scrubbed[key] = {k: ERASED if k in PERSONAL else v for k, v in value.items()}
        elif key in scrubbed and (action == "note" or whole):
            scrubbed[key] = ERASED
    return scrubbed


def _scrub_audit(letter: Letter, ids: set[int], forgotten: set[int]) -> int:
    """Copies of erased data in the audit log (corrections, notes, names) are erased too."""
    changed = 0
    entries = db.session.scalars(
        sa.select(AuditEntry).where(
            AuditEntry.letter_id == letter.id,
            sa.or_(AuditEntry.sign_on_id.is_not(None), AuditEntry.signatory_id.is_not(None)),
        )
    )
    for entry in entries:
        whole = entry.signatory_id in forgotten and entry.action == "display_name"
        if entry.sign_on_id not in ids and not whole:
            continue
        scrubbed = _scrub(entry.detail or {}, entry.action, whole)
        if scrubbed != entry.detail:
            entry.detail = scrubbed
            changed += 1
    return changed


def _erase_mail(letter: Letter, ids: set[int], emails: set[str], *, whole_letter: bool) -> int:
    """Mail to the erased contacts about this letter, and organisers' mail about them.

    Waiting mail to an erased contact is cancelled: nothing is ever sent to them again.
    """
    path = f"/letters/{letter.slug}/"
    about_one = re.compile(
        rf"/letters/{re.escape(letter.slug)}/sign-ons/({'|'.join(map(str, sorted(ids)))})\b"
    )
    candidates = db.session.scalars(
        sa.select(OutboxMessage).where(
            sa.or_(
                OutboxMessage.body_text.contains(path, autoescape=True),
                OutboxMessage.body_text.is_(None),
            )
        )
    )
    erased = 0
    for message in candidates:
        body = message.body_text or ""
        to_contact = message.recipient.lower() in emails
        for_sign_on = (message.params or {}).get("sign_on_id") in ids
        if to_contact and (for_sign_on or path in body):
            message.recipient = ""
            message.last_error = ""
            if message.status == "pending":
                message.status = "failed"
                message.last_error = "not sent: the contact details were erased"
        else:
            # Organisers' mail that names them (all of it, when the whole letter is erased);
            # waiting organisers' mail holds nothing but listed names, and still goes out.
            about = whole_letter or about_one.search(body) is not None
            if path not in body or message.status == "pending" or not about:
                continue
        message.body_text = message.body_html = ERASED
        erased += 1
    return erased
