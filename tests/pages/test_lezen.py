"""The lees-link in AppTest: the reader sees the parents' verslag of that one MDO (its
agreements in it) and nothing of another case, without sidebar or navigation; opening it is in
the audit log; a stopped link says why in words; the chair makes one at step 8."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import audit, readlinks
from hgs.method.records import Agreement, Case, Explanation, Meeting, Organisation
from hgs.store import open_store

TODAY = dt.date.today()


@pytest.fixture
def two_cases(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    mine = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    other = store.create_case(Case(code="L-2026-0002", first_name="Fenna",
                                   organisation_id=org.id))
    meeting = store.create_meeting(Meeting(
        case_id=mine.id, date=dt.date(2026, 11, 2),
        agreements=[Agreement(who="mentor", what="Elke vrijdag een kort gesprek")],
        explanations=[Explanation(area="kind", text="Werkaantekening van het team")]))
    store.create_meeting(Meeting(case_id=other.id, date=dt.date(2026, 11, 3),
                                 agreements=[Agreement(who="ib", what="Fenna-afspraak")]))
    return tmp_path, store, mine, meeting


def reader(token: str) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params[readlinks.URL_PARAM] = token
    return at.run()


def shown(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.title, *at.header, *at.subheader, *at.markdown,
                                           *at.caption, *at.info, *at.error])


def test_the_reader_sees_the_parents_verslag_of_that_mdo_and_nothing_else(two_cases):
    folder, store, case, meeting = two_cases
    token, link = readlinks.make_link(store, case, meeting, audience="ouders",
                                      until=TODAY + dt.timedelta(days=30), today=TODAY)
    at = reader(token)
    assert not at.exception
    text = shown(at)
    assert "Joris" in at.title[0].value
    assert "Elke vrijdag een kort gesprek" in text  # the agreements
    assert "Fenna" not in text and "L-2026-0002" not in text  # not the other case
    assert "Werkaantekening van het team" not in text  # the parents' version leaves it out
    assert not at.sidebar.children  # no sidebar: no navigation, no language switch there
    lines = audit.entries(f"{dt.datetime.now(dt.UTC):%Y-%m}", folder)
    assert [(e["what"], e["case"], e["meeting"]) for e in lines] == [
        ("read", case.id, meeting.id)]
    assert lines[0]["who"] == f"lees-link {link.id}" and token not in str(lines)


def test_a_revoked_link_says_so_in_dutch_and_shows_nothing(two_cases):
    _, store, case, meeting = two_cases
    token, link = readlinks.make_link(store, case, meeting, audience="ouders",
                                      until=TODAY + dt.timedelta(days=30), today=TODAY)
    readlinks.revoke(store, link.id, TODAY)
    at = reader(token)
    assert not at.exception
    assert "ingetrokken" in at.error[0].value
    assert "Joris" not in shown(at) and "vrijdag" not in shown(at)


@pytest.mark.parametrize("token", ["", "fout"])
def test_a_wrong_token_shows_nothing_of_any_case(two_cases, token):
    at = reader(token)
    assert not at.exception
    assert "werkt niet" in at.error[0].value
    assert "Joris" not in shown(at) and "Fenna" not in shown(at)


def test_a_reader_never_reaches_the_chairs_pages(two_cases):
    _, store, case, meeting = two_cases
    token, _ = readlinks.make_link(store, case, meeting, audience="ouders",
                                   until=TODAY + dt.timedelta(days=30), today=TODAY)
    at = reader(token)
    for page in (pages.START.path, pages.PROGRESS.path, pages.ADMIN.path, pages.JOIN.path):
        with pytest.raises(ValueError, match="Known pages: .*lezen.py'\\]"):
            at.switch_page(page)
    at.query_params.clear()  # dropping the token from the URL does not end the reader's view
    at.run()
    assert "Joris" in at.title[0].value and "Fenna" not in shown(at)


def test_the_chair_makes_a_lees_link_at_step_8(two_cases, monkeypatch):
    monkeypatch.setenv("HGS_PUBLIC_URL", "https://hgs.school.example")
    _, store, case, meeting = two_cases
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params.update({"case": case.id, "meeting": meeting.id})
    at.run()
    at.switch_page(pages.for_step(8).path).run()
    key = f"m-{meeting.id}-lees-new"
    at.button(key=f"FormSubmitter:{key}-{'Lees-link maken'}").click().run()
    assert not at.exception
    url = next(c.value for c in at.code if "?lees=" in c.value)
    token = url.rpartition("=")[2]
    assert readlinks.resolve(store, token, TODAY).meeting.id == meeting.id
