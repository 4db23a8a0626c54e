"""The rows of an imported table as sign-ons: cleaned, countries resolved, problems named."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from signon.domain.country_lookup import lookup_country
from signon.domain.messages import translatable as _t
from signon.domain.names import clean_text, name_key
from signon.domain.sign_on_fields import normalise_website, row_problems
from signon.domain.yes_no import YES_WORDS

_NUMERIC_DATE = re.compile(
    r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)

# A yes in a form tool's export, in the languages its headers are read in; anything else
# (blank included) is no: consent is never assumed.
_YES = YES_WORDS | {"y", "x", "oui", "si", "sí", "sim", "agreed", "d'accord", "de acuerdo"}


def says_yes(cell: str) -> bool:
    """Whether a cell of a yes/no column says yes."""
    return cell.strip().casefold() in _YES


@dataclass(frozen=True)
class ImportRow:
    """One row as it will be stored, with what stops it being stored."""

    number: int  # the row's number in the file (or the line's, in pasted text)
    organisation: str = ""
    acronym: str = ""
    country: str = ""  # ISO code, or "" when unresolved
    country_text: str = ""  # as typed
    website: str = ""
    contact_name: str = ""
    email: str = ""
    position: str = ""
    signed_at: datetime | None = None
    invite_consent: bool = False  # only a yes in the file's own column says so
    problems: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The name key the sign-on matching uses."""
        return name_key(self.organisation)


def day_first(values: Sequence[str]) -> bool:
    """Whether a column's d/m/y dates put the day first (30/01) rather than the month (01/30)."""
    for value in values:
        match = _NUMERIC_DATE.match(value.strip())
        if match and len(match[1]) <= 2:
            if int(match[1]) > 12:
                return True
            if int(match[2]) > 12:
                return False
    return True


def parse_date(value: str, day_is_first: bool = True) -> datetime | None:
    """An ISO or numeric date and time as UTC; None when it cannot be read."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None:
        match = _NUMERIC_DATE.match(value)
        if not match:
            return None
        a, b, c, hour, minute, second = match.groups()
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        else:
            day, month = (int(a), int(b)) if day_is_first else (int(b), int(a))
            year = int(c) + (2000 if len(c) == 2 else 0)
        try:
            parsed = datetime(year, month, day, int(hour or 0), int(minute or 0), int(second or 0))
        except ValueError:
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def prepare_rows(
    rows: Sequence[tuple[int, Sequence[str]]],
    mapping: Sequence[str],
    *,
    countries: Mapping[str, str] = {},
    default_country: str = "",
    needs_email: bool = False,
    website: Callable[[str], str] = normalise_website,
) -> list[ImportRow]:
    """Each (number, cells) row as a sign-on; `countries` holds the organiser's choices."""
    columns = {field: i for i, field in enumerate(mapping) if field}
    dates = (
        [_get(cells, columns, "signed_at") for _, cells in rows] if "signed_at" in columns else []
    )
    dmy = day_first(dates)
    looked_up: dict[str, tuple[str, str]] = {}
    prepared = []
    for number, cells in rows:
        values = {f: clean_text(_get(cells, columns, f)) for f in columns}
        if not any(values.values()):
            continue  # an empty line
        organisation = values.get("organisation", "")
        if "website" in values:
            values["website"] = website(values["website"])
        # The form's rules, field by field (an email as the form keeps it: xn-- domains).
        problems, _ = row_problems({f: v for f, v in values.items() if f != "email"})
        if not organisation:
            problems.insert(0, _t("No organisation name."))
        typed = values.get("country", "")
        if typed not in looked_up:
            looked_up[typed] = _country(typed, countries, default_country)
        code, problem = looked_up[typed]
        if problem:
            problems.append(problem)
        email_problems, email = row_problems({"email": values.get("email", "")})
        problems += email_problems
        if not email and needs_email:
            problems.append(_t("No email address to send the confirmation to."))
        signed_at = None
        if values.get("signed_at"):
            signed_at = parse_date(values["signed_at"], dmy)
            if signed_at is None:
                problems.append(_t("The date “%(date)s” cannot be read.", date=values["signed_at"]))
        prepared.append(
            ImportRow(
                number=number,
                organisation=organisation,
                acronym=values.get("acronym", ""),
                country=code,
                country_text=typed,
                website=values.get("website", ""),
                contact_name=values.get("contact_name", ""),
                email=email,
                position=values.get("position", ""),
                signed_at=signed_at,
                invite_consent=says_yes(values.get("invite_consent", "")),
                problems=tuple(problems),
            )
        )
    return prepared


def _get(cells: Sequence[str], columns: Mapping[str, int], field: str) -> str:
    index = columns.get(field)
    return cells[index] if index is not None and index < len(cells) else ""


def _country(typed: str, chosen: Mapping[str, str], default: str) -> tuple[str, str]:
    """The code for a typed country and the problem, if any."""
    if not typed:
        return (default, "") if default else ("", _t("No country."))
    if chosen.get(typed):
        return chosen[typed], ""
    found = lookup_country(typed)
    if found.resolved:
        return found.code, ""
    if found.candidates:
        return "", _t("Choose which country “%(typed)s” means.", typed=typed)
    return "", _t("Unknown country “%(typed)s”: choose it.", typed=typed)


def unresolved_countries(rows: Sequence[ImportRow]) -> dict[str, tuple[str, ...]]:
    """Typed countries no code was found for, each with the codes it could mean."""
    found: dict[str, tuple[str, ...]] = {}
    for row in rows:
        if row.country_text and not row.country and row.country_text not in found:
            found[row.country_text] = lookup_country(row.country_text).candidates
    return found


def repeats_in_file(rows: Sequence[ImportRow]) -> dict[int, int]:
    """Row number -> the earlier row it repeats (same name key and country)."""
    first: dict[tuple[str, str], int] = {}
    repeats = {}
    for row in rows:
        if not row.organisation or not row.country:
            continue
        key = (row.country, row.key)
        if key in first:
            repeats[row.number] = first[key]
        else:
            first[key] = row.number
    return repeats
