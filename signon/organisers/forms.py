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

    email = email_field("Email", "Enter an email address.")


class InviteForm(EmailForm):
    """An admin invites an organiser."""

    is_admin = BooleanField("Administrator (sees every letter, invites organisers)")


class TeamForm(EmailForm):
    """Add a co-organiser; an admin may make them an owner."""

    is_owner = BooleanField(_l("Owner (may add other organisers to this letter)"))


class DisplayNameForm(FlaskForm):
    """The spelling used on the list; what was typed stays on the sign-on."""

    display_name = StringField(
        "Name on the list",
        filters=[clean_text],
        validators=[
            Optional(),
            Length(max=300, message="Keep the name under 300 characters."),
            visible_name,
        ],
    )


class NoteForm(FlaskForm):
    """The organisers' internal note on a sign-on."""

    note = TextAreaField(
        "Internal note",
        validators=[Optional(), Length(max=5000, message="Keep the note under 5000 characters.")],
    )


def _strip(value: str | None) -> str:
    return (value or "").strip()


class NewLetterForm(FlaskForm):
    """Start a draft: its address and title."""

    slug = StringField(
        "Short name for the address",
        filters=[_strip],
        validators=[DataRequired("Choose a short name, like climate-finance-2026.")],
    )
    title = StringField(
        "Title",
        filters=[clean_text],
        validators=[DataRequired("Give the letter a title."), Length(max=300)],
    )


class LetterForm(FlaskForm):
    """Every part of the letter, its settings, and its privacy terms."""

    title = StringField("Title", filters=[clean_text], validators=[DataRequired(), Length(max=300)])
    letterhead = TextAreaField(
        "Letterhead", filters=[_strip], validators=[Optional(), Length(max=2000)]
    )
    reference = StringField("Reference", filters=[clean_text], validators=[Length(max=200)])
    place_date = StringField("Place and date", filters=[clean_text], validators=[Length(max=200)])
    addressee = TextAreaField("Addressee", filters=[_strip], validators=[Length(max=2000)])
    subject = StringField("Subject", filters=[clean_text], validators=[Length(max=300)])
    salutation = StringField("Salutation", filters=[clean_text], validators=[Length(max=200)])
    body = TextAreaField("Text (Markdown)", filters=[_strip])
    closing = StringField("Closing", filters=[clean_text], validators=[Length(max=200)])
    signature_blocks = TextAreaField("Senders", filters=[_strip])
    copy_line = TextAreaField("Copy line", filters=[_strip], validators=[Length(max=2000)])
    deadline = DateTimeLocalField("Signing deadline (UTC)", validators=[Optional()])
    accept_individuals = BooleanField("Individuals may sign too (listed apart)")
    live_list = BooleanField(_l("Live list: show the names to the public while signatures come in"))
    listed_on_home = BooleanField(_l("List this letter on the home page while it is open"))
    ordering = SelectField(
        "Order of the list",
        choices=[
            SelectChoice(Ordering.AS_WRITTEN, "Alphabetical, as written"),
            SelectChoice(
                Ordering.IGNORE_ARTICLE, "Alphabetical, ignoring a leading The, La, Le, El…"
            ),
            SelectChoice(Ordering.BY_COUNTRY, "Grouped by country"),
            SelectChoice(Ordering.SIGNING, "Order of signing"),
        ],
    )
    language = SelectField(
        "Language of the letter (country names in lists and exports)",
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
        "Consent statement beside the checkbox",
        filters=[_strip],
        validators=[Optional(), Length(max=1000)],
    )
    controller = TextAreaField(
        "Who is responsible for the data (the controller)",
        filters=[_strip],
        validators=[Optional(), Length(max=1000)],
    )
    privacy_notice = TextAreaField(
        "Your words in the privacy notice (Markdown)",
        filters=[_strip],
        validators=[Optional(), Length(max=10000)],
    )
    retention_days = IntegerField(
        "Keep contact details for this many days after the letter closes or is published",
        validators=[
            Optional(),
            NumberRange(min=1, max=3650, message="Choose between 1 and 3650 days."),
        ],
    )


class NotifyForm(FlaskForm):
    """How an organiser hears of confirmed sign-ons."""

    notify = RadioField("Tell me about confirmed sign-ons", validators=[DataRequired()])

    def __init__(self, *args: object, **kwargs: object) -> None:
        from signon.organisers.notifications import CHOICES

        super().__init__(*args, **kwargs)
        self.notify.choices = list(CHOICES.items())
