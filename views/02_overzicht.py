"""Step 2: overview — what goes well, what must improve and what we wonder, per area."""

import streamlit as st

from hgs import texts, ui, ui_method

ui.guard(__file__)
ctx = ui.step_header(2)
st.subheader("Het kind zelf (cirkelgesprek)")
ui.meeting_field(ctx, "child_words", "Wat zegt het kind zelf? Thuis, op school, over zichzelf, "
                 "en wat het nodig heeft", placeholder="In de eigen woorden van het kind")


def overview(live: ui.Context) -> None:
    """The plus, minus and question lists per area (participants add to them live)."""
    for area, title in texts.AREAS.items():
        st.subheader(title)
        for column, (sign, label) in zip(st.columns(3, gap="medium"), texts.SIGNS.items()):
            with column:
                st.markdown(f"**{label}**")
                items = ui.item_list(live, "overview", [ui.Col("text", label, "area")],
                                     where={"area": area, "sign": sign}, new_label="Toevoegen",
                                     new_placeholder=texts.SIGN_PLACEHOLDER[sign])
                for item in items:
                    ui_method.show_hints(item)
        ui_method.show_strength_hints(live.meeting, area)


ui.live_section(ctx, overview)
ui.step_nav(2)
