"""The cirkelgesprek of step 2: what the child says about Thuis, Kind and School, each with what
goes well (+), what does not (−), what it wonders (?) and what it wants and needs ("doel & wat
nodig"), in its own words. Grouped here the one way the step page, Presentatie, the verslag and
the flap show it; whether it counts as the child's voice is `checks.child_spoke`."""

from __future__ import annotations

from typing import get_args

from hgs.method.checks import child_spoke
from hgs.method.records import Circle, CircleItem, CircleSign, Meeting

CIRCLES: tuple[str, ...] = get_args(Circle)  # thuis, kind, school: left to right
SIGNS: tuple[str, ...] = get_args(CircleSign)  # plus, min, vraag, doel: top to bottom
MARKS = {"plus": "+", "min": "−", "vraag": "?", "doel": "★"}  # drawn before each item


def grouped(meeting: Meeting) -> dict[str, dict[str, list[CircleItem]]]:
    """The items that say something, per circle and per sign, in the order they were added."""
    out: dict[str, dict[str, list[CircleItem]]] = {c: {s: [] for s in SIGNS} for c in CIRCLES}
    for item in meeting.circles:
        if item.text.strip():
            out[item.circle][item.sign].append(item)
    return out


def heard(meeting: Meeting) -> bool:
    """Did the child speak for itself in this meeting's cirkelgesprek (or its essence)?"""
    return child_spoke(meeting.circle_essence, [item.text for item in meeting.circles])
