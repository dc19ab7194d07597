"""What the benchmarks share: the app's path for AppTest, and the median of repeated runs."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def timed(action, repeat: int = 1) -> float:
    """Median seconds of `action()` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
