"""Measure ``kg`` on one folder of reports: stage speeds, memory, builds, rebuilds, queries.

    python bench/run.py /tmp/kgbench/synthetic-10MB
    python bench/run.py /tmp/kgbench/synthetic-100MB --measure stages,build --timeout 30
    python bench/run.py DIR --jobs 2 --label seeds-10MB --results /tmp/kgbench/results.md

Measurements (``--measure``, comma-separated; default all but ``validate``):

* ``stages``: the per-document stages — ingest, split, sentences+mentions,
  relations, quantities — file by file in one process (streaming: nothing
  is kept), seconds and MB/s per core each, the process's peak RSS, and
  ``jieba.lcut`` over the same text in the same process as a yardstick.
* ``build1``: ``kg build -j 1`` (``--no-cache`` when the option exists).
* ``build``: ``kg build -j N`` (N from ``--jobs``, default every CPU) with
  a fresh extraction cache: wall time, the seconds of each stage (from
  ``build.json``) and each stage's peak RSS of the process and its workers
  (sampled from the stack of the running build).
* ``incremental``: the same build again with one more report added (a new
  synthetic file next to the folder); needs the extraction cache (detected
  from ``kg build --help``), skipped with a note otherwise.
* ``queries``: every query of ``queries/`` (and ``queries/checks/``) on the
  built ``graph.ttl``, with rdflib, and with an Oxigraph store through
  ``kg.store`` when that module exists (skipped with a note otherwise).
* ``validate``: ``kg validate`` (SHACL shapes and checks) of the built graph.

Sizes are of the input files: MB = 10^6 bytes.  "MB/s per core" divides by
the wall time and by the worker processes allowed.  Each measurement runs
in a subprocess of its own with an address-space limit (``--memory-limit``,
default 8 GB, set with ``RLIMIT_AS``) and a time limit (``--timeout``
minutes); one that exceeds them is reported as "failed: out of memory /
timeout at stage X" with the memory it had reached.  Results are printed as
a table and appended as a markdown section to ``--results`` (default
``/tmp/kgbench/results.md``); the raw figures go to ``WORK/results.json``.
Outputs are written under ``--work`` (default ``/tmp/kgbench/runs/LABEL``).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
ALL_MEASUREMENTS = ("stages", "build1", "build", "incremental", "queries", "validate")
DEFAULT_MEASUREMENTS = ("stages", "build1", "build", "incremental", "queries")
PER_DOCUMENT_STAGES = ("ingest", "split", "sentences+mentions", "relations", "quantities")
#: Names of build.json's stages in the tables.
GLOBAL_STAGES = {"extract": "extract (all per-document stages)", "resolve": "resolve", "graph": "graph",
                 "serialize": "serialise Turtle", "tables": "tables (entities, coverage)",
                 "html": "viz (explorer page)", "validate": "validate (SHACL)", "store": "store",
                 "cache": "cache (prune)"}
#: (module, function) of the build → the stage it runs; the innermost match on the stack wins.
STAGE_FUNCTIONS = {
    ("kg.pipeline", "_collect"): "collect",
    ("kg.pipeline", "extract_files"): "extract",
    ("kg.resolve", "resolve"): "resolve",
    ("kg.graph", "build_graph"): "graph",
    ("kg.graph", "serialize_turtle"): "serialize",
    ("kg.turtle", "write_turtle"): "serialize",
    ("kg.resolve", "write_entities_csv"): "tables",
    ("kg.pipeline", "_coverage_csv"): "tables",
    ("kg.viz", "write_explorer"): "html",
    ("kg.viz", "read_turtle"): "parse",
    ("kg.validate", "validate_graph"): "validate",
    ("kg.pipeline", "_load_store"): "store",
    ("kg.cache", "prune"): "cache",
}
MB = 1e6


# ================================================================ measuring in a child process

def _kb_field(status: str, name: str) -> int:
    for line in status.splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def _read(path: str) -> str:
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc; no psutil needed)."""
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _read(f"/proc/{entry}/stat")
            # the command name, in parentheses, may hold spaces: the parent follows its closing one
            fields = stat[stat.rfind(")") + 2:].split()
            if len(fields) > 1 and fields[1] == str(pid):
                children.append(int(entry))
    return children


def tree_rss_mb(pid: int | None = None) -> tuple[float, float]:
    """Resident memory in MB of process ``pid`` (default this one) and of it with all its descendants."""
    pid = pid or os.getpid()
    own = _kb_field(_read(f"/proc/{pid}/status"), "VmRSS") / 1024
    total, todo = own, _children_of(pid)
    while todo:
        child = todo.pop()
        total += _kb_field(_read(f"/proc/{child}/status"), "VmRSS") / 1024
        todo.extend(_children_of(child))
    return own, total


def stage_of(frame) -> str:
    """The stage of a build the innermost known function on ``frame``'s stack belongs to."""
    innermost_kg = None
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        stage = STAGE_FUNCTIONS.get((module, frame.f_code.co_name))
        if stage:
            return stage
        if innermost_kg is None and module.startswith("kg."):
            innermost_kg = module
        frame = frame.f_back
    return innermost_kg or "startup"


class StageSampler(threading.Thread):
    """Writes, as JSON lines, the stage the main thread is in and the memory of the process tree.

    A line is written at each change of stage and at least every second,
    with the largest RSS seen since the previous line, so the file tells
    where a build was and how much memory it held even when it is killed.
    """

    def __init__(self, path: Path, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.path, self.interval = path, interval
        self.stopped = threading.Event()
        self.started_at = time.perf_counter()

    def run(self) -> None:
        main_id = threading.main_thread().ident
        last_stage, last_write, peak_own, peak_tree = None, 0.0, 0.0, 0.0
        with open(self.path, "a", buffering=1, encoding="utf-8") as out:
            while not self.stopped.wait(self.interval):
                stage = stage_of(sys._current_frames().get(main_id))
                own, tree = tree_rss_mb()
                peak_own, peak_tree = max(peak_own, own), max(peak_tree, tree)
                now = time.perf_counter() - self.started_at
                if stage != last_stage or now - last_write >= 1.0:
                    out.write(json.dumps({"t": round(now, 2), "stage": stage, "rss_mb": round(peak_own),
                                          "tree_mb": round(peak_tree)}) + "\n")
                    last_stage, last_write, peak_own, peak_tree = stage, now, 0.0, 0.0


def child_kg(status: Path, kg_args: list[str]) -> int:
    """Run ``kg KG_ARGS`` in this process while a :class:`StageSampler` writes to ``status``."""
    import kg.cli

    sampler = StageSampler(status)
    sampler.start()
    code = kg.cli.main(kg_args)
    sampler.stopped.set()
    sampler.join()
    with open(status, "a", encoding="utf-8") as out:
        out.write(json.dumps({"t": round(time.perf_counter() - sampler.started_at, 2), "stage": "exit",
                              "code": code, "maxrss_mb": round(_maxrss_mb())}) + "\n")
    return code


def _maxrss_mb() -> float:
    """Peak RSS of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _input_files(folder: Path) -> list[Path]:
    from kg.ingest import iter_input_files

    return iter_input_files([folder])


def _time_document(path: Path, seconds: dict[str, float], counts: dict[str, int]) -> None:
    """Run the per-document stages on one file, adding each stage's seconds to ``seconds``."""
    from kg.errors import InputError
    from kg.extract import extract_mentions
    from kg.ingest import read_document
    from kg.quantities import extract_quantities
    from kg.relations import extract_relations
    from kg.sentences import split_sentences
    from kg.split import split_reports

    t0 = time.perf_counter()
    try:
        doc = read_document(path)
    except InputError:
        counts["failed files"] += 1
        return
    t1 = time.perf_counter()
    reports = split_reports(doc)
    t2 = time.perf_counter()
    seconds["ingest"] += t1 - t0
    seconds["split"] += t2 - t1
    counts["text bytes"] += len(doc.text.encode("utf-8"))
    counts["reports"] += len(reports)
    for report in reports:
        t0 = time.perf_counter()
        sentences = split_sentences(report)
        mentions = extract_mentions(report, sentences)
        t1 = time.perf_counter()
        relations = extract_relations(report, sentences, mentions)
        t2 = time.perf_counter()
        quantities = extract_quantities(report, sentences, mentions)
        t3 = time.perf_counter()
        seconds["sentences+mentions"] += t1 - t0
        seconds["relations"] += t2 - t1
        seconds["quantities"] += t3 - t2
        counts["sentences"] += len(sentences)
        counts["mentions"] += len(mentions)
        counts["relations"] += len(relations)
        counts["quantities"] += len(quantities)


def _time_jieba(files: list[Path], limit_bytes: float | None) -> dict:
    """Time ``jieba.lcut`` over the text of ``files`` (up to ``limit_bytes`` of it)."""
    import logging

    import jieba

    from kg.errors import InputError
    from kg.ingest import read_document

    logging.getLogger("jieba").setLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    done, seconds, tokens = 0, 0.0, 0
    for path in files:
        if limit_bytes is not None and done >= limit_bytes:
            break
        try:
            text = read_document(path).text
        except InputError:
            continue
        t0 = time.perf_counter()
        tokens += len(tokenizer.lcut(text))
        seconds += time.perf_counter() - t0
        done += len(text.encode("utf-8"))
    return {"bytes": done, "seconds": seconds, "tokens": tokens}


def child_stages(folder: Path, result: Path, jieba_mb: float | None) -> int:
    """Time the per-document stages over every file of ``folder``, then jieba; write JSON to ``result``."""
    from collections import defaultdict

    files = _input_files(folder)
    warm: dict[str, float] = defaultdict(float)
    _time_document(files[0], warm, defaultdict(int))       # loads lexicons, patterns, jieba's dictionary
    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    for path in files:
        _time_document(path, seconds, counts)
    wall = time.perf_counter() - started
    maxrss = _maxrss_mb()
    jieba = _time_jieba(files, None if jieba_mb is None else jieba_mb * MB)
    data = {"seconds": dict(seconds), "counts": dict(counts), "wall": wall, "maxrss_mb": maxrss,
            "maxrss_with_jieba_mb": _maxrss_mb(), "jieba": jieba, "files": len(files),
            "input_bytes": sum(p.stat().st_size for p in files)}
    result.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


class QueryTimeout(Exception):
    """A query ran longer than its time limit."""


def _alarm(signum, frame):
    raise QueryTimeout()


def _timed_rows(run, limit: float) -> tuple[float | None, int | None]:
    """Run ``run()`` (which returns the row count) under a time limit: (seconds, rows), None on timeout."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    t0 = time.perf_counter()
    try:
        rows = run()
    except Exception as exc:   # kg.queries wraps the timeout in a QueryError
        if isinstance(exc, QueryTimeout) or isinstance(exc.__cause__, QueryTimeout):
            return None, None
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t0, rows


def _latencies(run, limit: float, repeats: int) -> dict:
    """First-run and median seconds of ``run`` over ``repeats`` runs (one run if the first is slow).

    A query that fails gives ``{"error": message}``; one that runs out of time ``{"timeout": limit}``.
    """
    try:
        first, rows = _timed_rows(run, limit)
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    if first is None:
        return {"timeout": limit}
    times = [first]
    while len(times) < repeats and first < 5:
        seconds, _ = _timed_rows(run, limit)
        if seconds is None:
            break
        times.append(seconds)
    return {"first": first, "median": statistics.median(times), "runs": len(times), "rows": rows}


def _store_api():
    """``(write_store, open_store, run_store_query)`` of ``kg.store``, or None and a note saying why not."""
    import importlib.util

    if importlib.util.find_spec("kg.store") is None:
        return None, "kg.store does not exist yet: Oxigraph latencies skipped"
    try:
        import kg.store
    except ImportError as exc:
        return None, f"kg.store cannot be imported ({exc}): Oxigraph latencies skipped"
    names = ("write_store", "open_store", "run_store_query")
    functions = tuple(getattr(kg.store, n, None) for n in names)
    if not all(callable(f) for f in functions):
        return None, f"kg.store lacks one of {', '.join(names)}: Oxigraph latencies skipped"
    return functions, ""


def _count_rows(result) -> int:
    """Rows of a query result (an ASK result counts as one row)."""
    if isinstance(result, bool) or getattr(result, "type", None) == "ASK":
        return 1
    return sum(1 for _ in result)


def _store_latencies(graph_ttl: Path, store_dir: Path, queries, limit: float, repeats: int) -> dict:
    """Load ``graph_ttl`` into an Oxigraph store with ``kg.store`` and time each query on it.

    Oxigraph evaluates a query in native code, where the time limit's signal
    cannot stop it; each query therefore runs in a process of its own,
    killed when it outlives the limit.
    """
    api, note = _store_api()
    if api is None:
        return {"note": note}
    write_store = api[0]
    shutil.rmtree(store_dir, ignore_errors=True)
    _progress("loading the store")
    t0 = time.perf_counter()
    quads = write_store(graph_ttl, store_dir)
    data = {"load_seconds": time.perf_counter() - t0, "quads": quads, "maxrss_mb": _maxrss_mb(),
            "function": "kg.store.run_store_query", "queries": {}}
    for q in queries:
        _progress(f"store query {q.name}")
        data["queries"][q.name] = _store_query_in_process(store_dir, q.name, limit, repeats)
    return data


def _store_query_in_process(store_dir: Path, name: str, limit: float, repeats: int) -> dict:
    """Time one query on the store in a subprocess, killed after ``limit`` seconds per run."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "store-query",
               str(store_dir), name, str(limit), str(repeats)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit * repeats + 30, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": limit}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:300]}


def child_store_query(store_dir: Path, name: str, limit: float, repeats: int) -> int:
    """Open the store read-only, time query ``name`` on it and print the figures as JSON."""
    from kg.queries import load_query
    from kg.store import open_store, run_store_query

    query = load_query(name)
    store = open_store(store_dir)
    print(json.dumps(_latencies(lambda: _count_rows(run_store_query(store, query)), limit, repeats)))
    return 0


def _progress(what: str) -> None:
    """Say on stderr what the child starts now (the stderr file then tells where a run stopped)."""
    print(f"[{time.strftime('%H:%M:%S')}] {what}", file=sys.stderr, flush=True)


def _rdflib_latencies(graph_ttl: Path, queries, limit: float, repeats: int) -> dict:
    """Parse ``graph_ttl`` with rdflib and time each query on it."""
    from rdflib import Graph

    from kg.queries import run_query

    t0 = time.perf_counter()
    graph = Graph()
    graph.parse(str(graph_ttl), format="turtle")
    data = {"parse_seconds": time.perf_counter() - t0, "triples": len(graph),
            "parse_maxrss_mb": _maxrss_mb(), "rdflib": {}}
    for q in queries:
        _progress(f"rdflib query {q.name}")
        data["rdflib"][q.name] = _latencies(lambda: _count_rows(run_query(graph, q)), limit, repeats)
    data["rdflib_maxrss_mb"] = _maxrss_mb()
    return data


def child_queries(graph_ttl: Path, result: Path, store_dir: Path, limit: float, repeats: int) -> int:
    """Time every query of the library on ``graph_ttl`` with rdflib (and a kg.store store); write JSON."""
    from kg.queries import list_queries

    queries = list_queries()
    data = _rdflib_latencies(graph_ttl, queries, limit, repeats)
    data["store"] = {"note": "the store was not measured: the run stopped while loading or querying it"}
    result.write_text(json.dumps(data, indent=1), encoding="utf-8")    # kept if the store part fails
    data["store"] = _store_latencies(graph_ttl, store_dir, queries, limit, repeats)
    result.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


def child_main(argv: list[str]) -> int:
    """Entry point of the measuring subprocesses (``run.py --child KIND …``)."""
    kind, *rest = argv
    if kind == "kg":
        return child_kg(Path(rest[0]), rest[1:])
    if kind == "stages":
        jieba_mb = None if rest[2] == "all" else float(rest[2])
        return child_stages(Path(rest[0]), Path(rest[1]), jieba_mb)
    if kind == "store-query":
        return child_store_query(Path(rest[0]), rest[1], float(rest[2]), int(rest[3]))
    if kind == "queries":
        return child_queries(Path(rest[0]), Path(rest[1]), Path(rest[2]), float(rest[3]), int(rest[4]))
    raise SystemExit(f"unknown child kind {kind!r}; known: kg, stages, queries, store-query")


# ================================================================ running children under limits

@dataclass
class Outcome:
    """How a measuring subprocess ended."""

    code: int | None
    wall: float
    maxrss_mb: float                 # peak RSS of the child (and its largest descendant), from wait4
    timed_out: bool = False
    stderr: str = ""
    samples: list[dict] = field(default_factory=list)
    accepted: tuple[int, ...] = (0,)  # exit codes of a finished run (kg build: 1 when some file failed)

    @property
    def ok(self) -> bool:
        return (self.code in self.accepted and "Traceback (most recent call last)" not in self.stderr
                and not self.timed_out and not self.out_of_memory)

    @property
    def out_of_memory(self) -> bool:
        """The address-space limit stopped the run: an allocation, or the mapping of a library, failed."""
        if self.timed_out:
            return False
        signs = ("MemoryError", "Cannot allocate memory", "out of memory", "failed to map segment",
                 "std::bad_alloc")
        return (any(sign in self.stderr for sign in signs)
                or self.code in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT))

    @property
    def last_stage(self) -> str:
        """The stage the samples saw last, else the last progress line of stderr (``[12:00:00] what``)."""
        stages = [s["stage"] for s in self.samples if s.get("stage") != "exit"]
        if stages:
            return stages[-1]
        progress = [line[11:] for line in self.stderr.splitlines() if line[:1] == "[" and line[9:11] == "] "]
        return progress[-1] if progress else "startup"

    @property
    def peak_tree_mb(self) -> float:
        return max([s.get("tree_mb", 0) for s in self.samples] + [self.maxrss_mb])

    def failure(self) -> str:
        """"failed: … at stage X" for a run that did not finish, else ""."""
        if self.timed_out:
            return (f"failed: timeout after {self.wall / 60:.0f} min at stage {self.last_stage} "
                    f"(memory then {self.peak_tree_mb / 1024:.1f} GB)")
        if self.out_of_memory:
            return (f"failed: out of memory at stage {self.last_stage} "
                    f"(peak {self.peak_tree_mb / 1024:.1f} GB before the limit stopped it)")
        if not self.ok:
            tail = self.stderr.strip().splitlines()[-1:] or [f"exit code {self.code}"]
            return f"failed at stage {self.last_stage}: {tail[0][:200]}"
        return ""


def _limits(memory_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        os.setsid()
    return apply


def run_child(kind: str, args: list[str], *, memory_gb: float, timeout_min: float, status: Path,
              accepted: tuple[int, ...] = (0,)) -> Outcome:
    """Run ``run.py --child KIND ARGS`` with the memory and time limits; wait4 gives its peak RSS.

    ``status`` names the child's files: its samples (``StageSampler``) and,
    with the suffix ``.stderr``, its standard error.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *args]
    stderr_path = status.with_suffix(".stderr")
    started = time.perf_counter()
    with open(stderr_path, "w", encoding="utf-8") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT,
                                   preexec_fn=_limits(int(memory_gb * 2**30)))
        code, rusage, timed_out = _wait(process, timeout_min * 60)
    wall = time.perf_counter() - started
    stderr = stderr_path.read_text(encoding="utf-8", errors="replace")
    return Outcome(code=code, wall=wall, maxrss_mb=rusage.ru_maxrss / 1024 if rusage else 0.0,
                   timed_out=timed_out, stderr=stderr[-4000:], samples=_read_samples(status),
                   accepted=accepted)


def _wait(process: subprocess.Popen, timeout: float):
    """Wait for ``process`` (killing its whole session at ``timeout``): (exit code, rusage, timed out)."""
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, rusage, timed_out
        if time.monotonic() > deadline and not timed_out:
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
        time.sleep(0.2)


def _read_samples(status: Path) -> list[dict]:
    if not status.exists():
        return []
    samples = []
    for line in status.read_text(encoding="utf-8").splitlines():
        try:
            samples.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return samples


def stage_summary(samples: list[dict]) -> dict[str, dict]:
    """Per stage: seconds (from the sampled transitions) and peak RSS of the process tree."""
    summary: dict[str, dict] = {}
    for before, after in zip(samples, samples[1:] + samples[-1:]):
        entry = summary.setdefault(before["stage"], {"seconds": 0.0, "peak_mb": 0})
        entry["seconds"] += max(0.0, after["t"] - before["t"])
        entry["peak_mb"] = max(entry["peak_mb"], before.get("tree_mb", 0))
    summary.pop("exit", None)
    return summary


# ================================================================ the measurements

@dataclass
class Corpus:
    """The folder measured: its files and their total size."""

    folder: Path
    files: int
    bytes: int
    by_suffix: dict[str, int]

    @property
    def mb(self) -> float:
        return self.bytes / MB


def describe_corpus(folder: Path) -> Corpus:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    by_suffix: dict[str, int] = {}
    for p in files:
        by_suffix[p.suffix or "(none)"] = by_suffix.get(p.suffix or "(none)", 0) + 1
    return Corpus(folder, len(files), sum(p.stat().st_size for p in files), dict(sorted(by_suffix.items())))


def build_options() -> set[str]:
    """The options ``kg build --help`` lists (-j, --no-cache, --store …)."""
    text = subprocess.run([sys.executable, "-m", "kg", "build", "--help"], capture_output=True,
                          text=True, cwd=ROOT).stdout
    known = ("--jobs", "--no-cache", "--cache-dir", "--store", "--no-validate", "--no-html", "--quiet")
    return {option for option in known if option in text}


@dataclass
class Settings:
    """What the measurements of one run share."""

    corpus: Corpus
    work: Path
    jobs: int
    memory_gb: float
    timeout_min: float
    options: set[str]
    jieba_mb: float | None
    query_limit: float


def _load() -> str:
    return "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def measure_stages(s: Settings) -> dict:
    """The per-document stages in one streaming process, and jieba.lcut on the same text."""
    result = s.work / "stages.json"
    result.unlink(missing_ok=True)
    load = _load()
    outcome = run_child("stages", [str(s.corpus.folder), str(result), "all" if s.jieba_mb is None
                                   else str(s.jieba_mb)], memory_gb=s.memory_gb, timeout_min=s.timeout_min,
                        status=s.work / "stages.status")
    data = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
    return {"load_before": load, "wall": outcome.wall, "failure": outcome.failure(), **data}


def _kg_build_args(s: Settings, out: Path, jobs: int, *, cache: bool, extra: list[str] = ()) -> list[str]:
    args = ["build", str(s.corpus.folder), *extra, "-o", str(out)]
    for option, flag in (("--quiet", "-q"), ("--no-validate", "--no-validate")):
        if option in s.options:
            args.append(flag)
    if "--jobs" in s.options:
        args += ["-j", str(jobs)]
    if not cache and "--no-cache" in s.options:
        args.append("--no-cache")
    return args


def run_kg(s: Settings, name: str, kg_args: list[str]) -> dict:
    """Run ``kg KG_ARGS`` as a measured child: wall time, stages, peak memory, failure."""
    status = s.work / f"{name}.status"
    status.unlink(missing_ok=True)
    load = _load()
    outcome = run_child("kg", [str(status), *kg_args], memory_gb=s.memory_gb, timeout_min=s.timeout_min,
                        status=status, accepted=(0, 1))
    return {"command": "kg " + " ".join(kg_args), "load_before": load, "wall": outcome.wall,
            "code": outcome.code, "failure": outcome.failure(), "peak_mb": outcome.peak_tree_mb,
            "sampled": stage_summary(outcome.samples)}


def _with_build_json(result: dict, out: Path) -> dict:
    path = out / "build.json"
    if not result["failure"] and path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        result["stage_seconds"] = data.get("stage_seconds", {})
        result["counts"] = {k: data.get(k) for k in ("reports", "entities", "relations", "quantities",
                                                        "from_cache", "failed")}
    return result


def measure_build(s: Settings, jobs: int, name: str, cache: bool) -> dict:
    """A full ``kg build`` of the corpus into a fresh output folder (and fresh cache)."""
    out = s.work / name
    shutil.rmtree(out, ignore_errors=True)
    result = run_kg(s, name, _kg_build_args(s, out, jobs, cache=cache))
    result["jobs"] = jobs if "--jobs" in s.options else 1
    result["out"] = str(out)
    return _with_build_json(result, out)


def measure_incremental(s: Settings, full: dict | None) -> dict:
    """Rebuild the output of ``build`` with one more report; needs the extraction cache."""
    if "--no-cache" not in s.options and "--cache-dir" not in s.options:
        return {"note": "kg build has no extraction cache yet: incremental rebuild skipped"}
    if not full or full.get("failure") or not full.get("out"):
        return {"note": "the full build did not finish: incremental rebuild skipped"}
    sys.path.insert(0, str(BENCH))
    from corpus import write_extra_report

    out = Path(full["out"])
    extra = write_extra_report(s.work / "added-report.txt")
    versions_before = _cache_versions(out)
    result = run_kg(s, "incremental", _kg_build_args(s, out, s.jobs, cache=True, extra=[str(extra)]))
    result = _with_build_json(result, out)
    if not result["failure"] and full.get("wall"):
        result["share_of_full"] = result["wall"] / full["wall"]
    if not (result.get("counts") or {}).get("from_cache") and _cache_versions(out) != versions_before:
        result["note_cache"] = ("the extraction cache was not used: its extractor version changed between "
                                "the builds (kg/ or kg/data/ was edited meanwhile); run again")
    return result


def _cache_versions(out: Path) -> set[str]:
    """The extractor-version folders of the extraction cache in ``out/.cache``."""
    cache = out / ".cache"
    return {p.name for p in cache.iterdir() if p.is_dir()} if cache.is_dir() else set()


def measure_queries(s: Settings, graph_ttl: Path) -> dict:
    """Every query of the library on ``graph_ttl`` (rdflib, and kg.store when present)."""
    if not graph_ttl.exists():
        return {"note": f"no graph to query ({graph_ttl} missing: the build failed or was not run)"}
    result = s.work / "queries.json"
    result.unlink(missing_ok=True)
    load = _load()
    outcome = run_child("queries", [str(graph_ttl), str(result), str(s.work / "store"), str(s.query_limit), "3"],
                        memory_gb=s.memory_gb, timeout_min=s.timeout_min, status=s.work / "queries.status")
    data = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
    return {"load_before": load, "wall": outcome.wall, "failure": outcome.failure(),
            "peak_mb": outcome.maxrss_mb, **data}


def measure_validate(s: Settings, graph_ttl: Path) -> dict:
    if not graph_ttl.exists():
        return {"note": f"no graph to validate ({graph_ttl} missing)"}
    return run_kg(s, "validate", ["validate", str(graph_ttl), "--limit", "0"])


def run_measurements(s: Settings, wanted: list[str]) -> dict:
    """Run the measurements in ``wanted`` in order, one subprocess at a time."""
    results: dict = {}
    for name in wanted:
        print(f"[{time.strftime('%H:%M:%S')}] {name} …", flush=True)
        if name == "stages":
            results[name] = measure_stages(s)
        elif name == "build1":
            results[name] = measure_build(s, 1, "build-j1", cache=False)
        elif name == "build":
            results[name] = measure_build(s, s.jobs, f"build-j{s.jobs}", cache=True)
        elif name == "incremental":
            results[name] = measure_incremental(s, results.get("build"))
        elif name in ("queries", "validate"):
            built = results.get("build") or results.get("build1") or {}
            graph = Path(built.get("out", s.work / f"build-j{s.jobs}")) / "graph.ttl"
            results[name] = measure_queries(s, graph) if name == "queries" else measure_validate(s, graph)
        status = results[name].get("failure") or results[name].get("note") or "done"
        print(f"[{time.strftime('%H:%M:%S')}] {name}: {status}", flush=True)
    return results


# ================================================================ reporting

def kg_digest() -> str:
    """A digest of the code and data of the ``kg`` package measured (its .py files and kg/data/)."""
    import hashlib

    digest = hashlib.sha256()
    package = ROOT / "kg"
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def machine() -> dict:
    """CPU model, cores, memory and Python of this machine."""
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor())
    ram = _kb_field(_read("/proc/meminfo"), "MemTotal") / 2**20
    from importlib.metadata import version
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram, 1),
            "python": platform.python_version(), "rdflib": version("rdflib"), "jieba": version("jieba"),
            "kg_digest": kg_digest()}


def _rate(mb: float, seconds: float | None, cores: int = 1) -> str:
    return f"{mb / seconds / cores:.3f}" if seconds and seconds >= 0.1 else "–"


def _peak(mb: float | None) -> str:
    return f"{mb:,.0f}" if mb else "–"


def stage_rows(corpus: Corpus, results: dict) -> list[tuple[str, str, str, str, str]]:
    """Rows (stage, seconds, MB/s per core, peak RSS MB, note) of the per-stage table."""
    rows = []
    stages = results.get("stages") or {}
    if stages.get("seconds"):
        peak = stages.get("maxrss_mb")
        for name in PER_DOCUMENT_STAGES:
            secs = stages["seconds"].get(name, 0.0)
            rows.append((name, f"{secs:.1f}", _rate(corpus.mb, secs), _peak(peak), "one process, streaming"))
        total = sum(stages["seconds"].values())
        rows.append(("all per-document stages", f"{total:.1f}", _rate(corpus.mb, total), _peak(peak),
                     "peak of the streaming process"))
        jieba = stages.get("jieba") or {}
        if jieba.get("seconds"):
            rows.append(("jieba.lcut (yardstick)", f"{jieba['seconds']:.1f}",
                         _rate(jieba["bytes"] / MB, jieba["seconds"]), _peak(stages.get("maxrss_with_jieba_mb")),
                         f"over {jieba['bytes'] / MB:.1f} MB of the same text"))
    elif stages.get("failure"):
        rows.append(("per-document stages", "–", "–", "–", stages["failure"]))
    build = _global_source(results)
    if build:
        seconds = build.get("stage_seconds") or {k: v["seconds"] for k, v in build["sampled"].items()}
        for key, label in GLOBAL_STAGES.items():
            if key in seconds:
                cores = build["jobs"] if key == "extract" else 1
                peak = build["sampled"].get(key, {}).get("peak_mb")
                note = f"in kg build -j {build['jobs']}" + (f", {cores} workers" if cores > 1 else "")
                rows.append((label, f"{seconds[key]:.1f}", _rate(corpus.mb, seconds[key], cores), _peak(peak), note))
        if build.get("failure"):
            rows.append(("(build)", "–", "–", _peak(build.get("peak_mb")), build["failure"]))
    return rows


def _global_source(results: dict) -> dict | None:
    """The build whose stages the table shows: -j N if it ran, else -j 1."""
    for name in ("build", "build1"):
        if results.get(name) and "sampled" in results[name]:
            return results[name]
    return None


def build_rows(corpus: Corpus, results: dict) -> list[tuple[str, str, str, str, str]]:
    """Rows (what, wall seconds, MB/s per core, peak RSS MB, note) of the end-to-end table."""
    rows = []
    stages = results.get("stages") or {}
    jieba = stages.get("jieba") or {}
    jieba_rate = jieba["bytes"] / MB / jieba["seconds"] if jieba.get("seconds") else None
    for name in ("build1", "build"):
        b = results.get(name)
        if not b:
            continue
        label = f"kg build -j {b['jobs']}"
        if b.get("failure"):
            rows.append((label, f"{b['wall']:.0f}", "–", _peak(b.get("peak_mb")), b["failure"]))
            continue
        rate = corpus.mb / b["wall"] / b["jobs"]
        vs = f"; {rate / jieba_rate:.2f}× jieba.lcut" if jieba_rate else ""
        rows.append((label, f"{b['wall']:.1f}", f"{rate:.3f}", _peak(b["peak_mb"]),
                     f"{b.get('counts', {}).get('reports', '?')} reports{vs}"))
    inc = results.get("incremental")
    if inc:
        if inc.get("note"):
            rows.append(("rebuild after adding 1 report", "–", "–", "–", inc["note"]))
        elif inc.get("failure"):
            rows.append(("rebuild after adding 1 report", f"{inc['wall']:.0f}", "–", _peak(inc.get("peak_mb")),
                         inc["failure"]))
        else:
            share = f"{100 * inc['share_of_full']:.0f} % of the full build" if inc.get("share_of_full") else ""
            cached = (inc.get("counts") or {}).get("from_cache")
            note = inc.get("note_cache") or f"{share}; {cached} files from cache"
            rows.append(("rebuild after adding 1 report", f"{inc['wall']:.1f}", "–", _peak(inc["peak_mb"]), note))
    val = results.get("validate")
    if val and not val.get("note"):
        rows.append(("kg validate graph.ttl", f"{val['wall']:.1f}", _rate(corpus.mb, val["wall"]),
                     _peak(val.get("peak_mb")), val.get("failure") or "SHACL shapes and checks"))
    return rows


def _ms(entry: dict | None) -> str:
    if not entry:
        return "–"
    if "timeout" in entry:
        return f"> {entry['timeout'] * 1000:,.0f}"
    if "error" in entry:
        return "error"
    return f"{entry['median'] * 1000:,.1f}"


def query_rows(results: dict) -> list[tuple[str, str, str, str, str]]:
    """Rows (query, rdflib first ms, rdflib median ms, store median ms, rows) of the query table."""
    q = results.get("queries") or {}
    store = (q.get("store") or {}).get("queries") or {}
    rows = []
    for name, entry in (q.get("rdflib") or {}).items():
        first = f"{entry['first'] * 1000:,.1f}" if "first" in entry else _ms(entry)
        found = entry.get("rows", (store.get(name) or {}).get("rows", "–"))
        rows.append((name, first, _ms(entry), _ms(store.get(name)), str(found)))
    return rows


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) if i in (0, len(cells) - 1) else c.rjust(w)   # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *map(line, rows)])


def _markdown(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(out)


STAGE_HEADER = ("stage", "seconds", "MB/s/core", "peak RSS MB", "note")
BUILD_HEADER = ("run", "wall s", "MB/s/core", "peak RSS MB", "note")
QUERY_HEADER = ("query", "rdflib 1st ms", "rdflib median ms", "store median ms", "rows")


def notes(results: dict) -> list[str]:
    """Lines about the measurements that are not in the tables."""
    lines = []
    q = results.get("queries") or {}
    if q.get("triples"):
        lines.append(f"graph: {q['triples']:,} triples; rdflib parses graph.ttl in {q['parse_seconds']:.1f} s, "
                     f"peak {q.get('rdflib_maxrss_mb', 0):,.0f} MB")
    store = q.get("store") or {}
    if store.get("note"):
        lines.append(store["note"])
    elif store.get("load_seconds") is not None:
        lines.append(f"store: loaded in {store['load_seconds']:.1f} s; queried with {store['function']}")
    for key in ("note", "failure"):
        if q.get(key):
            lines.append(f"queries: {q[key]}")
    stages = results.get("stages") or {}
    if stages.get("counts"):
        c = stages["counts"]
        lines.append("found: " + ", ".join(f"{c.get(k, 0):,} {k}" for k in
                                           ("reports", "sentences", "mentions", "relations", "quantities")))
    for name in ("stages", "build1", "build", "incremental", "queries", "validate"):
        r = results.get(name) or {}
        if r.get("load_before"):
            lines.append(f"{name}: load average before {r['load_before']}" +
                         (f"; `{r['command']}`" if r.get("command") else ""))
    return lines


def report_text(label: str, corpus: Corpus, results: dict, markdown: bool) -> str:
    """The results of one run, as plain tables or as a markdown section."""
    suffixes = ", ".join(f"{n} {s}" for s, n in corpus.by_suffix.items())
    head = f"{label}: {corpus.mb:.1f} MB in {corpus.files} files ({suffixes}), {corpus.folder}"
    table = _markdown if markdown else _table
    parts = [f"### {head}" if markdown else head, "",
             table(STAGE_HEADER, stage_rows(corpus, results)), "",
             table(BUILD_HEADER, build_rows(corpus, results))]
    if query_rows(results):
        parts += ["", table(QUERY_HEADER, query_rows(results))]
    parts += [""] + [f"- {n}" if markdown else n for n in notes(results)]
    return "\n".join(parts) + "\n"


def append_results(path: Path, label: str, corpus: Corpus, results: dict, info: dict) -> None:
    """Append one markdown section with the machine, date and tables to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    head = (f"\n## {label} — {stamp}\n\nMachine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, "
            f"Python {info['python']}, rdflib {info['rdflib']}, jieba {info['jieba']}; "
            f"kg code and data digest {info['kg_digest']}.\n\n")
    with open(path, "a", encoding="utf-8") as out:
        out.write(head + report_text(label, corpus, results, markdown=True))


# ================================================================ command line

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of report files (see bench/corpus.py)")
    parser.add_argument("--jobs", "-j", type=int, default=None, help="worker processes of kg build -j (default: every CPU)")
    parser.add_argument("--label", default=None, help="name of the run in the results (default: the folder's name)")
    parser.add_argument("--measure", default=",".join(DEFAULT_MEASUREMENTS),
                        help=f"comma-separated, of: {', '.join(ALL_MEASUREMENTS)} (default: all but validate)")
    parser.add_argument("--memory-limit", type=float, default=8.0, help="GB of address space per measurement (default 8)")
    parser.add_argument("--timeout", type=float, default=60.0, help="minutes per measurement (default 60)")
    parser.add_argument("--jieba-mb", type=float, default=None, help="MB of text to run jieba over (default: all)")
    parser.add_argument("--query-limit", type=float, default=120.0, help="seconds a query may take (default 120)")
    parser.add_argument("--work", type=Path, default=None, help="folder for outputs (default /tmp/kgbench/runs/LABEL)")
    parser.add_argument("--results", type=Path, default=Path("/tmp/kgbench/results.md"),
                        help="markdown file to append the results to (default /tmp/kgbench/results.md)")
    args = parser.parse_args(argv)
    wanted = [m.strip() for m in args.measure.split(",") if m.strip()]
    unknown = [m for m in wanted if m not in ALL_MEASUREMENTS]
    if unknown:
        parser.error(f"unknown measurement {', '.join(unknown)}; known: {', '.join(ALL_MEASUREMENTS)}")
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    args.measure = wanted
    return args


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        return child_main(sys.argv[2:])
    args = parse_args(argv)
    from kg.pipeline import available_cpus

    label = args.label or args.folder.resolve().name
    work = args.work or Path("/tmp/kgbench/runs") / label
    work.mkdir(parents=True, exist_ok=True)
    corpus = describe_corpus(args.folder.resolve())
    options = build_options()
    settings = Settings(corpus, work, args.jobs or available_cpus(), args.memory_limit, args.timeout,
                        options, args.jieba_mb, args.query_limit)
    print(f"{label}: {corpus.mb:.1f} MB in {corpus.files} files; kg build options found: "
          f"{', '.join(sorted(options)) or 'none'}; limits {args.memory_limit:g} GB, {args.timeout:g} min", flush=True)
    digest_before = kg_digest()
    results = run_measurements(settings, args.measure)
    info = machine()
    if info["kg_digest"] != digest_before:
        info["kg_digest"] = f"{digest_before}→{info['kg_digest']}, changed during the run"
    (work / "results.json").write_text(json.dumps({"label": label, "corpus": asdict(corpus) | {"folder": str(corpus.folder)},
                                                   "machine": info, "results": results}, indent=1, default=str),
                                       encoding="utf-8")
    print()
    print(report_text(label, corpus, results, markdown=False))
    append_results(args.results, label, corpus, results, info)
    print(f"appended to {args.results}; raw figures in {work / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
