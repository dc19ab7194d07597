"""Who may reach HGS over the network: this computer's own addresses and names, the Host rule
(against DNS rebinding), the rule that without sign-in only this computer opens the chair's
pages, and the address a phone on the same network uses. Plain functions, no Streamlit."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("", "0.0.0.0", "::")  # listening on every interface
# Headers a reverse proxy adds: a request that carries one did not come from a browser here.
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")
# Interfaces of containers and virtual machines: their addresses are this computer's (allowed
# as Host), but a phone on the school's Wi-Fi cannot reach them, so they come last.
_VIRTUAL = ("docker", "br-", "veth", "virbr", "vboxnet", "vmnet", "lxc", "lxd", "podman", "cni",
            "flannel", "tun", "tap", "wg", "zt", "utun", "awdl", "llw")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_address(text: object) -> Address | None:
    """`text` as an IP address (brackets and an IPv6 zone dropped, IPv4-mapped IPv6 as IPv4),
    None when it is not one."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    text = text.split("%", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _normal(name: str) -> str:
    """A host name or address in one spelling: lower case, no trailing dot, IPs compressed."""
    address = parse_address(name)
    return str(address) if address else name.strip().lower().rstrip(".")


def is_local(ip: str | None, own: Iterable[str] = ()) -> bool:
    """Is the client at `ip` this computer itself: a loopback address (127.0.0.0/8, ::1, also
    written as ::ffff:127.0.0.1), or one of this computer's own addresses `own` (the chair who
    opens the LAN address on the laptop)? None, an empty or a garbled address is not."""
    address = parse_address(ip)
    if address is None:
        return False
    return address.is_loopback or str(address) in {_normal(a) for a in own}


def via_proxy(headers: Mapping[str, str]) -> bool:
    """Did a reverse proxy forward this request? Then its client address is the proxy's."""
    names = {name.lower() for name in headers}
    return any(name in names for name in PROXY_HEADERS)


def host_name(host: str | None) -> str | None:
    """The name in a Host header (`"Laptop.local:8501"` -> `"laptop.local"`, `"[::1]:8501"` ->
    `"::1"`), None when it is missing or not a plain host[:port]."""
    if not host or not isinstance(host, str) or any(c in host for c in "/?#@\\ \t"):
        return None
    if (address := parse_address(host)) and host.count(":") != 1:  # a bare address, IPv6 too
        return str(address)
    try:
        parts = urlsplit(f"//{host}")
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return _normal(parts.hostname)


def host_allowed(host: str | None, allowed: Iterable[str]) -> bool:
    """Is `host` (a Host header) one of `allowed`? The same rules as Streamlit's
    `server.allowedHosts`: the port is ignored, `*.school.nl` matches subdomains, `*` anything."""
    name = host_name(host)
    if name is None:
        return False
    for pattern in allowed:
        pattern = _normal(pattern)
        if pattern == "*" or name == pattern or (
                pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


def public_host(public_url: str | None) -> str | None:
    """The host of `HGS_PUBLIC_URL` (`https://hgs.school.nl/` -> `hgs.school.nl`)."""
    if not public_url or not public_url.strip():
        return None
    url = public_url.strip()
    try:
        name = urlsplit(url if "://" in url else f"//{url}").hostname
    except ValueError:
        return None
    return _normal(name) if name else None


def allowed_hosts(names: Iterable[str], addresses: Iterable[str],
                  public_url: str | None = None, extra: Iterable[str] = ()) -> list[str]:
    """Every Host this server answers to: localhost, this computer's names (`laptop` also as
    `laptop.local`) and addresses, the host of `HGS_PUBLIC_URL`, and `extra`."""
    found = list(LOCAL_NAMES)
    for name in names:
        name = _normal(name)
        if name:
            found.append(name)
            if "." not in name and not parse_address(name):
                found.append(f"{name}.local")
    found += [_normal(a) for a in addresses if parse_address(a)]
    if host := public_host(public_url):
        found.append(host)
    found += [_normal(e) for e in extra if e and e.strip()]
    return list(dict.fromkeys(found))


def _reachable(address: Address) -> bool:
    """Could another device on the network reach this address of ours?"""
    return not (address.is_loopback or address.is_link_local or address.is_multicast
                or address.is_unspecified)


def rank_addresses(found: Iterable[tuple[str, str]], default_interface: str | None = None
                   ) -> list[str]:
    """This computer's addresses (interface, address) that a phone could reach, best first:
    the interface of the default route, IPv4 before IPv6, private (school network) before
    public, virtual interfaces (containers, VPN) last."""
    ranked = []
    for order, (interface, text) in enumerate(found):
        address = parse_address(text)
        if address is None or not _reachable(address):
            continue
        virtual = interface.lower().startswith(_VIRTUAL)
        ranked.append(((interface != default_interface, virtual, address.version != 4,
                        not address.is_private, order), str(address)))
    return list(dict.fromkeys(text for _, text in sorted(ranked)))


def _default_interface() -> str | None:
    """The interface of the IPv4 default route on Linux (/proc/net/route), without sending
    anything; None elsewhere."""
    try:
        lines = Path("/proc/net/route").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) > 2 and fields[1] == "00000000":
            return fields[0]
    return None


def interface_addresses() -> list[tuple[str, str]]:
    """(interface, address) of every address of this computer, loopback included."""
    import ifaddr  # small and pure Python: getifaddrs / GetAdaptersAddresses

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            text = ip.ip if isinstance(ip.ip, str) else ip.ip[0]  # IPv6: (address, flow, scope)
            found.append((adapter.nice_name, text))
    return found


def own_addresses() -> list[str]:
    """Every address of this computer (loopback included); empty when they cannot be read."""
    try:
        return [_normal(text) for _, text in interface_addresses() if parse_address(text)]
    except (OSError, ImportError):  # ifaddr missing (an old venv): loopback still works
        return []


def lan_addresses() -> list[str]:
    """This computer's addresses that other devices on its networks could reach, best first;
    empty without a network."""
    try:
        return rank_addresses(interface_addresses(), _default_interface())
    except (OSError, ImportError):
        return []


def machine_names() -> list[str]:
    """This computer's own name (no DNS look-up: that can hang on a school network)."""
    name = socket.gethostname()
    return [name] if name else []


def _url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def phone_address(*, public_url: str | None, chair_url: str | None, listen: str | None,
                  port: int, addresses: Sequence[str]) -> str | None:
    """The address a phone on the same network opens, without a trailing slash; None when there
    is none (no network, or the server listens on this computer only).

    `HGS_PUBLIC_URL` wins. Else the address the chair's browser used, unless that is this
    computer's own loopback name (a network server behind a proxy is reached by its name).
    Else the address the server listens on, if it is one; else this computer's best network
    address (`addresses`, best first) with the server's port."""
    if public_url and public_url.strip():
        url = public_url.strip().rstrip("/")
        return url if "://" in url else f"http://{url}"
    if chair_url:
        parts = urlsplit(chair_url)
        name = host_name(parts.netloc)
        if name and parts.scheme in ("http", "https") and name not in LOCAL_NAMES \
                and not is_local(name):
            return f"{parts.scheme}://{parts.netloc}"
    listening = parse_address(listen or "")
    if (listen or "").strip() not in WILDCARDS:
        if listening is None or listening.is_loopback:
            return None  # a unix socket, or this computer only
        return f"http://{_url_host(str(listening))}:{port}"
    if not addresses:
        return None
    return f"http://{_url_host(addresses[0])}:{port}"


def refusal(*, host: str | None, allowed: Iterable[str], ip: str | None,
            own: Iterable[str] = (), proxied: bool = False, sign_in: bool,
            participant: bool) -> str | None:
    """Why this request may not go on, as the catalogue key of the message, or None when it
    may. A Host that is not this computer's (DNS rebinding) is always refused. Without sign-in
    only this computer opens the chair's pages: another device (or anything behind a proxy)
    reaches only the participant page of a join link, which checks its token itself."""
    if not host_allowed(host, allowed):
        return "net.foreign_host"
    if sign_in or participant:
        return None
    if proxied or not is_local(ip, own):
        return "net.only_this_computer"
    return None
