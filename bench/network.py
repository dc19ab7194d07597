"""Benchmark: the Netwerk dashboard from the facts the store keeps, on TinyDB and PostgreSQL.

For each size it builds a demo network (N cases × 5 MDOs, `hgs.demo.build_network`) into a
data folder and into a fresh PostgreSQL database (made and dropped here), and measures on each,
every figure beside its floor, median of --repeat runs:
- floor: parse every case document once and drop it (TinyDB: orjson over every case file;
  PostgreSQL: fetch every case and meeting JSONB document);
- old cold: a new NetworkCache parses every case, derives its facts and builds the frames and
  the open (first) tab (what Netwerk did before the facts were kept);
- cold: a new store and FactsCache read the kept facts (one file / one table) and build the
  frames and the open tab: Netwerk's first open on a fresh server (imports done, as a server
  has them after its first page);
- after write: one meeting changes, the cache replaces that case's rows, the open tab again;
- filter: a filter state not seen before on a warm cache (its view made, the open tab);
- filter again: back to a state seen before (its view kept);
- page cold / page filter (--pages, TinyDB and PostgreSQL): the same through Streamlit's AppTest
  running views/netwerk.py from app.py (the whole script run, without a browser).

    python bench/network.py [--cases 2000 10000] [--repeat 5] [--backends tinydb postgres]
        [--database-url postgresql://postgres@127.0.0.1:55432/postgres] [--pages]

The URL may also come from HGS_BENCH_DATABASE_URL or HGS_TEST_DATABASE_URL.
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

from bench.timing import APP, timed  # noqa: E402
from hgs import pages  # noqa: E402
from hgs.analytics import charts, dashboard, figures, filters, network  # noqa: E402
from hgs.analytics.netcache import FactsCache  # noqa: E402
from hgs.demo import build_network  # noqa: E402
from hgs.store import open_store  # noqa: E402

TODAY = dt.date(2026, 11, 28)
SECTORS = [("PO",), ("VO",), ("PO", "VO"), ("SO/SBO",), ("PO", "SO/SBO"), ("VO", "SO/SBO")]


def first_tab(frames, flt):
    """What the page works out on every run: the filter, the headline and the open (first)
    tab's tables and figures."""
    view = filters.filtered(frames, flt)
    figures.headline(view)
    for by, category in (("period", "periode"), ("sector", "sector"),
                         ("organisation", "organisatie")):
        table = figures.meeting_figures(view, by)
        charts.measure_bars(table, category, "MDO's", "x", horizontal=by != "period")


def every_tab(frames, flt):
    """All tables of all six tabs (the Excel export), the Tops-en-tips figure included."""
    tables = dashboard.dashboard(filters.filtered(frames, flt), "Q", TODAY)
    charts.toptip_period_figure(tables["Tops en tips"])


def page_times(target: str, repeat: int) -> tuple[float, float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ.pop("HGS_DATABASE_URL", None)
    os.environ.pop("HGS_DATA_DIR", None)
    os.environ["HGS_DATABASE_URL" if "://" in target else "HGS_DATA_DIR"] = target

    def cold():
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=300)
        at.session_state["hgs_page_bench"] = True
        at.switch_page(pages.NETWORK.path).run()
        assert not at.exception, at.exception
        return at

    cold()  # once for the process (imports, Streamlit's component scan): a server has done this
    cold_time = timed(cold, repeat)
    at = cold()
    state = [0]

    def change():
        state[0] += 1
        at.multiselect(key="net-sectors").set_value(list(SECTORS[state[0] % 3])).run()
        assert not at.exception

    return cold_time, timed(change, repeat)


def floor_of(store, target: str):
    """Parse every case document once and drop it."""
    if "://" not in target:
        files = sorted((Path(target) / "cases").glob("*.json"))
        return lambda: [orjson.loads(f.read_bytes()) for f in files]

    ids = store.case_ids()

    def fetch():  # in batches, as the store reads them: one statement stays within its timeout
        for start in range(0, len(ids), 500):
            with store._connection() as conn:  # the bench reads the rows as the store does
                batch = (ids[start:start + 500],)
                conn.execute("SELECT doc FROM cases WHERE id = ANY(%s)", batch).fetchall()
                conn.execute("SELECT doc FROM meetings WHERE case_id = ANY(%s)",
                             batch).fetchall()
    return fetch


def measure(target: str, repeat: int, with_pages: bool) -> dict:
    store = open_store(target)
    orgs = {o.id: (o.name, o.sector) for o in store.organisations()}
    FactsCache(store.case_facts()).frames(orgs)  # the facts kept (a TinyDB folder: made once)
    result = {"floor": timed(floor_of(store, target), repeat)}
    result["old cold"] = timed(lambda: first_tab(
        network.NetworkCache(store.documents()).frames(orgs), filters.Filter()), repeat)

    def cold():
        fresh = open_store(target)
        try:
            first_tab(FactsCache(fresh.case_facts()).frames(orgs), filters.Filter())
        finally:
            fresh.close()

    result["cold"] = timed(cold, repeat)
    cache = FactsCache(store.case_facts())
    cache.frames(orgs)
    case_id = store.case_ids()[0]
    meeting_id = store.meetings(case_id)[-1].id
    ratings = iter(range(10**6))

    def after_write():
        store.set_field(case_id, meeting_id, "rating", 1 + next(ratings) % 10)
        first_tab(cache.frames(orgs), filters.Filter())

    result["after write"] = timed(after_write, repeat)
    assert cache.rebuilds == 1, "after a write the cache laid everything out again"
    frames = cache.frames(orgs)
    states = iter(range(10**6))

    def new_filter():
        frames._views.clear()  # a state not seen before
        first_tab(frames, filters.Filter(sectors=SECTORS[next(states) % len(SECTORS)]))

    result["filter"] = timed(new_filter, repeat)
    for sectors in SECTORS:
        first_tab(frames, filters.Filter(sectors=sectors))
    result["filter again"] = timed(lambda: first_tab(
        frames, filters.Filter(sectors=SECTORS[next(states) % len(SECTORS)])), repeat)
    if with_pages:
        result["page cold"], result["page filter"] = page_times(target, repeat)
    store.close()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backends", nargs="+", default=["tinydb", "postgres"],
                        choices=["tinydb", "postgres"])
    parser.add_argument("--database-url", default=os.environ.get("HGS_BENCH_DATABASE_URL")
                        or os.environ.get("HGS_TEST_DATABASE_URL"))
    parser.add_argument("--pages", action="store_true", help="also the page through AppTest")
    args = parser.parse_args(argv)
    if "postgres" in args.backends and not args.database_url:
        parser.error("give --database-url (or set HGS_BENCH_DATABASE_URL) for postgres")
    rows = []
    for cases in args.cases:
        for backend in args.backends:
            with tempfile.TemporaryDirectory(prefix="hgs-bench-net-",
                                             ignore_cleanup_errors=True) as tmp:
                if backend == "tinydb":
                    target, drop = tmp, None
                else:
                    import psycopg  # only for the PostgreSQL half

                    name = f"hgs_bench_{uuid.uuid4().hex[:8]}"
                    with psycopg.connect(args.database_url, autocommit=True) as conn:
                        conn.execute(f"CREATE DATABASE {name}")
                    target = args.database_url.rsplit("/", 1)[0] + f"/{name}"
                    drop = name
                try:
                    store = open_store(target)
                    started = time.perf_counter()
                    build_network(store, cases=cases, meetings=5, today=TODAY)
                    store.set_setting("initialised", True)
                    store.close()
                    built = time.perf_counter() - started
                    result = measure(target, args.repeat, args.pages)
                finally:
                    if drop:
                        with psycopg.connect(args.database_url, autocommit=True) as conn:
                            conn.execute(f"DROP DATABASE {drop} WITH (FORCE)")
            rows.append((backend, cases, built, result))
            print(f"done: {backend}, {cases} cases × 5 MDOs (built in {built:.0f} s): "
                  + ", ".join(f"{k} {v:.3f} s" for k, v in result.items()), flush=True)

    names = list(rows[0][3]) if rows else []
    print()
    print(f"{'backend':<9} {'cases':>6} " + " ".join(f"{n + ' s':>13}" for n in names)
          + f" {'cold/floor':>10}")
    for backend, cases, _, result in rows:
        print(f"{backend:<9} {cases:>6} " + " ".join(f"{result[n]:>13.3f}" for n in names)
              + f" {result['cold'] / result['floor']:>10.2f}")


if __name__ == "__main__":
    main()
