"""The network rules in the app (AppTest, with the browser's address and Host as a real
server would report them): another device without sign-in sees only a join link's page, a
foreign Host sees nothing, the QR link carries this computer's network address, a failing page
shows a Dutch message and no details."""

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import joining as live
from hgs.ui import netgate as ui_net

ROOT = Path(__file__).resolve().parents[2]
OWN = ["127.0.0.1", "::1", "192.168.1.20"]


@pytest.fixture
def network(monkeypatch):
    """This computer is `laptop` at 192.168.1.20; `browser(...)` sets who is asking."""
    monkeypatch.setattr(ui_net, "_machine", lambda: (["laptop"], OWN, ["192.168.1.20"]))
    monkeypatch.delenv("HGS_PUBLIC_URL", raising=False)

    def browser(host: str = "localhost:8501", ip: str = "127.0.0.1", proxied: bool = False):
        monkeypatch.setattr(ui_net, "client", lambda: ui_net.Client(host, ip, proxied))

    return browser


def run(case=None, meeting=None, **params) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    if case:
        at.session_state["active_case"] = case.id
        at.session_state["active_meeting"] = meeting.id if meeting else None
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def everything_shown(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "error",
                                  "warning", "info", "success", "code")
             for e in getattr(at, kind)]
    parts += [e.value for e in at.sidebar.markdown] + [e.value for e in at.sidebar.caption]
    parts += [str(getattr(w, "value", "")) for w in at.text_input] + \
             [str(getattr(w, "value", "")) for w in at.text_area]
    return " ".join(str(p) for p in parts)


def nothing_of_the_case(at: AppTest, case) -> None:
    shown = everything_shown(at)
    assert case.first_name not in shown and case.code not in shown
    assert "Actieve casus" not in shown
    assert not at.text_input and not at.text_area and not at.button  # no widget of any page


@pytest.mark.parametrize("ip", ["192.168.1.50", "::ffff:192.168.1.50", "fd00::50", "garbage"])
@pytest.mark.parametrize("page", [None, pages.for_step(1).path, pages.PROGRESS.path,
                                  pages.NETWORK.path, pages.ADMIN.path, pages.JOIN.path])
def test_another_device_without_sign_in_sees_a_dutch_sentence_and_nothing_of_a_case(
        data, network, ip, page):
    store, case, meeting = data
    network(host="192.168.1.20:8501", ip=ip)
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id  # even a session that knows the case
    at.session_state["active_meeting"] = meeting.id
    at.query_params["case"] = case.id
    at.query_params["meeting"] = meeting.id
    at.run()
    if page:  # a deep link to a page: the same refusal before the page runs
        at.switch_page(page)
    at.run()
    assert not at.exception
    assert "alleen op de computer waarop HGS draait" in at.error[0].value
    nothing_of_the_case(at, case)


def test_this_computer_opens_the_chairs_pages(data, network):
    store, case, meeting = data
    for ip, host in [("127.0.0.1", "localhost:8501"), ("::ffff:127.0.0.1", "127.0.0.1:8501"),
                     ("192.168.1.20", "192.168.1.20:8501"), ("::1", "[::1]:8501")]:
        network(host=host, ip=ip)
        at = run(case, meeting)
        assert not at.error, (ip, host)
        assert "Joris" in " ".join(c.value for c in at.sidebar.caption)


def test_behind_a_proxy_without_sign_in_the_chairs_pages_stay_closed(data, network):
    store, case, meeting = data
    network(host="localhost:8501", ip="127.0.0.1", proxied=True)
    at = run(case, meeting)
    assert "alleen op de computer waarop HGS draait" in at.error[0].value
    nothing_of_the_case(at, case)


def test_another_device_with_a_valid_join_link_gets_the_participant_page(data, network):
    store, case, meeting = data
    token = live.open_joining(store, case.id, meeting.id)
    network(host="192.168.1.20:8501", ip="192.168.1.50")
    at = run(t=token)
    assert not at.error and "Joris" in at.title[0].value
    at.text_input(key="join-name").set_value("Fatima")
    at.selectbox(key="join-role").set_value("ouder/verzorger").run()  # no default role
    at.text_area(key="join-t-text").set_value("Fijn dat we samen keken")
    labels = [b.label for b in at.button]
    at.button[len(labels) - 1 - labels[::-1].index("Toevoegen")].click().run()
    saved = store.get_meeting(case.id, meeting.id)
    assert [(x.text, x.by) for x in saved.tops_tips] == [("Fijn dat we samen keken",
                                                         "Fatima (ouder/verzorger)")]


@pytest.mark.parametrize("token", ["", "verkeerd"])
def test_another_device_with_a_wrong_join_link_sees_nothing_of_the_case(data, network, token):
    store, case, meeting = data
    live.open_joining(store, case.id, meeting.id)
    network(host="192.168.1.20:8501", ip="192.168.1.50")
    at = run(t=token)
    assert "Deze link werkt niet" in at.error[0].value
    shown = everything_shown(at)
    assert case.first_name not in shown and case.code not in shown


@pytest.mark.parametrize("host", ["evil.example:8501", "localhost.evil.example", "", None,
                                  "192.168.1.21:8501"])
@pytest.mark.parametrize("sign_in", ["", "wachtwoord"])
def test_a_foreign_host_is_refused_whoever_asks(data, network, monkeypatch, host, sign_in):
    store, case, meeting = data
    token = live.open_joining(store, case.id, meeting.id)
    monkeypatch.setenv("HGS_AUTH", sign_in)
    network(host=host, ip="127.0.0.1")  # a page on this computer, under another name
    for params in ({}, {"t": token}):
        at = run(case, meeting, **params)
        assert not at.exception
        assert "Dit adres hoort niet bij HGS" in at.error[0].value
        nothing_of_the_case(at, case)


def test_the_public_url_host_is_this_servers(data, network, monkeypatch):
    store, case, meeting = data
    monkeypatch.setenv("HGS_PUBLIC_URL", "https://hgs.school.nl/")
    network(host="hgs.school.nl", ip="127.0.0.1")
    assert not run(case, meeting).error


def test_with_sign_in_another_device_gets_the_sign_in_page(data, network, monkeypatch):
    store, case, meeting = data
    monkeypatch.setenv("HGS_AUTH", "wachtwoord")
    network(host="192.168.1.20:8501", ip="192.168.1.50")
    at = run(case, meeting)
    assert not at.error
    assert at.title[0].value == "Inloggen bij HGS"
    shown = everything_shown(at)
    assert "Joris" not in shown and case.code not in shown


def test_streamlits_allowed_hosts_option_is_the_list_when_set(data, network):
    store, case, meeting = data
    network(host="laptop:8501", ip="127.0.0.1")
    assert not run(case, meeting).error  # the computer's own name
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    # as `python -m hgs.launch` starts it: exactly these names, nothing worked out
    from streamlit import config
    old = config.get_option("server.allowedHosts")
    config.set_option("server.allowedHosts", ["localhost", "127.0.0.1"])
    try:
        at.run()
    finally:
        config.set_option("server.allowedHosts", old)
    assert "Dit adres hoort niet bij HGS" in at.error[0].value


# -- the address in the QR code and the link ---------------------------------------------------
def join_step_9(store, case, meeting) -> AppTest:
    live.open_joining(store, case.id, meeting.id)
    at = run(case, meeting)
    at.switch_page(pages.for_step(9).path).run()
    assert not at.exception
    return at


def test_the_join_link_carries_this_computers_network_address(data, network):
    store, case, meeting = data
    network(host="127.0.0.1:8501", ip="127.0.0.1")
    at = join_step_9(store, case, meeting)
    token = store.get_meeting(case.id, meeting.id).join_token
    assert [c.value for c in at.code] == [f"http://192.168.1.20:8501/?t={token}"]
    assert at.get("image")  # the QR code beside it


def test_the_join_link_carries_the_public_url_when_set(data, network, monkeypatch):
    store, case, meeting = data
    monkeypatch.setenv("HGS_PUBLIC_URL", "https://hgs.school.nl/")
    network(host="localhost:8501", ip="127.0.0.1")
    at = join_step_9(store, case, meeting)
    token = store.get_meeting(case.id, meeting.id).join_token
    assert [c.value for c in at.code] == [f"https://hgs.school.nl/?t={token}"]


def test_without_a_network_the_join_panel_says_so(data, network, monkeypatch):
    store, case, meeting = data
    monkeypatch.setattr(ui_net, "_machine", lambda: (["laptop"], ["127.0.0.1", "::1"], []))
    network(host="localhost:8501", ip="127.0.0.1")
    at = join_step_9(store, case, meeting)
    assert not at.code and not at.get("image")
    assert any("geen netwerkadres dat een telefoon kan bereiken" in w.value for w in at.warning)
    at.button(key=f"m-{meeting.id}-join-close").click().run()  # closing still works
    assert not store.get_meeting(case.id, meeting.id).join_open


# -- error details -----------------------------------------------------------------------------
def test_config_shows_no_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_a_failing_page_shows_a_dutch_message_and_no_details(data, network, monkeypatch,
                                                              caplog):
    from hgs.method import cases

    def broken(*args, **kwargs):
        raise RuntimeError("/geheim/pad/cases.py regel 42")

    monkeypatch.setattr(cases, "find_cases", broken)
    at = run()
    at.switch_page(pages.START.path).run()  # Start searches the cases
    assert not at.exception  # Streamlit's own (English) error box is not reached
    assert "Er ging iets mis op deze pagina" in at.error[0].value
    assert "geheim" not in everything_shown(at)
    assert "RuntimeError: /geheim/pad/cases.py regel 42" in caplog.text  # the log has it
