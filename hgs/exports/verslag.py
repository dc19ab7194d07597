"""The verslag of an MDO: built once from what was recorded into a small format-neutral document
(hgs.exports.contents), then written as DOCX, PDF or Markdown (a writer per format), for the
team or for the parents; a file that says why, when it cannot be made."""

from __future__ import annotations

from collections.abc import Callable

from hgs.errors import HGSError, InvalidInput
from hgs.exports.contents import build
from hgs.exports.document import Document, Paragraph
from hgs.exports.markdown import to_markdown
from hgs.exports.pdf import to_pdf
from hgs.exports.word import to_docx
from hgs.i18n import language, t, using
from hgs.method.records import Case, Meeting
from hgs.store import Store

MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown",
}


WRITERS: dict[str, Callable[[Document], bytes]] = {
    "docx": to_docx, "pdf": to_pdf, "md": to_markdown}


def notice(fmt: str, title: str, message: str) -> bytes:
    """A small file in `fmt` (pdf, docx, md) that says in words why the file asked for could
    not be made: what a download button gives instead of nothing. Without the PDF font, a PDF
    in the built-in Helvetica (Latin-1 only)."""
    doc = Document(title=title, subtitle="", intro=(Paragraph(message),), sections=(),
                   footer="HGS", lang=language())
    try:
        return write(doc, fmt)
    except HGSError:
        if fmt != "pdf":
            raise
    from fpdf import FPDF  # fpdf2, loaded only for this fallback

    pdf = FPDF(format="A4")
    pdf.add_page()
    for size, value in ((16, title), (11, message)):
        pdf.set_font("Helvetica", size=size)
        pdf.multi_cell(0, size * 0.5, value.encode("latin-1", "replace").decode("latin-1"),
                       new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write(doc: Document, fmt: str) -> bytes:
    if fmt not in WRITERS:
        raise InvalidInput(t("verslag.onbekend_formaat", fmt=fmt))
    with using(doc.lang):  # the PDF's page footer
        return WRITERS[fmt](doc)


def render(store: Store, case_id: str, meeting_id: str, fmt: str,
           audience: str = "team", lang: str | None = None) -> bytes:
    """The verslag of one meeting as a DOCX, PDF or Markdown file (bytes), in `lang` (by
    default the session's language)."""
    if fmt not in WRITERS:
        raise InvalidInput(t("verslag.onbekend_formaat", fmt=fmt))
    return write(build(store, case_id, meeting_id, audience, charts=fmt != "md", lang=lang),
                 fmt)


def filename(case: Case, meeting: Meeting, ext: str, audience: str = "team") -> str:
    """`MDO-<code>-<date>.<ext>`; the parents' version ends in `-ouders`."""
    suffix = "-ouders" if audience == "ouders" else ""
    return f"MDO-{case.code}-{meeting.date.isoformat()}{suffix}.{ext.lstrip('.')}"
