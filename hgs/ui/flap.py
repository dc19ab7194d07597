"""The format on one screen: the Sheet of hgs.exports.flap drawn as the seed's sheet — six
numbered boxes in a grid, large dark type for a projector, stacked on a phone — and kept live
while the table works, so participants' entries appear as they are added."""

from __future__ import annotations

import html

import streamlit as st

from hgs.exports import flap
from hgs.ui import live_panel
from hgs.ui.context import Context

# The grid: box 1 across the top (the child's box beside it), 2–4 as three columns, 5 and 6
# below; one column under 700 px (a phone of 390 px).
AREAS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 0: "child"}
STYLE = """<style>
.hgs-flap { display: grid; gap: 0.8rem; color: #111; font-size: 1.3rem; line-height: 1.35;
  grid-template-columns: repeat(6, minmax(0, 1fr));
  grid-template-areas: "one one one one child child" "two two three three four four"
                       "five five six six six six"; }
.hgs-flap.no-child { grid-template-areas: "one one one one one one"
  "two two three three four four" "five five six six six six"; }
.hgs-flap .box { border: 3px solid #1d3557; border-radius: 10px; padding: 0.6rem 0.9rem;
  background: #fff; }
.hgs-flap .box-title { font-size: 1.75rem; font-weight: 700; color: #0b1f33;
  background: #e2eaf2; margin: -0.6rem -0.9rem 0.5rem; padding: 0.4rem 0.9rem;
  border-radius: 7px 7px 0 0; }
.hgs-flap .part-title { font-weight: 700; font-size: 1.35rem; margin-top: 0.45rem; }
.hgs-flap .item { padding-left: 1.1em; text-indent: -1.1em; }
.hgs-flap .item::before { content: "•"; display: inline-block; width: 1.1em; text-indent: 0; }
.hgs-flap .empty { font-style: italic; color: #333; padding-left: 1.1em; }
@media (max-width: 700px) {
  .hgs-flap, .hgs-flap.no-child { grid-template-columns: 1fr;
    grid-template-areas: "one" "child" "two" "three" "four" "five" "six"; font-size: 1.1rem; }
  .hgs-flap .box-title { font-size: 1.3rem; }
  .hgs-flap .part-title { font-size: 1.15rem; }
}
</style>"""


def sheet_html(sheet: flap.Sheet) -> str:
    """The sheet as HTML (every typed text escaped); `.box-<n>` for each box."""
    def box(b: flap.Box) -> str:
        title = f"{b.number}. {b.title}" if b.number else b.title
        parts = []
        for part in b.parts:
            if part.title:
                parts.append(f'<div class="part-title">{html.escape(part.title)}</div>')
            kind = "empty" if part.empty or part.left_out else "item"
            parts += [f'<div class="{kind}">{html.escape(item)}</div>' for item in part.items]
        return (f'<div class="box box-{b.number}" style="grid-area: {AREAS[b.number]}">'
                f'<div class="box-title">{html.escape(title)}</div>{"".join(parts)}</div>')

    boxes = [*sheet.boxes, *([sheet.child] if sheet.child else [])]
    layout = "hgs-flap" if sheet.child else "hgs-flap no-child"
    return f'{STYLE}<div class="{layout}">{"".join(box(b) for b in boxes)}</div>'


def show(ctx: Context, audience: str = "team") -> None:
    """The format of the context's meeting for `audience`, drawn once."""
    sheet = flap.format_sheet(ctx.store, ctx.case.id, ctx.meeting.id, audience)
    st.html(sheet_html(sheet))


def live(ctx: Context, audience: str = "team") -> None:
    """The format, read again every few seconds (as Presentatie's steps are)."""
    live_panel.live_section(ctx, lambda fresh: show(fresh, audience), every=3.0, always=True)
