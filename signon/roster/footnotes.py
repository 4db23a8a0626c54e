"""Real Word footnotes for python-docx, which has no API for them.

A footnotes part (word/footnotes.xml) related from the document, the separator notes Word
expects (ids -1 and 0), the two footnote styles, and `<w:footnoteReference>` runs.
"""

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
EMPTY_FOOTNOTES = f"""<w:footnotes {nsdecls("w", "r")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"
 w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


class Footnotes:
    """The document's footnotes part; `add()` makes a note and returns its first paragraph."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.part = self._part()
        self._styles()

    def _part(self) -> XmlPart:
        for rel in self.document.part.rels.values():
            if rel.reltype == RT.FOOTNOTES:
                return rel.target_part
        package = self.document.part.package
        part = XmlPart(
            PackURI("/word/footnotes.xml"), CONTENT_TYPE, parse_xml(EMPTY_FOOTNOTES), package
        )
        self.document.part.relate_to(part, RT.FOOTNOTES)
        self._settings()
        return part

    def _settings(self) -> None:
        """Name the separator notes in settings.xml, as Word itself does."""
        settings = self.document.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        properties = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        # The schema's order: footnotePr comes before these.
        later = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "w:themeFontLang")
        following = next((el for tag in later if (el := settings.find(qn(tag))) is not None), None)
        if following is None:
            settings.append(properties)
        else:
            following.addprevious(properties)

    def _styles(self) -> None:
        styles = self.document.styles
        names = {style.name for style in styles}
        if "Footnote Text" not in names:
            text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.font.size = Pt(9)
            text.paragraph_format.space_after = Pt(0)
        if "Footnote Reference" not in names:
            ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            ref.font.superscript = True

    def add(self, note_id: int) -> Paragraph:
        """A new footnote `note_id` holding its mark; add the note's text to the paragraph."""
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr>'
            '<w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
            '<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        self.part.element.append(note)
        return Paragraph(note.find(qn("w:p")), _PartParent(self.part))

    def more(self, note_id: int) -> Paragraph:
        """Another paragraph in an existing footnote."""
        for note in self.part.element.findall(qn("w:footnote")):
            if note.get(qn("w:id")) == str(note_id):
                p = parse_xml(
                    f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr></w:p>'
                )
                note.append(p)
                return Paragraph(p, _PartParent(self.part))
        raise KeyError(note_id)


class _PartParent:
    """What python-docx needs as a paragraph's parent: access to the part (for links)."""

    def __init__(self, part: XmlPart) -> None:
        self.part = part


def reference(paragraph: Paragraph, note_id: int) -> None:
    """The superscript mark in the text that points at footnote `note_id`."""
    run = paragraph.add_run()
    run.style = "Footnote Reference"
    run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{note_id}"/>'))
