"""Kept candidate duplicates: found when an entry arrives or changes, read by the page.

An entry is (re)judged when a sign-on of it arrives (sign-ons after the letter's mark) or
when the audit trail names it (merge, undo, correction, decision, withdrawal): its keys and
pairs are dropped, and if it is still live it is looked up by its keys among the others
(`signon.domain.duplicate_keys`) and its pairs written again. Whether two entries are
compared depends on the two only, so the order of arrivals does not matter: the table
equals a recomputation of the whole letter (tests/moderation/test_duplicate_table.py).

`catch_up` runs in the worker command (`flask signatures duplicates-refresh`) and, for the
few sign-ons it has not read yet, before each read of the candidates.
"""

from collections.abc import Iterable

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.domain.duplicate_keys import KeyIndex, digest, keyed
from signon.domain.duplicate_rules import Entry
from signon.domain.duplicates import Candidate
from signon.letters.models import Letter
from signon.moderation.duplicate_models import DuplicateCandidate, DuplicateKey
from signon.moderation.duplicate_models import DuplicateProgress as Progress
from signon.signing.final_list import COLUMNS, by_signatory
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

# Sign-ons that no longer make an entry: refused by the organisers, or taken back.
GONE = (SignOnStatus.REJECTED, SignOnStatus.WITHDRAWN)
# Audit details that name a second signatory (merge, split, distinct).
OTHER_SIGNATORIES = ("merged_signatory_id", "from_signatory_id", "other_signatory_id")
CHUNK = 500


def _letter(model: type) -> sa.ColumnElement[int]:
    """The letter column kept out of the index choice: what is above a mark is read by id
    (few rows), not by walking the letter's index (SQLite chose that, at 10k rows a cost)."""
    return model.letter_id + 0


def load_entries(letter_id: int, ids: Iterable[int] | None = None) -> dict[int, Entry]:
    """Live entries of the letter (all, or those of `ids`), read with the final list's columns."""
    query = (
        sa.select(*COLUMNS)
        .join_from(Signatory, SignOn, SignOn.signatory_id == Signatory.id)
        .where(Signatory.merged_into_id.is_(None), SignOn.status.not_in(GONE))
        .order_by(SignOn.id)
    )
    if ids is None:
        return _entries(db.session.execute(query.where(Signatory.letter_id == letter_id)))
    # By id only: with the letter's condition too, SQLite walks the letter's whole index.
    found: dict[int, Entry] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found |= _entries(db.session.execute(query.where(Signatory.id.in_(chunk))))
    return found


def _entries(rows: Iterable[sa.Row]) -> dict[int, Entry]:
    found = {}
    for signatory_id, sign_ons in by_signatory(rows).items():
        first = sign_ons[0]  # every row carries its signatory's columns too
        found[signatory_id] = Entry(
            id=signatory_id,
            name=first.name,
            country=first.country,
            kind=first.kind,
            acronyms=tuple(s.acronym for s in sign_ons if s.acronym),
            websites=tuple(s.website for s in sign_ons if s.website),
            emails=tuple(s.contact_email for s in sign_ons),
        )
    return found


def refresh(letter_id: int, signatory_ids: Iterable[int]) -> int:
    """Judge these entries again (dropped if no longer live); the number of pairs written."""
    ids = sorted(set(signatory_ids))
    if not ids:
        return 0
    session = db.session
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        session.execute(sa.delete(DuplicateKey).where(DuplicateKey.signatory_id.in_(chunk)))
        either = sa.or_(
            DuplicateCandidate.signatory_a.in_(chunk), DuplicateCandidate.signatory_b.in_(chunk)
        )
        session.execute(sa.delete(DuplicateCandidate).where(either))
    batch = [keyed(entry) for entry in load_entries(letter_id, ids).values()]
    if not batch:
        return 0
    # Those already judged that share a key with one of these, in a few queries; then
    # these arrive one after the other in memory, so two of them find each other too.
    index = KeyIndex()
    for other in _sharing(letter_id, {digest(k) for new in batch for k in new.lookups}):
        index.add(keyed(other))
    found = [c for new in batch for c in index.arrive_keyed(new)]
    now = utcnow()
    _insert(DuplicateCandidate, [_row(letter_id, c, now) for c in found])
    _insert(
        DuplicateKey,
        [
            {"letter_id": letter_id, "key": digest(k), "signatory_id": new.seen.entry.id}
            for new in batch
            for k in new.stored
        ],
    )
    return len(found)


def _sharing(letter_id: int, wanted: set[int]) -> list[Entry]:
    """The judged entries stored under any of these keys."""
    found: set[int] = set()
    keys = sorted(wanted)
    for start in range(0, len(keys), CHUNK):
        query = sa.select(DuplicateKey.signatory_id).where(
            DuplicateKey.letter_id == letter_id, DuplicateKey.key.in_(keys[start : start + CHUNK])
        )
        found |= set(db.session.scalars(query.distinct()))
    return list(load_entries(letter_id, found).values()) if found else []


def rebuild(letter: Letter) -> int:
    """Judge the whole letter at once, in memory, and write it (a letter from before the
    table, or one the worker never saw); the number of pairs written."""
    session = db.session
    progress = _progress(letter.id)
    for model in (DuplicateKey, DuplicateCandidate):
        session.execute(sa.delete(model).where(model.letter_id == letter.id))
    # The marks first: what arrives while this runs is judged by the next catch-up.
    progress.sign_on_id = session.scalar(
        sa.select(sa.func.coalesce(sa.func.max(SignOn.id), 0)).where(SignOn.letter_id == letter.id)
    )
    progress.audit_id = session.scalar(
        sa.select(sa.func.coalesce(sa.func.max(AuditEntry.id), 0)).where(
            AuditEntry.letter_id == letter.id
        )
    )
    index, found = KeyIndex(), []
    for entry in load_entries(letter.id).values():
        found += index.arrive(entry)
    now = utcnow()
    _insert(DuplicateCandidate, [_row(letter.id, c, now) for c in found])
    _insert(
        DuplicateKey,
        [
            {"letter_id": letter.id, "key": digest(k), "signatory_id": i}
            for i, known in index.known.items()
            for k in known.stored
        ],
    )
    session.flush()
    return len(found)


def _insert(model: type, rows: list[dict]) -> None:
    if not rows:
        return
    for start in range(0, len(rows), 5000):
        db.session.execute(sa.insert(model), rows[start : start + 5000])


def _row(letter_id: int, c: Candidate, now: object) -> dict:
    return {
        "letter_id": letter_id,
        "signatory_a": c.first.id,
        "signatory_b": c.second.id,
        "score": c.score,
        "reason": "\n".join(c.reasons),
        "created_at": now,
    }


def _progress(letter_id: int) -> Progress:
    """The letter's marks, locked: two catch-ups of one letter take turns."""
    session = db.session
    progress = session.get(Progress, letter_id, with_for_update=True)
    if progress is None:
        try:
            with session.begin_nested():
                session.add(Progress(letter_id=letter_id, sign_on_id=0, audit_id=0))
        except sa.exc.IntegrityError:
            pass  # another catch-up made it first: wait for its lock below
        progress = session.get(Progress, letter_id, with_for_update=True, populate_existing=True)
    return progress


def catch_up(letter: Letter, limit: int | None = None) -> int:
    """Judge the entries changed since the marks (at most `limit` sign-ons); entries judged."""
    session = db.session
    if not pending(letter):
        return 0  # one query when the worker is up to date: the page only reads
    progress = _progress(letter.id)
    arrived = session.execute(
        sa.select(SignOn.id, SignOn.signatory_id)
        .where(SignOn.id > progress.sign_on_id, _letter(SignOn) == letter.id)
        .order_by(SignOn.id)
        .limit(limit)
    ).all()
    stale = {signatory_id for _, signatory_id in arrived}
    if arrived:
        progress.sign_on_id = arrived[-1][0]
    audited = session.execute(
        sa.select(AuditEntry.id, AuditEntry.signatory_id, AuditEntry.sign_on_id, AuditEntry.detail)
        .where(AuditEntry.id > progress.audit_id, _letter(AuditEntry) == letter.id)
        .order_by(AuditEntry.id)
    ).all()
    named_sign_ons = set()
    for _, signatory_id, sign_on_id, detail in audited:
        stale.add(signatory_id)
        named_sign_ons.add(sign_on_id)
        stale |= {(detail or {}).get(k) for k in OTHER_SIGNATORIES}
    if audited:
        progress.audit_id = audited[-1][0]
    named_sign_ons.discard(None)
    for start in range(0, len(named := sorted(named_sign_ons)), CHUNK):
        query = sa.select(SignOn.signatory_id, SignOn.home_id)
        for signatory_id, home_id in session.execute(
            query.where(SignOn.id.in_(named[start : start + CHUNK]))
        ):
            stale |= {signatory_id, home_id}
    stale.discard(None)
    refresh(letter.id, stale)
    session.flush()
    return len(stale)


def pending(letter: Letter) -> bool:
    """Whether sign-ons arrived or the audit trail changed since the candidates were judged."""
    marks = sa.select(Progress).where(Progress.letter_id == letter.id).subquery()
    arrived = sa.select(SignOn.id).where(
        SignOn.id > sa.func.coalesce(sa.select(marks.c.sign_on_id).scalar_subquery(), 0),
        _letter(SignOn) == letter.id,
    )
    audited = sa.select(AuditEntry.id).where(
        AuditEntry.id > sa.func.coalesce(sa.select(marks.c.audit_id).scalar_subquery(), 0),
        _letter(AuditEntry) == letter.id,
    )
    return bool(db.session.scalar(sa.select(sa.or_(arrived.exists(), audited.exists()))))


def catch_up_all(limit: int = 2000) -> int:
    """The workers' job: judge what arrived or changed on every letter; entries judged."""
    letters = db.session.scalars(sa.select(Letter).order_by(Letter.id)).all()
    return sum(catch_up(letter, limit=limit) for letter in letters)
