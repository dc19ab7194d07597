"""Download buttons for the verslag, the invitation, the calendar files and the case export: what
each page offers (plain functions) and the one widget that shows it. Files are made only when a
button is clicked, from the store as it is then."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from hgs.errors import HGSError
from hgs.exports import archive as export
from hgs.exports import contents, flap, flap_pdf
from hgs.exports import invitation as invite
from hgs.exports import verslag as report
from hgs.i18n import language, t, using
from hgs.method import cases, texts
from hgs.method.records import Case, Meeting
from hgs.store import Store
from hgs.ui import signin as ui_auth


def parents_caption() -> str:
    """What the parents' verslag leaves out, in the session's language."""
    return t("ui_downloads.parents_caption",
             left_out="; ".join(contents.PARENTS_LEAVE_OUT.values()))


def ics_caption(meeting: Meeting | None = None) -> str:
    """When the calendar file puts the MDO: at its planned time, else at the default."""
    if meeting is not None and meeting.start_time is not None:
        start, length = invite.calendar_times(meeting)
        return t("planning.ics_caption", start=f"{start:%H:%M}",
                 minutes=int(length.total_seconds() // 60))
    return t("ui_downloads.ics_caption", hour=invite.DEFAULT_START.hour,
             minute=f"{invite.DEFAULT_START:%M}",
             minutes=int(invite.DEFAULT_DURATION.total_seconds() // 60))
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word", "md": "Markdown"}
FORMAT_ICONS = {"pdf": ":material/picture_as_pdf:", "docx": ":material/description:",
                "md": ":material/notes:"}


@dataclass(frozen=True)
class Download:
    slug: str  # part of the widget key
    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes] | None  # None: not possible yet, `missing` says why
    icon: str = ":material/download:"
    missing: str = ""
    case_id: str = ""  # the case the file comes from: its download goes into the audit log


def _organisation(store: Store, case: Case) -> str:
    return cases.organisation_name(case, store.organisations())


def meeting_labels(meetings: Sequence[Meeting]) -> dict[str, str]:
    """Meeting id -> "MDO 2 · 3 maart 2026 (Vervolg-MDO (evaluatie))", oldest first."""
    return {m.id: t("ui_downloads.mdo", n=n, date=texts.date_nl(m.date), kind=texts.MEETING_KINDS[m.kind])
            for n, m in enumerate(meetings, 1)}


def report_files(store: Store, case: Case, meeting: Meeting, audience: str) -> list[Download]:
    """The verslag of one meeting for `audience` as PDF, Word and Markdown."""
    suffix = t("ui_downloads.voor_ouders") if audience == "ouders" else ""
    return [Download(f"report-{audience}-{fmt}", t("ui_downloads.verslag", suffix=suffix, fmt=FORMAT_LABELS[fmt]),
                     report.filename(case, meeting, fmt, audience), report.MIME_TYPES[fmt],
                     lambda fmt=fmt: report.render(store, case.id, meeting.id, fmt, audience),
                     FORMAT_ICONS[fmt], case_id=case.id)
            for fmt in ("pdf", "docx", "md")]


def flap_files(store: Store, case: Case, meeting: Meeting) -> list[Download]:
    """The format as the A3 flap (PDF), for the team and for the parents."""
    return [Download(f"flap-{audience}", t(f"flap.flap_{audience}"),
                     flap.filename(case.code, meeting.date, audience), report.MIME_TYPES["pdf"],
                     lambda audience=audience: flap_pdf.to_pdf(
                         flap.format_sheet(store, case.id, meeting.id, audience)),
                     FORMAT_ICONS["pdf"], case_id=case.id)
            for audience in ("team", "ouders")]


def invitation_files(store: Store, case: Case, meeting: Meeting) -> list[Download]:
    """The "gouden mailtje" as an e-mail to open in the mail program, and the MDO's calendar
    event."""

    def fresh() -> tuple[Case, Meeting, str]:
        return (store.get_case(case.id), store.get_meeting(case.id, meeting.id),
                _organisation(store, case))

    return [
        Download("invite-eml", t("ui_downloads.uitnodiging_als_e_mail_eml"),
                 report.filename(case, meeting, "eml"), "message/rfc822",
                 lambda: invite.invitation_eml(*fresh()), ":material/mail:", case_id=case.id),
        Download("invite-ics", t("ui_downloads.mdo_in_de_agenda_ics"), report.filename(case, meeting, "ics"),
                 "text/calendar", lambda: invite.meeting_ics(*fresh()),
                 ":material/event:", case_id=case.id),
    ]


def evaluation_files(store: Store, case: Case, meeting: Meeting) -> list[Download]:
    """The evaluation date of step 8 as a calendar event, once there is one."""
    day = meeting.evaluation_date
    if day is None:
        return [Download("evaluation-ics", t("ui_downloads.evaluatie_in_de_agenda_ics"), "", "", None,
                         missing=t("ui_downloads.vul_eerst_de_evaluatiedatum_in"))]
    return [Download("evaluation-ics", t("ui_downloads.evaluatie_van_in_de_agenda_ics", date=texts.date_nl(day)),
                     f"Evaluatie-MDO-{case.code}-{day.isoformat()}.ics", "text/calendar",
                     lambda: invite.evaluation_ics(store.get_case(case.id),
                                                   store.get_meeting(case.id, meeting.id),
                                                   _organisation(store, case)),
                     ":material/event_repeat:", case_id=case.id)]


def export_files(store: Store, case: Case, today: dt.date) -> list[Download]:
    """The whole case as one ZIP (data and every verslag)."""
    return [Download("export-zip", t("ui_downloads.hele_casus_exporteren_zip"),
                     export.export_filename(case, today), "application/zip",
                     lambda: export.export_case(store, case.id), ":material/folder_zip:",
                     case_id=case.id)]


def download_buttons(files: Sequence[Download], key: str, title: str = "",
                     caption: str = "") -> None:
    """A row of download buttons (keys `dl-<key>-<file>`); each file is made on click."""
    if title:
        st.markdown(f"**{title}**")
    if caption:
        st.caption(caption)
    user = ui_auth.current_user()  # the file is made later, on click, outside this run:
    lang = language()  # who asked, and in which language
    failed = st.session_state.setdefault(FAILED_STATE, {})  # filled by a click that failed
    with st.container(horizontal=True, gap="small", key=f"dl-{key}"):
        for file in files:
            if file.make is None:
                st.caption(file.missing)
                continue
            st.download_button(file.label, data=made(file, user, lang, failed),
                               file_name=file.file_name, mime=file.mime,
                               key=f"dl-{key}-{file.slug}", icon=file.icon, on_click="ignore")
    for file in files:
        if message := failed.pop(file.slug, None):
            st.error(message, icon=":material/error:")


FAILED_STATE = "download_failures"
_log = logging.getLogger(__name__)


def made(file: Download, user, lang: str,
         failed: dict[str, str] | None = None) -> Callable[[], bytes]:
    """`file.make` for a click after the run: only while the sign-in of the person who saw the
    button still holds (nothing at all once they signed out, were removed or got another role),
    in their language (the verslag, the invitation), and, for a case's file, noted as an
    "export" in the audit log first: when that line cannot be written, no file is made. When the
    file cannot be made, the person gets a file of the same kind that says so in words
    (`fallback`), the page repeats it on its next run (`failed`), and the details go to the
    server's log only."""

    def logged_then_made() -> bytes:
        if file.case_id:
            ui_auth.log_before("export", file.case_id, detail=file.slug, user=user,
                               refusal="errors.audit.export_refused")
        return file.make()

    allowed = ui_auth.guarded(logged_then_made)  # the sign-in is checked again at the click

    def make() -> bytes:
        with using(lang):
            try:
                return allowed()
            except ui_auth.SignInEnded:
                raise  # nothing at all for a screen whose sign-in ended
            except Exception as error:
                _log.exception("download %r could not be made", file.slug)
                message = t("documenten.mislukt", name=file.label)
                if isinstance(error, HGSError):  # a sentence for people: say it too
                    message = f"{message} {error}"
                if failed is not None:
                    failed[file.slug] = message
                notice = fallback(file, message)
                if notice is None:
                    raise
                return notice

    return make


def fallback(file: Download, message: str) -> bytes | None:
    """A file of the kind the button promised (PDF, Word, Markdown, ZIP, e-mail) that carries
    `message` instead of the content; None for a kind that cannot say it (a calendar file)."""
    title = t("documenten.mislukt_titel")
    ext = file.file_name.rpartition(".")[2]
    if ext in report.WRITERS:
        return report.notice(ext, title, message)
    if ext == "zip":
        return export.notice_archive(f"{title}\n\n{message}")
    if ext == "eml":
        return invite.notice_eml(title, message)
    return None
