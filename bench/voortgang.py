"""Benchmark: the Voortgang page of one case in a big network (default 2,000 cases × 5 MDOs).

Builds a demo network in a temporary folder (or uses `--folder`, one `python -m hgs.demo` made),
then, through Streamlit's AppTest running views/voortgang.py from app.py:
- floor: reading that case's MDOs from the store, nothing else;
- figures: building the page's figures from its meetings (frames and plotly objects);
- page rerun: the same session runs the page again (the case unchanged: figures cached);
- page after write: one field of the last MDO changes, then the page runs (a new version: its
  figures built once).
Each figure is the median of `--repeat` runs in one session; the process has run the page once
before (its imports done, as on a running server). A new AppTest session costs ~2 s of
Streamlit's component scan, which a running server does not pay: not measured here.

    python bench/voortgang.py [--cases 2000] [--repeat 5] [--folder DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

from bench.timing import APP, timed  # noqa: E402
from hgs import pages  # noqa: E402
from hgs.demo import build_network  # noqa: E402
from hgs.store import open_store  # noqa: E402

TODAY = dt.date(2026, 11, 28)


def measure(folder: Path, repeat: int) -> list[tuple[str, float]]:
    from streamlit.testing.v1 import AppTest

    from hgs.analytics import charts
    from hgs.analytics import goals as analytics

    os.environ["HGS_DATA_DIR"] = str(folder)
    os.environ["HGS_DEMO"] = "0"
    store = open_store(folder)
    case_ids = store.case_ids()
    case_id = case_ids[len(case_ids) // 2]
    meetings = store.meetings(case_id)

    def figures():
        scores = analytics.goal_scores(meetings)
        charts.t_score_figure(analytics.attainment(meetings))
        for goal_id in dict.fromkeys(scores.goal_id):
            charts.goal_figure(scores[scores.goal_id == goal_id])
        charts.tops_tips_figure(analytics.tops_tips_counts(analytics.tops_tips(meetings)))

    def session() -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.session_state["active_case"] = case_id
        at.session_state["active_meeting"] = meetings[-1].id
        return at

    def run(at: AppTest) -> AppTest:
        at.switch_page(pages.PROGRESS.path).run()
        assert not at.exception, at.exception
        return at

    words = iter(range(10**6))

    def write():
        store.set_field(case_id, meetings[-1].id, "circle_essence", f"bench {next(words)}")

    run(session())  # once for the process: imports, Streamlit's component scan
    at = run(session())
    rows = [("floor: read the case's MDOs", timed(lambda: store.meetings(case_id), repeat)),
            ("figures built (no cache)", timed(figures, repeat))]
    rows.append(("page rerun, case unchanged", timed(lambda: run(at), repeat)))
    rows.append(("page after one write", timed(lambda: (write(), run(at)), repeat)))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=5, help="MDOs per case")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="a data folder made by python -m hgs.demo")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hgs-bench-vg-", ignore_cleanup_errors=True) as tmp:
        folder = args.folder or Path(tmp)
        if args.folder is None:
            store = open_store(folder)
            build_network(store, cases=args.cases, meetings=args.meetings, today=TODAY)
            store.set_setting("initialised", True)
        cases = len(list((folder / "cases").glob("*.json")))
        rows = measure(folder, args.repeat)
    print(f"Voortgang of one case, {cases} cases, median of {args.repeat} (target page ≤ 0.4 s)")
    floor = rows[0][1]
    for what, seconds in rows:
        print(f"{what:<34} {seconds:>8.3f} s {seconds / floor:>8.1f}× floor")


if __name__ == "__main__":
    main()
