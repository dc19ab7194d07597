"""Closing, reopening and handing over a case in AppTest: on Start, asked first and audited;
on Beheer, a case exported from one data folder imported into a second one through the upload
button, and a tampered ZIP refused in Dutch."""

import datetime as dt
import io
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import audit
from hgs.exports import archive
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store


def start_with(case_id: str) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params["case"] = case_id
    at.run()  # the chair's home is the Werklijst; closing is on Start
    return at.switch_page(pages.START.path).run()


def test_a_case_is_closed_after_the_question_and_reopened(data, tmp_path):
    store, case, meeting = data
    at = start_with(case.id)
    key = f"close-{case.id}"
    at.selectbox(key=key + "-reason").set_value("doelen bereikt").run()
    at.button(key=key + "-close").click().run()
    assert store.get_case(case.id).status == "actief"  # asked first: nothing yet
    at.button(key=key + "-close-yes").click().run()
    assert not at.exception
    closed = store.get_case(case.id)
    assert (closed.status, closed.close_reason, closed.closed) == (
        "afgesloten", "doelen bereikt", dt.date.today())
    assert any("afgesloten" in s.value for s in at.success)
    at.button(key=f"reopen-{case.id}").click().run()
    assert store.get_case(case.id).status == "actief"
    lines = audit.entries(f"{dt.datetime.now(dt.UTC):%Y-%m}", tmp_path)
    assert [e.get("detail") for e in lines if e["what"] == "change"] == [
        "afgesloten doelen bereikt", "heropend"]


def test_closing_without_a_reason_says_so_and_asks_nothing(data):
    store, case, meeting = data
    at = start_with(case.id)
    at.button(key=f"close-{case.id}-close").click().run()
    assert any("Kies waarom" in e.value for e in at.error)
    assert store.get_case(case.id).status == "actief"


def test_handing_over_offers_the_zip_and_closes_the_case_as_overgedragen(data):
    store, case, meeting = data
    at = start_with(case.id)
    zip_button = at.get("download_button")
    assert any(b.proto.id and "handover" in str(b.proto) for b in zip_button)
    at.button(key=f"handover-{case.id}-close").click().run()
    at.button(key=f"handover-{case.id}-close-yes").click().run()
    closed = store.get_case(case.id)
    assert (closed.status, closed.close_reason) == ("afgesloten", "overgedragen")


@pytest.fixture
def handed_over(tmp_path, monkeypatch):
    """School A's case as a ZIP; school B's own, empty data folder is the app's."""
    school_a = open_store(tmp_path / "a")
    org = school_a.save_organisation(Organisation(name="School A", sector="PO"))
    case = school_a.create_case(Case(code="L-2026-0009", first_name="Joris",
                                     organisation_id=org.id))
    for day in (dt.date(2026, 9, 10), dt.date(2026, 11, 2)):
        school_a.create_meeting(Meeting(case_id=case.id, date=day))
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "b"))
    monkeypatch.setenv("HGS_DEMO", "0")
    school_b = open_store(tmp_path / "b")
    own = school_b.save_organisation(Organisation(name="School B", sector="VO"))
    return archive.export_case(school_a, case.id), case, school_b, own


def import_on_beheer(data: bytes, org_id: str) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60).run()
    at.switch_page(pages.ADMIN.path).run()
    at.file_uploader(key="beheer-import-file").set_value(("casus.zip", data, "application/zip"))
    at.selectbox(key="beheer-import-org").set_value(org_id)
    at.button(key="FormSubmitter:beheer-import-Casus inlezen").click().run()
    assert not at.exception
    return at


def test_a_case_from_school_a_is_imported_at_school_b_through_beheer(handed_over):
    data, case, school_b, own = handed_over
    at = import_on_beheer(data, own.id)
    assert any("is ingelezen, met 2 MDO's" in s.value for s in at.success)
    assert school_b.get_case(case.id).organisation_id == own.id
    assert [m.date for m in school_b.meetings(case.id)] == [dt.date(2026, 9, 10),
                                                            dt.date(2026, 11, 2)]


def test_a_tampered_zip_is_refused_in_dutch_on_beheer(handed_over):
    data, case, school_b, own = handed_over
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        text = zf.read(archive.DATA_NAME).decode().replace('"Joris"', '""', 1)  # no name
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(archive.DATA_NAME, text)
    at = import_on_beheer(out.getvalue(), own.id)
    assert at.error and at.error[0].value.startswith("De casus is niet ingelezen. De export klopt niet")
    assert school_b.cases() == []
    at = import_on_beheer(b"geen zip", own.id)
    assert "geen geldig ZIP-bestand" in at.error[0].value
