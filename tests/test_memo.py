"""hgs.store.memo: a file is parsed again as soon as its stamp changes, never otherwise."""

import os

from hgs.method.records import Case
from hgs.store import open_store
from hgs.store.memo import ReadMemo


def test_the_memo_reads_again_only_when_the_file_changed(tmp_path):
    path = tmp_path / "f.json"
    path.write_text("1")
    parsed = []
    memo = ReadMemo(size=2)

    def parse():
        parsed.append(1)
        return path.read_text()

    assert memo.read(path, parse) == "1" and memo.read(path, parse) == "1"
    assert len(parsed) == 1
    (tmp_path / "new").write_text("22")
    os.replace(tmp_path / "new", path)  # as atomic_write does: a new file, a new stamp
    assert memo.read(path, parse) == "22" and len(parsed) == 2


def test_the_store_sees_a_write_from_another_process_at_once(tmp_path):
    """Two stores on one folder (two servers): what one writes, the other reads next."""
    one, other = open_store(tmp_path), open_store(tmp_path)
    case = one.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id="o"))
    assert other.get_case(case.id).first_name == "Joris"
    one.update_case(case.id, lambda c: setattr(c, "first_name", "Jorien"))
    assert other.get_case(case.id).first_name == "Jorien"
    one.set_setting("x", [1])
    other.settings()["x"].append(2)  # a caller changing what it got changes no memo
    assert other.settings()["x"] == [1]
