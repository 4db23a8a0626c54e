"""Candidate duplicates of a letter, and an organiser's decisions on them: merge, undo, distinct."""

import logging

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit.trail import record
from signon.core.errors import NotFound, WrongState
from signon.domain.duplicates import Candidate, Entry, find_candidates
from signon.domain.names import name_key
from signon.letters.models import Letter
from signon.moderation.merge_models import DistinctPair, SignatoryMerge
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def shown_name(signatory: Signatory, sign_ons: list[SignOn]) -> str:
    """The organiser's chosen spelling, else the earliest sign-on's."""
    return sign_ons[0].name_on_list if sign_ons else signatory.display_name or ""


def entries(letter: Letter) -> list[Entry]:
    """Every live signatory of the letter (not merged away, not only rejected sign-ons)."""
    rows = db.session.execute(
        sa.select(
            Signatory.id,
            Signatory.country,
            Signatory.kind,
            SignOn.name_on_list.label("name"),
            SignOn.acronym,
            SignOn.website,
            SignOn.contact_email,
        )
        .join_from(Signatory, SignOn, SignOn.signatory_id == Signatory.id)
        .where(
            Signatory.letter_id == letter.id,
            Signatory.merged_into_id.is_(None),
            SignOn.status != SignOnStatus.REJECTED,
        )
        .order_by(SignOn.id)
    ).all()
    grouped: dict[int, list[sa.Row]] = {}
    for row in rows:
        grouped.setdefault(row.id, []).append(row)
    return [_entry(sign_ons) for sign_ons in grouped.values()]


def _entry(sign_ons: list[sa.Row]) -> Entry:
    first = sign_ons[0]  # every row carries its signatory's columns too
    return Entry(
        id=first.id,
        name=first.name,
        country=first.country,
        kind=first.kind,
        acronyms=tuple(s.acronym for s in sign_ons if s.acronym),
        websites=tuple(s.website for s in sign_ons if s.website),
        emails=tuple(s.contact_email for s in sign_ons),
    )


def distinct_pairs(letter: Letter) -> list[tuple[int, int]]:
    """Pairs an organiser marked as different organisations."""
    query = sa.select(DistinctPair.first_id, DistinctPair.second_id).where(
        DistinctPair.letter_id == letter.id
    )
    return [(a, b) for a, b in db.session.execute(query)]


def candidates(letter: Letter) -> list[Candidate]:
    """Candidate duplicates for an organiser to decide on, best first."""
    return find_candidates(entries(letter), distinct=distinct_pairs(letter))


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
    target, source = _live(letter, keep_id), _live(letter, merge_id)
    if target.kind != source.kind:
        raise WrongState(gettext("An organisation and an individual cannot be merged."))
    moved = list(source.sign_ons)
    done = SignatoryMerge(
        letter_id=letter.id,
        target_id=target.id,
        source_id=source.id,
        sign_on_ids=[s.id for s in moved],
        previous_display_name=target.display_name,
        kept_name=shown_name(target, list(target.sign_ons)),
        merged_name=shown_name(source, moved),
        actor=actor,
    )
    # The kept spelling is fixed now: the earliest sign-on may come from the merged one.
    target.display_name = done.kept_name
    for sign_on in moved:
        sign_on.signatory_id = target.id
    source.merged_into_id = target.id
    db.session.add(done)
    db.session.flush()
    record(
        letter.id, actor, "merge", signatory_id=target.id,
        merged_signatory_id=source.id, merge_id=done.id, sign_on_ids=done.sign_on_ids,
        kept_name=done.kept_name, merged_name=done.merged_name,
    )  # fmt: skip
    _moved(target, source)
    log.info("merged signatory %s into %s on %s", source.id, target.id, letter.slug)
    return done


def _moved(*signatories: Signatory) -> None:
    """Flush, and reload the sign-ons of these signatories next time: they moved by id."""
    db.session.flush()
    for signatory in signatories:
        db.session.expire(signatory, ["sign_ons"])


def _arrived_since(done: SignatoryMerge, source: Signatory) -> list[SignOn]:
    """Sign-ons under the merged name that joined the kept signatory after the merge."""
    later = db.session.scalars(
        sa.select(SignOn).where(
            SignOn.signatory_id == done.target_id,
            SignOn.created_at >= done.created_at,
            SignOn.id.not_in(done.sign_on_ids or [0]),
        )
    )
    return [
        s
        for s in later
        if (s.signing_as, s.country, name_key(s.listed_name))
        == (source.kind, source.country, source.name_key)
    ]


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
    target, source = done.target, done.source
    if target.merged_into_id is not None:
        raise WrongState(
            gettext("Undo the later merge of '%(kept_name)s' first.", kept_name=done.kept_name)
        )
    back = list(
        db.session.scalars(
            sa.select(SignOn).where(
                SignOn.id.in_(done.sign_on_ids), SignOn.signatory_id == target.id
            )
        )
    )
    back += _arrived_since(done, source)
    for sign_on in back:
        sign_on.signatory_id = source.id
    source.merged_into_id = None
    target.display_name = done.previous_display_name
    done.undone_at = utcnow()
    record(
        letter.id, actor, "split", signatory_id=source.id, merge_id=done.id,
        from_signatory_id=target.id, sign_on_ids=sorted(s.id for s in back),
    )  # fmt: skip
    _moved(target, source)
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
