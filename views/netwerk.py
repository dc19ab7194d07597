"""Netwerk: how MDOs and goals go across the network, for coordinators. Totals only: no name or
code of a child, and any group of fewer than 5 cases shows "< 5"."""

import datetime as dt

import streamlit as st

from hgs import charts, network, ui
from hgs.model import SECTORS

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
tables = network.dashboard(view, grain, dt.date.today())

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

tabs = st.tabs(["MDO's", "Afspraken", "Doelen", "Tops en tips", "Behoeften", "Uitgangspunten"])
with tabs[0]:
    measure = st.selectbox("Maat", list(network.MEETING_MEASURES), key="net-measure")
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
    for name in ("MDO per periode", "MDO per sector", "MDO per organisatie"):
        st.markdown(f"**{name}**")
        ui.table_with_export(tables[name], name, f"net-{name}")
with tabs[1]:
    st.caption("Van de afspraken waarvan de datum voorbij is: hoeveel staan op ‘gedaan’.")
    ui.chart(charts.measure_bars(tables["Afspraken"], "organisatie", "gedaan (%)",
                                 "Verlopen afspraken die gedaan zijn (%)", horizontal=True),
             "net-chart-agreements")
    ui.table_with_export(tables["Afspraken"], "afspraken", "net-agreements")
with tabs[2]:
    st.caption("Per doel: de eerste score tegenover de laatste. ‘Doel bereikt’ betekent GAS-niveau "
               "0 of hoger (zie Voortgang). De T-scores zijn die van alle vervolg-MDO's in de "
               "selectie.")
    left, right = st.columns(2)
    with left:
        ui.chart(charts.measure_bars(tables["Doelen per sector"], "sector", "vooruit (%)",
                                     "Doelen vooruit sinds het eerste MDO (%)"),
                 "net-chart-goals")
    with right:
        ui.chart(charts.measure_bars(tables["T-scores"], "T-score", "MDO's",
                                     "Verdeling van de GAS T-scores", colour="#E69F00"),
                 "net-chart-t")
    ui.table_with_export(tables["Doelen per sector"], "doelen", "net-goals")
    ui.table_with_export(tables["T-scores"], "t-scores", "net-t")
with tabs[3]:
    ui.chart(charts.toptip_period_figure(tables["Tops en tips"]), "net-chart-toptips")
    left, right = st.columns(2)
    for column, kind in ((left, "tops"), (right, "tips")):
        with column:
            st.markdown(f"**Terugkerende thema's in {kind}**")
            ui.table_with_export(tables[f"Thema's {kind}"], f"themas-{kind}", f"net-th-{kind}")
    st.caption("Thema's zijn woordgroepen die in tops of tips van minstens 5 casussen terugkomen; "
               "stopwoorden, namen en codes van kinderen zijn eruit gehaald.")
    ui.table_with_export(tables["Tops en tips"], "tops-tips", "net-toptips")
with tabs[4]:
    st.caption("‘Noodzakelijk voor één, goed voor allen’: behoeften die gemarkeerd zijn met ‘meer "
               "leerlingen gebaat’ en bij minstens 5 casussen terugkomen — aanleiding voor "
               "schoolbrede ondersteuning.")
    st.markdown("**Per organisatie**")
    ui.table_with_export(tables["Behoeften per organisatie"], "behoeften-organisatie",
                         "net-needs-org")
    st.markdown("**In het hele netwerk**")
    ui.table_with_export(tables["Behoeften netwerk"], "behoeften-netwerk", "net-needs")
with tabs[5]:
    ui.chart(charts.measure_bars(tables["Uitgangspunten"], "uitgangspunt", "tops",
                                 "Uitgangspunten in de tops", horizontal=True, colour="#009E73"),
             "net-chart-principles")
    ui.table_with_export(tables["Uitgangspunten"], "uitgangspunten", "net-principles")
    with st.expander("Hoe tellen we dit?", icon=":material/help:"):
        st.markdown("Een top of tip telt mee bij een uitgangspunt als er een van deze woorden "
                    "(of woorddelen) in staat. Dat is grof, maar eerlijk en na te rekenen:")
        for number, title in network.PRINCIPLES.items():
            st.markdown(f"- **{number}. {title}:** " + ", ".join(
                f"‘{w}’" for w in network.PRINCIPLE_WORDS[number]))

st.download_button("Alle tabellen als Excel", network.to_excel(tables),
                   file_name="hgs-netwerk.xlsx", key="net-excel", icon=":material/table_view:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
