"""The 7 principles: numbered 1–7 as before, their names in the session's language, read like
the dict they replace (by the Reflectie page, the reflection files and the network's table)."""

import pytest

from hgs import i18n
from hgs.method.checks import PRINCIPLES
from hgs.store.reflections import Reflection

DUTCH = {
    1: "Doelgericht werken en evalueren",
    2: "Onderwijs- en opvoedbehoeften van het kind",
    3: "Ondersteuningsbehoeften van leraren en ouders",
    4: "Wisselwerking en afstemming",
    5: "Positieve factoren benutten",
    6: "Samenwerking tussen ouders, leraren, kind, onderwijs en jeugdhulp",
    7: "Systematisch en transparant werken",
}
ENGLISH = {
    1: "Goal-oriented working and evaluating",
    2: "The child's educational and parenting needs",
    3: "The support needs of teachers and parents",
    4: "Interaction and alignment",
    5: "Using positive factors",
    6: "Cooperation between parents, teachers, child, school and youth care",
    7: "Working systematically and transparently",
}


@pytest.fixture(autouse=True)
def dutch_again():
    yield
    i18n.set_language("nl")


def test_dutch_by_default_word_for_word():
    assert dict(PRINCIPLES) == DUTCH
    assert PRINCIPLES[3] == "Ondersteuningsbehoeften van leraren en ouders"


def test_english_in_an_english_session():
    i18n.set_language("en")
    assert dict(PRINCIPLES.items()) == ENGLISH
    assert PRINCIPLES[5] == "Using positive factors"
    with i18n.using("nl"):  # a Dutch document inside an English session
        assert PRINCIPLES[5] == "Positieve factoren benutten"


def test_the_numbers_stay_the_keys_in_every_language():
    for lang in i18n.LANGUAGES:
        with i18n.using(lang):
            assert list(PRINCIPLES) == list(PRINCIPLES.keys()) == [1, 2, 3, 4, 5, 6, 7]
            assert len(PRINCIPLES) == 7 and 7 in PRINCIPLES
            assert 8 not in PRINCIPLES and "1" not in PRINCIPLES
            assert PRINCIPLES.get(8) is None
            with pytest.raises(KeyError):
                PRINCIPLES[0]


def test_a_reflection_keeps_its_principles_by_number_in_every_language():
    i18n.set_language("en")
    english = Reflection()
    i18n.set_language("nl")
    assert list(english.principles) == list(Reflection().principles) == [1, 2, 3, 4, 5, 6, 7]
    data = english.model_dump(mode="json")
    assert sorted(data["principles"]) == ["1", "2", "3", "4", "5", "6", "7"]


def test_the_networks_principle_table_follows_the_language(tmp_path):
    from hgs.analytics import toptips
    from tests.test_network import frames_of, make_network

    store, orgs = make_network(tmp_path, {"De Regenboog": 5})
    frames = frames_of(tmp_path, orgs)
    dutch = toptips.principle_figures(frames)
    i18n.set_language("en")
    english = toptips.principle_figures(frames)
    assert list(dutch["uitgangspunt"]) == [f"{n}. {name}" for n, name in DUTCH.items()]
    assert list(english["uitgangspunt"]) == [f"{n}. {name}" for n, name in ENGLISH.items()]
    assert dutch.drop(columns="uitgangspunt").equals(english.drop(columns="uitgangspunt"))
