"""The network rules of `hgs.netaccess` in the Streamlit session: on every run, before anything
is read, a foreign Host is refused and, without sign-in, every device but this computer gets
only the participant page of a join link; the address phones use; and a Dutch message (the
details to the server's log) instead of a traceback when a page fails."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from hgs import config
from hgs.access import login, netaccess
from hgs.errors import HGSError
from hgs.i18n import t

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Client:
    """The browser behind this session, as its WebSocket handshake told the server."""
    host: str | None
    ip: str | None
    proxied: bool


def client() -> Client | None:
    """This session's browser; None when no browser is behind the run (AppTest), so nothing
    of it reaches any device."""
    headers = st.context.headers
    if not headers:  # a browser always sends Host: only a run without one has no headers
        return None
    ip = st.context.ip_address
    # Streamlit reports 127.0.0.1 and ::1 as None ("accessed through localhost").
    return Client(host=headers.get("Host"), ip=ip if isinstance(ip, str) else "127.0.0.1",
                  proxied=netaccess.via_proxy(dict(headers)))


@st.cache_data(ttl=10, show_spinner=False)
def _machine() -> tuple[list[str], list[str], list[str]]:
    """This computer's names, all its addresses and its network addresses (best first), read
    again after 10 s: a laptop joins the school's Wi-Fi after HGS started."""
    return netaccess.machine_names(), netaccess.own_addresses(), netaccess.lan_addresses()


def allowed_hosts() -> list[str]:
    """The Host names this server answers to. Started by `python -m hgs.launch` (`make run`),
    Streamlit's `server.allowedHosts` holds them and refuses a foreign Host's WebSocket itself;
    HGS checks the same list on every run. Started otherwise, HGS works the list out itself."""
    configured = [h for h in st.get_option("server.allowedHosts") or [] if h and h.strip()]
    if configured:
        return configured
    names, own, _ = _machine()
    return netaccess.allowed_hosts(names, own, config.public_url())


def _sign_in_on() -> bool:
    try:
        return login.mode() != "uit"
    except HGSError:  # a wrong HGS_AUTH: the app says so and opens nothing; be strict here
        return False


def gate(participant: bool) -> None:
    """Refuse this run, with a Dutch sentence and nothing else, when its Host is not this
    server's, or when sign-in is off and the browser is not on this computer (`participant`:
    a join link, whose page checks its token itself)."""
    browser = client()
    if browser is None:
        return
    _, own, _ = _machine()
    key = netaccess.refusal(host=browser.host, allowed=allowed_hosts(), ip=browser.ip, own=own,
                            proxied=browser.proxied, sign_in=_sign_in_on(),
                            participant=participant)
    if key is None:
        return
    _log.warning("refused %s (Host %r, client %s)", key, browser.host, browser.ip)
    st.title(t("net.title"))
    st.error(t(key, port=st.get_option("server.port")), icon=":material/lock:")
    st.stop()


def phone_base_url() -> str | None:
    """Where a phone on the same network reaches this server (`HGS_PUBLIC_URL`, the chair's own
    network address, or this computer's network address and port); None when there is none."""
    _, _, lan = _machine()
    allowed = allowed_hosts()
    return netaccess.phone_address(
        public_url=config.public_url(), chair_url=st.context.url,
        listen=st.get_option("server.address"), port=int(st.get_option("server.port")),
        addresses=[a for a in lan if netaccess.host_allowed(a, allowed)])


def run_page(page) -> None:
    """Run the chosen page; when it fails, a Dutch message on screen and the details (type,
    message, traceback) in the server's log only (`client.showErrorDetails = "none"`)."""
    try:
        page.run()
    except Exception:  # st.stop and st.rerun are BaseExceptions: they pass
        _log.exception("page %r failed", getattr(page, "title", page))
        st.error(t("net.page_failed"), icon=":material/error:")
