"""The verslag as a Word (docx) file, with Word's spelling check in the document's language."""

from __future__ import annotations

import io
from collections.abc import Sequence

from hgs.exports.document import (
    LANGUAGE_TAGS,
    Block,
    Bullets,
    Document,
    Heading,
    Image,
    Paragraph,
    Table,
)


def _property(text: str, limit: int = 255) -> str:
    """A document property (title, subject) within Word's limit of 255 characters: a child's
    name, group and school at their limits take more."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def to_docx(doc: Document) -> bytes:
    import docx  # python-docx, loaded only when a Word file is written
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    word = docx.Document()
    word.core_properties.title = _property(doc.title)
    word.core_properties.subject = _property(doc.subtitle)
    word.core_properties.author = "HGS"
    word.core_properties.language = LANGUAGE_TAGS[doc.lang]
    normal = word.styles["Normal"]
    normal.font.size = Pt(11)
    lang = OxmlElement("w:lang")  # Word's spelling check in the document's language
    lang.set(qn("w:val"), LANGUAGE_TAGS[doc.lang])
    normal.element.get_or_add_rPr().append(lang)
    word.add_heading(doc.title, 0)
    sub = word.add_paragraph().add_run(doc.subtitle)
    sub.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    width = word.sections[0].page_width - word.sections[0].left_margin \
        - word.sections[0].right_margin

    def blocks(items: Sequence[Block]) -> None:
        for block in items:
            if isinstance(block, Heading):
                word.add_heading(block.text, 2)
            elif isinstance(block, Paragraph):
                para = word.add_paragraph(style="Quote" if block.quote else None)
                if block.label:
                    para.add_run(block.label + " ").bold = True
                para.add_run(block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    word.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                table = word.add_table(rows=1, cols=len(block.header))
                table.style = "Table Grid"
                widths = block.widths or (1,) * len(block.header)
                for cell, text, w in zip(table.rows[0].cells, block.header, widths):
                    cell.paragraphs[0].add_run(text).bold = True
                    cell.width = int(width * w / sum(widths))
                for row in block.rows:
                    cells = table.add_row().cells
                    for cell, text, w in zip(cells, row, widths):
                        cell.text = text
                        cell.width = int(width * w / sum(widths))
                word.add_paragraph()
            elif isinstance(block, Image):
                word.add_picture(io.BytesIO(block.png), width=Cm(16))

    blocks(doc.intro)
    for section in doc.sections:
        word.add_heading(section.title, 1)
        blocks(section.blocks)
    word.sections[0].footer.paragraphs[0].text = doc.footer
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
