"""Themes: whole clauses as written, names out, grouped by stems, only from enough cases (and the
older word groups, `phrases`)."""

from hgs.analytics import themes


def test_phrases_start_and_end_with_content_words():
    found = themes.phrases("Ouders hadden hun vragen vooraf gestuurd, zo kwamen we snel bij de "
                           "kern.")
    assert "vragen vooraf gestuurd" in found and "snel bij de kern" in found
    assert not any(p.startswith(("de ", "bij ")) or p.endswith(" de") for p in found)


def test_a_name_breaks_a_phrase_and_never_appears():
    found = themes.phrases("Fijn dat joris zelf vertelde", drop=frozenset({"joris"}))
    assert not any("joris" in p for p in found)


# -- themes: whole clauses, grouped by meaning -------------------------------------------------
CLEAR = ["Duidelijke afspraken gemaakt.", "De afspraken waren duidelijk", "Heel duidelijke "
         "afspraken!", "Duidelijke afspraak: iedereen weet wat hij doet", "Sem: duidelijke "
         "afspraken gemaakt", "Fijn, duidelijke afspraken"]
QUESTIONS = ["Vragen vooraf sturen", "Ouders hadden de vragen vooraf gestuurd",
             "Graag de vraag vooraf sturen", "Vragen vooraf gestuurd, dat scheelde tijd",
             "De vragen vooraf sturen", "Vraag vooraf versturen"]
BUDDY = ["Een maatje bij het buitenspelen"] * 4  # four cases: too few to show
DETAIL = "Duidelijke afspraken gemaakt met juf Anke over de toets van groep 7 van Sem"


def hand_written() -> list[tuple[int, int, str]]:
    """(position, case, text): case numbers from 1, a few cases writing twice."""
    texts = [*CLEAR, *QUESTIONS, *BUDDY, DETAIL, "Duidelijke afspraken gemaakt"]
    cases = [*range(1, 7), *range(1, 7), *range(7, 11), 11, 1]
    return list(zip(range(len(texts)), cases, texts))


def test_same_meaning_in_other_word_forms_is_one_theme_with_its_cases():
    found = {theme.label: theme for theme in themes.group(hand_written(), frozenset({"sem"}))}
    # afspraak/afspraken, vraag/vragen, sturen/gestuurd/versturen: two themes, each labelled
    # with a clause of its own (not one with "gemaakt", which only 2 cases wrote)
    assert len(found) == 2, list(found)
    clear, questions = found.values()
    assert clear.label in CLEAR[1:4] + ["Fijn, duidelijke afspraken"], clear.label
    assert questions.label == "Vragen vooraf sturen"
    assert clear.cases == 6 and set(clear.texts) == {0, 1, 2, 3, 4, 5, 17}
    assert questions.cases == 6 and set(questions.texts) == {6, 7, 8, 9, 10, 11}


def test_a_theme_of_fewer_than_5_cases_is_not_shown():
    items = hand_written()
    assert not any("maatje" in t.label.lower() for t in themes.group(items))
    more = [*items, (99, 12, "Een maatje nodig bij het buitenspelen")]
    assert any(t.label == "Een maatje bij het buitenspelen" and t.cases == 5
               for t in themes.group(more))


def test_labels_are_whole_clauses_someone_wrote_without_names_or_one_case_details():
    items = hand_written()
    written = {c.lower() for _, _, text in items for c in themes.clauses(text, {"sem"})}
    for theme in themes.group(items, frozenset({"sem"})):
        assert all(part.lower() in written for part in theme.label.split("; "))
        assert "sem" not in theme.label.lower() and "anke" not in theme.label.lower()
    # five cases each writing their own detail after the shared words: the theme is shown with
    # a clause every content word of which five cases used: here there is none, so not at all
    own = [(i, i, f"Duidelijke afspraken gemaakt over {word}")
           for i, word in enumerate(("rekenen", "taal", "pauzes", "gym", "huiswerk"))]
    labels = [t.label for t in themes.group(own)]
    assert labels == []


def test_clauses_end_at_sentences_not_at_commas_and_names_become_naam():
    assert themes.clauses("Joris heeft korte opdrachten nodig, met beweging tussendoor. Fijn!",
                          frozenset({"joris"})) == [
        "[naam] heeft korte opdrachten nodig, met beweging tussendoor", "Fijn"]
