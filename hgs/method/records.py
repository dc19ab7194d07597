"""The records of HGS: organisations, cases, consent, meetings and everything said in them."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from hgs.i18n import t

SCHEMA_VERSION = 3

Sector = Literal["voorschools", "PO", "VO", "SO/SBO", "jeugdhulp/ketenpartner", "gemeente", "overig"]
SECTORS: tuple[str, ...] = Sector.__args__  # type: ignore[attr-defined]

# Who sits at the table, and which group each role belongs to. "extern" roles work outside the
# school: sharing information with them needs the parents' (and the young person's) consent.
ROLE_GROUPS: dict[str, str] = {
    "leerkracht/mentor": "school",
    "intern begeleider (IB'er)": "school",
    "zorgcoördinator": "school",
    "teamleider": "school",
    "directie": "school",
    "ouder/verzorger": "ouders",
    "kind/jongere": "kind",
    "netwerk van het gezin": "ouders",
    "jeugdhulp": "extern",
    "JGZ (jeugdarts/-verpleegkundige)": "extern",
    "leerplicht": "extern",
    "onderwijsadviseur": "extern",
    "orthopedagoog/psycholoog": "extern",
    "voorschool": "extern",
    "gemeente/wijkteam": "extern",
    "andere professional": "extern",
}
ROLES: tuple[str, ...] = tuple(ROLE_GROUPS)
GIVER_GROUPS = {"school": "school", "ouders": "ouders", "kind": "kind", "extern": "professionals"}

Area = Literal["kind", "onderwijs", "opvoeding", "jeugdhulp"]
GoalArea = Literal["kind", "onderwijs", "opvoeding"]
Sign = Literal["plus", "min", "vraag"]
# The cirkelgesprek: the child's three circles, each with + / − / ? and "doel & wat nodig"
Circle = Literal["thuis", "kind", "school"]
CircleSign = Literal["plus", "min", "vraag", "doel"]
NeedCategory = Literal[
    "instructie/uitleg/feedback",
    "opdrachten/leeractiviteiten",
    "andere kinderen",
    "een leraar die",
    "ouders die",
    "professionals die",
]
NEED_CATEGORIES: tuple[str, ...] = NeedCategory.__args__  # type: ignore[attr-defined]
SupportFor = Literal["school", "ouders"]
SupportKind = Literal["kennis", "vaardigheden", "ondersteuning"]
Party = Literal["ouders", "kind", "school", "professionals"]
MeetingKind = Literal["eerste", "evaluatie"]
AgreementStatus = Literal["open", "gedaan"]
TopTipKind = Literal["top", "tip"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _typed(value: object) -> object:
    """Typed or pasted text without the control characters no document can hold (a NUL, Word's
    vertical tab as a line break); line ends as \\n. Anything else is left to the type check."""
    if isinstance(value, (bytes, bytearray)):  # pydantic would take UTF-8 bytes as text too
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return value  # refused by the type check
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else
                        "\ufffd" if m.group() >= "\ud800" else "", value)


Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200),
                  BeforeValidator(_typed)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
                 BeforeValidator(_typed)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000),
                 BeforeValidator(_typed)]
Score = Annotated[int, Field(ge=0, le=10)]
# An id or a reference to one (generated: new_id, a join token): never free text.
Ref = Annotated[str, StringConstraints(max_length=64, pattern=r"^[A-Za-z0-9_-]*$")]

CASE_CODE = re.compile(r"^[A-Z]{1,3}-\d{4}-\d{4}$")
EARLIEST = dt.date(2000, 1, 1)
EARLIEST_BIRTH_YEAR = 1990  # a young person in youth care is at most in their twenties
ONLINE_LINK = re.compile(r"^https?://[^\s<>\"']+$")


def new_id() -> str:
    """A short random id, unique enough within one case."""
    return uuid.uuid4().hex[:12]


class Record(BaseModel):
    """Base of every record: strict about unknown fields, validated on every assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Item(Record):
    """A list entry inside a meeting; its id lets two people edit different entries at once."""

    id: Ref = Field(default_factory=new_id)


class Organisation(Record):
    id: Ref = Field(default_factory=new_id)
    name: Name
    sector: Sector
    demo: bool = False  # made by the demo network; "Leeg beginnen" removes it when unused


class Consent(Item):
    given_by: list[Literal["ouders", "jongere"]] = Field(min_length=1)
    date: dt.date
    scope: list[Short] = Field(default_factory=list)  # partners it covers; empty means all
    withdrawn: dt.date | None = None

    @model_validator(mode="after")
    def _withdrawn_after_given(self) -> Consent:
        if self.withdrawn is not None and self.withdrawn < self.date:
            raise ValueError(t("errors.model.withdrawn_before_given"))
        return self

    def in_force(self, on: dt.date) -> bool:
        """Given on or before `on`, and not withdrawn by then."""
        return self.date <= on and (self.withdrawn is None or self.withdrawn > on)

    def in_scope(self, organisation: str) -> bool:
        """Does it name this partner (an organisation, or a role)? Consent without names
        covers every partner."""
        return not self.scope or organisation.strip().lower() in {s.lower() for s in self.scope}

    def covers(self, organisation: str, on: dt.date) -> bool:
        return self.in_force(on) and self.in_scope(organisation)


class Case(Record):
    id: Ref = Field(default_factory=new_id)
    code: Annotated[str, StringConstraints(max_length=20)]
    first_name: Name
    organisation_id: Ref
    group: Short = ""
    status: Literal["actief", "afgesloten"] = "actief"
    # afgesloten on this day, and why (hgs.method.cases.close_case); None while it runs
    closed: dt.date | None = None
    close_reason: Literal["", "doelen bereikt", "overgedragen", "gestopt"] = ""
    created: dt.date = Field(default_factory=dt.date.today)
    consents: list[Consent] = Field(default_factory=list)
    # The child's year of birth (no more than that): who must consent follows the age.
    birth_year: int | None = None
    demo: bool = False  # made by the demo network; "Leeg beginnen" removes only these

    @model_validator(mode="after")
    def _code_form(self) -> Case:
        if not CASE_CODE.match(self.code):
            raise ValueError(t("errors.model.code_form"))
        if self.birth_year is not None and not (
                EARLIEST_BIRTH_YEAR <= self.birth_year <= dt.date.today().year):
            raise ValueError(t("errors.model.birth_year", earliest=EARLIEST_BIRTH_YEAR,
                               latest=dt.date.today().year))
        return self


class Participant(Item):
    name: Name
    role: Literal[("", *ROLES)] = ""  # type: ignore[valid-type]  # "": not chosen yet
    organisation: Short = ""
    email: Short = ""
    present: bool = True

    @model_validator(mode="after")
    def _email_form(self) -> Participant:
        if self.email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", self.email):
            raise ValueError(t("errors.model.email_form"))
        return self

    @property
    def group(self) -> str:
        """school, ouders, kind or extern; "" while the role is not chosen."""
        return ROLE_GROUPS.get(self.role, "")


class Question(Item):
    text: Text = ""  # "Als we weten dat …, dan kunnen we …"
    asked_by: Short = ""
    answer: Text = ""
    answered: bool = False
    party: Party | None = None  # carried from this party's question in the aanmelding


class OverviewItem(Item):
    area: Area
    sign: Sign
    text: Text = ""
    by: Short = ""  # a name (a participant's own device), or typed
    group: Literal["", "ouders", "kind", "school", "professionals"] = ""  # who said it, if told


class CircleItem(Item):
    """One thing the child says in the cirkelgesprek (step 2), in the child's own words."""
    circle: Circle
    sign: CircleSign
    text: Text = ""
    by: Short = ""  # who typed it on their own device ("Naam (rol)"); empty: the chair


class Explanation(Item):
    area: GoalArea
    text: Text = ""


class Goal(Item):
    area: GoalArea
    text: Text = ""
    observable: Text = ""  # what do we see and hear then?
    start: Score | None = None
    target: Score | None = None
    weight: Annotated[int, Field(ge=1, le=3)] = 1
    dropped: bool = False
    set_in: Ref = ""  # id of the meeting where the goal was first set


class Need(Item):
    category: NeedCategory
    text: Text = ""
    more_pupils: bool = False  # "essential for one, beneficial for all"
    goal_id: Ref = ""  # the goal (step 4) this need serves; "" names none


class SupportNeed(Item):
    for_whom: SupportFor
    kind: SupportKind
    text: Text = ""
    from_whom: Short = ""


class Decision(Item):
    text: Text = ""
    decided_by: Short = ""


class Agreement(Item):
    who: Short = ""
    what: Text = ""
    due: dt.date | None = None
    status: AgreementStatus = "open"
    from_decision: Ref | None = None  # the step-7 decision it was made from (made once)


class TopTip(Item):
    kind: TopTipKind
    text: Text = ""
    by: Short = ""
    group: Literal["school", "ouders", "kind", "professionals"] = "professionals"


class GiverScore(Item):
    """A participant's own score for a goal at a follow-up; the chair sets the meeting's score."""
    goal_id: Ref
    score: Score
    by: Short = ""
    group: Literal["school", "ouders", "kind", "professionals"] = "professionals"


MailKind = Literal["uitnodiging", "herinnering"]


class Mailed(Item):
    """One e-mail HGS sent about this meeting (hgs.mail): what, when, to which addresses and
    roles; a reminder names its agreement and the date it reminded of, so it goes once."""
    kind: MailKind
    sent: dt.datetime
    to: list[Short] = Field(default_factory=list)  # addresses
    roles: list[Short] = Field(default_factory=list)  # the recipients' roles, same order
    ref: Ref = ""  # a reminder's agreement id
    due: dt.date | None = None  # the agreement's date the reminder was about


class Meeting(Record):
    id: Ref = Field(default_factory=new_id)
    case_id: Ref
    date: dt.date
    kind: MeetingKind = "eerste"
    previous_id: Ref | None = None
    chair: Short = ""
    status: Literal["voorbereiding", "gestart", "afgerond"] = "voorbereiding"
    # planning: when and where (the invitation and the calendar files use them)
    start_time: dt.time | None = None
    duration: Annotated[int, Field(ge=5, le=600)] | None = None  # minutes
    place: Short = ""
    online_link: Short = ""  # an online-meeting link instead of (or beside) a place
    # cancelled ("geannuleerd") on this day, and why; a cancelled MDO does not count on Netwerk
    cancelled: dt.date | None = None
    cancel_reason: Text = ""
    # when the invitation (the gouden mailtje) was sent; None: not yet (the werklijst asks)
    invitation_sent: dt.datetime | None = None
    # preparation
    reason: Text = ""
    party_questions: dict[Party, Text] = Field(default_factory=dict)
    # what of party_questions was carried into the step-1 questions, as it read then
    # (hgs.method.cycle.carry_registration): carried once, never again after a removal
    carried_questions: dict[Party, Text] = Field(default_factory=dict)
    participants: list[Participant] = Field(default_factory=list)
    # step 1 … 9
    questions: list[Question] = Field(default_factory=list)
    overview: list[OverviewItem] = Field(default_factory=list)
    circles: list[CircleItem] = Field(default_factory=list)  # the cirkelgesprek
    circle_essence: Text = ""  # "de essentie in haar woorden": what the child says, in a few lines
    explanations: list[Explanation] = Field(default_factory=list)
    research_needed: bool | None = None
    research_reason: Text = ""
    goals: list[Goal] = Field(default_factory=list)
    scores: dict[Ref, Score | None] = Field(default_factory=dict)  # goal id -> score at this MDO
    needs: list[Need] = Field(default_factory=list)
    support_needs: list[SupportNeed] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    evaluation_date: dt.date | None = None
    progress_followed: Text = ""  # how progress is followed until the evaluation (step 8)
    tops_tips: list[TopTip] = Field(default_factory=list)
    rating: Annotated[int, Field(ge=1, le=10)] | None = None
    # joining from one's own device (see hgs/live.py)
    giver_scores: list[GiverScore] = Field(default_factory=list)
    # what was typed in a list's "new item" field and not added yet, by list (`agreements:all`):
    # shown again after a reload, never in the verslag or the figures
    drafts: dict[Annotated[str, StringConstraints(max_length=120)], Text] = Field(
        default_factory=dict)
    join_token: Ref | None = None
    join_open: bool = False
    # e-mail sent from HGS (hgs.mail): the gouden mailtje's moment, and every message
    invitation_sent: dt.datetime | None = None
    mailed: list[Mailed] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates(self) -> Meeting:
        if self.date < EARLIEST:
            raise ValueError(t("errors.model.date_too_early"))
        if self.evaluation_date is not None and self.evaluation_date < self.date:
            raise ValueError(t("errors.model.evaluation_before_meeting"))
        if self.online_link and not ONLINE_LINK.match(self.online_link):
            raise ValueError(t("errors.model.online_link_form"))
        return self

    @field_validator("drafts")
    @classmethod
    def _no_empty_drafts(cls, drafts: dict[str, str]) -> dict[str, str]:
        return {name: text for name, text in drafts.items() if text}  # an empty draft is none


LIST_TYPES: dict[str, type[Item]] = {
    "participants": Participant,
    "questions": Question,
    "overview": OverviewItem,
    "circles": CircleItem,
    "explanations": Explanation,
    "goals": Goal,
    "needs": Need,
    "support_needs": SupportNeed,
    "decisions": Decision,
    "agreements": Agreement,
    "tops_tips": TopTip,
    "giver_scores": GiverScore,
}
