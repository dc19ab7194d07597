"""Groeitaal hints: the seed's Joost is flagged toward Joris, Joris and needs phrasing are not;
goal and strength hints; a network's own rule file extends and overrides the built-in one; the
rules match Dutch, the explanation follows the session's language."""

from __future__ import annotations

import datetime as dt

import pytest

from hgs import i18n
from hgs.errors import InvalidInput
from hgs.method.growth import Hint, goal_hints, hints, load_rules, overview_hints, rules
from hgs.method.records import Goal, Meeting, Need, OverviewItem

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
patterns = ['''\\barrangementleerling(?:en)?\\b''']
why = "In ons netwerk spreken we niet over arrangementleerlingen."
suggestion = "Noem wat de leerling nodig heeft."

[[rule]]
id = "generalisatie-nooit"
enabled = false
"""


def test_a_networks_rule_file_adds_rules_and_switches_rules_off(tmp_path):
    path = tmp_path / "netwerk.toml"
    path.write_text(NETWORK_RULES, encoding="utf-8")
    text = "Tim is een arrangementleerling en luistert nooit."
    assert rules_of(text) == ["generalisatie-nooit"]
    found = hints(text, extra_rules_path=path)
    assert [(h.rule, h.phrase) for h in found] == [("netwerk-rugzak", "arrangementleerling")]
    assert found[0].why == "In ons netwerk spreken we niet over arrangementleerlingen."


def test_the_environment_names_the_networks_file_read_at_call_time(tmp_path, monkeypatch):
    path = tmp_path / "netwerk.toml"
    path.write_text(NETWORK_RULES, encoding="utf-8")
    monkeypatch.setenv("HGS_GROEITAAL", str(path))
    assert rules_of("een arrangementleerling") == ["netwerk-rugzak"]
    # an edit of the file counts at the next call
    path.write_text(NETWORK_RULES.replace("arrangementleerling(?:en)?", "zorgkind"), encoding="utf-8")
    assert rules_of("een arrangementleerling") == []
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


# -- the explanation in the session's language -----------------------------------------------------
def test_joost_in_an_english_session_gets_english_reasons_and_dutch_examples():
    with i18n.using("en"):
        found = {h.phrase: h for h in hints(JOOST)}
    # the same Dutch words are found ...
    assert list(found) == ["heeft ADHD", "is hyperactief", "heeft ODD", "Ouders zijn erg druk",
                           "komen zelden"]
    # ... and explained in English, with the Dutch needs phrasing quoted and translated
    assert found["heeft ADHD"].why.startswith("A diagnosis as a property of the child")
    assert found["heeft ADHD"].suggestion == (
        "Describe what you see and what the child needs, e.g. “is een energieke jongen, heeft "
        "korte taken en beweging tussendoor nodig” (is an energetic boy, needs short tasks and "
        "movement in between).")
    assert "reproach to the parents" in found["Ouders zijn erg druk"].why
    assert "herinnering nodig" in found["Ouders zijn erg druk"].suggestion
    assert "need a reminder" in found["komen zelden"].suggestion
    assert all("Beschrijf" not in h.suggestion and " het kind " not in h.why
               for h in found.values())


def test_the_dutch_explanation_is_unchanged_in_a_dutch_session():
    with i18n.using("en"):
        hints(JOOST)  # an English session before does not leak
    first = hints(JOOST)[0]
    assert first.why == ("Een diagnose als eigenschap van het kind (“heeft ADHD”) zegt weinig "
                         "over wat dit kind nodig heeft, en het kind wordt zijn label.")
    assert first.suggestion == ("Beschrijf wat je ziet en wat het kind nodig heeft, bijvoorbeeld "
                                "“is een energieke jongen, heeft korte taken en beweging "
                                "tussendoor nodig”.")


def test_every_built_in_rule_explains_itself_in_english_too():
    for rule in rules():
        assert rule.why_en and rule.suggestion_en, rule.id
        assert rule.why_en != rule.why and rule.suggestion_en != rule.suggestion, rule.id
        with i18n.using("en"):
            assert rule.explained() == (rule.why_en, rule.suggestion_en)
        with i18n.using("nl"):
            assert rule.explained() == (rule.why, rule.suggestion)


ENGLISH_NETWORK_RULE = """
[[rule]]
id = "netwerk-zorgkind"
kind = "label"
patterns = ['''\\bzorgkind(?:eren)?\\b''']
why = "In ons netwerk spreken we niet over zorgkinderen."
suggestion = "Noem wat het kind nodig heeft."
why_en = "In our network we do not speak of problem children."
"""


def test_a_network_rule_without_english_falls_back_to_dutch(tmp_path):
    path = tmp_path / "netwerk.toml"
    path.write_text(NETWORK_RULES + ENGLISH_NETWORK_RULE, encoding="utf-8")
    with i18n.using("en"):
        found = {h.rule: h for h in hints("Een arrangementleerling, een zorgkind", extra_rules_path=path)}
    assert found["netwerk-rugzak"].why == "In ons netwerk spreken we niet over arrangementleerlingen."
    assert found["netwerk-rugzak"].suggestion == "Noem wat de leerling nodig heeft."
    # only why_en given: the English reason, the Dutch suggestion
    assert found["netwerk-zorgkind"].why == "In our network we do not speak of problem children."
    assert found["netwerk-zorgkind"].suggestion == "Noem wat het kind nodig heeft."
    dutch = {h.rule: h for h in hints("Een zorgkind", extra_rules_path=path)}
    assert dutch["netwerk-zorgkind"].why == "In ons netwerk spreken we niet over zorgkinderen."


def test_a_network_rule_overriding_a_built_in_one_does_not_borrow_its_english(tmp_path):
    path = tmp_path / "netwerk.toml"
    path.write_text("[[rule]]\nid = 'eigenschap-is'\npatterns = ['\\bis lui\\b']\n"
                    "why = 'Eigen reden.'\nsuggestion = 'Eigen tip.'\n", encoding="utf-8")
    with i18n.using("en"):
        found = hints("Hij is lui", extra_rules_path=path)
    assert [(h.rule, h.why, h.suggestion) for h in found] == [
        ("eigenschap-is", "Eigen reden.", "Eigen tip.")]


@pytest.mark.parametrize("line", ['why_en = ""', 'suggestion_en = "  "', "why_en = 3"])
def test_an_empty_or_odd_english_text_is_refused_like_the_rest(tmp_path, line):
    path = tmp_path / "netwerk.toml"
    path.write_text(ENGLISH_NETWORK_RULE.replace(
        'why_en = "In our network we do not speak of problem children."', line), encoding="utf-8")
    with pytest.raises(InvalidInput, match="netwerk.toml, regel netwerk-zorgkind: .*_en is een "
                                           "tekst"):
        load_rules(path)
    with i18n.using("en"), pytest.raises(InvalidInput, match="rule netwerk-zorgkind: .*_en is a "
                                                              "text"):
        load_rules(path)
    # the broken file is skipped, the built-in rules keep working
    assert [h.rule for h in hints("Hij is lui, een zorgkind", extra_rules_path=path)] == [
        "eigenschap-is"]


def test_a_rule_file_error_follows_the_language(tmp_path):
    path = tmp_path / "kapot.toml"
    path.write_text("[[rule]]\nid = 'x'\npatterns = ['(']\nwhy = 'a'\nsuggestion = 'b'\n",
                    encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"^kapot\.toml, regel x: de zoekregel '\(' klopt niet"):
        load_rules(path)
    with i18n.using("en"):
        with pytest.raises(InvalidInput, match=r"^kapot\.toml, rule x: the pattern '\(' is not"):
            load_rules(path)
        path.write_text("[[rule]]\nid = 'y'\n", encoding="utf-8")
        with pytest.raises(InvalidInput, match="patterns, why and suggestion are required"):
            load_rules(path)
        with pytest.raises(InvalidInput, match="cannot be read"):
            load_rules(tmp_path / "bestaat-niet.toml")


def test_goal_and_strength_hints_in_english():
    goal = Goal(area="kind", text="Joris werkt zelfstandig")
    meeting = meeting_with(OverviewItem(area="kind", sign="min", text="Ruzie in de pauze"),
                           needs=(Need(category="een leraar die", text="regels consequent"),))
    with i18n.using("en"):
        observable, scale = goal_hints(goal)
        area, needs = overview_hints(meeting)
        step = goal_hints(goal.model_copy(update={"observable": "x", "start": 3, "target": 3}))
    assert observable.why.startswith("This goal does not yet say what we see or hear")
    assert "what do we then see and hear?" in observable.suggestion
    assert scale.suggestion == ("Give a start (where are we now, 0–10) and a target (where do we "
                                "want to get to, 0–10).")
    assert step[0].why == "Start and target are the same: no step has been planned yet."
    assert (area.phrase, area.why) == (
        "the child", "For the child there are worries or questions, but no strength yet.")
    assert needs.phrase == "educational and parenting needs" and "+ Going well" in needs.suggestion
    # and in Dutch, word for word as before
    area, needs = overview_hints(meeting)
    assert area.why == "Bij het kind staan zorgen of vragen, maar nog geen sterke kant."
    assert needs.phrase == "onderwijs- en opvoedbehoeften"
    assert "“+ Gaat goed”" in needs.suggestion
    assert goal_hints(goal)[1].suggestion == ("Geef een start (waar staan we nu, 0–10) en een "
                                              "streefscore (waar willen we uitkomen, 0–10).")
