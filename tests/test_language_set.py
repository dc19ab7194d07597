"""Groeitaal on how people really write: the evaluation set (tests/data/groeitaal_set.toml) gets
no false alarm on a needs phrasing and its labels are caught (bench/groeitaal.py prints the
figures); words in between, a diagnosis as a name, adults as people; the rule file's word groups."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from hgs import i18n
from hgs.errors import InvalidInput
from hgs.method.growth import KINDS, hints, load_rules, rules


def rules_of(text: str, path=None) -> list[str]:
    return [hint.rule for hint in hints(text, extra_rules_path=path)]


# -- the evaluation set: how people really write (tests/data/groeitaal_set.toml) -------------------
SET = tomllib.loads((Path(__file__).parent / "data" / "groeitaal_set.toml").read_text("utf-8"))
RECALL_FLOOR = 0.95  # measured 100 % (77/77) on the set; bench/groeitaal.py prints it


def test_the_set_is_big_enough_and_every_label_has_a_kind():
    assert len(SET["label"]) >= 60 and len(SET["need"]) >= 60
    assert {entry["kind"] for entry in SET["label"]} == set(KINDS)


def test_no_needs_phrasing_of_the_set_gets_a_hint():
    false_alarms = {entry["text"]: [h.phrase for h in hints(entry["text"])]
                    for entry in SET["need"]}
    assert {text: found for text, found in false_alarms.items() if found} == {}


def test_the_labelling_phrasings_of_the_set_are_caught():
    missed = [entry["text"] for entry in SET["label"] if not hints(entry["text"])]
    recall = 1 - len(missed) / len(SET["label"])
    assert recall >= RECALL_FLOOR, missed


@pytest.mark.parametrize("text,rule,phrase", [
    ("Blijft eigenlijk altijd zo ongelooflijk druk in de kring.", "eigenschap-druk",
     "Blijft eigenlijk altijd zo ongelooflijk druk"),
    ("Daan is echt ontzettend lui.", "eigenschap-is", "is echt ontzettend lui"),
    ("Die autist heeft gewoon strakke regels nodig.", "label-is-diagnose", "autist"),
    ("Moeder is overbezorgd.", "eigenschap-volwassene", "Moeder is overbezorgd"),
    ("Het is een zwakke leerkracht.", "eigenschap-volwassene", "zwakke leerkracht"),
    ("Vader is een probleemgeval.", "label-probleemkind", "probleemgeval"),
])
def test_words_in_between_a_diagnosis_as_a_name_and_adults_as_people(text, rule, phrase):
    assert [(h.rule, h.phrase) for h in hints(text)] == [(rule, phrase)]


def test_a_label_for_an_adult_gets_a_suggestion_for_that_adult_in_the_needs_form():
    found = hints("Moeder is overbezorgd.")[0]
    assert "ze heeft nodig" in found.suggestion
    assert "leerkracht heeft ondersteuning nodig" in found.suggestion
    with i18n.using("en"):
        assert "she needs us to tell her" in hints("Moeder is overbezorgd.")[0].suggestion


def test_every_built_in_suggestion_is_in_the_needs_form():
    for rule in rules():
        assert "nodig" in rule.suggestion or "lukt" in rule.suggestion, rule.id


def test_a_situation_word_with_what_helps_is_no_label():
    assert hints("Ouders hebben het erg druk, dus een belafspraak in de avond werkt het best.") == []
    assert rules_of("Ouders hebben het erg druk.") == ["schuld-ouders-druk"]
    assert hints("Is in de pauze erg druk, een rondje lopen helpt dan.") == []
    assert rules_of("Is in de pauze erg druk.") == ["eigenschap-druk"]



NETWORK_WORDS = """
[words]
subject = '''(?:hij|zij|ze)'''

[[rule]]
id = "netwerk-sloom"
kind = "eigenschap"
patterns = ['''\\b{subject}\\s+{be}{adv}sloom\\b''']
why = "Sloom is een oordeel."
suggestion = "Wat heeft hij nodig?"
"""


def test_a_networks_rule_may_use_the_built_in_word_groups_and_its_own(tmp_path):
    path = tmp_path / "netwerk.toml"
    path.write_text(NETWORK_WORDS, encoding="utf-8")
    found = hints("Ze is echt ontzettend sloom.", extra_rules_path=path)
    assert [(h.rule, h.phrase) for h in found] == [("netwerk-sloom", "Ze is echt ontzettend sloom")]
    assert hints("Ze is echt ontzettend sloom.") == []


def test_a_bad_word_group_is_refused_with_its_name_and_the_built_in_hints_go_on(tmp_path):
    path = tmp_path / "netwerk.toml"
    path.write_text("[words]\nadv = '(echt'\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"netwerk\.toml, \[words\] adv: de zoekregel"):
        load_rules(path)
    path.write_text("[words]\nadv = 3\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"\[words\]: adv is een tekst"):
        load_rules(path)
    assert rules_of("Hij is lui", path) == ["eigenschap-is"]
