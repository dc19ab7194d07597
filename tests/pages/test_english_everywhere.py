"""The whole UI in English: a case typed in English (so no Dutch comes from the data), every
page opened in an English session, and every string the page sends to the browser — titles,
text, labels, help, options, placeholders, table cells — scanned for Dutch words. A word the
scan finds is a string that did not go through the catalogues."""

import datetime as dt
import re

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import joining as live
from hgs.i18n import t, using
from hgs.method import cycle
from hgs.method.records import (
    Agreement,
    Case,
    Consent,
    Decision,
    Explanation,
    Goal,
    Meeting,
    Need,
    Organisation,
    OverviewItem,
    Participant,
    Question,
    SupportNeed,
    TopTip,
)
from hgs.store import open_store

# Frequent Dutch words that are not English words (nor parts of the English catalogue)
DUTCH_WORDS = re.compile(
    r"\b(de|het|een|voor|niet|zijn|wordt|deze|nog|geen|ook|naar|bij|wat|hoe|wie|waar|uw|jouw|"
    r"je|kies|vul|klik|stap|doelen|ouders|casus|casussen|verslag|afspraken|opgeslagen|"
    r"leerling|groep|onderzoek|bekijk|dat|aan|als|maar|wel|nu|welke|wordt|kunt|moet|heeft|"
    r"hebben|gaat|goed|samen|overleg|eerste|vervolg|evaluatie|toestemming|deelnemers|"
    r"voorzitter|leerkracht|jeugdhulp|gemeente|overig|ouder|verzorger|jongere)\b")
DUTCH_QUARTER = re.compile(r"\b\d{4}-K[1-4]\b")  # "2026-K3"; English "2026-Q3"
QUOTED = re.compile(r"‘[^’]*’")
SKIPPED_FIELDS = {"id", "formId", "key", "url", "src", "spec", "figure", "css", "iconName",
                  "icon", "pageScriptHash", "urlPathname", "scriptPath", "deltaPath"}
TYPED = ("Sam", "Greenfield International School", "Ms Taylor", "Mr Brown")


@pytest.fixture
def english_case(tmp_path, monkeypatch):
    """A case with two MDOs where everything typed is English."""
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Greenfield International School",
                                               sector="PO"))
    case = store.create_case(Case(
        code="L-2026-0007", first_name="Sam", organisation_id=org.id, group="Year 4",
        consents=[Consent(given_by=["ouders"], date=dt.date(2026, 9, 1))]))
    first = Meeting(
        case_id=case.id, date=dt.date(2026, 9, 14), chair="Ms Taylor", status="afgerond",
        reason="Reading is hard for Sam", party_questions={"ouders": "How can we help at home?"},
        participants=[Participant(name="Ms Taylor", role="leerkracht/mentor"),
                      Participant(name="Mr Brown", role="ouder/verzorger"),
                      Participant(name="Sam", role="kind/jongere"),
                      Participant(name="Dr Lee", role="orthopedagoog/psycholoog")],
        questions=[Question(text="If we know what helps Sam read, we can plan", asked_by="Ms Taylor",
                            answer="Short daily practice", answered=True)],
        overview=[OverviewItem(area=area, sign=sign, text=f"Sam {area} {sign} note", by="Ms Taylor")
                  for area in ("kind", "onderwijs", "opvoeding") for sign in ("plus", "min")],
        circle_essence="I like stories about animals",
        explanations=[Explanation(area="kind", text="Sam tires quickly")],
        research_needed=False,
        goals=[Goal(area="kind", text="Sam reads a short text aloud",
                    observable="Sam reads ten lines with at most two mistakes", start=3, target=7)],
        needs=[Need(category="instructie/uitleg/feedback", text="Short instructions",
                    more_pupils=True)],
        support_needs=[SupportNeed(for_whom="school", kind="kennis", text="Reading methods",
                                   from_whom="Dr Lee")],
        decisions=[Decision(text="Start daily reading", decided_by="Ms Taylor")],
        agreements=[Agreement(who="Mr Brown", what="Read together every evening",
                              due=dt.date(2026, 10, 1))],
        evaluation_date=dt.date(2026, 11, 20),
        tops_tips=[TopTip(kind="top", text="Everyone listened well", by="Mr Brown",
                          group="ouders"),
                   TopTip(kind="tip", text="Send the agenda earlier", by="Ms Taylor",
                          group="school")],
        rating=8)
    first = store.create_meeting(first)
    second = cycle.start_meeting(store, case.id, dt.date(2026, 11, 20))
    goal = store.get_meeting(case.id, second.id).goals[0]
    store.update_meeting(case.id, second.id, lambda m: m.scores.update({goal.id: 6}))
    token = live.open_joining(store, case.id, second.id)
    return store, case, store.get_meeting(case.id, second.id), token


def _strings(node, out: list[str]) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None:
        _walk(MessageToDict(proto), out)
    value = getattr(node, "value", None)
    if hasattr(value, "to_dict"):  # a table: its column names and cells
        out.extend(str(c) for c in value.columns)
        out.extend(str(v) for row in value.astype(str).values.tolist() for v in row)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            _strings(child, out)


def _walk(data, out: list[str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in SKIPPED_FIELDS:
                _walk(value, out)
    elif isinstance(data, list):
        for value in data:
            _walk(value, out)
    elif isinstance(data, str):
        out.append(data)


def dutch_on(at: AppTest) -> list[str]:
    out: list[str] = []
    _strings(at._tree, out)
    found = []
    for text in out:
        if text.startswith(":material/") or re.fullmatch(r"\S*[\d_-]\S*", text.strip()):
            continue  # icons, keys, paths
        for typed in TYPED:
            text = text.replace(typed, "")
        text = QUOTED.sub("", text)  # Dutch words quoted on purpose: the stems HGS looks for
        if DUTCH_WORDS.search(text.lower()) or DUTCH_QUARTER.search(text):
            found.append(text[:160])
    return sorted(set(found))


PAGES = [pages.START.path, pages.PREPARATION.path, *[p.path for p in pages.STEP_PAGES], pages.PROGRESS.path,
         pages.NETWORK.path, pages.REFLECTION.path, pages.ADMIN.path, pages.DATA.path,
         pages.PRESENTATION.path]


@pytest.mark.parametrize("page", PAGES)
def test_no_dutch_on_any_page_in_an_english_session(english_case, page):
    store, case, meeting, token = english_case
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.session_state["ui-language"] = "en"
    at.run()
    at.switch_page(page).run()
    if page == pages.REFLECTION.path:  # without sign-in, the person first says who they are
        at.text_input[0].input("Ms Taylor").run()
        assert at.header, "the reflection schema is shown"
    assert not at.exception, at.exception
    assert dutch_on(at) == []


NETWORK_TABS = {  # tab -> a text only that tab shows (so the test knows the tab really opened)
    "mdo_s": "netwerk.maat", "afspraken": "netwerk.van_de_afspraken_waarvan_de_datum",
    "doelen": "netwerk.per_doel_de_eerste_score",
    "tops_en_tips": "netwerk.thema_s_zijn_woordgroepen_die_in",
    "behoeften": "netwerk.noodzakelijk_voor_een_goed_voor",
    "uitgangspunten": "netwerk.een_top_of_tip_telt_mee_bij_een",
    "werkwijze_tab": "netwerk.werkwijze.uitleg"}


@pytest.mark.parametrize("tab", NETWORK_TABS)
def test_no_dutch_on_any_network_tab_in_english(english_case, tab):
    store, case, meeting, token = english_case
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["ui-language"] = "en"
    with using("en"):
        at.session_state["net-tab"] = t(f"netwerk.{tab}")  # only the open tab is worked out
    at.run()
    at.switch_page(pages.NETWORK.path).run()
    assert not at.exception, at.exception
    shown: list[str] = []
    _strings(at._tree, shown)
    with using("en"):
        assert t(NETWORK_TABS[tab]) in shown, f"the tab {tab} did not open"
    assert dutch_on(at) == []


def test_no_dutch_on_the_participants_page_in_english(english_case):
    store, case, meeting, token = english_case
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params["t"] = token
    at.session_state["ui-language"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert dutch_on(at) == []


def test_the_scan_finds_dutch(english_case):
    """The scan itself: the same page in Dutch is full of Dutch words."""
    store, case, meeting, token = english_case
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    at.switch_page(pages.for_step(2).path).run()
    assert len(dutch_on(at)) > 5
