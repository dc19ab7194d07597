"""Inloggen: the only page before sign-in; it reads nothing but the users file."""

import streamlit as st

from hgs.access import auth
from hgs.ui import signin as ui_auth
from hgs.i18n import t

st.title(t("inloggen.inloggen_bij_hgs"))
st.caption(t("inloggen.hgs_bevat_vertrouwelijke_gegevens"))
if auth.mode() == "oidc":
    ui_auth.oidc_sign_in()
else:
    ui_auth.sign_in_form()
