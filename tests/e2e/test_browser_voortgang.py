"""The demo network in Chromium: Voortgang at 1920×1080 draws every chart of a case, and a
follow-up MDO planned from Start asks a new score for each earlier goal, kept after a reload."""

from __future__ import annotations

from pathlib import Path

from conftest import wait_idle

from hgs.analytics import goals as analytics

SCREENS = Path(__file__).resolve().parent / "screens"
DESKTOP = {"width": 1920, "height": 1080}


def busiest_case(store) -> str:
    return max(store.case_ids(), key=lambda c: len(store.meetings(c)))


def test_voortgang_draws_goal_lines_t_scores_and_tops_tips(demo_server, browser):
    server, store = demo_server
    case_id = busiest_case(store)
    meetings = store.meetings(case_id)
    expected = analytics.goal_scores(meetings).goal_id.nunique() + 2
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/voortgang?case={case_id}")
    wait_idle(page)
    page.wait_for_function("n => document.querySelectorAll('.js-plotly-plot').length >= n",
                           arg=expected, timeout=20_000)
    assert page.locator(".js-plotly-plot").count() == expected
    assert page.get_by_text("Doelrealisatie per MDO (GAS T-score)").count() == 1
    assert page.get_by_role("heading", name="Afspraken").count() == 1
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENS / "voortgang-desktop.png"))
    page.close()


def test_follow_up_from_start_asks_and_keeps_a_score_per_goal(demo_server, browser):
    server, store = demo_server
    case_id = busiest_case(store)
    before = store.meetings(case_id)
    goals = [g for g in before[-1].goals if not g.dropped]
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/start?case={case_id}")
    wait_idle(page)
    page.get_by_role("button", name="MDO aanmaken").click()
    page.wait_for_url("**/voorbereiding?*")
    wait_idle(page)
    query = page.url.split("?", 1)[1]
    follow = store.meetings(case_id)[-1]
    assert len(store.meetings(case_id)) == len(before) + 1 and follow.kind == "evaluatie"

    page.goto(f"{server.url}/stap-9?{query}")
    wait_idle(page)
    scores = page.locator('[class*="-scores-"] input')
    assert scores.count() == len(goals)
    scores.first.fill("7")
    scores.first.press("Enter")
    wait_idle(page)
    page.reload()
    wait_idle(page)
    assert page.locator('[class*="-scores-"] input').first.input_value() == "7"
    saved = store.get_meeting(case_id, follow.id).scores
    assert sorted(saved) == sorted(g.id for g in goals)
    assert saved[goals[0].id] == 7
    page.close()
