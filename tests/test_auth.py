"""Users, roles and passwords: the users file never holds a password, an unknown name and a wrong
password look the same, and the page and case rules per role."""

import json
import re
import threading
from pathlib import Path

import pytest

from hgs import pages
from hgs.access import audit
from hgs.access import cli, login, passwords, roles, users
from hgs.errors import InvalidInput, StorageError
from hgs.method.records import Case, Organisation

PASSWORD = "Zomer-Noëlle-2026!"
VIEWS = Path(__file__).resolve().parent.parent / "views"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    return tmp_path


def test_the_users_file_holds_an_argon2_hash_never_the_password(folder):
    users.add_user("anna", "voorzitter", PASSWORD, display_name="Anna de Vries")
    text = (folder / "users.json").read_text(encoding="utf-8")
    assert PASSWORD not in text
    stored = json.loads(text)["users"][0]
    assert stored["password_hash"].startswith("$argon2id$")
    every_byte = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert PASSWORD.encode() not in every_byte
    assert "password_hash" not in repr(users.get_user("anna"))  # nor in a log of the record


def test_the_right_password_signs_in(folder):
    users.add_user("Anna", "voorzitter", PASSWORD, organisations=["org-a"])
    user = login.authenticate("anna", PASSWORD)
    assert user is not None and user.username == "anna" and user.organisations == ("org-a",)
    assert login.authenticate(" ANNA ", PASSWORD) is not None


def test_unknown_user_and_wrong_password_get_the_same_answer_after_the_same_work(folder,
                                                                               monkeypatch):
    users.add_user("anna", "voorzitter", PASSWORD)
    users.add_user("piet@school.nl", "voorzitter")  # OIDC only: no password at all
    checks = []
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda h, p: checks.append(p) or real(h, p))
    answers = [login.authenticate("anna", "verkeerd-wachtwoord"),
               login.authenticate("niemand", PASSWORD),
               login.authenticate("piet@school.nl", PASSWORD),
               login.authenticate("", "")]
    assert answers == [None, None, None, None]
    assert len(checks) == 4  # an argon2 check every time, known name or not
    assert login.SIGN_IN_FAILED == "Gebruikersnaam of wachtwoord klopt niet."


def test_a_new_password_replaces_the_old_one(folder):
    users.add_user("anna", "voorzitter", PASSWORD)
    users.set_password("anna", "Een-ander-wachtwoord")
    assert login.authenticate("anna", PASSWORD) is None
    assert login.authenticate("anna", "Een-ander-wachtwoord") is not None


@pytest.mark.parametrize("password", ["kort", "x" * 201])
def test_a_too_short_or_too_long_password_is_refused_in_dutch(folder, password):
    with pytest.raises(InvalidInput, match="wachtwoord heeft"):
        users.add_user("anna", "voorzitter", password)
    assert users.load_users() == {}


@pytest.mark.parametrize("username", ["", "a b", "<script>", "x" * 130, "../etc"])
def test_a_username_with_odd_characters_is_refused(folder, username):
    with pytest.raises(InvalidInput):
        users.add_user(username, "voorzitter", PASSWORD)


def test_users_can_be_changed_and_removed_but_the_last_beheerder_stays(folder):
    users.add_user("admin", "beheerder", PASSWORD)
    users.add_user("anna", "voorzitter", PASSWORD)
    with pytest.raises(InvalidInput, match="anna bestaat al"):
        users.add_user("anna", "coördinator", PASSWORD)
    assert users.update_user("anna", role="coördinator").role == "coordinator"
    with pytest.raises(InvalidInput, match="minstens één beheerder"):
        users.update_user("admin", role="voorzitter")
    with pytest.raises(InvalidInput, match="minstens één beheerder"):
        users.remove_user("admin")
    users.remove_user("anna")
    assert list(users.load_users()) == ["admin"]
    with pytest.raises(InvalidInput, match="bestaat niet"):
        users.remove_user("anna")


def test_a_role_must_be_one_of_the_three(folder):
    for role in ("lokaal", "deelnemer", "admin"):
        with pytest.raises(InvalidInput, match="rol"):
            users.add_user("anna", role, PASSWORD)


def test_a_damaged_users_file_opens_nothing(folder):
    (folder / "users.json").write_text('{"users": [{"username": "x", "role": "lokaal"}]}')
    with pytest.raises(StorageError):
        users.load_users()
    (folder / "users.json").write_text("{niet goed")
    with pytest.raises(StorageError, match="beschadigd"):
        login.authenticate("x", PASSWORD)


@pytest.mark.parametrize("content", [
    b"{niet goed", b"\xff\xfe\x00kapot", b"", b"[]", b'{"users": 5}', b'{"users": [5]}',
    b'{"schema": "twee", "users": []}', b"[" * 100_000, b'{"schema": 99, "users": []}',
    b'{"users": [{"username": "Anna", "role": "voorzitter"},'
    b' {"username": "anna", "role": "beheerder"}]}',
    b'{"users": [{"username": "anna", "role": "voorzitter", "id": "u_00000000000000aa"},'
    b' {"username": "bea", "role": "beheerder", "id": "u_00000000000000aa"}]}',
], ids=["json", "bytes", "empty", "list", "users", "entry", "schema", "deep", "newer",
        "twice", "same-id"])
def test_every_damaged_users_file_is_a_storage_error_never_another_exception(folder, content):
    (folder / "users.json").write_bytes(content)
    with pytest.raises(StorageError) as refused:
        users.load_users()
    assert "users.json" in str(refused.value)
    with pytest.raises(StorageError):
        login.authenticate("anna", PASSWORD)


def test_users_added_from_threads_are_all_kept(folder):
    def add(n: int) -> None:
        users.add_user(f"gebruiker{n}", "voorzitter", None)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(users.load_users()) == 12


@pytest.mark.parametrize("value,expected", [("", "uit"), ("uit", "uit"),
                                            ("wachtwoord", "wachtwoord"), (" OIDC ", "oidc")])
def test_sign_in_mode_comes_from_hgs_auth_read_at_call_time(monkeypatch, value, expected):
    monkeypatch.setenv("HGS_AUTH", value)
    assert login.mode() == expected


def test_an_unknown_sign_in_mode_opens_nothing(monkeypatch):
    monkeypatch.setenv("HGS_AUTH", "ja")
    with pytest.raises(login.ConfigError, match="HGS_AUTH"):
        login.mode()


# -- roles -----------------------------------------------------------------------------------
CHAIR_PAGES = {pages.START.path, pages.PREPARATION.path, pages.PRESENTATION.path,
               pages.PROGRESS.path, pages.REFLECTION.path,
               *(f"views/{p.name}" for p in VIEWS.glob("0*.py"))}
EXPECTED = {
    "voorzitter": CHAIR_PAGES,
    "coordinator": {pages.NETWORK.path, pages.REFLECTION.path},
    "beheerder": {pages.ADMIN.path, pages.DATA.path},
}


def user(role: str, organisations=()) -> users.User:
    return users.User(username=f"u-{role}", role=role, organisations=tuple(organisations))


@pytest.mark.parametrize("role", roles.ROLES)
def test_each_role_may_open_exactly_its_own_pages(role):
    found = {f"views/{p.name}" for p in VIEWS.glob("*.py")} | {pages.DATA.path}
    assert {p for p in found if roles.may_open(user(role), p)} == EXPECTED[role]


def test_every_page_file_has_a_rule():
    assert {f"views/{p.name}" for p in VIEWS.glob("*.py")} <= {p.path for p in pages.PAGES}
    assert not roles.may_open(user("voorzitter"), "views/onbekend.py")  # unknown: nobody


def test_the_local_user_has_every_role_and_participants_only_their_view():
    assert users.LOCAL_USER.roles == set(roles.ROLES)
    assert all(roles.may_open(users.LOCAL_USER, p) for p in set().union(*EXPECTED.values()))
    assert not roles.may_open(users.LOCAL_USER, pages.JOIN.path)
    assert [p.path for p in pages.PAGES if roles.may_open(users.PARTICIPANT_USER, p.path)] == \
        [pages.JOIN.path]


def test_each_role_lands_on_its_own_start_page():
    assert roles.start_page(user("voorzitter")) == pages.START.path
    assert roles.start_page(user("coordinator")) == pages.NETWORK.path
    assert roles.start_page(user("beheerder")) == pages.ADMIN.path
    assert roles.start_page(users.LOCAL_USER) == pages.START.path


def test_a_voorzitter_sees_only_cases_of_their_own_organisations():
    mine = Case(code="L-2026-0001", first_name="Noëlle", organisation_id="org-a")
    other = Case(code="L-2026-0002", first_name="Bram", organisation_id="org-b")
    chair = user("voorzitter", ["org-a"])
    assert roles.can_see_case(chair, mine) and not roles.can_see_case(chair, other)
    assert roles.visible_cases(chair, [mine, other]) == [mine]
    assert not roles.can_see_case(user("coordinator"), mine)  # totals only
    assert roles.can_see_case(user("beheerder"), other)  # may export and erase
    assert roles.can_see_case(users.LOCAL_USER, other)
    assert not roles.can_see_case(None, mine)
    orgs = [Organisation(id="org-a", name="A", sector="PO"),
            Organisation(id="org-b", name="B", sector="PO")]
    assert [o.id for o in roles.own_organisations(chair, orgs)] == ["org-a"]
    assert roles.own_organisations(user("beheerder"), orgs) == orgs


# -- command line ------------------------------------------------------------------------------
def test_the_first_beheerder_is_made_on_the_command_line_with_the_password_from_env(
        folder, monkeypatch, capsys):
    monkeypatch.setenv("HGS_NEW_PASSWORD", PASSWORD)
    assert cli.main(["add-user", "--role", "beheerder", "--name", "Bea", "bea"]) == 0
    assert login.authenticate("bea", PASSWORD).role == "beheerder"
    assert cli.main(["list-users"]) == 0
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err
    lines = audit.entries(audit.months()[0])
    assert [(e["what"], e["detail"]) for e in lines] == [("user-changed", "add-user bea")]


def test_the_command_line_asks_the_password_twice_with_getpass(folder, monkeypatch, capsys):
    monkeypatch.delenv("HGS_NEW_PASSWORD", raising=False)
    typed = iter([PASSWORD, PASSWORD, PASSWORD, "iets-anders-dan"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(typed))
    assert cli.main(["--data-dir", str(folder), "add-user", "--role", "beheerder", "bea"]) == 0
    assert cli.main(["set-password", "bea"]) == 1  # the two did not match
    assert "niet gelijk" in capsys.readouterr().err
    assert login.authenticate("bea", PASSWORD) is not None


def test_the_command_line_adds_an_oidc_user_without_password(folder):
    assert cli.main(["add-user", "--role", "voorzitter", "--organisation", "org-a",
                      "--no-password", "Anna@School.nl"]) == 0
    anna = users.get_user("anna@school.nl")
    assert anna.password_hash is None and anna.organisations == ("org-a",)


# -- usernames and user ids -----------------------------------------------------------------------
def test_usernames_are_normalised_once_and_unique_after_it(folder):
    users.add_user("Anna.B", "voorzitter", PASSWORD)
    users.add_user("anna-b", "voorzitter", "Een-ander-wachtwoord")  # another person
    assert sorted(users.load_users()) == ["anna-b", "anna.b"]
    for same in ("anna.b", " ANNA.B ", "\uff41\uff4e\uff4e\uff41.\uff42"):  # full-width: NFKC
        assert users.normal_username(same) == "anna.b"
        assert users.get_user(same).username == "anna.b"
        with pytest.raises(InvalidInput, match="bestaat al"):
            users.add_user(same, "coordinator", PASSWORD)
    assert login.authenticate("ANNA.B", PASSWORD).username == "anna.b"
    assert login.authenticate("anna-b", PASSWORD) is None  # not the same account
    assert users.get_user("anna_b") is None


def test_every_user_has_a_random_id_that_stays_with_them(folder):
    first = users.add_user("anna.b", "voorzitter", PASSWORD)
    other = users.add_user("anna-b", "beheerder", PASSWORD)
    assert re.fullmatch(users.USER_ID, first.id) and re.fullmatch(users.USER_ID, other.id)
    assert first.id != other.id
    users.update_user("anna.b", role="coordinator", display_name="Anna B.")
    users.set_password("anna.b", "Een-ander-wachtwoord")
    users.end_sessions("anna.b")
    assert users.get_user("anna.b").id == first.id
    assert json.loads((folder / "users.json").read_text("utf-8"))["schema"] == 3
    users.remove_user("anna.b")
    assert users.add_user("anna.b", "voorzitter", PASSWORD).id != first.id  # a new person


def test_a_users_file_of_schema_2_gets_ids_once_and_keeps_them(folder):
    old = {"schema": 2, "users": [
        {"username": "anna.b", "role": "voorzitter", "organisations": ["org-a"],
         "password_hash": passwords.hash_password(PASSWORD), "session_generation": 7},
        {"username": "bea", "role": "beheerder", "display_name": "Bea",
         "password_hash": None, "session_generation": 0}]}
    (folder / "users.json").write_text(json.dumps(old), encoding="utf-8")
    loaded = users.load_users()
    assert all(re.fullmatch(users.USER_ID, u.id) for u in loaded.values())
    stored = json.loads((folder / "users.json").read_text("utf-8"))
    assert stored["schema"] == users.USERS_SCHEMA == 3
    assert {u["username"]: u["id"] for u in stored["users"]} == \
        {name: u.id for name, u in loaded.items()}
    assert users.load_users() == loaded  # read again: the same ids
    anna = login.authenticate("anna.b", PASSWORD)
    assert anna.session_generation == 7 and anna.organisations == ("org-a",)
