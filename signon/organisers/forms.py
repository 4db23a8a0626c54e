"""Forms of the organiser pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from signon.domain.names import clean_text
from signon.letters.models import Ordering
from signon.signing.forms import email_field, visible_name


class EmailForm(FlaskForm):
    """One email address: sign-in, adding a co-organiser, inviting an organiser."""

    email = email_field(_l("Email"), _l("Enter an email address."))


class InviteForm(EmailForm):
    """An admin invites an organiser."""

    is_admin = BooleanField(_l("Administrator (sees every letter, invites organisers)"))


class DisplayNameForm(FlaskForm):
    """The spelling used on the list; what was typed stays on the sign-on."""

    display_name = StringField(
        _l("Name on the list"),
        filters=[clean_text],
        validators=[
            Optional(),
            Length(max=300, message=_l("Keep the name under 300 characters.")),
            visible_name,
        ],
    )


class NoteForm(FlaskForm):
    """The organisers' internal note on a sign-on."""

    note = TextAreaField(
        _l("Internal note"),
        validators=[
            Optional(),
            Length(max=5000, message=_l("Keep the note under 5000 characters.")),
        ],
    )


def _strip(value: str | None) -> str:
    return (value or "").strip()


class NewLetterForm(FlaskForm):
    """Start a draft: its address and title."""

    slug = StringField(
        _l("Short name for the address"),
        filters=[_strip],
        validators=[DataRequired(_l("Choose a short name, like climate-finance-2026."))],
    )
    title = StringField(
        _l("Title"),
        filters=[clean_text],
        validators=[DataRequired(_l("Give the letter a title.")), Length(max=300)],
    )


class LetterForm(FlaskForm):
    """Every part of the letter, its settings, and its privacy terms."""

    title = StringField(
        _l("Title"), filters=[clean_text], validators=[DataRequired(), Length(max=300)]
    )
    letterhead = TextAreaField(
        _l("Letterhead"), filters=[_strip], validators=[Optional(), Length(max=2000)]
    )
    reference = StringField(_l("Reference"), filters=[clean_text], validators=[Length(max=200)])
    place_date = StringField(
        _l("Place and date"), filters=[clean_text], validators=[Length(max=200)]
    )
    addressee = TextAreaField(_l("Addressee"), filters=[_strip], validators=[Length(max=2000)])
    subject = StringField(_l("Subject"), filters=[clean_text], validators=[Length(max=300)])
    salutation = StringField(_l("Salutation"), filters=[clean_text], validators=[Length(max=200)])
    body = TextAreaField(_l("Text (Markdown)"), filters=[_strip])
    closing = StringField(_l("Closing"), filters=[clean_text], validators=[Length(max=200)])
    signature_blocks = TextAreaField(_l("Senders"), filters=[_strip])
    copy_line = TextAreaField(_l("Copy line"), filters=[_strip], validators=[Length(max=2000)])
    deadline = DateTimeLocalField(_l("Signing deadline (UTC)"), validators=[Optional()])
    accept_individuals = BooleanField(_l("Individuals may sign too (listed apart)"))
    live_list = BooleanField(
        _l("Show the list of names to the public before the letter is published")
    )
    ordering = SelectField(
        _l("Order of the list"),
        choices=[
            SelectChoice(Ordering.AS_WRITTEN, _l("Alphabetical, as written")),
            SelectChoice(
                Ordering.IGNORE_ARTICLE, _l("Alphabetical, ignoring a leading The, La, Le, El…")
            ),
            SelectChoice(Ordering.BY_COUNTRY, _l("Grouped by country")),
            SelectChoice(Ordering.SIGNING, _l("Order of signing")),
        ],
    )
    language = SelectField(
        _l("Language of the letter (country names in lists and exports)"),
        choices=[
            SelectChoice("en", "English"),
            SelectChoice("fr", "Français"),
            SelectChoice("es", "Español"),
            SelectChoice("pt", "Português"),
            SelectChoice("ar", "العربية"),
            SelectChoice("ru", "Русский"),
            SelectChoice("de", "Deutsch"),
        ],
    )
    # The consent and privacy text (a change makes a new version) and the retention period.
    consent_text = TextAreaField(
        _l("Consent statement beside the checkbox"),
        filters=[_strip],
        validators=[Optional(), Length(max=1000)],
    )
    controller = TextAreaField(
        _l("Who is responsible for the data (the controller)"),
        filters=[_strip],
        validators=[Optional(), Length(max=1000)],
    )
    privacy_notice = TextAreaField(
        _l("Your words in the privacy notice (Markdown)"),
        filters=[_strip],
        validators=[Optional(), Length(max=10000)],
    )
    retention_days = IntegerField(
        _l("Keep contact details for this many days after the letter closes or is published"),
        validators=[
            Optional(),
            NumberRange(min=1, max=3650, message=_l("Choose between 1 and 3650 days.")),
        ],
    )


class NotifyForm(FlaskForm):
    """How an organiser hears of confirmed sign-ons."""

    notify = RadioField(_l("Tell me about confirmed sign-ons"), validators=[DataRequired()])

    def __init__(self, *args: object, **kwargs: object) -> None:
        from signon.organisers.notifications import CHOICES

        super().__init__(*args, **kwargs)
        self.notify.choices = list(CHOICES.items())
