"""Organisers decide on a change a signatory asked for on an approved entry."""

import logging

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm.attributes import set_committed_value

from signon.audit import trail as audit
from signon.core.errors import SignonError
from signon.moderation import seen
from signon.moderation.corrections import set_display_name
from signon.signing import entries
from signon.signing.models import ProposedChange, SignOn
from signon.signing.self_service import apply_changes
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def _take(sign_on: SignOn, printed: str | None) -> dict[str, str]:
    """The change the organiser decided on, taken off the sign-on; refused if replaced since.

    `printed` is the fingerprint the organiser's page showed (None: not checked). The delete
    is compare-and-set on when the change was last asked for, so a correction the signatory
    sends while the organiser decides is never dropped or published unseen.
    """
    change = sign_on.proposed_change
    if change is None:
        raise SignonError(gettext("No change is waiting for review on this sign-on."))
    if printed is not None and printed != seen.change_fingerprint(change):
        raise _replaced(change)
    taken = db.session.execute(
        sa.delete(ProposedChange)
        .where(ProposedChange.id == change.id, ProposedChange.created_at == change.created_at)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        db.session.refresh(sign_on, ["proposed_change"])
        if sign_on.proposed_change is None:
            raise SignonError(gettext("No change is waiting for review on this sign-on."))
        db.session.refresh(sign_on.proposed_change)
        raise _replaced(sign_on.proposed_change)
    changes = dict(change.changes)
    db.session.expunge(change)
    set_committed_value(sign_on, "proposed_change", None)
    return changes


def _replaced(change: ProposedChange) -> SignonError:
    asked = ", ".join(f"“{value or '–'}”" for value in change.changes.values())
    return SignonError(
        gettext(
            "The signatory changed this request since you looked; it now asks for %(asked)s."
            " Check it again below before deciding.",
            asked=asked,
        )
    )


def approve_change(sign_on: SignOn, actor: str, printed: str | None = None) -> dict[str, str]:
    """Publish the change: the sign-on takes the new values and stays approved.

    In an entry the organisers merged, a new name becomes the whole entry's listed name
    (the sign-on stays in the entry: only "Undo" splits it).
    """
    changes = _take(sign_on, printed)
    name_before = sign_on.listed_name
    audit.record(
        sign_on.letter_id,
        actor,
        "change_approved",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        before={k: getattr(sign_on, k) for k in changes},
        after=changes,
    )
    apply_changes(sign_on, changes)
    if sign_on.listed_name != name_before and entries.together(sign_on.signatory_id):
        set_display_name(sign_on, sign_on.listed_name, actor)
    db.session.flush()
    log.info("change to sign-on %s approved: %s", sign_on.id, sorted(changes))
    return changes


def reject_change(sign_on: SignOn, actor: str, printed: str | None = None) -> dict[str, str]:
    """Drop the change: the list keeps the approved version."""
    changes = _take(sign_on, printed)
    audit.record(
        sign_on.letter_id,
        actor,
        "change_rejected",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        proposed=changes,
    )
    db.session.flush()
    log.info("change to sign-on %s rejected: %s", sign_on.id, sorted(changes))
    return changes
