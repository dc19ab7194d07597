"""Benchmark: how long one autosave takes in a big network, one file per case versus one file.

Builds a demo network (default 2,000 cases × 5 MDOs) in a temporary folder (or copies `--folder`,
one `python -m hgs.demo` made), then times `store.set_field(case, meeting, "circle_essence",
text)` on random meetings: the save behind every field the chair leaves. The floor, in the same
run and on the same disk: the same meetings as JSON documents in SQLite (WAL, synchronous=FULL),
one `UPDATE … json_set` per save, interleaved with the TinyDB saves. For comparison it also puts
the meetings in ONE plain TinyDB file (default JSONStorage) and times the same update there.
With `--database URL` it does the same on PostgreSQL: `store.set_field` against one raw
`UPDATE … jsonb_set` on a table of its own, in a database it makes and drops.

    python bench/autosave.py [--cases 2000] [--samples 200] [--single-samples 30] [--folder DIR]
                             [--database postgresql://…]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

from tinydb import TinyDB  # noqa: E402

from hgs.demo import build_network  # noqa: E402
from hgs.demo.data import CHILD_WORDS  # noqa: E402
from hgs.store import open_store  # noqa: E402


def _timed(save, targets) -> list[float]:
    """Milliseconds per call of `save(target, text)`, each with a new text."""
    times = []
    for i, target in enumerate(targets):
        text = f"{CHILD_WORDS[i % len(CHILD_WORDS)][0]} ({i})"
        started = time.perf_counter()
        save(target, text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _percentile(times: list[float], p: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1]


def _size(nbytes: float) -> str:
    return f"{nbytes / 1e6:.1f} MB" if nbytes >= 1e6 else f"{nbytes / 1e3:.0f} kB"


def _interleaved(first, second, targets) -> tuple[list[float], list[float]]:
    """Milliseconds per call of `first(target, text)` and `second(target, text)`, taking turns
    on the same targets, so both meet the same load of the machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for i, target in enumerate(targets):
        for save, into in ((first, times[0]), (second, times[1])):
            text = f"{CHILD_WORDS[i % len(CHILD_WORDS)][0]} ({i}, {len(into)})"
            started = time.perf_counter()
            save(target, text)
            into.append((time.perf_counter() - started) * 1000)
    return times


def _sqlite(path: Path, store, targets) -> Callable:
    """The floor: each meeting a JSON document in SQLite (WAL, synchronous=FULL, as durable
    as an fsynced file), one UPDATE … json_set per save."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE meetings (id TEXT PRIMARY KEY, doc TEXT NOT NULL)")
    with db:
        db.executemany("INSERT OR REPLACE INTO meetings VALUES (?, ?)",
                       [(m, store.get_meeting(c, m).model_dump_json()) for c, m in set(targets)])
    return lambda target, text: db.execute(
        "UPDATE meetings SET doc = json_set(doc, '$.circle_essence', ?) WHERE id = ?",
        (text, target[1]))


def _postgres(url: str, cases: int, samples: int, seed: int) -> tuple[list[float], list[float]]:
    """store.set_field on PostgreSQL against one raw UPDATE … jsonb_set on a table of its own,
    in a database made for this run and dropped after."""
    import psycopg

    name = f"hgs_bench_autosave_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    bench_url = urlsplit(url)._replace(path=f"/{name}").geturl()  # a URL: open_store's PostgreSQL
    try:
        store = open_store(bench_url)
        build_network(store, cases=cases, seed=seed, meetings=5)
        rng = random.Random(seed)
        meetings = [(c, m.id) for c in store.case_ids() for m in store.meetings(c)]
        targets = rng.choices(meetings, k=samples)
        with psycopg.connect(bench_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE raw (id text PRIMARY KEY, doc jsonb NOT NULL)")
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO raw VALUES (%s, %s) ON CONFLICT DO NOTHING",
                                [(m, store.get_meeting(c, m).model_dump_json())
                                 for c, m in set(targets)])
            times = _interleaved(
                lambda t, text: store.set_field(*t, "circle_essence", text),
                lambda t, text: conn.execute(
                    "UPDATE raw SET doc = jsonb_set(doc, '{circle_essence}', to_jsonb(%s::text))"
                    " WHERE id = %s", (text, t[1])), targets)
        store.close()
        return times
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _row(setup: str, times: list[float], floor: list[float] | None = None) -> str:
    ratio = f"{_percentile(times, 95) / _percentile(floor, 95):>9.2f}×" if floor else ""
    return (f"{setup:<44} {_percentile(times, 50):>9.2f} {_percentile(times, 95):>9.2f} "
            f"{len(times):>8} {ratio}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=5, help="MDOs per case")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--single-samples", type=int, default=0,
                        help="samples for the one-file setup (each rewrites the whole file)")
    parser.add_argument("--folder", type=Path, help="a data folder made by python -m hgs.demo "
                        "(copied: the benchmark writes)")
    parser.add_argument("--database", help="a PostgreSQL URL: also measure the PostgreSQL store")
    parser.add_argument("--pg-cases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="hgs-bench-") as tmp:
        folder = Path(tmp) / "data"
        if args.folder:
            shutil.copytree(args.folder, folder)
            store = open_store(folder)
        else:
            store = open_store(folder)
            build_network(store, cases=args.cases, seed=args.seed, meetings=args.meetings)
        meetings = [(c, m.id) for c in store.case_ids() for m in store.meetings(c)]
        case_files = sorted(p.stat().st_size for p in (folder / "cases").glob("*.json"))
        print(f"network: {len(case_files)} cases, {len(meetings)} meetings, "
              f"{_size(statistics.median(case_files))} per case file")
        targets = rng.choices(meetings, k=args.samples)
        floor = _sqlite(Path(tmp) / "floor.sqlite", store, targets)
        per_case, sqlite_times = _interleaved(
            lambda t, text: store.set_field(*t, "circle_essence", text), floor, targets)
        rows = [_row("SQLite WAL, synchronous=FULL (floor)", sqlite_times),
                _row("TinyDBStore, one file per case", per_case, sqlite_times)]

        if args.single_samples:
            db = TinyDB(Path(tmp) / "one.json")  # tinydb's default JSONStorage
            table = db.table("meetings")
            doc_ids = table.insert_multiple(store.get_meeting(c, m).model_dump(mode="json")
                                            for c, m in meetings)
            picks = rng.choices(doc_ids, k=args.single_samples)
            one_file = _timed(lambda doc_id, text: table.update({"circle_essence": text},
                                                                doc_ids=[doc_id]), picks)
            db.close()
            rows.append(_row("one TinyDB file (JSONStorage)", one_file, sqlite_times))

    if args.database:
        pg_store, raw = _postgres(args.database, args.pg_cases, args.samples, args.seed)
        rows += [_row("PostgreSQL, one raw UPDATE … jsonb_set (floor)", raw),
                 _row(f"PostgresStore ({args.pg_cases} cases)", pg_store, raw)]
    print(f"{'one field save':<44} {'p50 ms':>9} {'p95 ms':>9} {'samples':>8} {'p95/floor':>10}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
