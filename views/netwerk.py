"""Netwerk: placeholder until its issue lands."""

import streamlit as st

from hgs import texts

st.title("Netwerk")
st.info(texts.NOT_YET, icon=":material/construction:")
