"""Step 9: evaluation — tops and tips on the collaboration, goal scores at a follow-up."""

import streamlit as st

from hgs.i18n import t
from hgs.method import cycle, texts
from hgs.ui import bodies, context, fields, frame, lists, live_panel
from hgs.ui import downloads as ui_downloads
from hgs.ui import method as ui_method
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(9)
scored = cycle.goals_to_score(ctx.meeting)
if scored:
    st.subheader(t("step9.hoe_ver_is_elk_doel_nu"))
    for goal in scored:
        fields.meeting_field(ctx, f"scores.{goal.id}",
                             t("step9.start_doel", area=texts.AREA_SHORT[goal.area], value=texts.plain(goal.text) or 'doel', value2=goal.start if goal.start is not None else '–', value3=goal.target if goal.target is not None else '–'),
                             kind="score")
    live_panel.live_section(ctx, live_panel.giver_scores)
if ctx.meeting.kind == "evaluatie":
    with st.expander(t("step9.voortgang_van_de_doelen_tot_nu"), icon=":material/trending_up:"):
        meetings = cycle.history(ctx.store.meetings(ctx.case.id), ctx.meeting)
        bodies.goal_progress(meetings, compact=True)
st.subheader(t("step9.tops_en_tips_over_onze"))


def tops_and_tips(live: context.Context) -> None:
    """Tops and tips side by side (participants add to them live)."""
    for column, (kind, title) in zip(st.columns(2, gap="large"), texts.TOPTIP.items()):
        with column:
            st.markdown(f"**{title}**")
            lists.item_list(live, "tops_tips", [
                lists.Col("text", title, "area", width=3),
                lists.Col("by", t("step9.van"), width=1.2),
                lists.Col("group", t("step9.groep"), "select", width=1.3, options=texts.GIVERS),
            ], where={"kind": kind}, new_label=t("step9.toevoegen"),
               new_placeholder=t("step9.typ_en_druk_op_enter"))


live_panel.live_section(ctx, tops_and_tips)
ui_method.show_checks(ctx)
st.subheader(t("step9.rapportcijfer_voor_dit_overleg"))
fields.meeting_field(ctx, "rating", t("step9.hoe_waardeert_u_dit_overleg_110"), kind="rating")
if ctx.meeting.status != "afgerond":
    if st.button(t("step9.mdo_afronden"), key="eval-finish", type="primary", icon=":material/done_all:"):
        if fields.save("eval-finish", lambda: ctx.store.set_field(*ctx.ids, "status", "afgerond")):
            st.rerun()
else:
    st.success(t("step9.dit_mdo_is_afgerond_tot_de"), icon=":material/celebration:")
st.subheader(t("step9.verslag_en_uitnodiging"))
st.caption(t("step9.het_verslag_wordt_gemaakt_uit_wat"))
ui_downloads.download_buttons(
    ui_downloads.report_files(ctx.store, ctx.case, ctx.meeting, "team"), key="eval-team",
    title=t("step9.verslag_voor_het_team"))
ui_downloads.download_buttons(
    ui_downloads.report_files(ctx.store, ctx.case, ctx.meeting, "ouders"), key="eval-ouders",
    title=t("step9.verslag_voor_ouders"), caption=ui_downloads.parents_caption())
ui_downloads.download_buttons(
    ui_downloads.evaluation_files(ctx.store, ctx.case, ctx.meeting), key="eval-next",
    title=t("step9.uitnodiging_voor_de_evaluatie"))
frame.step_nav(9)
