"""Step 3: insight — explanations per area, and whether research is truly needed."""

import streamlit as st

from hgs.i18n import t
from hgs.method import texts
from hgs.ui import fields, frame, lists
from hgs.ui import method as ui_method
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(3)
for area in ("kind", "onderwijs", "opvoeding"):
    st.subheader(texts.AREAS[area])
    items = lists.item_list(ctx, "explanations", [lists.Col("text", t("step3.verklaring"), "area")],
                            where={"area": area}, new_label=t("step3.mogelijke_verklaring"),
                            new_placeholder=t("step3.hoe_zou_het_kunnen_komen_enter"))
    for item in items:
        ui_method.show_hints(item)
st.subheader(t("step3.onderzoek"))
fields.meeting_field(ctx, "research_needed", t("step3.is_verder_onderzoek_nodig_voor"),
                     kind="choice", options=texts.RESEARCH)
fields.meeting_field(ctx, "research_reason", t("step3.waarom_wel_of_niet_welke_vraag"), height=90)
frame.step_nav(3)
