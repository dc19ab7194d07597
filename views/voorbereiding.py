"""Voorbereiding: aanmelding, participants, consent and the "gouden mailtje"."""

import streamlit as st

from hgs import cycle, invite, texts, ui, ui_downloads
from hgs.model import ROLES, Consent
from hgs.steps import PREPARATION_PROMPTS, step

ui.guard(__file__)
ctx = ui.require_meeting()
ui.meeting_caption(ctx)
st.title("Voorbereiding")
ui.progress_bar(ctx.meeting)
with st.expander("Vragen voor de voorzitter", icon=":material/record_voice_over:"):
    for prompt in PREPARATION_PROMPTS:
        st.markdown(f"- {prompt}")

st.header("Aanmelding")
st.caption("Samen ingevuld door school, ouders en leerling: kort, in steekwoorden.")
ui.meeting_field(ctx, "reason", "Reden van aanmelding",
                 placeholder="Waarom willen we samen om tafel?")
columns = st.columns(2)
for index, (party, label) in enumerate(texts.PARTIES.items()):
    with columns[index % 2]:
        ui.meeting_field(ctx, f"party_questions.{party}", f"Vraag van {label.lower()}",
                         height=90)
ui.meeting_field(ctx, "chair", "Voorzitter / gespreksleider", kind="text")

st.header("Deelnemers")
st.caption("Wie komen er? Houd het bij de kern. Ouders en kind horen erbij.")
ui.item_list(ctx, "participants", [
    ui.Col("name", "Naam", width=1.4),
    ui.Col("role", "Rol", "select", width=1.6, options={r: r for r in ROLES}),
    ui.Col("organisation", "Organisatie", width=1.4),
    ui.Col("email", "E-mail (voor de uitnodiging)", width=1.5),
    ui.Col("present", "Aanwezig", "bool", width=0.6),
], new_label="Deelnemer toevoegen", new_placeholder="Naam, dan Enter; daarna rol kiezen",
   new_field="name", defaults={"role": "leerkracht/mentor"})

st.header("Toestemming")
st.caption("Voordat informatie wordt gedeeld met professionals buiten de school, geven ouders "
           "toestemming (en de jongere vanaf 12 jaar; vanaf 16 jaar de jongere zelf).")
for consent in ctx.case.consents:
    by = " en ".join(texts.CONSENT_BY[g] for g in consent.given_by)
    scope = (", ".join(map(texts.plain, consent.scope)) if consent.scope
             else "alle deelnemende partners")
    row = st.columns([4, 1], vertical_alignment="center")
    if consent.withdrawn:
        row[0].markdown(f":material/block: Toestemming van {by} van "
                        f"{texts.date_nl(consent.date)} voor {scope} — **ingetrokken op "
                        f"{texts.date_nl(consent.withdrawn)}**")
    else:
        row[0].markdown(f":material/verified: Toestemming van {by} op "
                        f"{texts.date_nl(consent.date)} voor {scope}")
        key = f"consent-{consent.id}-withdraw"
        if row[1].button("Intrekken", key=key, icon=":material/block:"):
            if ui.save(key, lambda: ctx.store.update_case(
                    ctx.case.id, lambda case: cycle.withdraw_consent(case, consent.id,
                                                                     ui.today()))):
                st.rerun()
        ui.show_error(key)
if not ctx.case.consents:
    st.caption("Nog geen toestemming vastgelegd.")
with st.form("consent-new", clear_on_submit=True):
    st.markdown("**Toestemming vastleggen**")
    given_by = st.multiselect("Gegeven door", list(texts.CONSENT_BY), default=["ouders"],
                              format_func=texts.CONSENT_BY.get, key="consent-new-by")
    day = st.date_input("Datum", value=ui.today(), format="DD-MM-YYYY", key="consent-new-date")
    scope = st.text_input("Voor welke partners? (leeg = alle deelnemende partners; anders namen "
                          "van organisaties, gescheiden door komma's)", key="consent-new-scope")
    if st.form_submit_button("Toestemming vastleggen", icon=":material/verified:"):
        if ui.save("consent-new", lambda: ctx.store.update_case(
                ctx.case.id, lambda case: cycle.add_consent(case, given_by, day, scope))):
            st.rerun()
    ui.show_error("consent-new")

st.header("Het MDO starten")
problem = cycle.consent_problem(ctx.case, ctx.meeting)
if problem:
    st.error(problem, icon=":material/lock:")
elif ctx.meeting.status == "voorbereiding":
    if st.button("MDO starten", key="prep-start", type="primary", icon=":material/play_arrow:"):
        ui.save("prep-start", lambda: ctx.store.set_field(*ctx.ids, "status", "gestart"))
        st.switch_page(step(1).page, query_params=ui.active_params())
else:
    st.success(f"Dit MDO is {texts.MEETING_STATUS[ctx.meeting.status]}.", icon=":material/check:")
    st.page_link(step(1).page, label="Naar stap 1", icon=":material/arrow_forward:",
                 query_params=ui.active_params())

st.header("Het gouden mailtje")
st.caption("De uitnodiging met de doelen en vragen van het overleg, zodat iedereen goed "
           "voorbereid komt. Kopieer de tekst (knop rechtsboven) of open hem in uw e-mail.")
org = next((o.name for o in ctx.store.organisations() if o.id == ctx.case.organisation_id), "")
st.text_input("Onderwerp", invite.invitation_subject(ctx.case, ctx.meeting), disabled=True,
              key="invite-subject")
ui.join_panel(ctx)
join = ui.join_link(ctx.meeting)
st.code(invite.invitation_text(ctx.case, ctx.meeting, org, join), language=None,
        wrap_lines=True)
st.link_button("Open in e-mailprogramma",
               invite.invitation_mailto(ctx.case, ctx.meeting, org, join),
               icon=":material/mail:")
ui_downloads.download_buttons(
    ui_downloads.invitation_files(ctx.store, ctx.case, ctx.meeting), key="prep-invite",
    caption="Of download de uitnodiging als e-mail (opent als concept in uw e-mailprogramma) "
            "en als agenda-afspraak. " + ui_downloads.ICS_CAPTION)
