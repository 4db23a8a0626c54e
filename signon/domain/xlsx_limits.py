"""What an uploaded XLSX workbook may cost to read, checked before openpyxl parses any of it.

A 100 KB workbook can unpack to gigabytes of XML (one row of two million cells, a
shared-strings table of millions of entries): openpyxl would parse all of it, even in
read-only mode, before our row and column limits could apply. So the parts' unpacked sizes
(which bound what zipfile will ever read of them) and their cells are counted first, by a
byte search that costs next to nothing, and a workbook over the limits is refused plainly.
"""

import io
import re
import zipfile

MAX_PARTS = 2_000
MAX_UNPACKED = 60 * 1024 * 1024  # bytes of all the parts together, unpacked
MAX_CELLS = 300_000  # cell elements of all the sheets (empty ones too)
MAX_STRINGS = 300_000  # entries of the shared-strings table
_CHUNK = 1 << 20
# <c ...>, <x:c ...>; <si>, <x:si ...>; a DTD (entity expansion) has no place in a workbook.
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_OVERLAP = 64  # bytes kept from one chunk to the next, so that no tag is cut in two


class TooMuchWork(ValueError):
    """A workbook over one of the limits, or built to be expensive: the message says which."""


def check_workbook(data: bytes) -> None:
    """Raise TooMuchWork (or zipfile.BadZipFile) unless the workbook is cheap to read."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise TooMuchWork("This workbook has too many parts: save the list as CSV.")
        if sum(part.file_size for part in parts) > MAX_UNPACKED:
            raise TooMuchWork(
                f"This workbook unpacks to more than {MAX_UNPACKED // 2**20} MB: keep only "
                "the list's sheet, or save it as CSV."
            )
        cells = strings = 0
        for part in parts:
            if not part.filename.endswith((".xml", ".rels")):
                continue
            found = _count(archive, part)
            cells += found[0] if "worksheets/" in part.filename else 0
            strings += found[1] if part.filename.endswith("sharedStrings.xml") else 0
            if cells > MAX_CELLS:
                raise TooMuchWork(
                    f"This workbook has more than {MAX_CELLS:,} cells: keep only the list's "
                    "sheet and columns, or save it as CSV."
                )
            if strings > MAX_STRINGS:
                raise TooMuchWork(f"This workbook has more than {MAX_STRINGS:,} different texts.")


def _count(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> tuple[int, int]:
    """Cells and shared strings of one part, read in chunks; TooMuchWork on a DTD."""
    cells = strings = 0
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if _DTD.search(window):
                raise TooMuchWork("This workbook is damaged: save it again as .xlsx or CSV.")
            # Tags that end in the last bytes are counted with the next chunk, whole.
            limit = max(len(window) - _OVERLAP, 0)
            cells += len(_CELL.findall(window, 0, limit))
            strings += len(_STRING.findall(window, 0, limit))
            if cells > MAX_CELLS or strings > MAX_STRINGS:
                return cells, strings
            tail = window[limit:]
    return cells + len(_CELL.findall(tail)), strings + len(_STRING.findall(tail))
