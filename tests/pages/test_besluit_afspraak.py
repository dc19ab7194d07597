"""Step 7's "Maak er een afspraak van" through app.py: one click puts the decision at step 8 as
an agreement (what, who, when prefilled), says where it went, and a decision gives one."""

import datetime as dt

from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method.records import Decision, Participant


def test_one_click_makes_the_decision_an_agreement_at_step_8_once(data):
    store, case, meeting = data
    decision = Decision(text="Joris krijgt een maatje bij het buitenspelen",
                        decided_by="Ilse de Vries")

    def prepare(m):
        m.participants = [Participant(name="Ilse de Vries", role="leerkracht/mentor")]
        m.decisions = [decision]
        m.evaluation_date = dt.date(2027, 1, 18)
    store.update_meeting(case.id, meeting.id, prepare)

    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run().switch_page(pages.for_step(7).path).run()
    assert not at.exception, at.exception
    key = f"m-{meeting.id}-decisions-{decision.id}-to-agreement"
    at.button(key=key).click().run()
    assert not at.exception, at.exception

    (made,) = store.get_meeting(case.id, meeting.id).agreements
    assert (made.what, made.who, made.due, made.from_decision) == (
        "Joris krijgt een maatje bij het buitenspelen", "Ilse de Vries", dt.date(2027, 1, 18),
        decision.id)
    # where it went: the button is now a link to step 8, and the toast said so
    assert key not in [b.key for b in at.button]
    assert any(link.proto.page == "stap-8" and "stap 8" in link.proto.label
               for link in at.get("page_link"))
    assert any("stap 8" in toast.value for toast in at.toast)
    at.run()
    assert len(store.get_meeting(case.id, meeting.id).agreements) == 1

    at.switch_page(pages.for_step(8).path).run()
    assert any(a.value == "Joris krijgt een maatje bij het buitenspelen" for a in at.text_area)
