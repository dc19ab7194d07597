"""Benchmark: Start over the case index, on networks of N cases × 5 MDOs, TinyDB and PostgreSQL.

For each size it builds a demo network in a temporary folder (and copies it into a fresh
PostgreSQL schema) and measures, median of --repeat runs:
- floor: reading the index file once (TinyDB: orjson of case_index.json) / one query over the
  cases table (PostgreSQL: id, code and first name of every case);
- index: `store.case_index()` on a warm store (what every Start run asks), and on a new store
  (a fresh server: TinyDB checks every case file once against the index);
- search: a search over the index and the labels of the page shown (hgs.ui.case_search);
- page run / page search: Start through Streamlit's AppTest (the whole app.py script run,
  without a browser): a rerun of Start, and a search typed into its search field.
The first build of a missing index (a folder written by `python -m hgs.demo`) is printed once.

    python bench/start.py [--sizes 2000 10000] [--repeat 5] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

import orjson  # noqa: E402
import psycopg  # noqa: E402

from bench.timing import APP, timed  # noqa: E402
from hgs import pages  # noqa: E402
from hgs.demo import build_network  # noqa: E402
from hgs.method import cases  # noqa: E402
from hgs.store import TinyDBStore, open_store  # noqa: E402
from hgs.store.backup import taking  # noqa: E402
from hgs.store.caseindex import INDEX  # noqa: E402
from hgs.store.transfer import copy_network  # noqa: E402
from hgs.ui import case_search  # noqa: E402

QUERIES = ["bram", "l-2026", "7", "sanne 8", "zzz"]


def search(rows, organisations, query: str) -> int:
    """What Start works out for a search: the matches and the labels of the page shown."""
    found = cases.find_cases(rows, organisations, query)
    names = {o.id: o.name for o in organisations}
    labels = [cases.listed_label(r.first_name, r.code, names.get(r.organisation_id, "?"),
                                 r.group, r.status == "afgesloten", r.no_consent)
              for r in case_search.offered(found, case_search.PAGE)]
    return len(labels)


def page_times(target: str, folder: Path, repeat: int) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    os.environ.pop("HGS_DATABASE_URL", None)
    os.environ.pop("HGS_DATA_DIR", None)
    os.environ["HGS_DATABASE_URL" if target.startswith("postgres") else "HGS_DATA_DIR"] = target
    os.environ["HGS_DEMO"] = "0"
    # the day's back-up counts as taken: a background ZIP of the whole folder is no part of Start
    taking._daily_done[taking.backup_dir(folder)] = dt.date.today()
    at = AppTest.from_file(APP, default_timeout=300)
    at.switch_page(pages.START.path).run()  # straight to Start (the Werklijst is not measured)
    assert not at.exception, at.exception

    def rerun():
        at.run()
        assert not at.exception, at.exception

    rerun()
    run_time = timed(rerun, repeat)
    turn = [0]

    def typed():
        turn[0] += 1
        at.text_input(key="start-search").set_value(QUERIES[turn[0] % len(QUERIES)]).run()
        assert not at.exception, at.exception

    return run_time, timed(typed, repeat)


def measure(name: str, store, target: str, folder: Path, repeat: int, floor) -> dict:
    organisations = store.organisations()
    rows = store.case_index()
    fresh = lambda: open_store(target) if name == "PostgreSQL" else TinyDBStore(folder)  # noqa: E731
    result = {"floor": timed(floor, repeat), "index": timed(store.case_index, repeat)}
    opened = []

    def new_store_index():
        other = fresh()
        opened.append(other)
        other.case_index()

    result["new store"] = timed(new_store_index, repeat)
    for other in opened:
        other.close()
    turn = [0]

    def one_search():
        turn[0] += 1
        search(rows, organisations, QUERIES[turn[0] % len(QUERIES)])

    result["search"] = timed(one_search, repeat)
    result["page run"], result["page search"] = page_times(target, folder, repeat)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("HGS_BENCH_DATABASE_URL")
                        or os.environ.get("HGS_TEST_DATABASE_URL"))
    args = parser.parse_args(argv)
    table = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="hgs-bench-start-") as tmp:
            folder = Path(tmp) / "data"
            started = time.perf_counter()
            build_network(TinyDBStore(folder), cases=size, meetings=5)
            print(f"{size} cases: demo built in {time.perf_counter() - started:.0f} s", flush=True)
            store = TinyDBStore(folder)
            started = time.perf_counter()
            store.case_index()
            print(f"  first build of the missing index: {time.perf_counter() - started:.2f} s "
                  f"({(folder / INDEX).stat().st_size / 1e6:.1f} MB)", flush=True)
            index_file = folder / INDEX
            table.append(("TinyDB", size, measure("TinyDB", store, str(folder), folder,
                                                  args.repeat,
                                                  lambda: orjson.loads(index_file.read_bytes()))))
            print("  TinyDB done", flush=True)
            if args.database_url:
                table.append(("PostgreSQL", size, postgres(args.database_url, store, folder,
                                                           args.repeat)))
                print("  PostgreSQL done", flush=True)
    print()
    keys = ["floor", "index", "new store", "search", "page run", "page search"]
    print(f"{'backend':<11} {'cases':>6} " + " ".join(f"{k + ' s':>13}" for k in keys))
    for name, size, result in table:
        print(f"{name:<11} {size:>6} " + " ".join(f"{result[k]:>13.3f}" for k in keys))


def postgres(url: str, source: TinyDBStore, folder: Path, repeat: int) -> dict:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    try:
        store = open_store(target)
        try:
            started = time.perf_counter()
            copy_network(source, store)
            print(f"  copied into PostgreSQL in {time.perf_counter() - started:.0f} s",
                  flush=True)
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f"VACUUM ANALYZE {schema}.cases")
                conn.execute(f"VACUUM ANALYZE {schema}.meetings")
            floor_sql = "SELECT id, code, doc->>'first_name' FROM cases"
            result = measure("PostgreSQL", store, target, folder, repeat,
                             lambda: store._rows(floor_sql))
        finally:
            store.close()
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    return result


if __name__ == "__main__":
    main()
