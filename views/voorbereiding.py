"""Voorbereiding: aanmelding, participants, consent and the "gouden mailtje"."""

import streamlit as st

from hgs import pages
from hgs.exports import invitation as invite
from hgs.i18n import t
from hgs.method import cases, cycle, texts
from hgs.method.records import EARLIEST_BIRTH_YEAR
from hgs.method.steps import PREPARATION_PROMPTS
from hgs.ui import context, fields, frame, lists, live_panel, session
from hgs.ui import downloads as ui_downloads
from hgs.ui import mailing as ui_mailing
from hgs.ui import planning as ui_planning
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = context.require_meeting()
frame.meeting_caption(ctx)
st.title(t("voorbereiding.voorbereiding"))
frame.progress_bar(ctx.meeting)
with st.expander(t("voorbereiding.vragen_voor_de_voorzitter"), icon=":material/record_voice_over:"):
    for prompt in PREPARATION_PROMPTS:
        st.markdown(f"- {prompt}")
ui_planning.planning_block(ctx)  # date, time, length, place; cancel or remove

st.header(t("voorbereiding.aanmelding"))
st.caption(t("voorbereiding.samen_ingevuld_door_school_ouders"))
fields.meeting_field(ctx, "reason", t("voorbereiding.reden_van_aanmelding"),
                     placeholder=t("voorbereiding.waarom_willen_we_samen_om_tafel"))
columns = st.columns(2)
for index, (party, label) in enumerate(texts.PARTIES.items()):
    with columns[index % 2]:
        fields.meeting_field(ctx, f"party_questions.{party}", t("voorbereiding.vraag_van", lower=label.lower()),
                             height=90)
st.caption(t("retype.aanmelding_naar_stap_1"))
fields.meeting_field(ctx, "chair", t("voorbereiding.voorzitter_gespreksleider"), kind="text")

st.header(t("voorbereiding.deelnemers"))
st.caption(t("voorbereiding.wie_komen_er_houd_het_bij_de_kern"))
lists.item_list(ctx, "participants", [
    lists.Col("name", t("voorbereiding.naam"), width=1.4),
    lists.Col("role", t("voorbereiding.rol"), "select", width=1.6, options=dict(texts.ROLES.items())),
    lists.Col("organisation", t("voorbereiding.organisatie"), width=1.4),
    lists.Col("email", t("voorbereiding.e_mail_voor_de_uitnodiging"), width=1.5),
    lists.Col("present", t("voorbereiding.aanwezig"), "bool", width=0.6),
], new_label=t("voorbereiding.deelnemer_toevoegen"), new_placeholder=t("voorbereiding.naam_dan_enter_daarna_rol_kiezen"),
   new_field="name")  # no role yet: the chair chooses it ("Kies …"), the MDO waits for it

st.header(t("voorbereiding.toestemming"))
st.caption(t("voorbereiding.voordat_informatie_wordt_gedeeld"))
birth_key = f"case-{ctx.case.id}-birth-year"


def save_birth_year() -> None:
    year = st.session_state[birth_key]
    fields.save(birth_key, lambda: ctx.store.update_case(
        ctx.case.id, lambda case: cycle.set_birth_year(case, year)))


with st.container(key="prep-consent-rule"):
    row = st.columns([1, 3], vertical_alignment="bottom")
    row[0].number_input(t("consent.geboortejaar"), min_value=EARLIEST_BIRTH_YEAR,
                        max_value=session.today().year, value=ctx.case.birth_year, step=1,
                        placeholder=t("consent.geboortejaar_placeholder"), key=birth_key,
                        help=t("consent.geboortejaar_help"), on_change=save_birth_year)
    rule = texts.plain(cycle.consent_rule(ctx.case, ctx.meeting.date))
    if ctx.case.birth_year is None and cycle.outside_participants(ctx.meeting):
        row[1].warning(rule, icon=":material/cake:")
    else:
        row[1].info(rule, icon=":material/cake:")
    fields.show_error(birth_key)
for consent in ctx.case.consents:
    by = t("voorbereiding.and").join(texts.CONSENT_BY[g] for g in consent.given_by)
    scope = (", ".join(map(texts.plain, consent.scope)) if consent.scope
             else t("voorbereiding.alle_deelnemende_partners"))
    row = st.columns([4, 1], vertical_alignment="center")
    if consent.withdrawn:
        row[0].markdown(":material/block: " + t(
            "voorbereiding.consent_withdrawn", by=by, date=texts.date_nl(consent.date),
            scope=scope, withdrawn=texts.date_nl(consent.withdrawn)))
    else:
        row[0].markdown(":material/verified: " + t(
            "voorbereiding.consent_given", by=by, date=texts.date_nl(consent.date), scope=scope))
        key = f"consent-{consent.id}-withdraw"
        if row[1].button(t("voorbereiding.intrekken"), key=key, icon=":material/block:"):
            if fields.save(key, lambda consent=consent: ctx.store.update_case(
                    ctx.case.id, lambda case: cycle.withdraw_consent(case, consent.id,
                                                                     session.today()))):
                st.rerun()
        fields.show_error(key)
if not ctx.case.consents:
    st.caption(t("voorbereiding.nog_geen_toestemming_vastgelegd"))
with st.form("consent-new", clear_on_submit=True):
    st.markdown(t("voorbereiding.toestemming_vastleggen"))
    # whoever the child's age asks, proposed; a new year of birth gives a fresh proposal
    asked = [g for g in texts.CONSENT_BY
             if g in (cycle.required_givers(ctx.case.birth_year, ctx.meeting.date) or {"ouders"})]
    given_by = st.multiselect(t("voorbereiding.gegeven_door"), list(texts.CONSENT_BY),
                              default=asked,
                              format_func=texts.CONSENT_BY.words().get,
                              key="consent-new-by-" + "-".join(asked))
    day = st.date_input(t("voorbereiding.datum"), value=session.today(), format="DD-MM-YYYY", key="consent-new-date")
    scope = st.text_input(t("voorbereiding.voor_welke_partners_leeg_alle"), key="consent-new-scope")
    if st.form_submit_button(t("voorbereiding.toestemming_vastleggen_2"), icon=":material/verified:"):
        if fields.save("consent-new", lambda: ctx.store.update_case(
                ctx.case.id, lambda case: cycle.add_consent(case, given_by, day, scope))):
            st.rerun()
    fields.show_error("consent-new")

st.header(t("voorbereiding.het_mdo_starten"))
problem = cycle.consent_problem(ctx.case, ctx.meeting)
if problem:
    st.error(texts.plain(problem), icon=":material/lock:")
elif ctx.meeting.status == "voorbereiding":
    if st.button(t("voorbereiding.mdo_starten"), key="prep-start", type="primary", icon=":material/play_arrow:"):
        fields.save("prep-start", lambda: ctx.store.set_field(*ctx.ids, "status", "gestart"))
        st.switch_page(pages.for_step(1).path, query_params=session.active_params())
else:
    st.success(t("voorbereiding.dit_mdo_is", status=texts.MEETING_STATUS[ctx.meeting.status]), icon=":material/check:")
    st.page_link(pages.for_step(1).path, label=t("voorbereiding.naar_stap_1"), icon=":material/arrow_forward:",
                 query_params=session.active_params())

st.header(t("voorbereiding.het_gouden_mailtje"))
st.caption(t("voorbereiding.de_uitnodiging_met_de_doelen_en"))
org = cases.organisation_name(ctx.case, ctx.store.organisations())
st.text_input(t("voorbereiding.onderwerp"), invite.invitation_subject(ctx.case, ctx.meeting), disabled=True,
              key="invite-subject")
live_panel.join_panel(ctx)
join = live_panel.join_link(ctx.meeting)
st.code(invite.invitation_text(ctx.case, ctx.meeting, org, join), language=None,
        wrap_lines=True)
st.link_button(t("voorbereiding.open_in_e_mailprogramma"),
               invite.invitation_mailto(ctx.case, ctx.meeting, org, join),
               icon=":material/mail:")
ui_mailing.invitation_send(ctx, org, join)
ui_downloads.download_buttons(
    ui_downloads.invitation_files(ctx.store, ctx.case, ctx.meeting), key="prep-invite",
    caption=t("voorbereiding.of_download_de_uitnodiging_als_e")
    + ui_downloads.ics_caption(ctx.meeting))
