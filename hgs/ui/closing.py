"""The end of a case on Start: close it (with a reason and a date, asked first, audited,
reopenable), hand it over to another school (the case ZIP, then closed "overgedragen"), and on
Beheer the receiving school's import of such a ZIP into one of its organisations. The rules are
`hgs.method.cases` (closing) and `hgs.exports.archive` (the strict re-import)."""

from __future__ import annotations

import streamlit as st

from hgs.errors import HGSError
from hgs.exports import archive as export
from hgs.i18n import t, tn
from hgs.method import cases, texts
from hgs.method.records import Case, Organisation
from hgs.ui import confirm as ui_confirm
from hgs.ui import downloads as ui_downloads
from hgs.ui import fields, session
from hgs.ui import signin as ui_auth


def case_end(case: Case) -> None:
    """Start, under the case's MDOs: closed, since when and why, with "Heropenen"; else
    "Casus afsluiten" and "Overdragen aan een andere school"."""
    if case.status == "afgesloten":
        _closed(case)
        return
    with st.expander(t("casus_afsluiten.titel"), icon=":material/task_alt:"):
        st.caption(t("casus_afsluiten.uitleg"))
        key = f"close-{case.id}"
        reason = st.selectbox(t("casus_afsluiten.reden"), list(cases.CLOSE_REASONS),
                              index=None, placeholder=t("casus_afsluiten.kies_reden"),
                              format_func=cases.CLOSE_REASONS.words().get, key=key + "-reason")
        day = st.date_input(t("casus_afsluiten.datum"), value=session.today(),
                            max_value=session.today(), format="DD-MM-YYYY", key=key + "-date")
        _close_button(case, key, t("casus_afsluiten.afsluiten"), lambda: reason, lambda: day)
    with st.expander(t("casus_afsluiten.overdragen_titel"), icon=":material/move_up:"):
        st.caption(t("casus_afsluiten.overdragen_uitleg"))
        ui_downloads.download_buttons(ui_downloads.export_files(session.store(), case,
                                                                session.today()),
                                      key=f"handover-{case.id}")
        _close_button(case, f"handover-{case.id}", t("casus_afsluiten.overgedragen_afsluiten"),
                      lambda: "overgedragen", session.today)


def _close_button(case: Case, key: str, label: str, reason, day) -> None:
    """Asked first (what changes, what stays), a back-up, then closed with an audit line."""
    today = session.today()

    def question() -> ui_confirm.Question:
        words = cases.CLOSE_REASONS[reason()]
        return ui_confirm.Question(
            title=t("casus_afsluiten.vraag_titel", code=case.code),
            goes=[t("casus_afsluiten.vraag_gaat", reason=words, date=texts.date_nl(day()))],
            stays=[t("casus_afsluiten.vraag_blijft")], confirm=t("casus_afsluiten.afsluiten"),
            done=t("casus_afsluiten.afgesloten_klaar", code=case.code), audit="change",
            case_id=case.id, detail=f"afgesloten {reason()}", backup_reason="afsluiten casus")

    def close() -> None:
        session.store().update_case(case.id,
                                    lambda c: cases.close_case(c, reason(), day(), today))

    ui_confirm.destructive_button(
        label, key + "-close", question, close, icon=":material/task_alt:",
        check=lambda: cases.close_case(case.model_copy(), reason(), day(), today))


def _closed(case: Case) -> None:
    words = cases.CLOSE_REASONS.get(case.close_reason) or t("casus_afsluiten.zonder_reden")
    with st.container(border=True, key=f"closed-{case.id}"):
        st.info(t("casus_afsluiten.is_afgesloten", date=texts.date_nl(case.closed) or "–",
                  reason=words), icon=":material/task_alt:")
        key = f"reopen-{case.id}"
        if st.button(t("casus_afsluiten.heropenen"), key=key, icon=":material/restart_alt:"):
            if fields.save(key, lambda: session.store().update_case(case.id, cases.reopen_case),
                           toast=False):
                ui_auth.log("change", case.id, detail="heropend")
                st.rerun()
        fields.show_error(key)


# -- Beheer: a case handed over by another school ---------------------------------------------------
def import_panel(organisations: list[Organisation]) -> None:
    """Upload a case ZIP and put it into one of this school's organisations; what the strict
    re-import refused, and why, in words."""
    st.markdown(t("casus_afsluiten.import_titel"))
    st.caption(t("casus_afsluiten.import_uitleg"))
    if not organisations:
        st.info(t("casus_afsluiten.import_geen_organisatie"), icon=":material/info:")
        return
    names = {o.id: o.name for o in organisations}
    with st.form("beheer-import", clear_on_submit=False):
        upload = st.file_uploader(t("casus_afsluiten.import_bestand"), type=["zip"],
                                  key="beheer-import-file")
        into = st.selectbox(t("casus_afsluiten.import_organisatie"), list(names),
                            format_func=names.get, key="beheer-import-org")
        code = st.text_input(t("casus_afsluiten.import_code"), key="beheer-import-code",
                             max_chars=20, help=t("casus_afsluiten.import_code_help"))
        sent = st.form_submit_button(t("casus_afsluiten.import_knop"), icon=":material/upload:",
                                     type="primary")
    if sent:
        _import(upload, into, code)
    fields.show_error("beheer-import")


def _import(upload, into: str, code: str) -> None:
    if upload is None:
        st.error(t("casus_afsluiten.import_kies_bestand"), icon=":material/error:")
        return
    try:
        case = export.import_case_archive(session.store(), upload.getvalue(),
                                          organisation_id=into, code=code)
    except HGSError as error:
        st.error(t("casus_afsluiten.import_geweigerd", reason=str(error)),
                 icon=":material/block:")
        return
    ui_auth.log("create", case.id, detail=f"import naar {into}")
    meetings = len(session.store().meetings(case.id))
    st.success(t("casus_afsluiten.import_klaar", code=case.code,
                 first_name=texts.plain(case.first_name),
                 meetings=tn("plural.mdos", meetings)), icon=":material/check:")
