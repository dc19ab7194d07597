"""Voorbereiding's "Versturen" of the gouden mailtje against a real SMTP server (asked first
with the recipients listed, who gets nothing and why), the sentence shown while no server is
set (the .eml/.ics downloads stay), and Beheer's "Herinneringen nu versturen"."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import audit
from hgs.method import texts
from hgs.method.records import Agreement, Case, Meeting, Organisation, Participant
from hgs.store import open_store
from tests.mailserver import smtp_server

TABLE = [
    Participant(name="Anna de Vries", role="intern begeleider (IB'er)",
                email="anna@regenboog.example"),
    Participant(name="Mevrouw Jansen", role="ouder/verzorger", email="jansen@thuis.example"),
    Participant(name="Karim Bouzid", role="jeugdhulp", organisation="Jeugdhulp Almere",
                email="karim@jeugdhulp.example"),
]


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.setenv("HGS_SMTP_FROM", "HGS <mdo@regenboog.example>")
    monkeypatch.delenv("HGS_SMTP_URL", raising=False)
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris",
                                  organisation_id=org.id, birth_year=2017))
    meeting = store.create_meeting(Meeting(
        case_id=case.id, date=dt.date.today() + dt.timedelta(days=7), chair="Anna de Vries",
        participants=TABLE, reason="Joris loopt vast bij rekenen.",
        agreements=[Agreement(who="Mevrouw Jansen", what="Huiswerkplek inrichten",
                              due=dt.date.today() + dt.timedelta(days=1))]))
    return store, case, meeting


@pytest.fixture
def server(tmp_path, monkeypatch):
    with smtp_server(tmp_path) as inbox:
        monkeypatch.setenv("HGS_SMTP_URL", inbox.url)
        yield inbox


def app(case=None, meeting=None, page: str | None = None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    if case:
        at.session_state["active_case"] = case.id
        at.session_state["active_meeting"] = meeting.id if meeting else None
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def shown(at) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.success, *at.info,
                                            *at.warning, *at.error])


def test_versturen_asks_first_then_the_invitation_arrives_and_is_recorded(data, server,
                                                                         tmp_path):
    store, case, meeting = data
    at = app(case, meeting, pages.PREPARATION.path)
    key = f"mail-{meeting.id}-invite"
    assert "Karim Bouzid krijgt geen e-mail: er is geen toestemming" in shown(at)
    at.button(key=key).click().run()
    assert server.messages == []  # asked first
    asked = shown(at)
    for who in ("Anna de Vries <anna@regenboog.example>", "Mevrouw Jansen <jansen@thuis.example>"):
        assert texts.plain(who) in asked
    assert "karim@jeugdhulp.example" not in shown(at)
    at.button(key=f"{key}-yes").click().run()
    assert not at.exception, at.exception
    (received,) = server.messages
    assert received.recipients == ["anna@regenboog.example", "jansen@thuis.example"]
    assert received.message["Subject"].startswith("Uitnodiging")
    assert "De uitnodiging is verstuurd aan 2 deelnemers." in shown(at)
    assert store.get_meeting(case.id, meeting.id).invitation_sent is not None
    assert "De uitnodiging is vanuit HGS verstuurd op" in shown(at)
    lines = [e for m in audit.months(tmp_path) for e in audit.entries(m, tmp_path)]
    assert any(e["what"] == "mail-sent" and e["detail"] == "uitnodiging 2" for e in lines)


def test_a_refused_send_says_why_in_dutch_and_records_nothing(data, tmp_path, monkeypatch):
    store, case, meeting = data
    from tests.mailserver import free_port
    monkeypatch.setenv("HGS_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    at = app(case, meeting, pages.PREPARATION.path)
    key = f"mail-{meeting.id}-invite"
    at.button(key=key).click().run()
    at.button(key=f"{key}-yes").click().run()
    assert not at.exception, at.exception
    assert "is niet bereikbaar" in shown(at)
    assert store.get_meeting(case.id, meeting.id).mailed == []


def test_without_a_mail_server_hgs_says_so_and_offers_the_files(data):
    store, case, meeting = data
    at = app(case, meeting, pages.PREPARATION.path)
    assert "er is geen mailserver ingesteld (HGS_SMTP_URL" in shown(at)
    assert not [b for b in at.button if b.key == f"mail-{meeting.id}-invite"]
    assert {"dl-prep-invite-invite-eml", "dl-prep-invite-invite-ics"} <= {
        b.key for b in at.get("download_button")}


def test_beheer_sends_the_reminders_now_and_a_second_click_sends_nothing(data, server):
    store, case, meeting = data
    at = app(page=pages.ADMIN.path)
    at.button(key="mail-reminders-now").click().run()
    assert not at.exception, at.exception
    assert "Verstuurd: 1 herinnering en 0 weekoverzichten." in shown(at)
    assert server.messages[0].recipients == ["jansen@thuis.example"]
    at.button(key="mail-reminders-now").click().run()
    assert "Verstuurd: 0 herinneringen" in shown(at) and len(server.messages) == 1


def test_a_voorzitter_switches_on_their_own_weekly_digest_in_the_sidebar(tmp_path, monkeypatch):
    from hgs.access import users
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.setenv("HGS_AUTH", "wachtwoord")
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    users.add_user("vz-a", "voorzitter", "Lang-genoeg-wachtwoord", organisations=[org.id])
    at = AppTest.from_file("../../app.py", default_timeout=60).run()
    at.text_input(key="auth-username").set_value("vz-a")
    at.text_input(key="auth-password").set_value("Lang-genoeg-wachtwoord")
    at.button(key="auth-submit").click().run()
    at.text_input(key="mail-own-digest-email").set_value("geen adres")
    at.button(key="FormSubmitter:mail-own-digest-Opslaan").click().run()
    assert not at.exception, at.exception
    assert "e-mailadres" in shown(at).lower() and not users.get_user("vz-a").weekly_digest
    at.text_input(key="mail-own-digest-email").set_value("anna@regenboog.example")
    at.checkbox(key="mail-own-digest-wanted").check()
    at.button(key="FormSubmitter:mail-own-digest-Opslaan").click().run()
    me = users.get_user("vz-a")
    assert me.weekly_digest and me.email == "anna@regenboog.example"
    assert not [b for b in at.button if b.key == "auth-submit"]  # still signed in


def test_without_a_mail_server_the_chair_says_the_invitation_went_and_the_werklijst_stops_asking(
        data):
    from hgs.method import worklist

    store, case, meeting = data
    asks = lambda: [f.kind for f in worklist.flags(  # noqa: E731
        store.get_case(case.id), store.meetings(case.id), dt.date.today())]
    assert "uitnodiging" in asks()
    at = app(case, meeting, pages.PREPARATION.path)
    key = f"mail-{meeting.id}-sent-elsewhere"
    assert "geen mailserver" in shown(at)
    at.button(key=key).click().run()
    assert store.get_meeting(case.id, meeting.id).invitation_sent is not None
    assert "uitnodiging" not in asks()
    assert "De uitnodiging is verstuurd (genoteerd op" in shown(at)
    at.button(key=key).click().run()  # "Toch niet verstuurd": the way back
    assert store.get_meeting(case.id, meeting.id).invitation_sent is None
    assert "uitnodiging" in asks()
