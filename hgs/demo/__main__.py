"""`python -m hgs.demo --cases N --out DIR [--seed S] [--meetings M]`: build a demo network into
a data folder and say what it made."""

from __future__ import annotations

import argparse
import time

from hgs.demo import build_network
from hgs.store import open_store


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m hgs.demo",
                                     description="Build a demo network into a data folder.")
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--out", required=True, help="data folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--meetings", type=int, default=None, help="MDOs per case")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build_network(open_store(args.out), cases=args.cases, seed=args.seed,
                           meetings=args.meetings)
    print(" ".join(f"{name}={count}" for name, count in counts.items()),
          f"seconds={time.perf_counter() - started:.2f}")


if __name__ == "__main__":
    main()
