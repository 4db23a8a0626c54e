"""Forms of the letter editor: a new letter, and every part of its text and settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from signon.domain.addresses import UndeliverableAddress, deliverable_address
from signon.domain.names import clean_block, clean_text
from signon.domain.ordering import Ordering


class NewLetterForm(FlaskForm):
    """Start a draft: its address and title."""

    slug = StringField(
        _l("Short name for the address"),
        filters=[clean_block],
        validators=[DataRequired(_l("Choose a short name, like climate-finance-2026."))],
    )
    title = StringField(
        _l("Title"),
        filters=[clean_text],
        validators=[DataRequired(_l("Give the letter a title.")), Length(max=300)],
    )


def _contact_address(form: FlaskForm, field: EmailField) -> None:
    """An optional address replies can go to, kept as mail is sent to it."""
    if not field.data:
        return
    try:
        field.data = deliverable_address(field.data).lower()
    except UndeliverableAddress as exc:
        raise ValidationError(
            _l("Enter a valid contact address, like secretariat@example.org, or leave it empty.")
        ) from exc


class LetterTextForm(FlaskForm):
    """The parts of a letter's text after its title: the editor's and a translation's."""

    letterhead = TextAreaField(
        _l("Letterhead"), filters=[clean_block], validators=[Optional(), Length(max=2000)]
    )
    reference = StringField(_l("Reference"), filters=[clean_text], validators=[Length(max=200)])
    place_date = StringField(
        _l("Place and date"), filters=[clean_text], validators=[Length(max=200)]
    )
    addressee = TextAreaField(_l("Addressee"), filters=[clean_block], validators=[Length(max=2000)])
    subject = StringField(_l("Subject"), filters=[clean_text], validators=[Length(max=300)])
    salutation = StringField(_l("Salutation"), filters=[clean_text], validators=[Length(max=200)])
    body = TextAreaField(_l("Text (Markdown)"), filters=[clean_block])
    closing = StringField(_l("Closing"), filters=[clean_text], validators=[Length(max=200)])
    signature_blocks = TextAreaField(_l("Senders"), filters=[clean_block])
    copy_line = TextAreaField(_l("Copy line"), filters=[clean_block], validators=[Length(max=2000)])


class LetterForm(LetterTextForm):
    """Every part of the letter, its settings, and its privacy terms."""

    title = StringField(
        _l("Title"), filters=[clean_text], validators=[DataRequired(), Length(max=300)]
    )
    # The first format is the one the field is filled with: the only one a browser's
    # datetime-local input shows; the others are still read.
    deadline = DateTimeLocalField(
        _l("Signing deadline (UTC)"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"],
        validators=[Optional()],
    )
    accept_individuals = BooleanField(_l("Individuals may sign too (listed apart)"))
    live_list = BooleanField(_l("Live list: show the names to the public while signatures come in"))
    listed_on_home = BooleanField(_l("List this letter on the home page while it is open"))
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
    # Who the letter's emails come from (saved in any state, never a new version).
    sender_name = StringField(
        _l("Sender's name in the From line"),
        filters=[clean_text],
        validators=[
            Length(
                max=200, message=_l("Keep the sender's name under %(limit)s characters.", limit=200)
            )
        ],
    )
    email_signature = TextAreaField(
        _l("Signature under the emails"),
        filters=[clean_block],
        validators=[
            Length(
                max=1000, message=_l("Keep the signature under %(limit)s characters.", limit=1000)
            )
        ],
    )
    contact_email = EmailField(
        _l("Contact address for replies"),
        filters=[clean_block],
        validators=[
            Length(
                max=254,
                message=_l("This email address has %(length)d characters; the limit is %(max)d."),
            ),
            _contact_address,
        ],
    )
    # The consent and privacy text (a change makes a new version) and the retention period.
    consent_text = TextAreaField(
        _l("Consent statement beside the checkbox"),
        filters=[clean_block],
        validators=[Optional(), Length(max=1000)],
    )
    controller = TextAreaField(
        _l("Who is responsible for the data (the controller)"),
        filters=[clean_block],
        validators=[Optional(), Length(max=1000)],
    )
    privacy_notice = TextAreaField(
        _l("Your words in the privacy notice (Markdown)"),
        filters=[clean_block],
        validators=[Optional(), Length(max=10000)],
    )
    retention_days = IntegerField(
        _l("Keep contact details for this many days after the letter closes or is published"),
        validators=[
            Optional(),
            NumberRange(min=1, max=3650, message=_l("Choose between 1 and 3650 days.")),
        ],
    )
