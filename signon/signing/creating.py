"""The one way sign-ons are created: the form's one at a time, an import's many at once.

Each goes through the sign-on matching (`signatory_for`: its entry, whether new, its own
spelling), finds the same contact's earlier sign-on (`same_contact`), and is stored under the
unique contact key (`sign_ons.contact_key`, ON CONFLICT DO NOTHING: the same contact racing
this one adds nothing). A new pending sign-on gets its confirmation email in its own language
through `emails.to_signatory`; an audit entry per new sign-on goes through `audit.trail`.
The caller holds the transaction (`db.writing()`) and checks the letter takes them.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import force_locale, gettext

from signon.audit import trail
from signon.core.errors import WrongState
from signon.domain.names import name_key
from signon.mail.outbox import email_subject
from signon.signing import emails, one_statement
from signon.signing.matching import insert_sign_on, same_contact, signatory_for
from signon.signing.models import SignerKind, SignOnStatus, own_name
from signon.storage.database import utcnow
from signon.storage.extensions import db


@dataclass(frozen=True)
class SignOnInput:
    """A sign-on as the form (or an imported row) gives it, cleaned."""

    organisation: str
    country: str
    contact_name: str
    contact_email: str
    acronym: str = ""
    website: str = ""
    role: str = ""
    signing_as: str = SignerKind.ORGANISATION
    invite_consent: int | None = None  # the wording version of the invitation choice ticked

    @property
    def listed_name(self) -> str:
        """The name on the list: an individual's own name, or the organisation's."""
        return own_name(self.signing_as, self.organisation, self.contact_name)


@dataclass(frozen=True)
class NewSignOn:
    """One sign-on to create: what was given, when it was signed, where it came from."""

    data: SignOnInput
    signed_at: datetime | None = None  # now when None
    source: dict = field(default_factory=dict)  # the audit entry's detail (an import's row)


@dataclass(frozen=True)
class Batch:
    """What the sign-ons of one call share."""

    letter_id: int
    letter_version: int
    title: str  # the letter's title in `language`, for the emails' subjects
    language: str  # the sign-ons' own: their emails speak it
    status: str = SignOnStatus.PENDING
    # More columns every new sign-on gets (consent record, dates); asked once, when needed.
    columns: Callable[[], dict[str, object]] = dict
    tell_repeats: bool = False  # answer the same contact again by email (the form)
    pace: timedelta = timedelta(0)  # between two confirmation emails (an import's)
    audit: tuple[str, str] | None = None  # (actor, action): one entry per new sign-on


@dataclass(frozen=True)
class Created:
    """What one sign-on asked for became."""

    signatory_id: int
    sign_on_id: int | None  # the new one, the same contact's earlier one, or None: nothing
    new: bool
    email: str = ""  # the address the earlier sign-on holds


def create_sign_ons(batch: Batch, wanted: Sequence[NewSignOn]) -> list[Created]:
    """Store each wanted sign-on that is new, in order; what became of each, in order.

    The same contact on the same entry adds nothing (the earlier sign-on stands), and so does
    a sign-on without an address joining an entry that exists.
    """
    now = utcnow()
    if _in_one_statement(batch, wanted):
        done = _create_in_one_statement(batch, wanted[0], now)
        if done is not None:
            return [done]
        db.transaction_from_here()  # the general path's statements belong together
    columns: dict[str, object] | None = None
    created = []
    for item in wanted:
        data = item.data
        place = signatory_for(
            batch.letter_id, data.signing_as, data.country, name_key(data.listed_name)
        )
        known = not place.is_new and data.contact_email
        earlier = same_contact(place.id, data.contact_email) if known else None
        if earlier is None and (place.is_new or data.contact_email):
            columns = batch.columns() if columns is None else columns
            sign_on_id = insert_sign_on(
                letter_id=batch.letter_id,
                signatory_id=place.id,
                home_id=place.home_id,
                status=batch.status,
                letter_version=batch.letter_version,
                language=batch.language,
                created_at=item.signed_at or now,
                **columns,
                **data.__dict__,
            )
            if sign_on_id is not None:
                created.append(Created(place.id, sign_on_id, True))
                continue
            # The same contact signed this moment, in a transaction that has committed since
            # (the unique key waited for it): answer as to any repeat.
            earlier = same_contact(place.id, data.contact_email)
            if earlier is None:
                raise WrongState("This sign-on could not be stored; please try again.")
        sign_on_id, email = earlier or (None, "")
        created.append(Created(place.id, sign_on_id, False, email))
    _audit(batch, wanted, created)
    _tell(batch, wanted, created, now)
    return created


def _in_one_statement(batch: Batch, wanted: Sequence[NewSignOn]) -> bool:
    """The form's sign-on on PostgreSQL: one, with an address, no audit entry, not paced."""
    return (
        len(wanted) == 1
        and bool(wanted[0].data.contact_email)
        and batch.audit is None
        and db.session.get_bind().dialect.name == "postgresql"
    )


def _create_in_one_statement(batch: Batch, item: NewSignOn, now: datetime) -> Created | None:
    """What the loop below does for one sign-on, in one statement; None: take the loop."""
    data = item.data
    values = {
        "letter_id": batch.letter_id,
        "home_id": None,
        "status": batch.status,
        "letter_version": batch.letter_version,
        "language": batch.language,
        "created_at": item.signed_at or now,
        "updated_at": now,  # the ORM's default on the general path (a CRM syncs from it)
        **batch.columns(),
        **data.__dict__,
    }
    confirm, repeat = _subjects(batch)
    done = one_statement.create_one(
        values,
        name_key(data.listed_name),
        (email_subject(confirm), email_subject(repeat)),
        confirm=batch.status == SignOnStatus.PENDING,
        tell_repeats=batch.tell_repeats,
        now=now,
    )
    if done is None:
        return None
    signatory_id, sign_on_id, new, email = done
    return Created(signatory_id, sign_on_id, new, email)


def _subjects(batch: Batch) -> tuple[str, str]:
    """The subjects of the confirmation email and of the answer to a repeat."""
    with force_locale(batch.language):
        confirm = gettext("Please confirm your signature: %(title)s", title=batch.title)
        repeat = gettext("You have already signed: %(title)s", title=batch.title)
    return confirm, repeat


def _audit(batch: Batch, wanted: Sequence[NewSignOn], created: list[Created]) -> None:
    if batch.audit is None:
        return
    actor, action = batch.audit
    items = [
        trail.Item(done.sign_on_id, done.signatory_id, item.source)
        for item, done in zip(wanted, created, strict=True)
        if done.new
    ]
    trail.record_batch(batch.letter_id, actor, action, items)


def _tell(batch: Batch, wanted: Sequence[NewSignOn], created: list[Created], now: datetime) -> None:
    """The confirmation email to each new pending sign-on, paced; repeats told if asked."""
    confirm, repeat = _subjects(batch)
    sent = 0
    for item, done in zip(wanted, created, strict=True):
        if done.new and batch.status == SignOnStatus.PENDING:
            emails.to_signatory(
                item.data.contact_email,
                False,  # a sign-on made this moment
                confirm,
                emails.CONFIRM,
                later=True,
                letter_id=batch.letter_id,
                sign_on_id=done.sign_on_id,
                not_before=now + batch.pace * sent if sent else None,
            )
            sent += 1
        elif not done.new and done.sign_on_id is not None and batch.tell_repeats:
            # The same person again: nothing new stored, but tell them where they stand.
            emails.to_signatory(
                done.email,
                False,  # same_contact never finds an erased address
                repeat,
                emails.REPEAT,
                later=True,
                letter_id=batch.letter_id,
                sign_on_id=done.sign_on_id,
            )
