"""Finding organisations in the directory: by name or acronym, country, region, language,
letters signed; a page at a time."""

from collections.abc import Mapping
from dataclasses import dataclass

from signon.directory.building import Organisation
from signon.domain.names import name_key

PAGE_SIZE = 50
MAX_TEXT = 200  # a longer search is cut: no name is that long


@dataclass(frozen=True)
class Filters:
    """What the organiser asked for; empty values ask for nothing."""

    text: str = ""
    country: str = ""
    region: str = ""
    language: str = ""
    letters: tuple[str, ...] = ()  # signed every one of them

    @classmethod
    def from_args(cls, args: Mapping) -> "Filters":
        """Read from a query string (`q`, `country`, `region`, `language`, `letter`...)."""
        letters = args.getlist("letter") if hasattr(args, "getlist") else [args.get("letter", "")]
        return cls(
            text=(args.get("q") or "")[:MAX_TEXT].strip(),
            country=(args.get("country") or "").strip().upper()[:2],
            region=(args.get("region") or "").strip(),
            language=(args.get("language") or "").strip(),
            letters=tuple(slug for slug in letters if slug),
        )

    def query(self) -> dict[str, object]:
        """The filters as a query string's values, for links to other pages and the export."""
        values = {
            "q": self.text,
            "country": self.country,
            "region": self.region,
            "language": self.language,
        }
        found: dict[str, object] = {k: v for k, v in values.items() if v}
        if self.letters:
            found["letter"] = list(self.letters)
        return found


def matching(organisations: list[Organisation], filters: Filters) -> list[Organisation]:
    """The organisations that meet every filter, in the directory's order."""
    needle = name_key(filters.text) if filters.text else ""
    wanted = set(filters.letters)
    return [
        o
        for o in organisations
        if (not needle or needle in o.search_text)
        and (not filters.country or filters.country in o.countries)
        and (not filters.region or filters.region in o.regions)
        and (not filters.language or filters.language in o.languages)
        and wanted <= o.slugs
    ]


@dataclass(frozen=True)
class Page:
    """One page of the organisations found."""

    items: list[Organisation]
    number: int
    pages: int
    total: int


def page(found: list[Organisation], number: int, size: int = PAGE_SIZE) -> Page:
    """Page `number` (from 1; a number past the end shows the last page)."""
    pages = max(1, -(-len(found) // size))
    number = min(max(1, number), pages)
    start = (number - 1) * size
    return Page(found[start : start + size], number, pages, len(found))


def page_number(value: str | None) -> int:
    """The page asked for; 1 for anything that is not a small positive number."""
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 7 else 1
