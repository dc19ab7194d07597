"""HGS: the frame. Page config, sign-in, the navigation of the user's role, demo data on a fresh
folder, the active case and meeting from the URL."""

from pathlib import Path

import streamlit as st

from hgs import auth, backup, demo, texts, ui, ui_auth
from hgs.errors import HGSError
from hgs.steps import PREPARATION_PAGE, STEPS

st.set_page_config(page_title="HGS – handelingsgericht MDO", page_icon=":material/groups:",
                   layout="wide")

# Every page of HGS by section; a page the user's role may not open is not registered at all,
# so no link, switch or URL reaches it (and each page checks the role again itself).
SECTIONS = {
    "Start": [(ui.START_PAGE, dict(title="Start", icon=":material/home:"))],
    "Voorbereiding": [(PREPARATION_PAGE, dict(title="Voorbereiding", icon=":material/checklist:"))],
    "MDO": [(s.page, dict(title=s.label, icon=":material/radio_button_checked:",
                          url_path=f"stap-{s.number}")) for s in STEPS]
           + [("views/presentatie.py", dict(title="Presentatie (projector)",
                                            icon=":material/present_to_all:",
                                            url_path="presentatie"))],
    "Voortgang": [("views/voortgang.py", dict(title="Voortgang", icon=":material/trending_up:"))],
    "Netwerk": [("views/netwerk.py", dict(title="Netwerk", icon=":material/hub:"))],
    "Reflectie": [("views/reflectie.py", dict(title="Reflectie",
                                              icon=":material/self_improvement:"))],
    "Beheer": [("views/beheer.py", dict(title="Beheer", icon=":material/settings:"))]
              + ([("views/gegevens.py", dict(title="Gegevens en back-ups",
                                              icon=":material/backup:"))]
                 if (Path(__file__).parent / "views/gegevens.py").exists() else []),
}


def url_path(page: str, options: dict) -> str:
    return options.get("url_path") or Path(page).stem


store = ui.store()
backup.daily_backup_if_due(store)  # the day's first run takes a back-up, in the background
if ui.participant_token() is not None:  # came in through a join link: only the participant's own view
    st.navigation([st.Page("views/meedoen.py", title="Meedoen", url_path="meedoen",
                           icon=":material/group_add:", default=True)],
                  position="hidden").run()
    st.stop()
try:
    user = ui_auth.current_user()
except HGSError as error:  # a wrong HGS_AUTH or a damaged users file: open nothing
    st.error(str(error), icon=":material/error:")
    st.stop()
if user is None:
    # Sign-in is on and nobody has signed in: every address shows the sign-in form, and after
    # signing in the same address opens (a reload or a shared link keeps its page and case).
    sign_in = dict(title="Inloggen", icon=":material/login:")
    st.navigation([st.Page("views/inloggen.py", default=True, **sign_in)]
                  + [st.Page("views/inloggen.py", url_path=url_path(page, options), **sign_in)
                     for entries in SECTIONS.values() for page, options in entries],
                  position="hidden").run()
    st.stop()
if "demo_checked" not in st.session_state:
    demo.load_demo_if_empty(store)
    st.session_state["demo_checked"] = True
ui.sync_active()
ui.autosave_while_typing()

home = auth.start_page(user)
pages = {section: [st.Page(page, default=page == home, **options)
                   for page, options in entries if auth.may_open(user, page)]
         for section, entries in SECTIONS.items()}
navigation = st.navigation({section: found for section, found in pages.items() if found},
                           expanded=True)

ui_auth.sidebar(user)
with st.sidebar:
    if case := ui.active_case():
        st.caption(f"Actieve casus: **{case.first_name}** ({case.code})")
if store.setting("demo"):
    with st.container(key="demo-banner"):
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.warning(texts.DEMO_BANNER, icon=":material/science:")
        if ui_auth.may_manage() and right.button(
                "Leeg beginnen", key="demo-start-empty", icon=":material/delete_sweep:",
                help="Verwijdert alle demogegevens en begint met een lege map."):
            demo.start_empty(store)
            ui.choose(None)
            st.rerun()

navigation.run()
