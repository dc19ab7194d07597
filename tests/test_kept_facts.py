"""The facts the store keeps for Netwerk (hgs.store.facts, hgs.store.pgfacts), on both backends:
right after every kind of write, only the written case changed, rebuilt when missing or stale,
and read without a case by a fresh process; and the FactsCache that lays them out."""

from __future__ import annotations

import logging

import pandas as pd
import psycopg

from hgs.analytics import filters, network
from hgs.analytics.netcache import FactsCache
from hgs.method.facts import facts_or_none
from hgs.store import backup, open_store
from hgs.store.facts import FACTS
from tests.conftest import store_target
from tests.test_network import make_network


def truth(store) -> dict[str, dict | None]:
    """Every case's facts made from its documents now."""
    source = store.documents()
    return {key: facts_or_none(doc) for key, _, doc in source.read(source.stamps())}


def fill(store, new_organisation, new_case, new_meeting, n=3):
    new_organisation(id="org1")
    cases = [new_case() for _ in range(n)]
    for case in cases:
        meeting = new_meeting(case)
        store.add_item(case.id, meeting.id, "tops_tips", text=f"top van {case.first_name}",
                       kind="top", group="ouders")
    return cases


def test_a_fresh_source_gives_every_case_and_then_only_the_one_written(
        store, new_organisation, new_case, new_meeting, caplog):
    cases = fill(store, new_organisation, new_case, new_meeting)
    source = store.case_facts()
    everything, facts = source.changes()
    assert everything and facts == truth(store)
    assert source.changes() == (False, {})
    meeting = store.meetings(cases[1].id)[0]
    store.add_item(cases[1].id, meeting.id, "tops_tips", text="een tip", kind="tip")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        everything, facts = source.changes()
    assert "rebuilt" not in caplog.text  # kept by the write itself, not mended by the reader
    assert not everything and list(facts) == [cases[1].id]
    assert facts[cases[1].id] == truth(store)[cases[1].id]
    assert any(x["text"] == "een tip" for x in facts[cases[1].id]["texts"])


def test_erase_and_import_keep_the_facts_right(store, new_organisation, new_case, new_meeting):
    cases = fill(store, new_organisation, new_case, new_meeting)
    source = store.case_facts()
    source.changes()
    case, meetings = cases[0], store.meetings(cases[0].id)
    store.erase_case(case.id)
    assert source.changes() == (False, {case.id: None})
    if hasattr(store, "data_dir"):  # no copy of the erased case stays in the facts file
        raw = (store.data_dir / FACTS).read_text()
        assert case.id not in raw and case.code.lower() not in raw
    store.import_case(case, meetings)
    everything, facts = source.changes()
    assert not everything and facts == {case.id: truth(store)[case.id]}
    assert store.case_facts().changes() == (True, truth(store))


def test_a_fresh_process_reads_only_the_facts(store, new_organisation, new_case, new_meeting,
                                              monkeypatch, reopen):
    fill(store, new_organisation, new_case, new_meeting)
    expected = truth(store)
    store.case_facts().changes()  # the facts file is there (TinyDB makes it on the first read)
    import hgs.store.facts as kept
    import hgs.store.pgfacts as pgkept

    def no_case_read(*args):
        raise AssertionError("a case was read")

    monkeypatch.setattr(kept, "plain_document", no_case_read)
    monkeypatch.setattr(pgkept, "keep_facts", no_case_read)
    assert reopen(store).case_facts().changes() == (True, expected)


def test_missing_or_stale_facts_are_rebuilt_and_logged(store, new_organisation, new_case,
                                                       new_meeting, caplog):
    cases = fill(store, new_organisation, new_case, new_meeting)
    store.case_facts().changes()
    if hasattr(store, "data_dir"):
        (store.data_dir / FACTS).unlink()
    else:
        with psycopg.connect(store.url, autocommit=True) as conn:
            conn.execute("DELETE FROM case_facts WHERE case_id = %s", (cases[0].id,))
    with caplog.at_level(logging.WARNING):
        assert store.case_facts().changes() == (True, truth(store))
    assert "rebuilt" in caplog.text


def test_a_restore_brings_facts_that_agree_with_the_restored_cases(
        tinydb_store, new_organisation, new_case, new_meeting):
    store = tinydb_store
    cases = fill(store, new_organisation, new_case, new_meeting)
    source = store.case_facts()
    source.changes()
    made = backup.create_backup(store)
    store.erase_case(cases[0].id)
    store.add_item(cases[1].id, store.meetings(cases[1].id)[0].id, "tops_tips", text="later",
                   kind="tip")
    backup.restore(made.path, store.data_dir)
    _, facts = source.changes()
    restored = truth(open_store(store_target(store)))
    assert cases[0].id in restored and facts[cases[1].id] == restored[cases[1].id]
    assert facts[cases[0].id] == restored[cases[0].id]
    assert store.case_facts().changes() == (True, restored)


def _rows(frames, family):
    frame = getattr(frames, family).drop(columns=["case"]).astype(str)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def network_in(store, tmp_path):
    """test_network's network of known answers (7 + 3 cases, two MDOs each) in `store`."""
    source, orgs = make_network(tmp_path / "bron", {"De Regenboog": 7, "Het Anker": 3})
    for organisation in source.organisations():
        store.save_organisation(organisation)
    for case in source.cases():
        store.import_case(case, source.meetings(case.id))
    return orgs


def test_after_one_write_only_that_case_is_laid_out_again(store, tmp_path):
    orgs = network_in(store, tmp_path)
    cache = FactsCache(store.case_facts())
    before = cache.frames(orgs)
    assert (cache.rebuilds, cache.replaced) == (1, 0) and len(before.meetings) == 20
    cases = store.cases()
    meeting = store.meetings(cases[2].id)[0]
    store.add_item(cases[2].id, meeting.id, "tops_tips", text="nog een top", kind="top",
                   group="school")
    store.erase_case(cases[4].id)
    frames = cache.frames(orgs)
    assert (cache.rebuilds, cache.replaced) == (1, 2)
    fresh = network.NetworkCache(store.documents()).frames(orgs)
    for family in ("meetings", "agreements", "goals", "texts"):
        pd.testing.assert_frame_equal(_rows(frames, family), _rows(fresh, family))
    assert frames.units == fresh.units and frames.drop_words == fresh.drop_words
    assert len(frames.meetings) == 18 and "nog een top" in set(frames.texts.text)
    assert cache.frames(orgs) is frames  # nothing changed: the same frames, nothing re-read


def test_a_filter_state_seen_before_gives_its_view_again(tmp_path):
    store, orgs = make_network(tmp_path, {"De Regenboog": 7, "Het Anker": 3})
    frames = FactsCache(store.case_facts()).frames(orgs)
    everything = filters.filtered(frames, filters.Filter())
    assert everything.meetings is frames.meetings  # nothing selected: no copy
    po = filters.filtered(frames, filters.Filter(sectors=("PO",)))
    assert filters.filtered(frames, filters.Filter(sectors=("PO",))) is po
    assert filters.filtered(frames, filters.Filter(kind="eerste")) is not po


def test_a_case_file_set_aside_leaves_the_facts(tinydb_store, new_organisation, new_case,
                                                 new_meeting):
    store = tinydb_store
    cases = fill(store, new_organisation, new_case, new_meeting)
    source = store.case_facts()
    source.changes()
    store.case_path(cases[0].id).write_text("{kapot")
    store.cases()  # finds it damaged and sets it aside
    assert source.changes() == (False, {cases[0].id: None})
    assert store.case_facts().changes() == (True, truth(store))
