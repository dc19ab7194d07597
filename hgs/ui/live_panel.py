"""Joining from one's own device (the link and its QR code, opened and closed by the chair) and the
live parts of the chair's screen, which reread the meeting while participants add to it."""

from __future__ import annotations

import io
from collections.abc import Callable

import segno
import streamlit as st

from hgs.access import joining as live
from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method import texts
from hgs.method.records import Meeting
from hgs.ui import netgate as ui_net
from hgs.ui.context import Context
from hgs.ui.fields import save


def public_base_url() -> str | None:
    """Where participants' phones reach this server: `HGS_PUBLIC_URL`, else this computer's
    network address and port (`hgs.netaccess.phone_address`); None without a network."""
    return ui_net.phone_base_url()


def join_panel(ctx: Context) -> None:
    """Open or close joining for this meeting; while open, the link and its QR code."""
    meeting = ctx.meeting
    with st.expander(t("ui.meedoen_vanaf_de_eigen_telefoon") +
                     (t("ui.open") if meeting.join_open else ""),
                     icon=":material/qr_code_2:", expanded=False):
        if not meeting.join_open:
            st.caption(t("ui.deelnemers_voegen_zelf_vragen"))
            if st.button(t("ui.meedoen_openen"), key=ctx.key("join-open"), icon=":material/lock_open:"):
                if save(ctx.key("join-open"),
                        lambda: live.open_joining(ctx.store, *ctx.ids), toast=False):
                    st.rerun()
            return
        url = join_link(meeting)
        if url is None:  # no network (or this computer only): no link a phone could open
            st.warning(t("net.no_phone_address"), icon=":material/wifi_off:")
            if st.button(t("ui.meedoen_sluiten"), key=ctx.key("join-close"),
                         icon=":material/lock:"):
                if save(ctx.key("join-close"),
                        lambda: live.close_joining(ctx.store, *ctx.ids), toast=False):
                    st.rerun()
            return
        left, right = st.columns([1, 2], vertical_alignment="center")
        with left:
            join_qr(url, width=220)
        with right:
            st.markdown(t("ui.scan_de_code_of_open_de_link"))
            st.code(url, language=None)
            if st.button(t("ui.meedoen_sluiten"), key=ctx.key("join-close"), icon=":material/lock:",
                         help=t("ui.de_link_werkt_daarna_niet_meer")):
                if save(ctx.key("join-close"),
                        lambda: live.close_joining(ctx.store, *ctx.ids), toast=False):
                    st.rerun()


def join_link(meeting: Meeting) -> str | None:
    """The participants' link of this meeting while joining is open (None without an address a
    phone could reach)."""
    if not meeting.join_open or (base := public_base_url()) is None:
        return None
    return live.join_url(base, meeting.join_token)


def join_qr(url: str, width: int) -> None:
    """The QR code of a join link; `.st-key-join-qr` for the browser tests."""
    with st.container(key="join-qr", width="content"):
        st.image(qr_png(url), width=width)


def projector_join(meeting: Meeting) -> None:
    """Presentatie: while joining is open, the QR code big enough to scan from across the room,
    and the link under it; nothing while it is closed (the chair opens it at a step page)."""
    url = join_link(meeting)
    if url is None:
        return
    with st.container(key="projector-join", width="content", horizontal_alignment="center"):
        st.markdown(t("projector.scan_om_mee_te_doen"))
        join_qr(url, width=260)
        st.code(url, language=None, wrap_lines=True)


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def live_section(ctx: Context, render: Callable[[Context], None], every: float = 2.0,
                 always: bool = False) -> None:
    """Draw `render` inside a fragment that, while joining is open (or `always`), reads the
    meeting again every `every` seconds: participants' entries appear without a reload, and only
    this part of the page reruns, so what the chair is typing elsewhere stays."""

    @st.fragment(run_every=every if always or ctx.meeting.join_open else None)
    def section() -> None:
        try:
            fresh = ctx.store.get_meeting(*ctx.ids)
        except HGSError:
            fresh = ctx.meeting
        render(Context(ctx.store, ctx.case, fresh))

    section()


def giver_scores(ctx: Context) -> None:
    """The scores participants gave each goal from their own device, beside the chair's."""
    given = ctx.meeting.giver_scores
    if not given:
        return
    st.markdown(t("ui.scores_van_deelnemers"))
    for goal in ctx.meeting.goals:
        mine = [g for g in given if g.goal_id == goal.id]
        if mine:
            scores = ", ".join(f"{g.score} ({texts.plain(g.by)})" for g in mine)
            st.markdown(f"- {texts.plain(goal.text) or t('ui.goal_without_text')}: {scores}")
