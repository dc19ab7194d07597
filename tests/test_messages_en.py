"""The messages of the hgs modules in the session's language: English in an English session,
the unchanged Dutch otherwise; and a guard against new messages written into the code."""

from __future__ import annotations

import ast
import datetime as dt
import errno
from pathlib import Path

import pytest
from pydantic import ValidationError

from hgs import i18n
from hgs.access import audit, passwords, roles, users
from hgs.errors import InvalidInput, NotFound, StorageError, explain
from hgs.exports import archive as export
from hgs.i18n import t
from hgs.method import cases, cycle, texts
from hgs.method.records import Case, Consent, Meeting, Organisation, Participant
from hgs.store import backup, open_store
from hgs.store.document import read_case_file

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 3, 2)


def explained(kind, **fields) -> str:
    with pytest.raises(ValidationError) as info:
        kind(**fields)
    return explain(info.value)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path)


# -- the model's own checks --------------------------------------------------------------------
def test_validator_messages_in_english():
    with i18n.using("en"):
        assert (explained(Case, code="2026-42", first_name="Joris", organisation_id="o")
                == "The code must have the form L-2026-0042.")
        assert (explained(Meeting, case_id="c", date=DAY, evaluation_date=DAY - dt.timedelta(1))
                == "The evaluation date is before the MDO.")
        assert (explained(Consent, given_by=["ouders"], date=DAY,
                          withdrawn=DAY - dt.timedelta(1))
                == "The withdrawal is dated before the consent.")
        assert (explained(Participant, name="Anna", role="jeugdhulp", email="anna@")
                == "This e-mail address is not right.")
        assert (explained(Meeting, case_id="c", date=dt.date(1999, 1, 1))
                == "The date of the MDO is too far back.")


def test_validator_messages_stay_dutch_in_dutch():
    with i18n.using("nl"):
        assert (explained(Case, code="2026-42", first_name="Joris", organisation_id="o")
                == "Code moet de vorm L-2026-0042 hebben.")
        assert (explained(Participant, name="Anna", role="jeugdhulp", email="anna@")
                == "Dit e-mailadres klopt niet.")
    assert (explained(Meeting, case_id="c", date=dt.date(1999, 1, 1))  # Dutch by default
            == "Datum van het MDO ligt te ver terug.")


def test_the_sign_in_check_of_a_user_name_in_english():
    with i18n.using("en"), pytest.raises(ValidationError) as info:
        users.User(username="Anna Smit!", role="voorzitter")
    with i18n.using("en"):
        assert explain(info.value).startswith("A user name may only contain lower-case letters")


# -- the store and friends ---------------------------------------------------------------------
def test_an_unknown_case_in_english(store):
    with i18n.using("en"), pytest.raises(NotFound) as info:
        store.get_case("nope")
    assert str(info.value) == "This case does not exist (any more)."
    with pytest.raises(NotFound) as info:
        store.get_case("nope")
    assert str(info.value) == "Deze casus bestaat niet (meer)."


def test_a_full_disk_in_english(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "mkdir", full)
    with i18n.using("en"), pytest.raises(StorageError) as info:
        open_store(tmp_path / "new")
    assert str(info.value).startswith(f"The data folder {tmp_path / 'new'} cannot be used:")
    with pytest.raises(StorageError) as info:
        open_store(tmp_path / "new")
    assert str(info.value).startswith(f"De gegevensmap {tmp_path / 'new'} is niet te gebruiken:")


def test_a_damaged_case_file_in_english():
    with i18n.using("en"), pytest.raises(StorageError) as info:
        read_case_file("abc.json", b"{not json")
    assert str(info.value) == "The file abc.json is damaged (not valid JSON)."
    with pytest.raises(StorageError) as info:
        read_case_file("abc.json", b"{not json")
    assert str(info.value) == "Het bestand abc.json is beschadigd (geen geldige JSON)."


def test_a_duplicate_code_in_english(store):
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    with i18n.using("en"), pytest.raises(InvalidInput) as info:
        store.create_case(Case(code="L-2026-0001", first_name="Anna", organisation_id=org.id))
    assert str(info.value) == "The code L-2026-0001 is already in use."


def test_a_back_up_check_in_english(tmp_path):
    bad = tmp_path / "backup.zip"
    bad.write_bytes(b"no zip at all")
    with i18n.using("en"):
        assert backup.check_backup(bad).problems == ["This file is not a valid ZIP file."]
        with pytest.raises(InvalidInput) as info:
            backup.restore(bad, tmp_path / "data")
    assert str(info.value) == ("This back-up is not restored, because: This file is not a valid "
                               "ZIP file.. Nothing has changed.")
    assert backup.check_backup(bad).problems == ["Dit bestand is geen geldig ZIP-bestand."]


def test_an_export_and_the_other_modules_in_english():
    with i18n.using("en"):
        with pytest.raises(InvalidInput) as info:
            export.read_case_archive(b"not a zip")
        assert str(info.value) == "This file is not a valid ZIP file: it is not an HGS export."
        with pytest.raises(InvalidInput) as info:
            cases.new_case("L-2026-0001", " ", "o")
        assert str(info.value) == "Please fill in the child's first name."
        with pytest.raises(InvalidInput) as info:
            passwords.hash_password("short")
        assert str(info.value) == "A password has at least 10 characters."
        assert t("errors.auth.sign_in_failed") == "The user name or password is not right."
        assert t("errors.live.closed").startswith("This link does not work (any more).")
    assert t("errors.auth.sign_in_failed") == "Gebruikersnaam of wachtwoord klopt niet."


def test_the_consent_message_names_roles_in_the_session_language():
    case = Case(code="L-2026-0001", first_name="Joris", organisation_id="o", birth_year=2016)
    meeting = Meeting(case_id=case.id, date=DAY,
                      participants=[Participant(name="Els", role="jeugdhulp")])
    with i18n.using("en"):
        assert cycle.consent_problem(case, meeting).startswith(
            "For Joris (9 or 10 years old) consent of the parents is needed to share "
            "information with: Els (youth care).")
    assert cycle.consent_problem(case, meeting).startswith(
        "Voor Joris (9 of 10 jaar) is toestemming van de ouders nodig om informatie te delen "
        "met: Els (jeugdhulp).")


# -- roles, sectors, audit actions ---------------------------------------------------------------
def test_roles_sectors_and_audit_actions_in_both_languages():
    from hgs.method.records import ROLES, SECTORS

    assert list(texts.ROLES) == list(ROLES) and list(texts.SECTORS) == list(SECTORS)
    assert all(texts.ROLES[r] == r for r in ROLES)  # Dutch: the stored words themselves
    assert all(texts.SECTORS[s] == s for s in SECTORS)
    assert audit.ACTIONS["sign-in-failed"] == "inloggen mislukt"
    with i18n.using("en"):
        assert texts.ROLES["intern begeleider (IB'er)"] == "internal support coordinator (IB)"
        assert texts.ROLES["ouder/verzorger"] == "parent/carer"
        assert texts.SECTORS["SO/SBO"] == "special education (SO/SBO)"
        assert audit.ACTIONS["export"] == "exported"
        assert roles.ROLE_LABELS["beheerder"] == "administrator"
        assert "sign-out" in audit.ACTIONS and "nonsense" not in audit.ACTIONS


# -- the guard -----------------------------------------------------------------------------------
def owned() -> list[str]:
    """Every module of hgs/, as a path without ".py" (method/records, store/__init__, ...)."""
    return sorted(p.relative_to(ROOT / "hgs").with_suffix("").as_posix()
                  for p in (ROOT / "hgs").rglob("*.py"))


ERROR_CLASSES = {"HGSError", "InvalidInput", "NotFound", "StorageError", "ConfigError",
                 "ValueError"}
# Deliberately left as they are: developer-facing or command-line messages (not on a screen).
ALLOWED = {
    ("access/cli", "De twee wachtwoorden zijn niet gelijk."),  # `python -m hgs.auth` asks twice
    ("access/audit", "unknown audit action "), ("access/audit", "audit  must be an id, got "),
    ("access/audit", "not a month: "),
    ("access/audit", "audit detail must be a short plain label"),
    ("method/scores", "a T-score needs at least one goal level"),
    ("method/scores", "one weight per goal level"),
    ("method/scores", "goal levels are whole numbers from -2 to +2"),
    ("method/scores", "weights must be positive and 0 <= rho < 1"),
    ("access/sessions", "session secret too short"),
    ("analytics/disclosure", "unknown scope , "),
    ("analytics/disclosure", "a figure counts records its kind of figure does not hold"),
    ("analytics/figures", "agreements are counted per organisation or sector, not "),
    ("analytics/figures", "goals are counted per organisation or sector, not "),
    ("analytics/dashboard", "periods are quarters, not "),
}


def _literal_text(node: ast.expr) -> str | None:
    """The literal text of a message argument (a string or an f-string), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):  # "..." + "..."
        left, right = _literal_text(node.left), _literal_text(node.right)
        return None if left is None and right is None else (left or "") + (right or "")
    return None


def written_in_messages() -> list[tuple[str, str]]:
    found = []
    for name in owned():
        tree = ast.parse((ROOT / "hgs" / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            kind = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if kind not in ERROR_CLASSES or not node.exc.args:
                continue
            text = _literal_text(node.exc.args[0])
            if text and any(ch.isalpha() for ch in text) and (name, text) not in ALLOWED:
                found.append((name, text))
    return found


def test_no_message_is_written_into_the_code():
    assert written_in_messages() == []


def test_the_guard_finds_a_message_written_into_the_code(tmp_path, monkeypatch):
    (tmp_path / "hgs" / "store").mkdir(parents=True)
    (tmp_path / "hgs" / "store" / "__init__.py").write_text(
        'def f(x):\n    raise NotFound(f"Casus {x} bestaat niet.")\n', encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert written_in_messages() == [("store/__init__", "Casus  bestaat niet.")]
