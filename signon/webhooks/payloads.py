"""What each event says, in OSDI's shapes (osdi:signature, osdi:petition), built when queued.

Built when the event is queued, from the committed change: a delivery sends what was true
then, whenever it goes. A sign-on's payload names its organisation as the public list does;
an erasure's says only which sign-on, of which letter, when.
"""

from datetime import datetime

from signon.letters.models import Letter
from signon.signing.models import SignerKind, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.web.urls import external_url

# The statuses as OSDI-speaking receivers read them (ours says "verified" for confirmed).
STATUS = {SignOnStatus.VERIFIED: "confirmed"}


def _date(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _petition_link(letter: Letter) -> dict[str, dict[str, str]]:
    return {"osdi:petition": {"href": external_url("signing.show", slug=letter.slug)}}


def envelope(event: str, data: dict) -> dict:
    """The Standard Webhooks body: the type, when it happened, and the resource."""
    return {"type": event, "timestamp": _date(utcnow()), "data": data}


def signature(event: str, sign_on: SignOn) -> dict:
    """An osdi:signature for the sign-on as it stands (no contact's email, role or note)."""
    letter = sign_on.letter
    individual = sign_on.signing_as == SignerKind.INDIVIDUAL
    modified = max(d for d in (sign_on.created_at, sign_on.confirmed_at, sign_on.decided_at) if d)
    data = {
        "identifiers": [f"signon:{sign_on.id}"],
        "action_date": _date(sign_on.created_at),
        "created_date": _date(sign_on.created_at),
        "modified_date": _date(modified),
        "status": STATUS.get(SignOnStatus(sign_on.status), str(sign_on.status)),
        "language": sign_on.language,
        "signing_as": sign_on.signing_as,
        "organization": {
            # An individual is listed under their own name: personal data, erased with them.
            "name": sign_on.name_on_list,
            "acronym": "" if individual else sign_on.acronym,
            "country": sign_on.country,
            "website": sign_on.website,
        },
        "_links": _petition_link(letter),
    }
    return envelope(event, data)


def erased(sign_on: SignOn) -> dict:
    """What an erasure says: which sign-on of which letter, and when; nothing about anyone."""
    return envelope("sign_on.erased", scrubbed_data(sign_on.id, sign_on.letter))


def scrubbed_data(sign_on_id: int, letter: Letter) -> dict:
    """A sign-on's event data with nothing left that could name a person."""
    now = _date(utcnow())
    return {
        "identifiers": [f"signon:{sign_on_id}"],
        "modified_date": now,
        "_links": _petition_link(letter),
    }


def petition(event: str, letter: Letter) -> dict:
    """An osdi:petition for the letter (opened, published)."""
    data = {
        "identifiers": [f"signon:letter:{letter.slug}"],
        "title": letter.title,
        "status": letter.status,
        "created_date": _date(letter.created_at),
        "modified_date": _date(utcnow()),
        "browser_url": external_url("signing.show", slug=letter.slug),
        "sent_on": letter.sent_on.isoformat() if letter.sent_on else None,
        "_links": _petition_link(letter),
    }
    return envelope(event, data)


def trial(letter: Letter) -> dict:
    """What "Send a test event" sends: the letter, marked as a test."""
    body = petition("webhook.test", letter)
    body["data"]["test"] = True
    return body
