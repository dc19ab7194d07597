"""Network aggregates on small hand-made networks with known answers, the "< 5" rule at 4, 5 and
6 cases, privacy of names and codes, and the cache that re-reads only changed case files."""

import datetime as dt
import io

import pandas as pd
import pytest

from hgs.analytics import dashboard, figures, filters, network, sheets, toptips
from hgs.i18n import format_number, using
from hgs.method.checks import CHECK_TITLES, checks_summary
from hgs.method.cycle import carry_over_from
from hgs.method.records import (
    Agreement,
    Case,
    Goal,
    Meeting,
    Need,
    Organisation,
    OverviewItem,
    Participant,
    TopTip,
)
from hgs.method.steps import is_empty
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
                            goals=[goal], circle_essence="Ik speel graag buiten" if i % 2 else "",
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
    return network.NetworkCache(open_store(tmp_path).documents()).frames(orgs)


@pytest.mark.parametrize("count,shown", [(4, False), (5, True), (6, True)])
def test_a_group_of_fewer_than_5_cases_shows_less_than_5(tmp_path, count, shown):
    store, orgs = make_network(tmp_path, {"De Regenboog": count})
    table = figures.meeting_figures(frames_of(tmp_path, orgs), "organisation")
    row = table.iloc[0]
    if shown:
        assert row["casussen"] == count and row["MDO's"] == 2 * count
        assert row["ouders aanwezig (%)"] == 100
    else:
        assert set(row.drop("organisatie")) == {network.SMALL}


def test_meeting_figures_have_known_answers(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6, "B": 5}, parents_every=2)
    frames = frames_of(tmp_path, orgs)
    table = figures.meeting_figures(frames, "organisation").set_index("organisatie")
    # numbers 1..6 in A: parents where number is even: 2, 4, 6 -> 3 of 6 cases
    assert table.loc["A", "ouders aanwezig (%)"] == 50
    assert table.loc["A", "deelnemers (mediaan)"] == 1.5
    # child's words in the first MDO of every second case: 3 of 12 MDOs in A
    assert table.loc["A", "stem van het kind (%)"] == 25
    assert table.loc["A", "rapportcijfer (gemiddeld)"] == 7.0
    head = figures.headline(frames)
    assert head["cases"] == 11 and head["meetings"] == 22
    with using("nl"):
        shown = figures.headline_cells(frames)
    assert shown["cases"] == "11" and shown["meetings"] == "22"
    assert shown["parents"] == f"{head['parents']}%"
    assert shown["participants"] == format_number(head["participants"], lang="nl")
    store, orgs = make_network(tmp_path / "few", {"A": 4})
    few = figures.headline_cells(frames_of(tmp_path / "few", orgs))
    assert set(few.values()) == {"< 5"}


def test_agreements_goals_and_t_scores(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6})
    frames = frames_of(tmp_path, orgs)
    agreements = figures.agreement_figures(frames, DAY + dt.timedelta(days=200))
    assert agreements.iloc[0]["afspraken verlopen"] == 6
    assert agreements.iloc[0]["gedaan (%)"] == 50
    goals = figures.goal_figures(frames).iloc[0]
    # start 2, target 6; latest 6 or 3: all improved, half reached
    assert goals["doelen"] == 6 and goals["vooruit (%)"] == 100 and goals["doel bereikt (%)"] == 50
    dist = figures.t_score_distribution(frames).set_index("T-score")
    # scores 6 (target: level 0, T 50) in 3 cases, 3 (level -1, T 40) in 3: both bands < 5 cases
    assert dist.loc["45–55", "MDO's"] == network.SMALL
    assert dist.loc["35–45", "MDO's"] == network.SMALL


def test_filters_by_period_kind_and_organisation(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 5, "B": 6})
    frames = frames_of(tmp_path, orgs)
    only_b = filters.filtered(frames, filters.Filter(organisations=("B",)))
    assert only_b.meetings.case.nunique() == 6
    first_only = filters.filtered(frames, filters.Filter(kind="eerste"))
    assert len(first_only.meetings) == 11
    # periods are whole quarters: a day later is the same quarter, the next quarter is not
    a_day_later = filters.filtered(frames, filters.Filter(start=DAY + dt.timedelta(days=1)))
    assert len(a_day_later.meetings) == len(frames.meetings)
    next_quarter = filters.filtered(frames, filters.Filter(start=dt.date(2026, 4, 1)))
    assert set(next_quarter.meetings.kind) == {"evaluatie"}
    one_day = filters.filtered(frames, filters.Filter(start=DAY, end=DAY))
    assert len(one_day.meetings) == 11  # all of the first quarter, not the MDOs of one day
    assert list(figures.meeting_figures(frames, "period").periode) == ["2026-K1", "2026-K2"]


def test_names_and_codes_never_reach_the_tables_or_exports(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6, "B": 7})
    frames = frames_of(tmp_path, orgs)
    tables = [figures.meeting_figures(frames, "organisation"),
              toptips.themes_table(frames, "top"),
              toptips.shared_needs(frames),
              toptips.shared_needs_network(frames),
              toptips.principle_figures(frames),
              toptips.toptip_figures(frames),
              figures.method_overview(frames),
              figures.method_figures(frames, "organisation")]
    assert not toptips.themes_table(frames, "top").empty
    blob = " ".join(sheets.to_csv(t).decode("utf-8-sig") for t in tables).lower()
    blob += " ".join(frames.texts.text).lower()
    excel = pd.read_excel(io.BytesIO(sheets.to_excel({"x": tables[0]})))
    blob += excel.to_csv().lower()
    for case_id in store.case_ids():
        case = store.get_case(case_id)
        assert case.first_name.lower() not in blob.split() and case.code.lower() not in blob


def test_cache_reads_only_the_case_that_changed(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6})
    cache = network.NetworkCache(open_store(tmp_path).documents())
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
    text = sheets.to_csv(table).decode("utf-8-sig")
    assert text.splitlines() == ["organisatie;casussen;gemiddeld", "A;6;7,5", "B;< 5;< 5"]


# -- the method's checks, counted -----------------------------------------------------------------
def test_cancelled_and_empty_mdos_do_not_count_nor_what_they_hold(tmp_path):
    """Per case a held first MDO, a cancelled follow-up with a score and an agreement of its
    own, and a fresh follow-up with only what carried over: only the first counts, and the
    records' rule (steps.is_empty, Meeting.cancelled) picks the same MDOs as the lean read."""
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    for number in range(6):
        case = Case(code=f"L-2026-{number + 1:04d}", first_name=NAMES[number],
                    organisation_id=org.id)
        goal = Goal(area="kind", text="Vraagt hulp", start=2, target=6)
        first = Meeting(case_id=case.id, date=DAY, goals=[goal],
                        participants=[Participant(name="Moeder", role="ouder/verzorger")],
                        agreements=[Agreement(what="Plan", who="juf",
                                              due=DAY + dt.timedelta(days=10))],
                        tops_tips=[TopTip(kind="top", text="Fijn overleg")])
        cancelled = carry_over_from(first, DAY + dt.timedelta(days=60)).model_copy(update={
            "scores": {goal.id: 9}, "cancelled": DAY + dt.timedelta(days=59),
            "cancel_reason": "ziek",
            "agreements": [Agreement(what="Extra", who="ib", due=DAY + dt.timedelta(days=70))]})
        empty = carry_over_from(first, DAY + dt.timedelta(days=90))
        store.import_case(case, [first, cancelled, empty])
    frames = frames_of(tmp_path, {org.id: (org.name, org.sector)})

    assert len(frames.meetings) == 6 and set(frames.meetings.date) == {pd.Timestamp(DAY)}
    assert len(frames.agreements) == 6 and set(frames.agreements.made) == {DAY}
    assert set(frames.goals["last"]) == {2}  # the cancelled MDO's 9 is not there
    by_case = [store.meetings(case_id) for case_id in store.case_ids()]
    held = [m for meetings in by_case for m in meetings
            if m.cancelled is None and not is_empty(m, meetings)]
    assert len(held) == len(frames.meetings)
    assert {m.date for m in held} == {DAY}


def method_network(tmp_path, good: int, empty: int, present: int = 3):
    """`good` cases whose one MDO meets every check (with `present` people at the table) and
    `empty` cases whose one MDO meets none."""
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    meetings = []
    for number in range(good + empty):
        case = Case(code=f"L-2026-{number + 1:04d}", first_name=NAMES[number % len(NAMES)],
                    organisation_id=org.id)
        if number < good:
            people = [Participant(name="Moeder", role="ouder/verzorger"),
                      Participant(name=case.first_name, role="kind/jongere")]
            people += [Participant(name="Juf", role="leerkracht/mentor")] * (present - 2)
            meeting = Meeting(
                case_id=case.id, date=DAY, participants=people, research_needed=False,
                goals=[Goal(area="kind", text="Vraagt hulp", observable="Steekt vinger op",
                            start=2, target=6)],
                overview=[OverviewItem(area=a, sign="plus", text="Gaat goed")
                          for a in ("kind", "onderwijs", "opvoeding")],
                agreements=[Agreement(what="Plan", who="juf", due=DAY)])
        else:  # it took place (a rating) but meets no check; an empty MDO would not count
            meeting = Meeting(case_id=case.id, date=DAY, rating=5)
        store.import_case(case, [meeting])
        meetings.append((case, meeting))
    return store, {org.id: (org.name, org.sector)}, meetings


def test_every_check_met_goes_well_and_none_met_is_a_point_of_attention(tmp_path):
    store, orgs, _ = method_network(tmp_path / "good", good=5, empty=0)
    table = figures.method_overview(frames_of(tmp_path / "good", orgs))
    assert list(table["gaat goed (%)"]) == [100] * 7
    assert set(table["top of tip"]) == {"Gaat goed"}
    assert list(table.werkwijze) == [CHECK_TITLES[name] for name in CHECK_TITLES]
    store, orgs, _ = method_network(tmp_path / "none", good=0, empty=6)
    table = figures.method_overview(frames_of(tmp_path / "none", orgs))
    assert list(table["gaat goed (%)"]) == [0] * 7
    assert set(table["top of tip"]) == {"Aandachtspunt"}
    assert set(table.casussen) == {6} and set(table["MDO's"]) == {6}


def test_the_network_counts_what_step_9_shows(tmp_path):
    store, orgs, meetings = method_network(tmp_path, good=3, empty=3, present=9)
    frames = frames_of(tmp_path, orgs)
    for core_max in (8, 10):
        table = figures.method_overview(frames, core_max).set_index("werkwijze")
        expected = checks_summary(meetings, {"core_max_participants": core_max})
        for name, share in expected.items():
            assert table.loc[CHECK_TITLES[name], "gaat goed (%)"] == round(share * 100), name


def test_a_new_threshold_flips_the_core_table_without_reading_a_file_again(tmp_path):
    store, orgs, _ = method_network(tmp_path, good=5, empty=0, present=4)
    cache = network.NetworkCache(open_store(tmp_path).documents())
    frames = cache.frames(orgs)
    reads = cache.reads
    core = CHECK_TITLES["core_table"]
    at = {n: figures.method_overview(frames, n).set_index("werkwijze").loc[core]
          for n in (4, 3)}
    assert at[4]["gaat goed (%)"] == 100 and at[4]["top of tip"] == "Gaat goed"
    assert at[3]["gaat goed (%)"] == 0 and at[3]["top of tip"] == "Aandachtspunt"
    by_org = figures.method_figures(cache.frames(orgs), "organisation", core_max=3)
    assert by_org.iloc[0]["core_table"] == 0 and by_org.iloc[0]["parents_present"] == 100
    assert cache.reads == reads


@pytest.mark.parametrize("count,shown", [(4, False), (5, True)])
def test_method_tables_show_less_than_5_for_fewer_than_5_cases(tmp_path, count, shown):
    store, orgs, _ = method_network(tmp_path, good=count, empty=0)
    frames = frames_of(tmp_path, orgs)
    overview = figures.method_overview(frames)
    per_org = figures.method_figures(frames, "organisation").iloc[0]
    if shown:
        assert set(overview["gaat goed (%)"]) == {100} and per_org["strengths"] == 100
    else:
        assert set(overview.drop(columns="werkwijze").stack()) == {network.SMALL}
        assert set(per_org.drop("organisatie")) == {network.SMALL}


def test_method_tables_hold_no_names_or_codes(tmp_path):
    store, orgs, meetings = method_network(tmp_path, good=4, empty=4)
    frames = frames_of(tmp_path, orgs)
    tables = [figures.method_overview(frames)] + [
        figures.method_figures(frames, by) for by in ("period", "sector", "organisation")]
    blob = " ".join(sheets.to_csv(t).decode("utf-8-sig") for t in tables).lower()
    blob += frames.meetings.to_csv().lower()
    for case, _ in meetings:
        assert case.first_name.lower() not in blob and case.code.lower() not in blob


# -- the page's cells and exports in the session's language ----------------------------------------
def _old_cell(value) -> str:
    """The cells as the Dutch export wrote them before the page spoke English (frozen here)."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)) and not pd.isna(value):
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def test_the_dutch_csv_of_every_table_is_byte_identical_to_before(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6, "B": 5}, parents_every=2)
    tables = dashboard.dashboard(frames_of(tmp_path, orgs), "Q", DAY + dt.timedelta(days=200))
    with using("nl"):
        for name, table in tables.items():
            if name.startswith("Werkwijze"):
                continue  # new tables
            before = table.apply(lambda c: c.map(_old_cell)) if not table.empty else table
            expected = before.to_csv(index=False, sep=";").encode("utf-8-sig")
            assert sheets.to_csv(table) == expected, name
        assert list(tables["MDO per periode"].periode) == ["2026-K1", "2026-K2"]


def test_english_cells_headers_and_csv(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6, "B": 5}, parents_every=2)
    frames = frames_of(tmp_path, orgs)
    with using("en"):
        by_period = figures.meeting_figures(frames, "period")
        assert list(by_period.periode) == ["2026-Q1", "2026-Q2"]
        by_sector = sheets.display(figures.meeting_figures(frames, "sector"))
        assert list(by_sector.sector) == ["primary (PO)"]
        text = sheets.to_csv(figures.meeting_figures(frames, "organisation"))
        lines = text.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("organisation,cases,MDOs,parents present (%)")
        assert lines[1].startswith("A,6,12,50,") and ",1.5," in lines[1]
        assert network.KINDS["evaluatie"] == "follow-up MDO"
        counts = sheets.display(toptips.toptip_figures(frames))
        assert set(counts.groep) == {"parents"} and set(counts.periode) == {"2026-Q1"}
        overview = figures.method_overview(frames)
        assert overview.werkwijze.iloc[0] == "The child's voice"
        assert set(overview["top of tip"]) <= {"Going well", "Point of attention"}
        assert sheets.column_name("parents_present") == CHECK_TITLES["parents_present"] + " (%)"
    with using("nl"):
        assert network.KINDS["evaluatie"] == "vervolg-MDO"
        assert list(sheets.display(figures.meeting_figures(frames, "sector")).sector) \
            == ["PO"]
        assert set(figures.method_overview(frames)["top of tip"]) <= {
            "Gaat goed", "Aandachtspunt"}


def test_a_table_downloads_in_the_language_asked_for():
    table = pd.DataFrame({"organisatie": ["A"], "casussen": [6], "gedaan (%)": [7.5]})
    with using("nl"):  # later, outside the session: the language the button passed wins
        assert sheets.to_csv(table, "en").decode("utf-8-sig").splitlines() == [
            "organisation,cases,done (%)", "A,6,7.5"]
        assert sheets.to_csv(table).decode("utf-8-sig").splitlines()[1] == "A;6;7,5"


def test_the_excel_export_follows_the_language(tmp_path):
    store, orgs = make_network(tmp_path, {"A": 6, "B": 5})
    frames = frames_of(tmp_path, orgs)
    english = pd.read_excel(io.BytesIO(dashboard.workbook(frames, "Q", DAY, 8, "en")),
                            sheet_name=None)
    assert "MDOs per period" in english and "Method" in english and "Agreements" in english
    assert list(english["MDOs per period"].columns[:3]) == ["period", "cases", "MDOs"]
    assert list(english["MDOs per period"].period) == ["2026-Q1", "2026-Q2"]
    assert "Parents at the table (%)" in english["Method per organisation"].columns
    dutch = pd.read_excel(io.BytesIO(dashboard.workbook(frames, "Q", DAY, 8, "nl")),
                          sheet_name=None)
    assert "MDO per periode" in dutch and "Werkwijze" in dutch
    assert list(dutch["MDO per periode"].columns[:3]) == ["periode", "casussen", "MDO's"]
    assert list(dutch["MDO per periode"].periode) == ["2026-K1", "2026-K2"]


# -- themes: whole needs, grouped by meaning ------------------------------------------------------
SHORT_TASKS = ["{n} heeft korte opdrachten nodig", "{n} heeft een korte opdracht nodig.",
               "Voor {n}: korte opdrachten", "{n} heeft korte opdrachten met pauzes nodig",
               "{n} heeft vooral korte opdrachten nodig!", "{n} heeft echt korte opdrachten nodig"]


def needs_network(tmp_path, forms: list[str]):
    """One school, a case per need (each in its own words, the child named in it)."""
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    for number, form in enumerate(forms):
        case = Case(code=f"L-2026-{number + 1:04d}", first_name=NAMES[number],
                    organisation_id=org.id)
        meeting = Meeting(case_id=case.id, date=DAY,
                          participants=[Participant(name="Juf Anna", role="leerkracht/mentor")],
                          needs=[Need(category="opdrachten/leeractiviteiten", more_pupils=True,
                                      text=form.format(n=NAMES[number]))])
        store.import_case(case, [meeting])
    return frames_of(tmp_path, {org.id: (org.name, org.sector)})


@pytest.mark.parametrize("count", [4, 5, 6])
def test_a_need_in_other_words_is_one_theme_of_its_cases_and_under_5_none(tmp_path, count):
    frames = needs_network(tmp_path, SHORT_TASKS[:count])
    network_wide, per_org = toptips.shared_needs_network(frames), toptips.shared_needs(frames)
    if count < 5:
        assert network_wide.empty and per_org.empty
        return
    assert network_wide.to_dict("records") == [
        {"behoefte (thema)": "[naam] heeft korte opdrachten nodig", "casussen": count,
         "organisaties": 1}]
    assert list(per_org["behoefte (thema)"]) == ["[naam] heeft korte opdrachten nodig"]
    text = sheets.to_csv(network_wide).decode("utf-8-sig") + per_org.to_csv()
    assert not any(name.lower() in text.lower() for name in NAMES)
