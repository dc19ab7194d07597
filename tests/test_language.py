"""Groeitaal hints: the seed's Joost is flagged toward Joris, Joris and needs phrasing are not;
goal and strength hints; a network's own rule file extends and overrides the built-in one."""

from __future__ import annotations

import datetime as dt

import pytest

from hgs.language import Hint, goal_hints, hints, overview_hints, rules
from hgs.model import Goal, Meeting, Need, OverviewItem

JOOST = ("Joost heeft ADHD, is hyperactief, heeft ODD, gaat discussies aan, spreekt tegen, pikt "
         "instructies onvoldoende op, ruzies in pauzes en op de gang. Ouders zijn erg druk, "
         "komen zelden op besprekingen op school.")
JORIS = ("Joris is een energieke, enthousiaste jongen, heeft behoefte aan autonomie, heeft een "
         "leerkracht nodig die gedragsregels consequent toepast, korte taken, beweging "
         "tussendoor, toezicht in de pauze. Beide ouders werken, hebben een herinnering nodig, "
         "dan komen ze op afspraken op school.")


def rules_of(text: str) -> list[str]:
    return [hint.rule for hint in hints(text)]


def test_joost_gets_a_hint_for_each_label_and_each_blame():
    found = hints(JOOST)
    assert [h.phrase for h in found] == ["heeft ADHD", "is hyperactief", "heeft ODD",
                                         "Ouders zijn erg druk", "komen zelden"]
    assert {h.kind for h in found} == {"label", "eigenschap", "schuld"}
    assert all(isinstance(h, Hint) and h.why and h.suggestion for h in found)


def test_joost_hints_lead_toward_the_joris_description():
    found = {h.phrase: h for h in hints(JOOST)}
    # every suggestion speaks in needs ...
    assert all("nodig" in h.suggestion or "lukt" in h.suggestion for h in found.values())
    # ... and the ones for the labels and the parents say what Joris's description says
    assert "energieke jongen" in found["heeft ADHD"].suggestion
    assert "herinnering nodig" in found["Ouders zijn erg druk"].suggestion
    assert "herinnering" in found["komen zelden"].suggestion


def test_joris_gets_no_hint():
    assert hints(JORIS) == []


def test_a_hint_cannot_be_mutated():
    hint = hints("is lui")[0]
    with pytest.raises(AttributeError):
        hint.phrase = "anders"  # type: ignore[misc]


FLAGGED = [
    # diagnoses as identity
    ("Hij is een ADHD'er.", "label-is-diagnose"),
    ("Sanne is autist", "label-is-diagnose"),
    ("Tim is autistisch en loopt vast in de klas", "label-is-diagnose"),
    ("De ADHD-er van groep 5 loopt weer rond", "label-is-diagnose"),
    ("Mees heeft ODD", "label-heeft-diagnose"),
    ("Lotte heeft waarschijnlijk autisme", "label-heeft-diagnose"),
    ("zij heeft een hechtingsstoornis", "label-heeft-diagnose"),
    ("Hij is echt een probleemkind", "label-probleemkind"),
    ("Het is een moeilijk kind", "label-probleemkind"),
    # fixed traits
    ("Joost is lui", "eigenschap-is"),
    ("Hij is erg agressief naar klasgenoten", "eigenschap-is"),
    ("ze was brutaal tegen de juf", "eigenschap-is"),
    ("Een ongemotiveerde leerling", "eigenschap-bijvoeglijk"),
    ("Hij lijkt ongemotiveerd", "eigenschap-is"),
    ("Hij is totaal niet gemotiveerd", "eigenschap-bijvoeglijk"),
    ("een agressieve jongen", "eigenschap-bijvoeglijk"),
    ("Bram is nou eenmaal koppig", "eigenschap-is"),
    # blame
    ("De ouders werken niet mee", "schuld-werken-niet-mee"),
    ("Moeder wil niet meewerken", "schuld-werken-niet-mee"),
    ("Ouders komen nooit op gesprekken", "schuld-komen-niet"),
    ("vader komt niet op de afspraken", "schuld-komen-niet"),
    ("Ouders hebben het altijd te druk", "schuld-ouders-druk"),
    ("Het ligt allemaal aan de thuissituatie", "schuld-werken-niet-mee"),
    ("De school doet niets", "schuld-werken-niet-mee"),
    ("Ouders laten het afweten", "schuld-komen-niet"),
    # always / never
    ("Hij luistert nooit", "generalisatie-nooit"),
    ("Maakt altijd ruzie in de pauze", "generalisatie-altijd"),
    ("Ze is steeds te laat", "generalisatie-altijd"),
    ("Hij zit constant aan het kletsen", "generalisatie-altijd"),
]


@pytest.mark.parametrize("text,rule", FLAGGED, ids=[t for t, _ in FLAGGED])
def test_labels_traits_blame_and_generalisations_are_flagged(text, rule):
    assert rule in rules_of(text)


LEFT_ALONE = [
    "heeft rust nodig",
    "is energiek",
    "ADHD is vastgesteld; Joris heeft korte taken nodig",
    "Joris heeft ADHD-medicatie nodig bij het eten",
    "Joris heeft autisme en heeft daarom duidelijkheid nodig",
    "Joris heeft behoefte aan een vaste plek, want ADHD is vastgesteld",
    "Het lukt Joris beter als de taak kort is",
    "Joris is een vrolijke jongen en helpt graag",
    "Joris is altijd vrolijk",
    "Joris vraagt altijd hulp als hij vastzit",
    "Joris geeft nooit op",
    "Joris vergeet nooit zijn gymtas",
    "Het is druk in de klas na de pauze",
    "Het is lastig om een tijd te vinden",
    "Rekenen is moeilijk voor Joris",
    "Beide ouders werken; ze hebben een herinnering nodig",
    "Ouders zijn betrokken en komen op afspraken",
    "Joris werkt mee in de groep",
    "Joris komt graag naar school",
    "Joris is nieuwsgierig en leert snel",
    "Joris komt moeilijk tot rust",
    "De leerkracht geeft korte instructie, dan lukt het",
    "Laat Joris nooit alleen op het plein: hij heeft toezicht nodig",
    "",
]


@pytest.mark.parametrize("text", LEFT_ALONE, ids=[t or "leeg" for t in LEFT_ALONE])
def test_needs_and_neutral_phrasing_is_left_alone(text):
    assert hints(text) == []


def test_the_needs_form_spares_a_diagnosis_only_in_its_own_sentence():
    assert rules_of("Joris heeft ADHD. Hij heeft korte taken nodig.") == ["label-heeft-diagnose"]
    assert rules_of("Joris heeft ADHD en heeft korte taken nodig.") == []


def test_hints_come_in_the_order_of_the_text_and_never_twice_for_the_same_words():
    found = hints("Ouders komen nooit. Hij is altijd brutaal en heeft ODD.")
    assert [h.phrase for h in found] == ["komen nooit", "is altijd brutaal", "heeft ODD"]


def test_every_built_in_rule_has_a_kind_a_reason_and_a_suggestion_in_dutch():
    built_in = rules()
    assert len(built_in) >= 8
    for rule in built_in:
        assert rule.kind in ("label", "eigenschap", "schuld", "generalisatie")
        assert rule.why and rule.suggestion and rule.patterns


# -- a network's own rule file ---------------------------------------------------------------------
NETWORK_RULES = """
[[rule]]
id = "netwerk-rugzak"
kind = "label"
patterns = ['''\\bzorgleerling(?:en)?\\b''']
why = "In ons netwerk spreken we niet over zorgleerlingen."
suggestion = "Noem wat de leerling nodig heeft."

[[rule]]
id = "generalisatie-nooit"
enabled = false
"""


def test_a_networks_rule_file_adds_rules_and_switches_rules_off(tmp_path):
    path = tmp_path / "netwerk.toml"
    path.write_text(NETWORK_RULES, encoding="utf-8")
    text = "Tim is een zorgleerling en luistert nooit."
    assert rules_of(text) == ["generalisatie-nooit"]
    found = hints(text, extra_rules_path=path)
    assert [(h.rule, h.phrase) for h in found] == [("netwerk-rugzak", "zorgleerling")]
    assert found[0].why == "In ons netwerk spreken we niet over zorgleerlingen."


def test_the_environment_names_the_networks_file_read_at_call_time(tmp_path, monkeypatch):
    path = tmp_path / "netwerk.toml"
    path.write_text(NETWORK_RULES, encoding="utf-8")
    monkeypatch.setenv("HGS_GROEITAAL", str(path))
    assert rules_of("een zorgleerling") == ["netwerk-rugzak"]
    # an edit of the file counts at the next call
    path.write_text(NETWORK_RULES.replace("zorgleerling(?:en)?", "zorgkind"), encoding="utf-8")
    assert rules_of("een zorgleerling") == []
    assert rules_of("een zorgkind") == ["netwerk-rugzak"]
    monkeypatch.delenv("HGS_GROEITAAL")
    assert rules_of("een zorgkind") == []


def rules_of_with(path, text):
    return [hint.rule for hint in hints(text, extra_rules_path=path)]


def test_a_broken_network_file_never_stops_the_built_in_hints(tmp_path):
    path = tmp_path / "kapot.toml"
    path.write_text("[[rule]]\nid = 'x'\npatterns = ['(']\nwhy = 'a'\nsuggestion = 'b'\n",
                    encoding="utf-8")
    assert rules_of_with(path, "Hij is lui") == ["eigenschap-is"]
    assert rules_of_with(tmp_path / "bestaat-niet.toml", "Hij is lui") == ["eigenschap-is"]



# -- goals and strengths ---------------------------------------------------------------------------
def test_a_goal_without_observable_or_scale_gets_a_hint_each():
    goal = Goal(area="kind", text="Joris werkt zelfstandig")
    assert [h.rule for h in goal_hints(goal)] == ["doel-waarneembaar", "doel-schaal"]
    assert all(h.area == "kind" and "zien" in goal_hints(goal)[0].suggestion
               for h in goal_hints(goal))


def test_an_observable_scaled_goal_gets_none_and_equal_start_and_target_gets_one():
    goal = Goal(area="kind", text="Joris werkt zelfstandig",
                observable="Joris werkt 10 minuten zonder hulp aan een taak", start=3, target=7)
    assert goal_hints(goal) == []
    assert [h.rule for h in goal_hints(goal.model_copy(update={"target": 3}))] == ["doel-schaal"]
    assert goal_hints(goal.model_copy(update={"start": None, "dropped": True})) == []
    assert goal_hints(Goal(area="kind")) == []  # nothing typed yet


def meeting_with(*items: OverviewItem, needs: tuple[Need, ...] = ()) -> Meeting:
    return Meeting(case_id="c1", date=dt.date(2026, 3, 2), overview=list(items), needs=list(needs))


def test_an_area_with_only_worries_gets_a_strength_hint():
    meeting = meeting_with(OverviewItem(area="kind", sign="min", text="Ruzie in de pauze"),
                           OverviewItem(area="onderwijs", sign="plus", text="Juf is geduldig"),
                           OverviewItem(area="onderwijs", sign="min", text="Lange instructie"))
    found = overview_hints(meeting)
    assert [(h.rule, h.area) for h in found] == [("sterkte-gebied", "kind")]
    assert "sterke kant" in found[0].suggestion


def test_needs_without_a_single_strength_get_a_hint():
    meeting = meeting_with(needs=(Need(category="een leraar die", text="regels consequent"),))
    assert [h.rule for h in overview_hints(meeting)] == ["sterkte-behoeften"]
    meeting = meeting_with(OverviewItem(area="opvoeding", sign="plus", text="Leest voor"),
                           needs=(Need(category="een leraar die", text="regels consequent"),))
    assert overview_hints(meeting) == []
