"""Finding and creating cases: codes, search, the list a chair picks from."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import ValidationError

from hgs.errors import InvalidInput, explain
from hgs.i18n import Labels, format_date, t, tn
from hgs.method.records import CASE_CODE, Case, Organisation

if TYPE_CHECKING:
    from hgs.store import Store


def next_code(existing: list[str], year: int | None = None, prefix: str = "L") -> str:
    """The next free pseudonym code of the year, such as L-2026-0042."""
    year = year or dt.date.today().year
    numbers = [int(code.rsplit("-", 1)[1]) for code in existing
               if CASE_CODE.match(code) and code.startswith(f"{prefix}-{year}-")]
    return f"{prefix}-{year}-{max(numbers, default=0) + 1:04d}"


def find_cases(cases: list[Case], organisations: list[Organisation], query: str = "") -> list[Case]:
    """Cases whose code, first name, group or organisation contains every word of `query`."""
    names = {org.id: org.name for org in organisations}
    words = query.lower().split()

    def haystack(case: Case) -> str:
        return " ".join([case.code, case.first_name, case.group,
                         names.get(case.organisation_id, "")]).lower()

    found = [case for case in cases if all(word in haystack(case) for word in words)]
    return sorted(found, key=lambda c: (c.status != "actief", c.first_name.lower(), c.code))


def organisation_name(case: Case, organisations: list[Organisation]) -> str:
    """The name of the case's school or organisation; "" when it is not (any more) in the
    network. Step headers, Voorbereiding, the verslag and the downloads ask this."""
    return next((o.name for o in organisations if o.id == case.organisation_id), "")


def listed_label(first_name: str, code: str, organisation: str, group: str, closed: bool,
                 no_consent: bool) -> str:
    """How a case reads in a list to choose from (a Case, or a row of the store's case index)."""
    marks = (t("errors.cases.closed") if closed else "") + \
        (t("errors.cases.no_consent") if no_consent else "")
    return f"{first_name} · {code} · {organisation}{f', {group}' if group else ''}{marks}"


def new_case(code: str, first_name: str, organisation_id: str, group: str = "",
             birth_year: int | None = None) -> Case:
    """A validated new case; InvalidInput with a message when a field is wrong. The year of
    birth may follow later (Voorbereiding); an MDO with outside professionals waits for it."""
    if not first_name.strip():
        raise InvalidInput(t("errors.cases.first_name"))
    try:
        return Case(code=code.strip().upper(), first_name=first_name,
                    organisation_id=organisation_id, group=group,
                    birth_year=None if birth_year is None else int(birth_year))
    except ValidationError as error:
        raise InvalidInput(explain(error)) from error


def cases_of(organisation_id: str, cases: list[Case]) -> list[Case]:
    return [case for case in cases if case.organisation_id == organisation_id]


def check_removable(store: Store, organisation_id: str) -> None:
    """InvalidInput, saying how many, while a case belongs to the organisation: a case never
    loses its school."""
    if used := cases_of(organisation_id, store.cases()):
        raise InvalidInput(tn("errors.organisation.in_use", len(used)))


def remove_organisation(store: Store, organisation_id: str) -> None:
    """Remove an organisation no case belongs to (check_removable)."""
    check_removable(store, organisation_id)
    store.remove_organisation(organisation_id)


# -- closing a case ----------------------------------------------------------------------------
# Why a case ends, in the users' words ([casus_afsluiten.reasons] in the catalogues). A closed
# case keeps every meeting: it stays on Netwerk and in the search (last), and leaves the
# werklijst, which reads `Case.status`.
CLOSE_REASONS = Labels("casus_afsluiten.reasons", ("doelen bereikt", "overgedragen", "gestopt"))


def close_case(case: Case, reason: str | None, day: dt.date | None, today: dt.date) -> None:
    """Afsluiten on `day` for `reason`; InvalidInput, in words, without a reason, without a
    date, or for a date before the case was made or after today."""
    if reason not in CLOSE_REASONS:
        raise InvalidInput(t("casus_afsluiten.kies_reden"))
    if day is None:
        raise InvalidInput(t("casus_afsluiten.kies_datum"))
    if day > today:
        raise InvalidInput(t("casus_afsluiten.datum_toekomst"))
    if day < case.created:
        raise InvalidInput(t("casus_afsluiten.datum_voor_start", date=format_date(case.created)))
    case.status, case.closed, case.close_reason = "afgesloten", day, reason


def reopen_case(case: Case) -> None:
    """Heropenen: the case runs again, as if it had never been closed (the audit log keeps
    that it was)."""
    case.status, case.closed, case.close_reason = "actief", None, ""
