"""Approving and rejecting sign-ons: every one that can be decided is, the others are named.

A selection is decided sign-on by sign-on: one that has not confirmed its email, was
withdrawn, or changed since the organiser looked (its text, or its status when only waiting
ones were asked for) is left as it is and reported, and the rest go ahead. Each status change
is compare-and-set (signing.transitions) on the status and the text the decision was made on.
"""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext, ngettext, pgettext
from sqlalchemy.orm import joinedload

from signon.audit import trail as audit
from signon.core.errors import NotFound, SignonError, WrongState
from signon.letters.models import Letter
from signon.moderation import seen as seen_
from signon.signing import transitions
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

# How many names a summary spells out before "and N more".
NAMED = 5


@dataclass
class Outcome:
    """What a decision did to each sign-on asked for."""

    status: str
    done: list[SignOn] = field(default_factory=list)
    already: list[SignOn] = field(default_factory=list)
    unconfirmed: list[SignOn] = field(default_factory=list)
    withdrawn: list[SignOn] = field(default_factory=list)
    changed: list[SignOn] = field(default_factory=list)

    @property
    def skipped(self) -> list[SignOn]:
        """The sign-ons left as they were, that the decision could not reach."""
        return sorted(self.unconfirmed + self.withdrawn + self.changed, key=lambda s: s.id)

    @property
    def nothing_done(self) -> bool:
        """True when no sign-on asked for is now in the status asked for."""
        return not self.done and not self.already

    def summary(self) -> str:
        """One sentence: "4 approved; 1 not yet confirmed its email: Name." in the locale."""
        approving = self.status == SignOnStatus.APPROVED
        parts = []
        if self.done or not (self.skipped or self.already):
            n = len(self.done)
            parts.append(
                ngettext("%(num)d approved", "%(num)d approved", n)
                if approving
                else ngettext("%(num)d rejected", "%(num)d rejected", n)
            )
        if self.already:
            n = len(self.already)
            parts.append(
                ngettext("%(num)d already approved", "%(num)d already approved", n)
                if approving
                else ngettext("%(num)d already rejected", "%(num)d already rejected", n)
            )
        for items, words in (
            (self.unconfirmed, _unconfirmed),
            (self.withdrawn, _withdrawn),
            (self.changed, _changed),
        ):
            if items:
                parts.append(words(len(items), names(items)))
        return pgettext("list of parts", "; ").join(parts) + "."


def _unconfirmed(n: int, named: str) -> str:
    return ngettext(
        "%(num)d not yet confirmed its email: %(names)s",
        "%(num)d not yet confirmed their email: %(names)s",
        n,
        names=named,
    )


def _withdrawn(n: int, named: str) -> str:
    return ngettext(
        "%(num)d withdrawn by its signatory: %(names)s",
        "%(num)d withdrawn by their signatories: %(names)s",
        n,
        names=named,
    )


def _changed(n: int, named: str) -> str:
    return ngettext(
        "%(num)d changed since you looked, check it again: %(names)s",
        "%(num)d changed since you looked, check them again: %(names)s",
        n,
        names=named,
    )


def names(sign_ons: list[SignOn]) -> str:
    """The first few names as the list now shows them, then how many more."""
    shown = ", ".join(f"{s.name_on_list} (#{s.id})" for s in sign_ons[:NAMED])
    more = len(sign_ons) - NAMED
    if more <= 0:
        return shown
    return ngettext("%(names)s and %(num)d more", "%(names)s and %(num)d more", more, names=shown)


def _sign_ons(letter: Letter, ids: Iterable[int]) -> list[SignOn]:
    """The sign-ons asked for, read fresh and locked until the decision commits.

    The row locks (PostgreSQL; SQLite has one writer at a time) make a withdrawal or a
    correction sent meanwhile wait for this decision, then see it: they are compare-and-set
    (signing.transitions), so neither overwrites the other. Locked in id order, so two
    decisions over the same sign-ons cannot deadlock.
    """
    wanted = sorted(set(ids))
    if not wanted:
        raise SignonError(gettext("Choose at least one sign-on."))
    found = list(
        db.session.scalars(
            sa.select(SignOn)
            .where(SignOn.letter_id == letter.id, SignOn.id.in_(wanted))
            # The listed name is part of what the organiser saw: one query, not one each.
            .options(joinedload(SignOn.signatory, innerjoin=True))
            .order_by(SignOn.id)
            .with_for_update(of=SignOn)
            .execution_options(populate_existing=True)
        )
    )
    missing = sorted(set(wanted) - {s.id for s in found})
    if missing:
        raise NotFound(
            gettext(
                "No sign-on %(value)s on letter '%(slug)s'.",
                value=", ".join(map(str, missing)),
                slug=letter.slug,
            )
        )
    return found


def _decidable(sign_on: SignOn, outcome: Outcome, printed: str | None, waiting_only: bool) -> bool:
    """True when the decision can be made; otherwise the sign-on is filed under the reason."""
    if sign_on.status == outcome.status:
        outcome.already.append(sign_on)
    elif sign_on.status == SignOnStatus.WITHDRAWN:
        outcome.withdrawn.append(sign_on)
    elif outcome.status == SignOnStatus.APPROVED and sign_on.confirmed_at is None:
        outcome.unconfirmed.append(sign_on)
    elif (
        (printed is not None and printed != seen_.fingerprint(sign_on))
        or (waiting_only and sign_on.status != SignOnStatus.VERIFIED)
        or not transitions.can_become(sign_on, outcome.status)
    ):
        outcome.changed.append(sign_on)
    else:
        return True
    return False


def decide(
    letter: Letter,
    ids: Iterable[int],
    status: str,
    actor: str = "cli",
    seen: Mapping[int, str] | None = None,
    waiting_only: bool = False,
) -> Outcome:
    """Approve or reject each of these sign-ons that can be; report the others.

    `seen` maps ids to the fingerprints the organiser's page showed (an id without one is
    decided on what the database holds: the command line has no page). `waiting_only`
    leaves alone those no longer confirmed-and-waiting ("approve all confirmed").
    """
    outcome = Outcome(status=status)
    seen = seen or {}
    chosen = [
        s for s in _sign_ons(letter, ids) if _decidable(s, outcome, seen.get(s.id), waiting_only)
    ]
    if chosen:
        previous = transitions.change_locked(chosen, status, decided_at=utcnow())
        for sign_on, before in zip(chosen, previous, strict=True):
            audit.record(
                letter.id,
                actor,
                status,
                sign_on_id=sign_on.id,
                signatory_id=sign_on.signatory_id,
                previous=before,
            )
        outcome.done.extend(chosen)
    db.session.flush()
    log.info(
        "%s sign-ons %s on %s by %s; left: %s",
        status,
        [s.id for s in outcome.done],
        letter.slug,
        audit.who(actor),
        [s.id for s in outcome.skipped],
    )
    return outcome


def approve(
    letter: Letter, ids: Iterable[int], actor: str = "cli", seen: Mapping[int, str] | None = None
) -> Outcome:
    """Approve those of these sign-ons whose email is confirmed and text unchanged."""
    return decide(letter, ids, SignOnStatus.APPROVED, actor, seen)


def reject(
    letter: Letter, ids: Iterable[int], actor: str = "cli", seen: Mapping[int, str] | None = None
) -> Outcome:
    """Reject those of these sign-ons not withdrawn and unchanged (in any other state)."""
    return decide(letter, ids, SignOnStatus.REJECTED, actor, seen)


def approve_confirmed(
    letter: Letter, ids: Iterable[int], actor: str, seen: Mapping[int, str] | None = None
) -> Outcome:
    """Approve those of `ids` still confirmed and waiting (the ones the organiser was shown).

    Sign-ons decided, withdrawn or corrected since the organiser looked are left as they
    are; one audit entry records the bulk approval beside each sign-on's own.
    """
    wanted = sorted(set(ids))
    if not wanted:
        raise WrongState(gettext("No confirmed sign-on is waiting for approval any more."))
    outcome = decide(letter, wanted, SignOnStatus.APPROVED, actor, seen, waiting_only=True)
    if outcome.done:
        audit.record(letter.id, actor, "approve_all", count=len(outcome.done), asked=len(wanted))
    return outcome


def approve_all_verified(letter: Letter, actor: str = "cli") -> Outcome:
    """Approve every sign-on that is confirmed and waiting."""
    ids = db.session.scalars(
        sa.select(SignOn.id).where(
            SignOn.letter_id == letter.id, SignOn.status == SignOnStatus.VERIFIED
        )
    ).all()
    if not ids:
        return Outcome(status=SignOnStatus.APPROVED)
    return decide(letter, ids, SignOnStatus.APPROVED, actor, waiting_only=True)
