"""Inloggen: the only page before sign-in; it reads nothing but the users file."""

import streamlit as st

from hgs.access import login
from hgs.i18n import t
from hgs.ui import signin_form

st.title(t("inloggen.inloggen_bij_hgs"))
st.caption(t("inloggen.hgs_bevat_vertrouwelijke_gegevens"))
if login.mode() == "oidc":
    signin_form.oidc_sign_in()
else:
    signin_form.sign_in_form()
