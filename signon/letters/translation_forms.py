"""The form of a letter's translation: every text part the editor holds."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from signon.domain.names import clean_text


def _strip(value: str | None) -> str:
    return (value or "").strip()


class TranslationForm(FlaskForm):
    """The translated parts; an empty part shows the main text's own."""

    title = StringField(
        _l("Title"),
        filters=[clean_text],
        validators=[DataRequired(_l("Give the translation a title.")), Length(max=300)],
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
