"""Recurring phrases: stop words and names out, counted per case, only from enough cases."""

from hgs.analytics import themes


def test_phrases_start_and_end_with_content_words():
    found = themes.phrases("Ouders hadden hun vragen vooraf gestuurd, zo kwamen we snel bij de "
                           "kern.")
    assert "vragen vooraf gestuurd" in found and "snel bij de kern" in found
    assert not any(p.startswith(("de ", "bij ")) or p.endswith(" de") for p in found)


def test_a_name_breaks_a_phrase_and_never_appears():
    found = themes.phrases("Fijn dat joris zelf vertelde", drop=frozenset({"joris"}))
    assert not any("joris" in p for p in found)


def test_recurring_needs_enough_cases_and_counts_cases_not_texts():
    texts = [(1, "duidelijke afspraken"), (1, "duidelijke afspraken"), (2, "duidelijke afspraken"),
             (3, "duidelijke afspraken gemaakt"), (4, "korte lijnen")]
    assert themes.recurring(texts, min_cases=3) == [("duidelijke afspraken", 3)]
    assert themes.recurring(texts, min_cases=4) == []
