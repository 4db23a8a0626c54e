"""What a sign-on's fields may hold: one set of rules for the form and the import alike.

The form turns each rule into a validator with its own wording; the import reports the same
rule on the row (`row_problems`). A value over its limit is refused, never stored shortened.
"""

from collections.abc import Mapping

from signon.domain.addresses import NOT_ASCII_BEFORE_AT, UndeliverableAddress, deliverable_address
from signon.domain.messages import Message
from signon.domain.messages import translatable as _t
from signon.domain.names import clean_text, name_key, shows_something
from signon.domain.trust import website_host

# What the sign-on columns hold at most (characters).
LIMITS = {
    "organisation": 300,
    "acronym": 40,
    "website": 300,
    "contact_name": 200,
    "email": 254,
    "position": 200,
}
# The longest matching key the database keeps (Signatory.name_key): a few characters
# (e.g. U+FDFA) spread over many when the key is made.
NAME_KEY_MAX = 400
# Names that are listed or addressed: each must show a letter or digit.
VISIBLE = ("organisation", "acronym", "contact_name")
KEYED = ("organisation", "contact_name")
# How the import's messages name the fields (translated where the message is shown).
FIELD_NAMES = {
    "organisation": _t("organisation's name"),
    "acronym": _t("acronym"),
    "website": _t("website"),
    "contact_name": _t("contact's name"),
    "email": _t("email address"),
    "position": _t("position"),
}


def normalise_website(value: str | None) -> str:
    """Add the scheme people leave out ("example.org" means https://example.org)."""
    value = clean_text(value)
    if value and "://" not in value:
        value = "https://" + value
    return value


def too_long(field: str, value: str) -> bool:
    """Whether `value` is over the field's limit."""
    return len(value) > LIMITS[field]


def key_too_long(value: str) -> bool:
    """Whether a name's matching key would be over what the database keeps."""
    return len(name_key(value)) > NAME_KEY_MAX


def valid_website(value: str) -> bool:
    """Whether a (normalised) website is a web address the form takes."""
    return website_host(value) is not None


def row_problems(values: Mapping[str, str]) -> tuple[list[Message], str]:
    """What the form would refuse in these cleaned values, and the email as mail goes to it.

    `values` holds any of LIMITS' fields (the website already normalised); an empty value is
    not checked here (whether a field is required is the caller's rule).
    """
    problems: list[Message] = []
    for field in LIMITS:
        value = values.get(field, "")
        if not value:
            continue
        if too_long(field, value):
            problems.append(
                # No count: a cell is read up to 2,000 characters, more than any field takes.
                _t(
                    "The %(field)s is over %(limit)s characters: shorten it in the file.",
                    field=FIELD_NAMES[field],
                    limit=LIMITS[field],
                )
            )
            continue
        if field in VISIBLE and not shows_something(value):
            problems.append(
                _t(
                    "The %(field)s shows no letter or digit.",
                    field=FIELD_NAMES[field],
                )
            )
        elif field in KEYED and key_too_long(value):
            problems.append(
                _t(
                    "The %(field)s is too long once its characters are spelled out: "
                    "shorten it or use simpler characters.",
                    field=FIELD_NAMES[field],
                )
            )
        if field == "website" and not valid_website(value):
            problems.append(_t("The website “%(website)s” is not a web address.", website=value))
    email = values.get("email", "")
    if email and not too_long("email", email):
        try:
            email = deliverable_address(email)
        except UndeliverableAddress as exc:
            problems.append(address_problem(email, str(exc)))
    return problems, email


def address_problem(email: str, reason: str) -> Message:
    """The import's words for an address the form refuses, with the form's reason."""
    if reason == NOT_ASCII_BEFORE_AT:
        return _t(
            "The email address “%(email)s” has letters like ë or ä before the @: "
            "we cannot send email to it.",
            email=email,
        )
    return _t("The email address “%(email)s” is not valid.", email=email)
