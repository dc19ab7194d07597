"""Meedoen: the participant's own small view, on a phone as well. Reached only through a
meeting's join link; shows nothing of any case without a valid, open token."""

import streamlit as st

from hgs.access import joining as live
from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method import cycle, texts
from hgs.method.records import ROLES
from hgs.ui import circles, fields, session
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
store = session.store()
token = session.participant_token()
try:
    seat = live.resolve(store, token)
except HGSError as error:
    st.title(t("meedoen.meedoen"))
    st.error(str(error), icon=":material/link_off:")
    st.stop()

meeting = seat.meeting
st.title(t("meedoen.meedoen_aan_het_mdo_over", first_name=texts.plain(seat.case.first_name)))
st.caption(t("meedoen.van_wat_u_hier_toevoegt", kind=texts.MEETING_KINDS[meeting.kind], date=texts.date_nl(meeting.date)))

with st.container(border=True, key="join-who"):
    name = st.text_input(t("meedoen.uw_naam"), key="join-name", max_chars=80)
    roles = [r for r in ROLES if live.may_take_part(seat, r)]  # outside roles need consent
    role = st.selectbox(t("meedoen.uw_rol"), roles, key="join-role", index=None,
                        placeholder=t("consent.kies_uw_rol"),
                        format_func=texts.ROLES.words().get)  # no default: each person chooses
if not name.strip():
    st.info(t("meedoen.vul_eerst_uw_naam_in_dan_kunt_u"), icon=":material/badge:")
    st.stop()
if role is None:
    st.info(t("consent.role_first"), icon=":material/badge:")
    st.stop()


def add(list_name: str, form_key: str, text_key: str | None = None, **values) -> None:
    """Form callback (before the page runs again): save one entry, the form's own widgets read
    from the session (`text_key`: the text typed, which empties once saved and stays when it
    can't be: a message beside the form says why)."""
    if text_key is not None:
        values["text"] = st.session_state.get(text_key, "")
    who, as_role = state("join-name") or "", state("join-role") or ""  # as on the screen now
    if fields.save(form_key, lambda: live.add_entry(store, seat.token, list_name, who, as_role,
                                                **values)):
        ui_auth.log_change(seat.case.id)  # "deelnemer", at most once per 10 minutes
        st.session_state.setdefault("join-mine", []).append(
            values.get("text") or f"score {values.get('score')}")
        if text_key is not None:
            st.session_state[text_key] = ""


def add_scores(goal_ids: list[str]) -> None:
    for goal_id in goal_ids:
        add("giver_scores", "join-scores", goal_id=goal_id,
            score=st.session_state[f"join-s-{goal_id}"])


def state(key: str):
    return st.session_state.get(key)


tabs = st.tabs([t("meedoen.vragen"), t("meedoen.overzicht"), t("circles.tab"),
               *([t("meedoen.scores")] if meeting.scores else []), t("meedoen.tops_en_tips")])
with tabs[0]:
    with st.form("join-question"):
        st.text_area(t("meedoen.uw_vraag_voor_dit_overleg"),
                     placeholder=t("meedoen.als_we_weten_dat_dan_kunnen_we"), key="join-q-text")
        st.form_submit_button(t("meedoen.vraag_toevoegen"), icon=":material/add:", type="primary",
                              on_click=add, args=("questions", "join-question", "join-q-text"))
    fields.show_error("join-question")
with tabs[1]:
    with st.form("join-overview"):
        st.selectbox(t("meedoen.over"), list(texts.AREAS), format_func=texts.AREAS.words().get,
                     key="join-o-area")
        st.radio(t("meedoen.soort"), list(texts.SIGNS), format_func=texts.SIGNS.words().get,
                 horizontal=True, key="join-o-sign")
        st.text_area(t("meedoen.wat_wilt_u_zeggen"), key="join-o-text")
        st.form_submit_button(
            t("meedoen.toevoegen"), icon=":material/add:", type="primary",
            on_click=lambda: add("overview", "join-overview", "join-o-text",
                                 area=state("join-o-area"), sign=state("join-o-sign")))
    fields.show_error("join-overview")
with tabs[2]:
    circles.child_entry(lambda: add("circles", "join-circle", "join-c-text",
                                    circle=state("join-c-circle"), sign=state("join-c-sign")))
if meeting.scores:
    with tabs[3]:
        goals = cycle.goals_to_score(meeting)
        with st.form("join-scores", clear_on_submit=True):
            st.caption(t("meedoen.hoe_ver_is_elk_doel_nu_volgens_u"))
            for g in goals:
                st.slider(texts.plain(g.text) or t("meedoen.doel"), 0, 10, g.start or 0,
                          key=f"join-s-{g.id}")
            st.form_submit_button(t("meedoen.scores_geven"), icon=":material/check:",
                                  type="primary", on_click=add_scores,
                                  args=([g.id for g in goals],))
        fields.show_error("join-scores")
with tabs[-1]:
    with st.form("join-toptip"):
        st.radio(t("meedoen.soort"), ["top", "tip"], horizontal=True, key="join-t-kind",
                 format_func={"top": t("meedoen.top_wat_ging_goed"), "tip": t("meedoen.tip_wat_kan_beter")}.get)
        st.text_area(t("meedoen.over_onze_samenwerking"), key="join-t-text")
        st.form_submit_button(
            t("meedoen.toevoegen"), icon=":material/add:", type="primary",
            on_click=lambda: add("tops_tips", "join-toptip", "join-t-text",
                                 kind=state("join-t-kind")))
    fields.show_error("join-toptip")

if mine := st.session_state.get("join-mine"):
    st.markdown(t("meedoen.wat_u_hebt_toegevoegd"))
    for entry in mine:
        st.markdown(f"- {texts.plain(entry)}")
