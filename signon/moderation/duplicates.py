"""Candidate duplicates of a letter, and an organiser's decisions on them: merge, undo, distinct."""

import logging

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit.trail import record
from signon.core.errors import NotFound, WrongState
from signon.domain.duplicates import Candidate, Entry
from signon.letters.models import Letter
from signon.moderation import duplicate_table
from signon.moderation.duplicate_models import DuplicateCandidate
from signon.moderation.merge_models import DistinctPair, SignatoryMerge
from signon.signing import entries as entries_model
from signon.signing.models import Signatory, SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)
# Sign-ons the page judges itself when the worker is behind; the worker does the rest.
CATCH_UP = 500


def shown_name(signatory: Signatory, sign_ons: list[SignOn]) -> str:
    """The organiser's chosen spelling, else the earliest sign-on's."""
    return sign_ons[0].name_on_list if sign_ons else signatory.display_name or ""


def entries(letter: Letter) -> list[Entry]:
    """Every live signatory of the letter (not merged away, not only rejected or withdrawn
    sign-ons), read with the final list's columns."""
    return list(duplicate_table.load_entries(letter.id).values())


def distinct_pairs(letter: Letter) -> list[tuple[int, int]]:
    """Pairs of entries an organiser marked as different organisations.

    Marked on two signatories, it holds for the entries they are part of now: an entry
    merged with one of them is still different from the other.
    """
    query = sa.select(DistinctPair.first_id, DistinctPair.second_id).where(
        DistinctPair.letter_id == letter.id
    )
    marked = db.session.execute(query).all()
    parents = entries_model.links(letter.id) if marked else {}
    found = set()
    for a, b in marked:
        a, b = entries_model.find(parents, a), entries_model.find(parents, b)
        if a != b:
            found.add((min(a, b), max(a, b)))
    return sorted(found)


def candidates(letter: Letter, limit: int | None = None) -> list[Candidate]:
    """Candidate duplicates for an organiser to decide on, best first (the first `limit`).

    Read from the kept table, after judging the few sign-ons the worker has not read yet.
    """
    return ranked(letter, limit)[1]


def count(letter: Letter) -> int:
    """How many candidates there are."""
    return ranked(letter, 0)[0]


def ranked(letter: Letter, limit: int | None = None) -> tuple[int, list[Candidate]]:
    """How many candidates there are, and the first `limit` of them (all by default)."""
    duplicate_table.catch_up(letter, limit=CATCH_UP)
    decided = set(distinct_pairs(letter))
    pair = sa.tuple_(DuplicateCandidate.signatory_a, DuplicateCandidate.signatory_b)
    mine = DuplicateCandidate.letter_id == letter.id
    total = db.session.scalar(sa.select(sa.func.count()).where(mine))
    if decided:  # the pairs marked different stay in the table, hidden here
        total -= db.session.scalar(sa.select(sa.func.count()).where(mine, pair.in_(decided)))
    query = (
        sa.select(
            DuplicateCandidate.signatory_a,
            DuplicateCandidate.signatory_b,
            DuplicateCandidate.score,
            DuplicateCandidate.reason,
        )
        .where(mine)
        .order_by(
            DuplicateCandidate.score.desc(),
            DuplicateCandidate.signatory_a,
            DuplicateCandidate.signatory_b,
        )
    )
    if limit == 0:
        return total, []
    if limit is not None:
        query = query.limit(limit + len(decided))
    rows = [r for r in db.session.execute(query) if (r.signatory_a, r.signatory_b) not in decided]
    shown = rows if limit is None else rows[:limit]
    ids = {i for r in shown for i in (r.signatory_a, r.signatory_b)}
    found = duplicate_table.load_entries(letter.id, ids) if ids else {}
    return total, [
        Candidate(found[r.signatory_a], found[r.signatory_b], r.score, tuple(r.reason.split("\n")))
        for r in shown
    ]


def _live(letter: Letter, signatory_id: int) -> Signatory:
    signatory = db.session.get(Signatory, signatory_id)
    if signatory is None or signatory.letter_id != letter.id:
        raise NotFound(
            gettext(
                "No signatory %(signatory_id)s on letter '%(slug)s'.",
                signatory_id=signatory_id,
                slug=letter.slug,
            )
        )
    if signatory.merged_into_id is not None:
        raise WrongState(
            gettext(
                "Signatory %(signatory_id)s has already been merged into another.",
                signatory_id=signatory_id,
            )
        )
    return signatory


def merge(letter: Letter, keep_id: int, merge_id: int, actor: str) -> SignatoryMerge:
    """Move every sign-on of `merge_id` to `keep_id`, keeping the kept one's name."""
    if keep_id == merge_id:
        raise WrongState(gettext("A signatory cannot be merged into itself."))
    # Two organisers merging A into B and B into A at once: the second waits here, then
    # finds one of them merged already, instead of making a circle.
    entries_model.lock(keep_id, merge_id)
    target, source = _live(letter, keep_id), _live(letter, merge_id)
    if target.kind != source.kind:
        raise WrongState(gettext("An organisation and an individual cannot be merged."))
    done = SignatoryMerge(
        letter_id=letter.id,
        target_id=target.id,
        source_id=source.id,
        previous_display_name=target.display_name,
        kept_name=shown_name(target, list(target.sign_ons)),
        merged_name=shown_name(source, list(source.sign_ons)),
        actor=actor,
    )
    # The kept spelling is fixed now: the earliest sign-on may come from the merged one.
    target.display_name = done.kept_name
    done.sign_on_ids = entries_model.join(source, target)
    db.session.add(done)
    db.session.flush()
    record(
        letter.id, actor, "merge", signatory_id=target.id,
        merged_signatory_id=source.id, merge_id=done.id, sign_on_ids=done.sign_on_ids,
        kept_name=done.kept_name, merged_name=done.merged_name,
    )  # fmt: skip
    log.info("merged signatory %s into %s on %s", source.id, target.id, letter.slug)
    return done


def undo_merge(letter: Letter, merge_id: int, actor: str) -> SignatoryMerge:
    """Split a merge: its sign-ons go back, and the kept name is what it was before."""
    done = db.session.get(SignatoryMerge, merge_id)
    if done is None or done.letter_id != letter.id:
        raise NotFound(
            gettext(
                "No merge %(merge_id)s on letter '%(slug)s'.", merge_id=merge_id, slug=letter.slug
            )
        )
    if done.undone_at is not None:
        raise WrongState(gettext("This merge has already been undone."))
    entries_model.lock(done.target_id, done.source_id)
    db.session.refresh(done, with_for_update=True)  # an undo at the same moment waits here
    if done.undone_at is not None:
        raise WrongState(gettext("This merge has already been undone."))
    target, source = done.target, done.source
    if target.merged_into_id is not None:
        raise WrongState(
            gettext("Undo the later merge of '%(kept_name)s' first.", kept_name=done.kept_name)
        )
    back = entries_model.split(source, target)
    target.display_name = done.previous_display_name
    done.undone_at = utcnow()
    record(
        letter.id, actor, "split", signatory_id=source.id, merge_id=done.id,
        from_signatory_id=target.id, sign_on_ids=back,
    )  # fmt: skip
    log.info("split signatory %s from %s on %s", source.id, target.id, letter.slug)
    return done


def mark_distinct(letter: Letter, first_id: int, second_id: int, actor: str) -> bool:
    """Record that two signatories are different organisations; False if already recorded."""
    low, high = sorted((first_id, second_id))
    if low == high:
        raise WrongState(gettext("A signatory is not distinct from itself."))
    for signatory_id in (low, high):
        _live(letter, signatory_id)
    try:
        with db.session.begin_nested():
            db.session.add(
                DistinctPair(letter_id=letter.id, first_id=low, second_id=high, actor=actor)
            )
    except sa.exc.IntegrityError:
        return False  # only the savepoint is rolled back: the caller's transaction goes on
    record(letter.id, actor, "mark_distinct", signatory_id=low, other_signatory_id=high)
    db.session.flush()
    log.info("signatories %s and %s marked distinct on %s", low, high, letter.slug)
    return True


def merges(letter: Letter) -> list[SignatoryMerge]:
    """The letter's merges, latest first."""
    query = (
        sa.select(SignatoryMerge)
        .where(SignatoryMerge.letter_id == letter.id)
        .order_by(SignatoryMerge.id.desc())
    )
    return list(db.session.scalars(query))
