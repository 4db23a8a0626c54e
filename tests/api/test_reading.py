"""Reading: the petition, the signatures in pages with next links, a CRM's sync with
modified_since that sees every change once, ETags, contacts only with that scope."""

import pytest
import sqlalchemy as sa

from signon.letters.services import get_letter
from signon.moderation import decisions, duplicates
from signon.privacy import erasure
from signon.signing import self_service
from signon.signing.creating import SignOnInput
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.api.helpers import get, local, new_key, sync

SIGNATURES = "/api/v1/letters/climate/signatures"


@pytest.fixture
def letter(make_letter, quick_sign_ons):
    make_letter("climate")
    return quick_sign_ons(30)


def test_the_petition_in_osdi_shape(client, runner, letter):
    key = new_key(runner, "climate", "--scope", "read")
    answer = get(client, "/api/v1/letters/climate", key)
    assert answer.status_code == 200
    assert answer.mimetype == "application/hal+json"
    body = answer.json
    assert body["title"] == "Joint letter on climate finance"
    assert "urge" in body["petition_text"]
    assert body["total_signatures"] == 0  # confirmed, none approved yet: the public's count
    assert body["browser_url"] == "https://sign.example.org/letters/climate"
    assert body["identifiers"] == ["signon:letter:climate"]
    assert body["created_date"].endswith("Z") and body["modified_date"]
    assert local(body["_links"]["osdi:signatures"]["href"]) == SIGNATURES
    assert "Set-Cookie" not in answer.headers


def test_pages_follow_next_links_in_a_stable_order(client, runner, letter):
    key = new_key(runner, "climate", "--scope", "read")
    first = get(client, f"{SIGNATURES}?per_page=10", key).json
    assert (first["total_records"], first["total_pages"], first["per_page"], first["page"]) == (
        30,
        3,
        10,
        1,
    )
    assert "prev" not in first["_links"]
    second = get(client, local(first["_links"]["next"]["href"]), key).json
    assert second["page"] == 2 and "prev" in second["_links"]
    items, requests, _ = sync(client, key, None, per_page=10)
    assert requests == 3
    ids = [int(item["identifiers"][0].split(":")[1]) for item in items]
    assert ids == letter  # oldest change first
    # A page by number reads the same as the next link.
    by_number = get(client, f"{SIGNATURES}?per_page=10&page=2", key).json
    assert by_number["_embedded"] == second["_embedded"]


def _id(item: dict) -> int:
    return int(item["identifiers"][0].split(":")[1])


def test_a_crm_syncing_with_modified_since_sees_every_change_exactly_once(
    app, client, runner, letter
):
    key = new_key(runner, "climate", "--scope", "read")
    seen: list[tuple[int, str, str]] = []
    crm: dict[int, str] = {}

    def crm_sync(since: str | None) -> tuple[str | None, int]:
        items, requests, last = sync(client, key, since, per_page=10)
        for item in items:
            seen.append((_id(item), item["modified_date"], item["status"]))
            crm[_id(item)] = item["status"]
        return last, len(items)

    since, count = crm_sync(None)
    assert count == 30
    ids = letter
    with app.app_context():
        the_letter = get_letter("climate")
        decisions.approve(the_letter, ids[0:3])  # three approved at once (one bulk UPDATE)
        corrected = db.session.get(SignOn, ids[5])
        data = SignOnInput(
            corrected.organisation + " (corrected)",
            corrected.country,
            corrected.contact_name,
            corrected.contact_email,
        )
        self_service.correct_details(corrected, data)
        self_service.withdraw(db.session.get(SignOn, ids[7]))
        erasure.erase(the_letter, [ids[9]], utcnow(), keep_listed=False)
        keep, merged = (db.session.get(SignOn, i).signatory_id for i in (ids[10], ids[11]))
        duplicates.merge(the_letter, keep, merged, "test")
        db.session.commit()
    since, count = crm_sync(since)
    changed = [i for i, _, _ in seen[30:]]
    assert sorted(changed) == sorted([ids[0], ids[1], ids[2], ids[5], ids[7], ids[9], ids[11]])
    assert {crm[i] for i in ids[0:3]} == {"approved"} and crm[ids[7]] == "withdrawn"
    # Nothing changed since: nothing comes.
    assert crm_sync(since)[1] == 0
    # A change made while the CRM pages is seen once, by this sync or the next.
    first = get(client, f"{SIGNATURES}?per_page=10", key).json
    with app.app_context():
        decisions.reject(get_letter("climate"), [ids[20]])
        db.session.commit()
    rest: list[dict] = []
    path = local(first["_links"]["next"]["href"])
    while path:
        body = get(client, path, key).json
        rest += body["_embedded"]["osdi:signatures"]
        path = local(body["_links"]["next"]["href"]) if "next" in body["_links"] else None
    whole = first["_embedded"]["osdi:signatures"] + rest
    assert len({_id(i) for i in whole}) == len(whole)  # nobody twice in one pass
    since, count = crm_sync(since)
    assert count == 1 and crm[ids[20]] == "rejected"
    # Every (sign-on, change) reached the CRM once, and the CRM holds what the database holds.
    assert len(seen) == len(set(seen))
    with app.app_context():
        statuses = dict(db.session.execute(sa.select(SignOn.id, SignOn.status)).all())
    assert crm == statuses


def test_a_reminder_is_no_change(app, client, runner, make_letter, sign):
    from signon.signing import reminders

    make_letter("climate")
    sign("climate")
    key = new_key(runner, "climate", "--scope", "read")
    _, _, since = sync(client, key, None)
    with app.app_context():
        later = utcnow().replace(year=utcnow().year + 1)
        assert reminders.remind_pending(later) == 1
        db.session.commit()
    assert sync(client, key, since)[0] == []


def test_etags_answer_304(app, client, runner, letter):
    key = new_key(runner, "climate", "--scope", "read")
    for path in ("/api/v1/letters/climate", f"{SIGNATURES}?per_page=5"):
        first = get(client, path, key)
        tag = first.headers["ETag"]
        again = get(client, path, key, **{"If-None-Match": tag})
        assert again.status_code == 304 and not again.data
    with app.app_context():
        decisions.approve(get_letter("climate"), [letter[0]])
        db.session.commit()
    changed = get(client, "/api/v1/letters/climate", key, **{"If-None-Match": tag})
    assert changed.status_code == 200


def test_contacts_only_with_a_contacts_key_and_filters(app, client, runner, letter):
    plain = new_key(runner, "climate", "--scope", "read")
    contacts = new_key(runner, "climate", "--scope", "read", "--contacts")
    item = get(client, f"{SIGNATURES}?per_page=1", plain).json["_embedded"]["osdi:signatures"][0]
    assert "person" not in item and "c0@org0.test" not in str(item)
    assert item["organization"]["name"] == "Organisation 000"
    assert (
        item["organization"]["country"] == "KE" and "org0.test" in item["organization"]["website"]
    )
    full = get(client, f"{SIGNATURES}?per_page=1", contacts).json["_embedded"]["osdi:signatures"]
    assert full[0]["person"]["email_addresses"] == [{"address": "c0@org0.test", "primary": True}]
    with app.app_context():
        decisions.approve(get_letter("climate"), letter[:4])
        db.session.commit()
    approved = get(client, f"{SIGNATURES}?status=approved", plain).json
    assert approved["total_records"] == 4
    assert {i["status"] for i in approved["_embedded"]["osdi:signatures"]} == {"approved"}
    assert all(i["listed_name"] for i in approved["_embedded"]["osdi:signatures"])


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "modified_since=yesterday",
        "modified_since=2026-13-01",
        "per_page=101",
        "per_page=0",
        "page=0",
        "page=x",
        "after=nonsense",
        "after=2026-01-01T00:00:00Z~x",
    ],
)
def test_bad_values_get_a_400_in_json(client, runner, make_letter, query):
    make_letter("climate")
    key = new_key(runner, "climate", "--scope", "read")
    answer = get(client, f"{SIGNATURES}?{query}", key)
    assert answer.status_code == 400
    assert answer.json["errors"][0]["field"] in query


def test_a_modified_since_without_a_zone_is_utc_and_a_plus_survives(client, runner, letter):
    key = new_key(runner, "climate", "--scope", "read")
    for since in ("2000-01-01T00:00:00", "2000-01-01T00:00:00+00:00", "2000-01-01T00:00:00Z"):
        answer = get(client, f"{SIGNATURES}?modified_since={since}", key)
        assert answer.status_code == 200 and answer.json["total_records"] == 30
