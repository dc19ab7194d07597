"""Start: find or create a case, start or open one of its MDOs."""

import streamlit as st

from hgs import auth, cases, cycle, texts, ui, ui_auth
from hgs.model import SECTORS, Organisation
from hgs.steps import PREPARATION_PAGE, progress

user = ui.guard(__file__)
store = ui.store()
st.title("Start")
st.markdown("**Handelingsgericht samenwerken in het MDO.** Kies een casus en een MDO, of maak een nieuwe casus aan. Alles wat u typt wordt "
            "meteen opgeslagen.")

if pending := st.session_state.pop("start-case-pending", None):
    st.session_state["start-case"] = pending
if erased := st.session_state.pop("erased", None):
    st.success(erased, icon=":material/check:")
organisations = store.organisations()
all_cases = store.cases()  # every code counts for the next free one; only visible ones are shown
mine = ui_auth.visible_cases(all_cases)
own_organisations = auth.own_organisations(user, organisations)


def add_organisation(name: str, sector: str) -> None:
    organisation = store.save_organisation(Organisation(name=name, sector=sector))
    ui_auth.log("organisation-changed", detail=f"nieuw {organisation.id}")


left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Casus kiezen")
    query = st.text_input("Zoeken op voornaam, code, groep of organisatie", key="start-search",
                          placeholder="bijvoorbeeld: Joris of L-2026")
    found = cases.find_cases(mine, organisations, query)
    if not found:
        st.caption("Geen casussen gevonden." if mine else
                   "Er zijn nog geen casussen. Maak rechts de eerste aan.")
    else:
        ids = [c.id for c in found]
        current = st.session_state.get("active_case")
        case_id = st.selectbox(
            f"Casus ({len(found)} gevonden)", ids, key="start-case",
            index=ids.index(current) if current in ids else 0,
            on_change=lambda: ui.choose(st.session_state["start-case"]),
            format_func=lambda i: cases.case_label(next(c for c in found if c.id == i),
                                                   organisations))
        case = next(c for c in found if c.id == case_id)
        meetings = store.meetings(case.id)
        if meetings:
            st.markdown("**MDO's van deze casus**")
            for meeting in reversed(meetings):
                done = sum(progress(meeting).values())
                row = st.columns([3, 2, 1.3], vertical_alignment="center")
                row[0].markdown(f"{texts.MEETING_KINDS[meeting.kind]} – "
                                f"{texts.date_nl(meeting.date)}")
                row[1].caption(f"{texts.MEETING_STATUS[meeting.status]} · "
                               f"{done} van 9 stappen ingevuld")
                if row[2].button("Openen", key=f"start-open-{meeting.id}",
                                 icon=":material/open_in_new:", use_container_width=True):
                    ui.choose(case.id, meeting.id)
                    st.switch_page(PREPARATION_PAGE, query_params=ui.active_params())
        else:
            st.caption("Deze casus heeft nog geen MDO.")
        with st.form("start-new-meeting", border=True):
            st.markdown("**Nieuw MDO plannen**")
            kind = "vervolg-MDO: vragen, doelen, behoeften en open afspraken gaan mee" \
                if meetings else "eerste MDO"
            st.caption(f"Dit wordt een {kind}.")
            day = st.date_input("Datum van het MDO", value=ui.today(), format="DD-MM-YYYY",
                                key="start-new-meeting-date")
            if st.form_submit_button("MDO aanmaken", icon=":material/add:", type="primary"):
                meeting = cycle.start_meeting(store, case.id, day)
                ui_auth.log("create", case.id, meeting_id=meeting.id)
                ui.choose(case.id, meeting.id)
                st.switch_page(PREPARATION_PAGE, query_params=ui.active_params())
        ui.case_export_and_erase(case)

with right:
    st.subheader("Nieuwe casus")
    if not own_organisations:
        st.info("Voeg eerst de organisatie (school of voorschool) toe waar het kind zit."
                if ui_auth.may_manage() else "U bent nog aan geen organisatie gekoppeld. Vraag "
                "de beheerder van HGS u aan uw school of organisatie te koppelen.",
                icon=":material/info:")
    else:
        org_ids = [o.id for o in own_organisations]
        with st.form("start-new-case", clear_on_submit=True):
            code = st.text_input("Code (pseudoniem)", key="start-new-code",
                                 value=cases.next_code([c.code for c in all_cases]),
                                 help="Een code in plaats van de achternaam, zoals L-2026-0042.")
            first_name = st.text_input("Voornaam van het kind", key="start-new-name",
                                       max_chars=120)
            org_id = st.selectbox("School of organisatie", org_ids, key="start-new-org",
                                  format_func=lambda i: next(o.name for o in organisations
                                                             if o.id == i))
            group = st.text_input("Groep of klas", key="start-new-group", max_chars=200)
            if st.form_submit_button("Casus aanmaken", icon=":material/person_add:",
                                     type="primary"):
                created = []
                if ui.save("start-new-case", lambda: created.append(store.create_case(
                        cases.new_case(code, first_name, org_id, group))), toast=False):
                    ui_auth.log("create", created[0].id)
                    ui.choose(created[0].id)
                    st.session_state["start-case-pending"] = created[0].id
                    st.rerun()
                ui.show_error("start-new-case")
    if not ui_auth.may_manage():  # with sign-in, organisations are the beheerder's (Beheer)
        st.stop()
    with st.expander("Organisatie toevoegen", icon=":material/domain_add:",
                     expanded=not organisations):
        with st.form("start-new-org-form", clear_on_submit=True):
            name = st.text_input("Naam", key="start-org-name", max_chars=120)
            sector = st.selectbox("Sector", SECTORS, key="start-org-sector")
            if st.form_submit_button("Organisatie toevoegen", icon=":material/add:"):
                if not name.strip():
                    st.error("Vul de naam van de organisatie in.", icon=":material/error:")
                elif ui.save("start-new-org", lambda: add_organisation(name, sector)):
                    st.rerun()
                ui.show_error("start-new-org")
