"""Sign-in tickets (the session cookie): signed and checked, expiring, useless when tampered with
or signed elsewhere, dead once the user signs out, is removed or gets another role."""

import base64
import json
import stat
import threading
import time

import pytest

from hgs.access import sessions, users

PASSWORD = "Lang-genoeg-wachtwoord"
NOW = 1_800_000_000  # 15 January 2027, as seconds since the epoch


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    users.add_user("anna", "voorzitter", None, organisations=["org-a"])
    users.add_user("admin", "beheerder", None)
    return tmp_path


def test_a_ticket_reads_back_as_what_was_issued(folder):
    anna = users.get_user("anna")
    ticket = sessions.issue(anna, now=NOW)
    assert (ticket.username, ticket.generation) == ("anna", anna.session_generation)
    assert (ticket.issued, ticket.expires) == (NOW, NOW + sessions.LIFETIME)
    assert sessions.read(ticket.token, now=NOW + 60) == ticket
    assert sessions.user_for(ticket.token, now=NOW + 60) == anna
    assert len(ticket.token) < 200  # one small cookie
    assert set(ticket.token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                    "0123456789-_.")  # nothing a cookie must quote


def test_a_ticket_expires(folder):
    ticket = sessions.issue(users.get_user("anna"), now=NOW)
    assert sessions.user_for(ticket.token, now=NOW + sessions.LIFETIME - 1) is not None
    assert sessions.read(ticket.token, now=NOW + sessions.LIFETIME) is None
    assert sessions.holder(ticket, now=NOW + sessions.LIFETIME) is None  # an open screen too
    assert not ticket.due_for_renewal(NOW + sessions.RENEW_AFTER - 1)
    assert ticket.due_for_renewal(NOW + sessions.RENEW_AFTER)


def _forged(token: str, **claims) -> str:
    body, mac = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    data.update(claims)
    new = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{new}.{mac}"


def test_a_tampered_ticket_signs_nobody_in(folder):
    token = sessions.issue(users.get_user("anna"), now=NOW).token
    body, mac = token.split(".")
    flipped = mac[:-2] + ("A" if mac[-2] != "A" else "B") + mac[-1]
    for bad in (_forged(token, u="admin"), _forged(token, exp=NOW + 10 ** 9),
                _forged(token, g=users.get_user("anna").session_generation + 1),
                f"{body}.{flipped}", body, f"{body}.", f".{mac}", f"{body}.{mac}.x", "",
                None, "x" * 5000, "%%%.%%%", "ab.cd"):
        assert sessions.read(bad, now=NOW) is None, bad
        assert sessions.user_for(bad, now=NOW) is None


def test_a_ticket_from_another_server_signs_nobody_in(folder, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    users.add_user("anna", "voorzitter", None, folder=other)
    elsewhere = sessions.issue(users.get_user("anna", other), now=NOW, folder=other).token
    assert sessions.read(elsewhere, now=NOW, folder=other) is not None
    assert sessions.read(elsewhere, now=NOW) is None  # another secret


def test_signing_out_ends_every_ticket_of_the_user_a_copied_cookie_included(folder):
    first = sessions.issue(users.get_user("anna"), now=NOW)
    second = sessions.issue(users.get_user("anna"), now=NOW + 5)  # another tab or device
    admin = sessions.issue(users.get_user("admin"), now=NOW)
    users.end_sessions("anna")
    assert sessions.user_for(first.token, now=NOW + 10) is None
    assert sessions.holder(second, now=NOW + 10) is None
    assert sessions.user_for(admin.token, now=NOW + 10) is not None  # nobody else's
    assert sessions.user_for(sessions.issue(users.get_user("anna"), now=NOW + 20).token,
                             now=NOW + 30) is not None  # signing in again works


def test_a_new_role_new_organisations_or_a_new_password_end_the_tickets(folder):
    for change in (lambda: users.update_user("anna", role="coördinator"),
                   lambda: users.update_user("anna", organisations=["org-b"]),
                   lambda: users.set_password("anna", PASSWORD)):
        ticket = sessions.issue(users.get_user("anna"), now=NOW)
        change()
        assert sessions.holder(ticket, now=NOW) is None


def test_a_new_display_name_or_a_rehashed_password_keep_the_tickets(folder):
    ticket = sessions.issue(users.get_user("anna"), now=NOW)
    users.update_user("anna", display_name="Anna de Vries", role="voorzitter",
                     organisations=["org-a"])  # the Beheer form sends all three
    users.set_password("anna", PASSWORD, end_sessions=False)
    assert sessions.holder(ticket, now=NOW).display_name == "Anna de Vries"


def test_a_removed_user_and_a_new_user_of_the_same_name_are_not_signed_in(folder):
    ticket = sessions.issue(users.get_user("anna"), now=NOW)
    users.remove_user("anna")
    assert sessions.user_for(ticket.token, now=NOW) is None
    users.add_user("anna", "beheerder", None)  # someone else, later, under the same name
    assert sessions.user_for(ticket.token, now=NOW) is None


def test_the_secret_is_made_once_readable_by_the_server_account_only(folder):
    with_threads: list[bytes] = []
    threads = [threading.Thread(target=lambda: with_threads.append(sessions.secret()))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    path = folder / sessions.SECRET_FILE
    assert len(set(with_threads)) == 1 and len(with_threads[0]) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sessions.secret() == with_threads[0]
    assert not list(folder.glob(".*.tmp"))


def test_the_users_file_keeps_the_generation_and_an_old_file_still_reads(folder):
    generation = users.get_user("anna").session_generation
    users.end_sessions("anna")
    assert json.loads((folder / "users.json").read_text())["schema"] == users.USERS_SCHEMA == 3
    assert users.get_user("anna").session_generation == generation + 1
    (folder / "users.json").write_text(json.dumps(
        {"schema": 1, "users": [{"username": "oud", "role": "beheerder"}]}))
    assert users.get_user("oud").session_generation == 0
    assert "session_generation" not in users.get_user("oud").public()


def test_checking_a_ticket_costs_microseconds(folder):
    ticket = sessions.issue(users.get_user("anna"))
    sessions.holder(ticket)
    started = time.perf_counter()
    for _ in range(1000):
        assert sessions.holder(ticket) is not None
    per_check = (time.perf_counter() - started) / 1000
    assert per_check < 0.001, per_check  # a stat of users.json and a dict look-up
