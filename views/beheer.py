"""Beheer: users and their roles, organisations, exporting or erasing a case, and the audit log."""

import pandas as pd
import streamlit as st

from hgs import audit, auth, texts, ui, ui_auth
from hgs.model import SECTORS, Organisation

me = ui.guard(__file__)
store = ui.store()
st.title("Beheer")
organisations = store.organisations()
org_names = {o.id: o.name for o in organisations}
MODES = {"uit": "uit — één lokale gebruiker met alle rollen",
         "wachtwoord": "met gebruikersnaam en wachtwoord",
         "oidc": "met het account van de organisatie (OIDC)"}


def run(key: str, action, detail: str, what: str = "user-changed") -> None:
    """Do one change; on success an audit line and a fresh page, else a message by the form."""
    if ui.save(key, action, toast=False):
        ui_auth.log(what, detail=detail)
        st.toast("Opgeslagen", icon=":material/check:")
        st.rerun()


def org_label(org_id: str) -> str:
    return org_names.get(org_id, f"(verdwenen: {org_id})")


users_tab, orgs_tab, cases_tab, log_tab = st.tabs(
    ["Gebruikers", "Organisaties", "Casus exporteren of wissen", "Auditlog"])

# -- users ---------------------------------------------------------------------------------------
with users_tab:
    st.caption(f"Inloggen: **{MODES[auth.mode()]}** (instelling `HGS_AUTH`). Een voorzitter ziet "
               "alleen de casussen van de eigen organisaties; een coördinator alleen de totalen "
               "van Netwerk; een beheerder beheert gebruikers, organisaties en gegevens.")
    users = auth.load_users()
    if users:
        st.dataframe(pd.DataFrame([{
            "Gebruikersnaam": u.username, "Naam": u.display_name, "Rol": u.role_label,
            "Organisaties": ", ".join(org_label(o) for o in u.organisations),
            "Inloggen met": "wachtwoord" if u.password_hash else "account organisatie",
        } for u in users.values()]), hide_index=True, key="beheer-users-table")
    else:
        st.info("Er zijn nog geen gebruikers.", icon=":material/group:")

    with st.form("beheer-user-new", clear_on_submit=True):
        st.markdown("**Gebruiker toevoegen**")
        row = st.columns(2)
        username = row[0].text_input("Gebruikersnaam (of e-mailadres bij inloggen via de "
                                     "organisatie)", key="beheer-new-username", max_chars=120)
        name = row[1].text_input("Naam", key="beheer-new-name", max_chars=120)
        role = row[0].selectbox("Rol", auth.ROLES, format_func=auth.ROLE_LABELS.get,
                                key="beheer-new-role")
        orgs = row[1].multiselect("Organisaties (voor een voorzitter)", list(org_names),
                                  format_func=org_label, key="beheer-new-orgs")
        password = st.text_input("Wachtwoord (minstens 10 tekens; leeg bij inloggen via de "
                                 "organisatie)", type="password", key="beheer-new-password",
                                 max_chars=auth.MAX_PASSWORD)
        if st.form_submit_button("Toevoegen", icon=":material/person_add:", type="primary",
                                 key="beheer-new-submit"):
            run("beheer-user-new", lambda: auth.add_user(
                username, role, password or None, display_name=name, organisations=orgs),
                f"toegevoegd {username.strip().lower()}")
    ui.show_error("beheer-user-new")

    if users:
        chosen = st.selectbox("Gebruiker wijzigen", list(users), key="beheer-user",
                              format_func=lambda u: f"{u} ({users[u].role_label})")
        user = users[chosen]
        left, right = st.columns(2, gap="large")
        with left, st.form(f"beheer-user-{user.username}-edit"):
            st.markdown("**Rol en organisaties**")
            name = st.text_input("Naam", value=user.display_name, max_chars=120,
                                 key=f"beheer-user-{user.username}-name")
            role = st.selectbox("Rol", auth.ROLES, index=auth.ROLES.index(user.role),
                                format_func=auth.ROLE_LABELS.get,
                                key=f"beheer-user-{user.username}-role")
            orgs = st.multiselect("Organisaties", list(org_names), format_func=org_label,
                                  default=[o for o in user.organisations if o in org_names],
                                  key=f"beheer-user-{user.username}-orgs")
            if st.form_submit_button("Opslaan", icon=":material/save:"):
                run("beheer-user-edit", lambda: auth.update_user(
                    user.username, role=role, organisations=orgs, display_name=name),
                    f"gewijzigd {user.username}")
        ui.show_error("beheer-user-edit")
        with right:
            with st.form(f"beheer-user-{user.username}-password", clear_on_submit=True):
                st.markdown("**Nieuw wachtwoord**")
                new = st.text_input("Nieuw wachtwoord (minstens 10 tekens)", type="password",
                                    max_chars=auth.MAX_PASSWORD,
                                    key=f"beheer-user-{user.username}-new-password")
                if st.form_submit_button("Wachtwoord instellen", icon=":material/key:"):
                    run("beheer-user-password", lambda: auth.set_password(user.username, new),
                        f"wachtwoord {user.username}")
            ui.show_error("beheer-user-password")
            if user.username == me.username:
                st.caption("U kunt uzelf niet verwijderen.")
            else:
                sure = st.checkbox(f"Ja, verwijder {user.username}",
                                   key=f"beheer-user-{user.username}-sure")
                if st.button("Gebruiker verwijderen", icon=":material/person_remove:",
                             disabled=not sure, key=f"beheer-user-{user.username}-remove"):
                    run("beheer-user-remove", lambda: auth.remove_user(user.username),
                        f"verwijderd {user.username}")
                ui.show_error("beheer-user-remove")

# -- organisations -------------------------------------------------------------------------------
with orgs_tab:
    if organisations:
        st.dataframe(pd.DataFrame([{"Naam": o.name, "Sector": o.sector, "Id": o.id}
                                   for o in organisations]),
                     hide_index=True, key="beheer-orgs-table")
    with st.form("beheer-org-new", clear_on_submit=True):
        st.markdown("**Organisatie toevoegen**")
        name = st.text_input("Naam", key="beheer-org-new-name", max_chars=120)
        sector = st.selectbox("Sector", SECTORS, key="beheer-org-new-sector")
        if st.form_submit_button("Toevoegen", icon=":material/domain_add:"):
            added = []
            if ui.save("beheer-org-new", lambda: added.append(
                    store.save_organisation(Organisation(name=name, sector=sector))), toast=False):
                ui_auth.log("organisation-changed", detail=f"nieuw {added[0].id}")
                st.rerun()
    ui.show_error("beheer-org-new")
    if organisations:
        org_id = st.selectbox("Organisatie wijzigen", list(org_names), format_func=org_label,
                              key="beheer-org")
        org = next(o for o in organisations if o.id == org_id)
        with st.form(f"beheer-org-{org.id}-edit"):
            name = st.text_input("Naam", value=org.name, max_chars=120,
                                 key=f"beheer-org-{org.id}-name")
            sector = st.selectbox("Sector", SECTORS, index=SECTORS.index(org.sector),
                                  key=f"beheer-org-{org.id}-sector")
            if st.form_submit_button("Opslaan", icon=":material/save:"):
                run("beheer-org-edit", lambda: store.save_organisation(
                    org.model_copy(update={"name": name, "sector": sector})),
                    f"gewijzigd {org.id}", what="organisation-changed")
        ui.show_error("beheer-org-edit")

# -- a case: export or erase ---------------------------------------------------------------------
with cases_tab:
    if erased := st.session_state.pop("erased", None):
        st.success(erased, icon=":material/check:")
    every = ui_auth.visible_cases(store.cases())
    if not every:
        st.caption("Er zijn geen casussen.")
    else:
        by_id = {c.id: c for c in every}
        case_id = st.selectbox("Casus (code en organisatie)", sorted(by_id, key=lambda i:
                                                                     by_id[i].code),
                               format_func=lambda i: f"{by_id[i].code} · "
                                                     f"{org_label(by_id[i].organisation_id)}",
                               key="beheer-case")
        ui.case_export_and_erase(by_id[case_id])

# -- the audit log -------------------------------------------------------------------------------
with log_tab:
    st.caption("Wie deed wat met welke casus, en wanneer (tijd in UTC). Het log bevat alleen het "
               "id van een casus, nooit een naam, code of inhoud. Wijzigingen staan er hoogstens "
               "één keer per tien minuten per casus per persoon in.")
    months = audit.months()
    if not months:
        st.info("Het auditlog is nog leeg.", icon=":material/history:")
    else:
        month = st.selectbox("Maand", months, key="beheer-log-month",
                             format_func=texts.month_label)
        rows = audit.entries(month)
        st.dataframe(pd.DataFrame([{
            "Wanneer": e.get("when", ""), "Wie": e.get("who", ""),
            "Rol": auth.ROLE_LABELS.get(e.get("role", ""), e.get("role", "")),
            "Wat": audit.ACTIONS.get(e.get("what", ""), e.get("what", "")),
            "Casus-id": e.get("case") or "", "Detail": e.get("detail", ""),
        } for e in reversed(rows)]), hide_index=True, key="beheer-log-table")
