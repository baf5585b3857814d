"""Optional: the per-document stage over a folder with a local Dask bag, next to the serial run.

:func:`kg.pipeline.process_file` depends on nothing but its path, so any
task scheduler can map it over files.  This script maps it with a Dask bag
on the local ``processes`` scheduler, then in a plain loop, and prints the
seconds, MB/s per core and speed-up of each, with
:func:`kg.pipeline.extract_files` (the worker pool of ``kg build -j N``)
for comparison, and checks that all three found the same reports, relations
and targets.  Dask is not a dependency of ``kg``::

    pip install "dask[bag]"
    python bench/dask_map.py /tmp/kgbench/synthetic-1MB --workers 2
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from kg.ingest import iter_input_files
from kg.pipeline import FileResult, available_cpus, extract_files, process_file

INSTALL_HINT = 'dask is not installed; install it with: pip install "dask[bag]"'


def fingerprint(results: list[FileResult]) -> list[tuple]:
    """What a run found, file by file, in path order: reports, relations and quantities."""
    rows = []
    for r in sorted(results, key=lambda r: r.path):
        rows.append((r.path, r.error, tuple((x.report.report_id, len(x.relations), len(x.quantities))
                                            for x in r.extractions)))
    return rows


def run_serial(paths: list[str]) -> list[FileResult]:
    """process_file on each path, one after the other, in this process."""
    return [process_file(p) for p in paths]


def run_pool(paths: list[str], workers: int) -> list[FileResult]:
    """The worker pool ``kg build -j N`` uses (no cache)."""
    return list(extract_files(paths, jobs=workers, cache=None))


def run_dask(paths: list[str], workers: int) -> list[FileResult]:
    """process_file mapped over the paths with a Dask bag on the local processes scheduler."""
    import dask.bag as db

    bag = db.from_sequence(paths, npartitions=max(1, min(len(paths), workers * 4)))
    return bag.map(process_file).compute(scheduler="processes", num_workers=workers)


def timed(label: str, run, megabytes: float, cores: int) -> tuple[float, list[FileResult]]:
    """Run ``run()``, print its seconds and MB/s per core, return both."""
    started = time.perf_counter()
    results = run()
    seconds = time.perf_counter() - started
    print(f"{label:34} {seconds:8.1f} s  {megabytes / seconds / cores:7.3f} MB/s per core", flush=True)
    return seconds, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of report files")
    parser.add_argument("--workers", type=int, default=available_cpus(), help="processes (default: every CPU)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = parser.parse_args(argv)
    if importlib.util.find_spec("dask") is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    paths = [str(p) for p in iter_input_files([args.folder])][: args.limit]
    megabytes = sum(Path(p).stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} files, {megabytes:.1f} MB, {args.workers} workers")
    process_file(paths[0])      # load the lexicons before timing the serial run
    serial_s, serial = timed("serial (one process)", lambda: run_serial(paths), megabytes, 1)
    pool_s, pool = timed(f"kg extract_files -j {args.workers}", lambda: run_pool(paths, args.workers),
                         megabytes, args.workers)
    dask_s, dasked = timed(f"dask bag, processes ×{args.workers}", lambda: run_dask(paths, args.workers),
                           megabytes, args.workers)
    print(f"speed-up over serial: extract_files {serial_s / pool_s:.2f}×, dask {serial_s / dask_s:.2f}×")
    same = fingerprint(serial) == fingerprint(pool) == fingerprint(dasked)
    print("same reports, relations and targets in all three runs" if same else
          "the runs differ: see the fingerprints of kg.pipeline results")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
