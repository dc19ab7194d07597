"""Tests for hgs.access.users and hgs.access.passwords: the users file never holds a password, an
unknown name and a wrong password look the same, usernames have one spelling, every user a
random id."""

import json
import re
import threading

import pytest

from hgs.access import login, passwords, users
from hgs.errors import InvalidInput, StorageError
from hgs.i18n import t

PASSWORD = "Zomer-Noëlle-2026!"


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
    assert t("errors.auth.sign_in_failed") == "Gebruikersnaam of wachtwoord klopt niet."


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
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
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
