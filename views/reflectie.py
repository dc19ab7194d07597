"""Reflectie: a professional's own reflection on the 7 principles and a personal plan."""

import streamlit as st

from hgs import auth, ui, ui_method

user = ui.guard(__file__)
st.title("Reflectie")
st.caption("Kijk met de 7 uitgangspunten naar je eigen werk en maak een plan: wat ga ik "
           "uitproberen, waarom, met wie, wanneer en hoe? Wat je hier schrijft is van jou: het "
           "staat in een eigen bestand en komt in geen MDO terecht. Alleen als je dat onderaan "
           "aanvinkt, tellen de uitgangspunten waaraan je wilt werken anoniem mee in het "
           "overzicht van het netwerk.")
if user.role == auth.LOCAL:  # without sign-in the person says who they are
    st.info("Zonder inloggen ziet wie jouw naam typt jouw reflectie. Gebruik HGS hiervoor op je "
            "eigen apparaat.", icon=":material/lock:")
    who = ui_method.who_am_i()
else:  # signed in: the reflection belongs to the account, nobody else can open it
    who = user.username
    st.caption(f"Dit is de reflectie van {user.label}.")
if not who:
    st.stop()
mine = ui_method.my_reflection(who)
if mine is None:
    st.stop()
st.header("Reflectieschema")
ui_method.reflection_schema(who, mine)
st.header("Mijn plan")
ui_method.reflection_plan(who, mine)
ui_method.earlier_plans(mine)
st.divider()
ui_method.reflection_sharing(who, mine)
