"""The form that adds a webhook endpoint: its address and the events it hears."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

EVENT_LABELS = {
    "sign_on.confirmed": _l("A sign-on is confirmed by email"),
    "sign_on.approved": _l("A sign-on is approved"),
    "sign_on.rejected": _l("A sign-on is rejected"),
    "sign_on.withdrawn": _l("A signature is withdrawn"),
    "sign_on.erased": _l("A contact's details are erased"),
    "letter.opened": _l("The letter opens for signatures"),
    "letter.published": _l("The letter is published"),
}


class EndpointForm(FlaskForm):
    """An HTTPS address and the events to send it."""

    url = StringField(_l("Address (https://…)"), [InputRequired(_l("Enter the address."))])
    events = SelectMultipleField(
        _l("Events"),
        choices=[SelectChoice(value, label) for value, label in EVENT_LABELS.items()],
        default=list(EVENT_LABELS),
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validators=[InputRequired(_l("Choose at least one of the events offered."))],
    )
