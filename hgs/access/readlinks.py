"""Lees-links: a read-only way into ONE MDO for the parents (and, with consent, a named
professional from outside the school) instead of a verslag sent as an e-mail attachment.

Why this shape: a link is a bearer secret, so the store keeps only its SHA-256 (a back-up or
a copy of the network file opens nothing); it names one meeting and nothing else; it has an end
date, can be revoked, and every opening checks again whether it still may be read: after its
end date, once revoked, and, for an outside professional, the moment the consent it rests on is
no longer in force (`hgs.method.cycle.outside_may_read`, the rule of the table checked on the
day of reading). The parents' link rests on no consent: the consent HGS records is the
parents' (and the young person's) permission to share with partners outside the school, not
with the parents themselves, who sat at the table and are the first readers of their child's
verslag (see docs/gebruikershandleiding.md, "Lees-link voor ouders")."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from hgs.errors import InvalidInput, NotFound
from hgs.i18n import t
from hgs.method import texts
from hgs.method.cycle import outside_may_read
from hgs.method.records import Case, Meeting, new_id
from hgs.store import Store

PREFIX = "read:"  # the settings that hold lees-links, by the SHA-256 of the token
AUDIENCES = ("ouders", "extern")
DEFAULT_DAYS = 30
MAX_DAYS = 366  # a school year and a bit: a link is not for ever
URL_PARAM = "lees"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadLink:
    """One lees-link as stored (never the token itself)."""
    id: str  # for the chair's list and the audit log; opens nothing
    case_id: str
    meeting_id: str
    audience: str  # "ouders" or "extern"
    until: dt.date  # the last day it opens
    made: dt.date
    made_by: str = ""
    name: str = ""  # the outside professional's name (audience "extern")
    organisation: str = ""  # … and organisation, which the consent must name
    revoked: dt.date | None = None

    def value(self) -> dict:
        # "case" lets every erase (hgs.store.document.setting_refers_to) clear it with the case
        return {"id": self.id, "case": self.case_id, "meeting": self.meeting_id,
                "audience": self.audience, "until": self.until.isoformat(),
                "made": self.made.isoformat(), "made_by": self.made_by, "name": self.name,
                "organisation": self.organisation,
                "revoked": self.revoked.isoformat() if self.revoked else None}

    @classmethod
    def from_value(cls, value: dict) -> ReadLink:
        revoked = value.get("revoked")
        return cls(id=value["id"], case_id=value["case"], meeting_id=value["meeting"],
                   audience=value["audience"], until=dt.date.fromisoformat(value["until"]),
                   made=dt.date.fromisoformat(value["made"]), made_by=value.get("made_by", ""),
                   name=value.get("name", ""), organisation=value.get("organisation", ""),
                   revoked=dt.date.fromisoformat(revoked) if revoked else None)


def stopped_reason(link: ReadLink, case: Case, today: dt.date) -> str | None:
    """Why the link no longer opens, in a sentence for the reader (and the chair's list);
    None while it does. One place for every stop."""
    if link.revoked is not None and link.revoked <= today:
        return t("leeslink.gestopt_ingetrokken")
    if today > link.until:
        return t("leeslink.gestopt_verlopen", date=texts.date_nl(link.until))
    if link.audience == "extern" and not outside_may_read(case, link.organisation, today):
        return t("leeslink.gestopt_toestemming")
    return None


def make_link(store: Store, case: Case, meeting: Meeting, *, audience: str, until: dt.date,
              today: dt.date, made_by: str = "", name: str = "",
              organisation: str = "") -> tuple[str, ReadLink]:
    """A new lees-link for one MDO: the token (shown once, to be put in a link and a QR code)
    and what is kept of it. InvalidInput, in words, for an end date in the past or too far
    ahead, an outside professional without a name or organisation, or without consent."""
    if audience not in AUDIENCES:
        raise InvalidInput(t("leeslink.kies_voor_wie"))
    if until < today:
        raise InvalidInput(t("leeslink.einddatum_verleden"))
    if until > today + dt.timedelta(days=MAX_DAYS):
        raise InvalidInput(t("leeslink.einddatum_te_ver", days=MAX_DAYS))
    name, organisation = name.strip(), organisation.strip()
    if audience == "extern":
        if not name or not organisation:
            raise InvalidInput(t("leeslink.naam_en_organisatie"))
        if not outside_may_read(case, organisation, today):
            raise InvalidInput(t("leeslink.geen_toestemming", organisation=organisation))
    else:
        name = organisation = ""
    if meeting.case_id != case.id:
        raise NotFound(t("leeslink.gestopt_onbekend"))
    token = secrets.token_urlsafe(24)
    link = ReadLink(id=new_id(), case_id=case.id, meeting_id=meeting.id, audience=audience,
                    until=until, made=today, made_by=made_by[:120], name=name[:120],
                    organisation=organisation[:200])
    store.set_setting(PREFIX + _digest(token), link.value())
    return token, link


def _stored(store: Store) -> dict[str, ReadLink]:
    found = {}
    for name, value in store.settings().items():
        if name.startswith(PREFIX) and isinstance(value, dict):
            try:
                found[name] = ReadLink.from_value(value)
            except (KeyError, TypeError, ValueError):
                continue  # a damaged entry opens nothing and is not listed
    return found


def links_of(store: Store, case_id: str, meeting_id: str) -> list[ReadLink]:
    """The meeting's lees-links, newest first (revoked and expired ones too)."""
    return sorted((link for link in _stored(store).values()
                   if link.case_id == case_id and link.meeting_id == meeting_id),
                  key=lambda link: (link.made, link.id), reverse=True)


def revoke(store: Store, link_id: str, today: dt.date) -> ReadLink:
    """Stop the link at once (it stays listed, as revoked); NotFound when there is none."""
    for name, link in _stored(store).items():
        if link.id == link_id:
            stopped = ReadLink(**{**link.__dict__, "revoked": today})
            store.set_setting(name, stopped.value())
            return stopped
    raise NotFound(t("leeslink.gestopt_onbekend"))


def stop_all(store: Store) -> int:
    """Remove every lees-link (after a restore: one revoked since the back-up was taken must not
    open again); how many there were."""
    stopped = 0
    for name in _stored(store):
        store.set_setting(name, None)
        stopped += 1
    return stopped


@dataclass(frozen=True)
class Reading:
    """What a valid lees-link opens: one link, its case and its one meeting."""
    link: ReadLink
    case: Case
    meeting: Meeting


def resolve(store: Store, token: str | None, today: dt.date) -> Reading:
    """What `token` opens today; NotFound with the reason in words when nothing: a wrong or
    unknown token, a revoked or expired link, consent no longer in force, the MDO gone."""
    if not token or len(token) > 100:
        raise NotFound(t("leeslink.gestopt_onbekend"))
    value = store.setting(PREFIX + _digest(token))
    try:
        link = ReadLink.from_value(value)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise NotFound(t("leeslink.gestopt_onbekend")) from None
    try:
        case = store.get_case(link.case_id)
        meeting = store.get_meeting(link.case_id, link.meeting_id)
    except NotFound:
        raise NotFound(t("leeslink.gestopt_onbekend")) from None
    if (reason := stopped_reason(link, case, today)) is not None:
        raise NotFound(reason)
    return Reading(link, case, meeting)


def read_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/?{URL_PARAM}={token}"
