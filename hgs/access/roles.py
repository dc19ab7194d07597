"""Who may do what: the roles a person can have, the pages each role opens (from the page
registry, hgs.pages) and the cases and organisations a user sees."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from hgs import pages
from hgs.errors import InvalidInput
from hgs.i18n import Labels, t
from hgs.method.records import Case, Organisation

if TYPE_CHECKING:
    from hgs.access.users import User


# The three roles a person can be given. Two more exist only inside a running session: the
# single local user of a launch without sign-in (who has all three), and a participant who came
# in through a meeting's join link (who has none of them).
ROLES: tuple[str, ...] = ("voorzitter", "coordinator", "beheerder")
LOCAL = "lokaal"
PARTICIPANT = "deelnemer"
# the words for the roles, in the session's language ([ui_auth] in the catalogues)
ROLE_LABELS = Labels("ui_auth", (*ROLES, LOCAL, PARTICIPANT))
Role = Literal["voorzitter", "coordinator", "beheerder", "lokaal", "deelnemer"]


def normal_role(role: str) -> str:
    """A role as typed ("coördinator", "Beheerder") to its key."""
    key = role.strip().lower().replace("ö", "o")
    if key not in ROLES:
        raise InvalidInput(t("errors.auth.unknown_role", role=repr(role),
                             roles=", ".join(ROLE_LABELS[r] for r in ROLES)))
    return key


# -- the rules ---------------------------------------------------------------------------------
def may_open(user: User | None, page: str | os.PathLike) -> bool:
    """Whether the user's role may open the page (the roles in the page registry, hgs.pages);
    a script that is no page of HGS is open to nobody."""
    found = pages.by_path(page)
    return user is not None and found is not None and bool(user.roles & found.roles)


def start_page(user: User) -> str:
    """The page a user lands on: the Werklijst for a voorzitter, Netwerk for a coördinator,
    Beheer for a beheerder (the local user, who has every role, lands on the Werklijst)."""
    for role in (*ROLES, PARTICIPANT):
        if role in user.roles:
            return pages.START_PAGES[role].path
    return pages.SIGN_IN.path


def can_see_case(user: User | None, case: Case) -> bool:
    """A beheerder (who may export and erase) sees every case, a voorzitter the cases of their
    own organisations, a coördinator none: the dashboard shows totals only."""
    if user is None:
        return False
    if "beheerder" in user.roles:
        return True
    return "voorzitter" in user.roles and case.organisation_id in user.organisations


def visible_cases(user: User | None, cases: Iterable[Case]) -> list[Case]:
    return [case for case in cases if can_see_case(user, case)]


def own_organisations(user: User | None,
                      organisations: Iterable[Organisation]) -> list[Organisation]:
    """The organisations a user may create cases for: all for a beheerder, a voorzitter's own."""
    if user is None:
        return []
    if "beheerder" in user.roles:
        return list(organisations)
    return [o for o in organisations if o.id in user.organisations]
