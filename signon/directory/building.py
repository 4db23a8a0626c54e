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
    languages: set[str] = field(default_factory=set)
    # Name keys of its spellings and acronyms, one a line: what a search looks in.
    search_text: str = ""
    # By slug and by address in lower case, in the order they came.
    by_letter: dict[str, LetterSigned] = field(default_factory=dict)
    by_email: dict[str, Contact] = field(default_factory=dict)

    @property
    def letters(self) -> list[LetterSigned]:
        """The letters it signed, earliest first."""
        return list(self.by_letter.values())

    @property
    def contacts(self) -> list[Contact]:
        """The people who signed for it and are not erased."""
        return list(self.by_email.values())

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


def approved_rows() -> Iterable[tuple]:
    """Every approved sign-on of an organisation, letter by letter, earliest first."""
    home = sa.func.coalesce(SignOn.home_id, SignOn.signatory_id)
    # Core rows read as plain tuples: fifteen thousand of them are read for one page.
    return db.session.connection().execute(
        sa.select(*_COLUMNS)
        .join(_Home, _Home.id == home)
        .join(Signatory, Signatory.id == SignOn.signatory_id)
        .join(Letter, Letter.id == SignOn.letter_id)
        .where(SignOn.status == SignOnStatus.APPROVED, _Home.kind == SignerKind.ORGANISATION)
        .order_by(Letter.id, SignOn.id)
    )


def build(unions: Unions) -> list[Organisation]:
    """The directory, in alphabetical order of the names."""
    found: dict[Node, Organisation] = {}
    roots: dict[Node, Node] = {}
    for row in approved_rows():
        node = (row[9], row[10])
        root = roots.get(node)
        if root is None:
            root = roots[node] = unions.find(node)
        organisation = found.get(root)
        if organisation is None:
            organisation = found[root] = Organisation(key=f"{root[0]}:{root[1]}")
        _add(organisation, node, *row)
    organisations = list(found.values())
    for organisation in organisations:
        keys = {name_key(s) for s in organisation.spellings} | {name_key(organisation.acronym)}
        organisation.search_text = "\n".join(sorted(keys))
    organisations.sort(key=lambda o: sort_key(o.name))
    return organisations


def _add(
    organisation: Organisation, node: Node, name: str, acronym: str, website: str,
    contact_name: str, email: str, role: str, language: str, home_id: int | None,
    anonymised_at: object, _country: str, _key: str, display_name: str | None, slug: str,
    title: str,
) -> None:  # fmt: skip
    """Fold one sign-on in (the columns of `_COLUMNS`): later letters' details win."""
    # The organisers' chosen spelling names the entry's own spelling; a spelling merged into
    # it on that letter keeps its own name here (the merge is only offered to the directory).
    if home_id is None and display_name:
        name = display_name
    organisation.nodes.add(node)
    organisation.name = name
    organisation.country = node[0]
    organisation.acronym = acronym or organisation.acronym
    organisation.website = website or organisation.website
    organisation.languages.add(language)
    if name not in organisation.spellings:
        organisation.spellings.append(name)
    if slug not in organisation.by_letter:
        organisation.by_letter[slug] = LetterSigned(slug, title)
    if anonymised_at is not None or not email:
        return  # erased: the organisation stays, its contact does not
    contact = organisation.by_email.get(email.lower())
    if contact is None:
        contact = organisation.by_email[email.lower()] = Contact(
            contact_name, email, role, language
        )
    else:
        contact.name, contact.role, contact.language = contact_name, role, language
    if slug not in contact.letters:
        contact.letters.append(slug)
