"""Step 9: evaluation — tops and tips on the collaboration, goal scores at a follow-up."""

import streamlit as st

from hgs import texts, ui, ui_downloads, ui_method

ui.guard(__file__)
ctx = ui.step_header(9)
scored = [g for g in ctx.meeting.goals if g.id in ctx.meeting.scores and not g.dropped]
if scored:
    st.subheader("Hoe ver is elk doel nu?")
    for goal in scored:
        ui.meeting_field(ctx, f"scores.{goal.id}",
                         f"{texts.AREA_SHORT[goal.area]}: {texts.plain(goal.text) or 'doel'} "
                         f"(start {goal.start if goal.start is not None else '–'}, "
                         f"doel {goal.target if goal.target is not None else '–'})",
                         kind="score")
    ui.live_section(ctx, ui.giver_scores)
if ctx.meeting.kind == "evaluatie":
    with st.expander("Voortgang van de doelen tot nu toe", icon=":material/trending_up:"):
        meetings = [m for m in ctx.store.meetings(ctx.case.id) if m.date <= ctx.meeting.date]
        ui.goal_progress(meetings, compact=True)
st.subheader("Tops en tips over onze samenwerking")


def tops_and_tips(live: ui.Context) -> None:
    """Tops and tips side by side (participants add to them live)."""
    for column, (kind, title) in zip(st.columns(2, gap="large"), texts.TOPTIP.items()):
        with column:
            st.markdown(f"**{title}**")
            ui.item_list(live, "tops_tips", [
                ui.Col("text", title, "area", width=3),
                ui.Col("by", "Van", width=1.2),
                ui.Col("group", "Groep", "select", width=1.3, options=texts.GIVERS),
            ], where={"kind": kind}, new_label="Toevoegen",
               new_placeholder="Typ en druk op Enter")


ui.live_section(ctx, tops_and_tips)
ui_method.show_checks(ctx)
st.subheader("Rapportcijfer voor dit overleg")
ui.meeting_field(ctx, "rating", "Hoe waardeert u dit overleg? (1–10)", kind="rating")
if ctx.meeting.status != "afgerond":
    if st.button("MDO afronden", key="eval-finish", type="primary", icon=":material/done_all:"):
        if ui.save("eval-finish", lambda: ctx.store.set_field(*ctx.ids, "status", "afgerond")):
            st.rerun()
else:
    st.success("Dit MDO is afgerond. Tot de evaluatie!", icon=":material/celebration:")
st.subheader("Verslag en uitnodiging")
st.caption("Het verslag wordt gemaakt uit wat bij de stappen is ingevuld, op het moment dat u "
           "op de knop klikt.")
ui_downloads.download_buttons(
    ui_downloads.report_files(ctx.store, ctx.case, ctx.meeting, "team"), key="eval-team",
    title="Verslag voor het team")
ui_downloads.download_buttons(
    ui_downloads.report_files(ctx.store, ctx.case, ctx.meeting, "ouders"), key="eval-ouders",
    title="Verslag voor ouders", caption=ui_downloads.PARENTS_CAPTION)
ui_downloads.download_buttons(
    ui_downloads.evaluation_files(ctx.store, ctx.case, ctx.meeting), key="eval-next",
    title="Uitnodiging voor de evaluatie")
ui.step_nav(9)
