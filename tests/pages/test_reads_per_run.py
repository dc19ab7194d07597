"""One rerun of a step page reads its case file and network.json at most once each
(hgs.store.memo), and still shows what another session wrote just before."""

import collections
from pathlib import Path

from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.store import tinydb, tinyfiles

STEP_4 = pages.for_step(4).path


def test_a_rerun_of_step_4_reads_each_file_at_most_once(data, monkeypatch):
    store, case, meeting = data
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    at.switch_page(STEP_4).run()
    assert not at.exception, at.exception
    reads = collections.Counter()
    real = tinydb.read_regular

    def counted(path):
        reads[Path(path).name] += 1
        return real(path)

    monkeypatch.setattr(tinydb, "read_regular", counted)
    monkeypatch.setattr(tinyfiles, "read_regular", counted)  # the storage's reads
    # another session changes the case and the network: this rerun must read both again
    store.set_field(case.id, meeting.id, "research_reason", "Onderzoek naar het lezen")
    store.set_setting("reads-test", 1)
    reads.clear()
    at.switch_page(STEP_4).run()
    assert not at.exception, at.exception
    assert reads[f"{case.id}.json"] == 1, reads
    assert reads["network.json"] == 1, reads
    assert store.get_meeting(case.id, meeting.id).research_reason == "Onderzoek naar het lezen"
    reads.clear()
    at.switch_page(STEP_4).run()  # nothing changed: nothing read again
    assert sum(reads.values()) == 0, reads
