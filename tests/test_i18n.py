"""Every UI string exists in Dutch and English, with the same placeholders; every key the code
uses exists; dates and numbers follow the language; the documents follow the person's language."""

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from hgs import i18n
from hgs.method import texts
from hgs.method.steps import STEPS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "hgs").rglob("*.py")),
           *sorted((ROOT / "views").glob("*.py"))]
KEY_USE = re.compile(r"""\b(tn?)\(\s*f?["']([a-z0-9_.{}]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture(autouse=True)
def dutch_again():
    yield
    i18n.set_language("nl")


def test_both_catalogues_have_the_same_keys():
    nl, en = i18n.catalogue("nl"), i18n.catalogue("en")
    assert sorted(set(nl) - set(en)) == [], "missing in en.toml"
    assert sorted(set(en) - set(nl)) == [], "missing in nl.toml"


@pytest.mark.parametrize("lang", sorted(i18n.LANGUAGES))
def test_no_value_is_empty_or_not_a_string(lang):
    bad = [k for k, v in i18n.catalogue(lang).items() if not isinstance(v, str) or not v.strip()]
    assert bad == []


def test_the_same_placeholders_in_both_languages():
    nl, en = i18n.catalogue("nl"), i18n.catalogue("en")
    forms = {f"{key}.{form}" for key, all_ in i18n.plural_keys("nl").items() for form in all_}
    differ = [k for k in nl if k not in forms and placeholders(nl[k]) != placeholders(en.get(k, ""))]
    assert differ == []


def plural_places(lang: str, key: str) -> set[str]:
    """The places of every form of a plural entry; `count` may be left out of a form ("één")."""
    flat = i18n.catalogue(lang)
    return set().union(*(placeholders(flat[f"{key}.{form}"])
                         for form in i18n.plural_keys(lang)[key])) - {"count"}


def test_plural_entries_have_the_forms_of_each_language_and_the_same_places():
    nl, en = i18n.plural_keys("nl"), i18n.plural_keys("en")
    assert len(nl) >= 25 and set(nl) == set(en)
    for lang, entries in (("nl", nl), ("en", en)):
        needed = i18n.plural_forms(lang)
        wrong = {key: forms for key, forms in entries.items()
                 if not needed <= set(forms) <= needed | {"zero"}}
        assert wrong == {}, lang  # every form Babel's rules ask for, nothing else but "zero"
    assert [k for k in nl if plural_places("nl", k) != plural_places("en", k)] == []


def used_keys() -> set[tuple[str, str, str]]:
    found = set()
    for path in SOURCES:
        for match in KEY_USE.finditer(path.read_text(encoding="utf-8")):
            found.add((path.relative_to(ROOT).as_posix(), match.group(1), match.group(2)))
    return found


def test_every_key_the_code_uses_exists_in_both_languages():
    used = used_keys()
    assert len(used) > 300  # the pattern does find the calls
    nl, en = i18n.catalogue("nl"), i18n.catalogue("en")
    plural = i18n.plural_keys("nl")
    assert sum(how == "tn" for _, how, _ in used) >= 15
    missing = []
    for where, how, key in sorted(used):
        if how == "tn":  # tn("x.y", count): a plural entry in both languages, not a plain string
            shape = re.compile(re.sub(r"\\\{[^}]*\\\}", r"[^.]+", re.escape(key)) + "$")
            if not any(shape.match(k) for k in plural) or \
                    not any(shape.match(k) for k in i18n.plural_keys("en")):
                missing.append((where, key))
        elif "{" in key:  # t(f"steps.{n}.title"): every key with that shape
            shape = re.compile(re.sub(r"\\\{[^}]*\\\}", r"[^.]+", re.escape(key)) + "$")
            if not any(shape.match(k) for k in nl):
                missing.append((where, key))
        elif key not in nl or key not in en:  # a plural entry read with t() is missing too
            missing.append((where, key))
    assert missing == []


def test_every_label_and_step_exists_in_both_languages():
    for lang in i18n.LANGUAGES:
        i18n.set_language(lang)
        for name in dir(texts):
            labels = getattr(texts, name)
            if isinstance(labels, (i18n.Labels, i18n.Lazy)):
                assert all(labels[k] for k in labels)
        for s in STEPS:
            assert s.title and s.aim and len(s.prompts) >= 2
    i18n.set_language("en")
    assert texts.AREAS["kind"] == "Child / pupil" and texts.RESEARCH[None] == "Not discussed yet"
    assert STEPS[1].title == "Overview"
    i18n.set_language("nl")
    assert texts.AREAS["kind"] == "Kind / leerling" and STEPS[1].title == "Overzicht"


def test_dates_and_numbers_per_language():
    day = dt.date(2026, 3, 3)
    assert i18n.format_date(day) == "3 maart 2026" == texts.date_nl(day)
    assert i18n.format_number(7.5) == "7,5"
    i18n.set_language("en")
    assert i18n.format_date(day) == "3 March 2026" == texts.date_nl(day)
    assert i18n.format_date(day, lang="nl") == "3 maart 2026"
    assert i18n.format_number(7.5) == "7.5"
    assert texts.month_label("2026-03") == "March 2026"


def test_an_unknown_language_is_dutch_and_a_missing_key_is_visible():
    i18n.set_language("xx")
    assert i18n.language() == "nl"
    assert i18n.t("no.such.key") == "no.such.key"


def test_the_documents_follow_the_language_of_the_person_who_makes_them():
    from hgs.exports import invitation as invite
    from hgs.method.records import Case, Meeting

    case = Case(code="L-2026-0001", first_name="Joris", organisation_id="o1")
    meeting = Meeting(case_id="c1", date=dt.date(2026, 3, 3))
    dutch = invite.invitation_text(case, meeting)
    assert dutch.startswith("Beste deelnemers,\n\nGraag nodig ik u uit voor het eerste MDO "
                            "over Joris op 3 maart 2026.")
    assert invite.invitation_subject(case, meeting) == \
        "Uitnodiging eerste MDO Joris (L-2026-0001) op 3 maart 2026"
    i18n.set_language("en")
    text = invite.invitation_text(case, meeting)
    assert text.startswith("Dear participants,\n\nI would like to invite you to the first MDO "
                           "about Joris on 3 March 2026.")
    assert "maart" not in text and "Beste" not in text
    with i18n.using("nl"):
        assert invite.invitation_text(case, meeting) == dutch
    assert i18n.language() == "en"  # and the session keeps its language


def test_labels_read_like_the_dict_they_replace():
    from hgs.method import texts

    assert list(texts.AREAS.keys()) == ["kind", "onderwijs", "opvoeding", "jeugdhulp"]
    assert dict(texts.SIGNS) == {key: texts.SIGNS[key] for key in ("plus", "min", "vraag")}
    assert "plus" in texts.SIGNS and "onzin" not in texts.SIGNS


def test_words_keep_the_language_they_were_taken_in():
    from hgs.method import texts

    with i18n.using("en"):
        words = texts.SECTORS.words()
    assert words["voorschools"] == "pre-school" and words["PO"] == "primary (PO)"
    assert texts.SECTORS.get("voorschools") != words["voorschools"]  # Dutch outside the block
