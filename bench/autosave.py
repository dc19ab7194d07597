"""Benchmark: how long one autosave takes in a big network, one file per case versus one file.

Builds a demo network (default 2,000 cases × 5 MDOs) in a temporary folder, then times
`store.set_field(case, meeting, "child_words", text)` on random meetings: the save behind every
field the chair leaves. For comparison it puts the same meetings in ONE plain TinyDB file (default
JSONStorage, one document per meeting) and times the same single-field update there.

    python bench/autosave.py [--cases 2000] [--samples 200] [--single-samples 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=5, help="MDOs per case")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--single-samples", type=int, default=30,
                        help="samples for the one-file setup (each rewrites the whole file)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="hgs-bench-") as tmp:
        folder = Path(tmp) / "data"
        store = open_store(folder)
        started = time.perf_counter()
        counts = build_network(store, cases=args.cases, seed=args.seed, meetings=args.meetings)
        built = time.perf_counter() - started
        print(f"network: {counts['cases']} cases, {counts['meetings']} meetings "
              f"(built in {built:.1f} s)")

        meetings = [m for case_id in store.case_ids() for m in store.meetings(case_id)]
        case_files = sorted(p.stat().st_size for p in (folder / "cases").glob("*.json"))
        targets = [(m.case_id, m.id) for m in rng.choices(meetings, k=args.samples)]
        per_case = _timed(lambda t, text: store.set_field(*t, "child_words", text), targets)

        db = TinyDB(Path(tmp) / "one.json")  # tinydb's default JSONStorage
        table = db.table("meetings")
        doc_ids = table.insert_multiple(m.model_dump(mode="json") for m in meetings)
        one_file_size = (Path(tmp) / "one.json").stat().st_size
        picks = rng.choices(doc_ids, k=args.single_samples)
        one_file = _timed(lambda doc_id, text: table.update({"child_words": text},
                                                            doc_ids=[doc_id]), picks)
        db.close()

    rows = [
        ("one file per case (TinyDBStore)",
         f"{_size(statistics.median(case_files))} per case, {_size(sum(case_files))} total",
         per_case),
        ("one TinyDB file (JSONStorage)", _size(one_file_size), one_file),
    ]
    print(f"{'setup':<34} {'file size':<30} {'p50 ms':>9} {'p95 ms':>9} {'samples':>8}")
    for setup, size, times in rows:
        print(f"{setup:<34} {size:<30} {_percentile(times, 50):>9.1f} "
              f"{_percentile(times, 95):>9.1f} {len(times):>8}")


if __name__ == "__main__":
    main()
