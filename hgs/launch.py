"""`python -m hgs.launch` (what `make run` calls): finds this computer's network address, lets
Streamlit answer only to this computer's own names and addresses (and `HGS_PUBLIC_URL`'s host),
prints where the chair and the phones open HGS, and runs `streamlit run app.py`."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

from hgs import config
from hgs.access import login, netaccess
from hgs.errors import HGSError

APP = Path(__file__).resolve().parents[1] / "app.py"
FIRST_PORT = 8501


def port_free(port: int, address: str = "") -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((address, port))
        except OSError:
            return False
    return True


def free_port(start: int = FIRST_PORT, address: str = "", tries: int = 50) -> int:
    """The first port from `start` that nothing listens on (as Streamlit itself would pick)."""
    for port in range(start, start + tries):
        if port_free(port, address):
            return port
    raise SystemExit(f"Geen vrije poort gevonden van {start} tot {start + tries - 1}.")


def streamlit_command(port: int, allowed: list[str], address: str = "",
                      extra: list[str] | None = None) -> list[str]:
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               # HGS prints the addresses itself; Streamlit's own list would also look up the
               # "external" address on the internet.
               "--logger.hideWelcomeMessage", "true"]
    if address:
        command += ["--server.address", address]
    for host in allowed:
        command += ["--server.allowedHosts", host]
    return command + list(extra or [])


def banner(port: int, phone: str | None, *, sign_in: bool, public: bool) -> str:
    """What `make run` prints (Dutch, like the other command-line tools)."""
    lines = ["", "HGS start.",
             f"  Op deze computer:               http://localhost:{port}"]
    if phone:
        lines.append(f"  Telefoons op hetzelfde netwerk: {phone}"
                     + ("   (HGS_PUBLIC_URL)" if public else ""))
        lines.append("    Deelnemers openen daar de link of QR-code van 'Meedoen'."
                     if not sign_in else "    Daar logt iedereen in.")
    else:
        lines.append("  Telefoons: geen netwerkadres gevonden (geen wifi of netwerkkabel?). "
                     "Verbind de computer en start opnieuw.")
    if not sign_in:
        lines.append("  Zonder inloggen openen Start, de stappen en de andere pagina's alleen op "
                     "deze computer.")
    return "\n".join(lines + ["  Stoppen: Ctrl+C", ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hgs.launch", description=__doc__)
    parser.add_argument("--port", type=int, default=config.port(),
                        help=f"de poort (standaard de eerste vrije vanaf {FIRST_PORT})")
    parser.add_argument("--address", default=config.listen_address(),
                        help="luister alleen op dit adres (standaard: elk netwerk van deze "
                             "computer, zodat telefoons kunnen meedoen)")
    args, extra = parser.parse_known_args(argv)
    port = args.port or free_port(address=args.address)
    public_url = config.public_url()
    allowed = netaccess.allowed_hosts(netaccess.machine_names(), netaccess.own_addresses(),
                                      public_url)
    phone = netaccess.phone_address(public_url=public_url, chair_url=None, listen=args.address,
                                    port=port, addresses=netaccess.lan_addresses())
    try:
        sign_in = login.mode() != "uit"
    except HGSError:
        sign_in = False  # the app itself says what is wrong with HGS_AUTH
    print(banner(port, phone, sign_in=sign_in, public=bool(public_url and public_url.strip())),
          flush=True)
    command = streamlit_command(port, allowed, args.address, extra)
    # Streamlit reads .streamlit/config.toml from the working folder: run from the app's folder,
    # with a relative data folder still meaning the one it meant here.
    config.pin_data_dir()
    os.chdir(APP.parent)
    if os.name == "posix":  # become Streamlit: Ctrl+C and a stop reach it directly
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
