"""Step 6: what teacher/school and parents need to offer what the child needs."""

import streamlit as st

from hgs.i18n import t
from hgs.method import texts
from hgs.ui import frame, lists
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(6)
for for_whom, title in texts.SUPPORT_FOR.items():
    st.subheader(t("step6.hebben_nodig", lower=title.lower()))
    for kind, label in texts.SUPPORT_KINDS.items():
        st.markdown(f"**{label}**")
        lists.item_list(ctx, "support_needs", [
            lists.Col("text", label, "area", width=4),
            lists.Col("from_whom", t("step6.van_wie"), width=1.5),
        ], where={"for_whom": for_whom, "kind": kind}, new_label=t("step6.toevoegen"),
           new_placeholder=t("step6.typ_en_druk_op_enter"))
frame.step_nav(6)
