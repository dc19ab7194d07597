"""Every destructive button asks first in a dialog (what goes, what stays), takes a back-up
before it acts and writes an audit line: Leeg beginnen, erasing a case, removing an empty MDO,
an organisation or a user, and restoring a back-up."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from hgs import demo, pages
from hgs.access import audit, users
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import backup, open_store


def app(case=None, meeting=None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    if case:
        at.session_state["active_case"] = case.id
        at.session_state["active_meeting"] = meeting.id if meeting else None
    return at.run()


def shown(at) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.success, *at.info,
                                            *at.warning, *at.error])


def audit_lines(folder) -> list[dict]:
    return [e for month in audit.months(folder) for e in audit.entries(month, folder)]


def before_backups(folder) -> list[backup.Backup]:
    """The back-ups taken before a removal (the day's first run also takes a daily one)."""
    return [b for b in backup.list_backups(folder) if b.reason.startswith("voor ")]


def the_backup(folder):
    (made,) = before_backups(folder)
    with zipfile.ZipFile(made.path) as zf:
        return made, set(zf.namelist())


@pytest.fixture
def demo_and_mine(tmp_path, monkeypatch):
    """The default demo network (as a fresh folder gets it) plus one case someone made in one
    of its schools."""
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HGS_DEMO", raising=False)
    store = open_store(tmp_path)
    demo.load_demo_if_empty(store)
    school = store.organisations()[0]
    mine = store.create_case(Case(code="L-2026-9001", first_name="Sanne",
                                  organisation_id=school.id))
    store.create_meeting(Meeting(case_id=mine.id, date=dt.date(2026, 11, 2)))
    return store, mine


def test_leeg_beginnen_asks_first_then_removes_only_the_demo_after_a_backup(demo_and_mine,
                                                                            tmp_path):
    store, mine = demo_and_mine
    before = set(store.case_ids())
    at = app()
    at.button(key="demo-start-empty").click().run()
    assert not at.exception
    text = shown(at)
    assert "40 democasussen met samen" in text
    assert "1 casus die u zelf maakte" in text
    assert "1 demo-organisatie waar een eigen casus bij hoort" in text
    assert set(store.case_ids()) == before  # nothing gone while the question is open
    assert before_backups(tmp_path) == []

    at.button(key="demo-start-empty-no").click().run()  # "Nee": closed, nothing gone
    assert "demo-start-empty-yes" not in [b.key for b in at.button]
    assert set(store.case_ids()) == before and before_backups(tmp_path) == []

    at.button(key="demo-start-empty").click().run()
    at.button(key="demo-start-empty-yes").click().run()
    assert not at.exception
    assert store.case_ids() == [mine.id]
    assert [o.id for o in store.organisations()] == [mine.organisation_id]
    made, names = the_backup(tmp_path)
    assert f"cases/{mine.id}.json" in names and len([n for n in names if n.startswith("cases/")]) == 41
    assert made.reason == "voor leeg beginnen"
    assert any(made.path.name in s.value for s in at.success)
    (line,) = [e for e in audit_lines(tmp_path) if e["what"] == "start-empty"]
    assert line["detail"] == "40 demo / 1 eigen"
    assert not any("Demonetwerk" in w.value for w in at.warning)


def test_erasing_a_case_asks_first_says_what_happens_to_backups_and_leaves_none_with_it(data):
    store, case, meeting = data
    at = app(case, meeting)
    at.switch_page(pages.START.path).run()
    key = f"avg-erase-{case.id}"
    at.button(key=key).click().run()  # without the code: refused before asking
    assert any("Typ de code" in e.value for e in at.error)
    assert key + "-yes" not in [b.key for b in at.button]

    at.text_input(key=key + "-code").set_value(case.code)
    at.button(key=key).click().run()
    assert "de casus L-2026-0001 (Joris) met 1 MDO en alles wat erin staat" in shown(at)
    assert "uit elke back-up" in shown(at)  # what happens to the back-ups, said before
    assert "niet ongedaan" in shown(at) and "export" in shown(at)
    assert case.id in store.case_ids() and before_backups(store.data_dir) == []
    at.button(key=key + "-yes").click().run()
    assert not at.exception
    assert case.id not in store.case_ids()
    made, names = the_backup(store.data_dir)  # taken first, then rewritten without the case
    assert f"cases/{case.id}.json" not in names and made.reason == "voor wissen casus"
    assert backup.check_backup(made.path).ok
    assert any("is gewist" in s.value and "back-up" in s.value for s in at.success)
    assert [(e["case"], e.get("detail")) for e in audit_lines(store.data_dir)
            if e["what"] == "erase"] == [(case.id, "begonnen"), (case.id, "klaar")]


def test_an_organisation_goes_only_when_no_case_belongs_to_it_and_after_the_question(data):
    store, case, _ = data
    school = store.organisation(case.organisation_id)
    empty = store.save_organisation(Organisation(name="De Lege School", sector="PO"))
    at = app()
    at.switch_page(pages.ADMIN.path).run()
    at.button(key=f"beheer-org-{school.id}-remove").click().run()
    assert any("nog 1 casus." in e.value for e in at.error)  # refused before asking
    assert f"beheer-org-{school.id}-remove-yes" not in [b.key for b in at.button]

    at.selectbox(key="beheer-org").set_value(empty.id).run()
    at.button(key=f"beheer-org-{empty.id}-remove").click().run()
    assert "de organisatie De Lege School (PO)" in shown(at)
    assert empty.id in {o.id for o in store.organisations()}
    at.button(key=f"beheer-org-{empty.id}-remove-yes").click().run()
    assert not at.exception
    assert {o.id for o in store.organisations()} == {school.id}
    made, names = the_backup(store.data_dir)
    with zipfile.ZipFile(made.path) as zf:
        assert "De Lege School" in zf.read("network.json").decode()
    assert [e["detail"] for e in audit_lines(store.data_dir)
            if e["what"] == "organisation-removed"] == [empty.id]


def test_a_user_is_removed_after_the_question_and_a_backup_that_holds_the_users_file(data):
    store, case, _ = data
    users.add_user("anna", "voorzitter", "een-lang-wachtwoord", organisations=[case.organisation_id])
    at = app()
    at.switch_page(pages.ADMIN.path).run()
    at.button(key="beheer-user-anna-remove").click().run()
    assert "het account anna (voorzitter)" in shown(at)
    assert users.get_user("anna") is not None
    at.button(key="beheer-user-anna-remove-yes").click().run()
    assert not at.exception
    assert users.get_user("anna") is None
    made, names = the_backup(store.data_dir)
    assert "users.json" in names and made.reason == "voor verwijderen gebruiker"
    assert [e["detail"] for e in audit_lines(store.data_dir)
            if e["what"] == "user-changed"] == ["verwijderd anna"]


def test_on_postgres_the_erase_question_says_what_it_covers_and_what_not(postgres_url, tmp_path,
                                                                         monkeypatch):
    store = open_store(postgres_url)
    try:
        org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
        case = store.create_case(Case(code="L-2026-0001", first_name="Joris",
                                      organisation_id=org.id))
        meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2)))
        monkeypatch.setenv("HGS_DATABASE_URL", postgres_url)
        monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "lokaal"))
        monkeypatch.setenv("HGS_DEMO", "0")
        at = app(case, meeting)
        at.switch_page(pages.START.path).run()
        key = f"avg-erase-{case.id}"
        at.text_input(key=key + "-code").set_value(case.code)
        at.button(key=key).click().run()
        text = shown(at)
        assert "rijen" in text and "pg_dump" in text
        at.button(key=key + "-yes").click().run()
        assert not at.exception
        assert case.id not in store.case_ids()
        assert [(e["case"], e.get("detail")) for e in audit_lines(tmp_path / "lokaal")
                if e["what"] == "erase"] == [(case.id, "begonnen"), (case.id, "klaar")]
    finally:
        store.close()
