"""The werklijst: what needs doing between two MDOs, as flags on a case. Records in, flags out
(no store, no screen), so every rule of "off track", "overdue" or "consent about to lapse" lives
here once, is tested on hand-made cases, and the page only draws what it gets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hgs import pages
from hgs.i18n import Labels, t
from hgs.method import cycle, scores, texts
from hgs.method.records import Agreement, Case, Meeting

DUE_SOON_DAYS = 7  # an open agreement due within this many days is "binnenkort"

# The flags, in the order the werklijst lists them when sorted by kind.
KINDS: tuple[str, ...] = ("toestemming", "afspraak", "evaluatie", "doel", "uitnodiging",
                          "volgend_mdo")
KIND_WORDS = Labels("werklijst.soorten", KINDS)  # the word beside each flag's icon
# How urgent: "actie" (act now), "let_op" (soon), "info" (to know); the colour follows it.
SEVERITIES: tuple[str, ...] = ("actie", "let_op", "info")
SEVERITY_WORDS = Labels("werklijst.ernst", SEVERITIES)


@dataclass(frozen=True)
class Flag:
    """One thing on the werklijst: what kind, for which case (and MDO), why in one line, the
    page that fixes it, the date it is about (for sorting) and how urgent it is."""
    kind: str
    case_id: str
    meeting_id: str | None
    reason: str  # one line of plain text in the session's language (escape it to show it)
    page: pages.Page
    due: dt.date | None
    severity: str


def agreement_state(status: str, due: dt.date | None, today: dt.date) -> str:
    """"gedaan", "te laat" (due before today), "binnenkort" (due within DUE_SOON_DAYS) or
    "open": the one rule for Voortgang's colours and the werklijst."""
    if status == "gedaan":
        return "gedaan"
    if due is not None and due < today:
        return "te laat"
    if due is not None and (due - today).days <= DUE_SOON_DAYS:
        return "binnenkort"
    return "open"


def _short(text: str, width: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"


def planned(meetings: Iterable[Meeting], today: dt.date) -> list[Meeting]:
    """The MDOs still to come: in preparation, on or after today, not cancelled; by date."""
    return sorted((m for m in meetings if m.status == "voorbereiding" and m.date >= today
                   and m.cancelled is None), key=lambda m: m.date)


# -- one rule per flag ---------------------------------------------------------------------------
def _next_mdo(case: Case, coming: list[Meeting]) -> list[Flag]:
    if not coming:
        return []
    m = coming[0]
    when = m.start_time.strftime("%H:%M") if m.start_time else t("werklijst.geen_tijd")
    where = m.place or (t("werklijst.online") if m.online_link else t("werklijst.geen_plaats"))
    return [Flag("volgend_mdo", case.id, m.id,
                 t("werklijst.reden_volgend_mdo", date=texts.date_nl(m.date), time=when,
                   place=_short(where, 60)), pages.PREPARATION, m.date, "info")]


def _invitations(case: Case, coming: list[Meeting]) -> list[Flag]:
    return [Flag("uitnodiging", case.id, m.id,
                 t("werklijst.reden_uitnodiging", date=texts.date_nl(m.date)),
                 pages.PREPARATION, m.date, "let_op")
            for m in coming if m.invitation_sent is None]


def _evaluation(case: Case, meetings: list[Meeting], today: dt.date) -> list[Flag]:
    """The latest MDO (not cancelled: cycle.follows) set an evaluation date that has passed,
    and no MDO after it is planned."""
    latest = cycle.follows(meetings)
    if latest is None or latest.evaluation_date is None or latest.evaluation_date >= today:
        return []
    return [Flag("evaluatie", case.id, latest.id,
                 t("werklijst.reden_evaluatie", date=texts.date_nl(latest.evaluation_date)),
                 pages.START, latest.evaluation_date, "actie")]


def current_agreements(meetings: Sequence[Meeting]) -> list[tuple[Meeting, Agreement]]:
    """The agreements that stand now, with the MDO that holds them: those of the latest MDO that
    was not cancelled (planned or held). A follow-up carries the open ones over when it is
    planned (`cycle.carry_over_from`, with their ids), so one done or dropped at a follow-up is
    gone from here. The werklijst flags these and the reminders mail about these."""
    latest = cycle.follows(sorted(meetings, key=lambda m: (m.date, m.id)))
    return [(latest, a) for a in latest.agreements] if latest is not None else []


def _agreements(case: Case, meetings: list[Meeting], today: dt.date) -> list[Flag]:
    """The open agreements, each as its latest MDO holds it (they carry over until done), that
    are overdue or due within DUE_SOON_DAYS: the same agreements the reminders mail about."""
    flags = []
    for latest, a in current_agreements(meetings):
        state = agreement_state(a.status, a.due, today)
        if state not in ("te laat", "binnenkort"):
            continue
        flags.append(Flag(
            "afspraak", case.id, latest.id,
            t("werklijst.reden_te_laat" if state == "te laat" else "werklijst.reden_binnenkort",
              date=texts.date_nl(a.due), who=_short(a.who, 40) or t("werklijst.niemand"),
              what=_short(a.what) or t("werklijst.zonder_tekst")),
            pages.for_step(8), a.due, "actie" if state == "te laat" else "let_op"))
    return flags


def _goals(case: Case, meetings: list[Meeting]) -> list[Flag]:
    """Goals off track (hgs.method.scores): two follow-ups without progress, or the latest
    follow-up score behind the straight line from start to target; and a falling T-score."""
    held = [m for m in meetings if m.cancelled is None]
    if not held:
        return []
    rows = scores.goal_rows([m.model_dump() for m in held])
    target_on = next((m.evaluation_date for m in reversed(held) if m.evaluation_date), None)
    latest = held[-1]
    flags = []
    for goal in latest.goals:
        if goal.dropped:
            continue
        points = [(r["date"], r["score"], r["meeting_id"]) for r in rows
                  if r["goal_id"] == goal.id and r["score"] is not None]
        if len(points) < 2:  # only the start score: nothing to judge yet
            continue
        values = [score for _, score, _ in points]
        words = _short(goal.text, 60) or t("werklijst.zonder_tekst")
        last_day, last, meeting_id = points[-1]
        if scores.stalled(values, goal.start, goal.target):
            reason = t("werklijst.reden_stilstand", goal=words,
                       scores=" → ".join(str(v) for v in values[-3:]))
        elif (expected := scores.behind_line(last, last_day, goal.start, goal.target,
                                             points[0][0], target_on)) is not None:
            reason = t("werklijst.reden_achter", goal=words, score=last,
                       expected=f"{expected:.0f}", date=texts.date_nl(last_day))
        else:
            continue
        flags.append(Flag("doel", case.id, meeting_id, reason, pages.PROGRESS, last_day,
                          "let_op"))
    follow_ups = [m for m in held if m.kind == "evaluatie"]
    t_of = scores.t_scores(rows)
    known = [(m, t_of[m.id]) for m in follow_ups if t_of.get(m.id) is not None]
    if scores.t_score_falling([value for _, value in known]):
        (_, before), (m, after) = known[-2], known[-1]
        flags.append(Flag("doel", case.id, m.id,
                          t("werklijst.reden_t_score", before=f"{before:.0f}",
                            after=f"{after:.0f}", date=texts.date_nl(m.date)),
                          pages.PROGRESS, m.date, "let_op"))
    return flags


def _consent(case: Case, meetings: list[Meeting], coming: list[Meeting],
             today: dt.date) -> list[Flag]:
    """At most one consent flag: withdrawn (while professionals from outside the school are at
    the table), else about to lapse (the child's age asks someone new by the next MDO or the
    evaluation date), else missing for a planned MDO (cycle.uncovered)."""
    current = coming[0] if coming else cycle.follows(meetings)
    if current is None:
        return []
    page = pages.PREPARATION
    outside = bool(cycle.outside_participants(current))
    if outside and cycle.consent_state(case, today) == "ingetrokken":
        withdrawn = max(c.withdrawn for c in case.consents if c.withdrawn is not None)
        return [Flag("toestemming", case.id, current.id,
                     t("werklijst.reden_ingetrokken", date=texts.date_nl(withdrawn)),
                     page, withdrawn, "actie")]
    given = {g for c in case.consents if c.in_force(today) for g in c.given_by}
    latest = cycle.follows(meetings)
    horizon = coming[0].date if coming else (
        latest.evaluation_date if latest and latest.evaluation_date
        and latest.evaluation_date >= today else None)
    need_now = cycle.required_givers(case.birth_year, today)
    if given and horizon is not None and need_now is not None and need_now <= given:
        missing = cycle.required_givers(case.birth_year, horizon) - given
        if missing:
            age = cycle.possible_ages(case.birth_year, horizon)[1]
            return [Flag("toestemming", case.id, current.id,
                         t("werklijst.reden_verloopt", first_name=case.first_name, age=age,
                           date=texts.date_nl(horizon),
                           who=t("consent.and").join(t(f"consent.who_{g}")
                                                     for g in cycle.GIVERS if g in missing)),
                         page, horizon, "let_op")]
    if coming and (people := cycle.uncovered(case, coming[0])):
        key = ("werklijst.reden_geen_geboortejaar" if case.birth_year is None
               else "werklijst.reden_ontbreekt")
        return [Flag("toestemming", case.id, coming[0].id,
                     t(key, date=texts.date_nl(coming[0].date),
                       names=_short(", ".join(p.name for p in people), 80)),
                     page, coming[0].date, "actie")]
    return []


def flags(case: Case, meetings: Sequence[Meeting], today: dt.date) -> list[Flag]:
    """Everything the werklijst says about one case (its MDOs oldest first), most urgent
    first; nothing for a closed case."""
    if case.status == "afgesloten":
        return []
    meetings = sorted(meetings, key=lambda m: (m.date, m.id))
    coming = planned(meetings, today)
    found = [*_consent(case, meetings, coming, today), *_agreements(case, meetings, today),
             *_evaluation(case, meetings, today), *_goals(case, meetings),
             *_invitations(case, coming), *_next_mdo(case, coming)]
    return ordered(found)


def worklist(cases: Iterable[Case], meetings: Mapping[str, Sequence[Meeting]],
             today: dt.date) -> list[Flag]:
    """The flags of every case, each case's MDOs from `meetings` (case id -> MDOs)."""
    return ordered(f for case in cases for f in flags(case, meetings.get(case.id, ()), today))


# -- sorting and filtering -----------------------------------------------------------------------
SORTS = ("urgentie", "datum", "soort")


def ordered(found: Iterable[Flag], by: str = "urgentie") -> list[Flag]:
    """Flags by urgency (then date), by date, or by kind (then urgency); a flag without a date
    after the dated ones."""
    def key(f: Flag) -> tuple:
        day = f.due or dt.date.max
        severity, kind = SEVERITIES.index(f.severity), KINDS.index(f.kind)
        return {"urgentie": (severity, day, kind), "datum": (day, severity, kind),
                "soort": (kind, severity, day)}[by]
    return sorted(found, key=key)


def of_kinds(found: Iterable[Flag], kinds: Iterable[str]) -> list[Flag]:
    """Only the flags of these kinds (none chosen: all of them)."""
    chosen = set(kinds)
    return [f for f in found if not chosen or f.kind in chosen]


def counts(found: Iterable[Flag]) -> dict[str, int]:
    """How many flags of each kind, in the order of KINDS (kinds without flags left out)."""
    tally = {kind: 0 for kind in KINDS}
    for f in found:
        tally[f.kind] += 1
    return {kind: n for kind, n in tally.items() if n}
