"""The Werklijst on screen: the flags (hgs.method.worklist) of the cases a user sees, read once
from the store, filtered by organisation and kind, one row each with an icon and a word (never
colour alone), its one-line reason and a link to the page that fixes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from hgs.errors import HGSError
from hgs.i18n import t, tn
from hgs.method import texts, worklist
from hgs.method.records import Case, Organisation
from hgs.method.worklist import Flag
from hgs.store import Store
from hgs.ui import session

ICONS = {"toestemming": ":material/gpp_maybe:", "afspraak": ":material/assignment_late:",
         "evaluatie": ":material/event_busy:", "doel": ":material/trending_down:",
         "uitnodiging": ":material/forward_to_inbox:", "volgend_mdo": ":material/event:"}
COLOURS = {"actie": "red", "let_op": "orange", "info": "blue"}
ALL = ""  # the organisation filter's "every organisation"
# Rows drawn at first (and added by "Meer tonen"): a few hundred bordered rows take seconds to
# draw, and the most urgent points come first anyway.
PAGE_ROWS = 100


def gather(store: Store, cases: Sequence[Case], today: dt.date) -> tuple[list[Flag], list[Case]]:
    """The flags of the open cases among `cases`, each case's MDOs read once; and the cases
    that could not be read (a damaged file: named on the page, the rest still shown)."""
    meetings, unreadable = {}, []
    for case in cases:
        if case.status == "afgesloten":
            continue
        try:
            meetings[case.id] = store.meetings(case.id)
        except HGSError:
            unreadable.append(case)
    readable = [case for case in cases if case.id in meetings]
    return worklist.worklist(readable, meetings, today), unreadable


def in_organisation(cases: Sequence[Case], organisation_id: str) -> list[Case]:
    """The cases of one organisation (ALL: every case given)."""
    return [c for c in cases if organisation_id == ALL or c.organisation_id == organisation_id]


def organisation_filter(own: Sequence[Organisation]) -> str:
    """The organisation to look at (an IB'er looks at one school); ALL for every one."""
    names = {ALL: t("werklijst.alle_organisaties"), **{o.id: o.name for o in own}}
    if len(own) <= 1:
        return ALL
    return st.selectbox(t("werklijst.organisatie"), list(names), key="werklijst-org",
                        format_func=names.get)


def kind_and_sort_filter(found: Sequence[Flag]) -> tuple[list[str], str]:
    """Which kinds of flag to show (none chosen: all) and how to sort them."""
    tally = worklist.counts(found)
    words = {kind: f"{worklist.KIND_WORDS[kind]} ({tally[kind]})" for kind in tally}
    left, right = st.columns([3, 1])
    kinds = left.multiselect(t("werklijst.soort"), list(tally), key="werklijst-kinds",
                             format_func=lambda kind: words.get(kind, kind),
                             placeholder=t("werklijst.alle_soorten"))
    sort_words = {by: t(f"werklijst.sorteer_{by}") for by in worklist.SORTS}
    by = right.selectbox(t("werklijst.sorteer"), list(sort_words), key="werklijst-sort",
                         format_func=sort_words.get)
    return [k for k in kinds if k in tally], by


def row(flag: Flag, case: Case, organisation: str, number: int) -> None:
    """One flag: its kind as an icon and a word in the colour of its urgency, the case, the
    reason, and the link to the page that fixes it (with the case and MDO in its address)."""
    with st.container(border=True, key=f"werklijst-flag-{number}"):
        kind, case_col, reason, link = st.columns([1.5, 1.6, 5, 1.9], vertical_alignment="center")
        kind.markdown(f":{COLOURS[flag.severity]}-badge[{ICONS[flag.kind]} "
                      f"{worklist.KIND_WORDS[flag.kind]}]")
        kind.caption(worklist.SEVERITY_WORDS[flag.severity])
        case_col.markdown(f"**{texts.plain(case.first_name)}** · {case.code}")
        case_col.caption(texts.plain(organisation))
        reason.markdown(texts.plain(flag.reason))
        with link:
            st.page_link(flag.page.path, label=t(f"werklijst.link_{flag.kind}"),
                         icon=":material/arrow_forward:", help=flag.page.title,
                         query_params=session.params_for(flag.case_id, flag.meeting_id))


def draw(found: Sequence[Flag], cases: Sequence[Case],
         organisations: Sequence[Organisation]) -> None:
    """The rows of the flags, or a line saying there is nothing to do."""
    if not found:
        st.success(t("werklijst.niets_te_doen"), icon=":material/task_alt:")
        return
    by_id = {c.id: c for c in cases}
    names = {o.id: o.name for o in organisations}
    st.caption(tn("werklijst.punten", len(found),
                  cases=tn("werklijst.casussen", len({f.case_id for f in found}))))
    limit = st.session_state.get("werklijst-rows", PAGE_ROWS)
    for number, flag in enumerate(found[:limit]):
        case = by_id[flag.case_id]
        row(flag, case, names.get(case.organisation_id, ""), number)
    if len(found) > limit:
        st.caption(t("werklijst.eerste_van", shown=limit, count=len(found)))
        st.button(t("werklijst.meer_tonen"), key="werklijst-more", icon=":material/expand_more:",
                  on_click=lambda: st.session_state.update(
                      {"werklijst-rows": limit + PAGE_ROWS}))
