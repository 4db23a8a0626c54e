"""The directory of the coalition's organisations, read from the approved sign-ons of every letter.

Each approved sign-on of an organisation belongs to its home: the signatory of its own name
and country on its letter (`SignOn.home_id`, else `signatory_id`). Homes with the same name key
and country are one organisation across letters, the rule that joins two sign-ons on one
letter; the merges an administrator accepted on the directory page (`decisions`) join more.
Nothing is copied out of the sign-ons: an erased contact is gone from the directory at once,
and an organisation with no contact left stays as a name only.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import orm

from signon.directory.decisions import Node, Unions
from signon.domain.collation import sort_key
from signon.domain.names import name_key
from signon.domain.regions import region_of
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus
from signon.storage.extensions import db

_Home = orm.aliased(Signatory)
_COLUMNS = (
    SignOn.organisation,
    SignOn.acronym,
    SignOn.website,
    SignOn.contact_name,
    SignOn.contact_email,
    SignOn.role,
    SignOn.language,
    SignOn.home_id,
    SignOn.anonymised_at,
    _Home.country.label("home_country"),
    _Home.name_key.label("home_key"),
    Signatory.display_name,
    Letter.slug,
    Letter.title,
)


@dataclass(frozen=True)
class LetterSigned:
    """A letter the organisation is on."""

    slug: str
    title: str


@dataclass
class Contact:
    """A person who signed for the organisation, with the letters they signed."""

    name: str
    email: str
    role: str
    language: str
    letters: list[str] = field(default_factory=list)


@dataclass
class Organisation:
    """One organisation of the directory: its latest details, letters and contacts."""

    key: str  # "CC:name key" of its first spelling: stable while its spellings are
    name: str = ""
    acronym: str = ""
    country: str = ""
    website: str = ""
    nodes: set[Node] = field(default_factory=set)
    spellings: list[str] = field(default_factory=list)
    letters: list[LetterSigned] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    languages: set[str] = field(default_factory=set)
    # Name keys of its spellings and acronyms, one a line: what a search looks in.
    search_text: str = ""

    @property
    def countries(self) -> set[str]:
        """Every country it signed from."""
        return {country for country, _ in self.nodes}

    @property
    def regions(self) -> set[str]:
        """The regions of its countries (the overview's)."""
        return {region_of(country) for country in self.countries}

    @property
    def slugs(self) -> set[str]:
        """The letters it signed, by slug."""
        return {letter.slug for letter in self.letters}


def approved_rows() -> Iterable[sa.Row]:
    """Every approved sign-on of an organisation, letter by letter, earliest first."""
    home = sa.func.coalesce(SignOn.home_id, SignOn.signatory_id)
    return db.session.execute(
        sa.select(*_COLUMNS)
        .join(_Home, _Home.id == home)
        .join(Signatory, Signatory.id == SignOn.signatory_id)
        .join(Letter, Letter.id == SignOn.letter_id)
        .where(SignOn.status == SignOnStatus.APPROVED, _Home.kind == SignerKind.ORGANISATION)
        .order_by(Letter.id, SignOn.id)
    )


def _name(row: sa.Row) -> str:
    # The organisers' chosen spelling names the entry's own spelling; a spelling merged into
    # it on that letter keeps its own name here (the merge is only offered to the directory).
    return (row.home_id is None and row.display_name) or row.organisation


def build(unions: Unions) -> list[Organisation]:
    """The directory, in alphabetical order of the names."""
    found: dict[Node, Organisation] = {}
    for row in approved_rows():
        node = (row.home_country, row.home_key)
        root = unions.find(node)
        organisation = found.get(root)
        if organisation is None:
            organisation = found[root] = Organisation(key=f"{root[0]}:{root[1]}")
        _add(organisation, node, row)
    organisations = list(found.values())
    for organisation in organisations:
        keys = {name_key(s) for s in organisation.spellings} | {name_key(organisation.acronym)}
        organisation.search_text = "\n".join(sorted(keys))
    organisations.sort(key=lambda o: sort_key(o.name))
    return organisations


def _add(organisation: Organisation, node: Node, row: sa.Row) -> None:
    """Fold one sign-on in: later letters' details replace earlier ones."""
    name = _name(row)
    organisation.nodes.add(node)
    organisation.name = name
    organisation.country = node[0]
    organisation.acronym = row.acronym or organisation.acronym
    organisation.website = row.website or organisation.website
    organisation.languages.add(row.language)
    if name not in organisation.spellings:
        organisation.spellings.append(name)
    if not any(letter.slug == row.slug for letter in organisation.letters):
        organisation.letters.append(LetterSigned(row.slug, row.title))
    if row.anonymised_at is not None or not row.contact_email:
        return  # erased: the organisation stays, its contact does not
    email = row.contact_email.lower()
    contact = next((c for c in organisation.contacts if c.email.lower() == email), None)
    if contact is None:
        contact = Contact(row.contact_name, row.contact_email, row.role, row.language)
        organisation.contacts.append(contact)
    else:
        contact.name, contact.role, contact.language = row.contact_name, row.role, row.language
    if row.slug not in contact.letters:
        contact.letters.append(row.slug)
