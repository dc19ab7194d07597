"""Reads in the audit log: opening a case's page is logged (who, which case id, when; once per
case per person per ten minutes), and so is every refused attempt to open another school's case.
Through app.py with sign-in by password, as a voorzitter works."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import audit, users
from hgs.i18n import t
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store

PASSWORD = "Lang-genoeg-wachtwoord"


@pytest.fixture
def network(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.setenv("HGS_AUTH", "wachtwoord")
    monkeypatch.setattr(audit, "_last_change", {})
    store = open_store(tmp_path)
    a = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    b = store.save_organisation(Organisation(name="Het Baken", sector="VO"))
    mine = store.create_case(Case(code="L-2026-0042", first_name="Noëlle", organisation_id=a.id))
    other = store.create_case(Case(code="L-2026-0043", first_name="Bram", organisation_id=b.id))
    meetings = {c.id: store.create_meeting(Meeting(case_id=c.id, date=dt.date(2026, 11, 2)))
                for c in (mine, other)}
    users.add_user("vz-a", "voorzitter", PASSWORD, organisations=[a.id], folder=tmp_path)
    return tmp_path, mine, other, meetings


def lines(folder) -> list[tuple[str, str, str | None]]:
    return [(e["what"], e["who"], e["case"]) for m in audit.months(folder)
            for e in audit.entries(m, folder) if e["what"] in ("read", "refused")]


def test_opening_a_case_is_logged_once_and_another_schools_case_each_time(network):
    folder, mine, other, meetings = network
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.text_input(key="auth-username").set_value("vz-a")
    at.text_input(key="auth-password").set_value(PASSWORD)
    at.button(key="auth-submit").click().run()
    assert lines(folder) == []  # signed in, no case opened yet (the Werklijst opens none)

    at.switch_page(pages.START.path).run()
    at.selectbox(key="start-case").set_value(mine.id).run()
    at.query_params["meeting"] = meetings[mine.id].id
    at.switch_page(pages.PREPARATION.path).run()
    at.switch_page(pages.for_step(1).path).run()
    assert not at.exception, at.exception
    assert lines(folder) == [("read", "vz-a", mine.id)]  # three pages, one line

    for page in (pages.PREPARATION.path, pages.PROGRESS.path):  # a link to another school's
        at.query_params["case"] = other.id
        at.query_params["meeting"] = meetings[other.id].id
        at.switch_page(page).run()
        assert any(t("ui_auth.other_organisation") in str(e.value) for e in [*at.error, *at.warning])
    assert lines(folder) == [("read", "vz-a", mine.id), ("refused", "vz-a", other.id),
                             ("refused", "vz-a", other.id)]
    logged = b"".join(p.read_bytes() for p in (folder / "audit").glob("*.jsonl"))
    assert b"Bram" not in logged and b"L-2026-0043" not in logged
