"""The Reflectie page in AppTest: a professional fills in the reflectieschema (feed up, feedback,
feed forward) and a plan, puts in a photo of the drawn plan, finds it all on a fresh visit, and
on a later visit first sees the last plan and writes how it went; another name never shows it;
in English the principles and the plan speak English, and the same data reads back in Dutch."""

import datetime as dt
import io
import json

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from hgs import i18n, pages
from hgs.access import users
from hgs.i18n import t
from hgs.method import texts
from hgs.store.reflections import ReflectionStore, name_key, principle_overview

PAGE = pages.REFLECTION.path


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    return tmp_path


def visit(who: str | None = None, language: str = "nl") -> AppTest:
    """A new session on the Reflectie page, as `who` when given, in `language`."""
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["ui-language"] = language
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    if who is not None:
        at.text_input(key="refl-who").set_value(who).run()
        assert not at.exception, at.exception
    return at


def key(*parts, who: str = "Anita Gelmers") -> str:
    return "-".join(["refl", name_key(who), *map(str, parts)])


def saved(at: AppTest) -> bool:
    return any(toast.value == t("common.saved") for toast in at.toast)


def test_without_a_name_only_the_question_who_am_i(data):
    at = visit()
    assert at.title[0].value == "Reflectie"
    assert [w.key for w in at.text_input] == ["refl-who"]
    assert not at.text_area


def test_a_reflection_and_plan_are_saved_and_shown_on_a_fresh_visit(data):
    at = visit("Anita Gelmers")
    assert len(at.text_area) >= 14  # two questions for each of the 7 principles, and the plan
    at.text_area(key=key(1, "feedback")).set_value("Ik noem het doel aan het begin").run()
    assert saved(at)
    at.text_area(key=key(5, "feed_forward")).set_value("Vaker vragen wat wél goed gaat").run()
    at.checkbox(key=key(5, "work_on")).check().run()
    plan = {"goal": "Ouders vooraf bellen", "why": "Zodat ze voorbereid komen",
            "with_whom": "De IB'er", "how": "Een kort telefoontje", "evaluation": "In januari"}
    for field, value in plan.items():
        at.text_area(key=key("plan1", field)).set_value(value).run()
    at.text_input(key=key("plan1", "when")).set_value("Voor de kerstvakantie").run()
    at.checkbox(key=key("share")).check().run()
    assert not at.exception and not at.error

    stored = json.loads(ReflectionStore(data).path("Anita Gelmers").read_text("utf-8"))
    assert stored["person"] == "Anita Gelmers"
    assert stored["plan"]["goal"] == "Ouders vooraf bellen"
    assert principle_overview(data) == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0}

    again = visit("anita gelmers")  # a new session, typed differently
    assert again.text_area(key=key(1, "feedback")).value == "Ik noem het doel aan het begin"
    assert again.text_area(key=key(5, "feed_forward")).value == "Vaker vragen wat wél goed gaat"
    assert again.checkbox(key=key(5, "work_on")).value is True
    for field, value in plan.items():
        assert again.text_area(key=key("plan1", field)).value == value
    assert again.text_input(key=key("plan1", "when")).value == "Voor de kerstvakantie"
    assert again.checkbox(key=key("share")).value is True
    assert any(f"Plan gemaakt op {texts.date_nl(dt.date.today())}" in c.value
               for c in again.caption)


def test_a_later_visit_shows_the_plan_first_and_asks_how_it_went(data):
    ReflectionStore(data).set_plan("Anita Gelmers", "goal", "Ouders vooraf bellen",
                                   today=dt.date(2026, 9, 28))
    at = visit("Anita Gelmers")
    headings = [h.value for h in at.subheader]
    assert headings[0] == "Hoe ging het met je vorige plan?"
    assert any("Je plan van 28 september 2026" in c.value for c in at.caption)
    assert any("Ouders vooraf bellen" in m.value for m in at.markdown)
    outcome = at.text_area(key=key("plan1", "outcome"))
    assert outcome.label == "Hoe ging het?" and outcome.value == ""
    # the look back comes before the plan itself (in an expander) and before a new plan
    order = [w.key for w in at.main.children.values() for w in _widgets(w)]
    assert order.index(key("plan1", "outcome")) < order.index(key("new-plan")) < \
        order.index(key("plan1", "goal"))
    outcome.set_value("Bij drie gezinnen gedaan; ze kwamen allemaal").run()
    assert saved(at)
    today = texts.date_nl(dt.date.today())
    assert any(f"Teruggekeken op {today}" in c.value for c in at.caption)

    mine = ReflectionStore(data).get("Anita Gelmers")
    assert mine.plan.outcome == "Bij drie gezinnen gedaan; ze kwamen allemaal"
    assert mine.plan.outcome_date == dt.date.today()

    at.button(key=key("new-plan")).click().run()
    assert not at.exception
    assert at.text_area(key=key("plan2", "goal")).value == ""
    assert [h.value for h in at.subheader][:2] == ["Hoe ging het met je vorige plan?",
                                                   "Mijn nieuwe plan"]
    assert at.text_area(key=key("plan1", "outcome")).value == \
        "Bij drie gezinnen gedaan; ze kwamen allemaal"  # the last plan, still first
    assert not any("Eerdere plannen" in e.label for e in at.expander)


def _widgets(node):
    """Every keyed element under `node`, in the order of the page."""
    if getattr(node, "key", None):
        yield node
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else children or []):
        yield from _widgets(child)


def test_an_earlier_plan_kept_aside_is_shown_first_and_its_outcome_written(data):
    mine = ReflectionStore(data)
    mine.set_plan("Anita Gelmers", "goal", "Ouders vooraf bellen", today=dt.date(2026, 9, 28))
    mine.new_plan("Anita Gelmers")
    mine.set_plan("Anita Gelmers", "goal", "Het kind zelf laten vertellen",
                  today=dt.date(2026, 10, 5))
    mine.new_plan("Anita Gelmers")
    at = visit("Anita Gelmers")
    assert at.subheader[0].value == "Hoe ging het met je vorige plan?"
    assert any("Het kind zelf laten vertellen" in m.value for m in at.markdown)
    at.text_area(key=key("plan2", "outcome")).set_value("Werkte goed").run()
    assert saved(at)
    stored = ReflectionStore(data).get("Anita Gelmers")
    assert [p.outcome for p in stored.earlier_plans] == ["", "Werkte goed"]
    assert stored.plan.outcome == ""
    assert any("Eerdere plannen (1)" in e.label for e in at.expander)  # the one before


def test_feed_up_is_asked_per_principle_saved_and_shown_after_a_reload(data):
    at = visit("Anita Gelmers")
    field = at.text_area(key=key(4, "feed_up"))
    assert field.label == "Wat is waardevol en belangrijk in mijn werk? (feed up)"
    assert len([w for w in at.text_area if w.key.endswith("-feed_up")]) == 7
    field.set_value("Dat het kind zelf aan tafel zit").run()
    assert saved(at)
    assert ReflectionStore(data).get("Anita Gelmers").principles[4].feed_up == \
        "Dat het kind zelf aan tafel zit"
    again = visit("Anita Gelmers")
    assert again.text_area(key=key(4, "feed_up")).value == "Dat het kind zelf aan tafel zit"
    with i18n.using("en"):
        english = visit("Anita Gelmers", language="en")
        assert english.text_area(key=key(4, "feed_up")).label == \
            "What is valuable and important in my work? (feed up)"


def test_another_name_never_shows_my_reflection(data):
    ReflectionStore(data).set_note("Anita Gelmers", 2, "feedback", "Alleen voor Anita")
    at = visit("Brechtje Dantuma")
    assert not any("Alleen voor Anita" in w.value for w in at.text_area)
    assert not any(w.key.startswith(key(who="Anita Gelmers")) for w in at.text_area)


def principle_titles(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and m.value[2:3].isdigit()]


def test_in_english_the_principles_and_the_plan_speak_english(data):
    at = visit("Anita Gelmers", language="en")
    assert not at.exception and at.title[0].value == "Reflection"
    assert principle_titles(at) == [
        "**1. Goal-oriented working and evaluating**",
        "**2. The child's educational and parenting needs**",
        "**3. The support needs of teachers and parents**",
        "**4. Interaction and alignment**",
        "**5. Using positive factors**",
        "**6. Cooperation between parents, teachers, child, school and youth care**",
        "**7. Working systematically and transparently**",
    ]
    assert at.text_area(key=key(1, "feedback")).label == \
        "What have I already done in a needs-based way? (feedback)"
    assert at.checkbox(key=key(1, "work_on")).label == "I want to work on this"
    assert at.text_area(key=key("plan1", "goal")).label == "Goal: what do I want to try?"
    shown = " ".join(principle_titles(at))
    assert "Doelgericht" not in shown and "uitgangspunt" not in shown


def test_the_dutch_page_keeps_the_dutch_principles(data):
    at = visit("Anita Gelmers")
    assert principle_titles(at)[0] == "**1. Doelgericht werken en evalueren**"
    assert principle_titles(at)[5] == \
        "**6. Samenwerking tussen ouders, leraren, kind, onderwijs en jeugdhulp**"


def test_a_plan_saved_in_english_reads_back_in_dutch(data):
    at = visit("Anita Gelmers", language="en")
    at.text_area(key=key(3, "feedback")).set_value("I ask the parents what they need").run()
    with i18n.using("en"):
        assert saved(at)
    at.checkbox(key=key(3, "work_on")).check().run()
    at.text_area(key=key("plan1", "goal")).set_value("Call the parents beforehand").run()
    at.checkbox(key=key("share")).check().run()
    assert not at.exception and not at.error
    with i18n.using("en"):
        assert any(f"Plan made on {texts.date_nl(dt.date.today())}." == c.value
                   for c in at.caption)

    again = visit("Anita Gelmers")  # a new session, in Dutch
    assert again.text_area(key=key(3, "feedback")).value == "I ask the parents what they need"
    assert again.checkbox(key=key(3, "work_on")).value is True
    assert again.text_area(key=key("plan1", "goal")).value == "Call the parents beforehand"
    assert again.text_area(key=key("plan1", "goal")).label == "Doel: wat wil ik uitproberen?"
    assert any("Plan gemaakt op" in c.value for c in again.caption)
    assert principle_titles(again)[2] == "**3. Ondersteuningsbehoeften van leraren en ouders**"
    assert principle_overview(data) == {1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0}


# -- names that once shared a file ----------------------------------------------------------------
def shown_texts(at: AppTest) -> str:
    return " ".join(w.value for w in at.text_area)


def test_anna_dot_b_and_anna_dash_b_never_see_each_others_text(data):
    first = visit("anna.b")
    first.text_area(key=key(1, "feedback", who="anna.b")).set_value("Geheim van anna.b").run()
    assert saved(first)
    second = visit("anna-b")
    assert "Geheim van anna.b" not in shown_texts(second)
    second.text_area(key=key(1, "feedback", who="anna-b")).set_value("Geheim van anna-b").run()
    assert "Geheim van anna-b" not in shown_texts(visit("anna.b"))
    assert "Geheim van anna.b" in shown_texts(visit("Anna.B"))
    on_disk = {p.name: p.read_text("utf-8") for p in (data / "reflections").glob("*.json")}
    assert len(on_disk) == 2
    assert sum("Geheim van anna.b" in text for text in on_disk.values()) == 1
    assert not any("Geheim van anna.b" in t and "anna-b" in t for t in on_disk.values())


PASSWORD = "Lang-genoeg-wachtwoord"


def signed_in_reflection(username: str) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.text_input(key="auth-username").set_value(username)
    at.text_input(key="auth-password").set_value(PASSWORD)
    at.button(key="auth-submit").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Reflectie"
    return at


def test_signed_in_anna_dot_b_and_anna_dash_b_each_have_the_file_of_their_id(data, monkeypatch):
    monkeypatch.setenv("HGS_AUTH", "wachtwoord")
    one = users.add_user("anna.b", "coordinator", PASSWORD)
    two = users.add_user("anna-b", "voorzitter", PASSWORD)
    at = signed_in_reflection("anna.b")
    at.text_area(key=f"refl-{one.id}-1-feedback").set_value("Alleen voor anna.b").run()
    assert saved(at)
    other = signed_in_reflection("anna-b")
    assert "Alleen voor anna.b" not in shown_texts(other)
    other.text_area(key=f"refl-{two.id}-1-feedback").set_value("Alleen voor anna-b").run()
    assert sorted(p.name for p in (data / "reflections").glob("*.json")) == \
        sorted([f"{one.id}.json", f"{two.id}.json"])
    assert "Alleen voor anna.b" in (data / "reflections" / f"{one.id}.json").read_text("utf-8")
    assert "Alleen voor anna-b" in (data / "reflections" / f"{two.id}.json").read_text("utf-8")
    assert "Alleen voor anna-b" not in shown_texts(signed_in_reflection("anna.b"))


# -- the sketch of the plan ("teken je plan") ---------------------------------------------------------
def png(colour: str = "navy", size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def uploader(at: AppTest):
    (found,) = [u for u in at.file_uploader if "-sketch-" in u.key]
    return found


def images(at: AppTest) -> list:
    return list(at.get("image"))


def test_a_sketch_is_put_in_shown_after_a_reload_replaced_and_removed_after_asking(data):
    at = visit("Anita Gelmers")
    assert "Teken je plan" in [h.value for h in at.subheader]
    assert not images(at) and uploader(at).label == "Foto van je tekening"
    uploader(at).set_value(("tekening.png", png(), "image/png")).run()
    assert not at.exception and not at.error and saved(at)
    assert len(images(at)) == 1
    today = texts.date_nl(dt.date.today())
    assert images(at)[0].captions == [f"Je tekening, gezet op {today}."]
    assert ReflectionStore(data).sketch("Anita Gelmers").startswith(b"\x89PNG")

    again = visit("Anita Gelmers")  # a new session
    assert len(images(again)) == 1
    assert uploader(again).label == "Een andere foto in de plaats zetten"
    uploader(again).set_value(("nieuw.png", png("red", (30, 30)), "image/png")).run()
    assert saved(again)
    stored = ReflectionStore(data).sketch("Anita Gelmers")
    assert Image.open(io.BytesIO(stored)).size == (30, 30)

    again.button(key=key("sketch-remove")).click().run()  # first a question, nothing gone
    assert any("Weet je zeker dat je de tekening wilt verwijderen" in w.value
               for w in again.warning)
    assert ReflectionStore(data).sketch("Anita Gelmers") is not None
    again.button(key=key("sketch-remove-no")).click().run()
    assert not again.warning and ReflectionStore(data).sketch("Anita Gelmers") is not None
    again.button(key=key("sketch-remove")).click().run()
    again.button(key=key("sketch-remove-yes")).click().run()
    assert not again.exception and not images(again)
    assert ReflectionStore(data).sketch("Anita Gelmers") is None
    assert not images(visit("Anita Gelmers"))


@pytest.mark.parametrize("name,content,message", [
    ("groot.jpg", b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024 + 10),
     "Deze foto is te groot (5.0 MB). Kies een foto van hoogstens 5 MB, of maak hem kleiner."),
    ("tekening.png", b"Dit is een tekstbestand, geen tekening",
     "Dit bestand is geen foto in PNG of JPEG. Kies een foto van je tekening (.png, .jpg of "
     ".jpeg)."),
])
def test_a_too_large_or_non_image_file_is_refused_with_the_dutch_message(data, name, content,
                                                                         message):
    at = visit("Anita Gelmers")
    uploader(at).set_value((name, content, "image/jpeg")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert not images(at) and ReflectionStore(data).sketch("Anita Gelmers") is None
    uploader(at).set_value(("goed.png", png(), "image/png")).run()  # then a good one is taken
    assert not at.error and len(images(at)) == 1


def test_another_person_never_sees_my_sketch(data):
    ReflectionStore(data).set_sketch("Anita Gelmers", png())
    assert len(images(visit("Anita Gelmers"))) == 1
    other = visit("Brechtje Dantuma")
    assert not images(other) and uploader(other).label == "Foto van je tekening"
    assert not any(w.key.startswith(key(who="Anita Gelmers")) for w in other.button)
