"""One way for every destructive button: ask first in a dialog what goes and what stays, take a
back-up first, do it, write the audit line, and say afterwards which back-up is the way back."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from hgs import config, demo
from hgs.access import audit, users
from hgs.access.users import User
from hgs.exports import archive as export
from hgs.i18n import t, tn
from hgs.method import cases, texts
from hgs.method.records import Case, Organisation
from hgs.store import backup
from hgs.ui import fields, session
from hgs.ui import signin as ui_auth

_OPEN = "confirm-open"  # the key of the button whose question is open (one at a time)
_DONE = "confirm-done"  # what the last confirmed removal did, shown once on the next page


@dataclass(frozen=True)
class Question:
    """What a destructive button asks before it acts. `goes` and `stays` are lines in the
    session's language; `audit` is the action written to the audit log (hgs.audit.ACTIONS)."""

    title: str
    goes: Sequence[str]
    stays: Sequence[str]
    confirm: str  # the label of the button that does it
    done: str  # said afterwards
    audit: str
    case_id: str | None = None
    meeting_id: str | None = None
    detail: str = ""
    backup_reason: str = "verwijderen"  # stored with the back-up, after "voor " (Dutch)
    backup_of: Any = None  # the store or folder to back up; default the app's store
    extra: Sequence[str] = field(default_factory=tuple)  # a warning line or two
    said: Callable[[Any], str] | None = None  # `done` from what `run` returned, when needed
    logs_itself: bool = False  # `run` writes its own audit lines (first, or it refuses)
    backup_caption: str = ""  # what the back-up taken first is for, when not the way back
    busy: str = ""  # said while `run` works, when it may take a while


def _backup_target(question: Question) -> Any:
    return question.backup_of if question.backup_of is not None else session.store()


def _audit_line(question: Question) -> str:
    what = audit.ACTIONS.get(question.audit, question.audit)
    about = t("confirm.casus_id", id=question.case_id) if question.case_id else question.detail
    return f"{what} ({about})" if about else what


def _close() -> None:
    st.session_state.pop(_OPEN, None)


def _confirmed(key: str, question: Question, run: Callable[[], Any],
               after: Callable[[], None] | None, next_page: str | None) -> None:
    made: list[backup.Backup | None] = []
    if not fields.save(key, lambda: made.append(
            backup.before_change(_backup_target(question), question.backup_reason)),
            toast=False):
        return  # no back-up, no removal: the message stays in the dialog
    result: list[Any] = []
    with st.spinner(question.busy) if question.busy else nullcontext():
        if not fields.save(key, lambda: result.append(run()), toast=False):
            return
    done = question.said(result[0]) if question.said else question.done
    if not question.logs_itself:
        ui_auth.log(question.audit, question.case_id, meeting_id=question.meeting_id,
                    detail=question.detail)
    kept = (t("confirm.backup_made", name=made[0].path.name) if made[0] is not None
            else t("confirm.no_backup_database"))
    st.session_state[_DONE] = " ".join(
        [done, kept, t("confirm.audit_written", line=_audit_line(question))])
    _close()
    if after is not None:
        after()
    if next_page:
        st.switch_page(next_page, query_params=session.active_params())
    st.rerun()


def _ask(key: str, question: Question, run: Callable[[], Any],
         after: Callable[[], None] | None, next_page: str | None) -> None:
    @st.dialog(question.title, width="medium", on_dismiss=_close)
    def dialog() -> None:
        st.markdown(t("confirm.wat_verdwijnt"))
        st.markdown("\n".join(f"- {line}" for line in question.goes))
        if question.stays:
            st.markdown(t("confirm.wat_blijft"))
            st.markdown("\n".join(f"- {line}" for line in question.stays))
        for line in question.extra:
            st.warning(line, icon=":material/warning:")
        if backup.data_dir_of(_backup_target(question)) is not None:
            st.caption(":material/backup: " + (question.backup_caption
                                               or t("confirm.eerst_een_back_up")))
        else:
            st.info(t("confirm.geen_back_up_database"), icon=":material/database:")
        st.caption(":material/history: " + t("confirm.in_het_auditlog",
                                             line=_audit_line(question)))
        yes, no = st.columns(2)
        if yes.button(question.confirm, key=f"{key}-yes", type="primary",
                      icon=":material/delete_forever:", width="stretch"):
            _confirmed(key, question, run, after, next_page)
        if no.button(t("confirm.annuleren"), key=f"{key}-no", width="stretch"):
            _close()
            st.rerun()
        fields.show_error(key)

    dialog()


def destructive_button(label: str, key: str, question: Callable[[], Question],
                       run: Callable[[], Any], *, icon: str = ":material/delete:",
                       help: str | None = None, disabled: bool = False,
                       check: Callable[[], Any] | None = None,
                       after: Callable[[], None] | None = None,
                       next_page: str | None = None) -> None:
    """A button that removes something, but only after its question was answered yes in a
    dialog, a back-up was taken and with an audit line. `question` is worked out when the
    dialog shows (fresh counts); `check` may refuse before asking (an HGSError, shown beside
    the button); `run` does it; then `after`, and `next_page` or a fresh page."""
    if st.button(label, key=key, icon=icon, help=help, disabled=disabled):
        st.session_state.pop(_DONE, None)
        if check is None or fields.save(key, check, toast=False):
            st.session_state[_OPEN] = key
    if st.session_state.get(_OPEN) == key:
        asked: list[Question] = []
        if fields.save(key, lambda: asked.append(question()), toast=False):
            _ask(key, asked[0], run, after, next_page)
        else:  # what it would remove is gone meanwhile (another screen): say so, ask nothing
            _close()
            fields.show_error(key)
    elif st.session_state.get(_OPEN) is None:
        fields.show_error(key)


def outcome() -> None:
    """What the last confirmed removal did and where its back-up is, once (app.py shows it
    above every page, because a removal may have taken the page's own subject away)."""
    if message := st.session_state.pop(_DONE, None):
        st.success(message, icon=":material/check:")


def counted(name: str, count: int, **values: Any) -> str:
    """The plural entry `confirm.<name>` in the form for `count`."""
    return tn(f"confirm.{name}", count, **values)


# -- the demo banner's "Leeg beginnen" -------------------------------------------------------------
def _start_empty_question() -> Question:
    plan = demo.plan_start_empty(session.store())
    own = len(plan.own_cases)
    goes = [counted("demo_cases", len(plan.demo_cases), meetings=tn("plural.mdos", plan.meetings)),
            counted("demo_organisations", len(plan.demo_organisations))]
    stays = [counted("own_cases", own)]
    if plan.kept_organisations:
        stays.append(counted("kept_organisations", len(plan.kept_organisations)))
    stays.append(t("confirm.users_audit_reflections"))
    return Question(title=t("confirm.leeg_beginnen_titel"), goes=goes, stays=stays,
                    confirm=t("confirm.leeg_beginnen_ja"),
                    done=counted("leeg_beginnen_klaar", own), audit="start-empty",
                    detail=f"{len(plan.demo_cases)} demo / {own} eigen",
                    backup_reason="leeg beginnen")


def start_empty_button() -> None:
    """The demo banner's button: only the demo cases and unused demo organisations go."""
    destructive_button(t("app.leeg_beginnen"), "demo-start-empty", _start_empty_question,
                       lambda: demo.start_empty(session.store()), icon=":material/delete_sweep:",
                       help=t("app.verwijdert_alle_demogegevens_en"),
                       after=lambda: session.choose(None))


# -- erasing a case (AVG) --------------------------------------------------------------------------
def _erase_question(case: Case) -> Question:
    store = session.store()
    meetings = len(store.meetings(case.id))
    on_files = backup.data_dir_of(store) is not None
    goes = [counted("case_with_meetings", meetings, code=case.code,
                    first_name=texts.plain(case.first_name)),
            t("confirm.verslagen_links_cijfers")]
    if on_files:
        goes.append(t("erase.uit_elke_back_up"))
        extra = [t("erase.niet_ongedaan")]
    else:
        goes.append(t("erase.rijen_database"))
        extra = [t("erase.niet_ongedaan"), t("erase.pg_dump_blijft")]
    return Question(
        title=t("confirm.wissen_titel", code=case.code), goes=goes,
        stays=[t("confirm.alleen_id_in_auditlog")], extra=extra,
        confirm=t("confirm.wissen_ja"), done=t("ui.de_casus_is_gewist", code=case.code),
        said=lambda erased: _erased(case, erased),
        audit="erase", case_id=case.id, backup_reason="wissen casus", logs_itself=True,
        backup_caption=t("erase.back_up_eerst"), busy=t("erase.bezig"))


def _erased(case: Case, erased: export.Erasure) -> str:
    done = t("ui.de_casus_is_gewist", code=case.code)
    if erased.database:
        return f"{done} {t('erase.klaar_database')}"
    return " ".join([done, t("erase.klaar_kopieen", backups=tn("erase.back_ups", erased.backups),
                             folders=tn("erase.opzijgezette_mappen", erased.folders),
                             copies=tn("erase.andere_kopieen", erased.copies))]
                    + ([tn("erase.klaar_onleesbaar", erased.removed_backups)]
                       if erased.removed_backups else []))


def erase_case_button(case: Case, key: str) -> None:
    """"Casus definitief wissen": the code typed in `<key>-code` first, then the question."""
    def typed() -> str:
        return st.session_state.get(key + "-code") or ""

    def erase() -> export.Erasure:
        user = ui_auth.current_user()
        return export.erase_case(session.store(), case.id, typed(),
                                 who=user.username if user else ui_auth.UNKNOWN,
                                 role=user.role if user else "")

    destructive_button(t("ui.casus_definitief_wissen_2"), key, lambda: _erase_question(case),
                       erase, icon=":material/delete_forever:",
                       check=lambda: export.check_confirm_code(case, typed()),
                       after=lambda: session.choose(None))


# -- Beheer: an organisation, a user -------------------------------------------------------------
def _organisation_question(organisation: Organisation) -> Question:
    linked = [u for u in users.load_users().values() if organisation.id in u.organisations]
    return Question(
        title=t("confirm.organisatie_titel", name=texts.plain(organisation.name)),
        goes=[t("confirm.de_organisatie", name=texts.plain(organisation.name),
                sector=texts.SECTORS.get(organisation.sector, organisation.sector))],
        stays=[t("confirm.geen_casus_hoort_erbij"), counted("users_of_organisation", len(linked))],
        confirm=t("confirm.verwijderen_ja"),
        done=t("confirm.organisatie_verwijderd", name=texts.plain(organisation.name)),
        audit="organisation-removed", detail=organisation.id,
        backup_reason="verwijderen organisatie")


def remove_organisation_button(organisation: Organisation) -> None:
    """Only an organisation no case belongs to; the question names the users linked to it."""
    destructive_button(t("confirm.organisatie_verwijderen"), f"beheer-org-{organisation.id}-remove",
                       lambda: _organisation_question(organisation),
                       lambda: cases.remove_organisation(session.store(), organisation.id),
                       icon=":material/domain_disabled:",
                       check=lambda: cases.check_removable(session.store(), organisation.id))


def _user_question(user: User) -> Question:
    return Question(
        title=t("confirm.gebruiker_titel", username=user.username),
        goes=[t("confirm.het_account", username=user.username, role=user.role_label)],
        stays=[t("confirm.werk_van_gebruiker"), t("confirm.auditlog_van_gebruiker")],
        confirm=t("confirm.verwijderen_ja"),
        done=t("confirm.gebruiker_verwijderd", username=user.username),
        audit="user-changed", detail=f"verwijderd {user.username}",
        backup_reason="verwijderen gebruiker",
        backup_of=config.data_dir())  # users.json lives there, also beside PostgreSQL


def remove_user_button(user: User) -> None:
    destructive_button(t("beheer.gebruiker_verwijderen"), f"beheer-user-{user.username}-remove",
                       lambda: _user_question(user), lambda: users.remove_user(user.username),
                       icon=":material/person_remove:")


# -- Gegevens: restoring a back-up -----------------------------------------------------------------
def _restore_question(source: str, data_dir: Path, check: backup.BackupCheck) -> Question:
    now = backup.check_backup(data_dir)
    name = Path(source).name
    return Question(
        title=t("confirm.terugzetten_titel"),
        goes=[t("confirm.terugzetten_nu", summary=now.summary()),
              t("confirm.terugzetten_sindsdien")],
        stays=[t("confirm.terugzetten_opzij"), t("confirm.terugzetten_gebruikers")],
        extra=[t("confirm.terugzetten_ervoor", summary=check.summary())],
        confirm=t("confirm.terugzetten_ja"),
        done=t("gegevens.teruggezet", summary=check.summary(), kept=""),
        said=lambda restored: t("gegevens.teruggezet", summary=restored.check.summary(), kept=(
            t("gegevens.de_gegevens_van_daarvoor_staan_in", plain=texts.plain(str(restored.aside)))
            if restored.aside else "")),
        audit="restore", detail=re.sub(r"[^\w .:+()-]", "_", name)[:160],
        backup_reason="terugzetten")


def restore_button(source: str, data_dir: Path, check: backup.BackupCheck,
                   after: Callable[[], None] | None = None) -> None:
    """"Terugzetten" of a checked back-up (or of the data a restore set aside)."""
    destructive_button(t("gegevens.terugzetten"), "data-restore",
                       lambda: _restore_question(source, data_dir, check),
                       lambda: backup.restore(source, data_dir),
                       icon=":material/settings_backup_restore:", after=after)
