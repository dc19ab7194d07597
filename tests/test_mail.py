"""E-mail from HGS against a real SMTP server started by the test (tests/mailserver.py): the
gouden mailtje, the agreement reminders and the weekly digest arrive with the right headers and
body, nothing goes to an outside professional without consent, a second run sends nothing new,
and a refused login or an absent server is a Dutch sentence."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hgs.access import audit, users
from hgs.exports import invitation as invite
from hgs.mail import reminders, sending, smtp
from hgs.method import cycle, worklist
from hgs.method.records import Agreement, Case, Meeting, Organisation, Participant
from tests.mailserver import free_port, smtp_server

SENDER = "HGS De Regenboog <mdo@regenboog.example>"
TODAY = dt.date(2026, 3, 2)
BY = ("anna", "voorzitter")


@pytest.fixture
def mail_env(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_SMTP_FROM", SENDER)

    def use(inbox) -> None:
        monkeypatch.setenv("HGS_SMTP_URL", inbox.url)
        if inbox.ca_file:
            monkeypatch.setenv("HGS_SMTP_CA_FILE", inbox.ca_file)
    return use


@pytest.fixture
def server(tmp_path, mail_env):
    with smtp_server(tmp_path) as inbox:
        mail_env(inbox)
        yield inbox


TABLE = [
    Participant(name="Anna de Vries", role="intern begeleider (IB'er)",
                email="anna@regenboog.example"),
    Participant(name="Mevrouw Jansen", role="ouder/verzorger", email="jansen@thuis.example"),
    Participant(name="Karim Bouzid", role="jeugdhulp", organisation="Jeugdhulp Almere",
                email="karim@jeugdhulp.example"),
    Participant(name="Meester Tim", role="leerkracht/mentor"),  # no address
]


def a_case(store, consent: bool = False, **meeting_fields) -> tuple[Case, Meeting]:
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris",
                                  organisation_id=org.id, birth_year=2017))
    if consent:
        store.update_case(case.id, lambda c: cycle.add_consent(c, ["ouders"], TODAY, ""))
    meeting = store.create_meeting(Meeting(
        case_id=case.id, date=TODAY, chair="Anna de Vries", participants=TABLE,
        reason="Joris loopt vast bij rekenen.", **meeting_fields))
    return store.get_case(case.id), meeting


def mail_lines(folder: Path) -> list[dict]:
    return [e for m in audit.months(folder) for e in audit.entries(m, folder)
            if e["what"] == "mail-sent"]


# -- the gouden mailtje --------------------------------------------------------------------------
def test_the_invitation_arrives_at_school_and_parents_and_not_at_jeugdhulp_without_consent(
        store, server, tmp_path):
    case, meeting = a_case(store)
    sent = sending.send_invitation(store, case.id, meeting.id, by=BY, organisation="De Regenboog",
                                   today=TODAY)
    (received,) = server.messages
    message = received.message
    assert received.recipients == ["anna@regenboog.example", "jansen@thuis.example"]
    assert "karim@jeugdhulp.example" not in str(message)
    assert message["Subject"] == invite.invitation_subject(case, meeting)
    assert message["From"].addresses[0].addr_spec == "mdo@regenboog.example"
    assert message["Reply-To"].addresses[0].addr_spec == "anna@regenboog.example"
    assert "X-Unsent" not in message
    body = message.get_content()
    assert "Joris loopt vast bij rekenen." in body and "Karim Bouzid" in body  # who comes
    assert [h.name for h in sent.held_back] == ["Karim Bouzid", "Meester Tim"]
    assert "toestemming" in sent.held_back[0].reason
    stored = store.get_meeting(case.id, meeting.id)
    (mailed,) = stored.mailed
    assert mailed.kind == "uitnodiging" and mailed.to == received.recipients
    assert mailed.roles == ["intern begeleider (IB'er)", "ouder/verzorger"]
    assert stored.invitation_sent == mailed.sent and mailed.sent.tzinfo is not None
    (line,) = mail_lines(tmp_path)
    assert line["case"] == case.id and line["detail"] == "uitnodiging 2"
    assert "@" not in str(line)  # ids and counts only


def test_with_the_parents_consent_jeugdhulp_gets_the_invitation_too(store, server):
    case, meeting = a_case(store, consent=True)
    sending.send_invitation(store, case.id, meeting.id, by=BY, today=TODAY)
    assert "karim@jeugdhulp.example" in server.messages[0].recipients


def test_consent_withdrawn_before_the_send_holds_jeugdhulp_back_again(store, server):
    case, meeting = a_case(store, consent=True)
    store.update_case(case.id, lambda c: cycle.withdraw_consent(c, c.consents[0].id, TODAY))
    sending.send_invitation(store, case.id, meeting.id, by=BY, today=TODAY)
    assert "karim@jeugdhulp.example" not in server.messages[0].recipients


def test_an_address_the_server_refuses_is_not_recorded_as_sent(store, server):
    case, meeting = a_case(store)
    server.refuse = {"jansen@thuis.example"}
    sent = sending.send_invitation(store, case.id, meeting.id, by=BY, today=TODAY)
    assert server.to() == [["anna@regenboog.example"]]
    assert [p.name for p in sent.to] == ["Anna de Vries"]
    assert [(r.name, r.reason) for r in sent.refused] == [
        ("Mevrouw Jansen", "de mailserver nam het adres jansen@thuis.example niet aan")]
    assert store.get_meeting(case.id, meeting.id).mailed[0].to == ["anna@regenboog.example"]


def test_a_reminder_to_a_refused_address_does_not_stop_the_others(store, server):
    case, meeting = with_agreements(
        store, Agreement(who="Mevrouw Jansen", what="Huiswerkplek", due=TODAY),
        Agreement(who="Anna de Vries", what="Toets afnemen", due=TODAY))
    server.refuse = {"jansen@thuis.example"}
    outcome = reminders.run(store, today=TODAY, days=3)
    assert outcome.reminders == 1 and server.to() == [["anna@regenboog.example"]]
    assert outcome.failed == [
        "Niet verstuurd voor L-2026-0001: de mailserver nam het adres niet aan."]
    server.refuse = set()
    assert reminders.run(store, today=TODAY, days=3).reminders == 1  # tried again next run


def test_starttls_with_login_sends_and_a_wrong_password_is_a_dutch_sentence(
        tinydb_store, tmp_path, mail_env):
    store = tinydb_store
    case, meeting = a_case(store)
    with smtp_server(tmp_path, tls=True) as inbox:
        mail_env(inbox)
        sending.send_invitation(store, case.id, meeting.id, by=BY, today=TODAY)
        assert len(inbox.messages) == 1
    with smtp_server(tmp_path, tls=True, password="verkeerd") as inbox:
        mail_env(inbox)
        with pytest.raises(smtp.MailError, match="weigerde de aanmelding van hgs"):
            sending.send_invitation(store, case.id, meeting.id, by=BY, today=TODAY)
        assert inbox.messages == []
    assert len(store.get_meeting(case.id, meeting.id).mailed) == 1  # the refused one: not


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_smtps_sends_and_a_certificate_that_is_not_trusted_is_a_dutch_sentence(
        tinydb_store, tmp_path, mail_env, monkeypatch):
    case, meeting = a_case(tinydb_store)
    with smtp_server(tmp_path, tls="smtps") as inbox:
        mail_env(inbox)
        sending.send_invitation(tinydb_store, case.id, meeting.id, by=BY, today=TODAY)
        assert len(inbox.messages) == 1
        monkeypatch.delenv("HGS_SMTP_CA_FILE")  # the self-signed certificate: not trusted
        with pytest.raises(smtp.MailError, match="beveiligde verbinding .* is mislukt"):
            sending.send_invitation(tinydb_store, case.id, meeting.id, by=BY, today=TODAY)
        assert len(inbox.messages) == 1


def test_a_server_that_is_not_there_and_no_server_at_all_are_said_in_dutch(
        tinydb_store, tmp_path, monkeypatch):
    case, meeting = a_case(tinydb_store)
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HGS_SMTP_URL", raising=False)
    with pytest.raises(smtp.MailError, match="geen mailserver ingesteld"):
        sending.send_invitation(tinydb_store, case.id, meeting.id, by=BY)
    monkeypatch.setenv("HGS_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    monkeypatch.setenv("HGS_SMTP_FROM", SENDER)
    with pytest.raises(smtp.MailError, match="is niet bereikbaar"):
        sending.send_invitation(tinydb_store, case.id, meeting.id, by=BY)
    monkeypatch.setenv("HGS_SMTP_URL", "http://mail.example")
    with pytest.raises(smtp.MailError, match="HGS_SMTP_URL klopt niet"):
        smtp.server()
    assert tinydb_store.get_meeting(case.id, meeting.id).mailed == []


# -- reminders -----------------------------------------------------------------------------------
def with_agreements(store, *agreements: Agreement, consent: bool = False):
    case, meeting = a_case(store, consent=consent, agreements=list(agreements))
    return case, meeting


def test_a_reminder_arrives_once_days_before_the_date_and_again_when_the_date_moves(
        store, server, tmp_path):
    soon = Agreement(who="Mevrouw Jansen", what="Huiswerkplek inrichten",
                     due=TODAY + dt.timedelta(days=2))
    later = Agreement(who="Anna de Vries", what="Toets afnemen", due=TODAY + dt.timedelta(days=20))
    done = Agreement(who="Anna de Vries", what="Gedaan", due=TODAY, status="gedaan")
    case, meeting = with_agreements(store, soon, later, done)
    first = reminders.run(store, today=TODAY, days=3)
    assert first.reminders == 1
    (received,) = server.messages
    assert received.recipients == ["jansen@thuis.example"]
    assert received.message["Subject"] == "Herinnering: afspraak L-2026-0001, uiterlijk 4 maart 2026"
    assert received.message["Auto-Submitted"] == "auto-generated"
    body = received.message.get_content()
    assert "Beste Mevrouw Jansen," in body and "- Huiswerkplek inrichten" in body
    assert "Uiterlijk 4 maart 2026" in body
    (mailed,) = store.get_meeting(case.id, meeting.id).mailed
    assert (mailed.kind, mailed.ref, mailed.due) == ("herinnering", soon.id, soon.due)

    again = reminders.run(store, today=TODAY + dt.timedelta(days=1), days=3)
    assert again.reminders == 0 and len(server.messages) == 1  # sent once

    def move(m: Meeting) -> None:
        m.agreements[0].due = TODAY + dt.timedelta(days=3)
    store.update_meeting(case.id, meeting.id, move)
    assert reminders.run(store, today=TODAY + dt.timedelta(days=1), days=3).reminders == 1
    assert len(server.messages) == 2
    assert [e["detail"] for e in mail_lines(tmp_path)] == ["herinnering 1", "herinnering 1"]


def test_no_reminder_to_an_outside_professional_without_consent(store, server):
    theirs = Agreement(who="Karim Bouzid", what="Gesprek met het gezin", due=TODAY)
    case, meeting = with_agreements(store, theirs)
    outcome = reminders.run(store, today=TODAY, days=3)
    assert outcome.reminders == 0 and server.messages == []
    assert outcome.held_back == [
        "Niet verstuurd voor L-2026-0001: er is geen toestemming die het delen met deze "
        "professional van buiten de school dekt."]
    assert "Karim" not in outcome.summary()


def test_with_consent_the_outside_professional_is_reminded(store, server):
    theirs = Agreement(who="Karim Bouzid", what="Gesprek met het gezin", due=TODAY)
    with_agreements(store, theirs, consent=True)
    assert reminders.run(store, today=TODAY, days=3).reminders == 1
    assert server.messages[0].recipients == ["karim@jeugdhulp.example"]


def test_a_carried_agreement_is_reminded_once_from_the_latest_mdo(store, server):
    open_one = Agreement(who="Mevrouw Jansen", what="Huiswerkplek inrichten",
                         due=TODAY + dt.timedelta(days=40))
    case, meeting = with_agreements(store, open_one)
    later = store.create_meeting(cycle.carry_over_from(meeting, TODAY + dt.timedelta(days=30)))
    day = TODAY + dt.timedelta(days=38)
    assert reminders.run(store, today=day, days=3).reminders == 1
    assert reminders.run(store, today=day, days=3).reminders == 0
    assert store.get_meeting(case.id, later.id).mailed[0].ref == open_one.id
    assert store.get_meeting(case.id, meeting.id).mailed == []


# -- the weekly digest ---------------------------------------------------------------------------
def test_the_weekly_digest_arrives_once_a_week_for_a_chair_who_asked(store, server, tmp_path):
    overdue = Agreement(who="Anna de Vries", what="Toets afnemen", due=TODAY - dt.timedelta(1))
    case, meeting = with_agreements(store, overdue)
    # the follow-up planned as the chair plans it: the open agreement carried over
    store.create_meeting(cycle.carry_over_from(meeting, TODAY + dt.timedelta(days=7)))
    users.add_user("anna", "voorzitter", "een-lang-wachtwoord", display_name="Anna de Vries",
                   organisations=[case.organisation_id], folder=tmp_path)
    users.add_user("bram", "voorzitter", "een-lang-wachtwoord", folder=tmp_path,
                   organisations=[case.organisation_id])  # did not ask for it
    users.update_user("anna", email="anna@regenboog.example", weekly_digest=True, folder=tmp_path)
    users.update_user("bram", email="bram@regenboog.example", folder=tmp_path)
    outcome = reminders.run(store, today=TODAY, days=0, folder=tmp_path)
    assert outcome.digests == 1
    (received,) = server.messages
    assert received.recipients == ["anna@regenboog.example"]
    assert received.message["Subject"] == "Uw werklijst in HGS (2 maart 2026)"
    body = received.message.get_content()
    assert "L-2026-0001 (Joris)" in body
    said = worklist.flags(case, store.meetings(case.id), TODAY)  # the Werklijst's own rules
    assert {f.kind for f in said} >= {"afspraak", "volgend_mdo"}
    for flag in said:
        assert f"  - {flag.reason}" in body
    assert "Toets afnemen" in body and "9 maart 2026" in body
    assert reminders.run(store, today=TODAY + dt.timedelta(days=4), days=0,
                         folder=tmp_path).digests == 0  # same week
    assert reminders.run(store, today=TODAY + dt.timedelta(days=7), days=0,
                         folder=tmp_path).digests == 1  # the next week
    assert [e["detail"] for e in mail_lines(tmp_path)] == ["overzicht 1", "overzicht 1"]


def test_python_m_hgs_reminders_sends_what_is_due_for_cron(tinydb_store, server, tmp_path):
    soon = Agreement(who="Mevrouw Jansen", what="Huiswerkplek inrichten", due=dt.date.today())
    with_agreements(tinydb_store, soon)
    env = {**os.environ, "HGS_DATA_DIR": str(tmp_path)}
    env.pop("HGS_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "hgs.reminders"], env=env, text=True,
                          capture_output=True, timeout=60, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    assert "Verstuurd: 1 herinnering en 0 weekoverzichten." in done.stdout
    assert server.messages[0].recipients == ["jansen@thuis.example"]
    again = subprocess.run([sys.executable, "-m", "hgs.reminders"], env=env, text=True,
                           capture_output=True, timeout=60, cwd=Path(__file__).parents[1])
    assert "Verstuurd: 0 herinneringen" in again.stdout and len(server.messages) == 1
    case = tinydb_store.cases()[0]
    (meeting,) = tinydb_store.meetings(case.id)
    tinydb_store.add_item(case.id, meeting.id, "agreements", who="Anna de Vries",
                          what="Toets afnemen", due=dt.date.today())
    env["HGS_SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"
    failed = subprocess.run([sys.executable, "-m", "hgs.reminders"], env=env, text=True,
                            capture_output=True, timeout=60, cwd=Path(__file__).parents[1])
    assert failed.returncode == 1 and "is niet bereikbaar" in failed.stdout
    assert "Traceback" not in failed.stdout + failed.stderr
