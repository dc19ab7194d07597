"""Gegevens en back-ups: files set aside in quarantine, taking and listing back-ups, and
checking and restoring one (for the beheerder)."""

import datetime as dt

import pandas as pd
import streamlit as st

from hgs import backup, texts, ui
from hgs.errors import HGSError
from hgs.store import QUARANTINE, QUARANTINE_ADVICE

me = ui.guard(__file__)
store = ui.store()
st.title("Gegevens en back-ups")
data_dir = backup.data_dir_of(store)
if data_dir is None:
    st.info("HGS bewaart de gegevens in PostgreSQL. Maak back-ups met de hulpmiddelen van de "
            "database (bijvoorbeeld `pg_dump`), volgens de afspraken van uw organisatie.",
            icon=":material/database:")
    st.stop()


def moment(when: dt.datetime) -> str:
    return f"{texts.date_nl(when.date())} om {when:%H:%M}"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


if message := st.session_state.pop("data-done", None):
    st.success(message, icon=":material/check:")
st.caption(f"De gegevens staan in {texts.plain(str(data_dir))}.")

# -- quarantine ----------------------------------------------------------------------------------
st.header("Apart gezette bestanden")
store.cases()  # look now: every new or changed case file is checked, a damaged one set aside
store.organisations()
aside = store.quarantined()
if not aside:
    st.success("Alle casusbestanden en het netwerkbestand zijn in orde.",
               icon=":material/verified:")
else:
    st.warning(f"HGS heeft {len(aside)} beschadigd{'e' * (len(aside) > 1)} of onbekend"
               f"{'e' * (len(aside) > 1)} bestand{'en' * (len(aside) > 1)} apart gezet in de map "
               f"{texts.plain(str(data_dir / QUARANTINE))}. {QUARANTINE_ADVICE}",
               icon=":material/report:")
    st.dataframe(pd.DataFrame([{"Bestand": q.name, "Stond in": q.original, "Reden": q.reason,
                                "Apart gezet": moment(q.moved)} for q in aside]),
                 hide_index=True, key="data-quarantine")
network_aside = any(q.original == "network.json" for q in aside)
if network_aside:
    st.info("Het netwerkbestand (organisaties en instellingen) was beschadigd. Kies hieronder een "
            "back-up en zet de organisaties en instellingen daaruit terug; wat sindsdien is "
            "toegevoegd blijft staan.", icon=":material/domain:")

# -- back-ups --------------------------------------------------------------------------------------
st.header("Back-ups")
try:
    folder = backup.backup_dir(data_dir)
except HGSError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()
st.caption(f"HGS maakt elke dag vanzelf een back-up (de eerste keer dat HGS die dag wordt "
           f"geopend) en bewaart de laatste {backup.keep()}. Ze staan in "
           f"{texts.plain(str(folder))}. Een back-up bevat vertrouwelijke gegevens over kinderen: "
           "bewaar de map zoals de gegevensmap zelf, en kopieer hem geregeld naar een andere "
           "plek. Instellen met HGS_BACKUP_DIR en HGS_BACKUP_KEEP.")
if st.button("Nu een back-up maken", key="data-backup-now", icon=":material/backup:"):
    made: list[backup.Backup] = []
    if ui.save("data-backup-now", lambda: made.append(backup.create_backup(store)), toast=False):
        st.session_state["data-done"] = (f"Back-up gemaakt: {made[0].cases} casussen, "
                                         f"{megabytes(made[0].size)}.")
        st.rerun()
ui.show_error("data-backup-now")
backups = backup.list_backups(data_dir)
if not backups:
    st.warning("Er is nog geen back-up.", icon=":material/warning:")
else:
    if (dt.date.today() - backups[0].day).days > 1:
        st.warning(f"De nieuwste back-up is van {moment(backups[0].taken)}. Controleer of de map "
                   "voor back-ups bestaat en beschrijfbaar is.", icon=":material/warning:")
    st.dataframe(pd.DataFrame([{
        "Gemaakt": moment(b.taken), "Soort": b.reason, "Grootte": megabytes(b.size),
        "Casussen": b.cases, "MDO's": b.meetings, "Bestand": b.path.name} for b in backups]),
        hide_index=True, key="data-backups")

# -- restore -----------------------------------------------------------------------------------------
st.header("Terugzetten")
sources = {str(b.path): f"Back-up van {moment(b.taken)} ({b.reason})" for b in backups}
sources |= {str(p): f"Gegevens van vóór het terugzetten op {p.name.split(backup.ASIDE)[-1]} "
                    "(terugzetten maakt dat herstel ongedaan)"
            for p in backup.aside_folders(data_dir)}
if not sources:
    st.caption("Er is nog niets om terug te zetten.")
    st.stop()
chosen = st.selectbox("Wat wilt u terugzetten?", list(sources), format_func=sources.get,
                      key="data-restore-choice")
checks = st.session_state.setdefault("data-checks", {})
if st.button("Controleren", key="data-check", icon=":material/fact_check:"):
    with st.spinner("Elk bestand wordt gelezen en gecontroleerd …"):
        checks[chosen] = backup.check_backup(chosen)
check = checks.get(chosen)
if check is None:
    st.caption("Controleer eerst wat u terugzet: HGS leest elk bestand en zet alleen een back-up "
               "terug die helemaal in orde is.")
    st.stop()
if not check.ok:
    st.error("Deze back-up is niet in orde en wordt niet teruggezet:", icon=":material/error:")
    st.markdown("\n".join(f"- {texts.plain(problem)}" for problem in check.problems[:20])
                + (f"\n- … en nog {len(check.problems) - 20}" if len(check.problems) > 20 else ""))
    st.stop()
st.success(f"In orde: {check.summary()}.", icon=":material/verified:")
st.warning("Terugzetten vervangt alle gegevens door die van de back-up. Wat er nu staat gaat niet "
           "verloren: HGS zet het opzij in een map naast de gegevensmap (…-voor-herstel-…), en "
           "vanaf hier kunt u dat weer terugzetten. Zorg dat niemand op dit moment in HGS werkt.",
           icon=":material/warning:")
sure = st.checkbox("Ja, ik wil dit terugzetten", key="data-restore-sure")
if st.button("Terugzetten", key="data-restore", type="primary", disabled=not sure,
             icon=":material/settings_backup_restore:"):
    done: list[backup.Restored] = []
    if ui.save("data-restore", lambda: done.append(backup.restore(chosen, data_dir)),
               toast=False):
        ui.choose(None)
        checks.clear()
        kept = f" De gegevens van daarvoor staan in {texts.plain(str(done[0].aside))}." \
            if done[0].aside else ""
        st.session_state["data-done"] = f"Teruggezet: {done[0].check.summary()}.{kept}"
        st.rerun()
ui.show_error("data-restore")
if network_aside and chosen.endswith(".zip"):
    if st.button("Alleen de organisaties en instellingen terugzetten", key="data-restore-network",
                 icon=":material/domain:"):
        added: list[tuple[int, int]] = []
        if ui.save("data-restore-network",
                   lambda: added.append(backup.restore_network(chosen, store)), toast=False):
            st.session_state["data-done"] = (f"{added[0][0]} organisaties en {added[0][1]} "
                                             "instellingen teruggezet.")
            st.rerun()
    ui.show_error("data-restore-network")
