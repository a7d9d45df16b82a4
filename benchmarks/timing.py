"""Timing shared by the benchmarks: medians of several runs, with min and max."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(fn: Callable[[], object], runs: int) -> dict[str, float]:
    """Run ``fn`` ``runs`` times: the median, min and max of the wall-clock times, in s."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}
