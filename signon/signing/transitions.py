"""A sign-on's status changes as compare-and-set: a change applies to the status it was made on.

Two requests that read the same row and then decide (an organiser approving while the
signatory withdraws) must not both win: the later write would hide the earlier one, and the
signatory would read "withdrawn" under a signature that is published. Each change is one
`UPDATE ... WHERE id = :id AND status = :read`; on PostgreSQL the second waits for the
first's row lock, then finds the status changed and updates nothing. The caller is told,
and the object then holds what the database holds, so the later decision sees the earlier.
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm.attributes import set_committed_value

from signon.core.errors import WrongState
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db

# Where each status may go. A withdrawal stays possible after an approval (the signatory's
# right while the letter is open); nothing leaves "withdrawn".
LEGAL: dict[str, frozenset[str]] = {
    SignOnStatus.PENDING: frozenset(
        {SignOnStatus.VERIFIED, SignOnStatus.REJECTED, SignOnStatus.WITHDRAWN}
    ),
    SignOnStatus.VERIFIED: frozenset(
        {SignOnStatus.APPROVED, SignOnStatus.REJECTED, SignOnStatus.WITHDRAWN}
    ),
    SignOnStatus.APPROVED: frozenset({SignOnStatus.REJECTED, SignOnStatus.WITHDRAWN}),
    SignOnStatus.REJECTED: frozenset({SignOnStatus.APPROVED, SignOnStatus.WITHDRAWN}),
    SignOnStatus.WITHDRAWN: frozenset(),
}

# How many times a change is tried again on what a concurrent one left, before giving up.
ATTEMPTS = 3


def busy_message() -> str:
    """What to say when others kept changing the sign-on while this change was tried."""
    return gettext("This signature was changed at the same moment: please try again.")


def can_become(sign_on: SignOn, status: str) -> bool:
    """Whether the sign-on's current status may change to `status`."""
    return status in LEGAL[SignOnStatus(sign_on.status)]


def change_status(sign_on: SignOn, status: str, **values: datetime | None) -> bool:
    """Move the sign-on to `status` if its row still holds the status read; False otherwise.

    `values` are other columns set in the same statement (decided_at, confirmed_at). On
    False the object is refreshed from the database: the caller sees who came first.
    """
    read = sign_on.status
    if not can_become(sign_on, status):
        return False
    result = db.session.execute(
        sa.update(SignOn)
        .where(SignOn.id == sign_on.id, SignOn.status == read)
        .values(status=status, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(sign_on)
        return False
    _set(sign_on, status=status, **values)
    return True


def change_locked(sign_ons: list[SignOn], status: str, **values: datetime | None) -> list[str]:
    """Move sign-ons this transaction read with a row lock to `status`, in one statement.

    Returns their statuses before. Still conditional on the statuses read; under the lock no
    row can differ, and if one did the whole decision is refused rather than half-written.
    """
    previous = [s.status for s in sign_ons]
    result = db.session.execute(
        sa.update(SignOn)
        .where(SignOn.id.in_([s.id for s in sign_ons]), SignOn.status.in_(set(previous)))
        .values(status=status, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != len(sign_ons):
        raise WrongState(busy_message())
    for sign_on in sign_ons:
        _set(sign_on, status=status, **values)
    return previous


def _set(sign_on: SignOn, **values: object) -> None:
    """What the UPDATE wrote, as the object's loaded state (nothing left to flush)."""
    for name, value in values.items():
        set_committed_value(sign_on, name, value)
