"""The public sign-on form. Its field names are a contract other tools post to."""

from functools import lru_cache
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError
from wtforms.widgets import Select, html_params

from signon.domain.countries import country_choices, is_country
from signon.domain.names import clean_text, name_key

# The longest matching key the database keeps (Signatory.name_key).
NAME_KEY_MAX = 400


def _upper(value: str | None) -> str | None:
    return value.strip().upper() if isinstance(value, str) else value


def normalise_website(value: str | None) -> str:
    """Add the scheme people leave out ("example.org" means https://example.org)."""
    value = clean_text(value)
    if value and "://" not in value:
        value = "https://" + value
    return value


def _known_country(form: FlaskForm, field: SelectField) -> None:
    if not is_country(field.data or ""):
        raise ValidationError("Choose a country from the list (a two-letter ISO code).")


def _key_fits(form: FlaskForm, field: StringField) -> None:
    # A few characters (e.g. U+FDFA) spread over many when the key is made.
    if len(name_key(field.data or "")) > NAME_KEY_MAX:
        raise ValidationError("This name is too long: shorten it or use simpler characters.")


def _valid_website(form: FlaskForm, field: StringField) -> None:
    try:
        parts = urlsplit(field.data or "")
        host = parts.hostname or ""
    except ValueError:  # e.g. an unbalanced "[" read as an IPv6 address
        host = ""
        parts = urlsplit("")
    if (
        parts.scheme not in ("http", "https")
        or "." not in host
        or " " in field.data
        or host.startswith(".")
        or host.endswith(".")
    ):
        raise ValidationError("Enter the website's address, like example.org.")


@lru_cache(maxsize=16)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (
            value,
            f'<option value="{escape(value)}">{escape(label)}</option>',
            f'<option selected value="{escape(value)}">{escape(label)}</option>',
        )
        for value, label in choices
    )


class CachedSelect(Select):
    """A select whose option markup is built once: 250 countries cost more than the page."""

    def __call__(self, field: SelectField, **kwargs: object) -> Markup:
        kwargs.setdefault("id", field.id)
        if "required" not in kwargs and "required" in getattr(field, "flags", []):
            kwargs["required"] = True
        current = "" if field.data is None else str(field.data)
        options = "".join(
            selected if value == current else plain
            for value, plain, selected in _options(tuple(field.choices))
        )
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")  # noqa: S704


class SignOnForm(FlaskForm):
    """An organisation signs the letter."""

    organisation = StringField(
        "Organisation",
        filters=[clean_text],
        validators=[
            DataRequired("Enter your organisation's name."),
            Length(max=300, message="Keep the name under 300 characters."),
            _key_fits,
        ],
    )
    acronym = StringField(
        "Acronym",
        filters=[clean_text],
        validators=[Optional(), Length(max=40, message="Keep the acronym under 40 characters.")],
    )
    country = SelectField(
        "Country",
        filters=[_upper],
        validators=[
            DataRequired("Choose the country your organisation is based in."),
            _known_country,
        ],
        validate_choice=False,
        widget=CachedSelect(),
    )
    website = StringField(
        "Website",
        filters=[normalise_website],
        validators=[
            Optional(),
            Length(max=300, message="Keep the address under 300 characters."),
            _valid_website,
        ],
    )
    contact_name = StringField(
        "Your name",
        filters=[clean_text],
        validators=[
            DataRequired("Enter your name."),
            Length(max=200, message="Keep your name under 200 characters."),
            _key_fits,
        ],
    )
    contact_email = EmailField(
        "Your email",
        filters=[clean_text],
        validators=[
            DataRequired("Enter your email address: we send a confirmation link to it."),
            Length(max=254, message="This email address is too long."),
            Email("Enter a valid email address, like name@example.org."),
        ],
    )
    role = StringField(
        "Your position",
        filters=[clean_text],
        validators=[Optional(), Length(max=200, message="Keep this under 200 characters.")],
    )
    consent = BooleanField(
        "I am authorised to sign on behalf of this organisation, and it agrees to be "
        "listed publicly as a signatory.",
        validators=[DataRequired("Tick this box to sign: we need your organisation's consent.")],
    )
    # The honeypot: hidden from people (off-screen, out of the tab order); bots fill it in.
    fax = StringField("Leave this field empty")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = [("", "Choose a country…"), *country_choices()]
