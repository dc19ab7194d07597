"""Benchmark: how well the groeitaal hints hold up to how people write, on a fixed phrase set.

Reads the evaluation set (default `tests/data/groeitaal_set.toml`: labelling phrasings that should
get a hint, needs phrasings that must not), runs `hgs.method.growth.hints` on each phrasing and
prints recall on the labels, precision of the hints, the false alarms and the misses, beside the
floors the tests hold (no false alarm at all; recall at least RECALL_FLOOR).

    python bench/groeitaal.py [--set tests/data/groeitaal_set.toml] [--rules extra.toml]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

from hgs.method.growth import hints  # noqa: E402

SET_PATH = Path(__file__).resolve().parent.parent / "tests" / "data" / "groeitaal_set.toml"
RECALL_FLOOR = 0.95  # what tests/test_language.py asserts (measured: 100 %)


@dataclass
class Score:
    """The outcome on one set: which labels were caught, which needs got a hint anyway."""

    labels: int = 0
    needs: int = 0
    caught: list[tuple[str, str, list[str]]] = field(default_factory=list)  # text, kind, rules
    missed: list[tuple[str, str]] = field(default_factory=list)  # text, kind
    false_alarms: list[tuple[str, list[str]]] = field(default_factory=list)  # text, phrases
    kind_right: int = 0

    @property
    def recall(self) -> float:
        return len(self.caught) / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        flagged = len(self.caught) + len(self.false_alarms)
        return len(self.caught) / flagged if flagged else 1.0


def load_set(path: str | Path = SET_PATH) -> dict[str, list[dict]]:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return {"label": data.get("label", []), "need": data.get("need", [])}


def evaluate(path: str | Path = SET_PATH, extra_rules: str | Path | None = None) -> Score:
    phrase_set = load_set(path)
    score = Score(labels=len(phrase_set["label"]), needs=len(phrase_set["need"]))
    for entry in phrase_set["label"]:
        found = hints(entry["text"], extra_rules_path=extra_rules)
        if found:
            score.caught.append((entry["text"], entry["kind"], [h.rule for h in found]))
            score.kind_right += any(h.kind == entry["kind"] for h in found)
        else:
            score.missed.append((entry["text"], entry["kind"]))
    for entry in phrase_set["need"]:
        found = hints(entry["text"], extra_rules_path=extra_rules)
        if found:
            score.false_alarms.append((entry["text"], [h.phrase for h in found]))
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(SET_PATH), help="the evaluation set (TOML)")
    parser.add_argument("--rules", default=None, help="a network's extra rule file")
    parser.add_argument("--quiet", action="store_true", help="figures only, no lists")
    args = parser.parse_args(argv)
    score = evaluate(args.set, args.rules)
    if not args.quiet:
        for text, kind in score.missed:
            print(f"miss        [{kind}] {text}")
        for text, phrases in score.false_alarms:
            print(f"false alarm {phrases} {text}")
    print(f"set: {score.labels} labelling, {score.needs} needs phrasings")
    print(f"{'figure':<36} {'value':>8} {'floor':>8}")
    print(f"{'recall on labels':<36} {score.recall:>8.1%} {RECALL_FLOOR:>8.0%}")
    print(f"{'precision of hints':<36} {score.precision:>8.1%} {1:>8.0%}")
    print(f"{'false alarms on needs phrasings':<36} {len(score.false_alarms):>8} {0:>8}")
    print(f"{'caught with the expected kind':<36} "
          f"{score.kind_right / max(len(score.caught), 1):>8.1%}")
    return 0 if not score.false_alarms and score.recall >= RECALL_FLOOR else 1


if __name__ == "__main__":
    raise SystemExit(main())
