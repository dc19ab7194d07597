"""Sign-in in the Streamlit session: the user, the page guard, the forms, the audit lines."""

from __future__ import annotations

import email.utils
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from hgs import config
from hgs.access import audit, login, roles, sessions, users
from hgs.access.audited import AuditedStore, SignInEnded
from hgs.access.users import User
from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method.records import Case
from hgs.store import Store
from hgs.ui.session import participant_token, reader_token

USER_STATE = "auth-user"  # the signed-in username (for reading; the ticket decides)
TICKET_STATE = "auth-ticket"  # the session's signed ticket (hgs.sessions.Ticket)
SEEN_STATE = "auth-seen"  # the user record as this session saw it (User.fingerprint)
FORGET_STATE = "auth-forget"  # tokens this browser should drop: signed out, or refused
OIDC_SIGNED_IN = "auth-oidc-logged"
CHECK_EVERY = 3.0  # seconds: how soon an open screen notices a sign-out, removal or new role
UNKNOWN = "(onbekend)"  # who, in the audit log, when nobody known

_log = logging.getLogger(__name__)


# -- who is here -------------------------------------------------------------------------------
def current_user() -> User | None:
    """The user of this session: the participant of a join link, the local user when sign-in is
    off, else the signed-in user (None before sign-in). Looked up again on every run, so a
    removed user or a changed role counts at once."""
    if participant_token() is not None or reader_token() is not None:
        return users.PARTICIPANT_USER  # a lees-link's reader too: the page checks the token
    mode = login.mode()
    if mode == "uit":
        return users.LOCAL_USER
    if mode == "wachtwoord":
        return _ticket_user()
    return _oidc_user()


def _ticket_user() -> User | None:
    """The holder of this session's ticket; a new session (a reload, a new tab) takes the
    ticket from the browser's cookie. A ticket that no longer stands for its user (signed out,
    removed, another role, expired) ends the session here, on whatever run comes next."""
    state = st.session_state
    ticket = state.get(TICKET_STATE)
    if ticket is None:
        token = st.context.cookies.get(sessions.COOKIE)
        if not isinstance(token, str) or not token or token in state.get(FORGET_STATE, ()):
            return None
        ticket = sessions.read(token)
        if ticket is None:
            _forget(token)
            return None
    user = sessions.holder(ticket)
    if user is None:
        state.pop(TICKET_STATE, None)
        state.pop(USER_STATE, None)
        _forget(ticket.token)
        return None
    if state.get(TICKET_STATE) is not ticket:
        state[TICKET_STATE], state[USER_STATE] = ticket, user.username
    return user


def _forget(token: str) -> None:
    """Never sign this session in with `token` again, and have the browser drop it."""
    forget = st.session_state.setdefault(FORGET_STATE, [])
    if token not in forget:
        forget.append(token)


def oidc_claims() -> dict[str, Any]:
    """What the identity provider says about this session's person (empty without OIDC)."""
    return st.user.to_dict() if st.user else {}


def _oidc_user() -> User | None:
    claims = oidc_claims()
    if not claims.get("is_logged_in") or claims.get("email_verified") is False:
        return None
    user = users.get_user(str(claims.get("email") or ""))
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
    if not roles.may_open(user, page_file):
        st.error(t("ui_auth.no_access"), icon=":material/lock:")
        st.stop()
    return user


def may_see(case: Case) -> bool:
    try:
        return roles.can_see_case(current_user(), case)
    except HGSError:
        return False


def visible_cases(cases: list[Case]) -> list[Case]:
    """The cases this user may see (a voorzitter: those of their own organisations)."""
    try:
        return roles.visible_cases(current_user(), cases)
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


def log_before(what: str, case_id: str, *, refusal: str, detail: str = "",
               user: User | None = None) -> None:
    """The audit line of an action that may only happen on the record (an export), written
    before it: AuditUnavailable, saying nothing was done, when it cannot be."""
    user = user or current_user()
    audit.record_before(what, refusal=refusal, who=user.username if user else UNKNOWN,
                        role=user.role if user else "", case_id=case_id, detail=detail)


def log_read(case: Case) -> None:
    """A "read" line for the case this session's user opened, at most once per case per person
    per 10 minutes; a participant's page and a log that cannot be written are left alone."""
    user = current_user()
    if user is None or user.role == roles.PARTICIPANT:
        return
    try:
        audit.record_read(who=user.username, role=user.role, case_id=case.id)
    except OSError as error:
        _log.error("audit log not written (read %s): %s", case.id, error)


def log_refused(case_id: str) -> None:
    """A "refused" line: this session's user tried to open a case they may not see (another
    school's), by a link or a remembered choice. Every attempt."""
    log("refused", case_id)


def log_change(case_id: str, user: User | None = None) -> None:
    """A "change" line for the case, at most once per case per person per 10 minutes."""
    user = user or current_user()
    if user is None:
        return
    try:
        audit.record_change(who=user.username, role=user.role, case_id=case_id)
    except OSError as error:
        _log.error("audit log not written (change %s): %s", case_id, error)


def audited(store: Store, case_id: str) -> AuditedStore:
    """`store` as this screen of the case sees it: every write notes a change for this user."""
    user = current_user()
    return AuditedStore(store, lambda: log_change(case_id, user), _sign_in_of_this_run(user))


# -- staying signed in: the cookie, and noticing the end of a sign-in ------------------------------
def _cookie_script(body: str) -> None:
    # The browser keeps the ticket: Streamlit reads cookies (st.context.cookies, sent with the
    # WebSocket's opening request) but cannot set one from Python, so a script on the page does.
    # JavaScript sets it, so it cannot be HttpOnly; SameSite=Strict keeps other sites from
    # sending it, Secure keeps it off plain HTTP whenever the page itself came over HTTPS.
    st.html(f"""<script>(() => {{
  const name = {json.dumps(sessions.COOKIE)};
  const attributes = '; Path=/; SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : '');
  const current = (document.cookie.split('; ').find(c => c.startsWith(name + '=')) || '')
    .slice(name.length + 1);
  {body}
}})();</script>""", unsafe_allow_javascript=True)


def _set_cookie(ticket: sessions.Ticket) -> None:
    expires = email.utils.formatdate(ticket.expires, usegmt=True)
    _cookie_script(f"if (current !== {json.dumps(ticket.token)}) document.cookie = name + '=' + "
                   f"{json.dumps(ticket.token)} + '; Expires={expires}' + attributes;")


def drop_cookies() -> None:
    """Have the browser drop a cookie this session knows to be dead (signed out or refused);
    a newer one, from a sign-in in another tab, is left alone."""
    if dead := st.session_state.get(FORGET_STATE):
        _cookie_script(f"if ({json.dumps(dead)}.includes(current)) document.cookie = name + "
                       "'=; Max-Age=0' + attributes;")


def keep_signed_in(user: User) -> None:
    """Once per full run of a signed-in session (app.py): renew the ticket when it has aged,
    keep it in the browser's cookie, and watch, every `check_every()` seconds, whether this sign-in
    still holds (not signed out elsewhere, not removed, the same role and organisations); when
    it does not, the whole app runs again and shows the sign-in form."""
    if user.role in (roles.LOCAL, roles.PARTICIPANT):
        return
    state = st.session_state
    state[SEEN_STATE] = user.fingerprint
    ticket = state.get(TICKET_STATE)
    with st.sidebar:
        if ticket is not None:
            if ticket.due_for_renewal():
                state[TICKET_STATE] = ticket = sessions.issue(user)
            _set_cookie(ticket)
        _watch()


def still_signed_in() -> bool:
    """Does this session's sign-in still hold? Cheap: a look at the users file's stat (parsed
    again only when it changed) and a few comparisons."""
    try:
        mode = login.mode()
    except HGSError:  # HGS_AUTH changed to something wrong: the next run says why
        return False
    return _holds(mode, st.session_state.get(TICKET_STATE), st.session_state.get(SEEN_STATE))


def _holds(mode: str, ticket: sessions.Ticket | None, seen: tuple | None) -> bool:
    if mode == "uit":
        return True
    try:
        if mode == "wachtwoord":
            return sessions.holder(ticket) is not None
        user = users.get_user(seen[0]) if seen else None
        return user is not None and user.fingerprint == seen
    except (HGSError, OSError):  # a damaged users file: nobody is signed in
        return False


def check_every() -> float:
    """Seconds between two looks at whether an open screen's sign-in still holds:
    `HGS_SIGN_IN_CHECK` (1 to 600, read on every run), else CHECK_EVERY."""
    return config.sign_in_check(CHECK_EVERY)


def _watch() -> None:
    @st.fragment(run_every=check_every())
    def sign_in_check() -> None:
        if not still_signed_in():
            st.rerun(scope="app")

    sign_in_check()


Made = TypeVar("Made")


def guarded(make: Callable[[], Made]) -> Callable[[], Made]:
    """`make` for a download: the file is made on click, after the run and outside the
    session, so the sign-in is checked again at that moment; when it no longer holds, nothing
    is made (SignInEnded: the browser gets an error instead of a file)."""
    holds = _sign_in_of_this_run()

    def checked() -> Made:
        if not holds():
            raise SignInEnded(t("sessions.sign_in_ended"))
        return make()

    return checked


def _sign_in_of_this_run(user: User | None = None) -> Callable[[], bool]:
    """Whether the sign-in this run saw still holds, to ask later, outside the session (a
    download made on click, a save from a widget's callback)."""
    try:
        mode = login.mode()
    except HGSError:  # a wrong HGS_AUTH opens nothing
        return lambda: False
    state = st.session_state
    ticket = state.get(TICKET_STATE)
    seen = state.get(SEEN_STATE) or (user.fingerprint if user else None)
    if user is not None and user.role in (roles.LOCAL, roles.PARTICIPANT):
        return lambda: True  # the local launch; a participant's own token is checked apart
    return lambda: _holds(mode, ticket, seen)
