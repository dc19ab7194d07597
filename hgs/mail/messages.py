"""The e-mails HGS sends, as messages ready for the server: the gouden mailtje, the reminder of
one agreement and a chair's weekly digest. Headers are built as the .eml download builds them
(hgs.exports.invitation: typed text made fit for a header, the message read back and checked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from hgs.exports import invitation as invite
from hgs.i18n import t
from hgs.method.records import Agreement, Case, Meeting
from hgs.method.texts import date_nl


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    role: str = ""  # the participant's role, or the user's: what the record keeps beside it


def compose(subject: str, to: Sequence[Recipient], sender: str, body: str,
            reply_to: Recipient | None = None) -> EmailMessage:
    """One plain-text UTF-8 message; InvalidInput when a header would not read back as meant."""
    message = EmailMessage(policy=invite.EMAIL_POLICY)
    addresses = [invite.address(r.name, r.email) for r in to]
    name, email = parseaddr(sender)
    message["Subject"] = invite.header_text(subject)
    message["From"] = invite.address(name, email)
    message["To"] = addresses
    if reply_to is not None:
        message["Reply-To"] = invite.address(reply_to.name, reply_to.email)
    message["Date"] = format_datetime(dt.datetime.now(invite.TIMEZONE))
    message["Message-ID"] = make_msgid(domain=email.rpartition("@")[2] or "hgs.invalid")
    message["Auto-Submitted"] = "auto-generated" if reply_to is None else "no"
    message.set_content(body, charset="utf-8")
    expected = {"Subject", "From", "To", "Date", "Message-ID", "Auto-Submitted", "MIME-Version",
                "Content-Type", "Content-Transfer-Encoding"} | (
        {"Reply-To"} if reply_to is not None else set())
    invite.check_headers(message.as_bytes(), expected, addresses)
    return message


def invitation(case: Case, meeting: Meeting, to: Sequence[Recipient], sender: str,
               organisation: str = "", join_link: str | None = None) -> EmailMessage:
    """The gouden mailtje as the Voorbereiding page shows it; answers go to the chair when the
    chair is a participant with an address."""
    chair = next((Recipient(p.name, p.email) for p in meeting.participants
                  if p.email and p.name and p.name == meeting.chair), None)
    return compose(invite.invitation_subject(case, meeting), to, sender,
                   invite.invitation_text(case, meeting, organisation, join_link),
                   reply_to=chair)


def reminder(case: Case, meeting: Meeting, agreement: Agreement, to: Recipient,
             sender: str) -> EmailMessage:
    """The reminder to the person an agreement names, some days before its date."""
    lines = [t("mail.herinnering_aanhef", name=to.name), "",
             t("mail.herinnering_uitleg", first_name=case.first_name, code=case.code,
               date=date_nl(meeting.date)), "",
             f"- {agreement.what}", "",
             t("mail.herinnering_uiterlijk", due=date_nl(agreement.due)), "",
             t("uitnodiging.groet"), meeting.chair or ""]
    return compose(t("mail.herinnering_onderwerp", code=case.code, due=date_nl(agreement.due)),
                   [to], sender, "\n".join(lines).rstrip() + "\n")


@dataclass(frozen=True)
class DigestCase:
    """What a chair's weekly digest says of one case: its werklijst flags."""
    code: str
    first_name: str
    flags: Sequence[str]  # each flag's one-line reason (it starts with its kind), urgent first


def digest(to: Recipient, cases: Sequence[DigestCase], today: dt.date,
           sender: str) -> EmailMessage:
    """A chair's week: their werklijst, per case its flags with the reason of each."""
    lines = [t("mail.overzicht_aanhef", name=to.name), "",
             t("mail.overzicht_uitleg", date=date_nl(today)), ""]
    for case in cases:
        lines.append(f"{case.code} ({case.first_name})")
        lines += [f"  - {reason}" for reason in case.flags]
        lines.append("")
    if not cases:
        lines += [t("mail.overzicht_leeg"), ""]
    lines.append(t("mail.overzicht_afmelden"))
    return compose(t("mail.overzicht_onderwerp", date=date_nl(today)), [to], sender,
                   "\n".join(lines).rstrip() + "\n")
