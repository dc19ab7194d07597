"""Netwerk: how MDOs and goals go across the network, for coordinators. Totals only: no name or
code of a child, and any group of fewer than 5 cases shows "< 5"."""

import datetime as dt

import streamlit as st

from hgs import charts, network, ui
from hgs.model import SECTORS

ui.guard(__file__)
st.title("Netwerk")
st.caption("Alleen totalen over het netwerk: geen namen of codes van kinderen. Een groep met "
           "minder dan 5 casussen toont “< 5” in plaats van een getal.")
frames = ui.network_frames()
if frames.meetings.empty:
    st.info("Er zijn nog geen MDO's in het netwerk.", icon=":material/info:")
    st.stop()

first, last = frames.meetings.date.min().date(), frames.meetings.date.max().date()
with st.container(border=True, key="net-filters"):
    row = st.columns([2.2, 1.2, 2, 2.6, 1.4])
    period = row[0].date_input("Periode", value=(first, last), format="DD-MM-YYYY",
                               key="net-period")
    grain = row[1].radio("Per", ["Q", "M"], horizontal=True, key="net-grain",
                         format_func={"Q": "kwartaal", "M": "maand"}.get)
    sectors = row[2].multiselect("Sector", SECTORS, key="net-sectors", placeholder="alle")
    organisations = row[3].multiselect(
        "Organisatie", sorted(name for name, _ in frames.organisations.values()),
        key="net-orgs", placeholder="alle")
    kind = row[4].selectbox("MDO", [None, "eerste", "evaluatie"], key="net-kind",
                            format_func=lambda k: "alle" if k is None else network.KINDS[k])
start, end = (list(period) + [None, None])[:2] if isinstance(period, (tuple, list)) else \
    (period, None)
view = network.filtered(frames, network.Filter(start, end, tuple(sectors), tuple(organisations),
                                               kind, grain))
today = dt.date.today()

top = network.headline(view.meetings)
cells = st.columns(5)
cells[0].metric("Casussen", top["cases"])
cells[1].metric("MDO's", top["meetings"])
cells[2].metric("Ouders aanwezig", "< 5" if top["parents"] is None else f"{top['parents']}%")
cells[3].metric("Stem van het kind", "< 5" if top["child_voice"] is None
                else f"{top['child_voice']}%",
                help="Het kind was erbij, of de eigen woorden van het kind zijn opgeschreven.")
cells[4].metric("Deelnemers (mediaan)", "< 5" if top["participants"] is None
                else f"{top['participants']:g}", help="Houd het bij de kern.")

# Only the open tab is worked out: a filter change stays quick on a network of years.
tabs = st.tabs(["MDO's", "Afspraken", "Doelen", "Tops en tips", "Behoeften", "Uitgangspunten"],
               key="net-tab", on_change="rerun")
if tabs[0].open:
    with tabs[0]:
        measure = st.selectbox("Maat", list(network.MEETING_MEASURES), key="net-measure")
        tables = {f"MDO per {label}": network.meeting_figures(view.meetings, by, grain)
                  for label, by in (("periode", "period"), ("sector", "sector"),
                                    ("organisatie", "organisation"))}
        left, right = st.columns(2)
        with left:
            ui.chart(charts.measure_bars(tables["MDO per periode"], "periode", measure,
                                         f"{measure} per periode"), "net-chart-period")
        with right:
            ui.chart(charts.measure_bars(tables["MDO per sector"], "sector", measure,
                                         f"{measure} per sector", horizontal=True,
                                         colour="#009E73"), "net-chart-sector")
        ui.chart(charts.measure_bars(tables["MDO per organisatie"], "organisatie", measure,
                                     f"{measure} per organisatie", horizontal=True,
                                     colour="#CC79A7"), "net-chart-org")
        for name, table in tables.items():
            st.markdown(f"**{name}**")
            ui.table_with_export(table, name, f"net-{name}")
if tabs[1].open:
    with tabs[1]:
        st.caption("Van de afspraken waarvan de datum voorbij is: hoeveel staan op ‘gedaan’.")
        agreements = network.agreement_figures(view.agreements, today, "organisation", grain)
        ui.chart(charts.measure_bars(agreements, "organisatie", "gedaan (%)",
                                     "Verlopen afspraken die gedaan zijn (%)", horizontal=True),
                 "net-chart-agreements")
        ui.table_with_export(agreements, "afspraken", "net-agreements")
if tabs[2].open:
    with tabs[2]:
        st.caption("Per doel: de eerste score tegenover de laatste. ‘Doel bereikt’ betekent "
                   "GAS-niveau 0 of hoger (zie Voortgang). De T-scores zijn die van alle "
                   "vervolg-MDO's in de selectie.")
        goals = network.goal_figures(view.goals, "sector")
        dist = network.t_score_distribution(view.meetings)
        left, right = st.columns(2)
        with left:
            ui.chart(charts.measure_bars(goals, "sector", "vooruit (%)",
                                         "Doelen vooruit sinds het eerste MDO (%)"),
                     "net-chart-goals")
        with right:
            ui.chart(charts.measure_bars(dist, "T-score", "MDO's",
                                         "Verdeling van de GAS T-scores", colour="#E69F00"),
                     "net-chart-t")
        ui.table_with_export(goals, "doelen", "net-goals")
        ui.table_with_export(dist, "t-scores", "net-t")
if tabs[3].open:
    with tabs[3]:
        counts = network.toptip_figures(view.texts, grain)
        ui.chart(charts.toptip_period_figure(counts), "net-chart-toptips")
        left, right = st.columns(2)
        for column, kind in ((left, "top"), (right, "tip")):
            with column:
                st.markdown(f"**Terugkerende thema's in {kind}s**")
                ui.table_with_export(network.themes_table(view, kind), f"themas-{kind}s",
                                     f"net-themes-{kind}")
        st.caption("Thema's zijn woordgroepen die in tops of tips van minstens 5 casussen "
                   "terugkomen; stopwoorden, namen en codes van kinderen zijn eruit gehaald.")
        ui.table_with_export(counts, "tops-tips", "net-toptips")
if tabs[4].open:
    with tabs[4]:
        st.caption("‘Noodzakelijk voor één, goed voor allen’: behoeften die gemarkeerd zijn met "
                   "‘meer leerlingen gebaat’ en bij minstens 5 casussen terugkomen — aanleiding "
                   "voor schoolbrede ondersteuning.")
        st.markdown("**Per organisatie**")
        ui.table_with_export(network.shared_needs(view), "behoeften-organisatie",
                             "net-needs-org")
        st.markdown("**In het hele netwerk**")
        ui.table_with_export(network.shared_needs_network(view), "behoeften-netwerk",
                             "net-needs")
if tabs[5].open:
    with tabs[5]:
        principles = network.principle_figures(view)
        ui.chart(charts.measure_bars(principles, "uitgangspunt", "tops",
                                     "Uitgangspunten in de tops", horizontal=True,
                                     colour="#009E73"), "net-chart-principles")
        ui.table_with_export(principles, "uitgangspunten", "net-principles")
        with st.expander("Hoe tellen we dit?", icon=":material/help:"):
            st.markdown("Een top of tip telt mee bij een uitgangspunt als er een van deze "
                        "woorden (of woorddelen) in staat. Dat is grof, maar eerlijk en na te "
                        "rekenen:")
            for number, title in network.PRINCIPLES.items():
                st.markdown(f"- **{number}. {title}:** " + ", ".join(
                    f"‘{w}’" for w in network.PRINCIPLE_WORDS[number]))

st.download_button("Alle tabellen als Excel (deze selectie)",
                   lambda: network.to_excel(network.dashboard(view, grain, today)),
                   file_name="hgs-netwerk.xlsx", key="net-excel", icon=":material/table_view:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
