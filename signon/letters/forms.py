"""Forms of the letter editor: a new letter, and every part of its text and settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from signon.domain.names import clean_text
from signon.domain.ordering import Ordering


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
