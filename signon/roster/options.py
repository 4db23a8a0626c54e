"""What an export shows: one options object for the CLI, organiser and public downloads."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from signon.domain.acronyms import ACRONYM_STYLES, DEFAULT_ACRONYM_STYLE, with_acronym
from signon.domain.countries import country_name
from signon.domain.yes_no import yes_or_no
from signon.errors import SignonError
from signon.signing.listing import ListedSignatory

COUNTRY_STYLES = ("none", "parentheses", "dash")
# Column key -> header. "organisation" is kept as the name's header: older CSVs used it.
COLUMNS = {
    "name": "organisation",
    "acronym": "acronym",
    "country": "country",
    "country_name": "country_name",
    "website": "website",
    "signed_at": "signed_at",
    "kind": "kind",
    "affiliation": "affiliation",
}
DEFAULT_COLUMNS = ("name", "acronym", "country", "country_name", "website", "signed_at")
CONTACT_COLUMNS = ("contact_names", "contact_emails", "contact_roles")
ORGANISATIONS_HEADING = "Organisations"
INDIVIDUALS_HEADING = "Individuals (affiliations for identification only)"


class OptionError(SignonError):
    """An export option that we do not understand."""


@dataclass(frozen=True)
class ExportOptions:
    """How names are written and grouped; the same for every format that lists names."""

    country: str = "none"
    group_by_country: bool = False
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    language: str = "en"
    individuals_apart: bool = True
    include_contacts: bool = False
    # "after": "Name (ACR)"; "none": the name alone.
    acronym: str = DEFAULT_ACRONYM_STYLE
    _names: dict = field(default_factory=dict, compare=False, repr=False)

    def country_name(self, code: str) -> str:
        """The country's name in the chosen language (cached per export)."""
        if code not in self._names:
            self._names[code] = country_name(code, self.language)
        return self._names[code]

    def name(self, row: ListedSignatory) -> str:
        """The name with its acronym as the option asks (an individual has none of their own)."""
        if row.kind == "individual":
            return row.name
        return with_acronym(row.name, row.acronym, self.acronym)

    def label(self, row: ListedSignatory) -> str:
        """The name as listed: with its country when asked, never when grouped by country."""
        name = self.name(row)
        if self.country == "none" or self.group_by_country or not row.country:
            return name
        if self.country == "dash":
            return f"{name} – {self.country_name(row.country)}"
        return f"{name} ({self.country_name(row.country)})"

    def section(self, row: ListedSignatory, mixed: bool) -> tuple[str, ...]:
        """The headings a row sits under: its kind (when both kinds are listed), its country."""
        path: tuple[str, ...] = ()
        if self.individuals_apart and mixed:
            path += (INDIVIDUALS_HEADING if row.kind == "individual" else ORGANISATIONS_HEADING,)
        if self.group_by_country:
            path += (self.country_name(row.country),)
        return path

    def cells(self, row: ListedSignatory) -> list[str]:
        """The chosen columns of a row (plus contacts when asked), as text."""
        # With an acronym column beside it, the name column keeps the name alone.
        values = {
            "name": row.name if "acronym" in self.columns else self.name(row),
            "acronym": row.acronym,
            "country": row.country,
            "country_name": self.country_name(row.country),
            "website": row.website,
            "signed_at": row.signed_at.date().isoformat(),
            "kind": row.kind,
            "affiliation": row.affiliation,
        }
        cells = [values[column] for column in self.columns]
        if self.include_contacts:
            cells += [
                "; ".join(c.name for c in row.contacts),
                "; ".join(c.email for c in row.contacts),
                "; ".join(c.role for c in row.contacts if c.role),
            ]
        return cells

    def header(self) -> list[str]:
        """Column headers matching `cells`."""
        return [COLUMNS[c] for c in self.columns] + (
            list(CONTACT_COLUMNS) if self.include_contacts else []
        )

    def public(self) -> "ExportOptions":
        """The same options without anything private (for public downloads)."""
        return replace(self, include_contacts=False, _names={})


def _flag(values: Mapping[str, str], key: str, default: bool) -> bool:
    raw = values.get(key)
    if raw is None:
        return default
    answer = yes_or_no(str(raw))
    if answer is None:
        raise OptionError(f"Option {key!r} takes yes or no, not {raw!r}.")
    return answer


def parse_options(values: Mapping[str, str]) -> ExportOptions:
    """Options from a query string or CLI flags; raises OptionError with a clear message."""
    country = (values.get("country") or "none").strip().lower()
    if country not in COUNTRY_STYLES:
        raise OptionError(f"Option 'country' is one of {', '.join(COUNTRY_STYLES)}.")
    raw_columns = values.get("columns")
    columns = DEFAULT_COLUMNS
    if raw_columns:
        columns = tuple(c.strip() for c in str(raw_columns).split(",") if c.strip())
        unknown = [c for c in columns if c not in COLUMNS]
        if unknown or not columns:
            raise OptionError(
                f"Unknown column(s) {', '.join(unknown) or '(none)'}; "
                f"choose from {', '.join(COLUMNS)}."
            )
    acronym = (values.get("acronym") or DEFAULT_ACRONYM_STYLE).strip().lower()
    if acronym not in ACRONYM_STYLES:
        raise OptionError(f"Option 'acronym' is one of {', '.join(ACRONYM_STYLES)}.")
    language = (values.get("lang") or "en").strip()
    if not language.replace("_", "").isalpha() or len(language) > 8:
        raise OptionError(
            f"Option 'lang' is a language code such as fr or pt_BR, not {language!r}."
        )
    return ExportOptions(
        country=country,
        group_by_country=_flag(values, "group_by_country", False),
        columns=columns,
        language=language,
        individuals_apart=_flag(values, "individuals_apart", True),
        include_contacts=_flag(values, "contacts", False),
        acronym=acronym,
    )
