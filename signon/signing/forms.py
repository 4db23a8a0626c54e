"""The public sign-on form. Its field names are a contract other tools post to.

Its rules are the domain's (`signon.domain.sign_on_fields`), which the import applies too.
"""

from functools import lru_cache

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import Select, html_params

from signon.domain.countries import country_choices, is_country, region_choices
from signon.domain.names import clean_text, shows_something
from signon.domain.sign_on_fields import LIMITS, key_too_long, normalise_website, valid_website
from signon.letters.consent import INVITE_WORDING
from signon.signing.creating import SignOnInput
from signon.web.fields import email_field
from signon.web.i18n import current_language


def _upper(value: str | None) -> str | None:
    return value.strip().upper() if isinstance(value, str) else value


def _known_country(form: FlaskForm, field: SelectField) -> None:
    if not is_country(field.data or ""):
        raise ValidationError(_l("Choose a country from the list (a two-letter ISO code)."))


def country_groups(language: str) -> dict[str, list[tuple[str, str]]]:
    """The country field's choices: International and the regions, then every country."""
    return {
        "": [("", gettext("Choose a country…"))],
        gettext("International or regional organisation"): list(region_choices(language)),
        gettext("Countries"): list(country_choices(language)),
    }


def _key_fits(form: FlaskForm, field: StringField) -> None:
    if key_too_long(field.data or ""):
        raise ValidationError(_l("This name is too long: shorten it or use simpler characters."))


def visible_name(form: FlaskForm, field: StringField) -> None:
    """A name (when given) must show: a letter or digit, not only marks or joiners."""
    if field.data and not shows_something(field.data):
        raise ValidationError(_l("Enter a name with at least one letter or digit."))


def _valid_website(form: FlaskForm, field: StringField) -> None:
    if not valid_website(field.data or ""):
        raise ValidationError(_l("Enter the website's address, like example.org."))


def _organisation_needed(form: FlaskForm, field: StringField) -> None:
    # An individual may leave it empty: it is only their affiliation.
    if field.data:
        return
    individual = getattr(form, "is_individual", False) or (
        "signing_as" in form and form.signing_as.data == "individual"
    )
    if individual:
        raise StopValidation()
    raise StopValidation(_l("Enter your organisation's name."))


Choices = tuple[tuple[str, str], ...]


@lru_cache(maxsize=16)
def _options(groups: tuple[tuple[str, Choices], ...]) -> tuple[tuple[str, str, str], ...]:
    """(value, markup, markup selected) per option; an optgroup opens before its first
    option and closes after its last (a group named "" has none)."""
    made = []
    for group, choices in groups:
        for i, (value, label) in enumerate(choices):
            opened = f'<optgroup label="{escape(group)}">' if group and i == 0 else ""
            closed = "</optgroup>" if group and i == len(choices) - 1 else ""
            plain = f'<option value="{escape(value)}">{escape(label)}</option>'
            selected = f'<option selected value="{escape(value)}">{escape(label)}</option>'
            made.append((value, opened + plain + closed, opened + selected + closed))
    return tuple(made)


class CachedSelect(Select):
    """A select whose option markup is built once: 250 countries cost more than the page.

    Its choices are a list, or a dict of optgroup label -> list ("" for no group)."""

    def __call__(self, field: SelectField, **kwargs: object) -> Markup:
        kwargs.setdefault("id", field.id)
        if "required" not in kwargs and "required" in getattr(field, "flags", []):
            kwargs["required"] = True
        current = "" if field.data is None else str(field.data)
        choices = field.choices if isinstance(field.choices, dict) else {"": field.choices}
        groups = tuple((str(label), tuple(items)) for label, items in choices.items())
        options = "".join(
            selected if value == current else plain for value, plain, selected in _options(groups)
        )
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")  # noqa: S704


class SignOnForm(FlaskForm):
    """An organisation (or, where the letter allows it, an individual) signs the letter."""

    signing_as = RadioField(
        _l("I sign"),
        default="organisation",
        validators=[DataRequired(_l("Choose how you sign."))],
    )
    organisation = StringField(
        _l("Organisation"),
        filters=[clean_text],
        validators=[
            _organisation_needed,
            Length(
                max=LIMITS["organisation"],
                message=_l("The name has %(length)d characters; the limit is %(max)d."),
            ),
            visible_name,
            _key_fits,
        ],
    )
    acronym = StringField(
        _l("Acronym"),
        filters=[clean_text],
        validators=[
            Optional(),
            Length(
                max=LIMITS["acronym"],
                message=_l("The acronym has %(length)d characters; the limit is %(max)d."),
            ),
            visible_name,
        ],
    )
    country = SelectField(
        _l("Country"),
        filters=[_upper],
        validators=[
            DataRequired(_l("Choose the country your organisation is based in.")),
            _known_country,
        ],
        validate_choice=False,
        widget=CachedSelect(),
    )
    website = StringField(
        _l("Website"),
        filters=[normalise_website],
        validators=[
            Optional(),
            Length(
                max=LIMITS["website"],
                message=_l("The address has %(length)d characters; the limit is %(max)d."),
            ),
            _valid_website,
        ],
    )
    contact_name = StringField(
        _l("Your name"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Enter your name.")),
            Length(
                max=LIMITS["contact_name"],
                message=_l("Your name has %(length)d characters; the limit is %(max)d."),
            ),
            visible_name,
            _key_fits,
        ],
    )
    contact_email = email_field(
        _l("Your email"), _l("Enter your email address: we send a confirmation link to it.")
    )
    role = StringField(
        _l("Your position"),
        filters=[clean_text],
        validators=[
            Optional(),
            Length(
                max=LIMITS["position"],
                message=_l("This has %(length)d characters; the limit is %(max)d."),
            ),
        ],
    )
    consent = BooleanField(
        _l(
            "I am authorised to sign on behalf of this organisation, and it agrees to be "
            "listed publicly as a signatory."
        ),
        validators=[
            DataRequired(_l("Tick this box to sign: we need your organisation's consent."))
        ],
    )
    # Optional and unticked: being told of the coalition's later letters (invitations).
    invite_consent = BooleanField(_l("Tell us about this coalition's future letters"))
    # The honeypot: hidden from people (off-screen, out of the tab order); bots fill it in.
    fax = StringField(_l("Leave this field empty"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        language = current_language()
        self.country.choices = country_groups(language)
        self.signing_as.choices = [
            ("organisation", gettext("On behalf of my organisation")),
            (
                "individual",
                gettext("As an individual (my organisation is shown for identification only)"),
            ),
        ]


def sign_on_form(letter: object, formdata: object = None, csrf: bool = True) -> SignOnForm:
    """The form for this letter; it offers signing as an individual only where allowed.

    `formdata` is what the form reads instead of the request's (a form sent back with errors,
    or the API's JSON as fields); `csrf=False` for the API, whose key is its proof.
    """
    meta = {} if csrf else {"csrf": False}
    form = SignOnForm(meta=meta) if formdata is None else SignOnForm(formdata=formdata, meta=meta)
    if not getattr(letter, "accept_individuals", False):
        del form.signing_as
    return form


class DetailsForm(SignOnForm):
    """A signatory corrects their details; the email and the consent stay as given."""

    contact_email = None
    consent = None
    invite_consent = None

    def __init__(self, *args: object, is_individual: bool = False, **kwargs: object) -> None:
        self.is_individual = is_individual
        super().__init__(*args, **kwargs)
        # How one signs does not change after the fact.
        del self.signing_as


def sign_on_input(form: SignOnForm) -> SignOnInput:
    """The sign-on a validated form gives (the form's and the API's one reading of it)."""
    values = {
        name: form[name].data or ""
        for name in SignOnInput.__dataclass_fields__
        if name in form and name != "invite_consent"
    }
    # The words ticked, by their version (the consent record's way).
    ticked = "invite_consent" in form and form.invite_consent.data
    return SignOnInput(**values, invite_consent=INVITE_WORDING if ticked else None)
