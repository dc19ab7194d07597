"""Benchmark: autosave latency and dashboard load on PostgreSQL beside TinyDB, on one network.

For each size it builds the same demo network (cases × 5 MDOs, `hgs.demo.build_network`) into a
TinyDB data folder and into a fresh schema of a PostgreSQL database, then measures on each:
- build: writing the network (`import_case` per case);
- autosave: `store.set_field(case, meeting, "circle_essence", text)` on the same random meetings,
  the save behind every field the chair leaves (p50 and p95);
- dashboard cold: a new NetworkCache reads every case and builds the frames and the open (first)
  tab of the Netwerk page (see bench/network.py `first_tab`);
- after write: one meeting changes, the cache re-reads that one case, the open tab again.

    python bench/backends.py --database-url postgresql://postgres@127.0.0.1:5432/postgres \
        [--cases 400 2000] [--samples 300] [--repeat 3]

The URL may also come from HGS_BENCH_DATABASE_URL or HGS_TEST_DATABASE_URL. The schema is
dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

import psycopg  # noqa: E402

from bench.network import TODAY, first_tab  # noqa: E402
from bench.timing import timed  # noqa: E402
from hgs.analytics import filters, network  # noqa: E402
from hgs.demo import build_network  # noqa: E402
from hgs.demo.data import CHILD_WORDS  # noqa: E402
from hgs.store import Store, open_store  # noqa: E402
from hgs.store.postgres import where  # noqa: E402


def _percentile(times: list[float], p: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1]




def measure(store: Store, folder: Path, cases: int, samples: int, repeat: int,
            seed: int) -> dict:
    started = time.perf_counter()
    build_network(store, cases=cases, meetings=5, today=TODAY, seed=seed)
    built = time.perf_counter() - started
    orgs = {o.id: (o.name, o.sector) for o in store.organisations()}

    rng = random.Random(seed)
    meetings = [(case_id, m.id) for case_id in store.case_ids() for m in store.meetings(case_id)]
    saves = []
    for i, target in enumerate(rng.choices(meetings, k=samples)):
        text = f"{CHILD_WORDS[i % len(CHILD_WORDS)][0]} ({i})"
        begun = time.perf_counter()
        store.set_field(*target, "circle_essence", text)
        saves.append((time.perf_counter() - begun) * 1000)

    cold = timed(lambda: first_tab(network.NetworkCache(store.documents()).frames(orgs),
                                   filters.Filter()), repeat)
    cache = network.NetworkCache(store.documents())
    cache.frames(orgs)
    case_id, meeting_id = meetings[0]
    ratings = iter(range(10**6))

    def after_write():
        store.set_field(case_id, meeting_id, "rating", 1 + next(ratings) % 10)
        first_tab(cache.frames(orgs), filters.Filter())

    reads = cache.reads
    written = timed(after_write, repeat)
    return {"meetings": len(meetings), "build": built, "p50": _percentile(saves, 50),
            "p95": _percentile(saves, 95), "cold": cold, "written": written,
            "reread": (cache.reads - reads) / repeat}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("HGS_BENCH_DATABASE_URL")
                        or os.environ.get("HGS_TEST_DATABASE_URL"))
    parser.add_argument("--cases", type=int, nargs="+", default=[400, 2000])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (or set HGS_BENCH_DATABASE_URL)")
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0]
        fsync = conn.execute("SHOW fsync").fetchone()[0]
        commit = conn.execute("SHOW synchronous_commit").fetchone()[0]
    print(f"PostgreSQL {server} at {where(args.database_url)} (fsync {fsync}, "
          f"synchronous_commit {commit}); TinyDB files with fsync")

    rows = []
    for cases in args.cases:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        url = (f"{args.database_url}{'&' if '?' in args.database_url else '?'}"
               f"options=-csearch_path%3D{schema}")
        try:
            with tempfile.TemporaryDirectory(prefix="hgs-bench-backends-") as tmp:
                for name, target in (("TinyDB", tmp), ("PostgreSQL", url)):
                    store = open_store(target)
                    try:
                        result = measure(store, Path(tmp), cases, args.samples, args.repeat,
                                         args.seed)
                    finally:
                        store.close()
                    rows.append((name, cases, result))
                    print(f"done: {name}, {cases} cases", flush=True)
        finally:
            with psycopg.connect(args.database_url, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")

    print()
    print(f"{'backend':<11} {'cases':>6} {'MDOs':>6} {'build s':>8} {'autosave p50 ms':>16} "
          f"{'p95 ms':>7} {'dashboard cold s':>17} {'after write s':>14} {'re-read':>8}")
    for name, cases, r in rows:
        print(f"{name:<11} {cases:>6} {r['meetings']:>6} {r['build']:>8.1f} {r['p50']:>16.1f} "
              f"{r['p95']:>7.1f} {r['cold']:>17.3f} {r['written']:>14.3f} {r['reread']:>8.1f}")


if __name__ == "__main__":
    main()
