"""Forms of the moderation pages: a sign-on's listed name and the organisers' note."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from signon.domain.names import clean_text
from signon.signing.forms import visible_name


class DisplayNameForm(FlaskForm):
    """The spelling used on the list; what was typed stays on the sign-on."""

    display_name = StringField(
        _l("Name on the list"),
        filters=[clean_text],
        validators=[
            Optional(),
            Length(
                max=300, message=_l("The name has %(length)d characters; the limit is %(max)d.")
            ),
            visible_name,
        ],
    )


class NoteForm(FlaskForm):
    """The organisers' internal note on a sign-on."""

    note = TextAreaField(
        _l("Internal note"),
        validators=[
            Optional(),
            Length(
                max=5000, message=_l("The note has %(length)d characters; the limit is %(max)d.")
            ),
        ],
    )
