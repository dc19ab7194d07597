"""The frame of a step page: one compact band with the step's title, where the meeting stands in
the nine steps, the meeting's caption, the step's aim, the chair's prompts (open or closed by the
chair's choice) and joining; and Vorige/Volgende below."""

from __future__ import annotations

import streamlit as st

from hgs import pages
from hgs.i18n import t
from hgs.method import cases, cycle, texts
from hgs.method.records import Meeting
from hgs.method.steps import STEPS, progress, step
from hgs.ui.context import Context, require_meeting
from hgs.ui.live_panel import join_panel
from hgs.ui.session import active_params, today

# The chair's choice to show the prompts: kept in the session and in the address (`?vragen=1`),
# so a reload or a shared link keeps it and every step page opens the same way.
PROMPTS_STATE = "prompts_open"
PROMPTS_PARAM = "vragen"

# The band: a projector at 1920×1080 shows the step's own content in the upper fifth. Streamlit's
# empty header (the sidebar open) takes no room; with its button (the sidebar closed, a phone)
# the page starts below it.
BAND_CSS = """<style>
  .stMainBlockContainer { padding-top: 3.2rem; padding-bottom: 3rem; }
  .stApp:has(header[data-testid="stHeader"]:empty) .stMainBlockContainer { padding-top: 0.6rem; }
  header[data-testid="stHeader"] { height: 2.8rem; min-height: 2.8rem; }
  .st-key-step-header { gap: 0.3rem; }
  .st-key-step-header h1 { font-size: 1.9rem; padding: 0; line-height: 1.25; white-space: nowrap; }
  .st-key-step-header [data-testid="stHeadingWithActionElements"] a { display: none; }
  .st-key-step-title-row { column-gap: 1rem; row-gap: 0.2rem; }
  .st-key-progress-bar { gap: 0.1rem; }
  .st-key-progress-bar a { padding-left: 0.3rem; padding-right: 0.3rem; }
  /* wide screens: one row, the caption cut short with "…" rather than a row of its own */
  @media (min-width: 1100px) {
    .st-key-step-title-row { flex-wrap: nowrap; }
    .st-key-step-title-row > div:has([data-testid="stCaptionContainer"]) {
      min-width: 0; flex: 1 1 auto; overflow: hidden; }
    .st-key-step-title-row [data-testid="stCaptionContainer"] p {
      white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  }
  .st-key-step-aim p { font-size: 1rem; line-height: 1.35; margin: 0; }
  .st-key-step-prompts { border-left: 4px solid #0072B2; padding-left: 1.8rem; }
  .st-key-step-prompts li { font-size: 1.05rem; margin: 0; }
</style>"""


def prompts_open() -> bool:
    """Whether the chair chose to show the prompts (the address first: a reload keeps it)."""
    state, params = st.session_state, st.query_params
    if PROMPTS_PARAM in params:
        state[PROMPTS_STATE] = params[PROMPTS_PARAM] == "1"
    elif state.get(PROMPTS_STATE):  # a link to another step dropped it: put it back
        params[PROMPTS_PARAM] = "1"
    return bool(state.get(PROMPTS_STATE))


def _set_prompts(key: str) -> None:
    shown = bool(st.session_state[key])
    st.session_state[PROMPTS_STATE] = shown
    if shown:
        st.query_params[PROMPTS_PARAM] = "1"
    else:
        st.query_params.pop(PROMPTS_PARAM, None)


def step_header(number: int) -> Context:
    """The band: title, progress and the meeting's caption in one row, the step's aim with the
    prompts' switch and joining in the next, the prompts below when the chair opened them; stops
    with a clear message while the MDO may not start (`cycle.consent_problem`: a participant
    without a role, consent for outside professionals missing)."""
    ctx = require_meeting()
    s = step(number)
    st.html(BAND_CSS)
    shown = prompts_open()
    problem = cycle.consent_problem(ctx.case, ctx.meeting)
    with st.container(key="step-header"):
        with st.container(horizontal=True, vertical_alignment="center", key="step-title-row"):
            st.title(s.label, anchor=False, width="content")
            progress_bar(ctx.meeting, current=number, count=False)
            meeting_caption(ctx, done=sum(progress(ctx.meeting).values()))
        aim, switch, joining = st.columns([5, 1.6, 2.4], vertical_alignment="top", gap="small")
        with aim, st.container(key="step-aim"):
            st.markdown(f":material/flag: {s.aim}")
        with switch:
            key = f"step-{number}-prompts"
            st.toggle(t("ui.vragen_voor_de_voorzitter"), value=shown, key=key,
                      on_change=_set_prompts, args=(key,))
        if not problem:  # no joining before the MDO may start
            with joining:
                join_panel(ctx)
        if shown:
            with st.container(key="step-prompts"):
                st.markdown("\n".join(f"- {prompt}" for prompt in s.prompts))
    if problem:
        st.error(texts.plain(problem), icon=":material/lock:")
        st.page_link(pages.PREPARATION.path, label=t("ui.naar_voorbereiding"), icon=":material/checklist:",
                     query_params=active_params())
        st.stop()
    return ctx


def meeting_caption(ctx: Context, done: int | None = None) -> None:
    """Whose MDO this is, of which organisation, which kind and when (and, in the band, how many
    of the nine steps have content); a badge when consent was withdrawn or the MDO cancelled."""
    org = cases.organisation_name(ctx.case, ctx.store.organisations())
    caption = t("ui.van", first_name=texts.plain(ctx.case.first_name), code=ctx.case.code,
                org=texts.plain(org), kind=texts.MEETING_KINDS[ctx.meeting.kind],
                date=texts.date_nl(ctx.meeting.date))
    if done is not None:
        caption += " · " + t("ui.van_de_stappen_ingevuld", sum=done, count=len(STEPS))
    st.caption(caption, width="content")
    if cycle.consent_state(ctx.case, today()) == "ingetrokken":
        st.badge(t("ui.zonder_toestemming_ingetrokken"), icon=":material/block:",
                 color="red")
    if ctx.meeting.cancelled:  # still readable and editable; the Planning block undoes it
        st.badge(t("planning.geannuleerd_badge"), icon=":material/event_busy:", color="orange")


def progress_bar(meeting: Meeting, current: int | None = None, count: bool = True) -> None:
    """The nine steps as links, ticked when they have content; wraps on a phone. `count` adds
    "… van de 9 stappen ingevuld" below (the band says it in the caption)."""
    done = progress(meeting)
    with st.container(horizontal=True, gap="small", key="progress-bar", width="content"):
        for s in STEPS:
            icon = ":material/check_circle:" if done[s.number] else \
                ":material/radio_button_unchecked:"
            label = f"**{s.number}**" if s.number == current else str(s.number)
            st.page_link(pages.for_step(s.number).path, label=label, icon=icon, help=s.title,
                         query_params=active_params())
    if count:
        st.caption(t("ui.van_de_stappen_ingevuld", sum=sum(done.values()), count=len(STEPS)))


def step_nav(number: int) -> None:
    st.divider()
    left, _, right = st.columns([1, 2, 1])
    with left:
        if number == 1:
            st.page_link(pages.PREPARATION.path, label=t("ui.voorbereiding"), icon=":material/arrow_back:",
                         query_params=active_params())
        else:
            before = step(number - 1)
            st.page_link(pages.for_step(before.number).path, label=t("ui.vorige", label=before.label),
                         icon=":material/arrow_back:", query_params=active_params())
    with right:
        if number < len(STEPS):
            after = step(number + 1)
            st.page_link(pages.for_step(after.number).path, label=t("ui.volgende", label=after.label),
                         icon=":material/arrow_forward:", query_params=active_params())
