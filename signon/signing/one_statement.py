"""A form's sign-on on PostgreSQL in one statement: the busiest write, in one round trip.

`creating.create_sign_ons` takes this branch for a single sign-on with an address and no audit
entry (the form's); everything else (an import's batches, SQLite) takes the general path.
One INSERT ... with data-modifying CTEs does what the general path does statement by
statement: the signatory under its unique key (ON CONFLICT DO NOTHING), the same contact's
earlier sign-on, the new sign-on under its unique contact key (ON CONFLICT DO NOTHING) with
its consent record, and its confirmation email (or the repeat's) in the outbox. Run in
autocommit (`db.writing(one_statement=True)`) it is its own transaction: no BEGIN, no
COMMIT, and the answer comes back only once it is committed.

All of a statement's CTEs see the database as it was when it began; so when a racing
sign-on committed the same name or the same contact a moment ago (its row invisible here,
its key taken), or the name was merged into another entry, the statement stores nothing
but perhaps the signatory and answers None, and the general path decides as before.
"""

from datetime import UTC, datetime
from functools import lru_cache

import sqlalchemy as sa

from signon.mail.outbox import queued_by_statement
from signon.signing import emails
from signon.signing.models import SignOn
from signon.storage.extensions import db

_sign_ons = SignOn.__table__
# What the ORM would fill in itself (Python-side defaults), for columns the caller leaves out.
_DEFAULTS = {
    c.name: c.default.arg
    for c in _sign_ons.columns
    if c.default is not None and c.default.is_scalar and not c.primary_key
}

_SQL = """
WITH new_signatory AS (
    INSERT INTO signatories (letter_id, kind, country, name_key, created_at)
    VALUES (:letter_id, :kind, :country, :name_key, :now)
    ON CONFLICT (letter_id, kind, country, name_key) DO NOTHING
    RETURNING id
), place AS (
    SELECT id, true AS is_new FROM new_signatory
    UNION ALL
    SELECT id, false FROM signatories
    WHERE letter_id = :letter_id AND kind = :kind AND country = :country
      AND name_key = :name_key AND merged_into_id IS NULL
), earlier AS (
    SELECT s.id, s.contact_email FROM sign_ons s JOIN place p ON s.signatory_id = p.id
    WHERE NOT p.is_new AND lower(s.contact_email) = :email_lower AND s.anonymised_at IS NULL
    ORDER BY s.id LIMIT 1
), new_sign_on AS (
    INSERT INTO sign_ons ({columns}, signatory_id, contact_key)
    SELECT {values}, p.id,
        encode(sha256(convert_to(p.id::text || ':' || :email_lower, 'UTF8')), 'hex')
    FROM place p WHERE NOT EXISTS (SELECT 1 FROM earlier)
    ON CONFLICT (contact_key) DO NOTHING
    RETURNING id
), mail AS (
    INSERT INTO outbox (recipient, subject, template, params, letter_id, sign_on_id, status,
                        attempts, last_error, created_at, next_attempt_at)
    SELECT :email, :confirm_subject, :confirm_template, json_build_object('sign_on_id', n.id),
           :letter_id, n.id, 'pending', 0, '', :now, :now
    FROM new_sign_on n WHERE :confirm
    UNION ALL
    SELECT e.contact_email, :repeat_subject, :repeat_template,
           json_build_object('sign_on_id', e.id), :letter_id, e.id, 'pending', 0, '', :now, :now
    FROM earlier e WHERE :tell_repeats
    RETURNING id
)
SELECT p.id AS signatory_id, n.id AS new_id, e.id AS earlier_id, e.contact_email,
       (SELECT array_agg(id) FROM mail) AS messages
FROM place p LEFT JOIN new_sign_on n ON true LEFT JOIN earlier e ON true
"""


@lru_cache(maxsize=64)
def _statement(columns: tuple[str, ...]) -> sa.TextClause:
    """The statement for these columns (built once per set of columns)."""
    values = ", ".join(f":c_{name}" for name in columns)
    return sa.text(_SQL.format(columns=", ".join(columns), values=values))


def _naive_utc(value: object) -> object:
    """Timestamps as the columns store them (naive UTC, as `UTCDateTime` binds them)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def create_one(
    values: dict[str, object],
    name_key: str,
    subjects: tuple[str, str],
    confirm: bool,
    tell_repeats: bool,
    now: datetime,
) -> tuple[int, int | None, bool, str] | None:
    """Store one sign-on from its column `values` (no signatory yet); None: take the general path.

    Returns (signatory id, sign-on id, whether new, the earlier sign-on's address).
    """
    row = {**_DEFAULTS, **values, "created_at": values.get("created_at") or now}
    row.pop("signatory_id", None)
    row.pop("contact_key", None)
    columns = tuple(sorted(row))
    email = str(values["contact_email"])
    params = {f"c_{name}": _naive_utc(value) for name, value in row.items()}
    params |= {
        "letter_id": values["letter_id"],
        "kind": values["signing_as"],
        "country": values["country"],
        "name_key": name_key,
        "now": _naive_utc(now),
        "email": email,
        "email_lower": email.lower(),
        "confirm_subject": subjects[0],
        "repeat_subject": subjects[1],
        "confirm_template": emails.CONFIRM,
        "repeat_template": emails.REPEAT,
        "confirm": confirm,
        "tell_repeats": tell_repeats,
    }
    found = db.session.execute(_statement(columns), params).first()
    if found is None or (found.new_id is None and found.earlier_id is None):
        return None
    queued_by_statement(found.messages or [])
    if found.new_id is not None:
        return found.signatory_id, found.new_id, True, ""
    return found.signatory_id, found.earlier_id, False, found.contact_email
