"""Reflections on real files: roundtrip, one private file per person, the anonymous principle
count without names or text, writes that are atomic under a lock, and the same data in either
language."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from pathlib import Path

import pytest

from hgs import i18n
from hgs.errors import InvalidInput, StorageError
from hgs.store.reflections import (
    PLAN_FIELDS,
    Reflection,
    ReflectionStore,
    name_key,
    open_reflections,
    owner_for_user,
    person_key,
    principle_overview,
)
from tests.processes import killed_once_ready, run_python

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def reflections(tmp_path) -> ReflectionStore:
    return ReflectionStore(tmp_path)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


# -- person keys ---------------------------------------------------------------------------------
@pytest.mark.parametrize("typed,key", [
    ("Anita Gelmers", "anita-gelmers"),
    ("  anita   GELMERS ", "anita-gelmers"),
    ("Anità Gélmers", "anita-gelmers"),
    ("A.Gelmers@School.nl", "a-gelmers-school-nl"),
    ("../../etc/passwd", "etc-passwd"),
    ("Noëlle Pameijer", "noelle-pameijer"),
])
def test_a_person_key_is_normalised_and_safe_as_a_file_name(typed, key):
    assert person_key(typed) == key


@pytest.mark.parametrize("typed", ["", "   ", "…", "!!"])
def test_no_name_no_key(typed):
    with pytest.raises(InvalidInput, match="naam of e-mailadres"):
        person_key(typed)


# -- roundtrip -----------------------------------------------------------------------------------
def test_a_reflection_and_plan_come_back_from_disk(tmp_path, reflections):
    who = "Anita Gelmers"
    reflections.set_note(who, 1, "feedback", "Ik vraag altijd naar het doel van het overleg")
    reflections.set_note(who, 5, "feed_forward", "Vaker beginnen met wat goed gaat")
    reflections.set_note(who, 5, "work_on", True)
    for field in PLAN_FIELDS:
        reflections.set_plan(who, field, f"mijn {field}", today=DAY)
    reflections.set_sharing(who, True)

    again = ReflectionStore(tmp_path).get("anita gelmers")  # a new store, another spelling
    assert again.person == who
    assert again.principles[1].feedback == "Ik vraag altijd naar het doel van het overleg"
    assert again.principles[5].feed_forward == "Vaker beginnen met wat goed gaat"
    assert again.work_on() == [5]
    assert again.plan.goal == "mijn goal" and again.plan.evaluation == "mijn evaluation"
    assert again.plan.started == DAY and again.plan.outcome_date is None
    assert again.share_anonymously
    assert files(tmp_path / "reflections") == [f"{name_key('Anita Gelmers')}.json"]


def test_a_later_visit_writes_what_became_of_the_plan_with_its_date(reflections):
    who = "anita@school.nl"
    reflections.set_plan(who, "goal", "Ouders vooraf bellen", today=DAY)
    later = DAY + dt.timedelta(days=60)
    mine = reflections.set_plan(who, "outcome", "Gelukt bij drie gezinnen", today=later)
    assert mine.plan.started == DAY
    assert mine.plan.outcome_date == later
    assert reflections.get(who).plan.outcome == "Gelukt bij drie gezinnen"
    cleared = reflections.set_plan(who, "outcome", "", today=later)
    assert cleared.plan.outcome_date is None


def test_a_new_plan_keeps_the_earlier_one(reflections):
    who = "Anita"
    reflections.set_plan(who, "goal", "Ouders vooraf bellen", today=DAY)
    reflections.set_plan(who, "outcome", "Gelukt", today=DAY)
    mine = reflections.new_plan(who)
    assert not mine.plan.has_content() and mine.plan.outcome == ""
    assert [(p.goal, p.outcome) for p in mine.earlier_plans] == [("Ouders vooraf bellen",
                                                                  "Gelukt")]


def test_nothing_saved_for_a_new_person_until_they_write(tmp_path, reflections):
    assert reflections.get("Nieuw Iemand").plan.goal == ""
    assert files(tmp_path / "reflections") == []


def test_bad_input_is_refused_in_dutch_and_nothing_half_is_saved(reflections):
    reflections.set_plan("Anita", "goal", "Kort", today=DAY)
    with pytest.raises(InvalidInput, match="te lang"):
        reflections.set_plan("Anita", "goal", "x" * 5000)
    with pytest.raises(InvalidInput):
        reflections.set_note("Anita", 8, "feedback", "geen achtste uitgangspunt")
    with pytest.raises(InvalidInput):
        reflections.set_plan("Anita", "person", "iemand anders")
    assert reflections.get("Anita").plan.goal == "Kort"


def test_the_messages_follow_the_language_dutch_word_for_word(tmp_path, reflections):
    cases = [
        (lambda: person_key("  "), "Vul je naam of e-mailadres in.",
         "Fill in your name or email address."),
        (lambda: reflections.set_note("Anita", 8, "feedback", "x"),
         "Onbekend onderdeel van het reflectieschema.", "Unknown part of the reflection scheme."),
        (lambda: reflections.set_plan("Anita", "person", "x"),
         "Onbekend onderdeel van het plan.", "Unknown part of the plan."),
    ]
    for call, dutch, english in cases:
        with pytest.raises(InvalidInput) as refused:
            call()
        assert str(refused.value) == dutch
        with i18n.using("en"), pytest.raises(InvalidInput) as refused:
            call()
        assert str(refused.value) == english
    damaged = reflections.path("kapot")
    damaged.write_text("{", encoding="utf-8")
    with pytest.raises(StorageError, match=f"^Het bestand {damaged.name} is beschadigd.$"):
        reflections.get("kapot")
    with i18n.using("en"), pytest.raises(StorageError,
                                         match=f"^The file {damaged.name} is damaged.$"):
        reflections.get("kapot")


def test_written_in_english_read_in_dutch_the_same_data(tmp_path, reflections):
    with i18n.using("en"):
        reflections.set_note("Anita", 3, "feedback", "I ask the parents what they need")
        reflections.set_note("Anita", 3, "work_on", True)
        reflections.set_plan("Anita", "goal", "Call parents beforehand", today=DAY)
        reflections.set_sharing("Anita", True)
        english = reflections.path("Anita").read_bytes()
    mine = ReflectionStore(tmp_path).get("Anita")
    assert mine.principles[3].feedback == "I ask the parents what they need"
    assert mine.work_on() == [3] and mine.plan.goal == "Call parents beforehand"
    assert principle_overview(tmp_path) == {1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0}
    stored = json.loads(english)
    assert sorted(stored["principles"]) == ["1", "2", "3", "4", "5", "6", "7"]
    assert "Ondersteuningsbehoeften" not in english.decode() and "support" not in english.decode()
    # a Dutch write afterwards keeps the file in the same form
    reflections.set_note("Anita", 3, "feed_forward", "Vaker bellen")
    assert sorted(json.loads(reflections.path("Anita").read_text("utf-8"))
                  ["principles"]) == sorted(stored["principles"])


# -- privacy -------------------------------------------------------------------------------------
def test_each_person_has_a_file_of_their_own_and_never_reads_another(tmp_path, reflections):
    reflections.set_note("Anita", 2, "feedback", "Anita's eigen tekst")
    reflections.set_note("Brechtje", 2, "feedback", "Brechtje's eigen tekst")
    folder = tmp_path / "reflections"
    assert files(folder) == sorted([f"{name_key('Anita')}.json", f"{name_key('Brechtje')}.json"])
    assert "Brechtje" not in reflections.path("Anita").read_text(encoding="utf-8")

    # Brechtje's file broken: Anita reads and writes as before, so hers is never opened
    reflections.path("Brechtje").write_text("{kapot", encoding="utf-8")
    assert reflections.get("Anita").principles[2].feedback == "Anita's eigen tekst"
    reflections.set_note("Anita", 3, "feedback", "nog meer")
    assert reflections.get("Anita").principles[3].feedback == "nog meer"
    # and a path trick stays inside the folder, as a person of its own
    reflections.set_note("../../tmp/anita", 1, "feedback", "iemand anders")
    assert reflections.get("Anita").principles[1].feedback == ""
    assert len(files(folder)) == 3 and all(p.parent == folder for p in folder.iterdir())


def test_the_overview_counts_only_those_who_share_and_holds_no_name_or_text(tmp_path,
                                                                           reflections):
    for who, numbers, share in (("Anita", [1, 5], True), ("Brechtje", [5, 6], True),
                                ("Judith", [5, 7], False), ("Henriët", [], True)):
        reflections.set_note(who, 4, "feedback", f"geheime tekst van {who}")
        for number in numbers:
            reflections.set_note(who, number, "work_on", True)
        reflections.set_sharing(who, share)
    (tmp_path / "reflections" / "kapot.json").write_text("{", encoding="utf-8")
    (tmp_path / "reflections" / "oud-en-gedeeld.json").write_text(  # an old file, still counted
        Reflection(person="Oud", share_anonymously=True).model_dump_json(), encoding="utf-8")

    overview = principle_overview(tmp_path)
    assert overview == {1: 1, 2: 0, 3: 0, 4: 0, 5: 2, 6: 1, 7: 0}
    assert all(type(k) is int and type(v) is int for k, v in overview.items())
    shown = json.dumps(overview)
    for secret in ("Anita", "Brechtje", "Judith", "geheime", "anita"):
        assert secret not in shown

    reflections.set_sharing("Anita", False)  # withdrawing counts at once
    assert principle_overview(tmp_path)[1] == 0


def test_the_folder_comes_from_hgs_data_dir_read_now(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "een"))
    open_reflections().set_note("Anita", 1, "feedback", "een")
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "twee"))
    assert open_reflections().get("Anita").principles[1].feedback == ""
    assert (tmp_path / "een" / "reflections" / f"{name_key('Anita')}.json").exists()


# -- atomic writes under a lock -------------------------------------------------------------------
def test_a_failed_change_leaves_the_file_as_it_was(tmp_path, reflections):
    reflections.set_note("Anita", 1, "feedback", "oud")
    path = reflections.path("Anita")
    before = path.read_bytes()

    def broken(reflection):
        reflection.principles[1].feedback = "nieuw"
        raise RuntimeError("halverwege mis")

    with pytest.raises(RuntimeError):
        reflections.update("Anita", broken)
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_threads_writing_one_persons_file_lose_nothing(tmp_path):
    stores = [ReflectionStore(tmp_path) for _ in range(2)]
    barrier = threading.Barrier(7)
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            barrier.wait()
            for i in range(10):
                stores[number % 2].set_note("Anita", number, "feedback", f"{number}-{i}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(1, 8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not errors
    mine = ReflectionStore(tmp_path).get("Anita")
    assert {n: mine.principles[n].feedback for n in range(1, 8)} == {
        n: f"{n}-9" for n in range(1, 8)}


CRASHING_WRITER = """
    import sys, time
    from pathlib import Path
    import hgs.store.files
    from hgs.store.reflections import ReflectionStore

    data_dir, ready = sys.argv[1:]

    def fsync(fd):  # the temp file is written in full, not yet renamed
        Path(ready).touch()
        time.sleep(60)

    hgs.store.files.os.fsync = fsync
    ReflectionStore(data_dir).set_note("Anita", 1, "feedback", "NIEUW " * 600)
"""


def test_a_writer_killed_mid_write_leaves_the_previous_reflection(tmp_path, reflections):
    reflections.set_note("Anita", 1, "feedback", "oud")
    path = reflections.path("Anita")
    before = path.read_bytes()
    ready = tmp_path / "ready"
    writer = run_python(CRASHING_WRITER, str(tmp_path), str(ready))
    with killed_once_ready(ready, writer):
        assert [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert path.read_bytes() == before
    assert reflections.get("Anita").principles[1].feedback == "oud"
    # the left-over temp file is nobody's reflection, and the dead writer's lock is gone
    assert principle_overview(tmp_path) == {n: 0 for n in range(1, 8)}
    reflections.set_note("Anita", 1, "feedback", "daarna")
    assert reflections.get("Anita").principles[1].feedback == "daarna"


# -- names that once shared a file -------------------------------------------------------------------
COLLIDING = [("anna.b", "anna-b"), ("anna_b", "anna+b"), ("a.b@school.nl", "a-b@school-nl"),
             ("Noëlle de Vries-" + "x" * 60 + " een", "Noëlle de Vries-" + "x" * 60 + " twee")]


@pytest.mark.parametrize("one,two", COLLIDING)
def test_names_that_gave_one_slug_get_files_of_their_own(tmp_path, reflections, one, two):
    assert person_key(one) == person_key(two)  # the old key: one file for both
    reflections.set_note(one, 1, "feedback", "alleen van de eerste")
    reflections.set_note(two, 1, "feedback", "alleen van de tweede")
    reflections.set_plan(two, "goal", "plan van de tweede", today=DAY)
    assert reflections.path(one) != reflections.path(two)
    assert reflections.get(one).principles[1].feedback == "alleen van de eerste"
    assert reflections.get(one).plan.goal == ""
    assert reflections.get(two).principles[1].feedback == "alleen van de tweede"
    assert "tweede" not in reflections.path(one).read_text(encoding="utf-8")
    assert "eerste" not in reflections.path(two).read_text(encoding="utf-8")
    assert len(files(tmp_path / "reflections")) == 2


def test_the_name_key_is_a_hash_of_the_exact_name_in_one_spelling():
    same = ["Anita Gelmers", "  anita   GELMERS ", "ANITA GELMERS", "Ａｎｉｔａ Gelmers"]
    assert len({name_key(n) for n in same}) == 1
    assert re.fullmatch(r"n_[0-9a-f]{32}", name_key("Anita Gelmers"))
    different = ["Anita Gelmers", "Anità Gelmers", "Anita.Gelmers", "Anita-Gelmers", "Anita"]
    assert len({name_key(n) for n in different}) == len(different)
    assert "anita" not in name_key("Anita Gelmers")
    with pytest.raises(InvalidInput, match="te lang"):
        name_key("x" * 201)


def test_a_signed_in_users_reflection_is_the_file_of_their_id(tmp_path, reflections):
    anna = owner_for_user("u_00000000000000a1", "anna.b")
    other = owner_for_user("u_00000000000000b2", "anna-b")
    reflections.set_note(anna, 1, "feedback", "van anna.b")
    reflections.set_note(other, 1, "feedback", "van anna-b")
    assert files(tmp_path / "reflections") == ["u_00000000000000a1.json",
                                               "u_00000000000000b2.json"]
    assert reflections.get(anna).person == "anna.b"
    assert reflections.get(other).principles[1].feedback == "van anna-b"
    for bad in ("", "../u_00000000000000a1", "anna.b", "u_00000000000000A1"):
        with pytest.raises(InvalidInput):
            owner_for_user(bad, "anna.b")


def old_file(tmp_path, slug: str, person: str, text: str) -> Path:
    """A reflection as HGS kept it before: `reflections/<slug>.json`."""
    path = tmp_path / "reflections" / f"{slug}.json"
    mine = Reflection(person=person)
    mine.principles[1].feedback = text
    path.write_text(mine.model_dump_json(indent=1), encoding="utf-8")
    return path


def test_an_old_file_goes_to_the_name_that_wrote_it_and_to_nobody_else(tmp_path, reflections):
    old = old_file(tmp_path, "anna-b", "anna.b", "oud, van anna.b")
    assert reflections.get("anna-b").principles[1].feedback == ""  # the same slug, not the name
    reflections.set_note("anna-b", 1, "feedback", "nieuw, van anna-b")
    assert old.exists()
    assert reflections.get(" Anna.B ").principles[1].feedback == "oud, van anna.b"
    assert not old.exists()  # taken over: it is now the file of that name's key
    assert reflections.get("anna.b").principles[1].feedback == "oud, van anna.b"
    assert reflections.get("anna-b").principles[1].feedback == "nieuw, van anna-b"
    assert principle_overview(tmp_path) == {n: 0 for n in range(1, 8)}


def test_an_old_file_of_a_signed_in_user_unless_another_user_had_the_same_slug(tmp_path,
                                                                             reflections):
    old_file(tmp_path, "bea", "bea", "van bea")
    bea = owner_for_user("u_00000000000000c3", "bea", others=["anna.b", "bea"])
    assert reflections.get(bea).principles[1].feedback == "van bea"
    assert files(tmp_path / "reflections") == ["u_00000000000000c3.json"]
    # anna.b and anna-b both signed in before: their one old file may hold both their texts
    shared = old_file(tmp_path, "anna-b", "anna.b", "van anna.b, en misschien van anna-b")
    anna = owner_for_user("u_00000000000000a1", "anna.b", others=["anna.b", "anna-b"])
    other = owner_for_user("u_00000000000000b2", "anna-b", others=["anna.b", "anna-b"])
    assert reflections.get(anna).principles[1].feedback == ""
    assert reflections.get(other).principles[1].feedback == ""
    assert shared.exists()  # left where it is, for nobody


def test_a_damaged_old_file_is_nobodys(tmp_path, reflections):
    (tmp_path / "reflections" / "anna-b.json").write_text("{kapot", encoding="utf-8")
    assert reflections.get("anna.b").principles[1].feedback == ""
    reflections.set_note("anna.b", 1, "feedback", "nieuw")
    assert (tmp_path / "reflections" / "anna-b.json").exists()


# -- feed up, and the plan revisited ---------------------------------------------------------------
def test_feed_up_is_kept_per_principle_beside_feedback_and_feed_forward(tmp_path, reflections):
    reflections.set_note("Anita", 3, "feed_up", "Dat ouders zich gehoord voelen")
    reflections.set_note("Anita", 3, "feedback", "Ik vraag wat ze nodig hebben")
    again = ReflectionStore(tmp_path).get("Anita")
    assert again.principles[3].feed_up == "Dat ouders zich gehoord voelen"
    assert again.principles[3].feedback == "Ik vraag wat ze nodig hebben"
    assert again.principles[1].feed_up == ""
    stored = json.loads(reflections.path("Anita").read_text("utf-8"))
    assert stored["principles"]["3"]["feed_up"] == "Dat ouders zich gehoord voelen"
    with pytest.raises(InvalidInput, match="te lang"):
        reflections.set_note("Anita", 3, "feed_up", "x" * 5000)


def test_a_file_of_before_feed_up_reads_with_an_empty_one(tmp_path, reflections):
    path = reflections.path("Anita")
    path.write_text(json.dumps({"schema_version": 1, "person": "Anita",
                                "principles": {"1": {"feedback": "oud", "feed_forward": "",
                                                     "work_on": True}}}), encoding="utf-8")
    mine = reflections.get("Anita")
    assert mine.principles[1].feedback == "oud" and mine.principles[1].feed_up == ""
    assert mine.sketch_date is None


def test_the_last_plan_to_look_back_on_is_the_latest_made_before_today(reflections):
    who = "Anita"
    assert reflections.get(who).last_plan(DAY) is None  # no plan yet
    mine = reflections.set_plan(who, "goal", "Ouders vooraf bellen", today=DAY)
    assert mine.last_plan(DAY) is None  # made today: nothing to look back on yet
    assert mine.last_plan(DAY + dt.timedelta(days=1)) == -1  # a later visit: this plan
    mine = reflections.new_plan(who)
    assert mine.last_plan(DAY + dt.timedelta(days=1)) == 0  # the one just kept aside
    later = DAY + dt.timedelta(days=30)
    mine = reflections.set_earlier_outcome(who, 0, "Bij drie gezinnen gelukt", today=later)
    assert mine.earlier_plans[0].outcome == "Bij drie gezinnen gelukt"
    assert mine.earlier_plans[0].outcome_date == later
    assert mine.plan.outcome == ""  # the new plan is untouched
    with pytest.raises(InvalidInput):
        reflections.set_earlier_outcome(who, 1, "geen tweede plan")
