"""The frame of a step page: the meeting's caption, where it stands in the nine steps, the step's
aim and prompts, and Vorige/Volgende."""

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


def step_header(number: int) -> Context:
    """Title, where the meeting stands in the nine steps, the step's aim and the chair's prompts;
    stops with a clear message while the MDO may not start (`cycle.consent_problem`: a
    participant without a role, consent for outside professionals missing)."""
    ctx = require_meeting()
    s = step(number)
    meeting_caption(ctx)
    st.title(s.label)
    progress_bar(ctx.meeting, current=number)
    st.info(s.aim, icon=":material/flag:")
    with st.expander(t("ui.vragen_voor_de_voorzitter"), icon=":material/record_voice_over:"):
        for prompt in s.prompts:
            st.markdown(f"- {prompt}")
    if problem := cycle.consent_problem(ctx.case, ctx.meeting):
        st.error(texts.plain(problem), icon=":material/lock:")
        st.page_link(pages.PREPARATION.path, label=t("ui.naar_voorbereiding"), icon=":material/checklist:",
                     query_params=active_params())
        st.stop()
    join_panel(ctx)
    return ctx


def meeting_caption(ctx: Context) -> None:
    org = cases.organisation_name(ctx.case, ctx.store.organisations())
    st.caption(t("ui.van", first_name=texts.plain(ctx.case.first_name), code=ctx.case.code, org=texts.plain(org), kind=texts.MEETING_KINDS[ctx.meeting.kind], date=texts.date_nl(ctx.meeting.date)))
    if cycle.consent_state(ctx.case, today()) == "ingetrokken":
        st.badge(t("ui.zonder_toestemming_ingetrokken"), icon=":material/block:",
                 color="red")
    if ctx.meeting.cancelled:  # still readable and editable; the Planning block undoes it
        st.badge(t("planning.geannuleerd_badge"), icon=":material/event_busy:", color="orange")


def progress_bar(meeting: Meeting, current: int | None = None) -> None:
    """The nine steps as links, ticked when they have content; wraps on a phone."""
    done = progress(meeting)
    with st.container(horizontal=True, gap="small", key="progress-bar"):
        for s in STEPS:
            icon = ":material/check_circle:" if done[s.number] else \
                ":material/radio_button_unchecked:"
            label = f"**{s.number}**" if s.number == current else str(s.number)
            st.page_link(pages.for_step(s.number).path, label=label, icon=icon, help=s.title,
                         query_params=active_params())
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
