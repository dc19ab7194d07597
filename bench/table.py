"""Benchmark: a full table, live (issue 18, part 6). A real `streamlit run` on a fresh data folder
(or a fresh PostgreSQL schema), one follow-up MDO made through hgs functions with joining open,
and in headless Chromium: the chair's step 9 page, the Presentatie screen at step 9 and 12
participants, each in a browser context of their own at a phone viewport on the join link the
chair's page shows. For --minutes each participant adds a top or tip (text with a unique id) or
gives a score, one every 10–30 s at random. Measured:
- entry → screen: from the participant's submit click to the entry on the chair's screen and on
  the projector's (a poll in each page every 50 ms records when each id first appears; scores
  are counted per participant on the chair's screen, the projector does not show them);
- floors in the same run: the entry back on the participant's own page (their own rerun, no
  polling), and a trivial page's round trip (a wrong join link: load → its message);
- lost: entries clicked that are not in the stored meeting afterwards;
- the server's CPU (utime+stime of the streamlit process and children, as a fraction of one
  core over 10-s windows) and RSS (VmRSS, peak VmHWM), beside the same with 0 participants
  (the chair's and projector's polling fragments alone) for --idle seconds first.
The browsers run at nice 10 (`--nice 0`: not) on the same 2 cores as the server.

    python bench/table.py [--minutes 5] [--participants 12] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

from bench import live as bench  # noqa: E402
from hgs.access import joining  # noqa: E402
from hgs.method import cycle  # noqa: E402
from hgs.method.records import Case, Goal, Organisation  # noqa: E402
from hgs.store import open_store  # noqa: E402

ROLES = ["ouder/verzorger", "leerkracht/mentor", "intern begeleider (IB'er)", "zorgcoördinator",
         "teamleider", "directie", "netwerk van het gezin", "kind/jongere"]

# Records when each entry id first shows on the page, and each participant's score count there.
PROBE = """(own) => {
  if (window.__probe) return;
  const seen = {}, scores = {};
  window.__probe = {seen, scores};
  const look = () => {
    const now = Date.now();
    let text;
    if (own) {
      text = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
        .map(e => e.textContent).join('\\n');
    } else {
      text = document.body.textContent + '\\n' +
        [...document.querySelectorAll('textarea')].map(e => e.value).join('\\n');
    }
    for (const m of text.matchAll(/LIVE-\\d+-\\d+-\\d+/g)) if (!(m[0] in seen)) seen[m[0]] = now;
    if (own) return;
    const counts = {};
    for (const m of text.matchAll(/\\d+ \\((Deelnemer \\d+) \\(/g))
      counts[m[1]] = (counts[m[1]] || 0) + 1;
    for (const [who, n] of Object.entries(counts)) {
      const times = scores[who] || (scores[who] = []);
      while (times.length < n) times.push(now);
    }
  };
  setInterval(look, 50);
}"""


def make_meeting(store):
    """A case with a first MDO (two goals) and today's follow-up, which scores them; joining
    open on the follow-up."""
    org = store.save_organisation(Organisation(name="Kindcentrum De Tafel", sector="PO"))
    case = store.create_case(Case(code="L-2026-1212", first_name="Noor", organisation_id=org.id))
    first = cycle.start_meeting(store, case.id, dt.date.today() - dt.timedelta(days=90))
    store.update_meeting(case.id, first.id, lambda m: setattr(m, "goals", [
        Goal(area="kind", text="Noor vraagt om hulp als ze vastloopt", start=3, target=7)]))
    store.update_meeting(case.id, first.id, lambda m: setattr(m, "status", "afgerond"))
    meeting = cycle.start_meeting(store, case.id, dt.date.today())
    store.update_meeting(case.id, meeting.id, lambda m: setattr(m, "status", "gestart"))
    joining.open_joining(store, case.id, meeting.id)
    return case, store.get_meeting(case.id, meeting.id)


class Participant:
    def __init__(self, number: int, browser, link: str, goal_id: str) -> None:
        self.number, self.name = number, f"Deelnemer {number:02d}"
        self.role = ROLES[number % len(ROLES)]
        self.goal_id = goal_id
        self.context = browser.new_context(viewport={"width": 390, "height": 844},
                                           is_mobile=True, has_touch=True)
        self.page = self.context.new_page()
        self.link = link
        self.entries: dict[str, float] = {}  # id -> click time (ms)
        self.scores: list[float] = []  # click times (ms)
        self.errors = 0

    def join(self) -> None:
        page = self.page
        for attempt in range(3):  # a first connection on a busy machine can miss the wait
            try:
                page.goto(self.link)
                bench.wait_idle(page, timeout=60_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        page.locator(".st-key-join-name input").fill(self.name)
        page.locator(".st-key-join-name input").press("Enter")
        bench.wait_idle(page)
        page.locator(".st-key-join-role").get_by_role("combobox").click()
        page.get_by_role("option", name=self.role, exact=True).click()
        bench.wait_idle(page)
        page.evaluate(PROBE, True)

    def _ready(self) -> None:
        """The previous submit has been handled (the page idle again)."""
        self.page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', state="attached",
            timeout=30_000)

    def act(self, rng: random.Random) -> None:
        self._ready()
        page = self.page
        if rng.random() < 0.25:
            page.get_by_role("tab", name="Scores").click()
            slider = page.locator(f".st-key-join-s-{self.goal_id} input[type=range]")
            slider.focus()
            for _ in range(rng.randint(1, 4)):
                slider.press(rng.choice(["ArrowRight", "ArrowLeft"]))
            self.scores.append(time.time() * 1000)
            page.get_by_role("button", name="Scores geven").click()
            return
        page.get_by_role("tab", name="Tops en tips").click()
        entry = f"LIVE-{self.number:02d}-{len(self.entries) + 1:03d}-{int(time.time() * 1000)}"
        if rng.random() < 0.5:
            page.get_by_text("Tip: wat kan beter").click()
        else:
            page.get_by_text("Top: wat ging goed").click()
        page.locator(".st-key-join-t-text textarea").fill(f"{entry} fijn overleg")
        self.entries[entry] = time.time() * 1000
        page.get_by_role("button", name="Toevoegen").click()


def trivial_round_trip(browser, base: str, repeat: int = 5) -> float:
    """A trivial page: a wrong join link, from load to its message, median of `repeat`."""
    times = []
    for _ in range(repeat):
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        started = time.perf_counter()
        page.goto(f"{base}/?t=verkeerd")
        page.get_by_text("Deze link werkt niet").wait_for(timeout=30_000)
        times.append(time.perf_counter() - started)
        page.context.close()
    return bench.median(times)


def delays(clicks: dict[str, float], seen: dict[str, float]) -> list[float]:
    return [(seen[k] - t) / 1000 for k, t in clicks.items() if k in seen]


def run(args, target_env: dict, store) -> dict:
    case, meeting = make_meeting(store)
    goal_id = cycle.goals_to_score(meeting)[0].id
    with tempfile.TemporaryDirectory(prefix="hgs-bench-table-") as tmp, \
            bench.running_server(Path(tmp) if "HGS_DATABASE_URL" in target_env
                                 else store.data_dir, HGS_DEMO="0", **target_env) as server:
        pid = bench.streamlit_pid()
        with bench.chromium(nice=args.nice) as browser:
            query = f"case={case.id}&meeting={meeting.id}"
            chair = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
            chair.goto(f"{server.url}/stap-9?{query}")
            bench.wait_idle(chair)
            chair.get_by_text("Meedoen vanaf de eigen telefoon").first.click()
            link = chair.locator('[data-testid="stExpander"] [data-testid="stCode"]').first \
                .inner_text(timeout=20_000).strip()
            print(f"join link as the chair's page shows it: {link.split('?')[0]}?t=…", flush=True)
            projector = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
            projector.goto(f"{server.url}/presentatie?{query}&stap=9")
            bench.wait_idle(projector)
            for page in (chair, projector):
                page.evaluate(PROBE, False)
            floor_trip = trivial_round_trip(browser, server.url)
            print(f"idle floor: chair + projector open, 0 participants, {args.idle} s", flush=True)
            with bench.Sampler(pid) as idle:
                time.sleep(args.idle)
            people = []
            for number in range(1, args.participants + 1):
                person = Participant(number, browser, link, goal_id)
                person.join()
                people.append(person)
            print(f"{len(people)} participants joined; running {args.minutes} min", flush=True)
            rng = random.Random(18)
            now = time.monotonic()
            due = {p.number: now + rng.uniform(0, 20) for p in people}
            end = now + args.minutes * 60
            with bench.Sampler(pid) as busy:
                while True:
                    number = min(due, key=due.get)
                    if due[number] >= end:
                        break
                    time.sleep(max(0.0, due[number] - time.monotonic()))
                    person = people[number - 1]
                    try:
                        person.act(rng)
                    except Exception as error:  # counted, and the run goes on
                        person.errors += 1
                        print(f"  {person.name}: {type(error).__name__}: {error}"[:300])
                    due[number] = time.monotonic() + rng.uniform(10, 30)
                time.sleep(max(args.grace, 0))  # the last entries' way to the screens
            shown = {name: page.evaluate("() => window.__probe") for name, page in
                     (("chair", chair), ("projector", projector))}
            own = {p.number: p.page.evaluate("() => window.__probe.seen") for p in people}
    saved = store.get_meeting(case.id, meeting.id)
    texts = {tt.text.split()[0] for tt in saved.tops_tips}
    clicks = {k: v for p in people for k, v in p.entries.items()}
    score_clicks = {p.name: p.scores for p in people}
    saved_scores = {p.name: sum(1 for g in saved.giver_scores if g.by.startswith(p.name + " ("))
                    for p in people}
    score_delay = []
    for who, times in score_clicks.items():
        seen = shown["chair"]["scores"].get(who, [])
        score_delay += [(s - c) / 1000 for c, s in zip(times, seen)]
    return {
        "entries": len(clicks), "scores": sum(len(v) for v in score_clicks.values()),
        "lost": len(set(clicks) - texts),
        "scores lost": sum(max(0, len(score_clicks[w]) - saved_scores[w]) for w in saved_scores),
        "errors": sum(p.errors for p in people),
        "chair": delays(clicks, shown["chair"]["seen"]),
        "projector": delays(clicks, shown["projector"]["seen"]),
        "chair scores": score_delay,
        "own": [d for p in people for d in delays(p.entries, own[p.number])],
        "trivial": floor_trip, "idle": idle.summary(), "busy": busy.summary(),
        "never on chair": len(set(clicks) - set(shown["chair"]["seen"])),
        "never on projector": len(set(clicks) - set(shown["projector"]["seen"])),
    }


def report(name: str, result: dict, args) -> None:
    print(f"\n{name}: {args.participants} participants, {args.minutes} min, load "
          f"{bench.load()}, browsers at nice {args.nice} on the same cores")
    print(f"entries {result['entries']} tops/tips + {result['scores']} scores, lost "
          f"{result['lost']} + {result['scores lost']} scores, submit errors {result['errors']}, "
          f"never shown: chair {result['never on chair']}, projector "
          f"{result['never on projector']}")
    print(f"{'entry → screen s':<34} {'n':>5} {'p50':>7} {'p95':>7} {'max':>7}")
    for label, key in (("chair (tops/tips)", "chair"), ("projector (tops/tips)", "projector"),
                       ("chair (scores)", "chair scores"),
                       ("floor: own page (tops/tips)", "own")):
        values = result[key]
        print(f"{label:<34} {len(values):>5} {bench.median(values):>7.2f} "
              f"{bench.percentile(values, 95):>7.2f} {max(values, default=float('nan')):>7.2f}")
    print(f"{'floor: trivial page round trip':<34} {5:>5} {result['trivial']:>7.2f}")
    print(f"{'server':<34} {'cpu mean':>9} {'cpu p95 10s':>12} {'RSS max MB':>11} "
          f"{'VmHWM MB':>9}")
    for label, key in (("floor: 0 participants (idle)", "idle"),
                       (f"{args.participants} participants", "busy")):
        s = result[key]
        print(f"{label:<34} {s['cpu mean']:>9.3f} {s['cpu p95']:>12.3f} {s['rss max']:>11.0f} "
              f"{s['hwm']:>9.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--participants", type=int, default=12)
    parser.add_argument("--idle", type=float, default=60, help="seconds of the idle floor")
    parser.add_argument("--grace", type=float, default=10)
    parser.add_argument("--nice", type=int, default=10)
    parser.add_argument("--database-url", help="run on PostgreSQL (a fresh schema, dropped after)")
    args = parser.parse_args(argv)
    if args.database_url:
        with bench.postgres_schema(args.database_url) as url:
            store = open_store(url)
            try:
                result = run(args, {"HGS_DATABASE_URL": url}, store)
            finally:
                store.close()
        report("PostgreSQL", result, args)
    else:
        with tempfile.TemporaryDirectory(prefix="hgs-bench-table-") as tmp:
            store = open_store(Path(tmp) / "data")
            result = run(args, {}, store)
        report("TinyDB", result, args)


if __name__ == "__main__":
    main()
