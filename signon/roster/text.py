"""Streamed text formats: plain text, Markdown, an HTML fragment and JSON."""

import json
import re
from collections.abc import Iterator

from markupsafe import escape

from signon.domain.bidi import FSI, PDI
from signon.letters.models import Letter
from signon.roster.options import ExportOptions
from signon.roster.rows import Listing
from signon.roster.sent import sent_line, sent_on
from signon.signing.final_list import ListedSignatory


def _changed(old: tuple[str, ...], new: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(level, heading) for each heading that starts at this row."""
    for level, heading in enumerate(new):
        if level >= len(old) or old[level] != heading or old[:level] != new[:level]:
            yield level, heading


def walk(
    listing: Listing, options: ExportOptions
) -> Iterator[tuple[list[tuple[int, str]], ListedSignatory]]:
    """Each row with the headings that open before it (shared by every list format)."""
    current: tuple[str, ...] = ()
    for row in listing.rows:
        path = options.section(row, listing.mixed)
        opened = list(_changed(current, path)) if path != current else []
        current = path
        yield opened, row


def to_txt(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[str]:
    """One name per line in final order; headings, when grouped, on lines of their own."""
    first = True
    for opened, row in walk(listing, options):
        for _, heading in opened:
            yield ("" if first else "\n") + heading + "\n"
            first = False
        first = False
        yield options.label(row) + "\n"
    if line := sent_line(letter, options.heading_language):
        yield "\n" + line + "\n"


ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~&#"})


def md_escape(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links or HTML)."""
    escaped = text.translate(MD_SPECIAL)
    # A leading "+", "-" or "=" would start a list or underline a heading; "1." or "1)" a
    # numbered list: escape the punctuation (CommonMark escapes punctuation only).
    if escaped[:1] in ("+", "-", "="):
        return "\\" + escaped
    return ORDERED_MARKER.sub(r"\1\\\2", escaped, count=1)


def to_md(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[str]:
    """A Markdown list under the letter's title, with headings for groups."""
    yield f"# {md_escape(letter.title)}\n\n"
    in_list = False
    for opened, row in walk(listing, options):
        for level, heading in opened:
            yield ("\n" if in_list else "") + "#" * (level + 2) + f" {md_escape(heading)}\n\n"
            in_list = False
        yield f"- {md_escape(options.label(row))}\n"
        in_list = True
    if line := sent_line(letter, options.heading_language):
        yield f"\n{md_escape(line)}\n"


def html_label(label: str) -> str:
    """The label escaped; an isolated right-to-left name in <bdi> rather than FSI … PDI."""
    if label.startswith(FSI) and PDI in label:
        name, rest = label[1:].split(PDI, 1)
        return f"<bdi>{escape(name)}</bdi>{escape(rest)}"
    return str(escape(label))


def to_html(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[str]:
    """An HTML fragment to paste into a web page: headings and lists, every name escaped."""
    yield f'<section class="signatories" data-count="{listing.count}">\n'
    open_list = False
    for opened, row in walk(listing, options):
        if opened and open_list:
            yield "</ul>\n"
            open_list = False
        for level, heading in opened:
            tag = f"h{min(level + 2, 6)}"
            yield f"<{tag}>{escape(heading)}</{tag}>\n"
        if not open_list:
            yield "<ul>\n"
            open_list = True
        yield f'<li dir="auto">{html_label(options.label(row))}</li>\n'
    if open_list:
        yield "</ul>\n"
    if line := sent_line(letter, options.heading_language):
        yield f'<p class="sent">{escape(line)}</p>\n'
    yield "</section>\n"


def json_row(row: ListedSignatory, options: ExportOptions) -> dict:
    """One signatory for JSON: public fields, contacts only when asked."""
    item = {
        "name": row.name,
        "label": options.label(row),
        "kind": row.kind,
        "acronym": row.acronym,
        "country": row.country,
        "country_name": options.country_name(row.country),
        "website": row.website,
        "affiliation": row.affiliation,
        "signed_at": row.signed_at.date().isoformat(),
    }
    if options.include_contacts:
        item["contacts"] = [
            {"name": c.name, "email": c.email, "role": c.role} for c in row.contacts
        ]
    return item


def to_json(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[str]:
    """A JSON document written item by item, so that it never sits whole in memory."""
    day = sent_on(letter)
    head = {"slug": letter.slug, "title": letter.title, "status": letter.status}
    head["sent_on"] = day.isoformat() if day else None
    yield json.dumps({"letter": head, "count": listing.count}, ensure_ascii=False)[:-1]
    yield ', "signatories": ['
    for index, row in enumerate(listing.rows):
        yield ("\n" if index == 0 else ",\n") + json.dumps(
            json_row(row, options), ensure_ascii=False
        )
    yield "\n]}\n"
