"""HGS: the frame. Page config, navigation, demo data on a fresh folder, the active case and
meeting from the URL."""

import streamlit as st

from hgs import demo, texts, ui
from hgs.steps import PREPARATION_PAGE, STEPS

st.set_page_config(page_title="HGS – handelingsgericht MDO", page_icon=":material/groups:",
                   layout="wide")

store = ui.store()
if ui.participant_token() is not None:  # came in through a join link: only the participant's own view
    st.navigation([st.Page("views/meedoen.py", title="Meedoen", url_path="meedoen",
                           icon=":material/group_add:", default=True)],
                  position="hidden").run()
    st.stop()
if "demo_checked" not in st.session_state:
    demo.load_demo_if_empty(store)
    st.session_state["demo_checked"] = True
ui.sync_active()
ui.autosave_while_typing()

navigation = st.navigation({
    "Start": [st.Page(ui.START_PAGE, title="Start", icon=":material/home:", default=True)],
    "Voorbereiding": [st.Page(PREPARATION_PAGE, title="Voorbereiding",
                              icon=":material/checklist:")],
    "MDO": [st.Page(s.page, title=s.label, icon=":material/radio_button_checked:",
                    url_path=f"stap-{s.number}") for s in STEPS]
           + [st.Page("views/presentatie.py", title="Presentatie (projector)",
                      icon=":material/present_to_all:", url_path="presentatie")],
    "Voortgang": [st.Page("views/voortgang.py", title="Voortgang", icon=":material/trending_up:")],
    "Netwerk": [st.Page("views/netwerk.py", title="Netwerk", icon=":material/hub:")],
    "Reflectie": [st.Page("views/reflectie.py", title="Reflectie", icon=":material/self_improvement:")],
    "Beheer": [st.Page("views/beheer.py", title="Beheer", icon=":material/settings:")],
}, expanded=True)

with st.sidebar:
    if case := ui.active_case():
        st.caption(f"Actieve casus: **{case.first_name}** ({case.code})")
if store.setting("demo"):
    with st.container(key="demo-banner"):
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.warning(texts.DEMO_BANNER, icon=":material/science:")
        if right.button("Leeg beginnen", key="demo-start-empty", icon=":material/delete_sweep:",
                        help="Verwijdert alle demogegevens en begint met een lege map."):
            demo.start_empty(store)
            ui.choose(None)
            st.rerun()

navigation.run()
