"""The mails that go without anyone pressing send: a reminder to the person an agreement names,
some days (`HGS_REMINDER_DAYS`) before its date, and a weekly digest to each chair who asked for
one. `run` sends what is due and not sent before (reminders are recorded in the meeting, digests
per user and ISO week in the network's settings), so running it twice sends nothing new; `main`
is `python -m hgs.reminders`, for cron."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from hgs import config
from hgs.access import roles, users
from hgs.access.users import User
from hgs.errors import HGSError
from hgs.i18n import t, tn
from hgs.mail import messages, sending, smtp
from hgs.method import worklist
from hgs.method.records import Agreement, Case, Meeting, Participant
from hgs.store import Store, open_store

DIGEST_SETTING = "mail_digests"  # user id -> the ISO week ("2026-W49") of the last digest


@dataclass
class Outcome:
    """What one run did: how many went out, and why others did not (no names: case codes)."""
    reminders: int = 0
    digests: int = 0
    held_back: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [t("mail.run_verstuurd", reminders=tn("plural.reminders", self.reminders),
                   digests=tn("plural.digests", self.digests))]
        return "\n".join(lines + self.held_back + self.failed)


# -- reminders -----------------------------------------------------------------------------------
def reminded(meetings: list[Meeting], agreement: Agreement) -> bool:
    """Was this agreement reminded of for its present date already (a moved date is new)?"""
    return any(m.kind == "herinnering" and m.ref == agreement.id and m.due == agreement.due
               for meeting in meetings for m in meeting.mailed)


def person_named(meeting: Meeting, agreement: Agreement) -> Participant | None:
    """The participant step 8's "Wie" names (cycle.people_at_table offers their names)."""
    who = agreement.who.strip().lower()
    return next((p for p in meeting.participants if who and p.name.strip().lower() == who),
                None)


def due_reminders(case: Case, meetings: list[Meeting], today: dt.date,
                  days: int) -> list[tuple[Meeting, Agreement]]:
    """Open agreements of an active case whose date is within `days` from today, not yet
    reminded of."""
    if case.status != "actief":
        return []
    last = today + dt.timedelta(days=days)
    return [(m, a) for m, a in worklist.current_agreements(meetings)
            if a.status == "open" and a.due is not None and today <= a.due <= last
            and a.what and not reminded(meetings, a)]


def send_reminders(store: Store, server: smtp.Server, today: dt.date, now: dt.datetime,
                   by: tuple[str, str], outcome: Outcome, days: int) -> None:
    for case in store.cases():
        meetings = store.meetings(case.id)
        for meeting, agreement in due_reminders(case, meetings, today, days):
            person = person_named(meeting, agreement)
            reason = (t("mail.niet_aan_tafel") if person is None
                      else sending.reason_held_back(case, person, today))
            if reason is not None:
                outcome.held_back.append(t("mail.run_niet", code=case.code, reason=reason))
                continue
            message = messages.reminder(case, meeting, agreement, sending.recipient(person),
                                        server.sender)
            try:
                sending.send_for_case(store, case, meeting, "herinnering", [person], message,
                                      by, server, now, ref=agreement.id, due=agreement.due)
            except smtp.AddressRefused:  # this address only: the others may go (no address
                outcome.failed.append(t("mail.run_niet", code=case.code,  # in the output)
                                        reason=t("mail.adres_niet_genomen")))
                continue
            outcome.reminders += 1


# -- the weekly digest ---------------------------------------------------------------------------
def week(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def digest_cases(store: Store, user: User, today: dt.date) -> list[messages.DigestCase]:
    """A chair's werklijst (hgs.method.worklist, the rules of the Werklijst page): per case they
    may see, its flags, most urgent first; a closed case has none."""
    found = []
    for case in roles.visible_cases(user, store.cases()):
        if said := worklist.flags(case, store.meetings(case.id), today):
            found.append(messages.DigestCase(case.code, case.first_name,
                                             [f.reason for f in said]))
    return sorted(found, key=lambda c: c.code)


def wants_digest(user: User) -> bool:
    return user.weekly_digest and bool(user.email) and "voorzitter" in user.roles


def send_digests(store: Store, server: smtp.Server, today: dt.date, by: tuple[str, str],
                 outcome: Outcome, folder: str | os.PathLike | None) -> None:
    this_week = week(today)
    for user in users.load_users(folder).values():
        if not wants_digest(user) or store.setting(DIGEST_SETTING, {}).get(user.id) == this_week:
            continue
        to = messages.Recipient(user.label, user.email, user.role)
        try:
            smtp.send(messages.digest(to, digest_cases(store, user, today), today,
                                      server.sender), server)
        except smtp.AddressRefused:
            outcome.failed.append(t("mail.run_niet", code=user.username,
                                    reason=t("mail.adres_niet_genomen")))
            continue
        store.set_setting(DIGEST_SETTING,
                          {**store.setting(DIGEST_SETTING, {}), user.id: this_week})
        sending.log("overzicht", 1, by)
        outcome.digests += 1


def run(store: Store, *, today: dt.date | None = None, now: dt.datetime | None = None,
        by: tuple[str, str] = sending.SYSTEM, folder: str | os.PathLike | None = None,
        days: int | None = None) -> Outcome:
    """Send every reminder and digest that is due and not sent before. MailError when the
    server is not set or refuses (what was sent before it is recorded)."""
    server = smtp.server()
    today = today or dt.date.today()
    outcome = Outcome()
    send_reminders(store, server, today, now or dt.datetime.now(dt.UTC), by, outcome,
                   config.reminder_days() if days is None else days)
    send_digests(store, server, today, by, outcome, folder)
    return outcome


def main() -> int:
    """`python -m hgs.reminders`: 0 when everything due went out, 1 with the reason else (the
    server away, or an address it refused: cron mails that output to the operator)."""
    store = open_store()
    try:
        outcome = run(store)
    except HGSError as error:
        print(error)
        return 1
    finally:
        store.close()
    print(outcome.summary())
    return 1 if outcome.failed else 0
