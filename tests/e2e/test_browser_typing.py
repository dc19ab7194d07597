"""Typing as a chair types: every kind of input on every page that has one, typed key by key,
then Enter, Tab, no key at all, or an immediate click on Volgende (or a step in the sidebar);
a reload a second later; and the stored case file read back — not only the screen."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import running_server, wait_idle

DESKTOP = {"width": 1920, "height": 1080}
SCREENS = Path(__file__).resolve().parent / "screens"
DELAY = 60  # ms between keys, as a person types


@dataclass(frozen=True)
class Case:
    """One input typed one way: where, what, how it ends, and where the value must be stored."""
    page: str  # URL path: stap-3, voorbereiding, …
    kind: str  # text, area, number, date, new, select, checkbox, radio
    key: str  # widget key after "m-<meeting>-" (list items: "<list>-<item>-<field>")
    value: str  # what is typed (a date as digits: 15022027)
    end: str  # Enter, Tab, none, volgende (Voorbereiding: MDO starten), vorige, sidebar
    stored: str  # dotted path into the meeting document; "<list>[]" = the texts of that list
    meeting: str = "first"  # first, followup (step 9's scores), or prep (another case)
    on_case: bool = False  # the key is the whole widget key and the value is stored on the case
    want: str | None = None  # the stored value when it is not what `expected` makes of `value`

    @property
    def id(self) -> str:
        return f"{self.page}-{self.kind}-{self.key.split('-')[0]}-{self.end}"


# Every input kind with every way of ending it, spread over every page that has inputs.
CASES = [
    # text fields
    Case("voorbereiding", "text", "chair", "Fatima Amrani", "Enter", "chair"),
    Case("voorbereiding", "text", "chair", "Marloes Vries", "Tab", "chair"),
    Case("voorbereiding", "text", "chair", "Erik Jansen", "none", "chair"),
    Case("voorbereiding", "text", "chair", "Ingrid Bakker", "volgende", "chair"),
    Case("stap-6", "text", "support_needs-{support}-from_whom", "de IB'er", "sidebar",
         "support_needs.0.from_whom"),
    # text areas (Enter is a new line there; the text is stored without it)
    Case("voorbereiding", "area", "reason", "Daan loopt vast", "Enter",
         "reason"),
    Case("stap-2", "area", "circle_essence", "Ik wil rust", "Tab",
         "circle_essence"),
    Case("stap-3", "area", "research_reason", "Geen onderzoek", "none",
         "research_reason"),
    Case("stap-7", "area", "questions-{question}-answer", "Startopdracht helpt",
         "volgende", "questions.0.answer"),
    Case("stap-4", "area", "goals-{goal}-observable", "Hij start zelf",
         "sidebar", "goals.0.observable"),
    # numbers
    Case("stap-4", "number", "goals-{goal}-start", "3", "Enter", "goals.0.start"),
    Case("stap-4", "number", "goals-{goal}-target", "8", "Tab", "goals.0.target"),
    Case("stap-9", "number", "rating", "7", "none", "rating"),
    Case("stap-9", "number", "scores.{goal}", "6", "vorige", "scores.{goal}",
         meeting="followup"),
    # dates typed as digits
    Case("stap-8", "date", "evaluation_date", "15022027", "Enter", "evaluation_date"),
    Case("stap-8", "date", "evaluation_date", "16022027", "Tab", "evaluation_date"),
    Case("stap-8", "date", "evaluation_date", "17022027", "none", "evaluation_date"),
    Case("stap-8", "date", "agreements-{agreement}-due", "18022027", "volgende",
         "agreements.0.due"),
    Case("stap-8", "date", "agreements-{agreement}-due", "19022027", "sidebar",
         "agreements.0.due"),
    # the "new item" field of a list: Enter adds; a pause keeps a draft; leaving adds
    Case("stap-1", "new", "new-questions-all", "Als we weten wat helpt",
         "Enter", "questions[]"),
    Case("stap-2", "new", "new-overview-kind-plus", "Daan helpt graag", "Tab",
         "overview[]"),
    Case("stap-3", "new", "new-explanations-onderwijs", "Veel wisselingen",
         "none", "drafts.explanations:onderwijs"),
    Case("stap-5", "new", "new-needs-een leraar die", "rustig uitlegt",
         "volgende", "needs[]"),
    Case("stap-7", "new", "new-decisions-all", "School vraagt advies",
         "sidebar", "decisions[]"),
    Case("stap-9", "new", "new-tops_tips-top", "Fijn, op tijd", "none",
         "drafts.tops_tips:top"),
    Case("voorbereiding", "new", "new-participants-all", "Hatice Yilmaz", "Enter",
         "participants[]", meeting="prep"),
    # the planning block and the child's year of birth (Voorbereiding)
    Case("voorbereiding", "date", "date", "{tomorrow}", "Tab", "date"),
    Case("voorbereiding", "text", "start_time", "1430", "none", "start_time"),
    Case("voorbereiding", "number", "duration", "90", "Tab", "duration"),
    Case("voorbereiding", "text", "place", "Lokaal 12", "Enter", "place"),
    Case("voorbereiding", "number", "case-{case}-birth-year", "2015", "none", "birth_year",
         on_case=True),
    # choices: they save on the click; then at once Volgende, or a reload
    Case("stap-8", "select", "agreements-{agreement}-status", "gedaan", "volgende",
         "agreements.0.status"),
    Case("voorbereiding", "select", "participants-{unchosen}-role", "ouder/verzorger", "none",
         "participants.0.role", meeting="prep"),
    Case("stap-5", "checkbox", "needs-{need}-more_pupils", "true", "volgende",
         "needs.0.more_pupils"),
    Case("stap-3", "radio", "research_needed", "Nee, niet nodig", "none", "research_needed"),
    # every kind of input on every page that has one: the kinds not tried above on that page,
    # and the ways of ending not tried above for that kind
    Case("stap-1", "area", "questions-{question}-text", "Wat helpt Daan bij rekenen?", "Tab",
         "questions.0.text"),
    Case("stap-1", "text", "questions-{question}-asked_by", "moeder", "volgende",
         "questions.0.asked_by"),
    Case("stap-2", "select", "overview-{overview}-group", "Ouders/verzorgers", "none",
         "overview.0.group", want="ouders"),
    Case("stap-4", "number", "goals-{goal}-weight", "2", "volgende", "goals.0.weight"),
    Case("stap-4", "number", "goals-{goal}-start", "4", "sidebar", "goals.0.start"),
    Case("stap-4", "new", "new-goals-opvoeding", "Daan slaapt op tijd", "volgende", "goals[]"),
    Case("stap-5", "select", "needs-{need}-goal_id", "Kind: Daan start zelf", "sidebar",
         "needs.0.goal_id", want="{goal}"),
    Case("stap-6", "area", "support_needs-{support}-text", "Over prikkels en rust", "Enter",
         "support_needs.0.text"),
    Case("stap-6", "text", "support_needs-{support}-from_whom", "de intern begeleider", "vorige",
         "support_needs.0.from_whom"),
    Case("stap-6", "new", "new-support_needs-ouders-vaardigheden", "Omgaan met boosheid", "none",
         "drafts.support_needs:ouders-vaardigheden"),
    Case("stap-7", "checkbox", "questions-{question}-answered", "true", "none",
         "questions.0.answered"),
    Case("stap-7", "text", "decisions-{decision}-decided_by", "de directeur", "Tab",
         "decisions.0.decided_by"),
    Case("stap-8", "area", "agreements-{agreement}-what", "Juf belt moeder", "none",
         "agreements.0.what"),
    Case("stap-9", "area", "tops_tips-{toptip}-text", "Goed gesprek gehad", "vorige",
         "tops_tips.0.text"),
    Case("stap-9", "text", "tops_tips-{toptip}-by", "Juf Inés", "Enter", "tops_tips.0.by"),
    Case("stap-9", "select", "tops_tips-{toptip}-group", "Ouders", "none", "tops_tips.0.group",
         want="ouders"),
    Case("voorbereiding", "checkbox", "participants-{unchosen}-present", "false", "none",
         "participants.0.present", meeting="prep"),
    Case("stap-4", "checkbox", "goals-{goal}-dropped", "true", "sidebar", "goals.0.dropped",
         meeting="followup"),
]

NEXT = {"voorbereiding": "stap-1", **{f"stap-{n}": f"stap-{n + 1}" for n in range(1, 9)}}
BEFORE = {f"stap-{n}": f"stap-{n - 1}" for n in range(2, 10)}
SIDEBAR = "9. Evaluatie"  # the step clicked in the sidebar (from every page but step 9)


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    """A fresh data folder: one case with a first MDO (one item in each list the test edits)
    and a follow-up MDO that asks for the goal's score; the server started on it."""
    from hgs.method import cases, cycle
    from hgs.method.records import Organisation
    from hgs.store import open_store

    folder = tmp_path_factory.mktemp("hgs-typing")
    store = open_store(folder)
    store.set_setting("initialised", True)
    org = store.save_organisation(Organisation(name="Basisschool De Zonnebloem", sector="PO"))
    case = store.create_case(cases.new_case("L-2026-0101", "Daan", org.id))
    first = cycle.start_meeting(store, case.id, dt.date.today())
    ids = {
        "goal": store.add_item(case.id, first.id, "goals", area="kind", text="Daan start zelf").id,
        "goal2": store.add_item(case.id, first.id, "goals", area="onderwijs",
                                text="Daan leest elke dag").id,
        "agreement": store.add_item(case.id, first.id, "agreements", what="Juf belt").id,
        "support": store.add_item(case.id, first.id, "support_needs", for_whom="school",
                                  kind="kennis", text="Over prikkels").id,
        "question": store.add_item(case.id, first.id, "questions", text="Wat helpt?").id,
        "need": store.add_item(case.id, first.id, "needs", category="andere kinderen",
                               text="een maatje").id,
    }
    ids["overview"] = store.add_item(case.id, first.id, "overview", area="kind", sign="plus",
                                     text="Daan lacht veel").id
    ids["decision"] = store.add_item(case.id, first.id, "decisions", text="Verwijzen").id
    ids["toptip"] = store.add_item(case.id, first.id, "tops_tips", kind="top",
                                   text="Goed gesprek").id
    store.add_item(case.id, first.id, "participants", name="Juf Inés",
                   role="leerkracht/mentor")
    followup = cycle.start_meeting(store, case.id, dt.date.today() + dt.timedelta(days=60))
    # another case, whose MDO gets people at its table (a role not chosen keeps its steps shut)
    other = store.create_case(cases.new_case("L-2026-0102", "Noor", org.id))
    prep = cycle.start_meeting(store, other.id, dt.date.today())
    ids["unchosen"] = store.add_item(other.id, prep.id, "participants", name="Hans Bos").id
    ids["case"] = case.id
    ids["tomorrow"] = f"{dt.date.today() + dt.timedelta(days=1):%d%m%Y}"
    with running_server(folder, HGS_DEMO="0") as server:
        yield server, store, {"first": case, "followup": case, "prep": other}, \
            {"first": first, "followup": followup, "prep": prep}, ids


def case_doc(folder: Path, case_id: str, meeting_id: str | None = None) -> dict:
    data = json.loads((folder / "cases" / f"{case_id}.json").read_text(encoding="utf-8"))
    return data["case"]["1"]


def meeting_doc(folder: Path, case_id: str, meeting_id: str) -> dict:
    data = json.loads((folder / "cases" / f"{case_id}.json").read_text(encoding="utf-8"))
    return next(m for m in data["meetings"].values() if m["id"] == meeting_id)


def stored_value(doc: dict, path: str):
    """The value at a dotted path: `chair`, `agreements.0.who`, `scores.<id>`,
    `drafts.explanations:onderwijs`; `questions[]` gives the texts of a list."""
    if path.endswith("[]"):
        return [item.get("text") or item.get("name") for item in doc[path[:-2]]]
    head, _, rest = path.partition(".")
    value = doc.get(head)
    if not rest:
        return value
    if isinstance(value, list):
        index, _, field = rest.partition(".")
        item = value[int(index)]
        return item.get(field) if field else item
    return (value or {}).get(rest)


def expected(case: Case, ids: dict):
    if case.want is not None:
        return case.want.format(**ids)
    if case.kind == "date":
        d = case.value.format(**ids)
        return f"{d[4:]}-{d[2:4]}-{d[:2]}"
    if case.kind == "number":
        return int(case.value)
    if case.key == "start_time":
        return "14:30:00"
    if case.kind == "checkbox":
        return case.value == "true"  # a click turns it on (off for one that starts on)
    if case.kind == "radio":
        return False  # "Nee, niet nodig": no research needed
    if case.kind == "select":
        return case.value.lower()
    if case.kind == "new" and case.stored.endswith("[]"):
        return case.value  # one of the list's texts
    return case.value


def widget(page, meeting_id: str | None, key: str):
    """A keyed widget (a meeting's: m-<meeting>-<key>): Streamlit names its class st-key-<key>
    with other characters as "-"."""
    full = key if meeting_id is None else f"m-{meeting_id}-{key}"
    return page.locator("." + re.sub(r"[^a-zA-Z0-9_-]", "-", f"st-key-{full}"))


def type_into(page, holder, case: Case, ids: dict) -> None:
    if case.kind == "date":
        holder.locator('[data-type="day"]').click()
        page.keyboard.type(case.value.format(**ids), delay=DELAY)  # digits, as a person types
    elif case.kind in ("text", "area", "number", "new"):
        field = holder.locator("textarea, input").first
        field.click()
        field.press("Control+a")
        field.press("Backspace")
        field.press_sequentially(case.value, delay=DELAY)
    elif case.kind == "select":
        holder.locator('[role="combobox"]').click()
        page.get_by_role("option", name=case.value, exact=True).click()
    elif case.kind == "checkbox":
        holder.locator("label").first.click()
    elif case.kind == "radio":
        holder.get_by_text(case.value, exact=True).click()


def finish(page, case: Case) -> None:
    """End the typing the way this case says; for a click, check the page really changed."""
    if case.end in ("Enter", "Tab"):
        page.keyboard.press(case.end)
    elif case.end in ("volgende", "vorige"):
        if case.page == "voorbereiding":  # its way on is the button that starts the MDO
            page.get_by_role("button", name="MDO starten").click()
        else:
            page.locator('[data-testid="stPageLink-NavLink"]',
                         has_text=case.end.capitalize()).click()
        target = (NEXT if case.end == "volgende" else BEFORE)[case.page]
        page.wait_for_function("t => location.pathname === '/' + t", arg=target,
                               timeout=15_000)
    elif case.end == "sidebar":
        page.locator('[data-testid="stSidebarNavLink"]', has_text=SIDEBAR).click()
        page.wait_for_function("() => location.pathname === '/stap-9'", timeout=15_000)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_typed_like_a_person_is_stored(table, browser, case):
    server, store, kases, meetings, ids = table
    meeting, kase = meetings[case.meeting], kases[case.meeting]
    key = case.key.format(**ids)
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?" on a reload
    try:
        page.goto(f"{server.url}/{case.page}?case={kase.id}&meeting={meeting.id}")
        wait_idle(page)
        holder = widget(page, None if case.on_case else meeting.id, key)
        holder.scroll_into_view_if_needed()
        type_into(page, holder, case, ids)
        finish(page, case)
        time.sleep(1.0)  # the chair reloads a second later
        page.reload()
        if case.id == "stap-3-new-new-none":
            wait_idle(page)
            SCREENS.mkdir(exist_ok=True)
            widget(page, meeting.id, key).scroll_into_view_if_needed()
            page.screenshot(path=SCREENS / "typing-draft-after-reload.png")
        want = expected(case, ids)
        path = case.stored.format(**ids)
        read = case_doc if case.on_case else meeting_doc

        def stored():
            return stored_value(read(server.data_dir, kase.id, meeting.id), path)

        # what left the browser before the reload is saved by the time the server has run it
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and not matches(stored(), want, path):
            time.sleep(0.1)
    finally:
        context.close()
    value = stored()
    assert matches(value, want, path), f"{case.id}: stored {value!r}, typed {want!r}"


def test_wie_picks_a_participant_or_someone_else_typed_without_a_key(table, browser):
    """Step 8's Wie is a choice of the people at the table; "Iemand anders …" opens a field for
    a name, typed key by key and left without any key, then the page reloaded a second later:
    the stored agreement holds the participant, then the typed name."""
    server, store, kases, meetings, ids = table
    meeting, kase = meetings["first"], kases["first"]
    key = f"agreements-{ids['agreement']}-who"

    def who() -> str:
        return stored_value(meeting_doc(server.data_dir, kase.id, meeting.id), "agreements.0.who")

    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(f"{server.url}/stap-8?case={kase.id}&meeting={meeting.id}")
        wait_idle(page)
        holder = widget(page, meeting.id, key)
        holder.scroll_into_view_if_needed()
        holder.locator('[role="combobox"]').click()
        page.get_by_role("option", name=re.compile(r"^Juf Inés")).click()
        wait_idle(page)
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and who() != "Juf Inés":
            time.sleep(0.1)
        assert who() == "Juf Inés"
        holder.locator('[role="combobox"]').click()
        page.get_by_role("option", name="Iemand anders …", exact=True).click()
        wait_idle(page)
        field = widget(page, meeting.id, key + "-other").locator("input")
        field.click()
        field.press_sequentially("meester Bram", delay=DELAY)
        time.sleep(1.0)  # no key at all; the chair reloads a second later
        page.reload()
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and who() != "meester Bram":
            time.sleep(0.1)
    finally:
        context.close()
    assert who() == "meester Bram"


def matches(value, want, path: str) -> bool:
    return want in value if path.endswith("[]") else value == want


def test_a_draft_comes_back_after_a_reload_and_enter_adds_it(table, browser):
    """A new item typed without Enter is kept as a draft; after a reload it is back in its
    field, marked as not added yet, and Enter adds it (and drops the draft)."""
    server, store, kases, meetings, ids = table
    meeting, kase = meetings["first"], kases["first"]
    text = "Opa brengt Daan op dinsdag"
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(f"{server.url}/stap-8?case={kase.id}&meeting={meeting.id}")
        wait_idle(page)
        field = widget(page, meeting.id, "new-agreements-all").locator("input")
        field.click()
        field.press_sequentially(text, delay=DELAY)
        time.sleep(1.6)
        drafts = meeting_doc(server.data_dir, kase.id, meeting.id)["drafts"]
        assert drafts["agreements:all"] == text
        page.reload()
        wait_idle(page)
        field = widget(page, meeting.id, "new-agreements-all").locator("input")
        # the visible field itself, not its hidden twin that carries the draft from the server
        field.wait_for()
        page.wait_for_function(
            "t => [...document.querySelectorAll('[class*=\"-new-agreements\"] input')]"
            ".some(e => e.value === t)", arg=text, timeout=2_000)
        assert page.get_by_text("Nog niet toegevoegd").count() == 1
        field.click()
        field.press("End")
        field.press_sequentially(" en donderdag", delay=DELAY)
        field.press("Enter")
        wait_idle(page)
        page.wait_for_function(
            "t => ![...document.querySelectorAll('[class*=\"-new-agreements\"] input')]"
            ".some(e => e.value)", timeout=10_000)
    finally:
        context.close()
    doc = meeting_doc(server.data_dir, kase.id, meeting.id)
    assert f"{text} en donderdag" in [a["what"] for a in doc["agreements"]]
    assert "agreements:all" not in doc.get("drafts", {})


@pytest.mark.parametrize("end", ["none", "sidebar"])
def test_a_reflection_typed_like_a_person_is_stored(table, browser, end):
    """Reflectie (without sign-in the person types who they are): a note typed into the
    reflectieschema and left without a key, or with an immediate click on another page, is in
    the person's reflection file after a reload."""
    server = table[0]
    text = f"Ik vraag ouders vaker wat werkt ({end})"
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(f"{server.url}/reflectie")
        wait_idle(page)
        who = page.locator(".st-key-refl-who input")
        who.click()
        who.press_sequentially("a.gelmers@school.nl", delay=DELAY)
        who.press("Enter")
        wait_idle(page)
        note = page.locator('[class*="st-key-refl-"][class*="-1-feedback"] textarea')
        note.click()
        note.press_sequentially(text, delay=DELAY)
        if end == "sidebar":
            page.locator('[data-testid="stSidebarNavLink"]', has_text="Start").click()
            page.wait_for_function("() => location.pathname === '/start'", timeout=15_000)
        time.sleep(1.0)
        page.reload()
        wait_idle(page)
    finally:
        context.close()
    files = list((server.data_dir / "reflections").glob("*.json"))
    assert any(text in f.read_text(encoding="utf-8") for f in files), \
        f"{text!r} not in any reflection file: {[f.name for f in files]}"
