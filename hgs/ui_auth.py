"""Sign-in in the Streamlit session: the user, the page guard, the forms, the audit lines."""

from __future__ import annotations

import logging
import os
from typing import Any

import streamlit as st

from hgs import audit, auth, texts
from hgs.auth import User
from hgs.errors import HGSError
from hgs.model import Case
from hgs.store import Store
from hgs.i18n import t

USER_STATE = "auth-user"
OIDC_SIGNED_IN = "auth-oidc-logged"
# The messages, in the session's language: ui_auth.NO_ACCESS etc. read the catalogue.
_MESSAGES = {"LOCAL_CAPTION": "ui_auth.local_caption", "NO_ACCESS": "ui_auth.no_access",
             "OTHER_ORGANISATION": "ui_auth.other_organisation",
             "FIRST_ADMIN": "ui_auth.first_admin"}


def __getattr__(name: str) -> str:
    if name in _MESSAGES:
        return t(_MESSAGES[name])
    raise AttributeError(name)
UNKNOWN = "(onbekend)"  # who, in the audit log, when nobody known

_log = logging.getLogger(__name__)


# -- who is here -------------------------------------------------------------------------------
def current_user() -> User | None:
    """The user of this session: the participant of a join link, the local user when sign-in is
    off, else the signed-in user (None before sign-in). Looked up again on every run, so a
    removed user or a changed role counts at once."""
    from hgs.ui import participant_token  # hgs.ui imports this module

    if participant_token() is not None:
        return auth.PARTICIPANT_USER
    mode = auth.mode()
    if mode == "uit":
        return auth.LOCAL_USER
    if mode == "wachtwoord":
        return auth.get_user(st.session_state.get(USER_STATE))
    return _oidc_user()


def _oidc_claims() -> dict[str, Any]:
    return st.user.to_dict() if st.user else {}


def _oidc_user() -> User | None:
    claims = _oidc_claims()
    if not claims.get("is_logged_in") or claims.get("email_verified") is False:
        return None
    user = auth.get_user(str(claims.get("email") or ""))
    if user is not None and st.session_state.get(OIDC_SIGNED_IN) != user.username:
        st.session_state[OIDC_SIGNED_IN] = user.username
        log("sign-in", user=user, detail="oidc")
    return user


def guard(page_file: str) -> User:
    """The first line of every page: the user, or a Dutch message and a stop when this user's
    role may not open the page. Nothing of the page has been read at that point."""
    try:
        user = current_user()
    except HGSError as error:  # a wrong HGS_AUTH or a damaged users file: open nothing
        st.error(str(error), icon=":material/error:")
        st.stop()
    if not auth.may_open(user, page_file):
        st.error(t("ui_auth.no_access"), icon=":material/lock:")
        st.stop()
    return user


def may_see(case: Case) -> bool:
    try:
        return auth.can_see_case(current_user(), case)
    except HGSError:
        return False


def visible_cases(cases: list[Case]) -> list[Case]:
    """The cases this user may see (a voorzitter: those of their own organisations)."""
    try:
        return auth.visible_cases(current_user(), cases)
    except HGSError:
        return []


def may_manage() -> bool:
    """May this user manage organisations and the whole data folder (a beheerder, or the local
    user)?"""
    try:
        user = current_user()
    except HGSError:
        return False
    return user is not None and "beheerder" in user.roles


# -- the audit log -----------------------------------------------------------------------------
def log(what: str, case_id: str | None = None, *, meeting_id: str | None = None,
        detail: str = "", user: User | None = None) -> None:
    """One audit line for what this session's user (or `user`) did. A log that cannot be
    written does not undo what was done: it is reported to the server log."""
    user = user or current_user()
    try:
        audit.record(what, who=user.username if user else UNKNOWN, role=user.role if user else "",
                     case_id=case_id, meeting_id=meeting_id, detail=detail)
    except OSError as error:
        _log.error("audit log not written (%s %s): %s", what, case_id, error)


def log_change(case_id: str, user: User | None = None) -> None:
    """A "change" line for the case, at most once per case per person per 10 minutes."""
    user = user or current_user()
    if user is None:
        return
    try:
        audit.record_change(who=user.username, role=user.role, case_id=case_id)
    except OSError as error:
        _log.error("audit log not written (change %s): %s", case_id, error)


_WRITES = frozenset({"set_field", "save_field", "save_item_field", "add_item", "update_item",
                     "remove_item", "update_meeting", "update_case", "create_meeting"})


class AuditedStore:
    """The store as the pages of one case see it: every write to the case also notes a
    "change" in the audit log, so no page has to remember to. Everything else passes through."""

    def __init__(self, store: Store, case_id: str, user: User | None) -> None:
        self._store, self._case_id, self._user = store, case_id, user

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        if name not in _WRITES:
            return attribute

        def write(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            log_change(self._case_id, self._user)
            return result

        return write


def audited(store: Store, case_id: str) -> AuditedStore:
    return AuditedStore(store, case_id, current_user())


# -- sign-in and sign-out ----------------------------------------------------------------------
def sign_in_form() -> None:
    """Username and password; the same message for an unknown name and a wrong password."""
    if not auth.load_users():
        st.info(t("ui_auth.first_admin"), icon=":material/person_add:")
        return
    with st.form("auth-sign-in", clear_on_submit=True):
        username = st.text_input(t("ui_auth.gebruikersnaam"), key="auth-username", max_chars=120)
        password = st.text_input(t("ui_auth.wachtwoord"), type="password", key="auth-password",
                                 max_chars=auth.MAX_PASSWORD)
        submitted = st.form_submit_button(t("ui_auth.inloggen"), key="auth-submit", type="primary",
                                          icon=":material/login:")
    if not submitted:
        return
    st.session_state.pop("auth-password", None)  # the typed password is not kept in the session
    try:
        user = auth.authenticate(username, password)
    except auth.SignInLocked as locked:
        log("sign-in-failed", user=auth.get_user(username))
        st.error(str(locked), icon=":material/lock_clock:")
        return
    if user is None:
        # Only a known username is logged: a password typed into the name field must not be.
        known = auth.get_user(username)
        log("sign-in-failed", user=known)
        st.error(t("errors.auth.sign_in_failed"), icon=":material/error:")
        return
    # Nothing of an earlier session on this screen carries over, except the case and meeting in
    # the address (a reload or a shared link): the page switch after sign-in would drop them.
    kept = {"active_case": st.query_params.get("case"),
            "active_meeting": st.query_params.get("meeting")}
    st.session_state.clear()
    st.session_state.update(kept)
    st.session_state[USER_STATE] = user.username
    log("sign-in", user=user)
    st.rerun()


def oidc_sign_in() -> None:
    """The button to the organisation's own identity provider (`st.login`)."""
    claims = _oidc_claims()
    if claims.get("is_logged_in"):  # known to the provider, but not (yet) to HGS
        email = texts.plain(str(claims.get("email") or "?"))
        st.warning(t("ui_auth.u_bent_ingelogd_als_maar_dit", email=email), icon=":material/person_off:")
        if st.button(t("ui_auth.uitloggen"), key="auth-oidc-out", icon=":material/logout:"):
            st.logout()
        return
    if st.button(t("ui_auth.inloggen_met_uw_account_van_de"), key="auth-oidc-in",
                 type="primary", icon=":material/login:"):
        try:
            st.login(os.environ.get("HGS_OIDC_PROVIDER") or None)
        except Exception as error:  # Authlib missing or no [auth] in secrets.toml
            _log.error("st.login failed: %s", error)
            st.error(t("ui_auth.inloggen_via_de_organisatie_is_op"),
                     icon=":material/error:")


def sidebar(user: User) -> None:
    """Who is working, and the way out."""
    with st.sidebar:
        if user.role == auth.LOCAL:
            st.caption(":material/computer: " + t("ui_auth.local_caption"))
            return
        st.caption(":material/badge: " + t("ui_auth.signed_in_as", label=texts.plain(user.label),
                                            role=user.role_label))
        if st.button(t("ui_auth.uitloggen"), key="auth-sign-out", icon=":material/logout:"):
            log("sign-out", user=user)
            chosen = st.session_state.get("language")
            st.session_state.clear()
            if chosen:  # the language choice outlives the sign-out
                st.session_state["language"] = chosen
            st.query_params.clear()
            if auth.mode() == "oidc":
                st.logout()
            st.rerun()
