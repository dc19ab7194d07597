"""Larger parts of pages: goal progress (Voortgang, and compact at step 9), the Netwerk page's
tables and charts, and a case's AVG export and erasure."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

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
@dataclass(frozen=True)
class Progress:
    """What goal_progress draws of one version of a case: frames and figures, built once."""
    attainment: Any
    t_score: Any  # figure or None
    levels: Any  # the level per goal per MDO (with the T-score figure only)
    goals: dict[str, tuple[str, str, Any]]  # goal id -> (area, goal, figure or None)
    tops_tips_figure: Any
    # per MDO with tops or tips: (no, date, tops, tips, {group: [(kind, text, by)]})
    tops_tips: list[tuple[int, Any, int, int, dict[str, list[tuple[str, str, str]]]]]
    agreements: list[Any]  # rows of analytics.agreements on the day the key names
    agreement_counts: dict[str, int]  # state -> how many


def case_version(meetings: list[Meeting]) -> str:
    """A digest of the meetings as stored: any change to any of them gives a new one."""
    digest = hashlib.blake2b(digest_size=16)
    for meeting in meetings:
        digest.update(meeting.model_dump_json().encode())
    return digest.hexdigest()


# Shared by the sessions of this server, never mutated; keyed by the content itself, so only a
# session that already read these meetings can meet their figures (building them was ~0.75 s).
@st.cache_resource(show_spinner=False, max_entries=64)
def _progress_figures(version: str, language: str, day: dt.date,
                      _meetings: list[Meeting]) -> Progress:
    from hgs.analytics import charts
    from hgs.analytics import goals as analytics

    scores = analytics.goal_scores(_meetings)
    att = analytics.attainment(_meetings)
    goals = {}
    for goal_id in dict.fromkeys(scores.goal_id):
        rows = scores[scores.goal_id == goal_id]
        goals[goal_id] = (rows.area.iloc[0], rows.goal.iloc[0], charts.goal_figure(rows))
    t_score = charts.t_score_figure(att)
    levels = None if t_score is None else analytics.level_table(_meetings)
    frame = analytics.tops_tips(_meetings)
    per_meeting = []
    for no, rows in frame.groupby("meeting_no", sort=False):
        given: dict[str, list[tuple[str, str, str]]] = {}
        for row in rows.itertuples():
            given.setdefault(row.group, []).append((row.kind, row.text, row.by))
        per_meeting.append((no, rows.date.iloc[0], int((rows.kind == "top").sum()),
                            int((rows.kind == "tip").sum()), given))
    table = analytics.agreements(_meetings, day)
    return Progress(att, t_score, levels, goals,
                    charts.tops_tips_figure(analytics.tops_tips_counts(frame)), per_meeting,
                    list(table.itertuples()), table.state.value_counts().to_dict())


def goal_progress(meetings: list[Meeting], compact: bool = False) -> None:
    """Goal lines, GAS T-scores, tops and tips and agreements of one case."""
    from hgs.analytics import goals as analytics  # pandas only where charts are drawn

    config = {"displaylogo": False}
    drawn = _progress_figures(case_version(meetings), i18n.language(), today(), meetings)
    att = drawn.attainment
    with st.expander(t("ui.hoe_lezen_we_dit_de_regel_voor_de"), icon=":material/help:"):
        st.markdown(analytics.gas_rule())

    st.subheader(t("ui.doelrealisatie"))
    t_fig = drawn.t_score
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
        st.dataframe(drawn.levels, key="progress-levels")

    st.subheader(t("ui.doelen"))
    if not drawn.goals:
        st.info(t("ui.er_zijn_nog_geen_doelen_gesteld"), icon=":material/info:")
    columns = st.columns(1 if compact else 2)
    for index, (goal_id, (area, goal, fig)) in enumerate(drawn.goals.items()):
        with columns[index % len(columns)]:
            if fig is None:
                st.markdown(f"**{texts.AREA_SHORT[area]}: {texts.plain(goal)}**")
                st.caption(t("ui.dit_doel_heeft_nog_geen_score_vul"))
            else:
                st.plotly_chart(fig, config=config, key=f"progress-goal-{goal_id}")
    if compact:
        return

    st.subheader(t("ui.tops_en_tips"))
    fig = drawn.tops_tips_figure
    if fig is None:
        st.info(t("ui.er_zijn_nog_geen_tops_en_tips"), icon=":material/info:")
    else:
        st.plotly_chart(fig, config=config, key="progress-tops-tips")
        for no, date, tops, tips, given in drawn.tops_tips:
            with st.expander(t("ui.mdo_van_tops_tips", no=no, date=texts.date_nl(date.date()),
                               tops=tn("plural.tops", tops), tips=tn("plural.tips", tips))):
                for group, label in texts.GIVERS.items():
                    if group not in given:
                        continue
                    st.markdown(f"**{label}**")
                    for kind, text, by in given[group]:
                        kind = t("ui.top") if kind == "top" else t("ui.tip")
                        by = f" — {texts.plain(by)}" if by else ""
                        st.markdown(f"- *{kind}:* {texts.plain(text)}{by}")

    st.subheader(t("ui.afspraken"))
    counts = drawn.agreement_counts
    if not drawn.agreements:
        st.info(t("ui.er_zijn_nog_geen_afspraken"), icon=":material/info:")
    else:
        st.markdown(" · ".join(f"{texts.AGREEMENT_STATES[s][0]} :{texts.AGREEMENT_STATES[s][1]}"
                               f"[{counts.get(s, 0)} {texts.AGREEMENT_STATES[s][2]}]"
                               for s in texts.AGREEMENT_STATES))
    for row in drawn.agreements:
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
