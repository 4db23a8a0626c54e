"""The audit log in words: "ana@… merged 'X' into 'Y'" rather than the stored detail."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from signon.audit.models import AuditEntry
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db
from signon.web.i18n import LANGUAGE_NAMES

STATUS_MOVES = {
    "open": _l("opened the letter for signatures"),
    "closed": _l("closed the letter"),
    "published": _l("published the letter"),
    "draft": _l("made the letter a draft again"),
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
        return f"“{name}”" if name else gettext("a sign-on that no longer exists")


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
        return gettext("put %(name)s back under the name as typed", name=names.of(e))
    if before:
        return gettext(
            "renamed “%(before)s” to “%(after)s” on the list", before=before, after=after
        )
    return gettext("listed %(name)s as “%(after)s”", name=names.of(e), after=after)


def _corrected(e: AuditEntry, names: Names) -> str:
    before, after = e.detail.get("before") or {}, e.detail.get("after") or {}
    changes = "; ".join(
        gettext(
            "%(field)s from “%(before)s” to “%(after)s”",
            field=field.replace("_", " "),
            before=before.get(field, ""),
            after=value,
        )
        for field, value in sorted(after.items())
    )
    return gettext("corrected the %(changes)s", changes=changes)


def _d(e: AuditEntry, key: str, default: object = None) -> object:
    return e.detail.get(key, default)


SENTENCES: dict[str, Callable[[AuditEntry, Names], str]] = {
    "approved": lambda e, n: gettext("approved %(name)s", name=n.of(e)),
    "rejected": lambda e, n: gettext("rejected %(name)s", name=n.of(e)),
    "approve_all": lambda e, n: gettext(
        "approved all %(count)s confirmed sign-ons at once", count=_d(e, "count")
    ),
    "withdrawn": lambda e, n: gettext("withdrew the signature of %(name)s", name=n.of(e)),
    "corrected": _corrected,
    "back_to_review": lambda e, n: gettext(
        "%(name)s changed its name: it waits for approval again", name=n.of(e)
    ),
    "display_name": _display_name,
    "note": lambda e, n: gettext("changed the internal note on %(name)s", name=n.of(e)),
    "merge": lambda e, n: gettext(
        "merged “%(merged)s” into “%(kept)s”",
        merged=_d(e, "merged_name"),
        kept=_d(e, "kept_name"),
    ),
    "split": lambda e, n: gettext(
        "undid a merge: %(name)s is listed on its own again", name=n.of(e)
    ),
    "mark_distinct": lambda e, n: gettext(
        "marked %(first)s and %(second)s as different organisations",
        first=n.of(e),
        second=n.of(e, "other_signatory_id"),
    ),
    "organiser_added": lambda e, n: (
        gettext("added %(email)s as an owner", email=_d(e, "email"))
        if _d(e, "owner")
        else gettext("added %(email)s as an organiser", email=_d(e, "email"))
    ),
    "new_version": lambda e, n: gettext(
        "changed the text: it is now version %(number)s", number=_d(e, "number")
    ),
    "version_notice": lambda e, n: gettext(
        "emailed the %(count)s signatories of version %(number)s about the change",
        count=_d(e, "recipients"),
        number=_d(e, "number"),
    ),
    "publication_notice": lambda e, n: gettext(
        "emailed the %(count)s signatories that the letter went out", count=_d(e, "recipients")
    ),
    "edited": lambda e, n: gettext(
        "edited %(parts)s",
        parts=", ".join(f.replace("_", " ") for f in _d(e, "fields", [])),
    ),
    "status": lambda e, n: str(
        STATUS_MOVES.get(str(_d(e, "after")))
        or gettext("moved the letter to %(status)s", status=_d(e, "after"))
    ),
    "owner_made": lambda e, n: f"made {e.detail.get('email')} an owner",
    "change_proposed": lambda e, n: gettext(
        "asked to change what is published about %(name)s", name=n.of(e)
    ),
    "change_withdrawn": lambda e, n: gettext(
        "withdrew the change asked for %(name)s", name=n.of(e)
    ),
    "change_approved": lambda e, n: gettext("approved the change asked for %(name)s", name=n.of(e)),
    "change_rejected": lambda e, n: gettext("rejected the change asked for %(name)s", name=n.of(e)),
    "imported": lambda e, n: gettext(
        "imported %(name)s from %(file)s, row %(row)s",
        name=n.of(e),
        file=_d(e, "file"),
        row=_d(e, "row"),
    ),
    "import": lambda e, n: gettext(
        "imported %(count)s sign-ons from %(file)s",
        count=_d(e, "added", _d(e, "count", "")),
        file=_d(e, "file"),
    ),
    "contacts_exported": lambda e, n: gettext(
        "downloaded the list with contact details (%(format)s)", format=_d(e, "format", "")
    ),
    "data_downloaded": lambda e, n: gettext(
        "downloaded the data stored about %(name)s", name=n.of(e)
    ),
    "contact_erased": lambda e, n: gettext("erased the contact details of %(name)s", name=n.of(e)),
    "contacts_anonymised": lambda e, n: gettext(
        "erased the contact details of %(count)s sign-ons (retention period over)",
        count=_d(e, "sign_ons", ""),
    ),
    "translated": lambda e, n: gettext(
        "saved the %(language)s translation", language=_language(e.detail.get("language"))
    ),
    "translations_out_of_date": lambda e, n: ngettext(
        "changed the main text: %(num)d translation now out of date",
        "changed the main text: %(num)d translations now out of date",
        int(e.detail.get("count") or 0),
    ),
    "privacy_text": lambda e, n: gettext("changed the consent and privacy text"),
    "created": lambda e, n: (
        gettext("created the letter, open for signatures")
        if e.detail.get("status") == "open"
        else gettext("created the letter as a draft")
    ),
    "preview_link": lambda e, n: (
        gettext("shared a preview link") if _d(e, "shared") else gettext("revoked the preview link")
    ),
}


def _language(code: object) -> str:
    """A language's own name ("Français") for a code we know, else the code."""
    return LANGUAGE_NAMES.get(str(code), str(code))


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
