"""The cirkelgesprek drawn as a picture for the verslag (Word and PDF): three circles, Thuis, Kind
and School, side by side, each with what the child said in it. Drawn with Pillow in the DejaVu
font the PDF uses: quick, no browser, the same picture every time. What does not fit in a circle
is counted ("… en 3 meer"); the table beside the picture in the verslag has every word."""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from hgs.exports.pdf import FONT_DIR
from hgs.i18n import t
from hgs.method import circles, texts
from hgs.method.records import Meeting

WIDTH, HEIGHT = 1800, 640  # pixels; shown 16 cm wide in the verslag
RADIUS = 292  # three circles side by side, just apart
FILL = {"thuis": "#fdf1dc", "kind": "#e4f1e6", "school": "#e3ecf8"}  # light, dark text on it
EDGE = {"thuis": "#b36b00", "kind": "#2e7d32", "school": "#1f5fa8"}
INK = "#1b1b1b"
LINE_CHARS = 27  # characters per line inside a circle
MAX_LINES = 12  # lines of items inside a circle


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:  # no DejaVu on this machine: Pillow's own font, still readable
        return ImageFont.load_default(size)


def item_lines(meeting: Meeting) -> dict[str, list[str]]:
    """Per circle the lines drawn in it: each item with its mark (+ − ? ★), wrapped, and the
    count of what did not fit."""
    out = {}
    for circle, by_sign in circles.grouped(meeting).items():
        lines: list[str] = []
        items = [(sign, item.text) for sign, said in by_sign.items() for item in said]
        for shown, (sign, text) in enumerate(items):
            wrapped = textwrap.wrap(" ".join(text.split()), LINE_CHARS) or [""]
            block = [f"{circles.MARKS[sign]} {wrapped[0]}", *wrapped[1:]]
            if len(lines) + len(block) > MAX_LINES - (shown < len(items) - 1):
                lines.append(t("circles.meer", count=len(items) - shown))
                break
            lines += block
        out[circle] = lines
    return out


def circles_png(meeting: Meeting) -> bytes:
    """The three circles of `meeting` as a PNG."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    title, body = _font(44, bold=True), _font(25)
    lines = item_lines(meeting)
    for index, circle in enumerate(circles.CIRCLES):
        cx, cy = WIDTH // 6 * (2 * index + 1), HEIGHT // 2
        draw.ellipse((cx - RADIUS, cy - RADIUS, cx + RADIUS, cy + RADIUS),
                     fill=FILL[circle], outline=EDGE[circle], width=6)
        draw.text((cx, cy - RADIUS + 58), texts.CIRCLES[circle], font=title, fill=EDGE[circle],
                  anchor="mm")
        y = cy - RADIUS + 112
        for line in lines[circle] or [t("circles.nog_niets")]:
            draw.text((cx, y), line.strip(), font=body, fill=INK, anchor="ma")  # centred
            y += 33
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
