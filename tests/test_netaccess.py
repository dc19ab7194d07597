"""The network rules: which client is this computer, which Host names HGS answers to, which
address a phone opens, and the one decision that combines them."""

import pytest

from hgs.access import netaccess
from hgs.access.netaccess import (
    allowed_hosts,
    host_allowed,
    host_name,
    is_local,
    phone_address,
    rank_addresses,
    refusal,
    via_proxy,
)

OWN = ["127.0.0.1", "::1", "192.168.1.20", "fd00::20"]


@pytest.mark.parametrize("ip", ["127.0.0.1", "127.0.0.2", "127.255.255.254", "::1",
                                "::ffff:127.0.0.1", "[::1]", "0:0:0:0:0:0:0:1", " 127.0.0.1 ",
                                "::ffff:7f00:1"])
def test_loopback_addresses_are_this_computer(ip):
    assert is_local(ip)


@pytest.mark.parametrize("ip", [None, "", " ", "localhost", "garbage", "127.0.0.256", "127.1",
                                "1.2.3.4", "10.213.0.2", "192.168.1.21", "172.16.0.5",
                                "::ffff:192.168.1.21", "fe80::1%eth0", "2001:db8::1", "0.0.0.0",
                                "::", "::2", "128.0.0.1", "126.255.255.255", "127.0.0.1:8501",
                                "127.0.0.1/8", "http://127.0.0.1", b"127.0.0.1", 2130706433,
                                "١٢٧.٠.٠.١"])
def test_other_or_garbled_addresses_are_not(ip):
    assert not is_local(ip, OWN[:1] + OWN[2:] if ip != "192.168.1.21" else ())
    assert not is_local(ip)


@pytest.mark.parametrize("ip", ["192.168.1.20", "::ffff:192.168.1.20", "fd00::20",
                                "FD00:0:0:0:0:0:0:20"])
def test_this_computers_own_network_address_is_this_computer(ip):
    assert is_local(ip, OWN)
    assert not is_local(ip)  # only when it is in the list of own addresses


@pytest.mark.parametrize("headers, proxied", [
    ({"Host": "localhost:8501"}, False),
    ({"Host": "x", "X-Forwarded-For": "10.0.0.5"}, True),
    ({"host": "x", "x-real-ip": "10.0.0.5"}, True),
    ({"Forwarded": "for=10.0.0.5"}, True),
    ({}, False),
])
def test_a_request_through_a_proxy_is_recognised(headers, proxied):
    assert via_proxy(headers) is proxied


@pytest.mark.parametrize("host, name", [
    ("localhost:8501", "localhost"), ("LOCALHOST", "localhost"), ("localhost.", "localhost"),
    ("127.0.0.1:8501", "127.0.0.1"), ("[::1]:8501", "::1"), ("[::1]", "::1"), ("::1", "::1"),
    ("[FD00::0020]:80", "fd00::20"), ("[::ffff:127.0.0.1]:8501", "127.0.0.1"),
    ("Laptop.local:8501", "laptop.local"), ("hgs.school.nl", "hgs.school.nl"),
    (None, None), ("", None), (":8501", None), ("a b", None), ("evil@localhost", None),
    ("localhost/x", None), ("localhost:99999", None), ("localhost:port", None),
    ("localhost?x", None), ("localhost#x", None), ("local\\host", None),
])
def test_the_name_in_a_host_header(host, name):
    assert host_name(host) == name


def test_allowed_hosts_are_this_computers_names_and_addresses_and_the_public_host():
    allowed = allowed_hosts(["Laptop-12"], OWN + ["fe80::1", "not an ip"],
                            "https://HGS.School.nl/app/", extra=["extra.example", " "])
    assert allowed == ["localhost", "127.0.0.1", "::1", "laptop-12", "laptop-12.local",
                       "192.168.1.20", "fd00::20", "fe80::1", "hgs.school.nl", "extra.example"]
    assert allowed_hosts([], [], None) == ["localhost", "127.0.0.1", "::1"]
    assert "hgs.school.nl" in allowed_hosts([], [], "hgs.school.nl:8443")


@pytest.mark.parametrize("host", [
    "localhost:8501", "127.0.0.1:8501", "[::1]:8501", "laptop-12:8501", "LAPTOP-12.local",
    "192.168.1.20:8501", "[fd00::20]:8501", "hgs.school.nl", "hgs.school.nl.:443"])
def test_this_computers_hosts_are_allowed(host):
    allowed = allowed_hosts(["laptop-12"], OWN, "https://hgs.school.nl")
    assert host_allowed(host, allowed)


@pytest.mark.parametrize("host", [
    "evil.example", "evil.example:8501", "localhost.evil.example", "127.0.0.1.nip.io",
    "192.168.1.21:8501", "laptop-13", "school.nl", "xhgs.school.nl", None, "", "[::1",
    "localhost:abc", "user@localhost", "laptop-12.local.evil.example"])
def test_a_foreign_host_is_refused(host):
    allowed = allowed_hosts(["laptop-12"], OWN, "https://hgs.school.nl")
    assert not host_allowed(host, allowed)


def test_host_patterns_follow_streamlits_allowed_hosts():
    assert host_allowed("a.school.nl", ["*.school.nl"])
    assert not host_allowed("school.nl.evil", ["*.school.nl"])
    assert host_allowed("anything:1", ["*"])
    assert not host_allowed("anything", [])


def test_addresses_a_phone_can_reach_come_best_first():
    found = [("lo", "127.0.0.1"), ("lo", "::1"), ("docker0", "172.17.0.1"),
             ("wlan0", "fe80::1c2d"), ("wlan0", "2a02:a45::5"), ("wlan0", "192.168.1.20"),
             ("eth1", "10.0.0.7"), ("wlan0", "169.254.3.3"), ("eth1", "garbage"),
             ("eth1", "224.0.0.1")]
    assert rank_addresses(found, "wlan0") == ["192.168.1.20", "2a02:a45::5", "10.0.0.7",
                                              "172.17.0.1"]
    # without knowing the default route: IPv4 first, virtual interfaces last
    assert rank_addresses(found) == ["192.168.1.20", "10.0.0.7", "2a02:a45::5", "172.17.0.1"]
    assert rank_addresses([("lo", "127.0.0.1"), ("lo", "::1")]) == []


def test_this_computers_addresses_are_read():
    assert {"127.0.0.1"} <= set(netaccess.own_addresses())
    assert not any(is_local(a) for a in netaccess.lan_addresses())
    assert netaccess.machine_names()


@pytest.mark.parametrize("kwargs, expected", [
    (dict(public_url="https://hgs.school.nl/", chair_url="http://127.0.0.1:8501/stap-9"),
     "https://hgs.school.nl"),
    (dict(public_url="hgs.school.nl"), "http://hgs.school.nl"),
    (dict(chair_url="http://127.0.0.1:8501/stap-9?case=x"), "http://192.168.1.20:8501"),
    (dict(chair_url="http://localhost:8501/"), "http://192.168.1.20:8501"),
    (dict(chair_url="http://[::1]:8501/"), "http://192.168.1.20:8501"),
    (dict(chair_url="http://127.0.0.7:8501/"), "http://192.168.1.20:8501"),
    (dict(chair_url="https://hgs.regio.nl/stap-9"), "https://hgs.regio.nl"),
    (dict(chair_url="http://192.168.1.20:8501/"), "http://192.168.1.20:8501"),
    (dict(chair_url="javascript:alert(1)"), "http://192.168.1.20:8501"),
    (dict(listen="10.213.0.1"), "http://10.213.0.1:8501"),
    (dict(listen="fd00::20"), "http://[fd00::20]:8501"),
    (dict(listen="0.0.0.0"), "http://192.168.1.20:8501"),
    (dict(listen="::"), "http://192.168.1.20:8501"),
    (dict(listen="127.0.0.1"), None),
    (dict(listen="unix:///run/hgs.sock"), None),
    (dict(addresses=[]), None),
    (dict(addresses=["fd00::20"]), "http://[fd00::20]:8501"),
    (dict(public_url="  ", addresses=[]), None),
])
def test_the_address_a_phone_opens(kwargs, expected):
    values = dict(public_url=None, chair_url=None, listen=None, port=8501,
                  addresses=["192.168.1.20", "fd00::20"]) | kwargs
    assert phone_address(**values) == expected


def refused(**kwargs):
    values = dict(host="localhost:8501", allowed=["localhost", "192.168.1.20"], ip="127.0.0.1",
                  own=OWN, proxied=False, sign_in=False, participant=False) | kwargs
    return refusal(**values)


def test_this_computer_opens_everything_without_sign_in():
    assert refused() is None
    assert refused(ip="::ffff:127.0.0.1") is None
    assert refused(ip="192.168.1.20", host="192.168.1.20:8501") is None  # its own LAN address


@pytest.mark.parametrize("ip", ["192.168.1.21", "10.213.0.2", "::ffff:192.168.1.21",
                                "2001:db8::9", None, "", "garbage"])
def test_another_device_without_sign_in_gets_only_a_join_link(ip):
    assert refused(ip=ip, host="192.168.1.20:8501") == "net.only_this_computer"
    assert refused(ip=ip, host="192.168.1.20:8501", participant=True) is None
    assert refused(ip=ip, host="192.168.1.20:8501", sign_in=True) is None  # people sign in


def test_behind_a_proxy_without_sign_in_nobody_is_this_computer():
    assert refused(proxied=True) == "net.only_this_computer"
    assert refused(proxied=True, sign_in=True) is None


@pytest.mark.parametrize("host", ["evil.example:8501", None, "", "192.168.1.21"])
def test_a_foreign_host_is_refused_always(host):
    for sign_in in (False, True):
        for participant in (False, True):
            assert refused(host=host, sign_in=sign_in, participant=participant) == \
                "net.foreign_host"
