"""Beheer: users and their roles, organisations, exporting or erasing a case, and the audit log."""

import pandas as pd
import streamlit as st

from hgs import pages
from hgs.access import audit, login, passwords, roles, users
from hgs.i18n import t, tn
from hgs.method import checks as method
from hgs.method import texts
from hgs.method.records import SECTORS, Organisation
from hgs.ui import bodies, closing, fields, session
from hgs.ui import confirm as ui_confirm
from hgs.ui import mailing as ui_mailing
from hgs.ui import signin as ui_auth

me = ui_auth.guard(__file__)
store = session.store()
st.title(t("beheer.beheer"))
if set_aside := getattr(store, "quarantined", list)():  # TinyDB only: files set aside
    st.warning(tn("beheer.quarantaine_melding", len(set_aside)), icon=":material/warning:")
    st.page_link(pages.DATA.path, label=t("beheer.naar_gegevens"), icon=":material/backup:")
organisations = store.organisations()
org_names = {o.id: o.name for o in organisations}
MODES = {"uit": t("beheer.uit_een_lokale_gebruiker_met_alle"),
         "wachtwoord": t("beheer.met_gebruikersnaam_en_wachtwoord"),
         "oidc": t("beheer.met_het_account_van_de")}


def run(key: str, action, detail: str, what: str = "user-changed") -> None:
    """Do one change; on success an audit line and a fresh page, else a message by the form."""
    if fields.save(key, action, toast=False):
        ui_auth.log(what, detail=detail)
        st.toast(t("beheer.opgeslagen"), icon=":material/check:")
        st.rerun()


def org_label(org_id: str) -> str:
    return org_names.get(org_id, f"(verdwenen: {org_id})")


users_tab, orgs_tab, cases_tab, mail_tab, log_tab = st.tabs(
    [t("beheer.gebruikers"), t("beheer.organisaties"), t("beheer.casus_exporteren_of_wissen"),
     t("mail.tab"), t("beheer.auditlog")])

# -- users ---------------------------------------------------------------------------------------
with users_tab:
    st.caption(t("beheer.inloggen_instelling_hgs_auth_een", value=MODES[login.mode()]))
    people = users.load_users()
    if people:
        st.dataframe(pd.DataFrame([{
            t("beheer.gebruikersnaam"): u.username, t("beheer.naam"): u.display_name, t("beheer.rol"): u.role_label,
            t("beheer.organisaties"): ", ".join(org_label(o) for o in u.organisations),
            t("beheer.inloggen_met"): t("beheer.wachtwoord") if u.password_hash else t("beheer.account_organisatie"),
            t("mail.kolom_adres"): u.email, t("mail.kolom_overzicht"): u.weekly_digest,
        } for u in people.values()]), hide_index=True, key="beheer-users-table")
    else:
        st.info(t("beheer.er_zijn_nog_geen_gebruikers"), icon=":material/group:")

    with st.form("beheer-user-new", clear_on_submit=True):
        st.markdown(t("beheer.gebruiker_toevoegen"))
        row = st.columns(2)
        username = row[0].text_input(t("beheer.gebruikersnaam_of_e_mailadres_bij"), key="beheer-new-username", max_chars=120)
        name = row[1].text_input(t("beheer.naam"), key="beheer-new-name", max_chars=120)
        role = row[0].selectbox(t("beheer.rol"), roles.ROLES, format_func=roles.ROLE_LABELS.words().get,
                                key="beheer-new-role")
        orgs = row[1].multiselect(t("beheer.organisaties_voor_een_voorzitter"), list(org_names),
                                  format_func=org_label, key="beheer-new-orgs")
        password = st.text_input(t("beheer.wachtwoord_minstens_10_tekens"), type="password", key="beheer-new-password",
                                 max_chars=passwords.MAX_PASSWORD)
        if st.form_submit_button(t("beheer.toevoegen"), icon=":material/person_add:", type="primary",
                                 key="beheer-new-submit"):
            run("beheer-user-new", lambda: users.add_user(
                username, role, password or None, display_name=name, organisations=orgs),
                f"toegevoegd {username.strip().lower()}")
    fields.show_error("beheer-user-new")

    if people:
        chosen = st.selectbox(t("beheer.gebruiker_wijzigen"), list(people), key="beheer-user",
                              format_func=lambda u: f"{u} ({people[u].role_label})")
        user = people[chosen]
        left, right = st.columns(2, gap="large")
        with left, st.form(f"beheer-user-{user.username}-edit"):
            st.markdown(t("beheer.rol_en_organisaties"))
            name = st.text_input(t("beheer.naam"), value=user.display_name, max_chars=120,
                                 key=f"beheer-user-{user.username}-name")
            role = st.selectbox(t("beheer.rol"), roles.ROLES, index=roles.ROLES.index(user.role),
                                format_func=roles.ROLE_LABELS.words().get,
                                key=f"beheer-user-{user.username}-role")
            orgs = st.multiselect(t("beheer.organisaties"), list(org_names), format_func=org_label,
                                  default=[o for o in user.organisations if o in org_names],
                                  key=f"beheer-user-{user.username}-orgs")
            email = st.text_input(t("mail.gebruiker_adres"), value=user.email, max_chars=200,
                                  key=f"beheer-user-{user.username}-email")
            digest = st.checkbox(t("mail.gebruiker_overzicht"), value=user.weekly_digest,
                                 key=f"beheer-user-{user.username}-digest")
            if st.form_submit_button(t("beheer.opslaan"), icon=":material/save:"):
                run("beheer-user-edit", lambda: users.update_user(
                    user.username, role=role, organisations=orgs, display_name=name,
                    email=email, weekly_digest=digest),
                    f"gewijzigd {user.username}")
        fields.show_error("beheer-user-edit")
        with right:
            with st.form(f"beheer-user-{user.username}-password", clear_on_submit=True):
                st.markdown(t("beheer.nieuw_wachtwoord"))
                new = st.text_input(t("beheer.nieuw_wachtwoord_minstens_10"), type="password",
                                    max_chars=passwords.MAX_PASSWORD,
                                    key=f"beheer-user-{user.username}-new-password")
                if st.form_submit_button(t("beheer.wachtwoord_instellen"), icon=":material/key:"):
                    run("beheer-user-password", lambda: users.set_password(user.username, new),
                        f"wachtwoord {user.username}")
            fields.show_error("beheer-user-password")
            if user.username == me.username:
                st.caption(t("beheer.u_kunt_uzelf_niet_verwijderen"))
            else:
                ui_confirm.remove_user_button(user)

# -- organisations -------------------------------------------------------------------------------
with orgs_tab:
    if organisations:
        st.dataframe(pd.DataFrame([{t("beheer.naam"): o.name, t("beheer.sector"): texts.SECTORS.get(o.sector, o.sector), t("beheer.id"): o.id}
                                   for o in organisations]),
                     hide_index=True, key="beheer-orgs-table")
    with st.form("beheer-org-new", clear_on_submit=True):
        st.markdown(t("beheer.organisatie_toevoegen"))
        name = st.text_input(t("beheer.naam"), key="beheer-org-new-name", max_chars=120)
        sector = st.selectbox(t("beheer.sector"), SECTORS, key="beheer-org-new-sector",
                              format_func=texts.SECTORS.words().get)
        if st.form_submit_button(t("beheer.toevoegen"), icon=":material/domain_add:"):
            added = []
            if fields.save("beheer-org-new", lambda: added.append(
                    store.save_organisation(Organisation(name=name, sector=sector))), toast=False):
                ui_auth.log("organisation-changed", detail=f"nieuw {added[0].id}")
                st.rerun()
    fields.show_error("beheer-org-new")
    if organisations:
        org_id = st.selectbox(t("beheer.organisatie_wijzigen"), list(org_names), format_func=org_label,
                              key="beheer-org")
        org = next(o for o in organisations if o.id == org_id)
        with st.form(f"beheer-org-{org.id}-edit"):
            name = st.text_input(t("beheer.naam"), value=org.name, max_chars=120,
                                 key=f"beheer-org-{org.id}-name")
            sector = st.selectbox(t("beheer.sector"), SECTORS, index=SECTORS.index(org.sector),
                                  format_func=texts.SECTORS.words().get,
                                  key=f"beheer-org-{org.id}-sector")
            if st.form_submit_button(t("beheer.opslaan"), icon=":material/save:"):
                run("beheer-org-edit", lambda: store.save_organisation(
                    org.model_copy(update={"name": name, "sector": sector})),
                    f"gewijzigd {org.id}", what="organisation-changed")
        fields.show_error("beheer-org-edit")
        ui_confirm.remove_organisation_button(org)
    with st.form("beheer-core-max"):
        st.markdown(t("beheer.tafel_titel"))
        low, high = method.CORE_MAX_RANGE
        core_max = st.number_input(t("beheer.tafel_vraag"), min_value=low, max_value=high, step=1,
                                   value=method.network_settings(store)["core_max_participants"],
                                   help=t("beheer.tafel_help"), key="beheer-core-max-value")
        if st.form_submit_button(t("beheer.opslaan"), icon=":material/save:",
                                 key="beheer-core-max-save"):
            run("beheer-core-max", lambda: method.set_core_max(store, core_max),
                f"richtlijn tafel {core_max}", what="organisation-changed")
    fields.show_error("beheer-core-max")

# -- a case: export or erase ---------------------------------------------------------------------
with cases_tab:
    every = ui_auth.visible_cases(store.cases())
    if not every:
        st.caption(t("beheer.er_zijn_geen_casussen"))
    else:
        by_id = {c.id: c for c in every}
        case_id = st.selectbox(t("beheer.casus_code_en_organisatie"), sorted(by_id, key=lambda i:
                                                                     by_id[i].code),
                               format_func=lambda i: f"{by_id[i].code} · "
                                                     f"{org_label(by_id[i].organisation_id)}",
                               key="beheer-case")
        bodies.case_export_and_erase(by_id[case_id])
    st.divider()
    closing.import_panel(organisations)  # a case handed over by another school

# -- e-mail: the reminders and digests (hgs.mail) -------------------------------------------------
with mail_tab:
    ui_mailing.reminders_panel()

# -- the audit log -------------------------------------------------------------------------------
with log_tab:
    st.caption(t("beheer.wie_deed_wat_met_welke_casus_en"))
    months = audit.months()
    if not months:
        st.info(t("beheer.het_auditlog_is_nog_leeg"), icon=":material/history:")
    else:
        month = st.selectbox(t("beheer.maand"), months, key="beheer-log-month",
                             format_func=texts.month_label)
        rows = audit.entries(month)
        st.dataframe(pd.DataFrame([{
            t("beheer.wanneer"): e.get("when", ""), t("beheer.wie"): e.get("who", ""),
            t("beheer.rol"): roles.ROLE_LABELS.get(e.get("role", ""), e.get("role", "")),
            t("beheer.wat"): audit.ACTIONS.get(e.get("what", ""), e.get("what", "")),
            t("beheer.casus_id"): e.get("case") or "", t("beheer.detail"): e.get("detail", ""),
        } for e in reversed(rows)]), hide_index=True, key="beheer-log-table")
