"""Form fields every package's forms share: one email address field, checked one way."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Length, ValidationError

from signon.domain.addresses import (
    INVALID,
    NOT_ASCII_BEFORE_AT,
    UndeliverableAddress,
    deliverable_address,
)
from signon.domain.names import clean_text
from signon.domain.sign_on_fields import LIMITS

_ADDRESS_MESSAGES = {
    INVALID: _l("Enter a valid email address, like name@example.org."),
    NOT_ASCII_BEFORE_AT: _l(
        "We cannot send email to an address with letters like ë or ä before the @. "
        "Please give another address, written with the letters a to z."
    ),
}


def _deliverable(form: FlaskForm, field: EmailField) -> None:
    # Kept in the form mail is sent to: an internationalised domain becomes xn--.
    try:
        field.data = deliverable_address(field.data or "")
    except UndeliverableAddress as exc:
        # The domain's message, in the page's language.
        raise ValidationError(_ADDRESS_MESSAGES.get(str(exc), str(exc))) from exc


def email_field(label: str, missing: str) -> EmailField:
    """A required email address field: at most 254 characters, and one mail can go to.

    Every email field (sign-on, organiser sign-in, adding and inviting organisers) is this one.
    """
    return EmailField(
        label,
        filters=[clean_text],
        validators=[
            DataRequired(missing),
            Length(
                max=LIMITS["email"],
                message=_l("This email address has %(length)d characters; the limit is %(max)d."),
            ),
            _deliverable,
        ],
    )
