"""A readable inline difference of two texts: words struck out and words added, per paragraph."""

import difflib
import re
from dataclasses import dataclass

# A paragraph break, a run of other white space, or a word (with its punctuation).
TOKENS = re.compile(r"\n\s*\n|\s+|[^\s]+")
BREAK = "\n\n"


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same, removed ("del") or added ("ins")."""

    kind: str
    text: str


def _tokens(text: str) -> list[str]:
    return [BREAK if t.count("\n") > 1 else t for t in TOKENS.findall(text.strip())]


def _paragraphs(pieces: list[Piece]) -> list[list[Piece]]:
    """Cut the pieces at paragraph breaks (a removed or added break ends a paragraph too)."""
    paragraphs: list[list[Piece]] = [[]]
    for piece in pieces:
        parts = piece.text.split(BREAK)
        for i, part in enumerate(parts):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Piece(piece.kind, part))
    return [p for p in paragraphs if p]


def inline_diff(old: str, new: str) -> list[list[Piece]]:
    """The paragraphs around each change, with removed and added words marked.

    Unchanged paragraphs are left out, except one either side of a change (and "…" where
    more were skipped), so the reader sees where a change is.
    """
    a, b = _tokens(old), _tokens(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    paragraphs = _paragraphs(pieces)
    changed = [i for i, p in enumerate(paragraphs) if any(x.kind != "same" for x in p)]
    near = {j for i in changed for j in (i - 1, i, i + 1)}
    shown: list[list[Piece]] = []
    for i, paragraph in enumerate(paragraphs):
        if i in near:
            shown.append(paragraph)
        elif shown and shown[-1] != [Piece("same", "…")]:
            shown.append([Piece("same", "…")])
    if shown and shown[-1] == [Piece("same", "…")]:
        shown.pop()
    return shown
