"""The store as the pages of one case see it: every write also notes a change in the audit log.

An explicit wrapper of the Store interface, not a proxy with a list of names: each write
primitive checks that the screen's sign-in still holds, delegates and notes the change; each read
delegates as it is. A write added to the interface has to be written here too (Store's abstract
methods leave the class unusable until it is), and the field and item helpers of hgs.store.editing
write through `update_meeting`, so every one of them is audited as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import Store
from hgs.store.caseindex import CaseRow
from hgs.store.sources import DocumentSource, FactsSource


class SignInEnded(HGSError):
    """The sign-in behind a screen ended (signed out, removed, another role): nothing more."""


class AuditedStore(Store):
    """`store` for one screen: `note()` after every write (a "change" line in the audit log);
    before it, `holds()` must still say the sign-in this screen was made for holds (a widget's
    callback saves before the page's guard runs), else SignInEnded and nothing is written."""

    def __init__(self, store: Store, note: Callable[[], None],
                 holds: Callable[[], bool] = lambda: True) -> None:
        self._store, self._note, self._holds = store, note, holds

    def _write(self, write: Callable[..., Any], *args: Any) -> Any:
        if not self._holds():
            raise SignInEnded(t("sessions.sign_in_ended"))
        result = write(*args)
        self._note()
        return result

    # -- writes: audited ----------------------------------------------------------------------
    def save_organisation(self, organisation: Organisation) -> Organisation:
        return self._write(self._store.save_organisation, organisation)

    def remove_organisation(self, organisation_id: str) -> None:
        return self._write(self._store.remove_organisation, organisation_id)

    def set_setting(self, name: str, value: Any) -> None:
        return self._write(self._store.set_setting, name, value)

    def create_case(self, case: Case) -> Case:
        return self._write(self._store.create_case, case)

    def update_case(self, case_id: str, change: Callable[[Case], None]) -> Case:
        return self._write(self._store.update_case, case_id, change)

    def erase_case(self, case_id: str) -> Any:
        return self._write(self._store.erase_case, case_id)

    def import_case(self, case: Case, meetings: list[Meeting]) -> None:
        return self._write(self._store.import_case, case, meetings)

    def create_meeting(self, meeting: Meeting) -> Meeting:
        return self._write(self._store.create_meeting, meeting)

    def update_meeting(self, case_id: str, meeting_id: str,
                       change: Callable[[Meeting], Any]) -> Meeting:
        return self._write(self._store.update_meeting, case_id, meeting_id, change)

    def remove_meeting(self, case_id: str, meeting_id: str) -> None:
        return self._write(self._store.remove_meeting, case_id, meeting_id)

    # -- reads: passed through (the backend's own, e.g. TinyDB's checked list of cases) ----------
    def organisations(self) -> list[Organisation]:
        return self._store.organisations()

    def settings(self) -> dict[str, Any]:
        return self._store.settings()

    def setting(self, name: str, default: Any = None) -> Any:
        return self._store.setting(name, default)

    def case_ids(self) -> list[str]:
        return self._store.case_ids()

    def cases(self) -> list[Case]:
        return self._store.cases()

    def get_case(self, case_id: str) -> Case:
        return self._store.get_case(case_id)

    def meetings(self, case_id: str) -> list[Meeting]:
        return self._store.meetings(case_id)

    def get_meeting(self, case_id: str, meeting_id: str) -> Meeting:
        return self._store.get_meeting(case_id, meeting_id)

    def case_index(self) -> list[CaseRow]:
        return self._store.case_index()

    def documents(self) -> DocumentSource:
        return self._store.documents()

    def case_facts(self) -> FactsSource:
        return self._store.case_facts()

    def close(self) -> None:
        """Nothing: the wrapper owns nothing, the store it wraps is the app's."""
