"""Organisers decide on a change a signatory asked for on an approved entry."""

import logging

from flask_babel import gettext

from signon.audit import trail as audit
from signon.errors import SignonError
from signon.extensions import db
from signon.moderation.corrections import set_display_name
from signon.signing import entries
from signon.signing.models import SignOn
from signon.signing.self_service import apply_changes

log = logging.getLogger(__name__)


def _waiting(sign_on: SignOn) -> dict[str, str]:
    if sign_on.proposed_change is None:
        raise SignonError(gettext("No change is waiting for review on this sign-on."))
    return dict(sign_on.proposed_change.changes)


def approve_change(sign_on: SignOn, actor: str) -> dict[str, str]:
    """Publish the change: the sign-on takes the new values and stays approved.

    In an entry the organisers merged, a new name becomes the whole entry's listed name
    (the sign-on stays in the entry: only "Undo" splits it).
    """
    changes = _waiting(sign_on)
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
    sign_on.proposed_change = None
    apply_changes(sign_on, changes)
    if sign_on.listed_name != name_before and entries.together(sign_on.signatory_id):
        set_display_name(sign_on, sign_on.listed_name, actor)
    db.session.flush()
    log.info("change to sign-on %s approved: %s", sign_on.id, sorted(changes))
    return changes


def reject_change(sign_on: SignOn, actor: str) -> dict[str, str]:
    """Drop the change: the list keeps the approved version."""
    changes = _waiting(sign_on)
    audit.record(
        sign_on.letter_id,
        actor,
        "change_rejected",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        proposed=changes,
    )
    sign_on.proposed_change = None
    db.session.flush()
    log.info("change to sign-on %s rejected: %s", sign_on.id, sorted(changes))
    return changes
