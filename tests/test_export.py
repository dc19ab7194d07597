"""The case export: one ZIP with the data as JSON and every verslag, read back with zipfile, json,
pypdf and python-docx; it re-imports into an empty store identically, and a clash or a damaged
file gets a Dutch message."""

import datetime as dt
import io
import json
import zipfile

import docx
import pytest

from hgs import demo
from hgs.errors import InvalidInput
from hgs.exports import archive as export
from hgs.method.records import Case
from hgs.store import open_store
from tests.report_data import AGREEMENTS, dutch_case, pdf_text


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory):
    """The demo case with the most MDOs, exported once (its charts are drawn for real)."""
    store = open_store(tmp_path_factory.mktemp("demo"))
    demo.build_network(store, cases=4, today=dt.date(2026, 11, 28))
    case_id = max(store.case_ids(), key=lambda c: len(store.meetings(c)))
    return store, case_id, export.export_case(store, case_id)


def test_the_zip_holds_the_data_and_a_pdf_and_docx_verslag_per_meeting(demo_case, tmp_path):
    store, case_id, data = demo_case
    path = tmp_path / "export.zip"
    path.write_bytes(data)
    case, meetings = store.get_case(case_id), store.meetings(case_id)
    assert len(meetings) >= 3
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        names = set(zf.namelist())
        for meeting in meetings:
            stem = f"verslagen/MDO-{case.code}-{meeting.date.isoformat()}"
            assert {f"{stem}.pdf", f"{stem}.docx"} <= names
            text = pdf_text(zf.read(f"{stem}.pdf"))
            assert f"Verslag MDO over {case.first_name}" in text
            for agreement in meeting.agreements:
                assert " ".join(agreement.what.split()) in text
            word = docx.Document(io.BytesIO(zf.read(f"{stem}.docx")))
            assert word.paragraphs[0].text == f"Verslag MDO over {case.first_name}"
        archive = json.loads(zf.read("casus.json"))
        assert "LEESMIJ.txt" in names
    assert archive["format"] == "hgs-casus"
    assert archive["case"]["code"] == case.code
    assert [m["id"] for m in archive["meetings"]] == [m.id for m in meetings]


def test_the_export_reimports_into_an_empty_store_identically(demo_case, tmp_path):
    store, case_id, data = demo_case
    empty = open_store(tmp_path / "leeg")
    imported = export.import_case_archive(empty, data)
    assert imported.id == case_id
    assert empty.get_case(case_id) == store.get_case(case_id)
    assert empty.meetings(case_id) == store.meetings(case_id)
    assert empty.organisations() == [store.organisation(imported.organisation_id)]


def test_dutch_characters_survive_export_and_import(store, tmp_path):
    case, meeting = dutch_case(store)
    data = export.export_case(store, case.id)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        raw = zf.read("casus.json").decode("utf-8")
        pdf = pdf_text(zf.read(f"verslagen/MDO-{case.code}-2026-03-03.pdf"))
    assert "Noëlle" in raw and "€ 25 – 30" in raw and "ĳsjes" in raw
    for agreement in AGREEMENTS:
        assert agreement in pdf
    other = open_store(tmp_path / "ander")
    export.import_case_archive(other, data)
    assert other.get_meeting(case.id, meeting.id) == store.get_meeting(case.id, meeting.id)


def test_a_case_already_there_or_a_code_in_use_is_refused(store):
    case, _ = dutch_case(store)
    data = export.export_case(store, case.id)
    with pytest.raises(InvalidInput, match="staat al in HGS"):
        export.import_case_archive(store, data)

    store.erase_case(case.id)
    store.create_case(Case(code=case.code, first_name="Daan", organisation_id="x"))
    with pytest.raises(InvalidInput, match=f"De code {case.code} is al in gebruik"):
        export.import_case_archive(store, data)
    assert case.id not in store.case_ids()


def _with_data(data: bytes, change) -> bytes:
    """The same ZIP with casus.json changed by `change(dict)`."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        archive = json.loads(zf.read("casus.json"))
    change(archive)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("casus.json", json.dumps(archive))
    return out.getvalue()


def _zip(**files: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in files.items():
            zf.writestr(name.replace("_", "."), text)
    return out.getvalue()


def test_damaged_or_foreign_files_get_a_dutch_message_and_change_nothing(store, tmp_path):
    case, _ = dutch_case(store)
    data = export.export_case(store, case.id)
    target = open_store(tmp_path / "doel")

    def score_as_text(a):
        a["meetings"][0]["goals"][0]["start"] = "3"

    def unknown_field(a):
        a["case"]["bsn"] = "123456789"

    def other_case(a):
        a["meetings"][0]["case_id"] = "anders"

    def newer(a):
        a["schema_version"] = 99

    cases = [
        (b"geen zip", "geen geldig ZIP-bestand"),
        (_zip(leesmij_txt="hallo"), "geen casus.json"),
        (_zip(casus_json="{niet json"), "beschadigd"),
        (_zip(casus_json='{"format": "iets anders"}'), "geen casus-export"),
        (_with_data(data, score_as_text), "De export klopt niet"),
        (_with_data(data, unknown_field), "De export klopt niet"),
        (_with_data(data, other_case), "andere casus"),
        (_with_data(data, newer), "nieuwere versie"),
    ]
    for bad, message in cases:
        with pytest.raises(InvalidInput, match=message):
            export.import_case_archive(target, bad)
    assert target.case_ids() == [] and target.organisations() == []


def test_a_verslag_that_cannot_be_made_never_holds_back_the_data(store, monkeypatch):
    """The AVG export goes out with the case's data and a note in place of the verslag."""
    from hgs.exports import verslag as report

    case, meeting = dutch_case(store)

    def broken(document, fmt):
        raise ValueError("kapot")

    monkeypatch.setattr(report, "write", broken)
    with zipfile.ZipFile(io.BytesIO(export.export_case(store, case.id))) as zf:
        names = set(zf.namelist())
        archive = json.loads(zf.read("casus.json"))
        note = zf.read(f"verslagen/MDO-{case.code}-2026-03-03-pdf.txt").decode()
    assert archive["meetings"][0]["id"] == meeting.id
    assert f"verslagen/MDO-{case.code}-2026-03-03-docx.txt" in names
    assert "kon niet worden gemaakt" in note and "casus.json" in note
