"""The mail server HGS sends through: `HGS_SMTP_URL` read into a `Server`, and one message sent
with smtplib (STARTTLS or SMTPS, AUTH when a user is given). Every failure becomes a MailError
with a Dutch sentence: a refused login, a refused address, a server that cannot be reached."""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

from hgs import config
from hgs.errors import HGSError
from hgs.i18n import t

SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}  # scheme -> default port
TIMEOUT = 20  # seconds for connecting and for each answer of the server


class MailError(HGSError):
    """A message could not be sent (or HGS is not set up to send): the sentence says why."""


class AddressRefused(MailError):
    """The server refused every recipient of one message; the next message may well go."""


@dataclass(frozen=True)
class Server:
    scheme: str
    host: str
    port: int
    user: str = ""
    password: str = field(default="", repr=False)
    sender: str = ""  # the From address, "HGS <mdo@school.nl>"
    ca_file: str | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def configured() -> bool:
    """Is a mail server set (`HGS_SMTP_URL`)? Without one HGS offers the files only."""
    return config.smtp_url() is not None


def server() -> Server:
    """The server of `HGS_SMTP_URL` and the sender of `HGS_SMTP_FROM`; MailError saying what
    is missing or malformed."""
    url = config.smtp_url()
    if url is None:
        raise MailError(t("mail.niet_ingesteld"))
    parts = urlsplit(url)
    try:
        port = parts.port or SCHEMES.get(parts.scheme, 0)
    except ValueError:
        port = 0
    if parts.scheme not in SCHEMES or not parts.hostname or not port:
        raise MailError(t("mail.url_klopt_niet"))
    sender = config.smtp_from() or ""
    if "@" not in parseaddr(sender)[1]:
        raise MailError(t("mail.afzender_ontbreekt"))
    return Server(parts.scheme, parts.hostname, port, unquote(parts.username or ""),
                  unquote(parts.password or ""), sender, config.smtp_ca_file())


def _tls(server: Server) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if server.ca_file:
        context.load_verify_locations(server.ca_file)
    return context


def send(message: EmailMessage, server: Server) -> list[str]:
    """Hand one message to the server (its To header names the recipients); the addresses
    the server refused while it took the others (empty: it took them all)."""
    try:
        if server.scheme == "smtps":
            client = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT,
                                      context=_tls(server))
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
        with client:
            if server.scheme == "smtp+starttls":
                client.starttls(context=_tls(server))
            if server.user:
                client.login(server.user, server.password)
            return sorted(client.send_message(message))
    except smtplib.SMTPAuthenticationError as error:
        raise MailError(t("mail.login_geweigerd", where=server.where, user=server.user)) from error
    except smtplib.SMTPNotSupportedError as error:
        raise MailError(t("mail.niet_ondersteund", where=server.where)) from error
    except smtplib.SMTPRecipientsRefused as error:
        raise AddressRefused(t("mail.adres_geweigerd", where=server.where,
                          addresses=", ".join(error.recipients))) from error
    except smtplib.SMTPSenderRefused as error:
        raise MailError(t("mail.afzender_geweigerd", where=server.where,
                          sender=server.sender)) from error
    except smtplib.SMTPResponseException as error:
        raise MailError(t("mail.server_weigerde", where=server.where, code=error.smtp_code,
                          text=error.smtp_error.decode("utf-8", "replace")[:200])) from error
    except ssl.SSLError as error:
        raise MailError(t("mail.tls_mislukt", where=server.where)) from error
    except (smtplib.SMTPException, OSError) as error:  # refused, timed out, no such host
        reason = t("mail.te_traag") if isinstance(error, socket.timeout) else str(error)
        raise MailError(t("mail.onbereikbaar", where=server.where, reason=reason)) from error
