"""Gegevens en back-ups through app.py (AppTest): the quarantine list after damaged files, a back-up
taken on demand, a back-up checked and restored after a confirmation, a bad one refused."""

import datetime as dt
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import audit
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import QUARANTINE, backup, open_store

PAGE = pages.DATA.path


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("HGS_DATA_DIR", str(folder))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.delenv("HGS_BACKUP_DIR", raising=False)
    monkeypatch.delenv("HGS_AUTH", raising=False)
    store = open_store(folder)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    cases = [store.create_case(Case(code=f"L-2026-000{n}", first_name=name,
                                    organisation_id=org.id))
             for n, name in enumerate(["Joris", "Noor", "Sem"], 1)]
    for case in cases:
        store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2)))
    return store


def page(start: str | None = PAGE) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60).run()
    assert not at.exception, at.exception
    if start:
        at.switch_page(start).run()
        assert not at.exception, at.exception
    return at


def texts_of(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("success", "warning", "error", "info", "markdown",
                                          "caption")
                     for e in getattr(at, kind))


def frame(at: AppTest, column: str):
    """The table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_page_shows_all_is_well_and_no_backup_yet(data):
    at = page()
    assert at.title[0].value == "Gegevens en back-ups"
    assert "Alle casusbestanden en het netwerkbestand zijn in orde." in texts_of(at)
    assert "Er is nog geen back-up." in texts_of(at) or backup.list_backups(data.data_dir)


def test_a_backup_is_taken_on_demand_and_listed(data):
    at = page()
    at.button(key="data-backup-now").click().run()
    assert not at.exception
    assert "Back-up gemaakt: 3 casussen" in texts_of(at)
    listed = frame(at, "Casussen")
    assert listed["Casussen"].iloc[0] == 3
    assert backup.list_backups(data.data_dir)[0].cases == 3


def test_damaged_files_never_stop_the_app_and_the_beheerder_is_told(data):
    damaged = data.case_path(data.case_ids()[0])
    damaged.write_bytes(b'{"case": {"1": {"id": "')
    data.network_path.write_bytes(b"\x00\x01 geen json")
    at = page(pages.START.path)  # the landing page lists the cases: no exception
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    shown = texts_of(at)
    assert "HGS heeft 2 beschadigde of onbekende bestanden apart gezet" in shown
    assert "Wat nu?" in shown and "Zet de casus terug uit een back-up" in shown
    table = frame(at, "Stond in")
    assert set(table["Stond in"]) == {f"cases/{damaged.name}", "network.json"}
    assert table["Reden"].str.contains("beschadigd").all()
    assert "Het netwerkbestand (organisaties en instellingen) was beschadigd" in shown
    assert (data.data_dir / QUARANTINE / damaged.name).exists()
    assert len(data.cases()) == 2


def test_a_backup_is_checked_then_restored_after_a_confirmation(data):
    made = backup.create_backup(data)
    erased = data.case_ids()[0]
    data.erase_case(erased)
    at = page()
    at.selectbox(key="data-restore-choice").set_value(str(made.path)).run()
    assert "data-restore" not in [b.key for b in at.button]  # only after the check
    at.button(key="data-check").click().run()
    assert "In orde: 1 organisatie, 3 casussen met 3 MDO's" in texts_of(at)
    at.button(key="data-restore").click().run()  # first the question, nothing changed yet
    assert "wat er nu in staat (1 organisatie, 2 casussen met 2 MDO's)" in texts_of(at)
    assert erased not in data.case_ids() and backup.aside_folders(data.data_dir) == []
    at.button(key="data-restore-yes").click().run()
    assert not at.exception, at.exception
    assert "Teruggezet: 1 organisatie, 3 casussen met 3 MDO's." in texts_of(at)
    assert erased in data.case_ids()
    before = [b for b in backup.list_backups(data.data_dir) if b.reason == "voor terugzetten"]
    assert [b.cases for b in before] == [2]  # the data as it was, also in a back-up
    assert any(e["what"] == "restore" and e["detail"] == made.path.name
               for month in audit.months(data.data_dir)
               for e in audit.entries(month, data.data_dir))
    [aside] = backup.aside_folders(data.data_dir)
    assert len(list((aside / "cases").glob("*.json"))) == 2
    choices = at.selectbox(key="data-restore-choice").options
    assert any("vóór het terugzetten" in c for c in choices)  # the restore can be undone


def test_a_bad_backup_is_refused_with_its_problems_as_plain_text(data):
    made = backup.create_backup(data)
    bad = made.path.with_name("hgs-backup-2026-01-01-000000.zip")
    with zipfile.ZipFile(made.path) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("../../**vet**.json", b"{}")
    before = sorted(p.name for p in (data.data_dir / "cases").iterdir())
    at = page()
    at.selectbox(key="data-restore-choice").set_value(str(bad)).run()
    at.button(key="data-check").click().run()
    assert not at.exception, at.exception
    assert "Deze back-up is niet in orde en wordt niet teruggezet:" in texts_of(at)
    problems = [m.value for m in at.markdown if "onveilige naam" in m.value]
    assert problems and "**vet**" not in problems[0] and r"\*\*vet\*\*" in problems[0]
    assert not [b for b in at.button if b.key == "data-restore"]
    assert sorted(p.name for p in (data.data_dir / "cases").iterdir()) == before


def test_organisations_come_back_from_a_backup(data):
    made = backup.create_backup(data)
    data.network_path.write_bytes(b"{kapot")
    at = page()
    at.selectbox(key="data-restore-choice").set_value(str(made.path)).run()
    at.button(key="data-check").click().run()
    at.button(key="data-restore-network").click().run()
    assert not at.exception, at.exception
    assert "1 organisatie en 0 instellingen teruggezet." in texts_of(at)
    assert [o.name for o in data.organisations()] == ["Basisschool De Regenboog"]


def test_beheer_points_to_set_aside_files(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from hgs.store import open_store

    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    (tmp_path / "cases").mkdir(exist_ok=True)
    (tmp_path / "cases" / "kapot.json").write_bytes(b"\x00\x01 geen json")
    store.cases()  # the listing sets the damaged file aside
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.switch_page(pages.ADMIN.path).run()
    assert not at.exception
    assert any("apart gezet" in w.value for w in at.warning)
