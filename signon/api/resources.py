"""The OSDI shapes (HAL+JSON): a petition, a signature, a page of signatures, and the query."""

from datetime import UTC, datetime
from urllib.parse import urlencode

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from signon.api.auth import ApiError
from signon.api.reading import MAX_PER_PAGE, PER_PAGE, Page, Query, is_public
from signon.letters.models import Letter
from signon.signing.models import SignerKind, SignOnStatus
from signon.web.urls import external_url

HAL = "application/hal+json"


def moment(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, to the microsecond (what `modified_since` takes back)."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_moment(value: str, field: str) -> datetime:
    """An ISO 8601 time; one without a zone is UTC. 400 when it is not one."""
    # A "+" left unencoded in a query string arrives as a space.
    text = value.strip().replace(" ", "+")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(
            400, "Give an ISO 8601 time, e.g. 2026-12-01T09:00:00Z.", field=field
        ) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _whole(args: MultiDict, name: str, default: int, highest: int) -> int:
    raw = args.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= highest:
        raise ApiError(400, f"Give a whole number from 1 to {highest}.", field=name)
    return int(raw)


def parse_query(args: MultiDict) -> Query:
    """The filters and page a request asks for; 400 for a value that is not one."""
    status = args.get("status") or None
    if status is not None and status not in set(SignOnStatus):
        choices = ", ".join(SignOnStatus)
        raise ApiError(400, f"Choose one of: {choices}.", field="status")
    since = args.get("modified_since")
    after = None
    if args.get("after"):
        stamp, _, last_id = args["after"].rpartition("~")
        if not last_id.isdigit() or not stamp:
            raise ApiError(400, "Use the next link as given.", field="after")
        after = (parse_moment(stamp, "after"), int(last_id))
    return Query(
        status=status,
        modified_since=parse_moment(since, "modified_since") if since else None,
        after=after,
        page=_whole(args, "page", 1, 10**9),
        per_page=_whole(args, "per_page", PER_PAGE, MAX_PER_PAGE),
    )


def petition(letter: Letter, count: int, modified: datetime) -> dict:
    """The letter as an osdi:petition."""
    return {
        "identifiers": [f"signon:letter:{letter.slug}"],
        "origin_system": "Signon",
        "title": letter.title,
        "petition_text": letter.body,
        "total_signatures": count,
        "browser_url": external_url("signing.show", slug=letter.slug),
        "status": letter.status,
        "created_date": moment(letter.created_at),
        "modified_date": moment(modified),
        "_links": {
            "self": {"href": external_url("api.petition", slug=letter.slug)},
            "osdi:signatures": {"href": external_url("api.signatures", slug=letter.slug)},
        },
    }


def signature(letter: Letter, row: sa.Row, contacts: bool, petition_href: str = "") -> dict:
    """One sign-on as an osdi:signature, with its organisation; its contact if `contacts`."""
    petition_href = petition_href or external_url("api.petition", slug=letter.slug)
    individual = row.signing_as == SignerKind.INDIVIDUAL
    item = {
        "identifiers": [f"signon:{row.id}"],
        "status": row.status,
        "signing_as": row.signing_as,
        "language": row.language,
        "created_date": moment(row.created_at),
        "modified_date": moment(row.updated_at),
        "action_date": moment(row.created_at),
        "confirmed_date": moment(row.confirmed_at),
        "decided_date": moment(row.decided_at),
        "erased": row.anonymised_at is not None,
        # The name the public list gives its entry, only once the list shows it.
        "listed_name": row.listed if is_public(row) else None,
        "organization": {
            "name": row.organisation,
            "acronym": row.acronym,
            "country": row.country,
            "website": row.website,
            "site_url": row.website,
        },
        "_links": {
            "osdi:petition": {"href": petition_href},
        },
    }
    if contacts or (individual and is_public(row)):
        # An approved individual's own name is on the public list already.
        item["person"] = {
            "name": row.contact_name,
            "job_title": row.role,
        }
    if contacts:
        item["person"]["email_addresses"] = (
            [{"address": row.contact_email, "primary": True}] if row.contact_email else []
        )
    return item


def signatures_page(letter: Letter, query: Query, page: Page, args: MultiDict, contacts: bool):
    """A page of osdi:signatures with its HAL links (next carries the `after` cursor)."""
    total_pages = max(1, -(-page.total // query.per_page))
    base = external_url("api.signatures", slug=letter.slug)
    kept = {k: v for k, v in args.items() if k not in ("page", "after")}

    def href(**values: object) -> dict:
        return {"href": base + "?" + urlencode({**kept, **values})}

    links = {"self": href(**{k: v for k, v in args.items() if k in ("page", "after")})}
    if len(page.rows) == query.per_page and query.page * query.per_page < page.total:
        last = page.rows[-1]
        links["next"] = href(page=query.page + 1, after=f"{moment(last.updated_at)}~{last.id}")
    if query.page > 1:
        links["prev"] = href(page=query.page - 1)
    petition_href = external_url("api.petition", slug=letter.slug)
    links["osdi:petition"] = {"href": petition_href}
    return {
        "total_pages": total_pages,
        "per_page": query.per_page,
        "page": query.page,
        "total_records": page.total,
        "_links": links,
        "_embedded": {
            "osdi:signatures": [signature(letter, r, contacts, petition_href) for r in page.rows]
        },
    }
