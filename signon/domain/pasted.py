"""Text pasted from a word processor: its bullet and numbered lines become Markdown lists."""

import re

# "•", "▪", "–" and "-" start an item; "◦" (Word's second level) a nested one.
BULLET = re.compile(r"^[ \t]*([•▪●■–\-◦○])[ \t\u00a0]+(?=\S)")
NUMBERED = re.compile(r"^[ \t]*\d{1,3}[.)][ \t\u00a0]+(?=\S)")
NESTED = "◦○"
FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _is_item(line: str) -> bool:
    return bool(BULLET.match(line) or NUMBERED.match(line))


def pasted_lists(text: str) -> str:
    """The text with pasted list lines as Markdown items, a blank line before each list."""
    out: list[str] = []
    fenced = False
    for line in (text or "").split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if fenced or not _is_item(line):
            out.append(line)
            continue
        if out and out[-1].strip() and not _is_item(out[-1]) and not out[-1].startswith("  "):
            out.append("")  # a numbered item cannot interrupt a paragraph in CommonMark
        match = BULLET.match(line)
        if match and match.group(1) != "-":  # "-" and "1." are Markdown already
            indent = "  " if match.group(1) in NESTED else ""
            line = indent + "- " + line[match.end() :]
        out.append(line)
    return "\n".join(out)
