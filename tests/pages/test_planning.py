"""Start opens with no case chosen; Voorbereiding's Planning block saves date, time, length, place
and link, refuses a date that breaks first/follow-up, cancels (and undoes) an MDO and removes an
empty one after the question (AppTest through app.py)."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import audit
from hgs.method import cycle
from hgs.store import backup


def app(case=None, meeting=None, page: str | None = pages.START.path) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    if case:
        at.session_state["active_case"] = case.id
        at.session_state["active_meeting"] = meeting.id if meeting else None
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def key(meeting, *parts) -> str:
    return "-".join(["m", meeting.id, *parts])


def shown(at) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.success, *at.info,
                                            *at.warning, *at.error])


def submit_labels(at) -> list[str]:
    return [b.label for b in at.button if b.proto.is_form_submitter]


def audit_whats(folder) -> list[str]:
    return [e["what"] for month in audit.months(folder) for e in audit.entries(month, folder)]


# -- Start ---------------------------------------------------------------------------------------
def test_start_opens_with_no_case_chosen_and_plans_only_after_a_choice(data):
    store, case, _ = data
    at = app()
    assert at.selectbox(key="start-case").value is None
    assert "MDO aanmaken" not in submit_labels(at)
    assert "Kies hierboven een casus" in shown(at)
    at.selectbox(key="start-case").set_value(case.id).run()
    assert "MDO aanmaken" in submit_labels(at)
    assert at.session_state["active_case"] == case.id


def test_start_keeps_the_case_the_session_or_the_address_names(data):
    store, case, meeting = data
    at = app(case, meeting)
    assert at.selectbox(key="start-case").value == case.id
    assert "MDO aanmaken" in submit_labels(at)
    linked = AppTest.from_file("../../app.py", default_timeout=60)
    linked.query_params["case"] = case.id
    linked.run().switch_page(pages.START.path).run()  # the chair lands on the Werklijst
    assert linked.selectbox(key="start-case").value == case.id


def test_start_shows_a_cancelled_mdo_as_such(data):
    store, case, meeting = data
    store.update_meeting(case.id, meeting.id, lambda m: (
        setattr(m, "cancelled", dt.date(2026, 10, 30)), setattr(m, "cancel_reason", "ziek")))
    at = app(case, meeting)
    assert "geannuleerd op 30 oktober 2026: ziek" in shown(at)
    assert any("Geannuleerd" in m.value for m in at.markdown)


# -- Voorbereiding › Planning ---------------------------------------------------------------------
def test_time_length_place_and_link_are_saved_as_typed(data):
    store, case, meeting = data
    at = app(case, meeting, pages.PREPARATION.path)
    at.text_input(key=key(meeting, "start_time")).set_value("1430").run()
    at.number_input(key=key(meeting, "duration")).set_value(90).run()
    at.text_input(key=key(meeting, "place")).set_value("Lokaal 3").run()
    at.text_input(key=key(meeting, "online_link")).set_value("https://meet.example/x").run()
    assert not at.exception and not at.error
    stored = store.get_meeting(case.id, meeting.id)
    assert (stored.start_time, stored.duration, stored.place, stored.online_link) == (
        dt.time(14, 30), 90, "Lokaal 3", "https://meet.example/x")
    assert at.text_input(key=key(meeting, "start_time")).value == "14:30"
    assert "van 14:30 tot 16:00" in at.code[0].value  # the gouden mailtje follows

    again = app(case, meeting, pages.PREPARATION.path)  # a new session: from the store
    assert again.text_input(key=key(meeting, "start_time")).value == "14:30"
    assert again.number_input(key=key(meeting, "duration")).value == 90


def test_a_wrong_time_or_link_gets_a_dutch_message_and_keeps_what_was_stored(data):
    store, case, meeting = data
    at = app(case, meeting, pages.PREPARATION.path)
    at.text_input(key=key(meeting, "start_time")).set_value("half drie").run()
    assert any("Typ de begintijd als 14:30" in e.value for e in at.error)
    assert at.text_input(key=key(meeting, "start_time")).value == "half drie"  # not lost
    at.text_input(key=key(meeting, "online_link")).set_value("teams vergadering").run()
    assert any("webadres" in e.value for e in at.error)
    stored = store.get_meeting(case.id, meeting.id)
    assert stored.start_time is None and stored.online_link == ""


def test_a_date_change_keeps_a_follow_up_after_the_mdo_it_follows(data):
    store, case, meeting = data
    follow = cycle.start_meeting(store, case.id, dt.date(2027, 1, 11))
    at = app(case, follow, pages.PREPARATION.path)
    at.date_input(key=key(follow, "date")).set_value(dt.date(2026, 10, 1)).run()
    assert any("bouwt voort op het MDO van 2 november 2026" in e.value for e in at.error)
    assert store.get_meeting(case.id, follow.id).date == dt.date(2027, 1, 11)
    at.date_input(key=key(follow, "date")).set_value(dt.date(2027, 1, 18)).run()
    assert store.get_meeting(case.id, follow.id).date == dt.date(2027, 1, 18)


def test_an_mdo_is_cancelled_with_a_reason_and_goes_ahead_again(data):
    store, case, meeting = data
    at = app(case, meeting, pages.PREPARATION.path)
    at.button(key=f"plan-{meeting.id}-cancel").click().run()
    assert any("waarom het MDO niet doorgaat" in e.value for e in at.error)
    assert store.get_meeting(case.id, meeting.id).cancelled is None
    at.text_input(key=f"plan-{meeting.id}-cancel-reason").set_value("Moeder is ziek").run()
    at.button(key=f"plan-{meeting.id}-cancel").click().run()
    stored = store.get_meeting(case.id, meeting.id)
    assert stored.cancelled is not None and stored.cancel_reason == "Moeder is ziek"
    assert "Dit MDO is geannuleerd op" in shown(at)
    at.button(key=f"plan-{meeting.id}-uncancel").click().run()
    assert store.get_meeting(case.id, meeting.id).cancelled is None
    whats = audit_whats(store.data_dir)
    assert "meeting-cancelled" in whats and "meeting-uncancelled" in whats


def test_an_empty_mdo_is_removed_after_the_question_with_a_backup(data):
    store, case, meeting = data
    store.set_field(case.id, meeting.id, "reason", "Joris loopt vast")
    at = app(case, meeting, pages.PREPARATION.path)
    remove = f"plan-{meeting.id}-remove"
    at.button(key=remove).click().run()
    assert "met wat er bij de voorbereiding staat: de reden van aanmelding" in shown(at)
    assert [m.id for m in store.meetings(case.id)] == [meeting.id]
    at.button(key=remove + "-yes").click().run()
    assert not at.exception, at.exception
    assert store.meetings(case.id) == []
    (made,) = [b for b in backup.list_backups(store.data_dir) if b.reason == "voor verwijderen MDO"]
    assert made.meetings == 1
    assert "meeting-removed" in audit_whats(store.data_dir)
    assert at.session_state["active_case"] == case.id and not at.session_state["active_meeting"]


def test_an_mdo_with_content_offers_no_removal(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "questions", text="Wat helpt Joris?")
    at = app(case, meeting, pages.PREPARATION.path)
    assert f"plan-{meeting.id}-remove" not in [b.key for b in at.button]
    assert "heeft al inhoud in de stappen" in shown(at)


def test_after_a_cancelled_first_mdo_start_plans_a_first_mdo_again(data):
    store, case, meeting = data
    store.update_meeting(case.id, meeting.id, lambda m: (
        setattr(m, "cancelled", dt.date(2026, 10, 30)), setattr(m, "cancel_reason", "ziek")))
    at = app(case, meeting)
    assert "Dit wordt een eerste MDO." in shown(at)
    at.button[[b.label for b in at.button].index("MDO aanmaken")].click().run()
    new = [m for m in store.meetings(case.id) if m.id != meeting.id]
    assert [m.kind for m in new] == ["eerste"] and new[0].previous_id is None
