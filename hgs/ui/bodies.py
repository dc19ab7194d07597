"""Larger parts of pages: goal progress (Voortgang, and compact at step 9), the Netwerk page's
tables and charts, and a case's AVG export and erasure."""

from __future__ import annotations

import streamlit as st

from hgs import i18n
from hgs.i18n import t, tn
from hgs.method import texts
from hgs.method.records import Case, Meeting
from hgs.ui import confirm as ui_confirm
from hgs.ui import downloads as ui_downloads
from hgs.ui import signin as ui_auth
from hgs.ui.session import store, today


# -- goal progress (Voortgang page, and compact at step 9 of a follow-up) ----------------------
def goal_progress(meetings: list[Meeting], compact: bool = False) -> None:
    """Goal lines, GAS T-scores, tops and tips and agreements of one case."""
    # plotly and pandas only where charts are drawn
    from hgs.analytics import charts
    from hgs.analytics import goals as analytics

    config = {"displaylogo": False}
    scores = analytics.goal_scores(meetings)
    att = analytics.attainment(meetings)
    with st.expander(t("ui.hoe_lezen_we_dit_de_regel_voor_de"), icon=":material/help:"):
        st.markdown(analytics.gas_rule())

    st.subheader(t("ui.doelrealisatie"))
    t_fig = charts.t_score_figure(att)
    if t_fig is None:
        st.info(t("ui.na_een_vervolg_mdo_waarin_de"), icon=":material/info:")
    else:
        last = att.dropna(subset=["t_score"]).iloc[-1]
        cols = st.columns(3)
        cols[0].metric(t("ui.t_score_laatste_mdo"), f"{last.t_score:.0f}",
                       help=t("ui.50_alle_doelen_gemiddeld_precies"))
        cols[1].metric(t("ui.doelen_bereikt"), t("ui.x_van_y", reached=int(last.reached), scored=int(last.goals_scored)))
        cols[2].metric(t("ui.doelen_nog_zonder_score"), int(last.goals_open))
        st.plotly_chart(t_fig, config=config, key="progress-t-score")
        st.markdown(t("ui.niveau_per_doel_per_mdo_2_2_0"))
        st.dataframe(analytics.level_table(meetings), key="progress-levels")

    st.subheader(t("ui.doelen"))
    if scores.empty:
        st.info(t("ui.er_zijn_nog_geen_doelen_gesteld"), icon=":material/info:")
    goal_ids = list(dict.fromkeys(scores.goal_id))
    columns = st.columns(1 if compact else 2)
    for index, goal_id in enumerate(goal_ids):
        rows = scores[scores.goal_id == goal_id]
        with columns[index % len(columns)]:
            fig = charts.goal_figure(rows)
            if fig is None:
                goal = texts.plain(rows.goal.iloc[0])
                st.markdown(f"**{texts.AREA_SHORT[rows.area.iloc[0]]}: {goal}**")
                st.caption(t("ui.dit_doel_heeft_nog_geen_score_vul"))
            else:
                st.plotly_chart(fig, config=config, key=f"progress-goal-{goal_id}")
    if compact:
        return

    st.subheader(t("ui.tops_en_tips"))
    frame = analytics.tops_tips(meetings)
    fig = charts.tops_tips_figure(analytics.tops_tips_counts(frame))
    if fig is None:
        st.info(t("ui.er_zijn_nog_geen_tops_en_tips"), icon=":material/info:")
    else:
        st.plotly_chart(fig, config=config, key="progress-tops-tips")
        for no, rows in frame.groupby("meeting_no", sort=False):
            date = rows.date.iloc[0]
            with st.expander(t("ui.mdo_van_tops_tips", no=no, date=texts.date_nl(date.date()), tops=tn("plural.tops", (rows.kind == 'top').sum()), tips=tn("plural.tips", (rows.kind == 'tip').sum()))):
                for group, label in texts.GIVERS.items():
                    part = rows[rows.group == group]
                    if part.empty:
                        continue
                    st.markdown(f"**{label}**")
                    for row in part.itertuples():
                        kind = t("ui.top") if row.kind == "top" else t("ui.tip")
                        by = f" — {texts.plain(row.by)}" if row.by else ""
                        st.markdown(f"- *{kind}:* {texts.plain(row.text)}{by}")

    st.subheader(t("ui.afspraken"))
    table = analytics.agreements(meetings, today())
    if table.empty:
        st.info(t("ui.er_zijn_nog_geen_afspraken"), icon=":material/info:")
    counts = table.state.value_counts()
    if not table.empty:
        st.markdown(" · ".join(f"{texts.AGREEMENT_STATES[s][0]} :{texts.AGREEMENT_STATES[s][1]}"
                               f"[{counts.get(s, 0)} {texts.AGREEMENT_STATES[s][2]}]"
                               for s in texts.AGREEMENT_STATES))
    for row in table.itertuples():
        icon, colour, label = texts.AGREEMENT_STATES[row.state]
        due = t("ui.uiterlijk", date=texts.date_nl(row.due)) if row.due else t("ui.zonder_datum")
        who = row.who or t("ui.nog_niemand")
        what = texts.plain(row.what) or t("ui.zonder_tekst")
        st.markdown(f"{icon} :{colour}[**{label}**] — {what} "
                    f"*({texts.plain(who)}{due})*")


def table_with_export(table, name: str, key: str) -> None:
    """An aggregate table and its CSV download (the same "< 5" rule as on screen)."""
    from hgs.analytics import sheets  # pandas only where a table is shown

    if table.empty:
        st.caption(t("ui.geen_gegevens_in_deze_selectie"))
        return
    st.dataframe(sheets.display_names(sheets.display(table)), hide_index=True,
                 key=f"{key}-table")
    lang = i18n.language()  # the file is made on click, outside this run: in the shown language
    st.download_button("CSV", ui_auth.guarded(lambda: sheets.to_csv(table, lang)),
                       file_name=f"hgs-{name}.csv",
                       mime="text/csv", key=f"{key}-csv", icon=":material/download:")


def chart(fig, key: str, empty: str | None = None) -> None:
    if fig is None:
        st.caption(empty or t("ui.geen_gegevens_in_deze_selectie"))
    else:
        st.plotly_chart(fig, config={"displaylogo": False}, key=key)


# -- AVG: export and erase a case ----------------------------------------------------------------
def case_export_and_erase(case: Case) -> None:
    """Export a case completely (ZIP) or erase it completely: after typing its code, a question
    (hgs.ui.confirm), a back-up first, and an audit line."""
    with st.expander(t("ui.casus_exporteren_of_wissen_avg"), icon=":material/shield_person:"):
        st.caption(t("ui.exporteren_geeft_alle_gegevens"))
        ui_downloads.download_buttons(ui_downloads.export_files(store(), case, today()),
                                      key=f"avg-{case.id}")
        st.divider()
        st.markdown(t("ui.casus_definitief_wissen", code=case.code))
        on_files = getattr(store(), "data_dir", None) is not None
        st.caption(t("erase.caption_files" if on_files else "erase.caption_database"))
        key = f"avg-erase-{case.id}"
        st.text_input(t("ui.typ_de_code_om_te_bevestigen", code=case.code), key=key + "-code",
                      max_chars=20)
        ui_confirm.erase_case_button(case, key)
