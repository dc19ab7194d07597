"""Every page of HGS in one table: its script, title, icon, address, navigation section and the
roles that may open it. The frame (app.py) builds its navigation from it, `hgs.access` its page
rules, and a link to a page names the page here instead of spelling its path. Plain data: no
Streamlit, so the rules can be read and tested without a running app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hgs.i18n import t
from hgs.method.steps import STEPS, Step, step

# The roles by name (their catalogue lives in hgs.access, which reads this table).
_CHAIR = frozenset({"voorzitter"})


@dataclass(frozen=True)
class Page:
    path: str  # the script relative to app.py, as st.Page, st.page_link and AppTest take it
    title_key: str  # the title in the catalogues (a step's comes from the step catalogue)
    icon: str
    url_path: str
    section: str | None  # the navigation's section, a catalogue key; None: not in it
    roles: frozenset[str]  # who may open it; nobody when empty
    step: Step | None = None

    @property
    def title(self) -> str:
        return self.step.label if self.step else t(self.title_key)


# The chair's home: every case of theirs with what needs doing between the MDOs.
WORKLIST = Page("views/werklijst.py", "werklijst.titel", ":material/checklist_rtl:", "werklijst",
                "app.start", _CHAIR)
START = Page("views/start.py", "app.start", ":material/home:", "start", "app.start", _CHAIR)
PREPARATION = Page("views/voorbereiding.py", "app.voorbereiding", ":material/checklist:",
                   "voorbereiding", "app.voorbereiding", _CHAIR)
STEP_PAGES: tuple[Page, ...] = tuple(
    Page(f"views/{s.number:02d}_{s.slug}.py", f"steps.{s.number}.title",
         ":material/radio_button_checked:", f"stap-{s.number}", "app.mdo", _CHAIR, step=s)
    for s in STEPS)
PRESENTATION = Page("views/presentatie.py", "app.presentatie_projector",
                    ":material/present_to_all:", "presentatie", "app.mdo", _CHAIR)
FORMAT = Page("views/format.py", "flap.pagina_titel", ":material/dashboard:", "format", "app.mdo",
              _CHAIR)
PROGRESS = Page("views/voortgang.py", "app.voortgang", ":material/trending_up:", "voortgang",
                "app.voortgang", _CHAIR)
NETWORK = Page("views/netwerk.py", "app.netwerk", ":material/hub:", "netwerk", "app.netwerk",
               frozenset({"coordinator"}))
REFLECTION = Page("views/reflectie.py", "app.reflectie", ":material/self_improvement:",
                  "reflectie", "app.reflectie", frozenset({"voorzitter", "coordinator"}))
ADMIN = Page("views/beheer.py", "app.beheer", ":material/settings:", "beheer", "app.beheer",
             frozenset({"beheerder"}))
DATA = Page("views/gegevens.py", "app.gegevens_en_back_ups", ":material/backup:", "gegevens",
            "app.beheer", frozenset({"beheerder"}))
# A participant's only page (a join link); the sign-in page reads nothing and is registered
# only for a session that has not signed in.
JOIN = Page("views/meedoen.py", "app.meedoen", ":material/group_add:", "meedoen", None,
            frozenset({"deelnemer"}))
READ = Page("views/lezen.py", "leeslink.lezen", ":material/visibility:", "lezen", None,
            frozenset({"deelnemer"}))  # a lees-link's only page: its token decides
SIGN_IN = Page("views/inloggen.py", "app.inloggen", ":material/login:", "inloggen", None,
               frozenset())

PAGES: tuple[Page, ...] = (WORKLIST, START, PREPARATION, *STEP_PAGES, PRESENTATION, FORMAT,
                           PROGRESS, NETWORK, REFLECTION, ADMIN, DATA, JOIN, READ, SIGN_IN)
# Where each role lands after signing in; the local user, who has every role, lands on the
# Werklijst.
START_PAGES: dict[str, Page] = {"voorzitter": WORKLIST, "coordinator": NETWORK, "beheerder": ADMIN,
                                "deelnemer": JOIN}


def for_step(number: int) -> Page:
    """The page of step `number` (1–9) of the MDO; KeyError for a step that does not exist."""
    return STEP_PAGES[step(number).number - 1]


def by_path(path: str | Path) -> Page | None:
    """The page of a script however it was named (Streamlit passes full paths); None if no
    page of HGS."""
    name = Path(path).name
    return next((page for page in PAGES if Path(page.path).name == name), None)


def sections() -> dict[str, list[Page]]:
    """The navigation: each section's title (in the session's language) with its pages, in
    order."""
    found: dict[str, list[Page]] = {}
    for page in PAGES:
        if page.section is not None:
            found.setdefault(t(page.section), []).append(page)
    return found
