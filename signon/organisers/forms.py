"""Forms of the organiser pages."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from signon.domain.names import clean_text


class EmailForm(FlaskForm):
    """One email address: sign-in, adding a co-organiser, inviting an organiser."""

    email = EmailField(
        "Email",
        filters=[clean_text],
        validators=[
            DataRequired("Enter an email address."),
            Length(max=254, message="This email address is too long."),
            Email("Enter a valid email address, like name@example.org."),
        ],
    )


class InviteForm(EmailForm):
    """An admin invites an organiser."""

    is_admin = BooleanField("Administrator (sees every letter, invites organisers)")


class DecideForm(FlaskForm):
    """Approve or reject the ticked sign-ons; `action` comes from the button pressed."""

    action = HiddenField()


class DisplayNameForm(FlaskForm):
    """The spelling used on the list; what was typed stays on the sign-on."""

    display_name = StringField(
        "Name on the list",
        filters=[clean_text],
        validators=[Optional(), Length(max=300, message="Keep the name under 300 characters.")],
    )


class NoteForm(FlaskForm):
    """The organisers' internal note on a sign-on."""

    note = TextAreaField(
        "Internal note",
        validators=[Optional(), Length(max=5000, message="Keep the note under 5000 characters.")],
    )
