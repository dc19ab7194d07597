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
from hgs.store.editing import Editing
from hgs.store.quarantine import Quarantined


class Store(Editing, ABC):
    """What the app needs from storage. The helpers below and in Editing are written once, on
    top of the few primitives an implementation provides."""

    # -- primitives ---------------------------------------------------------------------------
    @abstractmethod
    def organisations(self) -> list[Organisation]: ...

    @abstractmethod
    def save_organisation(self, organisation: Organisation) -> Organisation: ...

    @abstractmethod
    def remove_organisation(self, organisation_id: str) -> None: ...

    @abstractmethod
    def setting(self, name: str, default: Any = None) -> Any: ...

    @abstractmethod
    def settings(self) -> dict[str, Any]:
        """Every setting by name (for moving a network to another store)."""

    @abstractmethod
    def set_setting(self, name: str, value: Any) -> None: ...

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
        the newest stored version under the case's lock (hgs.planning.removal_problem);
        InvalidInput saying why not otherwise."""

    # -- built on the primitives --------------------------------------------------------------
    def cases(self) -> list[Case]:
        return [self.get_case(case_id) for case_id in self.case_ids()]

    def quarantined(self) -> list[Quarantined]:
        """The files this store set aside as damaged or foreign (only a folder has files)."""
        return []

    def organisation(self, organisation_id: str) -> Organisation:
        for org in self.organisations():
            if org.id == organisation_id:
                return org
        raise NotFound(t("errors.store.organisation_missing", id=organisation_id))

