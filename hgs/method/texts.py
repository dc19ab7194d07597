"""The words shown in the UI for the model's values. The words themselves live in the catalogues
(`hgs/locales/<lang>.toml`, section [labels]); these mappings read them in the session's language."""

from __future__ import annotations

import datetime as dt
import re

from hgs.i18n import Labels, Lazy, format_date, t
from hgs.method.records import ROLE_GROUPS
from hgs.method.records import SECTORS as MODEL_SECTORS

AREAS = Labels("labels.areas", ("kind", "onderwijs", "opvoeding", "jeugdhulp"))
AREA_SHORT = Labels("labels.area_short", ("kind", "onderwijs", "opvoeding", "jeugdhulp"))
SIGNS = Labels("labels.signs", ("plus", "min", "vraag"))
# the cirkelgesprek: the circles and signs as the chair reads them, and in the child's words
CIRCLES = Labels("labels.circles", ("thuis", "kind", "school"))
CIRCLE_SIGNS = Labels("labels.circle_signs", ("plus", "min", "vraag", "doel"))
CIRCLES_FOR_CHILD = Labels("labels.circles_child", ("thuis", "kind", "school"))
CIRCLE_SIGNS_FOR_CHILD = Labels("labels.circle_signs_child", ("plus", "min", "vraag", "doel"))
SIGN_PLACEHOLDER = Labels("labels.sign_placeholder", ("plus", "min", "vraag"))
PARTIES = Labels("labels.parties", ("ouders", "kind", "school", "professionals"))
NEED_CATEGORIES = Labels("labels.need_categories", (
    "instructie/uitleg/feedback", "opdrachten/leeractiviteiten", "andere kinderen",
    "een leraar die", "ouders die", "professionals die"))
SUPPORT_FOR = Labels("labels.support_for", ("school", "ouders"))
SUPPORT_KINDS = Labels("labels.support_kinds", ("kennis", "vaardigheden", "ondersteuning"))
MEETING_KINDS = Labels("labels.meeting_kinds", ("eerste", "evaluatie"))
MEETING_STATUS = Labels("labels.meeting_status", ("voorbereiding", "gestart", "afgerond"))
TOPTIP = Labels("labels.toptip", ("top", "tip"))
GIVERS = Labels("labels.givers", ("school", "ouders", "kind", "professionals"))
AGREEMENT_STATUS = Labels("labels.agreement_status", ("open", "gedaan"))
CONSENT_BY = Labels("labels.consent_by", ("ouders", "jongere"))
RESEARCH = Labels("labels.research", (None, True, False))
PHASES = Labels("labels.phases", ("overzicht", "inzicht", "uitzicht", "evaluatie"))
# Roles and sectors are stored in Dutch (they are data); these are the words shown for them.
ROLES = Labels("labels.roles", tuple(ROLE_GROUPS))
SECTORS = Labels("labels.sectors", MODEL_SECTORS)


_MARKUP = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
# Streamlit's Markdown (remark-gfm) turns https://…, www.… and name@domain into links in the
# text it has already parsed, so a backslash does not stop it. An invisible word joiner
# (U+2060) after "://", after "www" and after "@" breaks the pattern and changes nothing seen.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


def unlinked(text: str) -> str:
    """`text` with every web address, www.… and e-mail address broken for autolinking (an
    invisible word joiner after "://", "www" and "@"): shown as typed, never a link."""
    return _AUTOLINK.sub(WORD_JOINER, text)


def plain(text: str, limit: int | None = None) -> str:
    """Text a person typed, ready for `st.markdown` (or a caption or label): shown as typed,
    never as Markdown, HTML, LaTeX, a Streamlit directive or a link. Every ASCII punctuation
    character gets a backslash (CommonMark shows it literally), addresses are `unlinked`,
    control characters go, line breaks stay line breaks; with `limit`, one line of at most
    `limit` characters."""
    text = "".join(ch for ch in str(text) if ch.isprintable() or ch.isspace())
    lines = [line for line in (" ".join(part.split()) for part in text.splitlines()) if line]
    if limit is not None:
        line = " ".join(lines)
        if len(line) > limit:
            line = line[:limit - 1].rstrip() + "…"
        lines = [line] if line else []
    return "  \n".join(_MARKUP.sub(r"\\\1", unlinked(line)) for line in lines)


date_nl = format_date  # the old name: a date in the session's language (3 maart 2026)


def month_label(month: str) -> str:
    """"2026-03" -> "maart 2026" / "March 2026"."""
    return format_date(dt.date(int(month[:4]), int(month[5:7]), 1), "month")


_STATES = {"te laat": (":material/error:", "red"),
           "binnenkort": (":material/schedule:", "orange"),
           "open": (":material/radio_button_unchecked:", "blue"),
           "gedaan": (":material/check_circle:", "green")}
AGREEMENT_STATES = Lazy(tuple(_STATES), lambda state: (  # state -> (icon, colour, label)
    *_STATES[state], t(f"labels.agreement_states.{state.replace(' ', '_')}")))
