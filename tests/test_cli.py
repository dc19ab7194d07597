"""Tests for hgs.access.cli (`python -m hgs.auth`): users are made, listed and changed from the
command line, the password never shows, and every change is in the audit log."""

import pytest

from hgs.access import audit, cli, login, users

PASSWORD = "Zomer-Noëlle-2026!"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    return tmp_path


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
