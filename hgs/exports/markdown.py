"""The verslag as Markdown, in a file and on the screen: the document's blocks as lines, every
typed text escaped so that it stays text and can never become markup."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from hgs.exports.document import Block, Bullets, Document, Heading, Paragraph, Table
from hgs.method import texts

# What the Markdown file escapes in typed text, so that a typed "## Afspraken", "| a | b |",
# "<script>" or "[klik](…)" stays text and cannot fake a section, a table or a link, while the
# file stays readable in a text editor (punctuation without meaning keeps no backslash).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^([#>+=\-]|\d{1,9}(?=[.)]))")


def markdown_text(text: str, one_line: bool = False) -> str:
    """Typed text for the Markdown verslag: markup characters escaped, every line's first
    character too when it would start a heading, quote, list or rule, addresses `unlinked`;
    its line breaks as hard breaks (`one_line`: after a heading's "#" or in a cell, where a
    line starts nothing, the lines joined)."""
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    lines = [line for line in lines if line]
    if one_line:
        lines = [" ".join(lines)] if lines else []
    out = []
    for line in lines:
        line = _MD_ENTITY.sub("&amp;", _MD_INLINE.sub(r"\\\1", texts.unlinked(line)))
        if not one_line:  # after "# ", in a cell, a "1." or "-" starts nothing
            line = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                                      else "\\" + m.group(1), line)
        out.append(line)
    return "  \n".join(out)


def markdown_lines(items: Sequence[Block],
                   escape: Callable[[str], str] | None = None) -> list[str]:
    """Blocks as Markdown lines (images left out: the Markdown carries tables instead), every
    recorded text as typed, never as markup: on screen `escape` is hgs.method.texts.plain, in the
    Markdown file `markdown_text`."""
    text: Callable[[str], str] = escape or markdown_text
    heading: Callable[[str], str] = escape or (lambda value: markdown_text(value, True))
    out: list[str] = []

    def cell(value: str) -> str:
        if escape is not None:
            return escape(" ".join(value.split()))
        return "<br>".join(markdown_text(line, one_line=True) for line in value.splitlines()
                           if line.strip())

    for block in items:
        if isinstance(block, Heading):
            out.extend([f"### {heading(block.text)}", ""])
        elif isinstance(block, Paragraph):
            if block.quote:
                out.extend(["> " + line for line in text(block.text).splitlines()] + [""])
            else:
                label = f"**{text(block.label)}** " if block.label else ""
                out.extend([(label + text(block.text)).strip(), ""])
        elif isinstance(block, Bullets):
            out.extend([f"- {text(item)}".replace("\n", "\n  ") for item in block.items] + [""])
        elif isinstance(block, Table):
            out.append("| " + " | ".join(map(cell, block.header)) + " |")
            out.append("|" + "---|" * len(block.header))
            out.extend("| " + " | ".join(map(cell, row)) + " |" for row in block.rows)
            out.append("")
    return out


def to_markdown(doc: Document) -> bytes:
    """The verslag as a Markdown file; every text in it escaped (`markdown_text`), so its only
    headings, tables and emphasis are the document's own."""
    def line(value: str) -> str:
        return markdown_text(value, one_line=True)

    out = [f"# {line(doc.title)}", "", f"*{line(doc.subtitle)}*", ""]
    out.extend(markdown_lines(doc.intro))
    for section in doc.sections:
        out.extend([f"## {line(section.title)}", ""])
        out.extend(markdown_lines(section.blocks))
    out.extend(["---", f"*{line(doc.footer)}*", ""])
    return "\n".join(out).encode("utf-8")
