"""Where data lives and every other environment setting, in one place: each is read when it is
asked for, so a test (or an operator) changing the environment is seen at once."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = "data"
DEFAULT_BACKUP_KEEP = 14
DEFAULT_POOL_SIZE = 10
_FALSE = ("0", "false", "no", "off", "nee")


def _get(name: str) -> str:
    return (os.environ.get(name) or "").strip()


# -- where data lives ----------------------------------------------------------------------------
def database_url() -> str | None:
    """`HGS_DATABASE_URL`: PostgreSQL for a network server, else None (a data folder)."""
    return _get("HGS_DATABASE_URL") or None


def data_dir() -> Path:
    """`HGS_DATA_DIR` (default `data/`), as an absolute path."""
    return Path(os.path.abspath(_get("HGS_DATA_DIR") or DEFAULT_DATA_DIR))


def pin_data_dir() -> None:
    """Make a relative `HGS_DATA_DIR` absolute for a child process started in another folder
    (hgs.launch runs Streamlit from the app's folder)."""
    if _get("HGS_DATA_DIR"):
        os.environ["HGS_DATA_DIR"] = str(data_dir())


def store_target() -> str:
    """What the app opens: the database URL when set, else the data folder."""
    return database_url() or str(data_dir())


def backup_dir_setting() -> Path | None:
    """`HGS_BACKUP_DIR`, when chosen (else the back-ups go beside the data folder)."""
    chosen = _get("HGS_BACKUP_DIR")
    return Path(chosen).expanduser().resolve() if chosen else None


def backup_keep() -> int:
    """How many back-ups to keep: `HGS_BACKUP_KEEP`, default 14."""
    try:
        return max(1, int(_get("HGS_BACKUP_KEEP") or DEFAULT_BACKUP_KEEP))
    except ValueError:
        log.warning("HGS_BACKUP_KEEP is not a number; keeping %d", DEFAULT_BACKUP_KEEP)
        return DEFAULT_BACKUP_KEEP


def pool_size() -> int:
    """`HGS_DATABASE_POOL_SIZE`: connections to PostgreSQL per server (default 10)."""
    return int(_get("HGS_DATABASE_POOL_SIZE") or DEFAULT_POOL_SIZE)


# -- the network and the people ------------------------------------------------------------------
def demo_allowed() -> bool:
    """`HGS_DEMO=0` (or false/no/off/nee) keeps the demo network out of an empty HGS."""
    return (_get("HGS_DEMO") or "1").lower() not in _FALSE


def auth_setting() -> str:
    """`HGS_AUTH` as typed, lower case ("" when not set); hgs.access.login decides its meaning."""
    return _get("HGS_AUTH").lower()


def oidc_provider() -> str | None:
    return _get("HGS_OIDC_PROVIDER") or None


def sign_in_check(default: float) -> float:
    """`HGS_SIGN_IN_CHECK`: seconds between an open screen's checks, kept within 1..600."""
    try:
        value = float(_get("HGS_SIGN_IN_CHECK") or default)
    except ValueError:
        value = default
    return min(max(value, 1.0), 600.0)


def new_password() -> str | None:
    """`HGS_NEW_PASSWORD`, for `python -m hgs.auth` without a terminal."""
    return os.environ.get("HGS_NEW_PASSWORD") or None


def trusted_proxies() -> list[str]:
    """`HGS_TRUSTED_PROXIES`: comma-separated addresses whose X-Forwarded-For is believed."""
    return [part.strip() for part in _get("HGS_TRUSTED_PROXIES").split(",") if part.strip()]


def public_url() -> str | None:
    """`HGS_PUBLIC_URL`: the address phones use, when the server sits behind a name."""
    return _get("HGS_PUBLIC_URL") or None


def port() -> int:
    """`HGS_PORT`, else 0 (the first free port)."""
    return int(_get("HGS_PORT") or 0)


def listen_address() -> str:
    """`HGS_LISTEN_ADDRESS`, else "" (every network of this computer)."""
    return _get("HGS_LISTEN_ADDRESS")


def groeitaal_rules() -> str | None:
    """`HGS_GROEITAAL`: a network's own groeitaal rules file."""
    return _get("HGS_GROEITAAL") or None


# -- e-mail --------------------------------------------------------------------------------------
DEFAULT_REMINDER_DAYS = 3


def smtp_url() -> str | None:
    """`HGS_SMTP_URL`: the mail server HGS sends through (`smtp://`, `smtp+starttls://` or
    `smtps://`, with `user:password@` for AUTH); None: HGS sends nothing and offers files."""
    return _get("HGS_SMTP_URL") or None


def smtp_from() -> str | None:
    """`HGS_SMTP_FROM`: the sender of every message ("HGS <mdo@school.nl>")."""
    return _get("HGS_SMTP_FROM") or None


def smtp_ca_file() -> str | None:
    """`HGS_SMTP_CA_FILE`: a certificate (PEM) to trust for the mail server beside the
    system's own, for a server with its own certificate authority."""
    return _get("HGS_SMTP_CA_FILE") or None


def reminder_days() -> int:
    """`HGS_REMINDER_DAYS`: how many days before an agreement's date its reminder goes out
    (default 3, kept within 0..60)."""
    try:
        return min(max(int(_get("HGS_REMINDER_DAYS") or DEFAULT_REMINDER_DAYS), 0), 60)
    except ValueError:
        log.warning("HGS_REMINDER_DAYS is not a number; using %d", DEFAULT_REMINDER_DAYS)
        return DEFAULT_REMINDER_DAYS
