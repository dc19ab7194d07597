"""Users, roles and passwords: the users file never holds a password, an unknown name and a wrong
password look the same, and the page and case rules per role."""

import json
import threading
from pathlib import Path

import pytest

from hgs import audit, auth
from hgs.errors import InvalidInput, StorageError
from hgs.model import Case, Organisation

PASSWORD = "Zomer-Noëlle-2026!"
VIEWS = Path(__file__).resolve().parent.parent / "views"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    return tmp_path


def test_the_users_file_holds_an_argon2_hash_never_the_password(folder):
    auth.add_user("anna", "voorzitter", PASSWORD, display_name="Anna de Vries")
    text = (folder / "users.json").read_text(encoding="utf-8")
    assert PASSWORD not in text
    stored = json.loads(text)["users"][0]
    assert stored["password_hash"].startswith("$argon2id$")
    every_byte = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert PASSWORD.encode() not in every_byte
    assert "password_hash" not in repr(auth.get_user("anna"))  # nor in a log of the record


def test_the_right_password_signs_in(folder):
    auth.add_user("Anna", "voorzitter", PASSWORD, organisations=["org-a"])
    user = auth.authenticate("anna", PASSWORD)
    assert user is not None and user.username == "anna" and user.organisations == ("org-a",)
    assert auth.authenticate(" ANNA ", PASSWORD) is not None


def test_unknown_user_and_wrong_password_get_the_same_answer_after_the_same_work(folder,
                                                                               monkeypatch):
    auth.add_user("anna", "voorzitter", PASSWORD)
    auth.add_user("piet@school.nl", "voorzitter")  # OIDC only: no password at all
    checks = []
    real = auth._verify
    monkeypatch.setattr(auth, "_verify", lambda h, p: checks.append(p) or real(h, p))
    answers = [auth.authenticate("anna", "verkeerd-wachtwoord"),
               auth.authenticate("niemand", PASSWORD),
               auth.authenticate("piet@school.nl", PASSWORD),
               auth.authenticate("", "")]
    assert answers == [None, None, None, None]
    assert len(checks) == 4  # an argon2 check every time, known name or not
    assert auth.SIGN_IN_FAILED == "Gebruikersnaam of wachtwoord klopt niet."


def test_a_new_password_replaces_the_old_one(folder):
    auth.add_user("anna", "voorzitter", PASSWORD)
    auth.set_password("anna", "Een-ander-wachtwoord")
    assert auth.authenticate("anna", PASSWORD) is None
    assert auth.authenticate("anna", "Een-ander-wachtwoord") is not None


@pytest.mark.parametrize("password", ["kort", "x" * 201])
def test_a_too_short_or_too_long_password_is_refused_in_dutch(folder, password):
    with pytest.raises(InvalidInput, match="wachtwoord heeft"):
        auth.add_user("anna", "voorzitter", password)
    assert auth.load_users() == {}


@pytest.mark.parametrize("username", ["", "a b", "<script>", "x" * 130, "../etc"])
def test_a_username_with_odd_characters_is_refused(folder, username):
    with pytest.raises(InvalidInput):
        auth.add_user(username, "voorzitter", PASSWORD)


def test_users_can_be_changed_and_removed_but_the_last_beheerder_stays(folder):
    auth.add_user("admin", "beheerder", PASSWORD)
    auth.add_user("anna", "voorzitter", PASSWORD)
    with pytest.raises(InvalidInput, match="anna bestaat al"):
        auth.add_user("anna", "coördinator", PASSWORD)
    assert auth.update_user("anna", role="coördinator").role == "coordinator"
    with pytest.raises(InvalidInput, match="minstens één beheerder"):
        auth.update_user("admin", role="voorzitter")
    with pytest.raises(InvalidInput, match="minstens één beheerder"):
        auth.remove_user("admin")
    auth.remove_user("anna")
    assert list(auth.load_users()) == ["admin"]
    with pytest.raises(InvalidInput, match="bestaat niet"):
        auth.remove_user("anna")


def test_a_role_must_be_one_of_the_three(folder):
    for role in ("lokaal", "deelnemer", "admin"):
        with pytest.raises(InvalidInput, match="rol"):
            auth.add_user("anna", role, PASSWORD)


def test_a_damaged_users_file_opens_nothing(folder):
    (folder / "users.json").write_text('{"users": [{"username": "x", "role": "lokaal"}]}')
    with pytest.raises(StorageError):
        auth.load_users()
    (folder / "users.json").write_text("{niet goed")
    with pytest.raises(StorageError, match="beschadigd"):
        auth.authenticate("x", PASSWORD)


def test_users_added_from_threads_are_all_kept(folder):
    def add(n: int) -> None:
        auth.add_user(f"gebruiker{n}", "voorzitter", None)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(auth.load_users()) == 12


@pytest.mark.parametrize("value,expected", [("", "uit"), ("uit", "uit"),
                                            ("wachtwoord", "wachtwoord"), (" OIDC ", "oidc")])
def test_sign_in_mode_comes_from_hgs_auth_read_at_call_time(monkeypatch, value, expected):
    monkeypatch.setenv("HGS_AUTH", value)
    assert auth.mode() == expected


def test_an_unknown_sign_in_mode_opens_nothing(monkeypatch):
    monkeypatch.setenv("HGS_AUTH", "ja")
    with pytest.raises(auth.ConfigError, match="HGS_AUTH"):
        auth.mode()


# -- roles -----------------------------------------------------------------------------------
CHAIR_PAGES = {"views/start.py", "views/voorbereiding.py", "views/presentatie.py",
               "views/voortgang.py", "views/reflectie.py",
               *(f"views/{p.name}" for p in VIEWS.glob("0*.py"))}
EXPECTED = {
    "voorzitter": CHAIR_PAGES,
    "coordinator": {"views/netwerk.py", "views/reflectie.py"},
    "beheerder": {"views/beheer.py", "views/gegevens.py"},
}


def user(role: str, organisations=()) -> auth.User:
    return auth.User(username=f"u-{role}", role=role, organisations=tuple(organisations))


@pytest.mark.parametrize("role", auth.ROLES)
def test_each_role_may_open_exactly_its_own_pages(role):
    pages = {f"views/{p.name}" for p in VIEWS.glob("*.py")} | {"views/gegevens.py"}
    assert {p for p in pages if auth.may_open(user(role), p)} == EXPECTED[role]


def test_every_page_file_has_a_rule():
    assert {f"views/{p.name}" for p in VIEWS.glob("*.py")} <= set(auth.PAGE_ROLES)
    assert not auth.may_open(user("voorzitter"), "views/onbekend.py")  # unknown: nobody


def test_the_local_user_has_every_role_and_participants_only_their_view():
    assert auth.LOCAL_USER.roles == set(auth.ROLES)
    assert all(auth.may_open(auth.LOCAL_USER, p) for p in set().union(*EXPECTED.values()))
    assert not auth.may_open(auth.LOCAL_USER, "views/meedoen.py")
    assert [p for p in auth.PAGE_ROLES if auth.may_open(auth.PARTICIPANT_USER, p)] == \
        ["views/meedoen.py"]


def test_each_role_lands_on_its_own_start_page():
    assert auth.start_page(user("voorzitter")) == "views/start.py"
    assert auth.start_page(user("coordinator")) == "views/netwerk.py"
    assert auth.start_page(user("beheerder")) == "views/beheer.py"
    assert auth.start_page(auth.LOCAL_USER) == "views/start.py"


def test_a_voorzitter_sees_only_cases_of_their_own_organisations():
    mine = Case(code="L-2026-0001", first_name="Noëlle", organisation_id="org-a")
    other = Case(code="L-2026-0002", first_name="Bram", organisation_id="org-b")
    chair = user("voorzitter", ["org-a"])
    assert auth.can_see_case(chair, mine) and not auth.can_see_case(chair, other)
    assert auth.visible_cases(chair, [mine, other]) == [mine]
    assert not auth.can_see_case(user("coordinator"), mine)  # totals only
    assert auth.can_see_case(user("beheerder"), other)  # may export and erase
    assert auth.can_see_case(auth.LOCAL_USER, other)
    assert not auth.can_see_case(None, mine)
    orgs = [Organisation(id="org-a", name="A", sector="PO"),
            Organisation(id="org-b", name="B", sector="PO")]
    assert [o.id for o in auth.own_organisations(chair, orgs)] == ["org-a"]
    assert auth.own_organisations(user("beheerder"), orgs) == orgs


# -- command line ------------------------------------------------------------------------------
def test_the_first_beheerder_is_made_on_the_command_line_with_the_password_from_env(
        folder, monkeypatch, capsys):
    monkeypatch.setenv("HGS_NEW_PASSWORD", PASSWORD)
    assert auth.main(["add-user", "--role", "beheerder", "--name", "Bea", "bea"]) == 0
    assert auth.authenticate("bea", PASSWORD).role == "beheerder"
    assert auth.main(["list-users"]) == 0
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err
    lines = audit.entries(audit.months()[0])
    assert [(e["what"], e["detail"]) for e in lines] == [("user-changed", "add-user bea")]


def test_the_command_line_asks_the_password_twice_with_getpass(folder, monkeypatch, capsys):
    monkeypatch.delenv("HGS_NEW_PASSWORD", raising=False)
    typed = iter([PASSWORD, PASSWORD, PASSWORD, "iets-anders-dan"])
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt="": next(typed))
    assert auth.main(["--data-dir", str(folder), "add-user", "--role", "beheerder", "bea"]) == 0
    assert auth.main(["set-password", "bea"]) == 1  # the two did not match
    assert "niet gelijk" in capsys.readouterr().err
    assert auth.authenticate("bea", PASSWORD) is not None


def test_the_command_line_adds_an_oidc_user_without_password(folder):
    assert auth.main(["add-user", "--role", "voorzitter", "--organisation", "org-a",
                      "--no-password", "Anna@School.nl"]) == 0
    anna = auth.get_user("anna@school.nl")
    assert anna.password_hash is None and anna.organisations == ("org-a",)


def test_five_wrong_passwords_lock_the_name_for_a_while_then_it_opens_again(folder):
    auth.add_user("anna", "voorzitter", PASSWORD)
    for attempt in range(auth.MAX_FAILURES):
        assert auth.authenticate("anna", f"verkeerd-{attempt}", now=1000.0 + attempt) is None
    with pytest.raises(auth.SignInLocked, match="Probeer het over 15 minuten opnieuw"):
        auth.authenticate("anna", PASSWORD, now=1010.0)  # even the right password waits
    with pytest.raises(auth.SignInLocked, match="over een minuut opnieuw"):
        auth.authenticate("Anna ", PASSWORD, now=1004.0 + auth.LOCKOUT - 30)
    user = auth.authenticate("anna", PASSWORD, now=1004.0 + auth.LOCKOUT)
    assert user is not None and user.username == "anna"


def test_an_unknown_name_is_locked_the_same_way_and_others_are_not(folder):
    auth.add_user("anna", "voorzitter", PASSWORD)
    for attempt in range(auth.MAX_FAILURES):
        assert auth.authenticate("niemand", PASSWORD, now=2000.0 + attempt) is None
    with pytest.raises(auth.SignInLocked):
        auth.authenticate("niemand", PASSWORD, now=2010.0)
    assert auth.authenticate("anna", PASSWORD, now=2010.0) is not None


def test_failures_spread_out_or_followed_by_a_success_do_not_lock(folder):
    auth.add_user("anna", "voorzitter", PASSWORD)
    for attempt in range(2 * auth.MAX_FAILURES):  # one a quarter of an hour: never five at once
        assert auth.authenticate("anna", "verkeerd", now=attempt * auth.FAILURE_WINDOW) is None
    start = 100 * auth.FAILURE_WINDOW
    for attempt in range(auth.MAX_FAILURES - 1):
        auth.authenticate("anna", "verkeerd", now=start + attempt)
    assert auth.authenticate("anna", PASSWORD, now=start + 10) is not None  # resets the count
    for attempt in range(auth.MAX_FAILURES - 1):
        assert auth.authenticate("anna", "verkeerd", now=start + 20 + attempt) is None
    assert auth.authenticate("anna", PASSWORD, now=start + 30) is not None


def test_the_lock_message_follows_the_language_and_keeps_no_name(folder):
    from hgs.i18n import using

    for attempt in range(auth.MAX_FAILURES):
        auth.authenticate("geheim-wachtwoord-in-het-naamveld", "x", now=float(attempt))
    with using("en"), pytest.raises(auth.SignInLocked, match="Too many wrong passwords"):
        auth.authenticate("geheim-wachtwoord-in-het-naamveld", "x", now=10.0)
    assert "geheim" not in repr(auth.failed_sign_ins._failures)
