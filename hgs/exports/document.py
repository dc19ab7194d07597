"""The verslag as a small format-neutral document: sections of headings, paragraphs, bullet
lists, tables and images. It is built once from the records (hgs.exports.contents) and every
writer (Markdown, Word, PDF) reads the same one, so the formats cannot say different things."""

from __future__ import annotations

from dataclasses import dataclass

from hgs.i18n import DEFAULT


@dataclass(frozen=True)
class Heading:
    """A heading inside a section."""
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""  # a bold lead-in, such as "Voorzitter:"
    quote: bool = False  # someone's own words


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths; equal when empty


@dataclass(frozen=True)
class Image:
    png: bytes
    width: int
    height: int


Block = Heading | Paragraph | Bullets | Table | Image


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    footer: str
    lang: str = DEFAULT  # the language it is written in (for the file's language tag)


LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
