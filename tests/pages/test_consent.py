"""Consent that cannot be skipped by accident, through app.py: a participant added without a
role blocks the start and the step pages, naming them; the year of birth is typed on Start and
on Voorbereiding and decides whose consent an outside professional needs."""

import datetime as dt
import re

from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method import cycle


def app(case=None, meeting=None, page: str | None = None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    if case:
        at.session_state["active_case"] = case.id
        at.session_state["active_meeting"] = meeting.id if meeting else None
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def read(element) -> str:
    """A box's text as the person reads it (the pages escape typed names as plain text)."""
    text = re.sub(r"\\(.)", r"\1", str(element.value))
    return "\n".join(line.strip() for line in text.splitlines())


def errors(at: AppTest) -> list[str]:
    return [read(e) for e in at.error]


def can_start(at: AppTest) -> bool:
    return any(b.key == "prep-start" for b in at.button)


def key(meeting, *parts) -> str:
    return "-".join(["m", meeting.id, *parts])


def test_a_participant_added_without_a_role_blocks_the_start_and_is_named(data):
    store, case, meeting = data
    at = app(case, meeting, pages.PREPARATION.path)
    assert can_start(at)  # nobody at the table yet: it may start
    at.text_input(key=key(meeting, "new", "participants", "all")).set_value("Fatima").run()
    assert not at.exception, at.exception

    fatima = store.get_meeting(case.id, meeting.id).participants[0]
    assert (fatima.name, fatima.role) == ("Fatima", "")  # no silent "leerkracht/mentor"
    role = at.selectbox(key=key(meeting, "participants", fatima.id, "role"))
    assert role.value is None  # "Kies …"
    assert not can_start(at)
    assert any("Kies eerst de rol van: Fatima" in e for e in errors(at)), errors(at)

    step = app(case, meeting, pages.for_step(1).path)  # the step pages stay closed too
    assert any("Kies eerst de rol van: Fatima" in e for e in errors(step))
    assert not step.text_input

    role.set_value("ouder/verzorger").run()
    assert store.get_meeting(case.id, meeting.id).participants[0].role == "ouder/verzorger"
    assert not errors(at) and can_start(at)


def test_a_fourteen_year_old_with_only_the_parents_consent_blocks_an_outside_professional(data):
    store, case, meeting = data  # the MDO of 2 November 2026
    store.update_case(case.id, lambda c: cycle.add_consent(c, ["ouders"], dt.date(2026, 10, 1),
                                                           ""))
    store.add_item(case.id, meeting.id, "participants", name="Els Jansen", role="jeugdhulp",
                   organisation="Jeugdhulp Almere")
    at = app(case, meeting, pages.PREPARATION.path)
    assert any("Vul eerst het geboortejaar van Joris in" in e for e in errors(at)), errors(at)
    assert not can_start(at)

    at.number_input(key=f"case-{case.id}-birth-year").set_value(2012).run()  # the field there
    assert not at.exception, at.exception
    assert store.get_case(case.id).birth_year == 2012
    assert ("Voor Joris (13 of 14 jaar) is ook toestemming van de jongere nodig om informatie "
            "te delen met: Els Jansen (Jeugdhulp Almere).") in errors(at)[0].splitlines()
    assert not can_start(at)
    assert any("13 of 14 jaar: toestemming nodig van de ouders en de jongere" in read(i)
               for i in at.info)
    step = app(case, meeting, pages.for_step(4).path)
    assert any("ook toestemming van de jongere nodig" in e for e in errors(step))

    # the form asks both by default now; the young person's own consent opens the MDO
    given_by = at.multiselect(key="consent-new-by-ouders-jongere")
    assert given_by.value == ["ouders", "jongere"]
    given_by.set_value(["jongere"])
    at.date_input(key="consent-new-date").set_value(dt.date(2026, 10, 20))  # before the MDO
    at.button(key="FormSubmitter:consent-new-Toestemming vastleggen").click().run()
    assert not at.exception, at.exception
    assert [c.given_by for c in store.get_case(case.id).consents] == [["ouders"], ["jongere"]]
    assert not errors(at) and can_start(at)


def test_the_year_of_birth_is_recorded_with_a_new_case_on_start(data):
    store, _, _ = data
    at = app(page=pages.START.path)
    at.text_input(key="start-new-name").set_value("Daan")
    at.number_input(key="start-new-birth-year").set_value(2012)
    at.button(key="FormSubmitter:start-new-case-Casus aanmaken").click().run()
    assert not at.exception, at.exception
    daan = next(c for c in store.cases() if c.first_name == "Daan")
    assert daan.birth_year == 2012


def test_the_join_page_has_no_default_role(data):
    from hgs.access import joining as live

    store, case, meeting = data
    token = live.open_joining(store, case.id, meeting.id)
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params["t"] = token
    at.run()
    assert at.selectbox(key="join-role").value is None
    at.text_input(key="join-name").set_value("Fatima").run()
    assert any("Kies eerst uw rol" in i.value for i in at.info)
    assert not at.tabs  # nothing to add before the role is chosen
    assert "jeugdhulp" not in at.selectbox(key="join-role").options  # no year of birth yet
    at.selectbox(key="join-role").set_value("ouder/verzorger").run()
    assert at.tabs
