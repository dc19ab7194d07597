"""Beheer: placeholder until its issue lands."""

import streamlit as st

from hgs import texts

st.title("Beheer")
st.info(texts.NOT_YET, icon=":material/construction:")
