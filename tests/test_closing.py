"""Closing a case (hgs.method.cases.close_case / reopen_case) and taking on a case another
school handed over (hgs.exports.archive.import_case_archive with an organisation and a code):
reasons and dates checked in words, closed cases still on Netwerk, each refusal of the import
a Dutch sentence."""

import datetime as dt
import io
import json
import zipfile

import pytest

from hgs.analytics import network
from hgs.errors import InvalidInput
from hgs.exports import archive
from hgs.method import cases
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store

TODAY = dt.date(2026, 11, 20)


def a_case(**fields) -> Case:
    return Case(**{"code": "L-2026-0001", "first_name": "Joris", "organisation_id": "org1",
                   "created": dt.date(2026, 9, 1), **fields})


@pytest.mark.parametrize("reason", ["doelen bereikt", "overgedragen", "gestopt"])
def test_a_case_closes_with_a_reason_and_a_date_and_reopens(reason):
    case = a_case()
    cases.close_case(case, reason, dt.date(2026, 11, 1), TODAY)
    assert (case.status, case.closed, case.close_reason) == (
        "afgesloten", dt.date(2026, 11, 1), reason)
    cases.reopen_case(case)
    assert (case.status, case.closed, case.close_reason) == ("actief", None, "")


@pytest.mark.parametrize("reason, day, message", [
    (None, TODAY, "Kies waarom"), ("verhuisd", TODAY, "Kies waarom"),
    ("gestopt", None, "Kies de datum"), ("gestopt", TODAY + dt.timedelta(days=1), "toekomst"),
    ("gestopt", dt.date(2026, 8, 31), "bestaat sinds 1 september 2026")])
def test_a_missing_reason_or_a_wrong_date_is_refused_in_words(reason, day, message):
    case = a_case()
    with pytest.raises(InvalidInput, match=message):
        cases.close_case(case, reason, day, TODAY)
    assert case.status == "actief"


def test_a_closed_case_stays_on_netwerk(tmp_path):
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    case = store.create_case(a_case(organisation_id=org.id))
    store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 10, 1),
                                 circle_essence="Ik wil meer buiten spelen"))  # held: it counts
    store.update_case(case.id, lambda c: cases.close_case(c, "doelen bereikt", TODAY, TODAY))
    frames = network.NetworkCache(open_store(tmp_path).documents()).frames(
        {org.id: (org.name, org.sector)})
    assert len(frames.meetings) == 1


@pytest.fixture
def exported(tmp_path):
    """A case of school A, handed over: its ZIP, made before it was closed "overgedragen"."""
    school_a = open_store(tmp_path / "a")
    org = school_a.save_organisation(Organisation(name="School A", sector="PO"))
    case = school_a.create_case(a_case(organisation_id=org.id))
    for day in (dt.date(2026, 9, 10), dt.date(2026, 11, 2)):
        school_a.create_meeting(Meeting(case_id=case.id, date=day))
    school_a.update_case(case.id, lambda c: cases.close_case(c, "overgedragen", TODAY, TODAY))
    return archive.export_case(school_a, case.id), case


def test_school_b_takes_the_case_on_in_its_own_organisation(tmp_path, exported):
    data, case = exported
    school_b = open_store(tmp_path / "b")
    own = school_b.save_organisation(Organisation(name="School B", sector="VO"))
    taken = archive.import_case_archive(school_b, data, organisation_id=own.id)
    assert (taken.organisation_id, taken.status, taken.closed) == (own.id, "actief", None)
    assert [o.name for o in school_b.organisations()] == ["School B"]  # A's is not added
    assert len(school_b.meetings(case.id)) == 2


def test_a_code_taken_at_school_b_is_refused_unless_a_new_one_is_given(tmp_path, exported):
    data, case = exported
    school_b = open_store(tmp_path / "b")
    own = school_b.save_organisation(Organisation(name="School B", sector="VO"))
    school_b.create_case(Case(code=case.code, first_name="Fenna", organisation_id=own.id))
    with pytest.raises(InvalidInput, match="al in gebruik"):
        archive.import_case_archive(school_b, data, organisation_id=own.id)
    with pytest.raises(InvalidInput, match="Code moet de vorm"):
        archive.import_case_archive(school_b, data, organisation_id=own.id, code="geen code")
    taken = archive.import_case_archive(school_b, data, organisation_id=own.id,
                                        code="b-2026-0007")
    assert taken.code == "B-2026-0007"


def tampered(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        raw = json.loads(zf.read(archive.DATA_NAME))
    change(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(archive.DATA_NAME, json.dumps(raw))
    return out.getvalue()


@pytest.mark.parametrize("change, message", [
    (lambda raw: raw["meetings"][0].update(case_id="ander"), "andere casus"),
    (lambda raw: raw["case"].update(first_name=""), "De export klopt niet"),
    (lambda raw: raw.update(schema_version=99), "nieuwere versie"),
    (lambda raw: raw.update(format="iets anders"), "geen casus-export")])
def test_a_tampered_zip_is_refused_in_dutch(tmp_path, exported, change, message):
    school_b = open_store(tmp_path / "b")
    own = school_b.save_organisation(Organisation(name="School B", sector="VO"))
    with pytest.raises(InvalidInput, match=message):
        archive.import_case_archive(school_b, tampered(exported[0], change),
                                    organisation_id=own.id)
    assert school_b.cases() == []


def test_an_organisation_that_is_not_here_is_refused(tmp_path, exported):
    with pytest.raises(InvalidInput, match="bestaat hier niet"):
        archive.import_case_archive(open_store(tmp_path / "b"), exported[0],
                                    organisation_id="weg")
