"""The storage interface HGS talks to: what every backend (TinyDB files, PostgreSQL) provides.

Pages, exports and the command lines see only this interface; the field and item editing helpers
(hgs.store.editing) are written once on top of it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from hgs.errors import NotFound
from hgs.i18n import t
from hgs.method.records import Case, Meeting, Organisation
from hgs.store.caseindex import CaseRow
from hgs.store.editing import Editing
from hgs.store.sources import DocumentSource, FactsSource


class Store(Editing, ABC):
    """What the app needs from storage. The helpers below and in Editing are written once, on
    top of the primitives an implementation provides: the network's organisations and settings,
    and each case and its meetings, read and written as one atomic step under the case's lock.
    What only one backend has (TinyDB's quarantine folder) is not part of it."""

    # -- primitives: the network --------------------------------------------------------------
    @abstractmethod
    def organisations(self) -> list[Organisation]: ...

    @abstractmethod
    def save_organisation(self, organisation: Organisation) -> Organisation: ...

    @abstractmethod
    def remove_organisation(self, organisation_id: str) -> None: ...

    @abstractmethod
    def settings(self) -> dict[str, Any]:
        """Every setting by name (for moving a network to another store)."""

    @abstractmethod
    def set_setting(self, name: str, value: Any) -> None: ...

    # -- primitives: cases and their meetings -------------------------------------------------
    @abstractmethod
    def case_ids(self) -> list[str]: ...

    @abstractmethod
    def get_case(self, case_id: str) -> Case: ...

    @abstractmethod
    def create_case(self, case: Case) -> Case: ...

    @abstractmethod
    def update_case(self, case_id: str, change: Callable[[Case], None]) -> Case: ...

    @abstractmethod
    def erase_case(self, case_id: str) -> None: ...

    @abstractmethod
    def import_case(self, case: Case, meetings: list[Meeting]) -> None:
        """Write a whole case with its meetings in one go (demo data, re-import of an export);
        replaces a case with the same id."""

    @abstractmethod
    def meetings(self, case_id: str) -> list[Meeting]:
        """The case's meetings, oldest first."""

    @abstractmethod
    def create_meeting(self, meeting: Meeting) -> Meeting: ...

    @abstractmethod
    def update_meeting(self, case_id: str, meeting_id: str,
                       change: Callable[[Meeting], Any]) -> Meeting:
        """Apply `change` to the newest stored meeting and store it, as one atomic step."""

    @abstractmethod
    def remove_meeting(self, case_id: str, meeting_id: str) -> None:
        """Remove a meeting that is still empty and that no other meeting follows, checked on
        the newest stored version under the case's lock (hgs.method.planning.removal_problem);
        InvalidInput saying why not otherwise."""

    @abstractmethod
    def case_index(self) -> list[CaseRow]:
        """One short row per case (hgs.store.caseindex), by code: what Start lists and searches,
        kept by the store on each write instead of reading every case."""

    @abstractmethod
    def documents(self) -> DocumentSource:
        """Every case as a raw document with its change stamp, for the Netwerk dashboard."""

    @abstractmethod
    def case_facts(self) -> FactsSource:
        """Every case's facts for Netwerk, kept beside the data on each write
        (hgs.store.facts on a data folder, hgs.store.pgfacts on PostgreSQL)."""

    @abstractmethod
    def close(self) -> None:
        """Let go of what the store holds open (PostgreSQL: its connection pool)."""

    # -- built on the primitives --------------------------------------------------------------
    def cases(self) -> list[Case]:
        return [self.get_case(case_id) for case_id in self.case_ids()]

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings().get(name, default)

    def organisation(self, organisation_id: str) -> Organisation:
        for org in self.organisations():
            if org.id == organisation_id:
                return org
        raise NotFound(t("errors.store.organisation_missing", id=organisation_id))

