"""Dutch words shown in the UI for the model's values, kept in one place to read and correct."""

from __future__ import annotations

import datetime as dt
import re

AREAS = {
    "kind": "Kind / leerling",
    "onderwijs": "Onderwijs (leraar, groep, school)",
    "opvoeding": "Opvoeding (thuis)",
    "jeugdhulp": "Jeugdhulp (betrokken)",
}
AREA_SHORT = {"kind": "Kind", "onderwijs": "Onderwijs", "opvoeding": "Opvoeding",
              "jeugdhulp": "Jeugdhulp"}
SIGNS = {"plus": "+ Gaat goed", "min": "− Moet beter", "vraag": "? Vragen"}
SIGN_PLACEHOLDER = {
    "plus": "Wat gaat goed? Typ en druk op Enter",
    "min": "Wat moet beter? Typ en druk op Enter",
    "vraag": "Wat vragen we ons af? Typ en druk op Enter",
}
PARTIES = {"ouders": "Ouders/verzorgers", "kind": "Kind/jongere", "school": "School",
           "professionals": "Professionals"}
NEED_CATEGORIES = {
    "instructie/uitleg/feedback": "Instructie, uitleg en feedback",
    "opdrachten/leeractiviteiten": "Opdrachten en leeractiviteiten",
    "andere kinderen": "Andere kinderen (groepsgenoten)",
    "een leraar die": "Een leraar die …",
    "ouders die": "Ouders die …",
    "professionals die": "Professionals die …",
}
SUPPORT_FOR = {"school": "Leraar en school", "ouders": "Ouders"}
SUPPORT_KINDS = {"kennis": "Kennis over …", "vaardigheden": "Vaardigheden om …",
                 "ondersteuning": "Ondersteuning of hulp bij …"}
MEETING_KINDS = {"eerste": "Eerste MDO", "evaluatie": "Vervolg-MDO (evaluatie)"}
MEETING_STATUS = {"voorbereiding": "in voorbereiding", "gestart": "gestart",
                  "afgerond": "afgerond"}
TOPTIP = {"top": "Tops (wat ging goed)", "tip": "Tips (wat kan beter)"}
GIVERS = {"school": "School", "ouders": "Ouders", "kind": "Kind", "professionals": "Professionals"}
AGREEMENT_STATUS = {"open": "open", "gedaan": "gedaan"}
CONSENT_BY = {"ouders": "ouders/verzorgers", "jongere": "de jongere zelf"}
RESEARCH = {None: "Nog niet besproken", True: "Ja, onderzoek is nodig", False: "Nee, niet nodig"}

SAVED = "Opgeslagen"
NO_MEETING = "Kies eerst een casus en een MDO op de pagina Start."
NOT_YET = "Deze pagina is nog niet beschikbaar: hij komt in een volgende versie van HGS."
DEMO_BANNER = ("**Demonetwerk** – alle casussen, namen en organisaties hier zijn verzonnen. "
               "Zo kunt u HGS rustig uitproberen.")

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


_MARKUP = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def plain(text: str, limit: int | None = None) -> str:
    """Text a person typed, ready for `st.markdown` (or a caption or label): shown as typed,
    never as Markdown, HTML, LaTeX or a Streamlit directive. Every ASCII punctuation character
    gets a backslash (CommonMark shows it literally), control characters go, line breaks stay
    line breaks; with `limit`, one line of at most `limit` characters."""
    text = "".join(ch for ch in str(text) if ch.isprintable() or ch.isspace())
    lines = [line for line in (" ".join(part.split()) for part in text.splitlines()) if line]
    if limit is not None:
        line = " ".join(lines)
        if len(line) > limit:
            line = line[:limit - 1].rstrip() + "…"
        lines = [line] if line else []
    return "  \n".join(_MARKUP.sub(r"\\\1", line) for line in lines)


def date_nl(day: dt.date | None) -> str:
    """A date as Dutch people write it in a letter: 3 maart 2026."""
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"

AGREEMENT_STATES = {  # state -> (icon, colour, label)
    "te laat": (":material/error:", "red", "te laat"),
    "binnenkort": (":material/schedule:", "orange", "binnenkort (binnen 7 dagen)"),
    "open": (":material/radio_button_unchecked:", "blue", "open"),
    "gedaan": (":material/check_circle:", "green", "gedaan"),
}
GAS_LEVEL_SHORT = {-2: "−2", -1: "−1", 0: "0", 1: "+1", 2: "+2"}
