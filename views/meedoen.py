"""Meedoen: the participant's own small view, on a phone as well. Reached only through a
meeting's join link; shows nothing of any case without a valid, open token."""

import streamlit as st

from hgs import live, texts, ui, ui_auth
from hgs.errors import HGSError
from hgs.model import ROLES

ui.guard(__file__)
store = ui.store()
token = ui.participant_token()
try:
    seat = live.resolve(store, token)
except HGSError as error:
    st.title("Meedoen")
    st.error(str(error), icon=":material/link_off:")
    st.stop()

meeting = seat.meeting
st.title(f"Meedoen aan het MDO over {texts.plain(seat.case.first_name)}")
st.caption(f"{texts.MEETING_KINDS[meeting.kind]} van {texts.date_nl(meeting.date)}. Wat u hier "
           "toevoegt, verschijnt op het gedeelde scherm, met uw naam erbij.")

with st.container(border=True, key="join-who"):
    name = st.text_input("Uw naam", key="join-name", max_chars=80)
    roles = [r for r in ROLES if live.may_take_part(seat, r)]  # outside roles need consent
    role = st.selectbox("Uw rol", roles, key="join-role", index=roles.index("ouder/verzorger"))
if not name.strip():
    st.info("Vul eerst uw naam in; dan kunt u meedoen.", icon=":material/badge:")
    st.stop()


def add(list_name: str, form_key: str, **fields) -> None:
    """Save one entry; a Dutch message beside the form when it can't be saved."""
    if ui.save(form_key, lambda: live.add_entry(store, seat.token, list_name, name, role,
                                                **fields)):
        ui_auth.log_change(seat.case.id)  # "deelnemer", at most once per 10 minutes
        st.session_state.setdefault("join-mine", []).append(
            fields.get("text") or f"score {fields.get('score')}")


tabs = st.tabs(["Vragen", "Overzicht", *(["Scores"] if meeting.scores else []), "Tops en tips"])
with tabs[0]:
    with st.form("join-question", clear_on_submit=True):
        text = st.text_area("Uw vraag voor dit overleg",
                            placeholder="Als we weten dat …, dan kunnen we …", key="join-q-text")
        if st.form_submit_button("Vraag toevoegen", icon=":material/add:", type="primary"):
            add("questions", "join-question", text=text)
    ui.show_error("join-question")
with tabs[1]:
    with st.form("join-overview", clear_on_submit=True):
        area = st.selectbox("Over", list(texts.AREAS), format_func=texts.AREAS.get,
                            key="join-o-area")
        sign = st.radio("Soort", list(texts.SIGNS), format_func=texts.SIGNS.get,
                        horizontal=True, key="join-o-sign")
        text = st.text_area("Wat wilt u zeggen?", key="join-o-text")
        if st.form_submit_button("Toevoegen", icon=":material/add:", type="primary"):
            add("overview", "join-overview", area=area, sign=sign, text=text)
    ui.show_error("join-overview")
if meeting.scores:
    with tabs[2]:
        goals = [g for g in meeting.goals if g.id in meeting.scores and not g.dropped]
        with st.form("join-scores", clear_on_submit=True):
            st.caption("Hoe ver is elk doel nu, volgens u? 0 = nog niets van te zien, "
                       "10 = helemaal bereikt.")
            given = {g.id: st.slider(texts.plain(g.text) or "Doel", 0, 10, g.start or 0,
                                     key=f"join-s-{g.id}")
                     for g in goals}
            if st.form_submit_button("Scores geven", icon=":material/check:", type="primary"):
                for goal_id, score in given.items():
                    add("giver_scores", "join-scores", goal_id=goal_id, score=score)
        ui.show_error("join-scores")
with tabs[-1]:
    with st.form("join-toptip", clear_on_submit=True):
        kind = st.radio("Soort", ["top", "tip"], horizontal=True, key="join-t-kind",
                        format_func={"top": "Top: wat ging goed", "tip": "Tip: wat kan beter"}.get)
        text = st.text_area("Over onze samenwerking", key="join-t-text")
        if st.form_submit_button("Toevoegen", icon=":material/add:", type="primary"):
            add("tops_tips", "join-toptip", kind=kind, text=text)
    ui.show_error("join-toptip")

if mine := st.session_state.get("join-mine"):
    st.markdown("**Wat u hebt toegevoegd**")
    for entry in mine:
        st.markdown(f"- {texts.plain(entry)}")
