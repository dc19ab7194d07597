"""The demo generator: a seeded network of organisations and people, and each case written from
registration to its latest MDO, drawing from hgs.demo.data. The same seed gives the same
records, ids included."""

from __future__ import annotations

import datetime as dt
import functools
import random

from hgs.demo.data import (
    ADULT_NAMES,
    AGREEMENTS,
    CHILD_NAMES,
    CHILD_WORDS,
    CIRCLE_WORDS,
    CLOSING,
    DECISIONS,
    EXPLANATIONS,
    EXTERNALS,
    FOLLOW_UP_QUESTIONS,
    GOALS,
    NEEDS,
    ORGANISATIONS,
    OVERVIEW,
    PARTY_QUESTIONS,
    PROGRESS,
    QUESTIONS,
    RATINGS,
    REASONS,
    RESEARCH_REASONS,
    STAGES,
    SUPPORT_NEEDS,
    SURNAMES,
    TOPS_TIPS,
)
from hgs.method.cycle import GIVERS, carry_over_from, required_givers
from hgs.method.records import (
    GIVER_GROUPS,
    Agreement,
    Case,
    CircleItem,
    Consent,
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


@functools.cache
def _fits(rows: tuple, stage: str) -> tuple:
    """The rows of a snippet table that fit a stage (cached: the build asks thousands of times)."""
    return tuple(row for row in rows if stage in row[-1])


@functools.cache
def _overview_rows(stage: str, area: str, sign: str) -> tuple:
    return tuple(row for row in _fits(OVERVIEW, stage) if row[:2] == (area, sign))


@functools.cache
def _email(name: str, organisation: str) -> str:
    """A fictitious work address on the reserved .example domain; families get none."""
    if not organisation:
        return ""
    first, *rest = name.lower().split()
    domain = "".join(ch for ch in organisation.split("–")[0].lower() if ch.isalnum())
    return f"{first}.{''.join(rest)}@{domain}.example"


def _weekday(day: dt.date) -> dt.date:
    """MDOs happen on school days: move a weekend day back to Friday."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


class Network:
    """The organisations and the people who work there; hands out seeded ids and case codes."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.organisations = [Organisation(id=self.id(), name=name, sector=sector, demo=True)
                              for name, sector, _, _ in ORGANISATIONS]
        self.organisation_ids = {org.name: org.id for org in self.organisations}
        self.schools = [row for row in ORGANISATIONS if row[2]]
        self.chairs = {name: self.person() for name, *_ in self.schools}
        self.professionals = {org: [self.person(), self.person()] for _, org, _, _ in EXTERNALS}
        self.codes: set[str] = set()

    def id(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def person(self, surname: str | None = None) -> str:
        return f"{self.rng.choice(ADULT_NAMES)} {surname or self.rng.choice(SURNAMES)}"

    def code(self, year: int) -> str:
        while (code := f"L-{year}-{self.rng.randrange(1, 10_000):04d}") in self.codes:
            pass
        self.codes.add(code)
        return code


class CaseWriter:
    """One case from registration to its latest MDO."""

    def __init__(self, net: Network, n_meetings: int) -> None:
        self.net = net
        self.rng = rng = net.rng
        school, _, self.stage, _ = rng.choices(net.schools, [row[3] for row in net.schools])[0]
        _, adult, chair_role, groups = next(row for row in STAGES if row[0] == self.stage)
        self.school, self.group = school, rng.choice(groups)
        self.name, family = rng.choice(CHILD_NAMES), rng.choice(SURNAMES)
        self.words = {"naam": self.name, "leraar": adult, "Leraar": adult[0].upper() + adult[1:]}
        self.case_id = net.id()
        self.answers: dict[str, str] = {}
        self.scores: dict[str, int] = {}
        # who sits at the table: (name, role, organisation)
        self.table = [(net.chairs[school], chair_role, school),
                      (net.person(), "leerkracht/mentor", school)]
        self.table += [(net.person(family), "ouder/verzorger", "")
                       for _ in range(rng.choice((1, 2, 2)))]
        if rng.random() < 0.1:
            self.table.append((f"{rng.choice(ADULT_NAMES)} (oma)", "netwerk van het gezin", ""))
        if rng.random() < {"v": 0.0, "p": 0.35, "o": 0.75}[self.stage]:
            self.table.append((self.name, "kind/jongere", ""))
        self.add_externals(rng.choices((0, 1, 2), (7, 9, 4))[0])
        self.dates = self.plan(n_meetings)

    def say(self, text: str) -> str:
        return text.format_map(self.words)

    def add_externals(self, count: int) -> None:
        present = {role for _, role, _ in self.table}
        options = [row for row in _fits(EXTERNALS, self.stage) if row[0] not in present]
        for role, org, _, _ in self.rng.sample(options, min(count, len(options))):
            self.table.append((self.rng.choice(self.net.professionals[org]), role, org))

    def plan(self, n: int) -> list[dt.date]:
        """Meeting dates a few months apart, all in the past, over about two years; most cases
        had their latest MDO in the last four months, some have been quiet for longer."""
        rng = self.rng
        gaps = [rng.randint(56, 120) for _ in range(n - 1)]
        longest = max(3, 700 - sum(gaps))
        quiet = rng.randint(3, 120) if rng.random() < 0.7 else rng.randint(3, longest)
        day = self.net.today - dt.timedelta(days=quiet + sum(gaps))
        dates = [day]
        for gap in gaps:
            dates.append(dates[-1] + dt.timedelta(days=gap))
        return [_weekday(day) for day in dates]

    # -- the case -------------------------------------------------------------------------------
    def write(self) -> tuple[Case, list[Meeting]]:
        meetings: list[Meeting] = []
        for i, date in enumerate(self.dates):
            next_date = self.dates[i + 1] if i + 1 < len(self.dates) else None
            meetings.append(self.meeting(meetings[-1] if meetings else None, date, next_date))
        created = self.dates[0] - dt.timedelta(days=self.rng.randint(14, 35))
        # A year of birth that fits the stage over all the case's MDOs (voorschool 2-4, primary
        # 4-12, VO 12-17 at the first MDO), drawn apart from the network's own random stream so
        # the rest of the demo stays as it was.
        low, high = {"v": (2, 4), "p": (4, 12), "o": (12, 17)}[self.stage]
        span = self.dates[-1].year - self.dates[0].year
        birth_year = self.dates[0].year - random.Random(self.case_id).randint(
            low, max(low, high - span))
        outside = sorted({p.organisation for m in meetings for p in m.participants
                          if p.group == "extern"})
        consents = []
        if outside:  # consent from whoever the child's age asks for at any of its MDOs
            asked = set().union(*(required_givers(birth_year, m.date) for m in meetings))
            given_by = [giver for giver in GIVERS if giver in asked]
            scope = [] if self.rng.random() < 0.2 else outside
            consents.append(Consent(id=self.net.id(), given_by=given_by, date=created,
                                    scope=scope))
        closed = meetings[-1].evaluation_date is None  # goals reached, nothing left to evaluate
        case = Case(id=self.case_id, code=self.net.code(created.year), first_name=self.name,
                    organisation_id=self.net.organisation_ids[self.school], group=self.group,
                    status="afgesloten" if closed else "actief", created=created,
                    consents=consents, birth_year=birth_year, demo=True)
        return case, meetings

    def meeting(self, previous: Meeting | None, date: dt.date,
                next_date: dt.date | None) -> Meeting:
        rng, meeting_id = self.rng, self.net.id()
        if previous is None:
            base = Meeting(case_id=self.case_id, date=date, kind="eerste", chair=self.table[0][0],
                           reason=self.say(rng.choice(_fits(REASONS, self.stage))[0]),
                           party_questions=self.party_questions())
        else:
            base = carry_over_from(previous, date)
            if rng.random() < 0.15:
                self.add_externals(1)
        people = self.participants()
        present = [p for p in people if p.present]
        goals, scores = self.goals(base, meeting_id)
        reached = bool(scores) and all(scores[g.id] >= g.target for g in goals
                                       if g.id in scores and not g.dropped)
        closing = next_date is None and reached and rng.random() < 0.7
        research = previous is None and rng.random() < 0.15
        first = previous is None
        return base.model_copy(update={  # no validation here: the store validates on import
            "id": meeting_id,
            "status": "afgerond",
            "participants": people,
            "questions": self.questions(base),
            "overview": self.overview(base, present),
            **self.cirkelgesprek(present, meeting_id),
            "explanations": self.explanations(rng.randint(1, 3) if first else rng.randint(0, 1)),
            "research_needed": research,
            "research_reason": rng.choice(RESEARCH_REASONS) if research else "",
            "goals": goals,
            "scores": scores,
            "needs": base.needs + self.needs(rng.randint(3, 5) if first
                                             else int(rng.random() < 0.3), base.needs),
            "support_needs": base.support_needs + (self.support_needs() if first else []),
            "decisions": self.decisions(closing),
            "agreements": self.settle(
                base.agreements + self.agreements(date, present, base.agreements), next_date),
            "evaluation_date": None if closing else next_date or _weekday(
                date + dt.timedelta(weeks=rng.randint(8, 14))),
            "tops_tips": self.tops_tips(present),
            "rating": rng.choices(*RATINGS)[0],
        })

    def party_questions(self) -> dict[str, str]:
        parties: dict[str, str] = {}
        for party, text, _ in self.rng.sample(_fits(PARTY_QUESTIONS, self.stage), 3):
            parties.setdefault(party, self.say(text))
        return parties

    def participants(self) -> list[Participant]:
        """The table of this MDO: parents are invited every time but not always there; a child
        at the table joins most meetings, not every one."""
        rows = []
        for name, role, org in self.table:
            if role == "kind/jongere" and self.rng.random() < 0.2:
                continue
            present = role != "ouder/verzorger" or self.rng.random() < 0.85
            rows.append(Participant(id=self.net.id(), name=name, role=role, organisation=org,
                                    email=_email(name, org), present=present))
        return rows

    def questions(self, base: Meeting) -> list[Question]:
        follow_up = base.kind == "evaluatie"
        pool = _fits(FOLLOW_UP_QUESTIONS if follow_up else QUESTIONS, self.stage)
        new = []
        for asked_by, text, answer, _ in self.rng.sample(pool, 1 if follow_up else 2):
            question = Question(id=self.net.id(), text=self.say(text), asked_by=asked_by)
            self.answers[question.id] = self.say(answer)
            new.append(question)
        return [q.model_copy(update={"answered": True, "answer": self.answers[q.id]})
                if self.rng.random() < 0.85 else q for q in base.questions + new]

    def overview(self, base: Meeting, present: list[Participant]) -> list[OverviewItem]:
        """Per area strengths first, then what must improve and what we wonder; a follow-up
        opens with what goes better now."""
        rng, items = self.rng, []
        follow_up = base.kind == "evaluatie"
        if follow_up:
            area, text, _ = rng.choice(_fits(PROGRESS, self.stage))
            items.append(OverviewItem(id=self.net.id(), area=area, sign="plus",
                                      text=self.say(text), by="school"))
        roles = {p.role for p in present}
        by = {"kind": "kind" if "kind/jongere" in roles else "school", "onderwijs": "school",
              "opvoeding": "ouders", "jeugdhulp": "jeugdhulp"}
        areas = ("kind", "onderwijs", "opvoeding") + (("jeugdhulp",) if "jeugdhulp" in roles
                                                     else ())
        for area in areas:
            for sign, count in (("plus", 1 if follow_up else 2), ("min", 1),
                                ("vraag", int(rng.random() < 0.4))):
                rows = _overview_rows(self.stage, area, sign)
                for _, _, text, _ in rng.sample(rows, min(count, len(rows))):
                    items.append(OverviewItem(id=self.net.id(), area=area, sign=sign,
                                              text=self.say(text), by=by[area]))
        return items

    def cirkelgesprek(self, present: list[Participant], meeting_id: str) -> dict:
        """The child's three circles and the essence in its words: said at the table, or
        beforehand in a circle conversation; more often when the child sits at the table."""
        at_table = any(p.role == "kind/jongere" for p in present)
        if self.rng.random() >= (0.8 if at_table else 0.3):
            return {"circles": [], "circle_essence": ""}
        essence = self.rng.choice(_fits(CHILD_WORDS, self.stage))[0]
        # the circles from a generator of their own: the rest of the network stays as it was
        rng = random.Random(f"circles-{meeting_id}")
        rows = _fits(CIRCLE_WORDS, self.stage)
        said = sorted(rng.sample(range(len(rows)), min(len(rows), rng.randint(4, 8))))
        return {"circles": [CircleItem(id=f"{rng.getrandbits(48):012x}", circle=rows[i][0],
                                       sign=rows[i][1], text=rows[i][2]) for i in said],
                "circle_essence": essence}

    def explanations(self, count: int) -> list[Explanation]:
        return [Explanation(id=self.net.id(), area=area, text=self.say(text))
                for area, text, _ in self.rng.sample(_fits(EXPLANATIONS, self.stage), count)]

    def goals(self, base: Meeting, meeting_id: str) -> tuple[list[Goal], dict[str, int]]:
        """New goals at a first MDO; at a follow-up, a new score for each carried goal, the odd
        goal dropped and the odd goal added."""
        rng, goals, scores = self.rng, [], {}
        for goal in base.goals:
            score = min(10, max(0, self.scores[goal.id] + rng.choice((-1, 0, 1, 1, 1, 2, 2, 3))))
            self.scores[goal.id] = scores[goal.id] = score
            if score < goal.target and rng.random() < 0.07:
                goal = goal.model_copy(update={"dropped": True})
            goals.append(goal)
        if base.goals:
            areas = [rng.choice(("kind", "onderwijs", "opvoeding"))] if rng.random() < 0.2 else []
        else:
            areas = ["kind", rng.choice(("onderwijs", "opvoeding"))]
            areas += rng.sample(("kind", "onderwijs", "opvoeding"), rng.choice((0, 0, 1, 2)))
        used = {g.text for g in goals}
        for area in areas:
            options = [row for row in _fits(GOALS, self.stage)
                       if row[0] == area and self.say(row[1]) not in used]
            if not options:
                continue
            _, text, observable, _ = rng.choice(options)
            start = rng.randint(1, 5)
            goal = Goal(id=self.net.id(), area=area, text=self.say(text),
                        observable=self.say(observable), start=start,
                        target=min(10, start + rng.randint(3, 5)),
                        weight=rng.choices((1, 2, 3), (6, 3, 1))[0], set_in=meeting_id)
            self.scores[goal.id] = start
            used.add(goal.text)
            goals.append(goal)
        return goals, scores

    def needs(self, count: int, present: list[Need]) -> list[Need]:
        taken = {n.text for n in present}
        options = [row for row in _fits(NEEDS, self.stage) if self.say(row[1]) not in taken]
        return [Need(id=self.net.id(), category=category, text=self.say(text),
                     more_pupils=self.rng.random() < 0.3)
                for category, text, _ in self.rng.sample(options, min(count, len(options)))]

    def support_needs(self) -> list[SupportNeed]:
        rows = self.rng.sample(SUPPORT_NEEDS, self.rng.randint(1, 3))
        return [SupportNeed(id=self.net.id(), for_whom=for_whom, kind=kind, text=text,
                            from_whom=from_whom) for for_whom, kind, text, from_whom in rows]

    def decisions(self, closing: bool) -> list[Decision]:
        rows = self.rng.sample(DECISIONS, self.rng.randint(1, 2)) + ([CLOSING] if closing else [])
        return [Decision(id=self.net.id(), text=self.say(text), decided_by=self.say(by))
                for text, by in rows]

    def agreements(self, date: dt.date, present: list[Participant],
                   open_ones: list[Agreement]) -> list[Agreement]:
        """Who does what by when, each for someone who was there."""
        who = {p.role: p.name for p in present}
        taken = {a.what for a in open_ones}
        options = [row for row in _fits(AGREEMENTS, self.stage)
                   if row[0] in who and self.say(row[1]) not in taken]
        rows = self.rng.sample(options, min(len(options), self.rng.randint(2, 4)))
        return [Agreement(id=self.net.id(), who=who[role], what=self.say(what),
                          due=date + dt.timedelta(weeks=self.rng.randint(2, 8)))
                for role, what, _ in rows]

    def settle(self, agreements: list[Agreement], next_date: dt.date | None) -> list[Agreement]:
        """Most agreements are done by the next MDO; at the latest one, those past their due date
        are mostly done and some overdue."""
        settled = []
        for agreement in agreements:
            if next_date is not None:
                done = self.rng.random() < 0.75
            else:
                done = agreement.due < self.net.today and self.rng.random() < 0.7
            settled.append(agreement.model_copy(update={"status": "gedaan" if done else "open"}))
        return settled

    def tops_tips(self, present: list[Participant]) -> list[TopTip]:
        """Feedback on the collaboration from those at the table, tops first."""
        givers: dict[str, list[str]] = {}
        for p in present:
            givers.setdefault(GIVER_GROUPS[p.group], []).append(p.name)
        options = [row for row in TOPS_TIPS if row[1] in givers]
        rows = self.rng.sample(options, min(len(options), self.rng.randint(2, 5)))
        return [TopTip(id=self.net.id(), kind=kind, text=self.say(text), group=group,
                       by=self.rng.choice(givers[group]))
                for kind, group, text in sorted(rows, key=lambda row: row[0] != "top")]
