"""Network aggregates on small hand-made networks with known answers, the "< 5" rule at 4, 5 and
6 cases, privacy of names and codes, and the cache that re-reads only changed case files."""

import datetime as dt
import io

import pandas as pd
import pytest

from hgs import network
from hgs.model import Agreement, Case, Goal, Meeting, Need, Organisation, Participant, TopTip
from hgs.store import open_store

DAY = dt.date(2026, 3, 2)
NAMES = ["Joris", "Sanna", "Daan", "Noor", "Ayoub", "Fleur", "Milan", "Yara"]


def make_network(tmp_path, per_org: dict[str, int], parents_every: int = 1, **extra):
    """Organisations with a given number of cases, one first MDO and one follow-up each."""
    store = open_store(tmp_path)
    orgs = {}
    number = 0
    for name, count in per_org.items():
        org = store.save_organisation(Organisation(name=name, sector="PO"))
        orgs[org.id] = (org.name, org.sector)
        for i in range(count):
            number += 1
            first_name = NAMES[number % len(NAMES)]
            case = Case(code=f"L-2026-{number:04d}", first_name=first_name,
                        organisation_id=org.id)
            people = [Participant(name="Juf Anna", role="leerkracht/mentor")]
            if number % parents_every == 0:
                people.append(Participant(name="Moeder", role="ouder/verzorger"))
            goal = Goal(id=f"g{number}", area="kind", text="Doel", start=2, target=6)
            first = Meeting(id=f"m{number}a", case_id=case.id, date=DAY, participants=people,
                            goals=[goal], child_words="Ik speel graag buiten" if i % 2 else "",
                            agreements=[Agreement(id=f"a{number}", what="Plan", who="juf",
                                                  due=DAY + dt.timedelta(days=10))],
                            tops_tips=[TopTip(kind="top", group="ouders",
                                              text=f"Fijn dat {first_name} zelf vertelde, "
                                                   "duidelijke afspraken gemaakt")],
                            needs=[Need(category="een leraar die", more_pupils=True,
                                        text=f"{first_name} heeft korte opdrachten nodig")],
                            rating=8)
            follow = Meeting(id=f"m{number}b", case_id=case.id, kind="evaluatie",
                             date=DAY + dt.timedelta(days=95), previous_id=first.id,
                             participants=people, goals=[goal],
                             scores={goal.id: 6 if i % 2 else 3},
                             agreements=[Agreement(id=f"a{number}", what="Plan", who="juf",
                                                   due=DAY + dt.timedelta(days=10),
                                                   status="gedaan" if i % 2 else "open")],
                             rating=6, **extra)
            store.import_case(case, [first, follow])
    return store, orgs


def frames_of(tmp_path, orgs):
    return network.NetworkCache(tmp_path).frames(orgs)


@pytest.mark.parametrize("count,shown", [(4, False), (5, True), (6, True)])
def test_a_group_of_fewer_than_5_cases_shows_less_than_5(tmp_path, count, shown):
    store, orgs = make_network(tmp_path, {"De Regenboog": count})
    table = network.meeting_figures(frames_of(tmp_path, orgs).meetings, "organisation")
    row = table.iloc[0]
    if shown:
        assert row["casussen"] == count and row["MDO's"] == 2 * count
        assert row["ouders aanwezig (%)"] == 100
    else:
        assert set(row.drop("organisatie")) == {network.SMALL}


def test_meeting_figures_have_known_answers(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6, "B": 5}, parents_every=2)
    frames = frames_of(tmp_path, orgs)
    table = network.meeting_figures(frames.meetings, "organisation").set_index("organisatie")
    # numbers 1..6 in A: parents where number is even: 2, 4, 6 -> 3 of 6 cases
    assert table.loc["A", "ouders aanwezig (%)"] == 50
    assert table.loc["A", "deelnemers (mediaan)"] == 1.5
    # child's words in the first MDO of every second case: 3 of 12 MDOs in A
    assert table.loc["A", "stem van het kind (%)"] == 25
    assert table.loc["A", "rapportcijfer (gemiddeld)"] == 7.0
    head = network.headline(frames.meetings)
    assert head["cases"] == 11 and head["meetings"] == 22


def test_agreements_goals_and_t_scores(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6})
    frames = frames_of(tmp_path, orgs)
    agreements = network.agreement_figures(frames.agreements, DAY + dt.timedelta(days=200))
    assert agreements.iloc[0]["afspraken verlopen"] == 6
    assert agreements.iloc[0]["gedaan (%)"] == 50
    goals = network.goal_figures(frames.goals).iloc[0]
    # start 2, target 6; latest 6 or 3: all improved, half reached
    assert goals["doelen"] == 6 and goals["vooruit (%)"] == 100 and goals["doel bereikt (%)"] == 50
    dist = network.t_score_distribution(frames.meetings).set_index("T-score")
    # scores 6 (target: level 0, T 50) in 3 cases, 3 (level -1, T 40) in 3: both bands < 5 cases
    assert dist.loc["45–55", "MDO's"] == network.SMALL
    assert dist.loc["35–45", "MDO's"] == network.SMALL


def test_filters_by_period_kind_and_organisation(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 5, "B": 6})
    frames = frames_of(tmp_path, orgs)
    only_b = network.filtered(frames, network.Filter(organisations=("B",)))
    assert only_b.meetings.case.nunique() == 6
    first_only = network.filtered(frames, network.Filter(kind="eerste"))
    assert len(first_only.meetings) == 11
    later = network.filtered(frames, network.Filter(start=DAY + dt.timedelta(days=1)))
    assert set(later.meetings.kind) == {"evaluatie"}
    by_month = network.meeting_figures(frames.meetings, "period", "M")
    assert list(by_month.periode) == ["2026-03", "2026-06"]


def test_names_and_codes_never_reach_the_tables_or_exports(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6, "B": 7})
    frames = frames_of(tmp_path, orgs)
    tables = [network.meeting_figures(frames.meetings, "organisation"),
              network.themes_table(frames, "top"),
              network.shared_needs(frames),
              network.shared_needs_network(frames),
              network.principle_figures(frames),
              network.toptip_figures(frames.texts)]
    assert not network.themes_table(frames, "top").empty
    blob = " ".join(network.to_csv(t).decode("utf-8-sig") for t in tables).lower()
    blob += " ".join(frames.texts.text).lower()
    excel = pd.read_excel(io.BytesIO(network.to_excel({"x": t for t in tables[:1]})))
    blob += excel.to_csv().lower()
    for case_id in store.case_ids():
        case = store.get_case(case_id)
        assert case.first_name.lower() not in blob.split() and case.code.lower() not in blob


def test_cache_reads_only_the_case_that_changed(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6})
    cache = network.NetworkCache(tmp_path)
    cache.frames(orgs)
    assert cache.reads == 6
    same = cache.frames(orgs)
    assert cache.reads == 6 and cache.frames(orgs) is same
    case_id = store.case_ids()[0]
    meeting = store.meetings(case_id)[-1]
    store.set_field(case_id, meeting.id, "rating", 3)
    frames = cache.frames(orgs)
    assert cache.reads == 7
    assert 3 in set(frames.meetings.rating)
    store.erase_case(case_id)
    assert cache.frames(orgs).meetings.case.nunique() == 5


def test_a_damaged_case_file_is_left_out_not_fatal(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6})
    (tmp_path / "cases" / "kapot.json").write_bytes(b"{\"case\": ")
    assert frames_of(tmp_path, orgs).meetings.case.nunique() == 6


def test_csv_is_dutch_excel_friendly():
    table = pd.DataFrame({"organisatie": ["A", "B"], "casussen": [6, network.SMALL],
                          "gemiddeld": [7.5, network.SMALL]})
    text = network.to_csv(table).decode("utf-8-sig")
    assert text.splitlines() == ["organisatie;casussen;gemiddeld", "A;6;7,5", "B;< 5;< 5"]
