"""Netwerk: how MDOs and goals go across the network, for coordinators. Totals only: no name or
code of a child; a figure of fewer than 5 cases, or one whose difference with a broader choice
would lay bare fewer than 5, shows "< 5" (hgs.disclosure). Periods are whole quarters, and
organisations of fewer than 5 cases are chosen together per sector."""

import datetime as dt

import streamlit as st

from hgs.analytics import charts, dashboard, figures, filters, network, periods, sheets, toptips
from hgs.i18n import language, t
from hgs.method import checks as method
from hgs.method import texts
from hgs.method.records import SECTORS
from hgs.ui import bodies, netwerk, session
from hgs.ui import method as ui_method
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
st.title(t("netwerk.netwerk"))
st.caption(t("netwerk.alleen_totalen_over_het_netwerk"))
frames = netwerk.network_frames()
if frames.meetings.empty:
    st.info(t("netwerk.er_zijn_nog_geen_mdo_s_in_het"), icon=":material/info:")
    st.stop()

quarters = filters.quarters(frames)
quarter_names = {q: periods.quarter_label(q) for q in quarters}
units = [u for u in filters.units(frames) if u.cases]
unit_names = {u.key: filters.unit_name(frames, u.key) for u in units}
with st.container(border=True, key="net-filters"):
    row = st.columns([3, 2, 2.8, 1.4])
    if len(quarters) > 1:
        first, last = row[0].select_slider(
            t("netwerk.periode"), quarters, value=(quarters[0], quarters[-1]),
            format_func=quarter_names.get, key="net-period", help=t("netwerk.hele_kwartalen"))
    else:
        first = last = quarters[0]
        row[0].text_input(t("netwerk.periode"), quarter_names[first], disabled=True,
                          key="net-period-one")
    sectors = row[1].multiselect(t("netwerk.sector"), SECTORS, key="net-sectors",
                                 placeholder=t("netwerk.alle"),
                                 format_func=texts.SECTORS.words().get)
    organisations = row[2].multiselect(t("netwerk.organisatie"), list(unit_names),
                                       key="net-orgs", placeholder=t("netwerk.alle"),
                                       format_func=unit_names.get)
    kind = row[3].selectbox("MDO", [None, "eerste", "evaluatie"], key="net-kind",
                            format_func=lambda k: t("netwerk.alle") if k is None
                            else network.KINDS[k])
    st.caption(t("netwerk.klein_uitleg"))
    pooled = [u for u in units if u.pooled]
    if pooled:
        with st.expander(t("netwerk.samen_titel"), icon=":material/group_work:"):
            st.markdown(t("netwerk.samen_uitleg"))
            st.markdown("\n".join(f"- **{unit_names[u.key]}:** " + ", ".join(u.members)
                                   for u in pooled))
view = filters.filtered(frames, filters.Filter(
    periods.quarter_start(first), periods.quarter_end(last), tuple(sectors),
    tuple(organisations), kind))
today = dt.date.today()
core_max = method.network_settings(session.store())["core_max_participants"]


def show_table(frame, name: str, key: str) -> None:
    """A table and its CSV, the download in the language the table is shown in."""
    bodies.table_with_export(frame, t(f"netwerk.bestanden.{name}"), key)


top = figures.headline_cells(view)
cells = st.columns(5)
cells[0].metric(t("netwerk.casussen"), top["cases"])
cells[1].metric(t("netwerk.mdo_s"), top["meetings"])
cells[2].metric(t("netwerk.ouders_aanwezig"), top["parents"])
cells[3].metric(t("netwerk.stem_van_het_kind"), top["child_voice"],
                help=t("netwerk.het_kind_was_erbij_of_de_eigen"))
cells[4].metric(t("netwerk.deelnemers_mediaan"), top["participants"],
                help=t("netwerk.houd_het_bij_de_kern"))

# Only the open tab is worked out: a filter change stays quick on a network of years.
tabs = st.tabs([t("netwerk.mdo_s"), t("netwerk.afspraken"), t("netwerk.doelen"),
                t("netwerk.tops_en_tips"), t("netwerk.behoeften"), t("netwerk.uitgangspunten"),
                t("netwerk.werkwijze_tab")], key="net-tab", on_change="rerun")
if tabs[0].open:
    with tabs[0]:
        measure = st.selectbox(t("netwerk.maat"), list(figures.MEETING_MEASURES), key="net-measure",
                               format_func=sheets.column_name)
        shown = sheets.column_name(measure)
        tables = {f"MDO per {label}": sheets.localised(figures.meeting_figures(view, by))
                  for label, by in (("periode", "period"), ("sector", "sector"),
                                    ("organisatie", "organisation"))}
        titles = {f"MDO per {label}": sheets.table_title(label)
                  for label in ("periode", "sector", "organisatie")}
        left, right = st.columns(2)
        with left:
            bodies.chart(charts.measure_bars(tables["MDO per periode"], "periode", measure,
                                         t("netwerk.per_periode", measure=shown)), "net-chart-period")
        with right:
            bodies.chart(charts.measure_bars(tables["MDO per sector"], "sector", measure,
                                         t("netwerk.per_sector", measure=shown), horizontal=True,
                                         colour="#009E73"), "net-chart-sector")
        bodies.chart(charts.measure_bars(tables["MDO per organisatie"], "organisatie", measure,
                                     t("netwerk.per_organisatie_2", measure=shown), horizontal=True,
                                     colour="#CC79A7"), "net-chart-org")
        for name, table in tables.items():
            st.markdown(f"**{titles[name]}**")
            bodies.table_with_export(table, sheets.SHEETS[name], f"net-{name}")
if tabs[1].open:
    with tabs[1]:
        st.caption(t("netwerk.van_de_afspraken_waarvan_de_datum"))
        agreements = figures.agreement_figures(view, today, "organisation")
        bodies.chart(charts.measure_bars(agreements, "organisatie", "gedaan (%)",
                                     t("netwerk.verlopen_afspraken_die_gedaan"), horizontal=True),
                     "net-chart-agreements")
        show_table(agreements, "afspraken", "net-agreements")
if tabs[2].open:
    with tabs[2]:
        st.caption(t("netwerk.per_doel_de_eerste_score"))
        goals = sheets.localised(figures.goal_figures(view, "sector"))
        dist = figures.t_score_distribution(view)
        left, right = st.columns(2)
        with left:
            bodies.chart(charts.measure_bars(goals, "sector", "vooruit (%)",
                                         t("netwerk.doelen_vooruit_sinds_het_eerste")),
                         "net-chart-goals")
        with right:
            bodies.chart(charts.measure_bars(dist, "T-score", "MDO's",
                                         t("netwerk.verdeling_van_de_gas_t_scores"), colour="#E69F00"),
                         "net-chart-t")
        show_table(goals, "doelen", "net-goals")
        show_table(dist, "t_scores", "net-t")
if tabs[3].open:
    with tabs[3]:
        counts = toptips.toptip_figures(view)
        bodies.chart(charts.toptip_period_figure(counts), "net-chart-toptips")
        left, right = st.columns(2)
        for column, kind in ((left, "top"), (right, "tip")):
            with column:
                st.markdown(t("netwerk.terugkerende_thema_s_in_s", kind=kind))
                show_table(toptips.themes_table(view, kind), f"themas_{kind}s",
                           f"net-themes-{kind}")
        st.caption(t("netwerk.thema_s_zijn_woordgroepen_die_in"))
        show_table(counts, "tops_tips", "net-toptips")
if tabs[4].open:
    with tabs[4]:
        st.caption(t("netwerk.noodzakelijk_voor_een_goed_voor"))
        st.markdown(t("netwerk.per_organisatie"))
        show_table(toptips.shared_needs(view), "behoeften_organisatie", "net-needs-org")
        st.markdown(t("netwerk.in_het_hele_netwerk"))
        show_table(toptips.shared_needs_network(view), "behoeften_netwerk", "net-needs")
if tabs[5].open:
    with tabs[5]:
        principles = toptips.principle_figures(view)
        bodies.chart(charts.measure_bars(principles, "uitgangspunt", "tops",
                                     t("netwerk.uitgangspunten_in_de_tops"), horizontal=True,
                                     colour="#009E73"), "net-chart-principles")
        show_table(principles, "uitgangspunten", "net-principles")
        ui_method.network_reflections()
        with st.expander(t("netwerk.hoe_tellen_we_dit"), icon=":material/help:"):
            st.markdown(t("netwerk.een_top_of_tip_telt_mee_bij_een"))
            for number, title in method.PRINCIPLES.items():
                st.markdown(f"- **{number}. {title}:** " + ", ".join(
                    f"‘{w}’" for w in network.PRINCIPLE_WORDS[number]))
if tabs[6].open:
    with tabs[6]:
        st.caption(t("netwerk.werkwijze.uitleg"))
        overview = figures.method_overview(view, core_max)
        bodies.chart(charts.measure_bars(overview, "werkwijze", "gaat goed (%)",
                                     t("netwerk.werkwijze.grafiek"), horizontal=True,
                                     colour="#009E73"), "net-chart-method")
        st.markdown(t("netwerk.in_het_hele_netwerk"))
        show_table(overview, "werkwijze", "net-method")
        by = st.selectbox(t("netwerk.per"), ["organisation", "sector", "period"],
                          key="net-method-by", format_func=lambda b: sheets.column_name(
                              figures.GROUP_NAMES[b]))
        group = sheets.column_name(figures.GROUP_NAMES[by])
        st.markdown(t("netwerk.werkwijze.per_groep", group=group))
        bodies.table_with_export(
            sheets.localised(figures.method_figures(view, by, core_max)),
            f"{t('netwerk.bestanden.werkwijze')}-{group}", "net-method-by")
        with st.expander(t("netwerk.hoe_tellen_we_dit"), icon=":material/help:"):
            st.markdown(t("netwerk.werkwijze.hoe_intro"))
            st.markdown("\n".join(
                f"- **{title}:** " + t(f"netwerk.werkwijze.hoe_{name}", core_max=core_max)
                for name, title in method.CHECK_TITLES.items()))
            st.markdown(t("netwerk.werkwijze.hoe_slot", share=figures.TOP_SHARE))

lang = language()  # the download is worked out later, outside this run: in this language
st.download_button(t("netwerk.alle_tabellen_als_excel_deze"),
                   ui_auth.guarded(lambda: dashboard.workbook(view, "Q", today, core_max, lang)),
                   file_name=f"hgs-{t('netwerk.bestanden.netwerk')}.xlsx", key="net-excel",
                   icon=":material/table_view:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
