"""Which column of an imported file holds which sign-on field, guessed from its header.

Headers are read in English, French, Spanish, Portuguese and Arabic, as form tools and people
write them ("Nom de l'organisation", "País", "Correo electrónico", "Carimbo de data/hora",
"المنظمة", "البلد"). Arabic words are matched inside the header, since its article and
prepositions are written joined to them ("المنظمة", "بالمنظمة"); `plain` drops the hamza and
the short vowels, so "مؤسسة" reads "موسسة".
"""

import re
import unicodedata
from collections.abc import Callable, Sequence

# The sign-on fields a column can fill, and how the organiser sees them.
FIELDS: dict[str, str] = {
    "organisation": "Organisation",
    "acronym": "Acronym",
    "country": "Country",
    "website": "Website",
    "contact_name": "Contact name",
    "email": "Email",
    "position": "Position",
    "signed_at": "Signed at",
    # Yes on a row: its contact agreed to hear of the coalition's future letters.
    "invite_consent": "Future letters",
}
IGNORE = ""

# Tried in this order: "Email of the organisation" is an email, "Pays de l'organisation" a
# country, "Position in the organisation" a position, before anything is an organisation.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "invite_consent",
        # A header that starts with "invit" ("Invitations?"), not one that mentions it.
        r"future letters|^invit|futures lettres|prochaines lettres|futuras cartas"
        r"|proximas cartas",
    ),
    (
        "signed_at",
        r"timestamp|horodat|marca temporal|\bdate\b|\bfecha\b|signed at|submitted"
        r"|\bsubmission\b|envoye le|\benviado\b|\btime\b|\bheure\b|\bhora\b"
        r"|carimbo|^data( de| da| do|$)|تاريخ|طابع زمني|الطابع الزمني|وقت الارسال",
    ),
    ("email", r"e ?mail|courriel|correo|adresse electronique|\bmel\b|بريد"),
    (
        "website",
        r"web|\bsite\b|\burl\b|\bsitio\b|\bpagina\b|homepage|page internet|رابط"
        r"|موقع (ال)?(الكتروني|ويب|انترنت)|^(ال)?موقع$",
    ),
    ("country", r"countr|\bpays\b|\bpais\b|\bnation|\bnacion|\bnacao\b|بلد|دولة"),
    (
        "acronym",
        r"acronym|\bsigle\b|\bsiglas?\b|abbreviat|abreviat|short name|nom court"
        r"|nombre corto|initials|abreviatura|اختصار|مختصر",
    ),
    (
        "position",
        r"position|\brole\b|job title|\btitle\b|fonction|\bposte\b|\bcargo\b"
        r"|\bpuesto\b|\bfuncion\b|\bqualite\b|\bfuncao\b|منصب|وظيف|صفة",
    ),
    (
        "organisation",
        r"organi[sz]|organisme|\bstructure\b|entidad|institution|institucion"
        r"|\bngo\b|\bong\b|\bcso\b|\bosc\b|association|asociacion|\bgroup|\bgroupe\b|\bgrupo\b"
        r"|coalition|coalicion|\bred\b|reseau|network|collectif|colectivo|signatory|signataire"
        r"|firmante|entidade|instituicao|associacao|\brede\b|coligacao|coalizao|signatari"
        r"|منظم|جمعية|موسسة|شبكة|تحالف|هيية|الجهة الموقعة|الجهات الموقعة",
    ),
    (
        "contact_name",
        r"contact|\bname\b|\bnom\b|\bnombre\b|prenom|apellido|surname|person"
        r"|representa|responsable|your name|full name|\bnome\b|contato|sobrenome|responsavel"
        r"|اسم|اتصال|شخص|ممثل|مسوول",
    ),
)
_COMPILED = tuple((field, re.compile(pattern)) for field, pattern in _PATTERNS)
# A header that is only one of these names the organisation when nothing else does.
_BARE_NAMES = {"name", "nom", "nombre", "names", "noms", "nombres", "nome", "nomes"}
_BARE_NAMES |= {"الاسم", "اسم", "الاسماء", "اسماء"}


def plain(header: str) -> str:
    """Lower case, no accents, every run of other characters one space."""
    decomposed = unicodedata.normalize("NFKD", header).casefold()
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def guess_field(header: str) -> str:
    """The field a header names, or "" when it names none of them."""
    text = plain(header)
    for field, pattern in _COMPILED:
        if pattern.search(text):
            return field
    return IGNORE


def guess_columns(headers: Sequence[str]) -> list[str]:
    """One field (or "") per column: each field goes to the first column that names it."""
    guesses = [guess_field(h) for h in headers]
    texts = [plain(h) for h in headers]
    if "organisation" not in guesses:
        # A lone "Name" column is the organisation's name when no column says organisation.
        for i, text in enumerate(texts):
            if text in _BARE_NAMES:
                guesses[i] = "organisation"
                break
    taken: set[str] = set()
    mapping = []
    for guess in guesses:
        mapping.append(guess if guess and guess not in taken else IGNORE)
        taken.add(guess)
    return mapping


def looks_like_header(cells: Sequence[str]) -> bool:
    """Whether a first row names columns rather than holding a sign-on."""
    return any(guess_columns(cells)) and not any("@" in c for c in cells)


def parse_mapping(spec: Sequence[str], headers: Sequence[str]) -> dict[int, str]:
    """`COLUMN=FIELD` items (a header, or a column number from 1) as column index -> field."""
    wanted: dict[int, str] = {}
    for item in spec:
        column, sep, field = item.partition("=")
        column, field = column.strip(), field.strip().lower()
        if not sep or (field and field not in FIELDS and field != "ignore"):
            raise ValueError(
                f"Write each mapping as COLUMN=FIELD, FIELD one of {', '.join(FIELDS)} "
                f"or ignore (got {item!r})."
            )
        index = _column_index(column, headers)
        wanted[index] = "" if field == "ignore" else field
    return wanted


def _column_index(column: str, headers: Sequence[str]) -> int:
    lowered = [plain(h) for h in headers]
    if plain(column) in lowered:
        return lowered.index(plain(column))
    if column.isdigit() and 1 <= int(column) <= len(headers):
        return int(column) - 1
    raise ValueError(f"No column {column!r}; the columns are: {', '.join(headers)}.")


def apply_mapping(guessed: Sequence[str], chosen: dict[int, str]) -> list[str]:
    """The guess with the organiser's choices on top; a field chosen for a column leaves others."""
    mapping = list(guessed)
    for field in chosen.values():
        if field:
            mapping = [IGNORE if f == field else f for f in mapping]
    for index, field in chosen.items():
        mapping[index] = field
    return mapping


def split_header(
    rows: Sequence[Sequence[str]], is_country: Callable[[str], bool]
) -> tuple[list[str], list[tuple[int, list[str]]], list[str]]:
    """A table's headers, its numbered data rows (numbers as in the file), and a mapping guess.

    Without a header row the columns are named "Column 1"... and guessed from their values:
    addresses with "@" are emails, values that are countries a country, the first other
    column the organisation.
    """
    start = next((i for i, row in enumerate(rows) if any(row)), len(rows))
    width = max((len(row) for row in rows), default=0)
    padded = [list(row) + [""] * (width - len(row)) for row in rows]
    if start < len(rows) and looks_like_header(padded[start]):
        headers = [h or f"Column {i + 1}" for i, h in enumerate(padded[start])]
        data = [(n + 1, padded[n]) for n in range(start + 1, len(padded))]
        return headers, data, guess_columns(headers)
    headers = [f"Column {i + 1}" for i in range(width)]
    data = [(n + 1, padded[n]) for n in range(start, len(padded))]
    return headers, data, guess_from_values([cells for _, cells in data[:200]], width, is_country)


def guess_from_values(
    sample: Sequence[Sequence[str]], width: int, is_country: Callable[[str], bool]
) -> list[str]:
    """A mapping guessed from what the columns hold, for a table without headers."""
    mapping = [IGNORE] * width
    for i in range(width):
        values = [row[i] for row in sample if i < len(row) and row[i]]
        if not values:
            continue
        if "email" not in mapping and sum("@" in v for v in values) > len(values) / 2:
            mapping[i] = "email"
        elif "country" not in mapping and sum(map(is_country, values)) > len(values) / 2:
            mapping[i] = "country"
    for i in range(width):
        if mapping[i] == IGNORE and any(i < len(row) and row[i] for row in sample):
            mapping[i] = "organisation"
            break
    return mapping
