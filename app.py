"""HGS: the frame. Page config, sign-in, the navigation of the user's role, demo data on a fresh
folder, the active case and meeting from the URL."""

from pathlib import Path

import streamlit as st

from hgs import demo, i18n, ui
from hgs.access import auth
from hgs.store import backup
from hgs.method import texts
from hgs.ui import signin as ui_auth
from hgs.ui import confirm as ui_confirm
from hgs.ui import netgate as ui_net
from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method.steps import PREPARATION_PAGE, STEPS

# The person's language first, before anything is shown (Dutch unless they chose English).
i18n.set_language(ui.remembered_language())
st.set_page_config(page_title=t("app.hgs_handelingsgericht_mdo"), page_icon=":material/groups:",
                   layout="wide")
ui.language_switch()  # in the sidebar on every page, the sign-in and participant pages too
# Streamlit's own "Press Enter to apply" under a field is English and, in HGS, not needed: a pause
# in typing saves. Its character count ("12/120") stays.
st.html("""<style>
  [data-testid="InputInstructions"] > span:first-child { display: none; }
  [data-testid="InputInstructions"] > span:nth-child(2)::before { content: none !important; }
  /* the hidden twin of a list's "new item" field that carries its draft (hgs/autosave.js) */
  [class*="st-key-m-"][class*="-draft-"] { display: none !important; }
</style>""")
# Before anything is read: a foreign Host (DNS rebinding) is refused, and without sign-in only
# this computer opens the chair's pages; another device gets only the page of a join link.
ui_net.gate(participant=ui.participant_token() is not None)

# Every page of HGS by section; a page the user's role may not open is not registered at all,
# so no link, switch or URL reaches it (and each page checks the role again itself).
SECTIONS = {
    t("app.start"): [(ui.START_PAGE, dict(title=t("app.start"), icon=":material/home:"))],
    t("app.voorbereiding"): [(PREPARATION_PAGE, dict(title=t("app.voorbereiding"),
                                                          icon=":material/checklist:"))],
    t("app.mdo"): [(s.page, dict(title=s.label, icon=":material/radio_button_checked:",
                          url_path=f"stap-{s.number}")) for s in STEPS]
           + [("views/presentatie.py", dict(title=t("app.presentatie_projector"),
                                            icon=":material/present_to_all:",
                                            url_path="presentatie"))],
    t("app.voortgang"): [("views/voortgang.py", dict(title=t("app.voortgang"),
                                                         icon=":material/trending_up:"))],
    t("app.netwerk"): [("views/netwerk.py", dict(title=t("app.netwerk"), icon=":material/hub:"))],
    t("app.reflectie"): [("views/reflectie.py", dict(title=t("app.reflectie"),
                                              icon=":material/self_improvement:"))],
    t("app.beheer"): [("views/beheer.py", dict(title=t("app.beheer"), icon=":material/settings:"))]
              + ([("views/gegevens.py", dict(title=t("app.gegevens_en_back_ups"),
                                              icon=":material/backup:"))]
                 if (Path(__file__).parent / "views/gegevens.py").exists() else []),
}


def url_path(page: str, options: dict) -> str:
    return options.get("url_path") or Path(page).stem


store = ui.reachable_store()  # the database away: a Dutch message, what was typed, a stop
backup.daily_backup_if_due(store)  # the day's first run takes a back-up, in the background
if ui.participant_token() is not None:  # came in through a join link: only the participant's own view
    ui_net.run_page(st.navigation([st.Page("views/meedoen.py", title=t("app.meedoen"),
                                           url_path="meedoen",
                                           icon=":material/group_add:", default=True)],
                                  position="hidden"))
    st.stop()
try:
    user = ui_auth.current_user()
except HGSError as error:  # a wrong HGS_AUTH or a damaged users file: open nothing
    st.error(str(error), icon=":material/error:")
    st.stop()
if user is None:
    # Sign-in is on and nobody has signed in: every address shows the sign-in form, and after
    # signing in the same address opens (a reload or a shared link keeps its page and case).
    sign_in = dict(title=t("app.inloggen"), icon=":material/login:")
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
ui_auth.keep_signed_in(user)  # the sign-in cookie, and the end of a sign-in noticed in seconds
with st.sidebar:
    if case := ui.active_case():
        st.caption(t("app.actieve_casus", first_name=texts.plain(case.first_name), code=case.code))
if store.setting("demo"):
    with st.container(key="demo-banner"):
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.warning(t("common.demo_banner"), icon=":material/science:")
        if ui_auth.may_manage():
            with right:
                ui_confirm.start_empty_button()  # asks first; only demo cases go
ui_confirm.outcome()  # what a confirmed removal did, and its back-up

ui_net.run_page(navigation)  # a failing page: a Dutch message, the details to the log
