"""The Werklijst through app.py: a signed-in chair lands on it and sees the flags of the cases of
their own school with reasons and links that open the page that fixes each; another school's
case never shows; a closed case does not either; the filters work; and the demo network."""

import datetime as dt
import time
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import users
from hgs.method.records import Agreement, Case, Meeting, Organisation
from hgs.store import open_store
from hgs.ui import werklijst as ui_werklijst

PASSWORD = "Lang-genoeg-wachtwoord"
TODAY = dt.date.today()  # the page asks hgs.ui.session.today()
DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """Two schools: at De Regenboog Noëlle (evaluation passed, an agreement overdue), Sem (an
    MDO planned, no invitation) and Finn (closed); at Het Baken Bram (an agreement overdue).
    A chair of De Regenboog signs in by password."""
    folder = tmp_path_factory.mktemp("werklijst")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HGS_DATA_DIR", str(folder))
        env.setenv("HGS_DEMO", "0")
        env.setenv("HGS_AUTH", "wachtwoord")
        store = open_store(folder)
        a = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
        b = store.save_organisation(Organisation(name="Het Baken", sector="VO"))

        def case(code, name, org, **changes):
            return store.create_case(Case(code=code, first_name=name, organisation_id=org.id,
                                          **changes))
        noelle = case("L-2026-0042", "Noëlle", a)
        sem = case("L-2026-0044", "Sem", a)
        finn = case("L-2026-0045", "Finn", a, status="afgesloten")
        bram = case("L-2026-0043", "Bram", b)
        late = [Agreement(who="Ilse", what="Belt de ouders over het avondritme",
                          due=TODAY - 2 * DAY)]
        held = dict(date=TODAY - 40 * DAY, status="afgerond", evaluation_date=TODAY - 3 * DAY,
                    agreements=late)
        meetings = {c.id: store.create_meeting(Meeting(case_id=c.id, **held))
                    for c in (noelle, finn, bram)}
        meetings[sem.id] = store.create_meeting(Meeting(
            case_id=sem.id, date=TODAY + 5 * DAY, start_time=dt.time(14, 30), place="Lokaal 3"))
        users.add_user("vz-a", "voorzitter", PASSWORD, organisations=[a.id], folder=folder)
        yield dict(folder=folder, store=store, a=a, b=b, noelle=noelle, sem=sem, finn=finn,
                   bram=bram, meetings=meetings)


def sign_in(username="vz-a") -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.text_input(key="auth-username").set_value(username)
    at.text_input(key="auth-password").set_value(PASSWORD)
    at.button(key="auth-submit").click().run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    """Every text on screen, as read (typed text is shown with Markdown escapes)."""
    parts = [*at.title, *at.markdown, *at.caption, *at.info, *at.warning, *at.success]
    return "\n".join(str(e.value) for e in parts).replace("\\", "")


def links(at: AppTest) -> list:
    """The Werklijst's links (one per flag): the page each opens and its address."""
    return [(link.proto.page, parse_qs(link.proto.query_string))
            for link in at.get("page_link") if link.proto.query_string]


def test_a_chair_lands_on_the_werklijst_with_own_flags_and_reasons(network):
    at = sign_in()
    assert at.title[0].value == "Werklijst"
    screen = shown(at)
    assert "Noëlle" in screen and "Sem" in screen
    assert "Afspraak te laat" in screen and "Ilse" in screen
    assert "evaluatiedatum" in screen and "geen vervolg" in screen
    assert "14:30" in screen and "Lokaal 3" in screen
    assert "nog niet verstuurd" in screen
    # an icon AND a word on each flag, never colour alone
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    words = ("Afspraak", "Evaluatie", "Uitnodiging", "Volgend MDO")
    assert len(badges) == 4 and all(":material/" in b for b in badges)
    assert all(any(word in b for word in words) for b in badges)


def test_another_schools_case_and_a_closed_case_never_show(network):
    screen = shown(sign_in())
    assert "Bram" not in screen and "L-2026-0043" not in screen  # Het Baken's
    assert "Finn" not in screen and "L-2026-0045" not in screen  # closed
    assert all(q["case"][0] in (network["noelle"].id, network["sem"].id)
               for _, q in links(sign_in()))


def test_each_link_opens_the_page_that_fixes_it_with_the_case_and_mdo(network):
    at = sign_in()
    found = links(at)
    noelle, sem = network["noelle"], network["sem"]
    assert ("stap-8", {"case": [noelle.id], "meeting": [network["meetings"][noelle.id].id]}) \
        in found
    assert ("start", {"case": [noelle.id], "meeting": [network["meetings"][noelle.id].id]}) \
        in found
    assert ("voorbereiding", {"case": [sem.id], "meeting": [network["meetings"][sem.id].id]}) \
        in found
    # following the agreement's link: step 8 of Noëlle's MDO, with the agreement on it
    by_url = {p.url_path: p for p in pages.PAGES}
    url, query = next((u, q) for u, q in found if u == "stap-8")
    for name, (value,) in query.items():
        at.query_params[name] = value
    at.switch_page(by_url[url].path).run()
    assert not at.exception, at.exception
    assert at.session_state["active_case"] == noelle.id
    assert any("Noëlle" in c.value for c in at.sidebar.caption)
    assert any(a.value == "Belt de ouders over het avondritme" for a in at.text_area)


def test_filter_by_kind_and_sort(network):
    at = sign_in()
    at.multiselect(key="werklijst-kinds").set_value(["afspraak"]).run()
    screen = shown(at)
    assert "Afspraak te laat" in screen
    assert "evaluatiedatum" not in screen and "Lokaal 3" not in screen
    at.multiselect(key="werklijst-kinds").set_value([]).run()
    at.selectbox(key="werklijst-sort").set_value("soort").run()
    order = [m.value for m in at.markdown if "-badge[" in m.value]
    assert "Afspraak" in order[0] and "Volgend MDO" in order[-1]


def test_the_organisation_filter_shows_one_school(network, monkeypatch):
    monkeypatch.delenv("HGS_AUTH")  # the local user: every organisation, so a choice
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    assert not at.exception, at.exception
    assert "Bram" in shown(at) and "Noëlle" in shown(at)
    at.selectbox(key="werklijst-org").set_value(network["b"].id).run()
    assert "Bram" in shown(at) and "Noëlle" not in shown(at) and "Sem" not in shown(at)
    at.selectbox(key="werklijst-org").set_value(network["a"].id).run()
    assert "Bram" not in shown(at) and "Noëlle" in shown(at)


def test_the_demo_network_gives_flags_with_reasons(demo_folder, monkeypatch):
    folder, _ = demo_folder
    monkeypatch.setenv("HGS_DATA_DIR", str(folder))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.delenv("HGS_AUTH", raising=False)  # the local user: the whole network
    at = AppTest.from_file("../../app.py", default_timeout=60)
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    assert not at.exception, at.exception
    assert at.title[0].value == "Werklijst"
    shown_first = len(links(at))
    assert shown_first >= 20  # a point for most of the 40 cases
    print(f"Werklijst on the demo network: {shown_first} flags in {seconds:.2f} s")
    if shown_first == ui_werklijst.PAGE_ROWS:  # more than one screenful: the rest on request
        at.button(key="werklijst-more").click().run()
        assert len(links(at)) > shown_first
