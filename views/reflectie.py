"""Reflectie: a professional's own reflection on the 7 principles and a personal plan."""

import streamlit as st

from hgs.access import roles
from hgs.i18n import t
from hgs.ui import method as ui_method
from hgs.ui import signin as ui_auth

user = ui_auth.guard(__file__)
st.title(t("reflectie.reflectie"))
st.caption(t("reflectie.kijk_met_de_7_uitgangspunten_naar"))
if user.role == roles.LOCAL:  # without sign-in the person says who they are
    st.info(t("reflectie.zonder_inloggen_ziet_wie_jouw"), icon=":material/lock:")
    who = ui_method.who_am_i()
else:  # signed in: the reflection belongs to the account (its id), nobody else can open it
    st.caption(t("reflectie.dit_is_de_reflectie_van", label=user.label))
    who = ui_method.owner_of(user)
if not who:
    st.stop()
mine = ui_method.my_reflection(who)
if mine is None:
    st.stop()
st.header(t("reflectie.reflectieschema"))
ui_method.reflection_schema(who, mine)
st.header(t("reflectie.mijn_plan"))
ui_method.reflection_plan(who, mine)
ui_method.reflection_sketch(who, mine)
ui_method.earlier_plans(mine)
st.divider()
ui_method.reflection_sharing(who, mine)
