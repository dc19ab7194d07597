"""Werklijst: the chair's home page. Every case of theirs with what needs doing between the MDOs
(hgs.method.worklist), each with its reason and a link to the page that fixes it."""

import streamlit as st

from hgs import pages
from hgs.access import roles
from hgs.i18n import t, tn
from hgs.method import worklist
from hgs.ui import session
from hgs.ui import signin as ui_auth
from hgs.ui import werklijst as ui_werklijst

user = ui_auth.guard(__file__)
store = session.store()
st.title(t("werklijst.titel"))
st.caption(t("werklijst.uitleg"))

organisations = store.organisations()
own = roles.own_organisations(user, organisations)
cases = ui_auth.visible_cases(store.cases())
if not cases:
    st.info(t("werklijst.geen_casussen"), icon=":material/info:")
    st.page_link(pages.START.path, label=t("werklijst.naar_start"), icon=":material/home:")
    st.stop()

chosen = ui_werklijst.organisation_filter(own)
found, unreadable = ui_werklijst.gather(store, ui_werklijst.in_organisation(cases, chosen),
                                        session.today())
if unreadable:
    st.warning(tn("werklijst.onleesbaar", len(unreadable),
                  codes=", ".join(c.code for c in unreadable)), icon=":material/warning:")
kinds, by = ui_werklijst.kind_and_sort_filter(found)
ui_werklijst.draw(worklist.ordered(worklist.of_kinds(found, kinds), by), cases, organisations)
