"""A meeting full of Dutch characters for the document tests (verslag, invitation, export), and
helpers that read the generated files back with the readers people's programs use."""

from __future__ import annotations

import datetime as dt
import io

from hgs.method.records import (
    Agreement,
    Case,
    Decision,
    Explanation,
    Goal,
    Meeting,
    Need,
    Organisation,
    OverviewItem,
    Participant,
    Question,
    SupportNeed,
    TopTip,
)
from hgs.store import Store

MEETING_DATE = dt.date(2026, 3, 3)
EVALUATION_DATE = dt.date(2026, 6, 1)
# Lines the professionals keep to themselves; each starts with INTERN so a test finds them all.
INTERNAL = ("INTERN: de instructie is te talig voor Noëlle",
            "INTERN: eerst observeren, dan pas een taaltest",
            "INTERN: coaching van de leerkracht bij NT2-didactiek")
AGREEMENTS = ("Leesboekjes bestellen, € 25 – 30 per pakket",
              "Elke avond tien minuten voorlezen in de eigen taal",
              "Observatie in de groep door de coördinator")
CHILD_WORDS = "Ik vind het fijn als de juf het nog één keer uitlegt. En ik hou van ĳsjes!"
SHARED = (  # what both versions must carry, exactly
    "Noëlle", "coördinator", "ĳs", "€ 25 – 30", CHILD_WORDS, *AGREEMENTS,
    "Noëlle leest zelfstandig een korte tekst",
    "Ze leest een tekst van tien regels en vertelt na wat er stond.",
    "Noëlle heeft uitleg met plaatjes nodig",
    "Informatie over voorlezen in de eigen taal",
    "Geen onderzoek nu: eerst de aanpak proberen",
    "Korte teksten over ĳs en sneeuw werken goed.",
    "Fijn dat Noëlle zelf vertelde", "Graag minder afkortingen",
    "Ja, onderzoek is nodig", "3 maart 2026", "1 juni 2026",
    "Ingrid Bakker", "Mohamed El Amrani", "Sanne Visser",
)


def dutch_case(store: Store, code: str = "L-2026-0042") -> tuple[Case, Meeting]:
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    case = store.create_case(Case(code=code, first_name="Noëlle", organisation_id=org.id,
                                  group="groep 4", birth_year=2018))
    meeting = Meeting(
        case_id=case.id, date=MEETING_DATE, chair="Ingrid Bakker",
        reason="Noëlle leert Nederlands als tweede taal; de coördinator wil weten wat helpt.",
        party_questions={"ouders": "Hoe kunnen wij thuis helpen met lezen?"},
        participants=[
            Participant(name="Ingrid Bakker", role="zorgcoördinator",
                        organisation="Basisschool De Regenboog",
                        email="i.bakker@regenboog.example"),
            Participant(name="Mohamed El Amrani", role="ouder/verzorger",
                        email="mohamed@thuis.example"),
            Participant(name="Sanne Visser", role="jeugdhulp", organisation="Jeugdhulp Flevoland",
                        email="s.visser@jeugdhulp.example", present=False),
        ],
        questions=[Question(text="Als we weten wat Noëlle helpt bij het lezen, dan kunnen we "
                                 "de instructie aanpassen.", asked_by="coördinator",
                            answer="Korte teksten over ĳs en sneeuw werken goed.",
                            answered=True)],
        overview=[
            OverviewItem(area="kind", sign="plus", text="Noëlle helpt anderen graag", by="school"),
            OverviewItem(area="kind", sign="min", text="Noëlle haakt af bij lange teksten",
                         by="school"),
            OverviewItem(area="opvoeding", sign="vraag", text="Welke taal spreken we thuis?",
                         by="ouders"),
        ],
        circle_essence=CHILD_WORDS,
        explanations=[Explanation(area="onderwijs", text=INTERNAL[0])],
        research_needed=True, research_reason=INTERNAL[1],
        goals=[Goal(area="kind", text="Noëlle leest zelfstandig een korte tekst",
                    observable="Ze leest een tekst van tien regels en vertelt na wat er stond.",
                    start=3, target=7)],
        needs=[Need(category="instructie/uitleg/feedback",
                    text="Noëlle heeft uitleg met plaatjes nodig", more_pupils=True)],
        support_needs=[
            SupportNeed(for_whom="school", kind="vaardigheden", text=INTERNAL[2],
                        from_whom="onderwijsadviseur"),
            SupportNeed(for_whom="ouders", kind="kennis",
                        text="Informatie over voorlezen in de eigen taal", from_whom="JGZ"),
        ],
        decisions=[Decision(text="Geen onderzoek nu: eerst de aanpak proberen",
                            decided_by="ouders en school")],
        agreements=[
            Agreement(what=AGREEMENTS[0], who="coördinator", due=dt.date(2026, 3, 20)),
            Agreement(what=AGREEMENTS[1], who="Mohamed El Amrani"),
            Agreement(what=AGREEMENTS[2], who="Ingrid Bakker", due=dt.date(2026, 4, 1),
                      status="gedaan"),
        ],
        evaluation_date=EVALUATION_DATE,
        tops_tips=[TopTip(kind="top", text="Fijn dat Noëlle zelf vertelde", by="Mohamed",
                          group="ouders"),
                   TopTip(kind="tip", text="Graag minder afkortingen", by="Sanne",
                          group="professionals")],
        rating=8,
    )
    return case, store.create_meeting(meeting)


def flat(text: str) -> str:
    """Whitespace made single spaces: a PDF wraps long lines where it likes."""
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return flat(" ".join(parts))


def text_of(data: bytes, fmt: str) -> str:
    return {"pdf": pdf_text, "docx": docx_text, "md": lambda d: flat(d.decode("utf-8"))}[fmt](data)
