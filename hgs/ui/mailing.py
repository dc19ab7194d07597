"""E-mail from the screen: the gouden mailtje's "Versturen" on Voorbereiding (who gets it, who
does not and why, asked first in a dialog), Beheer's "Herinneringen nu versturen", and the
sentence that says HGS sends nothing while no mail server is set. The rules are in hgs.mail."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from hgs import config
from hgs.access import users
from hgs.access.users import User
from hgs.i18n import t, tn
from hgs.mail import reminders, sending, smtp
from hgs.method import texts
from hgs.ui import context, fields, session
from hgs.ui import signin as ui_auth

_OPEN = "mail-open"  # the key of the send button whose question is open
_DONE = "mail-done"  # what the last send did, shown once


def _by() -> tuple[str, str]:
    user = ui_auth.current_user()
    return (user.username, user.role) if user else sending.SYSTEM


def _done(key: str) -> None:
    if message := st.session_state.get(_DONE, {}).pop(key, None):
        st.success(message.replace("\n", "  \n"), icon=":material/mark_email_read:")


def not_configured() -> bool:
    """Without a mail server: say so (the files below stay the way to send); True then."""
    if smtp.configured():
        return False
    st.info(t("mail.geen_server"), icon=":material/unsubscribe:")
    return True


def invitation_send(ctx: context.Context, organisation: str, join_link: str | None) -> None:
    """The "Versturen" button of the gouden mailtje, with who gets it and who does not."""
    key = f"mail-{ctx.meeting.id}-invite"
    _done(key)
    if not_configured():
        sent_elsewhere(ctx)
        return
    meeting = ctx.meeting
    if meeting.invitation_sent is not None:
        st.caption(":material/schedule_send: " + t("mail.al_verstuurd",
                                                    **_when(meeting.invitation_sent)))
    to, held = sending.invitation_recipients(ctx.case, meeting, session.today())
    for person in held:
        st.warning(t("mail.krijgt_niets", name=texts.plain(person.name), reason=person.reason),
                   icon=":material/block:")
    if st.button(t("mail.versturen"), key=key, icon=":material/send:", disabled=not to,
                 help=None if to else t("mail.niemand")):
        st.session_state[_OPEN] = key
    if st.session_state.get(_OPEN) == key:
        _ask(ctx, key, to, organisation, join_link)
    else:
        fields.show_error(key)


def _when(moment: dt.datetime) -> dict[str, str]:
    """The day and the time of `moment` on this computer's clock, both in local time (a UTC
    date beside a local time would be a day off around midnight)."""
    local = moment.astimezone()
    return {"date": texts.date_nl(local.date()), "time": f"{local:%H:%M}"}


def _mark_sent(ctx: context.Context, key: str, sent: bool) -> None:
    value = dt.datetime.now(dt.UTC) if sent else None
    if fields.save(key, lambda: ctx.store.set_field(*ctx.ids, "invitation_sent", value)):
        ui_auth.log_change(ctx.case.id)


def sent_elsewhere(ctx: context.Context) -> None:
    """Without a mail server the chair sends the .eml from their own mail program, and says so
    here: the Werklijst then stops asking for the invitation (and can be told it was not)."""
    key = f"mail-{ctx.meeting.id}-sent-elsewhere"
    sent = ctx.meeting.invitation_sent
    if sent is None:
        st.button(t("mail.zelf_verstuurd"), key=key, icon=":material/mark_email_read:",
                  help=t("mail.zelf_verstuurd_uitleg"), on_click=_mark_sent,
                  args=(ctx, key, True))
    else:
        st.caption(":material/mark_email_read: " + t("mail.verstuurd_op", **_when(sent)))
        st.button(t("mail.toch_niet_verstuurd"), key=key, icon=":material/undo:",
                  on_click=_mark_sent, args=(ctx, key, False))
    fields.show_error(key)


def _close() -> None:
    st.session_state.pop(_OPEN, None)


def _ask(ctx: context.Context, key: str, to, organisation: str, join_link: str | None) -> None:
    @st.dialog(t("mail.versturen_titel"), width="medium", on_dismiss=_close)
    def dialog() -> None:
        st.markdown(t("mail.gaat_naar"))
        st.markdown("\n".join("- " + texts.plain(
            f"{p.name} <{p.email}> ({texts.ROLES.get(p.role, p.role)})") for p in to))
        yes, no = st.columns(2)
        if yes.button(t("mail.versturen_ja"), key=f"{key}-yes", type="primary",
                      icon=":material/send:", width="stretch"):
            sent: list[sending.Sent] = []
            with st.spinner(t("mail.bezig")):
                ok = fields.save(key, lambda: sent.append(sending.send_invitation(
                    ctx.store, *ctx.ids, by=_by(), organisation=organisation,
                    join_link=join_link, today=session.today())), toast=False)
            if ok:
                st.session_state.setdefault(_DONE, {})[key] = "\n".join([
                    t("mail.verstuurd", participants=tn("plural.participants", len(sent[0].to))),
                    *(t("mail.krijgt_niets", name=texts.plain(r.name),
                        reason=texts.plain(r.reason)) for r in sent[0].refused)])
                _close()
                st.rerun()
        if no.button(t("mail.annuleren"), key=f"{key}-no", width="stretch"):
            _close()
            st.rerun()
        fields.show_error(key)

    dialog()


def reminders_panel() -> None:
    """Beheer: what the reminders do, and sending what is due now (as cron would)."""
    key = "mail-reminders-now"
    st.caption(t("mail.herinneringen_uitleg", days=config.reminder_days()))
    _done(key)
    if not_configured():
        return
    if st.button(t("mail.herinneringen_nu"), key=key, icon=":material/outgoing_mail:"):
        outcome: list[reminders.Outcome] = []
        with st.spinner(t("mail.bezig")):
            ok = fields.save(key, lambda: outcome.append(
                reminders.run(session.store(), today=session.today(), by=_by())), toast=False)
        if ok:
            st.session_state.setdefault(_DONE, {})[key] = outcome[0].summary()
            st.rerun()
    fields.show_error(key)


def digest_choice(user: User) -> None:
    """A voorzitter's own choice of the weekly digest and its address (the sidebar)."""
    if "voorzitter" not in user.roles or not user.id:
        return
    key = "mail-own-digest"
    with st.sidebar.popover(t("mail.eigen_overzicht"), icon=":material/mail:"):
        with st.form(key):
            email = st.text_input(t("mail.gebruiker_adres"), value=user.email, max_chars=200,
                                  key=f"{key}-email")
            wanted = st.checkbox(t("mail.gebruiker_overzicht"), value=user.weekly_digest,
                                 key=f"{key}-wanted")
            if st.form_submit_button(t("beheer.opslaan"), icon=":material/save:"):
                if fields.save(key, lambda: users.update_user(
                        user.username, email=email, weekly_digest=wanted)):
                    ui_auth.log("user-changed", detail=f"weekoverzicht {user.username}")
        fields.show_error(key)
