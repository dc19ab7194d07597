"""Start's case chooser over the store's case index: a search, at most a page of matches, and
only the chosen case read from the store.

Why: with every case read and validated on each rerun, and a selectbox label that searched the
case list once per option, Start took 46 s at 10,000 cases. Rows of the index are short; the
labels are built once per run for the page shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method import cases
from hgs.method.records import Case, Organisation
from hgs.store import Store
from hgs.store.caseindex import CaseRow
from hgs.ui import session

PAGE = 50  # matches offered at once; "Meer tonen" adds as many again
SHOWN = "start-shown"  # session state: (the search it was for, how many are offered)


def offered(found: Sequence[CaseRow], shown: int, keep: Sequence[str] = ()) -> list[CaseRow]:
    """The first `shown` matches, and any of `keep` (the active case, the one chosen) among
    the matches beyond them, so a case named in the address stays chosen."""
    page = list(found[:shown])
    ids = {row.id for row in page}
    page += [row for row in found[shown:] if row.id in keep and row.id not in ids]
    return page


def choose(store: Store, rows: Sequence[CaseRow],
           organisations: Sequence[Organisation]) -> Case | None:
    """The search field and the list of matches; the chosen case, read whole, or None."""
    query = st.text_input(t("start.zoeken_op_voornaam_code_groep_of"), key="start-search",
                          placeholder=t("start.bijvoorbeeld_joris_of_l_2026"))
    found = cases.find_cases(list(rows), list(organisations), query)
    if not found:
        st.caption(t("start.geen_casussen_gevonden") if rows else
                   t("start.er_zijn_nog_geen_casussen_maak"))
        return None
    for_query, shown = st.session_state.get(SHOWN, (query, PAGE))
    if for_query != query:
        shown = PAGE
    current = st.session_state.get("active_case")  # from the address or this session
    page = offered(found, shown, (current, st.session_state.get("start-case")))
    names = {org.id: org.name for org in organisations}
    labels = {row.id: cases.listed_label(row.first_name, row.code,
                                         names.get(row.organisation_id, "?"), row.group,
                                         row.status == "afgesloten", row.no_consent)
              for row in page}
    ids = list(labels)
    case_id = st.selectbox(  # nothing chosen until a person chooses (or a link names one)
        t("start.casus_gevonden", count=len(found)), ids, key="start-case",
        index=ids.index(current) if current in ids else None,
        placeholder=t("planning.kies_een_casus"),
        on_change=lambda: session.choose(st.session_state["start-case"]),
        format_func=labels.get)
    if len(found) > shown:
        st.caption(t("start_index.getoond", shown=min(shown, len(found)), count=len(found)))
        if st.button(t("start_index.meer_tonen"), key="start-more", icon=":material/expand_more:"):
            st.session_state[SHOWN] = (query, shown + PAGE)
            st.rerun()
    if case_id is None:
        st.caption(t("planning.kies_eerst_een_casus"))
        return None
    try:
        return store.get_case(case_id)
    except HGSError as error:  # erased or damaged meanwhile: say so, the list stays
        st.warning(str(error), icon=":material/warning:")
        return None
