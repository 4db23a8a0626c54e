"""The parts of a letter an organiser edits, and the signature blocks' editable text."""

from flask_babel import gettext

from signon.core.errors import SignonError

# The parts an organiser edits, with their longest allowed length (None: unlimited text).
PARTS: dict[str, int | None] = {
    "title": 300,
    "letterhead": 2000,
    "reference": 200,
    "addressee": 2000,
    "subject": 300,
    "place_date": 200,
    "salutation": 200,
    "body": None,
    "closing": 200,
    "copy_line": 2000,
}
SETTINGS = (
    "signature_blocks",
    "deadline",
    "accept_individuals",
    "ordering",
    "language",
    "live_list",
    "listed_on_home",
)


def parse_signature_blocks(text: str) -> list[dict[str, str]]:
    """One sender per line: "Name | Title | Organisation" (title and organisation optional)."""
    blocks = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 3 or not parts[0]:
            raise SignonError(
                gettext(
                    "Write each sender as Name | Title | Organisation: '%(value)s'",
                    value=line.strip(),
                )
            )
        parts += [""] * (3 - len(parts))
        blocks.append(dict(zip(("name", "title", "organisation"), parts, strict=True)))
    return blocks


def format_signature_blocks(blocks: list[dict[str, str]]) -> str:
    """The editable text of the signature blocks."""
    return "\n".join(
        " | ".join(b.get(k, "") for k in ("name", "title", "organisation")).rstrip(" |")
        for b in blocks or []
    )
