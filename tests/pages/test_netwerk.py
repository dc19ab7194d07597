"""The Netwerk page on the demo network: every filter works, and no child's first name or code
appears anywhere on the page or in the exports."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.analytics import figures, filters, network, sheets, themes, toptips
from hgs.store import open_store

PAGE = pages.NETWORK.path


@pytest.fixture(scope="module")
def demo_network(demo_folder):
    folder, store = demo_folder
    return folder, store, [store.get_case(c) for c in store.case_ids()]


def open_network(folder, monkeypatch) -> AppTest:
    monkeypatch.setenv("HGS_DATA_DIR", str(folder))
    at = AppTest.from_file("../../app.py", default_timeout=60).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "title", "info", "subheader")
             for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    return "\n".join(parts)


def assert_no_child(text: str, children) -> None:
    lowered = text.lower()
    for child in children:
        assert not re.search(rf"\b{re.escape(child.first_name.lower())}\b", lowered), \
            child.first_name
        assert child.code.lower() not in lowered, child.code


TABS = {"MDO's": (3, 3), "Afspraken": (1, 1), "Doelen": (2, 2), "Tops en tips": (1, 3),
        "Behoeften": (0, 2), "Uitgangspunten": (1, 2), "Werkwijze": (1, 2)}  # tab -> (charts, tables)


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_shows_its_figures_and_no_child(demo_network, monkeypatch, tab):
    folder, store, children = demo_network
    at = open_network(folder, monkeypatch)
    assert [m.label for m in at.metric][:2] == ["Casussen", "MDO's"]
    assert at.metric[0].value == "40"
    at.session_state["net-tab"] = tab
    at.run()
    assert not at.exception
    charts, tables = TABS[tab]
    assert len(at.get("plotly_chart")) == charts
    assert len(at.dataframe) == tables
    text = page_text(at)
    if tab == "Tops en tips":
        assert "Terugkerende thema's in tops" in text
        assert len(at.dataframe[0].value) >= 3  # the demo's tops share several themes
    assert_no_child(text, children)


@pytest.mark.parametrize("change", [
    lambda at: at.multiselect(key="net-sectors").set_value(["PO"]),
    lambda at: at.multiselect(key="net-orgs").set_value(["samen:SO/SBO"]),
    lambda at: at.selectbox(key="net-kind").set_value("evaluatie"),
    lambda at: at.selectbox(key="net-measure").set_value("stem van het kind (%)"),
    lambda at: at.select_slider(key="net-period").set_value((2026 * 4, 2026 * 4 + 1)),
], ids=["sector", "organisation", "kind", "measure", "period"])
def test_each_filter_reruns_cleanly_and_stays_private(demo_network, monkeypatch, change):
    folder, store, children = demo_network
    at = open_network(folder, monkeypatch)
    before = at.metric[1].value
    change(at).run()
    assert not at.exception, at.exception
    assert_no_child(page_text(at), children)
    if at.multiselect(key="net-orgs").value or at.multiselect(key="net-sectors").value:
        assert at.metric[1].value != before


def test_periods_are_whole_quarters(demo_network, monkeypatch):
    """Two periods one day (or one month) apart cannot be chosen: the period is a range of whole
    quarters, and a quarter's figures are those of its every day."""
    folder, store, children = demo_network
    at = open_network(folder, monkeypatch)
    period = at.select_slider(key="net-period")
    assert all(re.fullmatch(r"20\d\d-K[1-4]", label) for label in period.options)
    period.set_value((2026 * 4 + 1, 2026 * 4 + 1)).run()  # 2026-K2 alone
    assert not at.exception
    frames = network.NetworkCache(open_store(folder).documents()).frames(
        {o.id: (o.name, o.sector) for o in store.organisations()})
    meetings = frames.meetings[(frames.meetings.date >= "2026-04-01")
                               & (frames.meetings.date <= "2026-06-30")]
    assert at.metric[1].value == str(len(meetings))  # every MDO of the quarter, shown


def test_small_organisations_are_chosen_together(demo_network, monkeypatch):
    """De Regenboog holds 4 cases: it is no option of its own, and "all" minus "all but one
    option" never shows a group of fewer than 5 cases."""
    folder, store, children = demo_network
    frames = network.NetworkCache(open_store(folder).documents()).frames(
        {o.id: (o.name, o.sector) for o in store.organisations()})
    counts = frames.meetings.groupby("organisation").case.nunique()
    small = set(counts[counts < 5].index)
    assert "Basisschool De Regenboog" in small
    at = open_network(folder, monkeypatch)
    keys = [u.key for u in filters.units(frames) if u.cases]
    options = at.multiselect(key="net-orgs").options
    assert options == [filters.unit_name(frames, key) for key in keys]
    assert not small & set(options), options
    assert "Welke organisaties tellen samen?" in [e.label for e in at.expander]
    assert "Basisschool De Regenboog" in page_text(at)  # named as one of a pool
    everyone = {m.label: m.value for m in at.metric}
    for left_out in keys:
        at = open_network(folder, monkeypatch)
        at.multiselect(key="net-orgs").set_value([k for k in keys if k != left_out]).run()
        assert not at.exception
        rest = {m.label: m.value for m in at.metric}
        if rest["Casussen"].isdigit() and everyone["Casussen"].isdigit():
            assert int(everyone["Casussen"]) - int(rest["Casussen"]) >= 5, (left_out, rest)


def test_exports_hold_no_child(demo_network):
    folder, store, children = demo_network
    frames = network.NetworkCache(open_store(folder).documents()).frames(
        {o.id: (o.name, o.sector) for o in store.organisations()})
    tables = {"a": figures.meeting_figures(frames, "organisation"),
              "b": toptips.themes_table(frames, "tip"),
              "c": toptips.shared_needs_network(frames),
              "d": toptips.toptip_figures(frames)}
    text = " ".join(sheets.to_csv(t).decode("utf-8-sig") for t in tables.values())
    import io

    import pandas as pd
    workbook = pd.read_excel(io.BytesIO(sheets.to_excel(tables)), sheet_name=None)
    text += " ".join(sheet.to_csv() for sheet in workbook.values())
    assert_no_child(text, children)


def test_the_method_tab_shows_tops_and_tips_for_the_network(demo_network, monkeypatch):
    folder, store, children = demo_network
    at = open_network(folder, monkeypatch)
    at.session_state["net-tab"] = "Werkwijze"
    at.run()
    assert not at.exception, at.exception
    overview = at.dataframe[0].value
    assert list(overview.columns) == ["werkwijze", "casussen", "MDO's", "gaat goed (%)",
                                      "top of tip"]
    assert len(overview) == 7 and set(overview["top of tip"]) <= {"Gaat goed", "Aandachtspunt"}
    assert "Ouders aan tafel (%)" in at.dataframe[1].value.columns
    assert "Beheer › Organisaties" in page_text(at)  # where the guideline is set
    at.selectbox(key="net-method-by").set_value("period").run()
    assert not at.exception
    periods = list(at.dataframe[1].value.periode)
    assert periods and all(re.fullmatch(r"20\d\d-K[1-4]", p) for p in periods), periods


def open_in_english(folder, monkeypatch, tab: str | None = None) -> AppTest:
    """The page in an English session, on `tab`. Chosen before the run: AppTest cannot rerun a
    page whose selectbox shows its options through a format_func in another language."""
    monkeypatch.setenv("HGS_DATA_DIR", str(folder))
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state["ui-language"] = "en"
    if tab:
        at.session_state["net-tab"] = tab
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_the_page_speaks_english_in_an_english_session(demo_network, monkeypatch):
    folder, store, children = demo_network
    at = open_in_english(folder, monkeypatch)
    by_period, by_sector = at.dataframe[0].value, at.dataframe[1].value
    assert "period" in by_period.columns and "cases" in by_period.columns
    assert all(re.fullmatch(r"20\d\d-Q[1-4]", p) for p in by_period.period), by_period.period
    assert set(by_sector.sector) <= {"pre-school", "primary (PO)", "secondary (VO)",
                                     "special education (SO/SBO)", "youth care/partner",
                                     "municipality",
                                     "other"}
    numbers = " ".join(by_period.drop(columns="period").astype(str).stack())
    assert not re.search(r"\d,\d", numbers) and re.search(r"\d\.\d", numbers)
    assert [m.label for m in at.metric][:2] == ["Cases", "MDOs"]
    assert_no_child(page_text(at), children)


def test_the_method_tab_speaks_english_in_an_english_session(demo_network, monkeypatch):
    folder, store, children = demo_network
    at = open_in_english(folder, monkeypatch, "Method")
    overview = at.dataframe[0].value
    assert list(overview.columns) == ["method", "cases", "MDOs", "went well (%)", "top or tip"]
    assert set(overview["top or tip"]) <= {"Going well", "Point of attention"}
    assert "Parents at the table (%)" in at.dataframe[1].value.columns
    assert "How do we count this?" in [e.label for e in at.expander]
    assert_no_child(page_text(at), children)


def test_the_beheerder_sets_the_networks_guideline_for_the_table(data):
    store, case, meeting = data
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.switch_page(pages.ADMIN.path).run()
    assert at.number_input(key="beheer-core-max-value").value == 8
    at.number_input(key="beheer-core-max-value").set_value(4)
    at.button(key="beheer-core-max-save").click().run()
    assert not at.exception
    assert store.setting("core_max_participants") == 4
    assert at.number_input(key="beheer-core-max-value").value == 4  # read back after the rerun


def test_the_reflection_count_shows_on_netwerk_without_names(tmp_path, monkeypatch):
    """The Reflectie promises that a shared "hier wil ik aan werken" counts anonymously on
    Netwerk: it does, from the real reflection files, with "< 5" for 1 to 4 people."""
    import datetime as dt

    from hgs import demo
    from hgs.store.reflections import open_reflections

    demo.build_network(open_store(tmp_path), cases=6, today=dt.date(2026, 11, 28))
    reflections = open_reflections(tmp_path)
    for n in range(5):
        reflections.set_note(f"Meester Bram {n}", 2, "work_on", True)
        reflections.set_sharing(f"Meester Bram {n}", True)
    reflections.set_note("Juf Ilse", 6, "work_on", True)
    reflections.set_sharing("Juf Ilse", True)
    reflections.set_note("Juf Noor", 4, "work_on", True)  # not shared: does not count
    at = open_network(tmp_path, monkeypatch)
    at.session_state["net-tab"] = "Uitgangspunten"
    at.run()
    assert not at.exception
    assert "Hier willen professionals aan werken" in page_text(at)
    [table] = [df.value for df in at.dataframe if "aantal" in df.value.columns]
    counts = dict(zip(table.uitgangspunt.str[:1], table.aantal))
    assert counts == {"1": "0", "2": "5", "3": "0", "4": "0", "5": "0", "6": "< 5", "7": "0"}
    assert "Bram" not in page_text(at) and "Ilse" not in page_text(at)


def test_themes_are_whole_clauses_someone_wrote_from_5_cases_and_no_child(demo_network,
                                                                         monkeypatch):
    """On the demo network: every theme and shared need is a clause (or the clauses of one
    sentence) as written in a top, tip or need, never a cut-off word group, from at least 5
    cases; and the page shows them."""
    folder, store, children = demo_network
    frames = network.NetworkCache(open_store(folder).documents()).frames(
        {o.id: (o.name, o.sector) for o in store.organisations()})
    written = {clause.lower() for text in frames.texts.text
               for clause in themes.clauses(text, frames.drop_words)}
    tables = [toptips.themes_table(frames, "top"), toptips.themes_table(frames, "tip"),
              toptips.shared_needs_network(frames), toptips.shared_needs(frames)]
    labels = [label for table in tables for column in ("thema", "behoefte (thema)")
              if column in table for label in table[column]]
    assert len(labels) >= 10
    for label in labels:
        assert all(part.lower() in written for part in label.split("; ")), label
    assert all(n == network.SOME or n >= 5 for table in tables for n in table.casussen)
    assert "Duidelijke afspraken; we weten wie wat doet en wanneer" in list(tables[0].thema)
    assert_no_child(" ".join(labels), children)
    at = open_network(folder, monkeypatch)
    at.session_state["net-tab"] = "Tops en tips"
    at.run()
    assert list(at.dataframe[0].value.iloc[:, 0]) == list(tables[0].thema)
