"""What one entry of a letter's list is: a signatory and every spelling merged into it.

Each sign-on has a home, the signatory of its own name and country (`SignOn.home_id`, None
when it is `signatory_id`). Organisers' merges link signatories (`merged_into_id`) into
trees; an entry is the root of one. The model holds these invariants, and every change of
state keeps them (tests/moderation/test_merge_invariants.py checks them after every step):

1. `SignOn.signatory_id` is always the root of the sign-on's home: every reader of the list
   groups by it, so one entry is one line.
2. Only a merge joins two entries and only "Undo" splits them. A sign-on changes home only
   while its entry holds a single spelling (a correction of it is then a sign-on under the
   new name); in an entry the organisers made one, a correction stays in it.
3. The links never form a cycle: merge and undo lock the rows they change and re-read them,
   and every walk is bounded and stops with `MergeCycle` rather than going round for ever.
"""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import gettext

from signon.core.errors import SignonError
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db

# Far deeper than any chain of merges an organiser makes; a walk longer than this is a bug.
MAX_DEPTH = 64

_signatories = Signatory.__table__
_sign_ons = SignOn.__table__
_MERGED_INTO = sa.select(_signatories.c.merged_into_id).where(
    _signatories.c.id == sa.bindparam("id")
)


class MergeCycle(SignonError):
    """The merge links go round in a circle: the data is damaged, nothing is joined."""

    def __init__(self, signatory_id: int) -> None:
        super().__init__(
            gettext(
                "The merges of signatory %(signatory_id)s go round in a circle; nothing was"
                " changed. Please tell the administrator.",
                signatory_id=signatory_id,
            )
        )
        self.signatory_id = signatory_id


def root_of(signatory_id: int) -> int:
    """The entry a signatory belongs to: the end of its merge links (refuses a cycle)."""
    seen = {signatory_id}
    session = db.session
    current = signatory_id
    while (parent := session.scalar(_MERGED_INTO, {"id": current})) is not None:
        if parent in seen or len(seen) > MAX_DEPTH:
            raise MergeCycle(signatory_id)
        seen.add(parent)
        current = parent
    return current


def links(letter_id: int) -> dict[int, int]:
    """Every merge link of a letter: merged signatory id -> the one it was merged into."""
    rows = db.session.execute(
        sa.select(Signatory.id, Signatory.merged_into_id).where(
            Signatory.letter_id == letter_id, Signatory.merged_into_id.is_not(None)
        )
    )
    return {child: parent for child, parent in rows}


def find(parents: dict[int, int], signatory_id: int) -> int:
    """The root of `signatory_id` in `links()`, refusing a cycle."""
    seen = {signatory_id}
    current = signatory_id
    while (parent := parents.get(current)) is not None:
        if parent in seen or len(seen) > MAX_DEPTH:
            raise MergeCycle(signatory_id)
        seen.add(parent)
        current = parent
    return current


def lock(*signatory_ids: int) -> None:
    """Lock these signatories' rows until the transaction ends, and read them afresh.

    PostgreSQL: `SELECT ... FOR UPDATE`, in id order so that two organisers never wait on
    each other; the second then sees what the first committed. SQLite has one writer at a
    time (its transactions begin IMMEDIATE), so there is nothing more to do.
    """
    db.session.execute(
        sa.select(Signatory)
        .where(Signatory.id.in_(sorted(set(signatory_ids))))
        .order_by(Signatory.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()


def together(entry_id: int) -> bool:
    """Whether the organisers merged another spelling into this entry."""
    query = sa.select(sa.literal(1)).where(Signatory.merged_into_id == entry_id).limit(1)
    return db.session.scalar(query) is not None


def members(letter_id: int, root_id: int) -> set[int]:
    """`root_id` and every signatory whose merge links lead to it."""
    children: dict[int, list[int]] = {}
    for child, parent in links(letter_id).items():
        children.setdefault(parent, []).append(child)
    found, todo = {root_id}, [root_id]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child in found:
                raise MergeCycle(child)
            found.add(child)
            todo.append(child)
    return found


def join(source: Signatory, target: Signatory) -> list[int]:
    """Make `source`'s entry part of `target`'s; the ids of the sign-ons that moved."""
    session = db.session
    session.flush()
    moved = list(
        session.scalars(
            sa.select(_sign_ons.c.id)
            .where(_sign_ons.c.signatory_id == source.id)
            .order_by(_sign_ons.c.id)
        )
    )
    # Each keeps its home (its own spelling), so that Undo knows where it goes back to.
    session.execute(
        _sign_ons.update()
        .where(_sign_ons.c.signatory_id == source.id, _sign_ons.c.home_id.is_(None))
        .values(home_id=source.id)
    )
    session.execute(
        _sign_ons.update()
        .where(_sign_ons.c.signatory_id == source.id)
        .values(signatory_id=target.id)
    )
    source.merged_into_id = target.id
    _forget(source, target)
    return moved


def split(source: Signatory, target: Signatory) -> list[int]:
    """Undo `source`'s merge into `target`; the ids of the sign-ons that went back."""
    session = db.session
    source.merged_into_id = None
    session.flush()
    homes = members(source.letter_id, source.id)
    back = _home_in(target.id, homes)
    session.execute(
        _sign_ons.update().where(_sign_ons.c.id.in_(back or [0])).values(signatory_id=source.id)
    )
    # Home again: a sign-on of the root's own spelling needs no note of it.
    session.execute(
        _sign_ons.update()
        .where(_sign_ons.c.signatory_id == source.id, _sign_ons.c.home_id == source.id)
        .values(home_id=None)
    )
    _forget(source, target)
    return back


def _home_in(entry_id: int, homes: Iterable[int]) -> list[int]:
    query = (
        sa.select(_sign_ons.c.id)
        .where(_sign_ons.c.signatory_id == entry_id, _sign_ons.c.home_id.in_(list(homes)))
        .order_by(_sign_ons.c.id)
    )
    return list(db.session.scalars(query))


def _forget(*signatories: Signatory) -> None:
    """The sign-ons moved by SQL: reload them and their signatories' lists next time."""
    session = db.session
    session.flush()
    for signatory in signatories:
        session.expire(signatory, ["sign_ons"])
    for sign_on in list(session.identity_map.values()):
        if isinstance(sign_on, SignOn):
            session.expire(sign_on, ["signatory_id", "home_id", "signatory"])
