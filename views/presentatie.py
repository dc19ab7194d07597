"""Presentatie: the current step for the projector — large type, no sidebar, the step's aim and
what has been said so far, the join QR code while joining is open; ← and → (or the buttons) go to
the previous and next step."""

import streamlit as st

from hgs import pages
from hgs.exports import contents, markdown
from hgs.i18n import t
from hgs.method import texts
from hgs.method.steps import STEPS, step
from hgs.ui import circles, context, live_panel, session
from hgs.ui import flap as ui_flap
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = context.require_meeting()
st.html("""<style>
  section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  header[data-testid="stHeader"] { display: none !important; }
  .block-container { padding-top: 1.5rem; max-width: 100% !important; }
  .stMainBlockContainer p, .stMainBlockContainer li, .stMainBlockContainer td {
    font-size: 1.45rem !important; line-height: 1.45; }
  .stMainBlockContainer h1 { font-size: 3.4rem !important; }
  .stMainBlockContainer h3 { font-size: 1.9rem !important; }
</style>""")

try:
    number = min(max(int(st.query_params.get("stap", "1")), 0), len(STEPS))  # 0: the format
except ValueError:
    number = 1


def go(to: int) -> None:
    st.query_params["stap"] = str(to)


top = st.columns([1, 1, 5, 1.4, 1.4], vertical_alignment="center")
top[0].page_link(pages.for_step(number).path if number else pages.FORMAT.path,
                 label=t("presentatie.bewerken"), icon=":material/edit:",
                 query_params=session.active_params())
top[1].button(t("flap.format_knop"), key="present-format", icon=":material/dashboard:",
              help=t("flap.format_knop_uitleg"), disabled=number == 0, on_click=go, args=(0,))
top[3].button(t("presentatie.vorige"), key="present-prev", icon=":material/arrow_back:", shortcut="Left",
              disabled=number == 0, on_click=go, args=(number - 1,), use_container_width=True)
top[4].button(t("presentatie.volgende"), key="present-next", icon=":material/arrow_forward:", shortcut="Right",
              disabled=number == len(STEPS), on_click=go, args=(number + 1,),
              use_container_width=True, type="primary")
if number == 0:  # Presentatie's home: the whole format, live
    top[2].caption(texts.plain(ctx.case.first_name))
    st.title(t("flap.pagina_titel"))
    ui_flap.live(ctx)
    st.stop()
current = step(number)
top[2].caption(t("presentatie.stap_van", first_name=texts.plain(ctx.case.first_name), number=number, count=len(STEPS), phase=texts.PHASES[current.phase]))
heading, joining = st.columns([4, 1], vertical_alignment="top")
with heading:
    st.title(current.label)
    st.info(current.aim, icon=":material/flag:")
    if ctx.meeting.join_open:
        st.caption(t("presentatie.meedoen_staat_open_nieuwe"))
with joining:
    live_panel.projector_join(ctx.meeting)  # the room scans to join without leaving this screen


def said(live: context.Context) -> None:
    if number == 2:  # the child's three circles, drawn
        circles.draw(live.meeting)
    section = contents.step_section(live.store, live.case.id, live.meeting.id, number,
                                    circles_drawn=True)
    st.markdown("\n".join(markdown.markdown_lines(section.blocks, escape=texts.plain)))


live_panel.live_section(ctx, said, every=3.0, always=True)
