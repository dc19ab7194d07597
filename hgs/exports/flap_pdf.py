"""De flap: the format (hgs.exports.flap) as one A3 landscape page laid out like the seed's
sheet — box 1 across the top, 2–4 as three columns, 5 and 6 below — in type that reads from a
distance. What does not fit continues on a next A3 page, in the same place, instead of being
cut: nothing said at the table is lost from the print."""

from __future__ import annotations

from dataclasses import dataclass

from hgs.exports.flap import Box, Sheet
from hgs.exports.pdf import new_pdf
from hgs.i18n import t, using

WIDTH, HEIGHT = 420.0, 297.0  # mm, A3 landscape
MARGIN = 12.0
GAP = 4.0
PAD = 3.5  # inside a box
TOP = 36.0  # below the title and subtitle
BOTTOM = HEIGHT - 18.0  # above the page footer
BODY_PT, PART_PT, TITLE_PT = 12.0, 13.0, 17.0  # the largest type; >= 10 pt body
BODY_LINE, PART_LINE, TITLE_LINE = 5.6, 7.0, 8.0  # mm, at that type
# A full meeting is set a little smaller before it runs onto a second page: one sheet to hang
# up beats two; below 10 pt it would not read from a few steps away, so it goes on instead.
SCALES = (1.0, 11 / 12, 10 / 12)
BULLET = 5.0  # mm, the indent of an item's text
INK = 20  # dark text, not grey, for a projector and a photocopy
TITLE_FILL = (226, 234, 242)


@dataclass(frozen=True)
class _Type:
    """The type sizes (pt) and line heights (mm) of one try."""
    body: float
    part: float
    title: float
    body_line: float
    part_line: float
    title_line: float

    @classmethod
    def scaled(cls, scale: float) -> _Type:
        return cls(BODY_PT * scale, PART_PT * scale, TITLE_PT * scale, BODY_LINE * scale,
                   PART_LINE * scale, TITLE_LINE * scale)


@dataclass(frozen=True)
class _Line:
    kind: str  # "part" (a part's title), "item" (an item's first line), "more" (its next
    # lines), "empty" ("nog niets")
    text: str
    part: str = ""  # the title of the part it belongs to: repeated where the part goes on
    height: float = BODY_LINE


def _grid(sheet: Sheet) -> list[list[tuple[Box, float, float]]]:
    """The rows of the sheet: (box, x, width) each. Box 1 across the top (the child's box
    beside it when there is one), boxes 2–4 as three columns, 5 and 6 below (6 the wider:
    agreements are the longest)."""
    inner = WIDTH - 2 * MARGIN
    one, two, three, four, five, six = sheet.boxes

    def row(boxes: list[Box], shares: list[float]) -> list[tuple[Box, float, float]]:
        room = inner - GAP * (len(boxes) - 1)
        placed, x = [], MARGIN
        for box, share in zip(boxes, shares):
            placed.append((box, x, room * share))
            x += room * share + GAP
        return placed

    top = row([one, sheet.child], [2 / 3, 1 / 3]) if sheet.child else row([one], [1.0])
    return [top, row([two, three, four], [1 / 3] * 3), row([five, six], [1 / 3, 2 / 3])]


def to_pdf(sheet: Sheet) -> bytes:
    """The flap of `sheet` as a PDF of one A3 landscape page, the type a little smaller for a
    full meeting (SCALES); more pages only when even that does not fit."""
    for scale in SCALES:
        pages, data = _render(sheet, _Type.scaled(scale))
        if pages == 1:
            break
    return data


def _render(sheet: Sheet, type_: _Type) -> tuple[int, bytes]:
    """The flap set in `type_`: its page count and the PDF."""
    from fpdf.enums import MethodReturnValue  # fpdf2, loaded only when a PDF is written

    with using(sheet.lang):
        pdf, draw = new_pdf(sheet.footer, format="A3", orientation="landscape")
        pdf.set_title(sheet.title)
        pdf.set_subject(sheet.subtitle)
        pdf.set_author("HGS")
        pdf.set_auto_page_break(False)
        pdf.set_text_color(INK)
        pdf.set_draw_color(60)
        pdf.add_page()  # fpdf2 measures text only on a page

        def wrap(text: str, width: float, style: str = "", size: float = type_.body) -> list[str]:
            pdf.set_font("DejaVu", style, size)
            return pdf.multi_cell(width, type_.body_line, draw(text, style), dry_run=True,
                                  output=MethodReturnValue.LINES) or [""]

        def lines_of(box: Box, width: float) -> list[_Line]:
            text_width = width - 2 * PAD - BULLET - 1
            out: list[_Line] = []
            for part in box.parts:
                if part.title:
                    out += [_Line("part", line, height=type_.part_line)
                            for line in wrap(part.title, width - 2 * PAD - 1, "B", type_.part)]
                for item in part.items:
                    pieces = wrap(item, text_width)
                    kind = "empty" if part.empty or part.left_out else "item"
                    out += [_Line(kind, pieces[0], part.title, type_.body_line),
                            *(_Line("more", p, part.title, type_.body_line)
                              for p in pieces[1:])]
            return out

        grid = _grid(sheet)
        titles = {box.key: f"{box.number}. {box.title}" if box.number else box.title
                  for row in grid for box, _, _ in row}
        title_lines = {box.key: wrap(titles[box.key], width - 2 * PAD - 1, "B", type_.title)
                       for row in grid for box, _, width in row}
        waiting = {box.key: lines_of(box, width) for row in grid for box, _, width in row}
        started: set[str] = set()

        def need(box: Box) -> float:
            head = len(title_lines[box.key]) * type_.title_line + 2 * PAD + 2
            return head + sum(line.height for line in waiting[box.key])

        first = True
        while first or any(waiting.values()):
            if not first:
                pdf.add_page()
            _heading(pdf, draw, sheet)
            rows = [[cell for cell in row if first or waiting[cell[0].key]] for row in grid]
            rows = [row for row in rows if row]
            heights = _heights([max(need(box) for box, _, _ in row) for row in rows], type_)
            y = TOP
            for row, height in zip(rows, heights):
                for box, x, width in row:
                    _box(pdf, draw, type_, box.key in started, title_lines[box.key],
                         waiting[box.key], x, y, width, height)
                    started.add(box.key)
                y += height + GAP
            first = False
        return pdf.pages_count, bytes(pdf.output())


def _heights(needs: list[float], type_: _Type) -> list[float]:
    """Each row's height on the page: what it needs, the spare room shared out when all fit;
    when not, every row keeps room for a few lines and the rest of the page goes to the rows
    in proportion to what they miss."""
    room = BOTTOM - TOP - GAP * (len(needs) - 1)
    if sum(needs) <= room:
        spare = (room - sum(needs)) / len(needs)
        return [n + spare for n in needs]
    floor = [min(n, 2 * type_.title_line + 2 * PAD + 6 * type_.body_line) for n in needs]
    rest = room - sum(floor)
    missing = [n - f for n, f in zip(needs, floor)]
    return [f + rest * m / (sum(missing) or 1) for f, m in zip(floor, missing)]


def _heading(pdf, draw, sheet: Sheet) -> None:
    pdf.set_xy(MARGIN, 10)
    pdf.set_font("DejaVu", "B", 24)
    pdf.cell(WIDTH - 2 * MARGIN, 11, draw(sheet.title, "B"))
    pdf.set_xy(MARGIN, 22)
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(WIDTH - 2 * MARGIN, 7, draw(sheet.subtitle))


def _box(pdf, draw, type_: _Type, continued: bool, title: list[str], waiting: list[_Line],
         x: float, y: float, width: float, height: float) -> None:
    """One box: its frame and title band, then as many of its waiting lines as fit (taken off
    `waiting`); a box that goes on says so at its foot."""
    head = len(title) * type_.title_line + 2
    pdf.set_fill_color(*TITLE_FILL)
    pdf.rect(x, y, width, head + PAD, style="F")
    pdf.set_line_width(0.6)
    pdf.rect(x, y, width, height)
    pdf.set_font("DejaVu", "B", type_.title)
    for n, line in enumerate(title):
        text = f"{line} {t('flap.vervolg')}" if continued and n == len(title) - 1 else line
        pdf.set_xy(x + PAD, y + PAD / 2 + n * type_.title_line)
        pdf.cell(width - 2 * PAD, type_.title_line, text)
    room = height - head - 2 * PAD
    taken: list[_Line] = []
    used = 0.0
    for line in waiting:
        if used + line.height > room:
            break
        taken.append(line)
        used += line.height
    if len(taken) < len(waiting):  # it goes on: room for the note, no part title left alone
        while taken and used + type_.body_line > room:
            used -= taken.pop().height
        while taken and taken[-1].kind == "part":
            used -= taken.pop().height
        if not taken:
            taken = [waiting[0]]  # always forward: at least one line per page
    del waiting[:len(taken)]
    if waiting and waiting[0].kind != "part" and waiting[0].part:  # the part goes on: say which
        waiting.insert(0, _Line("part", f"{waiting[0].part} {t('flap.vervolg')}",
                                height=type_.part_line))
    cursor = y + head + PAD
    for line in taken:
        if line.kind == "part":
            pdf.set_font("DejaVu", "B", type_.part)
            pdf.set_xy(x + PAD, cursor + 0.8)
            pdf.cell(width - 2 * PAD, type_.part_line - 0.8, line.text)
        else:
            pdf.set_font("DejaVu", "I" if line.kind == "empty" else "", type_.body)
            if line.kind == "item":
                pdf.set_xy(x + PAD, cursor)
                pdf.cell(BULLET, type_.body_line, "•")
            pdf.set_xy(x + PAD + BULLET, cursor)
            pdf.cell(width - 2 * PAD - BULLET, type_.body_line, line.text)
        cursor += line.height
    if waiting:
        pdf.set_font("DejaVu", "B", type_.body)
        pdf.set_xy(x + PAD, y + height - PAD - type_.body_line)
        pdf.cell(width - 2 * PAD, type_.body_line, draw(t("flap.verder"), "B"), align="R")
