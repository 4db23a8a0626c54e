"""A Word document that reads right to left (a letter in Arabic): its bidi settings.

Word reads direction from three places: the section's `<w:bidi/>` (columns and the page's
start side), each paragraph's `<w:bidi/>` (a right-to-left paragraph, aligned to its start,
the right, with list indents on the right) and each run's `<w:rtl/>` (complex-script text,
shaped with the cs font). Latin runs inside keep no `<w:rtl/>`: Word then lays them out left
to right within the line, as a browser does with a Latin name on an Arabic page.
"""

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from signon.domain.bidi import has_rtl

# The elements that follow <w:bidi/> in a paragraph's properties (ECMA-376 CT_PPrBase order).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
# The elements that follow <w:rtl/> in a run's properties (CT_RPr order).
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
# The elements that follow <w:bidi/> in a section's properties (CT_SectPr order).
_AFTER_SECTION_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
# Those that follow <w:bidiVisual/> in a table's properties (CT_TblPr order).
_AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def _first_child(parent: etree._Element, tag: str, successors: tuple[str, ...]) -> None:
    """Add an empty `tag` to `parent` in its schema place, unless it is there already."""
    if parent.find(qn(tag)) is not None:
        return
    element = OxmlElement(tag)
    for name in successors:
        later = parent.find(qn(name))
        if later is not None:
            later.addprevious(element)
            return
    parent.append(element)


def _properties(owner: etree._Element, tag: str) -> etree._Element:
    """The owner's properties element (w:pPr, w:rPr), made first when missing."""
    found = owner.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        owner.insert(0, found)
    return found


# Word draws complex-script text (any run marked w:rtl) with the cs twins of bold, italic and
# size: without w:bCs an Arabic word in a **bold** run is not bold.
_CS_TWINS = (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs"))


def _complex_script(properties: etree._Element) -> None:
    """Copy bold, italic and size to their complex-script twins, each beside its own."""
    for latin, twin in _CS_TWINS:
        found = properties.find(qn(latin))
        if found is not None and properties.find(qn(twin)) is None:
            copy = OxmlElement(twin)
            for name, value in found.attrib.items():
                copy.set(name, value)
            found.addnext(copy)


def rtl_paragraph(paragraph: etree._Element) -> None:
    """A right-to-left paragraph; its runs holding Arabic or Hebrew marked right to left."""
    _first_child(_properties(paragraph, "w:pPr"), "w:bidi", _AFTER_BIDI)
    for run in paragraph.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if has_rtl(text):
            properties = _properties(run, "w:rPr")
            _first_child(properties, "w:rtl", _AFTER_RTL)
            _complex_script(properties)


def complex_script_styles(document: docx.document.Document) -> None:
    """Every paragraph style's bold, italic and size also for Arabic text (headings, Normal)."""
    for style in document.styles:
        properties = style.element.rPr
        if properties is not None:
            _complex_script(properties)


def _all_paragraphs(root: etree._Element) -> None:
    for paragraph in root.iter(qn("w:p")):
        rtl_paragraph(paragraph)
    for table in root.iter(qn("w:tbl")):
        # Table columns run from the right: the first signature block sits on the right.
        properties = table.find(qn("w:tblPr"))
        if properties is not None:
            jc = properties.find(qn("w:jc"))
            if jc is not None:
                properties.remove(jc)
            _first_child(properties, "w:bidiVisual", _AFTER_BIDI_VISUAL)


def right_to_left(document: docx.document.Document, language: str) -> None:
    """Every paragraph, table, footnote and the section read right to left, in `language`."""
    body = document.element.body
    _all_paragraphs(body)
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            _all_paragraphs(rel.target_part.element)
    for section in body.iter(qn("w:sectPr")):
        _first_child(section, "w:bidi", _AFTER_SECTION_BIDI)
    # Spell-checking and the cs font's language: the letter's, not Word's default.
    normal = document.styles["Normal"].element.get_or_add_rPr()
    lang = normal.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        later = next(
            (normal.find(qn(t)) for t in _AFTER_RTL[3:] if normal.find(qn(t)) is not None), None
        )
        normal.append(lang) if later is None else later.addprevious(lang)
    lang.set(qn("w:bidi"), language)
