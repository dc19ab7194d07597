"""Gegevens en back-ups: files set aside in quarantine, taking and listing back-ups, and
checking and restoring one (for the beheerder)."""

import datetime as dt

import pandas as pd
import streamlit as st

from hgs.errors import HGSError
from hgs.i18n import format_number, t, tn
from hgs.method import texts
from hgs.store import QUARANTINE, backup, document, quarantine_advice
from hgs.ui import confirm as ui_confirm
from hgs.ui import fields, session
from hgs.ui import signin as ui_auth

me = ui_auth.guard(__file__)
store = session.store()
st.title(t("gegevens.gegevens_en_back_ups"))
data_dir = backup.data_dir_of(store)
if data_dir is None:
    st.info(t("gegevens.hgs_bewaart_de_gegevens_in"),
            icon=":material/database:")
    st.stop()


def moment(when: dt.datetime) -> str:
    return t("gegevens.moment", date=texts.date_nl(when.date()), time=f"{when:%H:%M}")


def megabytes(size: int) -> str:
    return f"{format_number(size / 1_000_000, 1)} MB"


if message := st.session_state.pop("data-done", None):
    st.success(message, icon=":material/check:")
st.caption(t("gegevens.de_gegevens_staan_in", plain=texts.plain(str(data_dir))))

# -- quarantine ----------------------------------------------------------------------------------
st.header(t("gegevens.apart_gezette_bestanden"))
store.cases()  # look now: every new or changed case file is checked, a damaged one set aside
store.organisations()
aside = store.quarantined()
if not aside:
    st.success(t("gegevens.alle_casusbestanden_en_het"),
               icon=":material/verified:")
else:
    st.warning(tn("gegevens.aside", len(aside),
                 folder=texts.plain(str(data_dir / QUARANTINE)), advice=quarantine_advice()),
               icon=":material/report:")
    st.dataframe(pd.DataFrame([{t("gegevens.bestand"): q.name, t("gegevens.stond_in"): q.original, t("gegevens.reden"): q.reason,
                                t("gegevens.apart_gezet"): moment(q.moved)} for q in aside]),
                 hide_index=True, key="data-quarantine")
network_aside = any(q.original == document.NETWORK for q in aside)
if network_aside:
    st.info(t("gegevens.het_netwerkbestand_organisaties"), icon=":material/domain:")

# -- back-ups --------------------------------------------------------------------------------------
st.header(t("gegevens.back_ups"))
try:
    folder = backup.backup_dir(data_dir)
except HGSError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()
st.caption(t("gegevens.hgs_maakt_elke_dag_vanzelf_een", keep=backup.keep(), plain=texts.plain(str(folder))))
if st.button(t("gegevens.nu_een_back_up_maken"), key="data-backup-now", icon=":material/backup:"):
    made: list[backup.Backup] = []
    if fields.save("data-backup-now", lambda: made.append(backup.create_backup(store)), toast=False):
        st.session_state["data-done"] = (tn("gegevens.back_up_gemaakt_casussen", made[0].cases, megabytes=megabytes(made[0].size)))
        st.rerun()
fields.show_error("data-backup-now")
backups = backup.list_backups(data_dir)
if not backups:
    st.warning(t("gegevens.er_is_nog_geen_back_up"), icon=":material/warning:")
else:
    if (dt.date.today() - backups[0].day).days > 1:
        st.warning(t("gegevens.de_nieuwste_back_up_is_van", moment=moment(backups[0].taken)), icon=":material/warning:")
    st.dataframe(pd.DataFrame([{
        t("gegevens.gemaakt"): moment(b.taken), t("gegevens.soort"): b.reason, t("gegevens.grootte"): megabytes(b.size),
        t("gegevens.casussen"): b.cases, t("gegevens.mdo_s"): b.meetings, t("gegevens.bestand"): b.path.name} for b in backups]),
        hide_index=True, key="data-backups")

# -- restore -----------------------------------------------------------------------------------------
st.header(t("gegevens.terugzetten"))
sources = {str(b.path): t("gegevens.back_up_van", moment=moment(b.taken), reason=b.reason) for b in backups}
sources |= {str(p): t("gegevens.gegevens_van_voor_het_terugzetten", value=p.name.split(backup.ASIDE)[-1])
            for p in backup.aside_folders(data_dir)}
if not sources:
    st.caption(t("gegevens.er_is_nog_niets_om_terug_te"))
    st.stop()
chosen = st.selectbox(t("gegevens.wat_wilt_u_terugzetten"), list(sources), format_func=sources.get,
                      key="data-restore-choice")
checks = st.session_state.setdefault("data-checks", {})
if st.button(t("gegevens.controleren"), key="data-check", icon=":material/fact_check:"):
    with st.spinner(t("gegevens.elk_bestand_wordt_gelezen_en")):
        checks[chosen] = backup.check_backup(chosen)
check = checks.get(chosen)
if check is None:
    st.caption(t("gegevens.controleer_eerst_wat_u_terugzet"))
    st.stop()
if not check.ok:
    st.error(t("gegevens.deze_back_up_is_niet_in_orde_en"), icon=":material/error:")
    st.markdown("\n".join(f"- {texts.plain(problem)}" for problem in check.problems[:20])
                + (t("gegevens.en_nog", value=len(check.problems) - 20) if len(check.problems) > 20 else ""))
    st.stop()
st.success(t("gegevens.in_orde", summary=check.summary()), icon=":material/verified:")
st.warning(t("gegevens.terugzetten_vervangt_alle"),
           icon=":material/warning:")
ui_confirm.restore_button(chosen, data_dir, check,  # asks first, takes a back-up first
                          after=lambda: (session.choose(None), checks.clear()))
if network_aside and chosen.endswith(".zip"):
    if st.button(t("gegevens.alleen_de_organisaties_en"), key="data-restore-network",
                 icon=":material/domain:"):
        added: list[tuple[int, int]] = []
        if fields.save("data-restore-network",
                       lambda: added.append(backup.restore_network(chosen, store)), toast=False):
            st.session_state["data-done"] = (t("gegevens.organisaties_en_instellingen", organisations=tn("plural.organisations", added[0][0]), settings=tn("plural.settings", added[0][1])))
            st.rerun()
    fields.show_error("data-restore-network")
