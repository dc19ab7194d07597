"""Sending one e-mail for a case the way HGS must: only to people who may receive something of
this case (cycle.may_share_with: no professional from outside the school without consent in
force), then recorded in the meeting (`Meeting.mailed`, and `invitation_sent` for the gouden
mailtje) and written to the audit log, ids and counts only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hgs.access import audit
from hgs.errors import InvalidInput
from hgs.i18n import t
from hgs.mail import messages, smtp
from hgs.method import cycle
from hgs.method.records import Case, Mailed, MailKind, Meeting, Participant
from hgs.store import Store

SYSTEM = ("hgs.reminders", "systeem")  # who sends the reminders and digests, in the audit log


@dataclass(frozen=True)
class HeldBack:
    """Someone at the table who gets no e-mail, and why (a sentence)."""
    name: str
    reason: str


@dataclass(frozen=True)
class Sent:
    to: Sequence[Participant]  # the server took the message for these
    held_back: Sequence[HeldBack]  # not sent to: no address, no consent, no role
    refused: Sequence[HeldBack] = ()  # addresses the server did not take


def reason_held_back(case: Case, person: Participant, on: dt.date) -> str | None:
    """Why this participant gets no e-mail about the case on `on`; None when they may."""
    if not person.email:
        return t("mail.geen_adres")
    if cycle.may_share_with(case, person, on):
        return None
    return t("mail.geen_toestemming") if person.group == "extern" else t("mail.geen_rol")


def invitation_recipients(case: Case, meeting: Meeting,
                          on: dt.date) -> tuple[list[Participant], list[HeldBack]]:
    """Who the gouden mailtje goes to, and who is held back with the reason."""
    to: list[Participant] = []
    held: list[HeldBack] = []
    for person in (p for p in meeting.participants if p.name):
        reason = reason_held_back(case, person, on)
        if reason is None:
            to.append(person)
        else:
            held.append(HeldBack(person.name, reason))
    return to, held


def recipient(person: Participant) -> messages.Recipient:
    return messages.Recipient(person.name, person.email, person.role)


def record(store: Store, case_id: str, meeting_id: str, mailed: Mailed) -> None:
    """The message in the meeting's record; the gouden mailtje also sets `invitation_sent`."""
    def change(meeting: Meeting) -> None:
        meeting.mailed = [*meeting.mailed, mailed]
        if mailed.kind == "uitnodiging":
            meeting.invitation_sent = mailed.sent

    store.update_meeting(case_id, meeting_id, change)


def log(kind: str, count: int, by: tuple[str, str], case_id: str | None = None,
        meeting_id: str | None = None) -> None:
    """One audit line: which kind of message, to how many people (no address, no name)."""
    audit.record("mail-sent", who=by[0], role=by[1], case_id=case_id, meeting_id=meeting_id,
                 detail=f"{kind} {count}")


def send_for_case(store: Store, case: Case, meeting: Meeting, kind: MailKind,
                  to: Sequence[Participant], message, by: tuple[str, str],
                  server: smtp.Server, now: dt.datetime, **fields) -> Mailed:
    """Send `message` (to `to` only), then record and audit it for the recipients the server
    took (an address it refused is not recorded as sent)."""
    refused = set(smtp.send(message, server))
    to = [p for p in to if p.email not in refused]
    mailed = Mailed(kind=kind, sent=now, to=[p.email for p in to],
                    roles=[p.role for p in to], **fields)
    record(store, case.id, meeting.id, mailed)
    log(kind, len(to), by, case.id, meeting.id)
    return mailed


def send_invitation(store: Store, case_id: str, meeting_id: str, *, by: tuple[str, str],
                    organisation: str = "", join_link: str | None = None,
                    today: dt.date | None = None, now: dt.datetime | None = None) -> Sent:
    """Send the gouden mailtje from HGS to everyone at the table who may receive it (read
    fresh from the store); MailError or InvalidInput (Dutch) when nothing could be sent."""
    server = smtp.server()
    case, meeting = store.get_case(case_id), store.get_meeting(case_id, meeting_id)
    to, held = invitation_recipients(case, meeting, today or dt.date.today())
    if not to:
        raise InvalidInput(t("mail.niemand"))
    message = messages.invitation(case, meeting, [recipient(p) for p in to], server.sender,
                                  organisation, join_link)
    mailed = send_for_case(store, case, meeting, "uitnodiging", to, message, by, server,
                           now or dt.datetime.now(dt.UTC))
    refused = [HeldBack(p.name, t("mail.adres_niet_aangenomen", email=p.email))
               for p in to if p.email not in mailed.to]
    return Sent([p for p in to if p.email in mailed.to], held, refused)
