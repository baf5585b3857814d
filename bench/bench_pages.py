"""Time the library's queries on an Oxigraph store: every row, against pages of rows.

    python bench/bench_pages.py /tmp/kgbench/runs/synthetic-1MB/store
    python bench/bench_pages.py STORE --limit 100 --offsets 0,1000 --queries entity-mentions,label-search

Each query runs with ``kg.store.run_store_query`` (parameters unbound, as
``kg query NAME --store STORE`` runs it): once for all its rows, then once
per offset for a page of ``--limit`` rows (``kg.queries.page_query``).
Oxigraph evaluates in native code, where a signal cannot stop it, so each
measurement runs in a process of its own, killed after ``--timeout``
seconds.  Prints one markdown table: rows, and the median seconds of
``--repeats`` runs (after one warm-up run) of each variant.

With ``--cached``, pages are read as ``kg query --store`` and ``kg serve``
read them (``kg.store.select_page``): the store's result cache is emptied,
the first page is timed once (it runs the query and keeps its rows), then
each offset's page is timed from the kept rows (median of ``--repeats``).

    python bench/bench_pages.py STORE --cached
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(store_dir: Path, name: str, limit: int | None, offset: int, repeats: int) -> dict:
    """Run query ``name`` (one page of it, or all rows when ``limit`` is None) and time it here."""
    from kg.queries import load_query, page_query
    from kg.store import open_store, run_store_query

    store = open_store(store_dir)
    query = page_query(load_query(name), limit, offset)
    rows = sum(1 for _ in run_store_query(store, query))     # warm-up: caches, first reads of the store
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        rows = sum(1 for _ in run_store_query(store, query))
        seconds.append(time.perf_counter() - started)
    return {"rows": rows, "seconds": statistics.median(seconds)}


def measure_cached(store_dir: Path, name: str, limit: int, offsets: list[int], repeats: int) -> dict:
    """Time the first page of query ``name`` with an empty result cache, then pages from the kept rows."""
    import shutil

    from kg.queries import load_query
    from kg.store import RESULT_CACHE, bind_parameters, open_store, query_substitutions, select_page

    shutil.rmtree(store_dir / RESULT_CACHE, ignore_errors=True)
    store = open_store(store_dir)
    query = load_query(name)
    text = bind_parameters(query.text, query_substitutions(query, {}))
    started = time.perf_counter()
    first, _ = select_page(store, store_dir, text, limit, 0)
    figures = {"first": {"rows": len(first), "seconds": time.perf_counter() - started}}
    for offset in offsets:
        seconds = []
        for _ in range(repeats):
            started = time.perf_counter()
            page, _ = select_page(store, store_dir, text, limit, offset)
            seconds.append(time.perf_counter() - started)
        figures[str(offset)] = {"rows": len(page), "seconds": statistics.median(seconds)}
    return figures


def measure_in_process(store_dir: Path, name: str, limit: int | None, offset: int, repeats: int,
                       timeout: float, cached_offsets: list[int] | None = None) -> dict:
    """:func:`measure` (or :func:`measure_cached`) in a subprocess, killed after ``timeout`` seconds."""
    command = [sys.executable, __file__, str(store_dir), "--child", name, str(limit or 0), str(offset),
               "--repeats", str(repeats)]
    if cached_offsets is not None:
        command += ["--cached", "--offsets", ",".join(map(str, cached_offsets))]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:200]}


def _cell(figures: dict) -> str:
    if "timeout" in figures:
        return f"> {figures['timeout']:.0f} s"
    if "error" in figures:
        return f"error: {figures['error']}"
    return f"{figures['seconds'] * 1000:,.0f} ms ({figures['rows']:,} rows)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--limit", type=int, default=100, help="rows per page (default 100)")
    parser.add_argument("--offsets", default="0,1000", help="comma-separated offsets of the pages timed")
    parser.add_argument("--queries", default="", help="comma-separated names (default: every query of queries/)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per measurement")
    parser.add_argument("--cached", action="store_true",
                        help="time pages read through the store's result cache (kg.store.select_page)")
    parser.add_argument("--child", nargs=3, metavar=("NAME", "LIMIT", "OFFSET"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    offsets = [int(o) for o in args.offsets.split(",") if o.strip()]
    if args.child:
        name, limit, offset = args.child
        if args.cached:
            print(json.dumps(measure_cached(args.store, name, int(limit), offsets, args.repeats)))
        else:
            print(json.dumps(measure(args.store, name, int(limit) or None, int(offset), args.repeats)))
        return 0
    from kg.queries import list_queries

    names = [n for n in args.queries.split(",") if n] or [q.name for q in list_queries() if "/" not in q.name]
    if args.cached:
        print(f"| query | first page (runs the query, keeps its rows) | "
              f"{' | '.join(f'LIMIT {args.limit} OFFSET {o}, kept rows' for o in offsets)} |")
        print("|---|---|" + "---|" * len(offsets))
        for name in names:
            figures = measure_in_process(args.store, name, args.limit, 0, args.repeats, args.timeout, offsets)
            if "timeout" in figures or "error" in figures:
                print(f"| `{name}` | {_cell(figures)} |" + " |" * len(offsets), flush=True)
                continue
            cells = [figures["first"]] + [figures[str(o)] for o in offsets]
            print(f"| `{name}` | {' | '.join(_cell(c) for c in cells)} |", flush=True)
        return 0
    print(f"| query | every row | {' | '.join(f'LIMIT {args.limit} OFFSET {o}' for o in offsets)} |")
    print("|---|---|" + "---|" * len(offsets))
    for name in names:
        cells = [measure_in_process(args.store, name, None, 0, args.repeats, args.timeout)]
        cells += [measure_in_process(args.store, name, args.limit, o, args.repeats, args.timeout) for o in offsets]
        print(f"| `{name}` | {' | '.join(_cell(c) for c in cells)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
