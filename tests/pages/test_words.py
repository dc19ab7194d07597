"""The headings of steps 5 and 6 read as Dutch (and English): "Wat Joris nodig heeft" above the
categories, not "Joris heeft nodig: een leraar die …"."""

from streamlit.testing.v1 import AppTest

from hgs import pages


def step(case, meeting, number: int, lang: str = "nl") -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"], at.session_state["active_meeting"] = case.id, meeting.id
    at.session_state["ui-language"] = lang
    at.run()
    at.switch_page(pages.STEP_PAGES[number - 1].path).run()
    assert not at.exception, at.exception
    return at


def test_step_5_says_what_the_child_needs_once_with_the_categories_below(data):
    _, case, meeting = data
    at = step(case, meeting, 5)
    assert [s.value for s in at.subheader] == ["Wat Joris nodig heeft"]
    assert "**Een leraar die …**" in [m.value for m in at.markdown]
    assert not any("heeft nodig:" in m.value for m in [*at.markdown, *at.subheader])


def test_step_6_says_what_the_adults_need_as_a_sentence(data):
    _, case, meeting = data
    assert [s.value for s in step(case, meeting, 6).subheader] == [
        "Wat leraar en school nodig hebben", "Wat ouders nodig hebben"]
    assert [s.value for s in step(case, meeting, 6, "en").subheader] == [
        "What teacher and school need", "What parents need"]


def test_the_target_has_one_word_on_screen_in_the_verslag_and_in_the_charts():
    from hgs import i18n
    from hgs.i18n import t

    for lang, word in (("nl", "streefscore"), ("en", "target")):
        with i18n.using(lang):
            assert t("step4.doel_010").lower().startswith(word)  # the column at step 4
            assert t("verslag.streven").lower() == word  # the verslag's column
            assert t("charts.doel", value=7).startswith(word)  # the chart's label
            assert word in t("verslag.schaal") and word in t("method.goals_ok")
    assert not [k for k, v in i18n.catalogue("nl").items() if "Streven" in v or "Doel (0" in v]
