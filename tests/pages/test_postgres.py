"""The app on PostgreSQL (`HGS_DATABASE_URL`): every page runs from app.py on a demo network in
the database, a typed field lands in the database, and the Netwerk page shows the same figures
as on the same network in a TinyDB folder."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import demo, pages
from hgs.store import open_store

TODAY = dt.date(2026, 11, 28)
PAGES = [pages.START.path, pages.PREPARATION.path, *[p.path for p in pages.STEP_PAGES], pages.PROGRESS.path,
         pages.NETWORK.path, pages.REFLECTION.path, pages.ADMIN.path]


@pytest.fixture
def database(postgres_url, tmp_path, monkeypatch):
    """A demo network in a fresh schema, and the app pointed at it (its data folder empty)."""
    store = open_store(postgres_url)
    demo.build_network(store, cases=12, today=TODAY)
    store.set_setting("initialised", True)
    monkeypatch.setenv("HGS_DATABASE_URL", postgres_url)
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "lokaal"))
    yield store
    store.close()


def app(case_id=None, meeting_id=None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    if case_id:
        at.session_state["active_case"] = case_id
        at.session_state["active_meeting"] = meeting_id
    return at.run()


def test_every_page_runs_on_postgres_and_a_typed_field_lands_there(database, tmp_path):
    case_id = database.case_ids()[0]
    meeting = database.meetings(case_id)[-1]
    at = app(case_id, meeting.id)
    assert not at.exception, at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    at.switch_page(pages.for_step(2).path).run()
    at.text_area(key=f"m-{meeting.id}-circle_essence").set_value("Ik wil naast Sem zitten.").run()
    assert not at.exception, at.exception
    assert database.get_meeting(case_id, meeting.id).circle_essence == "Ik wil naast Sem zitten."
    assert not (tmp_path / "lokaal" / "cases").exists() or \
        not any((tmp_path / "lokaal" / "cases").iterdir())  # nothing went to a folder


def netwerk_text(at: AppTest) -> str:
    at.switch_page(pages.NETWORK.path).run()
    assert not at.exception, at.exception
    parts = [f"{m.label} {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def test_the_netwerk_page_on_postgres_equals_the_page_on_a_folder(database, tmp_path,
                                                                  monkeypatch):
    on_postgres = netwerk_text(app())
    folder = tmp_path / "map"
    files = open_store(folder)
    demo.build_network(files, cases=12, today=TODAY)
    files.set_setting("initialised", True)
    monkeypatch.delenv("HGS_DATABASE_URL")
    monkeypatch.setenv("HGS_DATA_DIR", str(folder))
    on_files = netwerk_text(app())
    assert "Casussen 12" in on_postgres
    assert on_postgres == on_files
