"""Letters' merges and "different organisations" offered to the directory, and the answers.

A suggestion is a pair of spellings some letter's organisers decided on, that the directory
has not: a merge is offered while the two are apart in the directory, "different" while
accepted merges hold them together. Accepting or undoing is audited on the letter the
decision came from.
"""

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy import orm

from signon.audit import trail as audit
from signon.core.errors import NotFound, WrongState
from signon.directory.decisions import Node, Pair, Unions, pair
from signon.directory.models import DirectoryDecision
from signon.letters.models import Letter
from signon.moderation.merge_models import DistinctPair, SignatoryMerge
from signon.signing.models import Signatory, SignerKind
from signon.storage.extensions import db

log = logging.getLogger(__name__)
MERGED, DISTINCT = "merged", "distinct"


@dataclass(frozen=True)
class LetterDecision:
    """One letter's decision on two of its signatories, as nodes of the directory."""

    kind: str  # MERGED or DISTINCT
    letter_id: int
    letter_title: str
    first_id: int  # the signatories, for the form that accepts it
    second_id: int
    nodes: Pair


@dataclass(frozen=True)
class Suggestion:
    """A letter's decision the directory has not taken: what it says, and the two names."""

    decision: LetterDecision
    first_name: str
    second_name: str


def _rows(kind: str, model: type, first: sa.Column, second: sa.Column, *where: object) -> list:
    one, two = orm.aliased(Signatory), orm.aliased(Signatory)
    query = (
        sa.select(
            model.letter_id,
            Letter.title,
            one.id,
            one.country,
            one.name_key,
            two.id,
            two.country,
            two.name_key,
        )  # fmt: skip
        .join(Letter, Letter.id == model.letter_id)
        .join(one, one.id == first)
        .join(two, two.id == second)
        .where(one.kind == SignerKind.ORGANISATION, two.kind == SignerKind.ORGANISATION, *where)
        .order_by(model.letter_id)
    )
    return [
        LetterDecision(kind, letter_id, title, a, b, pair((ac, ak), (bc, bk)))
        for letter_id, title, a, ac, ak, b, bc, bk in db.session.execute(query)
        if (ac, ak) != (bc, bk)
    ]


def letter_decisions() -> list[LetterDecision]:
    """Every merge in force and every "different organisations" of every letter."""
    merges = _rows(
        MERGED, SignatoryMerge, SignatoryMerge.target_id, SignatoryMerge.source_id,
        SignatoryMerge.undone_at.is_(None),
    )  # fmt: skip
    distinct = _rows(DISTINCT, DistinctPair, DistinctPair.first_id, DistinctPair.second_id)
    return merges + distinct


def offered(
    decisions: list[LetterDecision],
    taken: dict[Pair, DirectoryDecision],
    unions: Unions,
    names: dict[Node, str],
) -> list[Suggestion]:
    """The letters' decisions still to answer, one per pair, between listed organisations."""
    found: dict[Pair, Suggestion] = {}
    for decision in decisions:
        a, b = decision.nodes
        if decision.nodes in taken or decision.nodes in found or a not in names or b not in names:
            continue
        together = unions.find(a) == unions.find(b)
        if together == (decision.kind == DISTINCT):
            found[decision.nodes] = Suggestion(decision, names[a], names[b])
    return list(found.values())


def _decision_on(letter_id: int, first_id: int, second_id: int) -> LetterDecision:
    """The letter's own decision on these two signatories; NotFound if it took none."""
    for decision in letter_decisions():
        ids = {decision.first_id, decision.second_id}
        if decision.letter_id == letter_id and ids == {first_id, second_id}:
            return decision
    raise NotFound(gettext("No such decision of a letter's organisers; reload the page."))


def accept(letter_id: int, first_id: int, second_id: int, answer: str, actor: str) -> None:
    """Join ("merge") or keep apart ("apart") two spellings a letter decided on (flushed)."""
    if answer not in ("merge", "apart"):
        raise WrongState(gettext("Choose to join them or to keep them apart."))
    decision = _decision_on(letter_id, first_id, second_id)
    (fc, fk), (sc, sk) = decision.nodes
    exists = sa.select(DirectoryDecision.id).where(
        DirectoryDecision.first_country == fc,
        DirectoryDecision.first_key == fk,
        DirectoryDecision.second_country == sc,
        DirectoryDecision.second_key == sk,
    )
    if db.session.scalar(exists) is not None:
        raise WrongState(gettext("The directory has already decided on these two."))
    db.session.add(
        DirectoryDecision(
            letter_id=letter_id,
            first_country=fc,
            first_key=fk,
            second_country=sc,
            second_key=sk,
            decision=answer,
            actor=actor,
        )  # fmt: skip
    )
    audit.record(
        letter_id, actor, f"directory_{answer}",
        signatory_id=first_id, other_signatory_id=second_id,
    )  # fmt: skip
    db.session.flush()
    log.info("directory: %s of %s and %s accepted", answer, first_id, second_id)


def undo(decision_id: int, actor: str) -> DirectoryDecision:
    """Forget one of the directory's decisions: the letters' one is offered again (flushed)."""
    decision = db.session.get(DirectoryDecision, decision_id)
    if decision is None:
        raise NotFound(gettext("No such decision on the directory; reload the page."))
    audit.record(decision.letter_id, actor, "directory_undo", decision=decision.decision)
    db.session.delete(decision)
    db.session.flush()
    log.info("directory: decision %s undone", decision_id)
    return decision
