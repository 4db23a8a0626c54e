"""Building sign-ons straight through the services, for duplicate and ordering tests."""

from datetime import timedelta

import sqlalchemy as sa

from signon.accounts.models import Organiser
from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.letters.team_models import LetterOrganiser
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.signing.services import SignOnInput, submit_sign_on
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.organiser_helpers import log_in


def add_sign_on(slug: str, organisation: str, country: str = "KE", **fields: str) -> SignOn:
    """A sign-on, confirmed and approved, as if the whole flow had run."""
    n = db.session.scalar(sa.select(sa.func.count(SignOn.id))) or 0
    data = SignOnInput(
        organisation=organisation,
        country=country,
        contact_name=fields.pop("contact_name", f"Contact {n}"),
        contact_email=fields.pop("contact_email", f"person{n}@org{n}.test"),
        **fields,
    )
    sign_on = db.session.get(SignOn, submit_sign_on(get_letter(slug), data))
    sign_on.status = SignOnStatus.APPROVED
    sign_on.confirmed_at = sign_on.decided_at = utcnow()
    db.session.commit()
    return sign_on


def snapshot(letter: Letter) -> dict:
    """Which sign-ons belong to which signatory, and the signatories' names and links."""
    signatories = db.session.scalars(
        sa.select(Signatory).where(Signatory.letter_id == letter.id).order_by(Signatory.id)
    )
    return {
        s.id: (s.display_name, s.merged_into_id, sorted(o.id for o in s.sign_ons))
        for s in signatories
    }


def contacts(letter: Letter) -> list[tuple[str, str]]:
    """Every contact of the letter's final list."""
    from signon.signing.final_list import final_list

    return sorted((c.name, c.email) for row in final_list(letter) for c in row.contacts)


def sign_in(app, client, slug: str, email: str = "lead@coalition.example") -> None:
    """Make `email` an organiser of the letter and sign them in on `client`."""
    with app.app_context():
        organiser = Organiser(email=email)
        db.session.add(organiser)
        db.session.flush()
        db.session.add(LetterOrganiser(letter_id=get_letter(slug).id, organiser_id=organiser.id))
        db.session.commit()
        organiser_id = organiser.id
    log_in(client, organiser_id)


def later(minutes: int) -> object:
    return utcnow() + timedelta(minutes=minutes)
