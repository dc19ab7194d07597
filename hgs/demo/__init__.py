"""Demo data: a seeded, realistic but fictitious network of schools, partners, cases and MDOs."""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

from hgs import config
from hgs.demo.writer import CaseWriter, Network
from hgs.exports.archive import remove_case
from hgs.method.records import Case, Organisation
from hgs.store import Store


def build_network(store: Store, cases: int = 40, seed: int = 7, today: dt.date | None = None,
                  meetings: int | None = None) -> dict[str, int]:
    """Write a demo network into `store`: the same seed and day give the same data, ids
    included. `meetings` forces that many MDOs per case (benchmarks); otherwise 1 to 5."""
    net = Network(random.Random(seed), today or dt.date.today())
    for organisation in net.organisations:
        store.save_organisation(organisation)
    counts = {"organisations": len(net.organisations),
              **dict.fromkeys(("cases", "meetings", "goals", "agreements", "tops_tips"), 0)}
    for _ in range(cases):
        n = meetings or 1 + net.rng.choices((0, 1, 2, 3, 4), (5, 9, 12, 9, 5))[0]
        case, case_meetings = CaseWriter(net, n).write()
        store.import_case(case, case_meetings)
        counts["cases"] += 1
        counts["meetings"] += len(case_meetings)
        counts["goals"] += len({g.id for m in case_meetings for g in m.goals})
        counts["agreements"] += len({a.id for m in case_meetings for a in m.agreements})
        counts["tops_tips"] += sum(len(m.tops_tips) for m in case_meetings)
    store.set_setting("demo", True)
    return counts


def load_demo_if_empty(store: Store) -> bool:
    """Fill a data folder that was never used with the demo network; True if it did."""
    if (store.setting("initialised") is not None or store.case_ids()
            or store.organisations()):
        return False
    if not config.demo_allowed():
        store.set_setting("initialised", True)
        return False
    build_network(store)
    store.set_setting("initialised", True)
    return True


# The demo network the app loads on a fresh folder (load_demo_if_empty): its ids depend on the
# seed and the number of cases only, never on the day it was made, so they recognise the demo
# cases and organisations of a folder filled before records carried their demo mark.
DEFAULT_SEED, DEFAULT_CASES = 7, 40


@functools.cache
def legacy_demo_ids(seed: int = DEFAULT_SEED, cases: int = DEFAULT_CASES
                    ) -> tuple[frozenset[str], frozenset[str]]:
    """(case ids, organisation ids) of the demo network `build_network` makes with this seed
    and number of cases, worked out without writing anything (about 0.05 s)."""
    net = Network(random.Random(seed), dt.date.today())
    case_ids = set()
    for _ in range(cases):  # the same draws as build_network, in the same order
        n = 1 + net.rng.choices((0, 1, 2, 3, 4), (5, 9, 12, 9, 5))[0]
        case_ids.add(CaseWriter(net, n).write()[0].id)
    return frozenset(case_ids), frozenset(o.id for o in net.organisations)


def is_demo_case(case: Case) -> bool:
    """Made by the demo network: marked so, or one of the default demo network's cases."""
    return case.demo or case.id in legacy_demo_ids()[0]


def is_demo_organisation(organisation: Organisation) -> bool:
    return organisation.demo or organisation.id in legacy_demo_ids()[1]


@dataclass(frozen=True)
class EmptyStart:
    """What "Leeg beginnen" removes and what it keeps: demo cases go; cases someone created
    stay, and so does every organisation one of them belongs to."""

    demo_cases: tuple[Case, ...]
    meetings: int  # the MDOs of those demo cases
    own_cases: tuple[Case, ...]
    demo_organisations: tuple[Organisation, ...]  # removed
    kept_organisations: tuple[Organisation, ...]  # demo organisations a remaining case uses


def plan_start_empty(store: Store) -> EmptyStart:
    """What "Leeg beginnen" would remove from `store` now, and what stays."""
    cases = store.cases()
    demo_cases = tuple(c for c in cases if is_demo_case(c))
    own_cases = tuple(c for c in cases if not is_demo_case(c))
    used = {c.organisation_id for c in own_cases}
    demo_orgs = [o for o in store.organisations() if is_demo_organisation(o)]
    return EmptyStart(
        demo_cases=demo_cases, meetings=sum(len(store.meetings(c.id)) for c in demo_cases),
        own_cases=own_cases,
        demo_organisations=tuple(o for o in demo_orgs if o.id not in used),
        kept_organisations=tuple(o for o in demo_orgs if o.id in used))


def start_empty(store: Store) -> EmptyStart:
    """ "Leeg beginnen": remove the demo cases (with their MDOs and join links) and the demo
    organisations no remaining case uses; every case someone created stays, with its
    organisation. What was removed and kept is worked out again now, not taken from what the
    question showed, so a case made in between is never lost."""
    plan = plan_start_empty(store)
    for case in plan.demo_cases:
        remove_case(store, case.id)
    for organisation in plan.demo_organisations:
        store.remove_organisation(organisation.id)
    store.set_setting("demo", False)
    store.set_setting("initialised", True)
    return plan
