"""Step 5: what the child needs, per category."""

import streamlit as st

from hgs.i18n import t
from hgs.method import cycle, texts
from hgs.ui import frame, lists
from hgs.ui import method as ui_method
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(5)
goals = cycle.goal_choices(ctx.meeting)  # "wat heeft het kind nodig om dít doel te halen?"
st.subheader(t("step5.heeft_nodig", first_name=texts.plain(ctx.case.first_name)))
for category, title in texts.NEED_CATEGORIES.items():
    st.markdown(f"**{title}**")
    needs = lists.item_list(ctx, "needs", [
        lists.Col("text", t("step5.behoefte"), "area", width=4),
        *([lists.Col("goal_id", t("retype.voor_welk_doel"), "select", width=2, options=goals)]
          if len(goals) > 1 else []),
        lists.Col("more_pupils", t("step5.meer_leerlingen_gebaat"), "bool", width=1.2),
    ], where={"category": category}, new_label=t("step5.toevoegen"),
       new_placeholder=t("step5.heeft_nodig_enter", first_name=ctx.case.first_name))
    for need in needs:
        ui_method.show_hints(need)
ui_method.show_strength_hints(ctx.meeting, needs=True)
frame.step_nav(5)
