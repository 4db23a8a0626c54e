"""Email addresses the service can deliver to: one rule for every form and command."""

import unicodedata

from email_validator import EmailNotValidError, validate_email

from signon.domain.names import clean_text

INVALID = "Enter a valid email address, like name@example.org."
# Such addresses need SMTPUTF8 end to end, which the sender cannot count on.
NOT_ASCII_BEFORE_AT = (
    "We cannot send email to an address with letters like ë or ä before the @. "
    "Please give another address, written with the letters a to z."
)


class UndeliverableAddress(ValueError):
    """An address refused, with the message for whoever typed it."""


def deliverable_address(text: str) -> str:
    """The address as mail goes to it, an internationalised domain in its ASCII (xn--) form.

    Raises UndeliverableAddress for an address that is not valid or that the service could
    not send to (letters beyond ASCII before the @), so nothing is accepted that fails later.
    """
    text = (text or "").strip()
    if not text.rpartition("@")[0].isascii():
        raise UndeliverableAddress(NOT_ASCII_BEFORE_AT)
    try:
        checked = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise UndeliverableAddress(INVALID) from exc
    return checked.ascii_email


def same_mailbox(email: str | None) -> str:
    """One spelling for every way of writing one mailbox: what limits and erasures key on.

    NFKC folds full-width and other compatibility forms (`ｖictim` is `victim` to the mail
    system's IDNA), casefold every case.
    """
    return unicodedata.normalize("NFKC", clean_text(email or "")).casefold()[:254]
