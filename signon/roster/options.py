"""What an export shows: one options object for the CLI, organiser and public downloads."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from signon.core.errors import SignonError
from signon.domain.acronyms import ACRONYM_STYLES, DEFAULT_ACRONYM_STYLE, with_acronym
from signon.domain.bidi import isolate, isolate_always
from signon.domain.countries import (
    DEFAULT_PLACEMENT,
    PLACEMENTS,
    country_name,
    country_sort_key,
    names_language,
)
from signon.domain.yes_no import yes_or_no
from signon.roster.document import reads_rtl
from signon.signing.final_list import ListedSignatory

COUNTRY_STYLES = ("none", "parentheses", "dash")
# Column key (what `--columns` and scripts name) -> the header a person reads, in the
# export's language; `cells` and `header` follow the same order.
COLUMNS = {
    "name": _l("Organisation"),
    "acronym": _l("Acronym"),
    "country": _l("Country code"),
    "country_name": _l("Country"),
    "website": _l("Website"),
    "signed_at": _l("Signed on"),
    "kind": _l("Type"),
    "affiliation": _l("Affiliation"),
}
DEFAULT_COLUMNS = ("name", "acronym", "country", "country_name", "website", "signed_at")
CONTACT_COLUMNS = (_l("Contact names"), _l("Contact emails"), _l("Contact roles"))
ORGANISATIONS_HEADING = _l("Organisations")
INDIVIDUALS_HEADING = _l("Individuals (affiliations for identification only)")
# The languages headings can be written in; country names come in many more.
HEADING_LANGUAGES = ("en", "fr", "es", "pt", "ar")
# The query arguments `parse_options` reads, as the download links and buttons carry them.
QUERY_NAMES = (
    "country",
    "group_by_country",
    "columns",
    "lang",
    "individuals_apart",
    "contacts",
    "acronym",
    "international",
)


class OptionError(SignonError):
    """An export option that we do not understand."""


@dataclass(frozen=True)
class ExportOptions:
    """How names are written and grouped; the same for every format that lists names."""

    country: str = "none"
    group_by_country: bool = False
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    # "" until an export starts: then the letter's own language (see `resolved`).
    language: str = ""
    individuals_apart: bool = True
    include_contacts: bool = False
    # "after": "Name (ACR)"; "none": the name alone.
    acronym: str = DEFAULT_ACRONYM_STYLE
    # Where International and the regions go in a list by country: "first" or "last".
    international: str = DEFAULT_PLACEMENT
    _names: dict = field(default_factory=dict, compare=False, repr=False)

    def country_name(self, code: str) -> str:
        """The country's name in the chosen language (cached per export)."""
        if code not in self._names:
            self._names[code] = country_name(code, self.language)
        return self._names[code]

    def country_key(self, code: str) -> tuple[int, str]:
        """Where a country's group goes in a list by country (International and regions apart)."""
        return country_sort_key(code, self.language, self.international)

    def name(self, row: ListedSignatory) -> str:
        """The name with its acronym as the option asks (an individual has none of their own)."""
        after = self._after_name(row)
        # A cell is a paragraph of its own: only a right-to-left name needs isolating.
        return isolate(row.name) + after if after else row.name

    @property
    def right_to_left(self) -> bool:
        """Whether the list is written right to left (headings in Arabic)."""
        return reads_rtl(self.heading_language)

    def _after_name(self, row: ListedSignatory) -> str:
        """What follows the name: " (ACR)" when the acronym is written after it, else ""."""
        if row.kind == "individual":
            return ""
        return with_acronym(row.name, row.acronym, self.acronym)[len(row.name) :]

    def _isolated(self, row: ListedSignatory, acronym: str, country: str = "") -> str:
        # With something after it, a right-to-left name is isolated (FSI … PDI): the acronym
        # and the country keep their place in a left-to-right line. Alone, it is left as is.
        # In a right-to-left list, any name is isolated with its acronym, so "Amnesty (AI)"
        # keeps its brackets before an Arabic country name.
        if not acronym and not country:
            return row.name
        if self.right_to_left:
            return isolate_always(row.name + acronym) + country
        return isolate(row.name) + acronym + country

    def label(self, row: ListedSignatory) -> str:
        """The name as listed: with its country when asked, never when grouped by country."""
        country = ""
        if self.country != "none" and not self.group_by_country and row.country:
            name = self.country_name(row.country)
            country = f" – {name}" if self.country == "dash" else f" ({name})"
        return self._isolated(row, self._after_name(row), country)

    def section(self, row: ListedSignatory, mixed: bool) -> tuple[str, ...]:
        """The headings a row sits under: its kind (when both kinds are listed), its country."""
        path: tuple[str, ...] = ()
        if self.individuals_apart and mixed:
            heading = INDIVIDUALS_HEADING if row.kind == "individual" else ORGANISATIONS_HEADING
            path += (str(heading),)
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
        return [str(COLUMNS[c]) for c in self.columns] + (
            [str(c) for c in CONTACT_COLUMNS] if self.include_contacts else []
        )

    @property
    def heading_language(self) -> str:
        """The language of headings and column headers: the chosen one if we have it (pt_BR
        is pt), else English."""
        language = self.language.split("_")[0].lower()
        return language if language in HEADING_LANGUAGES else "en"

    def resolved(self, letter_language: str) -> "ExportOptions":
        """The options with the letter's own language when the export chose none."""
        if self.language:
            return self
        return replace(self, language=letter_language or "en", _names={})

    def public(self) -> "ExportOptions":
        """The same options without anything private (for public downloads).

        A language country names are not written in is the letter's own: asking for
        `lang=xx1`, `xx2`... never makes another file to build.
        """
        return replace(
            self, include_contacts=False, language=names_language(self.language), _names={}
        )


def _flag(values: Mapping[str, str], key: str, default: bool) -> bool:
    raw = values.get(key)
    if raw is None:
        return default
    answer = yes_or_no(str(raw))
    if answer is None:
        raise OptionError(
            gettext("Option '%(key)s' takes yes or no, not '%(raw)s'.", key=key, raw=raw)
        )
    return answer


def parse_options(values: Mapping[str, str]) -> ExportOptions:
    """Options from a query string or CLI flags; raises OptionError with a clear message."""
    country = (values.get("country") or "none").strip().lower()
    if country not in COUNTRY_STYLES:
        raise OptionError(
            gettext("Option 'country' is one of %(value)s.", value=", ".join(COUNTRY_STYLES))
        )
    raw_columns = values.get("columns")
    columns = DEFAULT_COLUMNS
    if raw_columns:
        columns = tuple(c.strip() for c in str(raw_columns).split(",") if c.strip())
        unknown = [c for c in columns if c not in COLUMNS]
        if unknown or not columns:
            raise OptionError(
                gettext(
                    "Unknown column(s) %(unknown)s; choose from %(columns)s.",
                    unknown=", ".join(unknown) or "(none)",
                    columns=", ".join(COLUMNS),
                )
            )
    acronym = (values.get("acronym") or DEFAULT_ACRONYM_STYLE).strip().lower()
    if acronym not in ACRONYM_STYLES:
        raise OptionError(
            gettext("Option 'acronym' is one of %(value)s.", value=", ".join(ACRONYM_STYLES))
        )
    international = (values.get("international") or DEFAULT_PLACEMENT).strip().lower()
    if international not in PLACEMENTS:
        raise OptionError(
            gettext("Option 'international' is one of %(value)s.", value=", ".join(PLACEMENTS))
        )
    language = (values.get("lang") or "").strip()
    if language and (not language.replace("_", "").isalpha() or len(language) > 8):
        raise OptionError(
            gettext(
                "Option 'lang' is a language code such as fr or pt_BR, not '%(value)s'.",
                value=language,
            )
        )
    return ExportOptions(
        country=country,
        group_by_country=_flag(values, "group_by_country", False),
        columns=columns,
        language=language,
        individuals_apart=_flag(values, "individuals_apart", True),
        include_contacts=_flag(values, "contacts", False),
        acronym=acronym,
        international=international,
    )
