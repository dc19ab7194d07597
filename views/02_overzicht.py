"""Step 2: overview — the child's three circles (cirkelgesprek), then what goes well, what must
improve and what we wonder, per area."""

import streamlit as st

from hgs.i18n import t
from hgs.method import texts
from hgs.ui import circles, context, frame, lists, live_panel
from hgs.ui import method as ui_method
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(2)
st.subheader(t("circles.titel"))


def child(live: context.Context) -> None:
    """The circles (a child on a tablet adds to them live), and the circles drawn."""
    circles.entry(live)
    st.markdown(f"#### {t('circles.tekening')}")
    circles.draw(live.meeting)


live_panel.live_section(ctx, child)


said_by = {"": t("retype.niemand_genoemd"), **texts.PARTIES.words()}


def overview(live: context.Context) -> None:
    """The plus, minus and question lists per area (participants add to them live)."""
    for area, title in texts.AREAS.items():
        st.subheader(title)
        for column, (sign, label) in zip(st.columns(3, gap="medium"), texts.SIGNS.items()):
            with column:
                st.markdown(f"**{label}**")
                items = lists.item_list(live, "overview", [
                    lists.Col("text", label, "area", width=3),
                    lists.Col("group", t("retype.wie_zei_het"), "select", width=1.6,
                              options=said_by)],
                                        where={"area": area, "sign": sign}, new_label=t("step2.toevoegen"),
                                        new_placeholder=texts.SIGN_PLACEHOLDER[sign])
                for item in items:
                    ui_method.show_hints(item)
        ui_method.show_strength_hints(live.meeting, area)


live_panel.live_section(ctx, overview)
frame.step_nav(2)
