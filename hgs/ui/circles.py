"""The cirkelgesprek on screen: the chair's entry at step 2 (three circles, each with + / − / ?
and "doel & wat nodig", plus the essence in the child's words), and the three circles drawn as
circles, in dark type that reads from the back of a room: on step 2, in Presentatie and on the
format page. The child's own entry on a tablet is on Meedoen."""

from __future__ import annotations

import html

import streamlit as st

from hgs.i18n import t
from hgs.method import circles, texts
from hgs.method.records import Meeting
from hgs.ui import fields, lists
from hgs.ui.context import Context

_STYLE = """<style>
.hgs-circles { display: flex; justify-content: center; align-items: center; gap: 0;
  flex-wrap: wrap; margin: .5rem 0 1rem; }
.hgs-circle { box-sizing: border-box; width: min(31vw, 29rem, 44vh); aspect-ratio: 1;
  border-radius: 50%; border: .35rem solid; margin: 0 -1rem; padding: 2.6em 2.4em 1.5em;
  display: flex; flex-direction: column; align-items: center; overflow: hidden;
  color: #1b1b1b; font-size: clamp(1rem, 1.15vw, 1.45rem); line-height: 1.3; }
.hgs-circle h4 { margin: 0 0 .4rem; font-size: 1.5em; padding: 0; }
.hgs-circle ul { list-style: none; margin: 0; padding: 0; text-align: center;
  align-self: stretch; }
.hgs-circle li { margin: 0 0 .35rem; }
.hgs-circle .mark { font-weight: 700; margin-right: .3em; }
.hgs-circle .none { color: #4a4a4a; font-style: italic; }
.hgs-circle.thuis { background: #fdf1dc; border-color: #b36b00; }
.hgs-circle.thuis h4 { color: #8a5200; }
.hgs-circle.kind { background: #e4f1e6; border-color: #2e7d32; z-index: 1; }
.hgs-circle.kind h4 { color: #1e5e22; }
.hgs-circle.school { background: #e3ecf8; border-color: #1f5fa8; }
.hgs-circle.school h4 { color: #174a86; }
.hgs-essence { text-align: center; font-size: clamp(1.05rem, 1.3vw, 1.6rem); color: #1b1b1b;
  margin: 0 auto 1rem; max-width: 60rem; }
@media (max-width: 640px) {
  .hgs-circle { width: 88vw; margin: -.6rem 0; font-size: 1rem; padding: 3em 2.6em 1.5em; }
}
</style>"""


def circles_html(meeting: Meeting) -> str:
    """The three circles with what the child said in each, as HTML (every text escaped)."""
    said = circles.grouped(meeting)
    parts = []
    for circle in circles.CIRCLES:
        items = [f'<li><span class="mark" title="{html.escape(texts.CIRCLE_SIGNS[sign])}">'
                 f'{circles.MARKS[sign]}</span>{html.escape(item.text)}</li>'
                 for sign in circles.SIGNS for item in said[circle][sign]]
        body = (f"<ul>{''.join(items)}</ul>" if items
                else f'<p class="none">{html.escape(t("circles.nog_niets"))}</p>')
        parts.append(f'<section class="hgs-circle {circle}" aria-label="'
                     f'{html.escape(texts.CIRCLES[circle])}"><h4>'
                     f'{html.escape(texts.CIRCLES[circle])}</h4>{body}</section>')
    essence = ""
    if meeting.circle_essence.strip():
        essence = (f'<p class="hgs-essence"><strong>{html.escape(t("circles.essentie_kort"))}:'
                   f'</strong> “{html.escape(meeting.circle_essence.strip())}”</p>')
    return f'{_STYLE}<div class="hgs-circles">{"".join(parts)}</div>{essence}'


def draw(meeting: Meeting) -> None:
    """The three circles, drawn."""
    st.html(circles_html(meeting))


def entry(ctx: Context) -> None:
    """The chair's entry: per circle its four lists (each item autosaves, as every list does),
    who typed an item on a device shown beside it; then the essence."""
    st.caption(t("circles.uitleg"))
    for column, circle in zip(st.columns(3, gap="medium"), circles.CIRCLES):
        with column, st.container(border=True, key=f"circle-{circle}"):
            st.markdown(f"#### {texts.CIRCLES[circle]}")
            for sign in circles.SIGNS:
                st.markdown(f"**{texts.CIRCLE_SIGNS[sign]}**")
                lists.item_list(ctx, "circles", [lists.Col("text", texts.CIRCLE_SIGNS[sign],
                                                            "area")],
                                where={"circle": circle, "sign": sign},
                                new_label=t("circles.toevoegen"),
                                new_placeholder=t("circles.placeholder"))
    fields.meeting_field(ctx, "circle_essence", t("circles.essentie"),
                         placeholder=t("circles.essentie_placeholder"))


# For the child on a tablet: a picture beside each word, big targets, short plain sentences.
_CHILD_ICONS = {"thuis": ":material/home:", "kind": ":material/face:",
                "school": ":material/school:", "plus": ":material/thumb_up:",
                "min": ":material/thumb_down:", "vraag": ":material/help:",
                "doel": ":material/star:"}
_CHILD_STYLE = """<style>
.st-key-join-circle-box label p, .st-key-join-circle-box [role="radiogroup"] p {
  font-size: 1.35rem !important; line-height: 1.4; }
.st-key-join-circle-box [role="radiogroup"] label { padding: .55rem .9rem; margin: 0 .4rem .5rem 0;
  border: 2px solid #8a8a8a; border-radius: .8rem; min-height: 3rem; }
.st-key-join-circle-box textarea { font-size: 1.35rem !important; }
.st-key-join-circle-box button { font-size: 1.35rem !important; min-height: 3.4rem; width: 100%; }
</style>"""


def child_entry(on_submit) -> None:
    """The child's own entry (Meedoen): which circle, what kind of thing, in its own words;
    `on_submit` saves it (the form's widgets are join-c-circle, join-c-sign, join-c-text)."""
    st.html(_CHILD_STYLE)
    with st.container(key="join-circle-box"), st.form("join-circle"):
        st.markdown(t("circles.kind_uitleg"))
        st.radio(t("circles.kies_cirkel"), list(circles.CIRCLES), key="join-c-circle",
                 horizontal=True,
                 format_func=lambda c: f"{_CHILD_ICONS[c]} {texts.CIRCLES_FOR_CHILD[c]}")
        st.radio(t("circles.kies_soort"), list(circles.SIGNS), key="join-c-sign",
                 format_func=lambda s: f"{_CHILD_ICONS[s]} {texts.CIRCLE_SIGNS_FOR_CHILD[s]}")
        st.text_area(t("circles.wat_zeg_je"), key="join-c-text",
                     placeholder=t("circles.wat_zeg_je_placeholder"))
        st.form_submit_button(t("circles.in_de_cirkel"), icon=":material/add_circle:",
                              type="primary", on_click=on_submit)
    fields.show_error("join-circle")
