"""The audited store: every write of the interface notes a change, no read does, and a screen
whose sign-in ended writes nothing."""

from __future__ import annotations

import inspect
from unittest import mock

import pytest

from hgs.access.audited import AuditedStore, SignInEnded
from hgs.store import Store, TinyDBStore

READS = {"organisations", "settings", "case_ids", "get_case", "meetings", "documents", "case_facts", "case_index",
         "close"}
WRITES = sorted(Store.__abstractmethods__ - READS)


def call(store: Store, name: str):
    """`name` on `store` with a stand-in for each of its arguments."""
    method = getattr(store, name)
    return method(*(object() for _ in inspect.signature(method).parameters))


def wrapped(holds: bool = True):
    inner = mock.create_autospec(TinyDBStore, instance=True)
    note = mock.Mock()
    return inner, note, AuditedStore(inner, note, lambda: holds)


def test_the_interface_has_the_writes_this_test_knows():
    assert WRITES == ["create_case", "create_meeting", "erase_case", "import_case",
                      "remove_meeting", "remove_organisation", "save_organisation",
                      "set_setting", "update_case", "update_meeting"]


@pytest.mark.parametrize("name", WRITES)
def test_every_write_of_the_interface_is_passed_on_and_noted_once(name):
    inner, note, audited = wrapped()
    assert call(audited, name) is getattr(inner, name).return_value
    getattr(inner, name).assert_called_once()
    note.assert_called_once_with()


@pytest.mark.parametrize("name", WRITES)
def test_a_write_after_the_sign_in_ended_writes_and_notes_nothing(name):
    inner, note, audited = wrapped(holds=False)
    with pytest.raises(SignInEnded):
        call(audited, name)
    getattr(inner, name).assert_not_called()
    note.assert_not_called()


@pytest.mark.parametrize("name", sorted(READS - {"close"} | {"cases", "get_meeting"}))
def test_a_read_is_passed_on_and_not_noted(name):
    inner, note, audited = wrapped(holds=False)  # reading needs no sign-in check either
    assert call(audited, name) is getattr(inner, name).return_value
    note.assert_not_called()


def test_closing_the_wrapper_leaves_the_app_s_store_open():
    inner, _, audited = wrapped()
    audited.close()
    inner.close.assert_not_called()


def test_the_field_and_item_helpers_are_audited_through_update_meeting(store, meeting):
    note = mock.Mock()
    audited = AuditedStore(store, note)
    ids = meeting.case_id, meeting.id
    audited.set_field(*ids, "reason", "Rekenen")
    assert audited.save_field(*ids, "chair", "Anna", "") is False
    item = audited.add_item(*ids, "questions", text="Wat helpt?")
    audited.save_item_field(*ids, "questions", item.id, "text", "Wat helpt jou?", "Wat helpt?")
    audited.update_item(*ids, "questions", item.id, text="Wat helpt nu?")
    audited.remove_item(*ids, "questions", item.id)
    assert note.call_count == 6
    assert audited.get_meeting(*ids).reason == "Rekenen"  # reads pass through
    assert [c.id for c in audited.cases()] == [meeting.case_id]
    assert note.call_count == 6
