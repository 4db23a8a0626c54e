"""The form of a letter's translation: every text part the editor holds."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from signon.domain.names import clean_text
from signon.letters.forms import LetterTextForm


class TranslationForm(LetterTextForm):
    """The translated parts; an empty part shows the main text's own."""

    title = StringField(
        _l("Title"),
        filters=[clean_text],
        validators=[DataRequired(_l("Give the translation a title.")), Length(max=300)],
    )
