"""Staying signed in, and the end of a sign-in, through app.py with HGS_AUTH=wachtwoord (and
oidc): the session holds a signed ticket, the cookie of a reload or a new tab signs in, and a
sign-out, a removal or a new role ends every session of that user before anything more is read
or saved."""

import datetime as dt

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from hgs import config, pages
from hgs.access import sessions, users
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store
from hgs.ui import signin as ui_auth

PASSWORD = "Lang-genoeg-wachtwoord"


@pytest.fixture
def network(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.setenv("HGS_AUTH", "wachtwoord")
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0042", first_name="Noëlle",
                                  organisation_id=org.id, birth_year=2016))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2)))
    users.add_user("anna", "voorzitter", PASSWORD, organisations=[org.id])
    users.add_user("admin", "beheerder", PASSWORD)
    return store, case, meeting


def app(case=None, meeting=None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    if case:
        at.query_params["case"] = case.id
        at.query_params["meeting"] = meeting.id
    return at.run()


@pytest.fixture
def browser_cookie(monkeypatch):
    """`browser_cookie(token)`: the cookie a browser sends with the WebSocket's opening request
    (AppTest sends none of its own)."""
    sent: dict[str, str] = {}
    monkeypatch.setattr(type(st.context), "cookies", property(lambda self: dict(sent)))
    return lambda token: sent.update({sessions.COOKIE: token})


def sign_in(at: AppTest, username: str = "anna") -> AppTest:
    at.text_input(key="auth-username").set_value(username)
    at.text_input(key="auth-password").set_value(PASSWORD)
    at.button(key="auth-submit").click().run()
    assert not at.exception, at.exception
    return at


def signed_in(at: AppTest) -> bool:
    return any("Ingelogd als" in c.value for c in at.sidebar.caption)


def test_signing_in_gives_the_session_a_ticket_for_the_cookie(network):
    at = sign_in(app())
    ticket = at.session_state[ui_auth.TICKET_STATE]
    assert sessions.user_for(ticket.token).username == "anna"
    assert any(sessions.COOKIE in str(h.proto.body) and ticket.token in str(h.proto.body)
               for h in at.get("html")), "no script that stores the ticket in the cookie"


def test_a_reload_or_a_new_tab_signs_in_with_the_cookie(network, browser_cookie):
    store, case, meeting = network
    token = sign_in(app()).session_state[ui_auth.TICKET_STATE].token
    browser_cookie(token)
    again = app(case, meeting)  # a new session: no password typed
    assert signed_in(again) and again.title[0].value == "Werklijst"
    assert again.session_state["active_case"] == case.id  # the address is kept as well
    again.switch_page(pages.PREPARATION.path).run()
    assert again.title[0].value == "Voorbereiding"


@pytest.mark.parametrize("spoil", [lambda t: t[:-3] + "abc", lambda t: "x" + t, lambda t: "",
                                   lambda t: "geen.cookie"])
def test_a_tampered_cookie_signs_nobody_in_and_is_dropped(network, browser_cookie, spoil):
    token = sign_in(app()).session_state[ui_auth.TICKET_STATE].token
    browser_cookie(spoil(token))
    at = app()
    assert not signed_in(at) and at.title[0].value == "Inloggen bij HGS"


def test_the_cookie_of_a_signed_out_session_is_dead_and_dropped(network, browser_cookie):
    at = sign_in(app())
    token = at.session_state[ui_auth.TICKET_STATE].token
    at.button(key="auth-sign-out").click().run()
    browser_cookie(token)  # still in a browser that missed the sign-out, or copied
    again = app()
    assert not signed_in(again)
    assert any("Max-Age=0" in str(h.proto.body) and token in str(h.proto.body)
               for h in again.get("html"))


def test_signing_out_ends_the_ticket_for_every_tab(network):
    first = sign_in(app())
    second = sign_in(app())  # another tab (its own sign-in here: AppTest sends no cookies)
    ticket = first.session_state[ui_auth.TICKET_STATE]
    first.button(key="auth-sign-out").click().run()
    assert not signed_in(first)
    assert sessions.user_for(ticket.token) is None  # a copy of the cookie is dead too
    assert ticket.token in first.session_state[ui_auth.FORGET_STATE]
    assert any("Max-Age=0" in str(h.proto.body) for h in first.get("html"))  # browser drops it
    second.run()  # the other tab's next run (its check every few seconds does the same)
    assert not signed_in(second)
    assert second.title[0].value == "Inloggen bij HGS"


def test_a_removed_users_pending_edit_is_not_saved(network):
    store, case, meeting = network
    at = sign_in(app(case, meeting))
    at.switch_page(pages.PREPARATION.path).run()
    assert at.title[0].value == "Voorbereiding"
    users.remove_user("anna")
    at.text_area(key=f"m-{meeting.id}-reason").set_value("Nog even dit").run()
    assert not at.exception, at.exception
    assert store.get_meeting(case.id, meeting.id).reason == ""  # the callback wrote nothing
    assert at.title[0].value == "Inloggen bij HGS"


def test_a_new_role_ends_the_sign_in(network):
    at = sign_in(app())
    assert at.title[0].value == "Werklijst"  # the chair's home
    users.update_user("anna", role="coordinator")
    at.run()
    assert at.title[0].value == "Inloggen bij HGS"
    assert sign_in(at).title[0].value == "Netwerk"  # signing in again gives the new role


def test_the_check_of_an_open_screen_is_cheap_and_follows_the_users_file(network):
    at = sign_in(app())
    ticket = at.session_state[ui_auth.TICKET_STATE]
    seen = at.session_state[ui_auth.SEEN_STATE]
    assert ui_auth._holds("wachtwoord", ticket, seen)
    assert ui_auth._holds("oidc", None, seen)
    users.update_user("anna", display_name="Anna de Vries")  # nothing that matters: still on
    assert ui_auth._holds("wachtwoord", ticket, seen)
    users.update_user("anna", organisations=[])
    assert not ui_auth._holds("wachtwoord", ticket, seen)
    assert not ui_auth._holds("oidc", None, seen)  # OIDC: the record changed
    assert ui_auth._holds("uit", None, None)


def test_with_oidc_a_removed_user_stops_at_the_next_run(network, monkeypatch):
    monkeypatch.setenv("HGS_AUTH", "oidc")
    store, case, _ = network
    users.add_user("anna@school.nl", "voorzitter", organisations=[case.organisation_id])
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.user = {"is_logged_in": True, "email": "anna@school.nl"}
    at.run()
    assert at.title[0].value == "Werklijst"  # the chair's home
    assert at.session_state[ui_auth.SEEN_STATE][0] == "anna@school.nl"
    users.remove_user("anna@school.nl")
    at.run()
    assert "Noëlle" not in " ".join(str(e.value) for e in [*at.title, *at.markdown])
    assert any("geen rol in HGS" in w.value for w in at.warning)


@pytest.mark.parametrize("seconds, expected", [(None, 3.0), ("10", 10.0), ("0", 1.0),
                                               ("9999", 600.0), ("vaak", 3.0)])
def test_how_often_an_open_screen_looks(monkeypatch, seconds, expected):
    if seconds is None:
        monkeypatch.delenv("HGS_SIGN_IN_CHECK", raising=False)
    else:
        monkeypatch.setenv("HGS_SIGN_IN_CHECK", seconds)
    assert ui_auth.check_every() == expected


# -- a damaged users file ------------------------------------------------------------------------
DAMAGED = [b"{niet goed", b"[" * 100_000, b'{"schema": "twee", "users": []}', b"\xff\xfe",
           b'{"users": [{"username": "anna", "role": "lokaal"}]}']


def problem_shown(at: AppTest) -> bool:
    return any("users.json" in e.value for e in at.error)


@pytest.mark.parametrize("content", DAMAGED, ids=["json", "deep", "schema", "bytes", "role"])
def test_a_damaged_users_file_shows_a_dutch_message_never_a_traceback(network, content):
    folder = config.data_dir()
    (folder / "users.json").write_bytes(content)
    at = app()
    assert not at.exception, at.exception
    assert problem_shown(at), [e.value for e in at.error]
    assert not at.text_input  # no form that cannot work


def test_a_users_file_damaged_while_signed_in_or_while_signing_in(network, browser_cookie):
    token = sign_in(app()).session_state[ui_auth.TICKET_STATE].token
    form = app()  # another screen, showing the form
    (config.data_dir() / "users.json").write_text("{kapot", encoding="utf-8")
    browser_cookie(token)
    again = app()  # a reload with the cookie
    assert not again.exception, again.exception
    assert problem_shown(again) and not signed_in(again)
    form.text_input(key="auth-username").set_value("anna")
    form.text_input(key="auth-password").set_value(PASSWORD)
    form.button(key="auth-submit").click().run()
    assert not form.exception, form.exception
    assert problem_shown(form) and not signed_in(form)
