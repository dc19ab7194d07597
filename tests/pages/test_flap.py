"""Het format in AppTest: its own page shows each box and a typed item, the parents' toggle
hides what the parents' version leaves out, the A3 flap downloads; Presentatie's home
(`?stap=0`) shows it too."""

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method import cycle
from hgs.ui import downloads as ui_downloads
from tests.report_data import AGREEMENTS, INTERNAL, dutch_case, pdf_text


@pytest.fixture
def data(tmp_path, monkeypatch):
    from hgs.store import open_store

    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    case, meeting = dutch_case(store)
    store.update_case(case.id, lambda c: cycle.add_consent(c, ["ouders"], meeting.date, ""))
    return store, store.get_case(case.id), meeting


def run(page: str, case, meeting, **query) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    for name, value in query.items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    return " ".join(el.proto.body for el in at.get("html"))


def test_the_page_shows_each_box_and_what_was_typed(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "overview", area="onderwijs", sign="plus",
                   text="De juf geeft korte opdrachten <b>niet vet</b>")
    at = run(pages.FORMAT.path, case, meeting)
    assert at.title[0].value == "Het format"
    page = shown(at)
    for title in ("1. Vragen ouders", "2. Leerling", "3. Onderwijs", "4. Opvoeding",
                  "5. Jeugdhulp?", "6. Afspraken"):
        assert title in page
    assert "De juf geeft korte opdrachten &lt;b&gt;niet vet&lt;/b&gt;" in page  # escaped
    assert all(agreement in page for agreement in AGREEMENTS)
    assert INTERNAL[2] in page


def test_the_parents_toggle_hides_the_left_out_parts(data):
    store, case, meeting = data
    at = run(pages.FORMAT.path, case, meeting)
    at.toggle(key=f"m-{meeting.id}-format-parents").set_value(True).run()
    assert not at.exception
    page = shown(at)
    assert not any(line in page for line in INTERNAL)
    assert "staat alleen in de versie voor het team" in page
    assert any("werkaantekeningen" in c.value or "stap 6" in c.value for c in at.caption)


def test_the_flap_downloads_for_team_and_parents(data):
    store, case, meeting = data
    at = run(pages.FORMAT.path, case, meeting)
    keys = {b.key: b.label for b in at.get("download_button")}
    assert keys["dl-format-flap-team"] == "Flap A3 (PDF)"
    assert keys["dl-format-flap-ouders"] == "Flap A3 voor ouders (PDF)"
    files = {f.slug: f for f in ui_downloads.flap_files(store, case, meeting)}
    assert files["flap-ouders"].file_name == "Flap-L-2026-0042-2026-03-03-ouders.pdf"
    failed: dict[str, str] = {}
    team = pdf_text(ui_downloads.made(files["flap-team"], None, "nl", failed)())
    parents = pdf_text(ui_downloads.made(files["flap-ouders"], None, "nl", failed)())
    assert failed == {}
    assert INTERNAL[2] in team and INTERNAL[2] not in parents


def test_presentatie_opens_on_the_format_before_step_1(data):
    store, case, meeting = data
    at = run(pages.PRESENTATION.path, case, meeting, stap="0")
    assert at.title[0].value == "Het format"
    assert "2. Leerling" in shown(at)
    at.button(key="present-next").click().run()
    assert at.title[0].value.startswith("1.")
    at.button(key="present-prev").click().run()
    assert at.title[0].value == "Het format"
    at.button(key="present-next").click().run()
    at.button(key="present-format").click().run()
    assert at.title[0].value == "Het format"
