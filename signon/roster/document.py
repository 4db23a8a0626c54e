"""The letter as a neutral document (blocks of styled runs, footnotes apart) for DOCX and PDF."""

import unicodedata
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError

from signon.letters.markdown import parse_markdown


@dataclass
class Run:
    """A piece of text with one style; `note` marks a footnote reference (its number)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    note: int | None = None


@dataclass
class Block:
    """A paragraph-level element: p, h1..h6, bullet, number (with its number), quote.

    A list item's later paragraphs are not `first`: they go under its text, with no marker.
    """

    kind: str
    runs: list[Run] = field(default_factory=list)
    number: int = 0
    depth: int = 0
    first: bool = True

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(run.text for run in self.runs)


HEADING_SIZE = {"h1": 15, "h2": 13.5, "h3": 12}  # pt, in PDF and DOCX; h4 to h6 are 11 pt
LISTED = ("bullet", "number")


def heading(block: Block) -> bool:
    """Whether the block is a heading (h1 to h6)."""
    return block.kind[:1] == "h" and block.kind[1:].isdigit()


def item_follows(block: Block, following: Block | None) -> bool:
    """Whether a list item follows this list paragraph: no paragraph gap between them."""
    return block.kind in LISTED and following is not None and following.kind in LISTED


@dataclass
class Body:
    """The letter body: blocks in order, and each footnote's blocks by number."""

    blocks: list[Block]
    notes: dict[int, list[Block]]


def reads_rtl(language: str | None) -> bool:
    """Whether a document in `language` reads right to left (CLDR's character order: ar, he, fa)."""
    try:
        return Locale.parse((language or "en").replace("-", "_")).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return False


def is_rtl(text: str) -> bool:
    """Whether the first strong character is right-to-left (as HTML's dir=auto decides).

    Text inside an isolate (FSI … PDI: a name set apart) does not count, as in the Unicode
    bidi algorithm: "⁨جمعية⁩ (JHI)" is a left-to-right line.
    """
    depth = 0
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("FSI", "LRI", "RLI"):
            depth += 1
        elif direction == "PDI":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif direction in ("R", "AL"):
            return True
        elif direction == "L":
            return False
    return False


def _inline(children: list) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    links: list[str] = []
    for token in children:
        kind = token.type
        style = {"bold": bold > 0, "italic": italic > 0, "link": links[-1] if links else None}
        if kind == "text" and token.content:
            runs.append(Run(token.content, **style))
        elif kind == "code_inline":
            runs.append(Run(token.content, code=True, **style))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" " if kind == "softbreak" else "\n", **style))
        elif kind == "image":
            runs.append(Run(token.content or "", **style))
        elif kind == "footnote_ref":
            runs.append(Run("", note=token.meta["id"] + 1))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            links.append(str(token.attrs.get("href", "")))
        elif kind == "link_close" and links:
            links.pop()
    return runs


def parse_body(markdown: str) -> Body:
    """Parse the Markdown body (with footnotes) into blocks."""
    blocks: list[Block] = []
    notes: dict[int, list[Block]] = {}
    target = blocks
    lists: list[list] = []  # [kind, next number]
    kind = "p"
    quote = 0
    row: list[str] = []
    fresh = False  # the next paragraph opens a list item
    for token in parse_markdown(markdown):
        t = token.type
        if t == "footnote_open":
            target = notes.setdefault(token.meta["id"] + 1, [])
        elif t == "footnote_close":
            target = blocks
        elif t in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1)) if token.attrs else 1
            lists.append(["bullet" if t == "bullet_list_open" else "number", start])
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            fresh = True
        elif t == "blockquote_open":
            quote += 1
        elif t == "blockquote_close":
            quote -= 1
        elif t == "heading_open":
            kind = token.tag
        elif t == "paragraph_open":
            kind = "quote" if quote else "p"
        elif t in ("fence", "code_block"):
            target.append(Block("p", [Run(token.content.rstrip("\n"), code=True)]))
        elif t in ("th_open", "td_open"):
            row.append("")
        elif t == "tr_close":
            target.append(Block("p", [Run(" | ".join(row))]))
            row = []
        elif t == "inline":
            if row:
                row[-1] = token.content
                continue
            block = Block(kind, _inline(token.children or []))
            if lists and kind == "p":
                block.kind, block.number, block.depth = lists[-1][0], lists[-1][1], len(lists) - 1
                block.first, fresh = fresh, False
            target.append(block)
        elif t == "list_item_close" and lists:
            lists[-1][1] += 1
    return Body(blocks, notes)


def lines(text: str) -> list[str]:
    """The non-empty lines of a multi-line letter part."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def signature_blocks(letter: object) -> list[dict[str, str]]:
    """The senders' blocks, each with name, title and organisation as text."""
    blocks = getattr(letter, "signature_blocks", None) or []
    keys = ("name", "title", "organisation")
    return [{k: str(b.get(k) or "") for k in keys} for b in blocks if isinstance(b, dict)]
