"""The form that makes an API key."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from signon.api.keys import NAME_MAX
from signon.api.models import KeyScope
from signon.domain.names import clean_text


class NewKeyForm(FlaskForm):
    """Name a key, choose what it may do."""

    name = StringField(
        _l("Name"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Give the key a name: who or what will use it.")),
            Length(
                max=NAME_MAX,
                message=_l("The name has %(length)d characters; the limit is %(max)d."),
            ),
        ],
    )
    scope = RadioField(
        _l("It may"),
        default=KeyScope.READ,
        choices=[
            SelectChoice(KeyScope.READ, _l("Read the list and each sign-on's status")),
            SelectChoice(KeyScope.WRITE, _l("Read, and record sign-ons")),
        ],
    )
    contacts = BooleanField(_l("Also read contact names and email addresses (personal data)"))
