"""Time the stages after extraction: the rdflib path against the streaming one, on the same data.

    python bench/bench_graph.py /tmp/kgbench/synthetic-1MB
    python bench/bench_graph.py /tmp/kgbench/synthetic-5MB --variants streaming,cached --no-html

The corpus is extracted once, in a process of its own, into an extraction
cache (``--cache``); then each variant runs in a fresh process of its own
that reads the cache and resolves, so that its peak RSS is its own:

* ``rdflib``: ``build_graph``, ``serialize_turtle``, the explorer drawn
  from the graph (what a build did before ``kg.turtle``);
* ``streaming``: ``write_turtle`` without a cache, the explorer drawn from
  a ``TripleIndex`` filled on the way;
* ``cached``: ``write_turtle`` twice with a ``TurtleCache``: cold (every
  report's runs written) and warm (every report's runs read back), then
  once more after changing one report's triples.

Prints one markdown table: seconds per stage, RSS after resolution and
peak RSS, and checks that graph.ttl and graph.html are the same bytes in
every variant.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ("rdflib", "streaming", "cached")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "-"


def _resolved(folder: Path, cache: Path, jobs: int):
    from kg.cache import ExtractionCache
    from kg.pipeline import _collect, extract_files
    from kg.resolve import resolve

    files, _ = _collect([folder])
    results = sorted(extract_files(files, jobs=jobs, cache=ExtractionCache(cache)), key=lambda r: r.path)
    extractions = [x for r in results for x in r.extractions]
    resolution = resolve(extractions)
    return ([x.report for x in extractions], [s for x in extractions for s in x.sentences],
            resolution.entities, resolution.relations, resolution.quantities)


def _one_report_changed(data: tuple) -> tuple:
    """The data with the first report retitled: one report's runs change, the others' do not."""
    reports = list(data[0])
    reports[0] = replace(reports[0], title=reports[0].title + "(修订)")
    return (reports, *data[1:])


def run_variant(variant: str, folder: Path, cache: Path, out: Path, jobs: int, html: bool) -> dict:
    """Run one variant in this process; return its seconds per stage and memory."""
    started = time.perf_counter()
    data = _resolved(folder, cache, jobs)
    seconds = {"extract+resolve": time.perf_counter() - started}
    rss_resolved = _rss_mb()
    out.mkdir(parents=True, exist_ok=True)

    def lap(name: str, t0: float) -> float:
        now = time.perf_counter()
        seconds[name] = now - t0
        return now

    t = time.perf_counter()
    triples = None
    if variant == "rdflib":
        from kg.graph import build_graph, serialize_turtle, write_atomic
        graph = build_graph(*data)
        triples = len(graph)
        t = lap("graph", t)
        write_atomic(out / "graph.ttl", serialize_turtle(graph))
        t = lap("serialise", t)
        if html:
            from kg.viz import write_explorer
            write_explorer(graph, out / "graph.html")
            t = lap("html", t)
    else:
        from kg.turtle import TurtleCache, write_turtle
        from kg.viz import TripleIndex, write_explorer
        index = TripleIndex() if html else None
        on_triples = index.add if index is not None else None
        if variant == "streaming":
            triples = write_turtle(out / "graph.ttl", *data, on_triples=on_triples).triples
            t = lap("write_turtle (+index)" if html else "write_turtle", t)
        else:
            folder_cache = out / "turtle-cache"
            shutil.rmtree(folder_cache, ignore_errors=True)
            stats = write_turtle(out / "graph.ttl", *data, cache=TurtleCache(folder_cache), on_triples=on_triples)
            triples = stats.triples
            t = lap("write_turtle cold cache (+index)" if html else "write_turtle cold cache", t)
        if html:
            write_explorer(index, out / "graph.html")
            t = lap("html", t)
            del index
        if variant == "cached":
            warm = write_turtle(out / "graph.ttl", *data, cache=TurtleCache(folder_cache))
            t = lap(f"write_turtle warm cache ({warm.from_cache}/{warm.reports} from cache)", t)
            changed = write_turtle(out / "changed.ttl", *_one_report_changed(data), cache=TurtleCache(folder_cache))
            t = lap(f"write_turtle, one report changed ({changed.from_cache}/{changed.reports} from cache)", t)
    return {"variant": variant, "seconds": seconds, "triples": triples, "rss_resolved_mb": rss_resolved,
            "peak_mb": _rss_mb(), "ttl": _digest(out / "graph.ttl"), "html": _digest(out / "graph.html")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"comma-separated, of {', '.join(VARIANTS)}")
    parser.add_argument("--cache", type=Path, default=None,
                        help="extraction cache (default /tmp/kgbench/graph-bench/NAME/extraction-cache)")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--no-html", action="store_true", help="leave out the explorer")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    work = Path("/tmp/kgbench/graph-bench") / args.folder.name
    cache = args.cache or work / "extraction-cache"
    if args.child == "prepare":
        _resolved(args.folder, cache, args.jobs)
        return 0
    if args.child:
        result = run_variant(args.child, args.folder, cache, work / args.child, args.jobs, not args.no_html)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    # extract once in a process of its own, so that every variant reads the extraction cache
    subprocess.run([sys.executable, __file__, str(args.folder), "--child", "prepare", "--cache", str(cache),
                    "-j", str(args.jobs)], capture_output=True, check=True, cwd=ROOT)
    results = []
    for variant in variants:
        command = [sys.executable, __file__, str(args.folder), "--child", variant, "--cache", str(cache),
                   "-j", str(args.jobs), *(["--no-html"] if args.no_html else [])]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            print(f"{variant} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"\n{args.folder.name}: post-extraction stages ({len(results)} variants)\n")
    print("| variant | stage | seconds |")
    print("|---|---|---|")
    for r in results:
        for stage, s in r["seconds"].items():
            print(f"| {r['variant']} | {stage} | {s:.2f} |")
    print("\n| variant | triples | RSS after resolve MB | peak RSS MB | graph.ttl | graph.html |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['variant']} | {r['triples']:,} | {r['rss_resolved_mb']:.0f} | {r['peak_mb']:.0f} | "
              f"{r['ttl']} | {r['html']} |")
    same = len({(r["ttl"], r["html"]) for r in results}) <= 1
    print(f"\nsame graph.ttl and graph.html in every variant: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
