"""The audit log in words: "ana@… merged 'X' into 'Y'" rather than the stored detail."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.extensions import db
from signon.signing.models import Signatory, SignOn

STATUS_MOVES = {
    "open": "opened the letter for signatures",
    "closed": "closed the letter",
    "published": "published the letter",
    "draft": "made the letter a draft again",
}


@dataclass(frozen=True)
class LogLine:
    """One audit entry and the sentence that tells it."""

    entry: AuditEntry
    text: str


@dataclass(frozen=True)
class Names:
    """The listed names of the sign-ons and signatories a page of the log mentions."""

    sign_ons: Mapping[int, str]
    signatories: Mapping[int, str]

    def of(self, entry: AuditEntry, key: str = "") -> str:
        """The name an entry is about, quoted; a signatory id in `key` when given."""
        if key:
            name = self.signatories.get(entry.detail.get(key))
        else:
            name = self.sign_ons.get(entry.sign_on_id) or self.signatories.get(entry.signatory_id)
        return f"“{name}”" if name else "a sign-on that no longer exists"


def _names(entries: list[AuditEntry]) -> Names:
    sign_on_ids = {e.sign_on_id for e in entries if e.sign_on_id}
    signatory_ids = {e.signatory_id for e in entries if e.signatory_id} | {
        e.detail.get("other_signatory_id") for e in entries if e.detail.get("other_signatory_id")
    }
    rows = db.session.execute(
        sa.select(
            SignOn.id,
            SignOn.signatory_id,
            SignOn.name_on_list.label("name"),
        )
        .join(Signatory, SignOn.signatory_id == Signatory.id)
        .where(sa.or_(SignOn.id.in_(sign_on_ids), SignOn.signatory_id.in_(signatory_ids)))
        .order_by(SignOn.id)
    )
    sign_ons: dict[int, str] = {}
    signatories: dict[int, str] = {}
    for row in rows:
        sign_ons[row.id] = row.name
        signatories.setdefault(row.signatory_id, row.name)
    return Names(sign_ons, signatories)


def _display_name(e: AuditEntry, names: Names) -> str:
    before, after = e.detail.get("before"), e.detail.get("after")
    if not after:
        return f"put {names.of(e)} back under the name as typed"
    if before:
        return f"renamed “{before}” to “{after}” on the list"
    return f"listed {names.of(e)} as “{after}”"


def _corrected(e: AuditEntry, names: Names) -> str:
    before, after = e.detail.get("before") or {}, e.detail.get("after") or {}
    changes = "; ".join(
        f"{field.replace('_', ' ')} from “{before.get(field, '')}” to “{value}”"
        for field, value in sorted(after.items())
    )
    return f"corrected the {changes}"


SENTENCES: dict[str, Callable[[AuditEntry, Names], str]] = {
    "approved": lambda e, n: f"approved {n.of(e)}",
    "rejected": lambda e, n: f"rejected {n.of(e)}",
    "approve_all": lambda e, n: f"approved all {e.detail.get('count')} confirmed sign-ons at once",
    "withdrawn": lambda e, n: f"withdrew the signature of {n.of(e)}",
    "corrected": _corrected,
    "back_to_review": lambda e, n: f"{n.of(e)} changed its name: it waits for approval again",
    "display_name": _display_name,
    "note": lambda e, n: f"changed the internal note on {n.of(e)}",
    "merge": lambda e, n: (
        f"merged “{e.detail.get('merged_name')}” into “{e.detail.get('kept_name')}”"
    ),
    "split": lambda e, n: f"undid a merge: {n.of(e)} is listed on its own again",
    "mark_distinct": lambda e, n: (
        f"marked {n.of(e)} and {n.of(e, 'other_signatory_id')} as different organisations"
    ),
    "organiser_added": lambda e, n: (
        f"added {e.detail.get('email')} as "
        f"{'an owner' if e.detail.get('owner') else 'an organiser'}"
    ),
    "owner_made": lambda e, n: f"made {e.detail.get('email')} an owner",
    "new_version": lambda e, n: f"changed the text: it is now version {e.detail.get('number')}",
    "version_notice": lambda e, n: (
        f"emailed the {e.detail.get('recipients')} signatories of version "
        f"{e.detail.get('number')} about the change"
    ),
    "edited": lambda e, n: (
        f"edited {', '.join(f.replace('_', ' ') for f in e.detail.get('fields', []))}"
    ),
    "status": lambda e, n: STATUS_MOVES.get(
        str(e.detail.get("after")), f"moved the letter to {e.detail.get('after')}"
    ),
    "change_proposed": lambda e, n: f"asked to change what is published about {n.of(e)}",
    "change_withdrawn": lambda e, n: f"withdrew the change asked for {n.of(e)}",
    "change_approved": lambda e, n: f"approved the change asked for {n.of(e)}",
    "change_rejected": lambda e, n: f"rejected the change asked for {n.of(e)}",
    "imported": lambda e, n: (
        f"imported {n.of(e)} from {e.detail.get('file')}, row {e.detail.get('row')}"
    ),
    "import": lambda e, n: (
        f"imported {e.detail.get('added', e.detail.get('count', ''))} sign-ons from "
        f"{e.detail.get('file')}"
    ),
    "contacts_exported": lambda e, n: (
        f"downloaded the list with contact details ({e.detail.get('format', '')})"
    ),
    "data_downloaded": lambda e, n: f"downloaded the data stored about {n.of(e)}",
    "contact_erased": lambda e, n: f"erased the contact details of {n.of(e)}",
    "contacts_anonymised": lambda e, n: (
        f"erased the contact details of {e.detail.get('sign_ons', '')} sign-ons "
        "(retention period over)"
    ),
    "privacy_text": lambda e, n: "changed the consent and privacy text",
    "created": lambda e, n: (
        "created the letter, open for signatures"
        if e.detail.get("status") == "open"
        else "created the letter as a draft"
    ),
    "preview_link": lambda e, n: (
        "shared a preview link" if e.detail.get("shared") else "revoked the preview link"
    ),
}


def sentence(entry: AuditEntry, names: Names) -> str:
    """What the entry says, as a person would say it (after the actor's name)."""
    tell = SENTENCES.get(entry.action)
    if tell is None:
        return entry.action.replace("_", " ")
    return tell(entry, names)


def in_words(entries: list[AuditEntry]) -> list[LogLine]:
    """The entries with their sentences; names come from one query, whatever the count."""
    names = _names(entries) if entries else Names({}, {})
    return [LogLine(e, sentence(e, names)) for e in entries]
