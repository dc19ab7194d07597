"""The sign-in and sign-out screens: the password form (counted per name and address), the button
to the organisation's identity provider, who is working in the sidebar, and signing out
everywhere. Who a session's user is, and whether the sign-in still holds, is hgs.ui.signin."""

from __future__ import annotations

import logging

import streamlit as st

from hgs import config
from hgs.access import login, passwords, roles, sessions, throttle, users
from hgs.access.users import User
from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method import texts
from hgs.ui import mailing as ui_mailing
from hgs.ui import signin

_log = logging.getLogger(__name__)


def client_address() -> str | None:
    """The address this session's sign-ins count against (hgs.throttle.client_address)."""
    return throttle.client_address(st.context.ip_address, dict(st.context.headers or {}))


def sign_in_form() -> None:
    """Username and password; the same message for an unknown name and a wrong password. A
    users file that cannot be read is said in Dutch, and no form is shown."""
    signin.drop_cookies()
    try:
        people = users.load_users()
    except HGSError as error:
        st.error(str(error), icon=":material/error:")
        return
    if not people:
        st.info(t("ui_auth.first_admin"), icon=":material/person_add:")
        return
    with st.form("auth-sign-in", clear_on_submit=True):
        username = st.text_input(t("ui_auth.gebruikersnaam"), key="auth-username", max_chars=120)
        password = st.text_input(t("ui_auth.wachtwoord"), type="password", key="auth-password",
                                 max_chars=passwords.MAX_PASSWORD)
        submitted = st.form_submit_button(t("ui_auth.inloggen"), key="auth-submit", type="primary",
                                          icon=":material/login:")
    if not submitted:
        return
    st.session_state.pop("auth-password", None)  # the typed password is not kept in the session
    # Only a known username is logged: a password typed into the name field must not be.
    known = people.get(users.normal_username(username))
    try:
        user = login.authenticate(username, password, address=client_address())
    except login.SignInLocked as locked:
        signin.log("sign-in-failed", user=known)
        st.error(str(locked), icon=":material/lock_clock:")
        return
    except login.SignInBusy as busy:
        st.warning(str(busy), icon=":material/hourglass_top:")
        return
    except HGSError as error:  # the users file damaged meanwhile
        st.error(str(error), icon=":material/error:")
        return
    if user is None:
        signin.log("sign-in-failed", user=known)
        st.error(t("errors.auth.sign_in_failed"), icon=":material/error:")
        return
    # Nothing of an earlier session on this screen carries over, except the case and meeting in
    # the address (a reload or a shared link): the page switch after sign-in would drop them.
    kept = {"active_case": st.query_params.get("case"),
            "active_meeting": st.query_params.get("meeting"),
            signin.FORGET_STATE: st.session_state.get(signin.FORGET_STATE, [])}
    ticket = sessions.issue(user)
    st.session_state.clear()
    st.session_state.update(kept)
    st.session_state[signin.TICKET_STATE], st.session_state[signin.USER_STATE] = ticket, user.username
    signin.log("sign-in", user=user)
    st.rerun()


def oidc_sign_in() -> None:
    """The button to the organisation's own identity provider (`st.login`)."""
    claims = signin.oidc_claims()
    if claims.get("is_logged_in"):  # known to the provider, but not (yet) to HGS
        email = texts.plain(str(claims.get("email") or "?"))
        st.warning(t("ui_auth.u_bent_ingelogd_als_maar_dit", email=email), icon=":material/person_off:")
        if st.button(t("ui_auth.uitloggen"), key="auth-oidc-out", icon=":material/logout:"):
            st.logout()
        return
    if st.button(t("ui_auth.inloggen_met_uw_account_van_de"), key="auth-oidc-in",
                 type="primary", icon=":material/login:"):
        try:
            st.login(config.oidc_provider())
        except Exception as error:  # Authlib missing or no [auth] in secrets.toml
            _log.error("st.login failed: %s", error)
            st.error(t("ui_auth.inloggen_via_de_organisatie_is_op"),
                     icon=":material/error:")


def sidebar(user: User) -> None:
    """Who is working, and the way out."""
    with st.sidebar:
        if user.role == roles.LOCAL:
            st.caption(":material/computer: " + t("ui_auth.local_caption"))
            return
        st.caption(":material/badge: " + t("ui_auth.signed_in_as", label=texts.plain(user.label),
                                            role=user.role_label))
        ui_mailing.digest_choice(user)
        if st.button(t("ui_auth.uitloggen"), key="auth-sign-out", icon=":material/logout:"):
            sign_out(user)


def sign_out(user: User) -> None:
    """End this sign-in everywhere: the session is cleared, the browser drops its cookie, and
    the user's session generation moves on, so their other tabs and devices (and any copy of
    the cookie) fall back to the sign-in form within `check_every()` seconds."""
    signin.log("sign-out", user=user)
    state = st.session_state
    ticket = state.get(signin.TICKET_STATE)
    forget = [*state.get(signin.FORGET_STATE, []), *([ticket.token] if ticket else [])]
    try:
        users.end_sessions(user.username)
    except (HGSError, OSError) as error:  # this session is signed out all the same
        _log.error("session generation of %s not moved on: %s", user.username, error)
    chosen = state.get("language")
    state.clear()
    state[signin.FORGET_STATE] = forget  # the cookie this session came with no longer counts
    if chosen:  # the language choice outlives the sign-out
        state["language"] = chosen
    st.query_params.clear()
    if login.mode() == "oidc":
        st.logout()
    st.rerun()
