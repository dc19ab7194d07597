"""`python -m hgs.launch` (make run): what it prints and how it starts Streamlit."""

import socket
import sys

import pytest

from hgs import launch
from hgs.access import netaccess


@pytest.fixture
def laptop(monkeypatch):
    """This computer: `laptop`, on the school's Wi-Fi as 192.168.1.20."""
    monkeypatch.setattr(netaccess, "machine_names", lambda: ["laptop"])
    monkeypatch.setattr(netaccess, "own_addresses",
                        lambda: ["127.0.0.1", "::1", "192.168.1.20", "fe80::1"])
    monkeypatch.setattr(netaccess, "lan_addresses", lambda: ["192.168.1.20"])
    for name in ("HGS_PUBLIC_URL", "HGS_AUTH", "HGS_PORT", "HGS_LISTEN_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    started = []

    def execv(path, command):
        started.append(command)
        raise SystemExit(0)

    monkeypatch.setattr(launch.os, "execv", execv)
    monkeypatch.setattr(launch.os, "chdir", lambda path: None)
    return started


def test_make_run_prints_the_address_here_and_the_one_for_phones(laptop, capsys):
    with pytest.raises(SystemExit):
        launch.main(["--port", "8765"])
    out = capsys.readouterr().out
    assert "Op deze computer:               http://localhost:8765" in out
    assert "Telefoons op hetzelfde netwerk: http://192.168.1.20:8765" in out
    assert "alleen op deze computer" in out
    command = laptop[0]
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(launch.APP)]
    assert command[command.index("--server.port") + 1] == "8765"
    hosts = [command[i + 1] for i, part in enumerate(command) if part == "--server.allowedHosts"]
    assert hosts == ["localhost", "127.0.0.1", "::1", "laptop", "laptop.local", "192.168.1.20",
                     "fe80::1"]
    assert "--server.address" not in command  # every network of this computer: phones join
    assert command[command.index("--logger.hideWelcomeMessage") + 1] == "true"


def test_with_a_public_url_phones_use_it_and_its_host_is_allowed(laptop, capsys, monkeypatch):
    monkeypatch.setenv("HGS_PUBLIC_URL", "https://hgs.school.nl/")
    monkeypatch.setenv("HGS_AUTH", "wachtwoord")
    with pytest.raises(SystemExit):
        launch.main(["--port", "8765", "--server.runOnSave", "false"])
    out = capsys.readouterr().out
    assert "Telefoons op hetzelfde netwerk: https://hgs.school.nl   (HGS_PUBLIC_URL)" in out
    assert "Daar logt iedereen in." in out and "alleen op deze computer" not in out
    command = laptop[0]
    assert "hgs.school.nl" in command and command[-2:] == ["--server.runOnSave", "false"]


def test_without_a_network_it_says_phones_cannot_join(laptop, capsys, monkeypatch):
    monkeypatch.setattr(netaccess, "lan_addresses", lambda: [])
    with pytest.raises(SystemExit):
        launch.main(["--port", "8765"])
    assert "Telefoons: geen netwerkadres gevonden" in capsys.readouterr().out


def test_a_listen_address_is_the_phones_address(laptop, capsys):
    with pytest.raises(SystemExit):
        launch.main(["--port", "8765", "--address", "10.213.0.1"])
    assert "Telefoons op hetzelfde netwerk: http://10.213.0.1:8765" in capsys.readouterr().out
    command = laptop[0]
    assert command[command.index("--server.address") + 1] == "10.213.0.1"


def test_a_busy_port_is_skipped():
    with socket.socket() as busy:
        busy.bind(("", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not launch.port_free(port)
        assert launch.free_port(port) > port
