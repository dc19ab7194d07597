"""The lees-link on screen: what the parents (or a professional with consent) read through it,
and the chair's small panel to make one, show it with its QR code, and revoke it. The rules
(end date, revoke, consent) are `hgs.access.readlinks`; this module only draws them."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from hgs.access import audit, readlinks
from hgs.access.roles import PARTICIPANT
from hgs.errors import HGSError
from hgs.exports import contents, markdown
from hgs.exports import verslag as report
from hgs.i18n import t
from hgs.method import cycle, texts
from hgs.ui import confirm as ui_confirm
from hgs.ui import downloads as ui_downloads
from hgs.ui import fields, session
from hgs.ui import signin as ui_auth
from hgs.ui.bodies import goal_progress
from hgs.ui.context import Context
from hgs.ui.live_panel import public_base_url, qr_png

OPENED_STATE = "lees-opened"  # the link whose opening this session has put in the audit log
MADE_STATE = "lees-made"  # meeting id -> (link id, token): the link just made, shown once


# -- the reader's page -----------------------------------------------------------------------------
def note_opening(reading: readlinks.Reading) -> None:
    """One "read" line per session per link: who is the link (its id, never the token), the
    case and meeting it opened. A log that cannot be written stops nothing."""
    if st.session_state.get(OPENED_STATE) == reading.link.id:
        return
    try:
        audit.record("read", who=f"lees-link {reading.link.id}", role=PARTICIPANT,
                     case_id=reading.case.id, meeting_id=reading.meeting.id,
                     detail=f"lees-link {reading.link.audience}")
        st.session_state[OPENED_STATE] = reading.link.id
    except OSError:
        pass  # the reader still reads; the server's log has the disk problem


def show(reading: readlinks.Reading) -> None:
    """The parents' verslag of the one MDO (its agreements in it), the goals' progress up to
    that MDO, and the verslag as PDF: nothing else of the case, nothing of the network."""
    store, case, meeting = session.store(), reading.case, reading.meeting
    doc = contents.build(store, case.id, meeting.id, "ouders", charts=False)
    st.title(texts.plain(doc.title))  # typed names stay text, never markup
    st.caption(texts.plain(doc.subtitle))
    st.info(t("leeslink.geldig_tot", date=texts.date_nl(reading.link.until)),
            icon=":material/schedule:")
    token = session.reader_token()

    def pdf() -> bytes:  # made on click: the link must still open then
        readlinks.resolve(store, token, session.today())
        return report.render(store, case.id, meeting.id, "pdf", "ouders")

    ui_downloads.download_buttons([ui_downloads.Download(
        "lees-pdf", t("leeslink.verslag_pdf"), report.filename(case, meeting, "pdf", "ouders"),
        report.MIME_TYPES["pdf"], pdf, ui_downloads.FORMAT_ICONS["pdf"], case_id=case.id)],
        key="lees")
    with st.container(key="lees-verslag"):
        st.markdown("\n".join(markdown.markdown_lines(doc.intro, escape=texts.plain)))
        for section in doc.sections:
            st.subheader(texts.plain(section.title))
            st.markdown("\n".join(markdown.markdown_lines(section.blocks, escape=texts.plain)))
    history = cycle.history(store.meetings(case.id), meeting)
    if len(history) > 1:  # goals are scored from the first follow-up on
        st.header(t("leeslink.voortgang"))
        goal_progress(history, compact=True)


# -- the chair's panel -----------------------------------------------------------------------------
def panel(ctx: Context) -> None:
    """Lees-link voor ouders: make one (for whom, until when), the link and its QR code once,
    the meeting's links with their state, and revoke (asked first)."""
    with st.expander(t("leeslink.paneel_titel"), icon=":material/link:"):
        st.caption(t("leeslink.paneel_uitleg"))
        _new_link_form(ctx)
        _just_made(ctx)
        _list(ctx)


def _new_link_form(ctx: Context) -> None:
    key = ctx.key("lees-new")
    today = session.today()
    with st.form(key, border=True):
        audience = st.radio(t("leeslink.voor_wie"), readlinks.AUDIENCES, horizontal=True,
                            key=key + "-audience",
                            format_func={"ouders": t("leeslink.voor_ouders"),
                                         "extern": t("leeslink.voor_extern")}.get)
        left, right = st.columns(2)
        name = left.text_input(t("leeslink.naam_professional"), key=key + "-name",
                               max_chars=120)
        organisation = right.text_input(t("leeslink.organisatie_professional"),
                                        key=key + "-org", max_chars=200)
        until = st.date_input(t("leeslink.geldig_tot_en_met"),
                              value=today + dt.timedelta(days=readlinks.DEFAULT_DAYS),
                              min_value=today,
                              max_value=today + dt.timedelta(days=readlinks.MAX_DAYS),
                              format="DD-MM-YYYY", key=key + "-until")
        made: list[tuple[str, readlinks.ReadLink]] = []
        user = ui_auth.current_user()
        if st.form_submit_button(t("leeslink.maken"), icon=":material/add_link:",
                                 type="primary") and fields.save(key, lambda: made.append(
                readlinks.make_link(ctx.store, ctx.case, ctx.meeting, audience=audience,
                                    until=until, today=today, name=name,
                                    organisation=organisation,
                                    made_by=user.username if user else "")), toast=False):
            token, link = made[0]
            st.session_state.setdefault(MADE_STATE, {})[ctx.meeting.id] = (link.id, token)
            ui_auth.log("create", ctx.case.id, meeting_id=ctx.meeting.id,
                        detail=f"lees-link {link.id} {link.audience} tot {link.until}")
    fields.show_error(key)


def _just_made(ctx: Context) -> None:
    """The link made in this session, with its QR code: only now, for HGS keeps no copy."""
    link_id, token = st.session_state.get(MADE_STATE, {}).get(ctx.meeting.id, (None, None))
    if token is None:
        return
    base = public_base_url()
    if base is None:
        st.warning(t("net.no_phone_address"), icon=":material/wifi_off:")
        return
    url = readlinks.read_url(base, token)
    left, right = st.columns([1, 2], vertical_alignment="center")
    with left, st.container(key="lees-qr", width="content"):
        st.image(qr_png(url), width=200)
    with right:
        st.markdown(t("leeslink.dit_is_de_link"))
        st.code(url, language=None, wrap_lines=True)
        st.caption(t("leeslink.eenmalig_getoond"))


def _list(ctx: Context) -> None:
    links = readlinks.links_of(ctx.store, *ctx.ids)
    if not links:
        st.caption(t("leeslink.nog_geen"))
        return
    today = session.today()
    for link in links:
        who = (t("leeslink.voor_ouders") if link.audience == "ouders" else
               t("leeslink.voor_naam", name=texts.plain(link.name),
                 organisation=texts.plain(link.organisation)))
        stopped = readlinks.stopped_reason(link, ctx.case, today)
        row = st.columns([3, 3, 1.4], vertical_alignment="center")
        row[0].markdown(f"**{who}**  \n" + t("leeslink.gemaakt_tot",
                                             made=texts.date_nl(link.made),
                                             until=texts.date_nl(link.until)))
        row[1].markdown(f":material/link_off: {stopped}" if stopped else
                        f":green[:material/check_circle: {t('leeslink.werkt')}]")
        if link.revoked is None:
            with row[2]:
                ui_confirm.destructive_button(
                    t("leeslink.intrekken"), ctx.key("lees-revoke", link.id),
                    lambda link=link, who=who: _revoke_question(ctx, link, who),
                    lambda link=link: readlinks.revoke(ctx.store, link.id, today),
                    icon=":material/link_off:")


def _revoke_question(ctx: Context, link: readlinks.ReadLink, who: str) -> ui_confirm.Question:
    return ui_confirm.Question(
        title=t("leeslink.intrekken_titel"), goes=[t("leeslink.intrekken_gaat", who=who)],
        stays=[t("leeslink.intrekken_blijft")], confirm=t("leeslink.intrekken"),
        done=t("leeslink.ingetrokken"), audit="change", case_id=ctx.case.id,
        meeting_id=ctx.meeting.id, detail=f"lees-link {link.id} ingetrokken",
        backup_reason="intrekken lees-link")


def stopped_page(error: HGSError) -> None:
    """A link that does not open: a plain sentence why, nothing of any case."""
    st.title(t("leeslink.lezen"))
    st.error(str(error), icon=":material/link_off:")
    st.caption(t("leeslink.vraag_nieuwe"))
