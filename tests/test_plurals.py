"""A count in a sentence takes the form its language's plural rules ask for (Babel/CLDR), in
Dutch and English: "1 MDO" / "3 MDO's", "1 van de 3 doelen … is bereikt", never "MDO('s)"."""

import re
from pathlib import Path

import numpy as np
import pytest

from hgs import i18n
from hgs.i18n import tn
from hgs.method import checks
from hgs.store.backup.checking import BackupCheck

# "MDO('s)", "bestand(en)", "casus(sen)", "map(pen)", "kopie(ën)", "file(s)", "cop(y/ies)"
HEDGED = re.compile(r"\w\((?:'s|s|en|n|sen|pen|ën|es|y/ies)\)")


@pytest.fixture(autouse=True)
def dutch_again():
    yield
    i18n.set_language("nl")


@pytest.mark.parametrize("lang", sorted(i18n.LANGUAGES))
def test_no_catalogue_string_hedges_a_plural(lang):
    hedged = {k: v for k, v in i18n.catalogue(lang).items() if HEDGED.search(v)}
    assert hedged == {}


def test_the_forms_follow_the_rules_of_each_language():
    assert [tn("plural.mdos", n) for n in (0, 1, 2)] == ["0 MDO's", "1 MDO", "2 MDO's"]
    assert tn("plural.mdos", 1250) == "1.250 MDO's"  # and the number reads as Dutch
    assert tn("plural.mdos", np.int64(1)) == "1 MDO"  # a count pandas made
    i18n.set_language("en")
    assert [tn("plural.mdos", n) for n in (0, 1, 2)] == ["0 MDOs", "1 MDO", "2 MDOs"]
    assert tn("plural.mdos", 1250) == "1,250 MDOs"
    assert tn("no.such.key", 3) == "no.such.key"  # visible, not a crash


def attained(reached: int, scored: int) -> str:
    return tn("verslag.kort", reached, goals=tn("verslag.van_doelen", scored), t_score="50")


def test_the_verslag_says_how_many_goals_were_reached_in_grammar():
    assert attained(1, 3).startswith("1 van de 3 doelen met een score is bereikt;")
    assert attained(2, 3).startswith("2 van de 3 doelen met een score zijn bereikt;")
    assert attained(0, 3).startswith("Geen van de 3 doelen met een score is bereikt;")
    assert attained(1, 1).startswith("1 van 1 doel met een score is bereikt;")
    i18n.set_language("en")
    assert attained(1, 3).startswith("1 of the 3 goals with a score has been reached;")
    assert attained(2, 3).startswith("2 of the 3 goals with a score have been reached;")
    assert attained(0, 1).startswith("None of 1 goal with a score has been reached;")


def test_a_backup_summary_counts_cases_and_meetings_each_in_its_own_form():
    one = BackupCheck(source=Path("."), organisations=1, cases=1, meetings=1, reflections=1)
    assert one.summary() == "1 organisatie, 1 casus met 1 MDO, 1 reflectie"
    many = BackupCheck(source=Path("."), organisations=3, cases=40, meetings=200)
    assert many.summary() == "3 organisaties, 40 casussen met 200 MDO's"
    with i18n.using("en"):
        assert one.summary() == "1 organisation, 1 case with 1 MDO, 1 reflection"
        assert many.summary() == "3 organisations, 40 cases with 200 MDOs"


def test_the_method_checks_speak_of_one_goal_or_agreement_as_one():
    one_goal = checks.MeetingFacts(goals=("Daan leest",), open_goals=("Daan leest",))
    two = checks.MeetingFacts(goals=("a", "b"), open_goals=("a", "b"))
    assert checks._goals(one_goal).message.startswith("Maak dit doel nog waarneembaar")
    assert checks._goals(two).message.startswith("Maak deze doelen nog waarneembaar")
    single = checks.MeetingFacts(agreements=1, open_agreements=1)
    assert checks._agreements(single).message.startswith("Bij de afspraak staat nog niet wie")
    several = checks.MeetingFacts(agreements=4, open_agreements=2)
    assert checks._agreements(several).message.startswith("Bij 2 van de 4 afspraken staat")
    assert "1 deelnemer," in checks._core_table(checks.MeetingFacts(present=1), 8).message
