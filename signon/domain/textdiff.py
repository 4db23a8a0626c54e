"""A readable inline difference of two texts: words struck out and words added, per paragraph."""

import difflib
import re
from dataclasses import dataclass
from itertools import chain

from signon.domain.messages import translatable

# A paragraph break, a run of other white space, or a word (with its punctuation).
TOKENS = re.compile(r"\n\s*\n|\s+|[^\s]+")
BREAK = "\n\n"
# Word-by-word comparison costs up to the product of the two passages' lengths in tokens:
# beyond this, a changed passage is shown whole, removed then added (20 KB a side: 5 s before).
WORD_DIFF_LIMIT = 1_000_000
TOO_LONG = translatable(
    "Too long to compare word by word: the passage is shown as removed, then as added."
)


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
        if BREAK not in piece.text:  # kept whole: a note stays a translatable Message
            paragraphs[-1].append(piece)
            continue
        parts = piece.text.split(BREAK)
        for i, part in enumerate(parts):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Piece(piece.kind, part))
    return [p for p in paragraphs if p]


def _split(tokens: list[str]) -> list[tuple[str, ...]]:
    paragraphs: list[list[str]] = [[]]
    for token in tokens:
        if token == BREAK:
            paragraphs.append([])
        else:
            paragraphs[-1].append(token)
    return [tuple(p) for p in paragraphs]


def _joined(paragraphs: list[tuple[str, ...]]) -> list[str]:
    """The tokens of these paragraphs, with their breaks."""
    tokens: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        tokens.extend(chain([BREAK] if i else [], paragraph))
    return tokens


def _word_pieces(a: list[str], b: list[str]) -> list[Piece]:
    """Removed and added words of two passages, or both whole when they are too long."""
    if len(a) * len(b) > WORD_DIFF_LIMIT:
        return [Piece("note", TOO_LONG), Piece("del", "".join(a)), Piece("ins", "".join(b))]
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    return pieces


def _changed_passages(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list:
    """Paragraph-level opcodes, bounded like the words' (whole paragraphs are compared)."""
    if len(old) * len(new) > WORD_DIFF_LIMIT:
        return [("replace", 0, len(old), 0, len(new))]
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def inline_diff(old: str, new: str) -> list[list[Piece]]:
    """The paragraphs around each change, with removed and added words marked.

    Unchanged paragraphs are left out, except one either side of a change (and "…" where
    more were skipped), so the reader sees where a change is. Paragraphs are matched first;
    the words of each changed passage are compared within `WORD_DIFF_LIMIT`.
    """
    a, b = _split(_tokens(old)), _split(_tokens(new))
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in _changed_passages(a, b):
        if pieces:
            pieces.append(Piece("same", BREAK))
        if op == "equal":
            pieces.append(Piece("same", "".join(_joined(a[i1:i2]))))
        else:
            pieces.extend(_word_pieces(_joined(a[i1:i2]), _joined(b[j1:j2])))
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
