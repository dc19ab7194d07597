"""Inloggen: the only page before sign-in; it reads nothing but the users file."""

import streamlit as st

from hgs import auth, ui_auth

st.title("Inloggen bij HGS")
st.caption("HGS bevat vertrouwelijke gegevens over kinderen. Log in met het account dat de "
           "beheerder van uw organisatie voor u heeft gemaakt.")
if auth.mode() == "oidc":
    ui_auth.oidc_sign_in()
else:
    ui_auth.sign_in_form()
