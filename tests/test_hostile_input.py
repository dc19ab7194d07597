"""Random and hostile input (hypothesis) against the record validation, the store, the case
importer, the back-up check and hgs.texts.plain: every attempt ends in a clean record or a clean
rejection (an HGSError with a Dutch message, or pydantic's error turned into one), never another
exception, and a rejection never changes a file."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import string
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hgs.errors import HGSError, InvalidInput, explain
from hgs.exports import archive as export
from hgs.method import texts
from hgs.method.records import LIST_TYPES, Case, Meeting, Organisation
from hgs.store import SAFE_ID, TinyDBStore, backup

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

HOSTILE_TEXTS = [
    "", " ", "x" * 4001, "y" * 100_000, "\x00", "a\x00b", "\x1b[31mrood\x1b[0m", "\ud800",
    "regel 1\r\nregel 2\x0bregel 3\x0c", "<script>alert(1)</script>",
    "**vet** [klik](javascript:alert(1))", "<img src=x onerror=alert(1)>", "../../etc/passwd",
    "..\\..\\windows\\system32", "/dev/null", "CON", "${jndi:ldap://x}", "'; DROP TABLE cases;--",
    "%s%s%n", "{{7*7}}", "\u202egnp.exe", "Zoë ĳs € – “”", "\ufeff", "🙂" * 50,
]
hostile_text = st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=300),
                         st.text(alphabet=st.characters(codec="utf-8"), max_size=50))
hostile_value = st.one_of(
    hostile_text, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.binary(max_size=20), st.lists(hostile_text, max_size=3),
    st.dictionaries(hostile_text, hostile_text, max_size=3),
    st.sampled_from(["2026-03-02", "2026-02-30", "0001-01-01", "9999-12-31", "gisteren"]),
)


def field_names(kind) -> list[str]:
    return sorted(kind.model_fields)


def records(kind) -> st.SearchStrategy[dict]:
    names = field_names(kind)
    return st.dictionaries(st.one_of(st.sampled_from(names), hostile_text), hostile_value,
                           max_size=len(names) + 2)


def assert_clean(record) -> None:
    """Every text in a record that passed validation is within its limits and document-safe."""
    for value in json.loads(record.model_dump_json()).values():
        for text in (value if isinstance(value, list) else [value]):
            if isinstance(text, str):
                assert not CONTROL.search(text), repr(text)
                assert len(text) <= 4000


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


# -- record validation ---------------------------------------------------------------------------

KINDS = [Organisation, Case, Meeting, *LIST_TYPES.values()]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
@FAST
@given(data=st.data())
def test_any_record_is_valid_and_clean_or_refused_in_dutch(kind, data):
    fields = data.draw(records(kind))
    try:
        record = kind.model_validate(fields)
    except ValidationError as error:
        message = explain(error)
        assert message.endswith(".") and "Traceback" not in message
        return
    assert_clean(record)
    assert kind.model_validate_json(record.model_dump_json()) == record


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_in_a_text_field(text):
    try:
        goal = LIST_TYPES["goals"](area="kind", text=text)
    except ValidationError as error:
        assert explain(error) == "Tekst is te lang (hoogstens 4000 tekens)."
        return
    assert_clean(goal)
    assert "\x00" not in goal.text and len(goal.text) <= 4000


@pytest.mark.parametrize("ref", ["../../etc/passwd", "a/b", "a b", "x" * 65, "\x00", "ä",
                                 "<script>"])
def test_ids_are_never_free_text(ref):
    for make in (lambda: Case(id=ref, code="L-2026-0001", first_name="Jo", organisation_id="o"),
                 lambda: Case(code="L-2026-0001", first_name="Jo", organisation_id=ref),
                 lambda: Meeting(case_id=ref, date=dt.date(2026, 3, 2)),
                 lambda: Meeting(case_id="c", date=dt.date(2026, 3, 2), scores={ref: 3}),
                 lambda: LIST_TYPES["giver_scores"](goal_id=ref, score=3)):
        with pytest.raises(ValidationError) as info:
            make()
        assert explain(info.value).endswith("is niet geldig.") or "te lang" in explain(info.value)


def test_control_characters_are_removed_so_every_document_can_be_written(tmp_path):
    from hgs.exports import contents
    from hgs.exports import verslag as report

    store = TinyDBStore(tmp_path)
    org = store.save_organisation(Organisation(name="X\x00", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Jo\x00ris\x1b",
                                  organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 2)))
    store.set_field(case.id, meeting.id, "reason", "a\x01b\x0bc\r\nd")
    assert store.get_meeting(case.id, meeting.id).reason == "ab\nc\nd"
    document = contents.build(store, case.id, meeting.id, "team", charts=False)
    for fmt in ("md", "pdf", "docx"):
        assert report.write(document, fmt)


# -- the store -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    store = TinyDBStore(tmp_path_factory.mktemp("hostile") / "data")
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id="o1"))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 2)))
    return store, case, meeting


@FAST
@given(list_name=st.one_of(st.sampled_from(sorted(LIST_TYPES)), hostile_text),
       fields=st.dictionaries(st.from_regex(r"\A[a-z_]{1,20}\Z"), hostile_value, max_size=5))
def test_add_item_gives_an_item_or_a_clean_refusal(folder, list_name, fields):
    store, case, meeting = folder
    before = store.case_path(case.id).read_bytes()
    try:
        item = store.add_item(case.id, meeting.id, list_name, **fields)
    except HGSError as error:
        assert str(error)
        assert store.case_path(case.id).read_bytes() == before
        return
    assert_clean(item)
    store.remove_item(case.id, meeting.id, list_name, item.id)


@FAST
@given(field=st.one_of(st.sampled_from(sorted(Meeting.model_fields)), hostile_text,
                       st.builds("{}.{}".format, st.sampled_from(["scores", "party_questions"]),
                                 hostile_text)),
       value=hostile_value)
def test_set_field_sets_a_clean_value_or_refuses_and_writes_nothing(folder, field, value):
    store, case, meeting = folder
    path = store.case_path(case.id)
    before = path.read_bytes()
    try:
        store.set_field(case.id, meeting.id, field, value)
    except HGSError:
        assert path.read_bytes() == before
        return
    assert_clean(store.get_meeting(case.id, meeting.id))
    path.write_bytes(before)


@FAST
@given(case_id=hostile_text)
def test_hostile_case_ids_never_reach_a_file(folder, case_id):
    store, case, meeting = folder
    assume(not SAFE_ID.match(case_id))
    before = tree(store.data_dir)
    for call in (lambda: store.get_case(case_id), lambda: store.meetings(case_id),
                 lambda: store.set_field(case_id, meeting.id, "reason", "x"),
                 lambda: store.erase_case(case_id)):
        with pytest.raises(HGSError):
            call()
    assert tree(store.data_dir) == before


# -- the importer --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> dict:
    """The casus.json of a real export of a demo case (the verslagen are not needed here)."""
    from hgs import demo

    store = TinyDBStore(tmp_path_factory.mktemp("export") / "data")
    demo.build_network(store, cases=1, seed=4, meetings=2)
    case = store.cases()[0]
    return json.loads(export.CaseArchive(
        format="hgs-casus", schema_version=1, exported=dt.datetime(2026, 3, 2, 12, 0),
        organisation=store.organisation(case.organisation_id), case=case,
        meetings=store.meetings(case.id)).model_dump_json())


def as_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


def fresh(tmp_path_factory) -> TinyDBStore:
    return TinyDBStore(tmp_path_factory.mktemp("target") / "data")


def import_cleanly(store: TinyDBStore, payload: bytes) -> None:
    """Import `payload`: a clean case, or a clean refusal that changed nothing."""
    before = tree(store.data_dir)
    try:
        case = export.import_case_archive(store, payload)
    except InvalidInput as error:
        assert str(error) and tree(store.data_dir) == before
        return
    assert_clean(case)
    assert store.get_case(case.id) == case
    assert all(p.parent == store.cases_dir for p in store.data_dir.rglob("*.json")
               if p.name != "network.json")
    store.erase_case(case.id)


def test_the_archive_itself_imports(archive, tmp_path_factory):
    store = fresh(tmp_path_factory)
    case = export.import_case_archive(store, as_zip({"casus.json": json.dumps(archive).encode()}))
    assert store.meetings(case.id)


@FAST
@given(payload=st.one_of(st.binary(max_size=2000), st.sampled_from([b"", b"PK\x03\x04", b"{}"])))
def test_random_bytes_are_refused(tmp_path_factory, payload):
    import_cleanly(fresh(tmp_path_factory), payload)


@FAST
@given(files=st.dictionaries(st.one_of(st.sampled_from(["casus.json", "../casus.json",
                                                        "/etc/passwd", "casus.json/x"]),
                                       hostile_text.filter(lambda n: 0 < len(n) < 300)),
                             st.one_of(st.binary(max_size=200),
                                       hostile_value.map(lambda v: json.dumps(
                                           v, default=repr).encode())),
                             max_size=4))
def test_random_zips_are_refused(tmp_path_factory, files):
    try:
        payload = as_zip(files)
    except Exception:  # zipfile itself cannot write such names: nothing to import
        return
    import_cleanly(fresh(tmp_path_factory), payload)


def paths(data, node, prefix=()):
    """Every (path, value) inside a JSON document."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(data, value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(data, value, prefix + (index,))


@FAST
@given(data=st.data())
def test_a_tampered_export_imports_cleanly_or_is_refused(archive, tmp_path_factory, data):
    doc = json.loads(json.dumps(archive))
    places = [p for p, _ in paths(doc, doc) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        place = data.draw(st.sampled_from(places))
        parent = doc
        try:
            for key in place[:-1]:
                parent = parent[key]
            parent[place[-1]] = data.draw(hostile_value)
        except (KeyError, IndexError, TypeError):
            continue
    import_cleanly(fresh(tmp_path_factory),
                   as_zip({"casus.json": json.dumps(doc, default=repr).encode()}))


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "..", "a/b", "x" * 65, "a\x00b", "",
                                    "C:\\x", "<script>"])
@pytest.mark.parametrize("where", ["case", "meeting"])
def test_path_names_as_ids_are_refused(archive, tmp_path_factory, bad_id, where):
    doc = json.loads(json.dumps(archive))
    if where == "case":
        doc["case"]["id"] = bad_id
        for meeting in doc["meetings"]:
            meeting["case_id"] = bad_id
    else:
        doc["meetings"][0]["id"] = bad_id
    store = fresh(tmp_path_factory)
    with pytest.raises(InvalidInput):
        export.import_case_archive(store, as_zip({"casus.json": json.dumps(doc).encode()}))
    assert tree(store.data_dir) == {}
    assert not list(store.data_dir.parent.rglob("passwd"))


# -- the back-up check ---------------------------------------------------------------------------

@FAST
@given(files=st.dictionaries(hostile_text.filter(lambda n: 0 < len(n) < 300),
                             st.binary(max_size=200), max_size=5),
       manifest=st.booleans())
def test_any_zip_gets_a_check_and_never_restores_when_wrong(tmp_path_factory, files, manifest):
    folder = tmp_path_factory.mktemp("restore")
    if manifest:
        files = {**files, backup.MANIFEST: json.dumps({"format": "hgs-backup",
                                                       "schema_version": 1,
                                                       "taken": "2026-03-02T09:00:00"}).encode()}
    try:
        payload = as_zip(files)
    except Exception:  # zipfile itself cannot write such names
        return
    source = folder / "hgs-backup-2026-03-02-090000.zip"
    source.write_bytes(payload)
    data = folder / "data"
    TinyDBStore(data).set_setting("netwerknaam", "SWV")
    before = tree(data)
    check = backup.check_backup(source)
    if check.ok:
        backup.restore(source, data)
        assert TinyDBStore(data).cases() is not None
    else:
        with pytest.raises(InvalidInput):
            backup.restore(source, data)
        assert tree(data) == before
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("data")) == \
        [source.name]
    shutil.rmtree(folder)


def test_a_name_too_long_for_the_disk_is_refused_in_the_check_not_at_the_restore(tmp_path):
    """Hypothesis once found it: a member named longer than a file name may be (255 bytes)
    passed the check and failed the restore with the OS's "File name too long"."""
    manifest = json.dumps({"format": "hgs-backup", "schema_version": 1,
                           "taken": "2026-03-02T09:00:00"}).encode()
    source = tmp_path / "hgs-backup-2026-03-02-090000.zip"
    source.write_bytes(as_zip({backup.MANIFEST: manifest, "network.json": b"{}",
                               "é" * 200 + ".txt": b"{}"}))
    data = tmp_path / "data"
    TinyDBStore(data).set_setting("netwerknaam", "SWV")
    before = tree(data)
    assert not backup.check_backup(source).ok
    with pytest.raises(InvalidInput):
        backup.restore(source, data)
    assert tree(data) == before


# -- hgs.texts.plain -------------------------------------------------------------------------------

@FAST
@given(text=st.one_of(hostile_text, st.text(alphabet=string.printable, max_size=200)))
def test_plain_escapes_every_markup_character(text):
    shown = texts.plain(text)
    bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", shown)  # take out every escaped character
    assert not re.search(r"[!-/:-@\[-`{-~]", bare), shown
    assert not CONTROL.search(shown)
    unescaped = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", shown).replace("  \n", "\n")
    unescaped = unescaped.replace(texts.WORD_JOINER, "")  # what breaks autolinks
    assert unescaped.split() == "".join(c for c in text if c.isprintable() or c.isspace()).split()


def test_plain_with_a_limit_is_one_short_line():
    assert texts.plain("een\ntwee *drie*", 9) == r"een twee…"
    assert texts.plain("kort", 80) == "kort"
