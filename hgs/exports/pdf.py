"""The verslag as a PDF in the DejaVu fonts: every character drawn or shown as a box, long
table rows broken across pages, a page footer with the page numbers."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from hgs.errors import HGSError
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
from hgs.i18n import t

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


MISSING_GLYPH = "□"  # in the PDF, for a character the font cannot draw (most emoji)
PDF_LINE = 5.6  # mm: a line of body text
PDF_CELL_LINE = 5.0  # mm: a line of text in a table cell
PDF_CELL_PADDING = 1.2  # mm


def _drawable(text: str, cmap: dict[int, int]) -> str:
    """`text` as the PDF font can draw it: a character the font lacks becomes a box (a
    modifier, a joiner or a combining mark it lacks is left out), a tab a space. Without this
    fpdf2 drops the character silently, and the reader cannot tell something was there."""
    out = []
    for ch in text:
        if ch == "\n" or ord(ch) in cmap:
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Sk"):
            out.append(MISSING_GLYPH)
    return "".join(out)


def _row_pieces(row: Sequence[str], lines_of: Callable[[int, str], list[str]],
                most: int) -> list[tuple[str, ...]]:
    """A table row as one or more rows of at most `most` lines each: fpdf2 cannot break a row
    across pages and refuses one taller than a page (a question of 3,900 characters). The
    pieces continue the same columns, on the next page under the repeated header."""
    lines = [lines_of(column, value) for column, value in enumerate(row)]
    tallest = max((len(cell) for cell in lines), default=0)
    if tallest <= most:
        return [tuple(row)]
    return [tuple("\n".join(cell[start:start + most]) for cell in lines)
            for start in range(0, tallest, most)]


def new_pdf(footer: str, format: str = "A4", orientation: str = "portrait"
            ) -> tuple[object, Callable[..., str]]:
    """An fpdf2 document with the DejaVu fonts and the page footer ("<footer> · pagina 1 van
    2"), and `draw(text, style="")`: the text as that font can draw it (`_drawable`). Shared
    by the verslag and the flap (hgs.exports.flap_pdf)."""
    from fpdf import FPDF  # fpdf2, loaded only when a PDF is written

    class PDF(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("DejaVu", size=8)
            self.set_text_color(110)
            self.cell(0, 8, draw(f"{footer} · ") + t("verslag.pagina", page=self.page_no(),
                                                           pages="{nb}"), align="C")

    pdf = PDF(format=format, orientation=orientation)
    try:
        pdf.add_font("DejaVu", "", FONT_DIR / "DejaVuSans.ttf")
        pdf.add_font("DejaVu", "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        pdf.add_font("DejaVu", "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
    except (OSError, FileNotFoundError) as error:
        raise HGSError(t("verslag.geen_lettertype")) from error
    cmaps = {style: pdf.fonts[f"dejavu{style}"].cmap for style in ("", "B", "I")}

    def draw(value: str, style: str = "") -> str:
        return _drawable(value, cmaps[style])

    return pdf, draw


def to_pdf(doc: Document) -> bytes:
    from fpdf.enums import MethodReturnValue  # fpdf2, loaded only when a PDF is written
    from fpdf.fonts import FontFace

    pdf, draw = new_pdf(doc.footer)
    pdf.set_title(doc.title)
    pdf.set_subject(doc.subtitle)
    pdf.set_author("HGS")
    pdf.set_lang(LANGUAGE_TAGS[doc.lang])
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    line = PDF_LINE

    def text(size: float = 10.5, style: str = "", colour: int = 0) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(colour)

    text(18, "B")
    pdf.multi_cell(0, 9, draw(doc.title, "B"), align="L", new_x="LMARGIN", new_y="NEXT")
    text(10, colour=85)
    pdf.multi_cell(0, line, draw(doc.subtitle), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    def table(block: Table) -> None:
        widths = block.widths or (1,) * len(block.header)
        # the width fpdf2 leaves for a cell's text, a millimetre less: a piece measured here
        # never wraps again when it is drawn
        inner = [pdf.epw * w / sum(widths) - 2 * PDF_CELL_PADDING - pdf.line_width - 1
                 for w in widths]

        def lines_of(column: int, value: str) -> list[str]:
            return pdf.multi_cell(inner[column], PDF_CELL_LINE, value, dry_run=True,
                                  output=MethodReturnValue.LINES) or [""]

        header = tuple(draw(value, "B") for value in block.header)
        text(9.5, "B")
        header_lines = max(len(lines_of(c, v)) for c, v in enumerate(header))
        text(9.5)
        page = pdf.h - pdf.t_margin - pdf.b_margin  # what one page holds below its top margin
        most = max(1, int((page - (header_lines + 2) * PDF_CELL_LINE - 4 * PDF_CELL_PADDING)
                          / PDF_CELL_LINE) - 2)
        rows = [piece for row in block.rows
                for piece in _row_pieces([draw(value) for value in row], lines_of, most)]
        # cells aligned at the top: pypdf then reads a wrapped cell as one text
        with pdf.table(col_widths=widths, text_align="LEFT", v_align="TOP",
                       line_height=PDF_CELL_LINE, width=pdf.epw, padding=PDF_CELL_PADDING,
                       headings_style=FontFace(emphasis="BOLD",
                                               fill_color=(226, 234, 242))) as grid:
            for row in (header, *rows):
                cells = grid.row()
                for value in row:
                    cells.cell(value)
        pdf.ln(3)

    def blocks(items: Sequence[Block]) -> None:
        for block in items:
            if isinstance(block, Heading):
                pdf.ln(1.5)
                text(11.5, "B")
                pdf.multi_cell(0, 6.5, draw(block.text, "B"), align="L", new_x="LMARGIN",
                               new_y="NEXT")
            elif isinstance(block, Paragraph):
                if block.quote:
                    # in italics, unless the italic font lacks a letter (Arabic) the plain has
                    style = "I" if draw(block.text, "I") == draw(block.text) else ""
                    text(10.5, style, 40)
                    pdf.set_x(pdf.l_margin + 6)
                    pdf.multi_cell(pdf.epw - 6, line, f"“{draw(block.text, style)}”",
                                   align="L", new_x="LMARGIN", new_y="NEXT")
                else:
                    if block.label:
                        text(style="B")
                        pdf.write(line, draw(block.label, "B") + " ")
                    text()
                    pdf.write(line, draw(block.text))
                    pdf.ln(line)
                pdf.ln(1.5)
            elif isinstance(block, Bullets):
                text()
                for item in block.items:
                    pdf.set_x(pdf.l_margin + 2)
                    pdf.cell(5, line, "•")
                    pdf.multi_cell(pdf.epw - 7, line, draw(item), align="L", new_x="LMARGIN",
                                   new_y="NEXT")
                pdf.ln(1.5)
            elif isinstance(block, Table):
                table(block)
            elif isinstance(block, Image):
                height = pdf.epw * block.height / block.width
                if pdf.will_page_break(height):
                    pdf.add_page()
                pdf.image(io.BytesIO(block.png), w=pdf.epw, h=height)
                pdf.ln(2)

    blocks(doc.intro)
    for section in doc.sections:
        pdf.ln(2)
        if pdf.will_page_break(22):  # keep a section title with its first lines
            pdf.add_page()
        text(14, "B", 20)
        pdf.multi_cell(0, 8, draw(section.title, "B"), align="L", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.set_draw_color(180)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(2)
        blocks(section.blocks)
    return bytes(pdf.output())
