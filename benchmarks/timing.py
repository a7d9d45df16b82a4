"""Timing shared by the benchmarks: medians of several runs, with min and max."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def measure(fn: Callable[[], object], runs: int) -> dict[str, float]:
    """Run ``fn`` ``runs`` times: the median, min and max of the wall-clock times, in s.

    The cyclic garbage collector is run to the end before each run (untimed), so that a
    run does not pay for the garbage of what ran before it: without it, one of the three
    timed parses of the 10,000-instruction bill went through the whole grown code and the
    consolidation made just before (+0.4 to +0.5 s on a 0.6 s parse), in every version,
    and the median measured the collector. The collector stays enabled during the run: the
    passes its own objects bring are counted."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}
