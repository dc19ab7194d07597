"""AVG: consent in force (withdrawal shuts outside professionals out) and a case exported and
erased completely, with nothing of it left in the data folder."""

import datetime as dt
import io
import json
import zipfile

import pytest

from hgs.access import joining as live
from hgs.analytics import network
from hgs.errors import InvalidInput, NotFound
from hgs.exports import archive as export
from hgs.method import cycle
from hgs.method.records import Case, Meeting, Organisation, Participant
from hgs.store import open_store

DAY = dt.date(2026, 10, 5)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))  # the audit log's folder
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    cases = []
    for n, name in enumerate(["Noëlle", "Joris", "Sanna", "Daan", "Ilse", "Mees"], 1):
        case = store.create_case(Case(code=f"L-2026-{n:04d}", first_name=name,
                                      organisation_id=org.id))
        store.create_meeting(Meeting(case_id=case.id, date=DAY, circle_essence=f"{name} tekent",
                                     participants=[Participant(name="Moeder",
                                                               role="ouder/verzorger")]))
        cases.append(case)
    return tmp_path, store, cases, {org.id: (org.name, org.sector)}


def test_erase_needs_the_code_typed(folder):
    tmp_path, store, cases, _ = folder
    with pytest.raises(InvalidInput, match="L-2026-0001"):
        export.erase_case(store, cases[0].id, "L-2026-9999", who="anna", role="voorzitter")
    assert store.get_case(cases[0].id).first_name == "Noëlle"


def test_export_then_erase_leaves_nothing_of_the_case(folder):
    tmp_path, store, cases, orgs = folder
    case = cases[0]
    meeting = store.meetings(case.id)[0]
    token = live.open_joining(store, case.id, meeting.id)
    archive = zipfile.ZipFile(io.BytesIO(export.export_case(store, case.id)))
    data = json.loads(archive.read("casus.json"))
    assert data["case"]["first_name"] == "Noëlle"
    cache = network.NetworkCache(open_store(tmp_path).documents())
    assert cache.frames(orgs).meetings.case.nunique() == 6

    export.erase_case(store, case.id, " l-2026-0001 ", who="anna", role="voorzitter")  # typed
    assert export.traces(tmp_path, case) == []
    assert case.id not in store.case_ids()
    assert "Noëlle".encode() not in b"".join(p.read_bytes() for p in tmp_path.rglob("*")
                                              if p.is_file())
    assert cache.frames(orgs).meetings.case.nunique() == 5  # the network no longer counts it
    with pytest.raises(NotFound):
        live.resolve(store, token)
    assert store.get_case(cases[1].id).first_name == "Joris"  # the others are untouched


def test_the_export_re_imports_after_erasing(folder):
    tmp_path, store, cases, _ = folder
    data = export.export_case(store, cases[2].id)
    export.erase_case(store, cases[2].id, cases[2].code, who="anna", role="voorzitter")
    restored = export.import_case_archive(store, data)
    assert restored.first_name == "Sanna"
    assert store.meetings(restored.id)[0].circle_essence == "Sanna tekent"


def test_consent_state_follows_giving_and_withdrawing():
    case = Case(code="L-2026-0001", first_name="Joris", organisation_id="o")
    assert cycle.consent_state(case, DAY) == "geen"
    cycle.add_consent(case, ["ouders"], DAY, "")
    assert cycle.consent_state(case, DAY) == "geldig"
    cycle.withdraw_consent(case, case.consents[0].id, DAY + dt.timedelta(days=3))
    assert cycle.consent_state(case, DAY + dt.timedelta(days=1)) == "geldig"
    assert cycle.consent_state(case, DAY + dt.timedelta(days=3)) == "ingetrokken"


def test_after_withdrawal_outside_professionals_can_no_longer_take_part(folder):
    tmp_path, store, cases, _ = folder
    case = cases[1]
    meeting = store.meetings(case.id)[0]
    store.update_case(case.id, lambda c: (cycle.set_birth_year(c, 2016),
                                          cycle.add_consent(c, ["ouders"], DAY, "")))
    token = live.open_joining(store, case.id, meeting.id)
    live.add_entry(store, token, "tops_tips", "Bram", "jeugdhulp", kind="top", text="Fijn")

    consent_id = store.get_case(case.id).consents[0].id
    store.update_case(case.id, lambda c: cycle.withdraw_consent(c, consent_id, DAY))
    with pytest.raises(InvalidInput, match="geen toestemming"):
        live.add_entry(store, token, "tops_tips", "Bram", "jeugdhulp", kind="top", text="Nog")
    live.add_entry(store, token, "tops_tips", "Moeder", "ouder/verzorger", kind="top",
                   text="Wij mogen wel")  # parents and school still take part
    seat = live.resolve(store, token)
    assert not live.may_take_part(seat, "jeugdhulp") and live.may_take_part(seat, "directie")
    store.add_item(case.id, meeting.id, "participants", name="Bram", role="jeugdhulp")
    assert cycle.consent_problem(store.get_case(case.id), store.meetings(case.id)[0])
