"""Peak memory of each stage of ``kg build``, in the build's own process.

    python bench/stage_memory.py /tmp/kgbench/synthetic-10MB /tmp/kgbench/out-10MB --no-html
    /usr/bin/time -v python bench/stage_memory.py DIR OUT --cache-dir DIR/.cache -j 2

Runs :func:`kg.pipeline.build` on DIR and samples the resident set size of
this process every 20 ms; at the end of each stage (``build.json``'s
``stage_seconds``: extract, resolve, serialize, tables, html, …) it notes
the highest RSS seen since the previous stage ended and the RSS then.  The
worker processes of extraction are not counted (``/usr/bin/time -v`` gives
the largest process of the tree).  RSS is read from ``/proc/self/status``
(Linux); MB are its kB divided by 1,000, as ``/usr/bin/time``'s figures are
in ``RESULTS.md``.
"""
from __future__ import annotations

import argparse
import resource
import threading
import time


def rss_mb() -> int:
    """The resident set size of this process in MB (kB / 1,000)."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1000
    return 0


class Sampler:
    """The highest RSS seen since the last :meth:`take`, sampled in a thread."""

    def __init__(self, every: float = 0.02):
        self.highest, self.every, self._stop = rss_mb(), every, threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.highest = max(self.highest, rss_mb())
            time.sleep(self.every)

    def take(self) -> tuple[int, int]:
        """Return (highest RSS since the last call, RSS now) and start again from now."""
        now = rss_mb()
        highest, self.highest = max(self.highest, now), now
        return highest, now

    def stop(self) -> None:
        self._stop.set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument("-j", "--jobs", type=int, default=None)
    args = parser.parse_args()

    import kg.pipeline

    sampler, rows = Sampler(), []
    lap = kg.pipeline._StageClock.lap

    def noting_lap(clock, stage: str) -> None:
        lap(clock, stage)
        rows.append((stage, clock.seconds[stage], *sampler.take()))

    kg.pipeline._StageClock.lap = noting_lap
    summary = kg.pipeline.build([args.corpus], args.out, html=not args.no_html, jobs=args.jobs,
                                cache=not args.no_cache, cache_dir=args.cache_dir)
    sampler.stop()
    print(f"{'stage':10} {'seconds':>8} {'peak MB':>8} {'end MB':>8}")
    for stage, seconds, highest, end in rows:
        print(f"{stage:10} {seconds:8.1f} {highest:8,d} {end:8,d}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1000
    print(f"peak RSS of the build process: {peak:,d} MB")
    print(summary.line())


if __name__ == "__main__":
    main()
