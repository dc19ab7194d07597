"""Start: find or create a case, start or open one of its MDOs."""

import streamlit as st

from hgs import pages
from hgs.access import roles
from hgs.i18n import t
from hgs.method import cases, cycle, texts
from hgs.method.records import EARLIEST_BIRTH_YEAR, SECTORS, Organisation
from hgs.method.steps import progress
from hgs.ui import bodies, case_search, closing, fields, session
from hgs.ui import signin as ui_auth

user = ui_auth.guard(__file__)
store = session.store()
st.title(t("start.start"))
st.markdown(t("start.handelingsgericht_samenwerken_in"))

if pending := st.session_state.pop("start-case-pending", None):
    st.session_state["start-case"] = pending
organisations = store.organisations()
index = store.case_index()  # every code counts for the next free one; only visible ones are shown
mine = ui_auth.visible_cases(index)
own_organisations = roles.own_organisations(user, organisations)


def add_organisation(name: str, sector: str) -> None:
    organisation = store.save_organisation(Organisation(name=name, sector=sector))
    ui_auth.log("organisation-changed", detail=f"nieuw {organisation.id}")


left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(t("start.casus_kiezen"))
    case = case_search.choose(store, mine, organisations)
    if case is not None:
        meetings = store.meetings(case.id)
        if meetings:
            st.markdown(t("start.mdo_s_van_deze_casus"))
            for meeting in reversed(meetings):
                done = sum(progress(meeting).values())
                row = st.columns([3, 2, 1.3], vertical_alignment="center")
                label = f"{texts.MEETING_KINDS[meeting.kind]} – {texts.date_nl(meeting.date)}"
                row[0].markdown(f"~~{label}~~ :orange-badge[{t('planning.geannuleerd_badge')}]"
                                if meeting.cancelled else label)
                row[1].caption(t("planning.start_geannuleerd",
                                 date=texts.date_nl(meeting.cancelled),
                                 reason=texts.plain(meeting.cancel_reason))
                               if meeting.cancelled else
                               t("start.van_9_stappen_ingevuld",
                                 status=texts.MEETING_STATUS[meeting.status], done=done))
                if row[2].button(t("start.openen"), key=f"start-open-{meeting.id}",
                                 icon=":material/open_in_new:", use_container_width=True):
                    session.choose(case.id, meeting.id)
                    st.switch_page(pages.PREPARATION.path, query_params=session.active_params())
        else:
            st.caption(t("start.deze_casus_heeft_nog_geen_mdo"))
        with st.form("start-new-meeting", border=True):
            st.markdown(t("start.nieuw_mdo_plannen"))
            # the date is known only once the form is sent: say what the default date gives,
            # and from which date on it is a follow-up (the rule of cycle.start_meeting)
            kind = cycle.new_meeting_kind(meetings, session.today())
            st.caption(t("start.dit_wordt_een", kind=t("start.vervolg_mdo_vragen_doelen")
                         if kind == "evaluatie" else t("start.eerste_mdo")))
            if (first := cycle.first_possible_follow_up(meetings)) is not None:
                st.caption(t("start.eerder_is_eerste", date=texts.date_nl(first)))
            day = st.date_input(t("start.datum_van_het_mdo"), value=session.today(), format="DD-MM-YYYY",
                                key="start-new-meeting-date")
            if st.form_submit_button(t("start.mdo_aanmaken"), icon=":material/add:", type="primary"):
                meeting = cycle.start_meeting(store, case.id, day)
                ui_auth.log("create", case.id, meeting_id=meeting.id)
                session.choose(case.id, meeting.id)
                st.switch_page(pages.PREPARATION.path, query_params=session.active_params())
        closing.case_end(case)  # close, reopen or hand over
        bodies.case_export_and_erase(case)

with right:
    st.subheader(t("start.nieuwe_casus"))
    if not own_organisations:
        st.info(t("start.voeg_eerst_de_organisatie_school")
                if ui_auth.may_manage() else t("start.u_bent_nog_aan_geen_organisatie"),
                icon=":material/info:")
    else:
        org_ids = [o.id for o in own_organisations]
        with st.form("start-new-case", clear_on_submit=True):
            code = st.text_input(t("start.code_pseudoniem"), key="start-new-code",
                                 value=cases.next_code([row.code for row in index]),
                                 help=t("start.een_code_in_plaats_van_de"))
            first_name = st.text_input(t("start.voornaam_van_het_kind"), key="start-new-name",
                                       max_chars=120)
            org_id = st.selectbox(t("start.school_of_organisatie"), org_ids, key="start-new-org",
                                  format_func=lambda i: next(o.name for o in organisations
                                                             if o.id == i))
            group = st.text_input(t("start.groep_of_klas"), key="start-new-group", max_chars=200)
            birth_year = st.number_input(
                t("consent.geboortejaar"), min_value=EARLIEST_BIRTH_YEAR,
                max_value=session.today().year, value=None, step=1, key="start-new-birth-year",
                placeholder=t("consent.geboortejaar_placeholder"),
                help=t("consent.geboortejaar_help"))
            if st.form_submit_button(t("start.casus_aanmaken"), icon=":material/person_add:",
                                     type="primary"):
                created = []
                if fields.save("start-new-case", lambda: created.append(store.create_case(
                        cases.new_case(code, first_name, org_id, group, birth_year))),
                        toast=False):
                    ui_auth.log("create", created[0].id)
                    session.choose(created[0].id)
                    st.session_state["start-case-pending"] = created[0].id
                    st.rerun()
                fields.show_error("start-new-case")
    if not ui_auth.may_manage():  # with sign-in, organisations are the beheerder's (Beheer)
        st.stop()
    with st.expander(t("start.organisatie_toevoegen"), icon=":material/domain_add:",
                     expanded=not organisations):
        with st.form("start-new-org-form", clear_on_submit=True):
            name = st.text_input(t("start.naam"), key="start-org-name", max_chars=120)
            sector = st.selectbox(t("start.sector"), SECTORS, key="start-org-sector",
                                  format_func=texts.SECTORS.words().get)
            if st.form_submit_button(t("start.organisatie_toevoegen"), icon=":material/add:"):
                if not name.strip():
                    st.error(t("start.vul_de_naam_van_de_organisatie_in"), icon=":material/error:")
                elif fields.save("start-new-org", lambda: add_organisation(name, sector)):
                    st.rerun()
                fields.show_error("start-new-org")
