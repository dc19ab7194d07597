"""HGS: the frame. Page config, sign-in, the navigation of the user's role, demo data on a fresh
folder, the active case and meeting from the URL."""

import streamlit as st

from hgs import demo, i18n, pages
from hgs.access import roles
from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method import texts
from hgs.store import backup
from hgs.ui import confirm as ui_confirm
from hgs.ui import context, fields, language, session, signin_form
from hgs.ui import netgate as ui_net
from hgs.ui import signin as ui_auth

# The person's language first, before anything is shown (Dutch unless they chose English).
i18n.set_language(language.remembered_language())
st.set_page_config(page_title=t("app.hgs_handelingsgericht_mdo"), page_icon=":material/groups:",
                   layout="wide")
# in the sidebar on every page, the sign-in and participant pages too; a lees-link has no sidebar
reader = session.reader_token() is not None
language.language_switch(st.container() if reader else st.sidebar)
# Streamlit's own "Press Enter to apply" under a field is English and, in HGS, not needed: a pause
# in typing saves. Its character count ("12/120") stays.
st.html("""<style>
  [data-testid="InputInstructions"] > span:first-child { display: none; }
  [data-testid="InputInstructions"] > span:nth-child(2)::before { content: none !important; }
  /* the hidden twin of a list's "new item" field that carries its draft (hgs/autosave.js) */
  [class*="st-key-m-"][class*="-draft-"] { display: none !important; }
  /* the demo banner: one slim line, so a step's own content starts high on a projector */
  .st-key-demo-banner [data-testid="stAlertContainer"] { padding: 0.3rem 0.8rem; }
  .st-key-demo-banner [data-testid="stAlertContentWarning"] p { font-size: 0.9rem; }
  .st-key-demo-banner button { min-height: 2rem; padding: 0.15rem 0.7rem; }
</style>""")
# Before anything is read: a foreign Host (DNS rebinding) is refused, and without sign-in only
# this computer opens the chair's pages; another device gets only the page of a join link.
ui_net.gate(participant=session.participant_token() is not None or reader)

# Every page of HGS by section (the page registry); a page the user's role may not open is not
# registered at all, so no link, switch or URL reaches it (and each page checks the role again).
SECTIONS = pages.sections()


def st_page(page: pages.Page, **options) -> st.Page:
    return st.Page(page.path, title=page.title, icon=page.icon, url_path=page.url_path, **options)


store = fields.reachable_store()  # the database away: a Dutch message, what was typed, a stop
backup.daily_backup_if_due(store)  # the day's first run takes a back-up, in the background
if session.participant_token() is not None:  # came in through a join link: only the participant's own view
    ui_net.run_page(st.navigation([st_page(pages.JOIN, default=True)], position="hidden"))
    st.stop()
if reader:  # came in through a lees-link: that one MDO to read, nothing else
    ui_net.run_page(st.navigation([st_page(pages.READ, default=True)], position="hidden"))
    st.stop()
try:
    user = ui_auth.current_user()
except HGSError as error:  # a wrong HGS_AUTH or a damaged users file: open nothing
    st.error(str(error), icon=":material/error:")
    st.stop()
if user is None:
    # Sign-in is on and nobody has signed in: every address shows the sign-in form, and after
    # signing in the same address opens (a reload or a shared link keeps its page and case).
    sign_in = dict(title=pages.SIGN_IN.title, icon=pages.SIGN_IN.icon)
    st.navigation([st.Page(pages.SIGN_IN.path, default=True, **sign_in)]
                  + [st.Page(pages.SIGN_IN.path, url_path=page.url_path, **sign_in)
                     for entries in SECTIONS.values() for page in entries],
                  position="hidden").run()
    st.stop()
if "demo_checked" not in st.session_state:
    demo.load_demo_if_empty(store)
    st.session_state["demo_checked"] = True
session.sync_active()
fields.autosave_while_typing()

home = roles.start_page(user)
shown = {section: [st_page(page, default=page.path == home)
                   for page in entries if roles.may_open(user, page.path)]
         for section, entries in SECTIONS.items()}
navigation = st.navigation({section: found for section, found in shown.items() if found},
                           expanded=True)

signin_form.sidebar(user)
ui_auth.keep_signed_in(user)  # the sign-in cookie, and the end of a sign-in noticed in seconds
with st.sidebar:
    if case := context.active_case():
        st.caption(t("app.actieve_casus", first_name=texts.plain(case.first_name), code=case.code))
if store.setting("demo"):
    with st.container(key="demo-banner"):
        left, right = st.columns([6, 1], vertical_alignment="center", gap="small")
        left.warning(t("common.demo_banner"), icon=":material/science:")
        if ui_auth.may_manage():
            with right:
                ui_confirm.start_empty_button()  # asks first; only demo cases go
ui_confirm.outcome()  # what a confirmed removal did, and its back-up

ui_net.run_page(navigation)  # a failing page: a Dutch message, the details to the log
