"""The build: input files → per-document extraction → resolution → output files.

:func:`process_file` is the per-document stage (ingest, split, sentences,
mentions, relations, quantities).  It depends on nothing but its path, so it
can run in any process or on any machine.  :func:`extract_files` runs it over
many files in worker processes, reusing the results an
:class:`~kg.cache.ExtractionCache` holds for unchanged files.  :func:`build`
does that for every input, resolves entities across all reports and writes
the outputs; results are merged in path order, so the outputs do not depend
on the number of workers, the order files finish in or the order of the
inputs.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from collections import defaultdict, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.cache import CACHE_FOLDER, ExtractionCache, file_sha256
from kg.errors import InputError, KGError
from kg.model import Document, Entity, Quantity, Relation, Report, ReportExtraction, Sentence

if TYPE_CHECKING:
    from kg.turtle import TurtleCache

__all__ = ["FileResult", "BuildSummary", "OUTPUT_FILES", "SentenceSource", "available_cpus",
           "process_file", "extract_files", "build"]

#: Above this many triples a build does not check the SHACL shapes unless asked
#: (pyshacl takes minutes there); ``kg validate`` checks them on its own.
VALIDATE_MAX_TRIPLES = 200_000

#: The explorer page a build writes holds at most this many nodes, the most
#: connected part of the graph, and says so (``kg viz`` draws other parts).
HTML_NODES = 3000

#: The files a build writes into its output folder.
OUTPUT_FILES = ("graph.ttl", "graph.html", "entities.csv", "coverage.csv", "build.json")


@dataclass(slots=True)
class FileResult:
    """What the per-document stage made of one input file."""

    path: str
    extractions: list[ReportExtraction] = field(default_factory=list)
    sha256: str | None = None
    format: str | None = None
    encoding: str | None = None
    characters: int = 0
    seconds: float = 0.0
    error: str | None = None
    cached: bool = False       # the result was read from the extraction cache
    outline: dict | None = None   # its build.json entry, made before a build let its sentences go

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict:
        """Return the file's entry of ``build.json``."""
        if self.outline is not None:
            return self.outline
        reports = [x.report for x in self.extractions]
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "encoding": self.encoding,
            "characters": self.characters,
            "reports": [
                {
                    "id": r.report_id,
                    "title": r.title,
                    "issuer": r.issuer,
                    "district": r.district,
                    "parents": list(r.parents),
                    "period": r.period,
                    "published": r.published,
                    "sections": len(r.sections),
                    "sections_by_kind": _count(s.kind for s in r.sections),
                    "sentences": len(x.sentences),
                    "mentions": len(x.mentions),
                    "relations": len(x.relations),
                    "quantities": len(x.quantities),
                }
                for r, x in zip(reports, self.extractions)
            ],
            "seconds": round(self.seconds, 3),
            "cached": self.cached,
            "error": self.error,
        }


@dataclass(slots=True)
class BuildSummary:
    """The outcome of :func:`build`: per-file results and the written files.

    The extractions of ``files`` keep their reports only: the build lets
    the sentences go once counted (:class:`SentenceSource` reads them back
    when they are written) and the rest once resolved; each file's
    ``build.json`` entry (``FileResult.outline``) has the counts.
    """

    files: list[FileResult]
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    quantities: int = 0
    violations: int | None = None      # SHACL violations of the graph; None when not validated
    warnings: int | None = None
    seconds: float = 0.0
    cached: int | None = None          # files read from the extraction cache; None without a cache
    jobs: int = 1                      # worker processes allowed for extraction (1: in this process)
    store_dir: Path | None = None      # the store graph.ttl was loaded into (--store)
    store_quads: int | None = None
    store_error: str | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)
    triples: int = 0                   # triples in graph.ttl
    turtle_cached: int | None = None   # reports whose Turtle came from the cache; None without a cache
    validation_skipped: bool = False   # not checked by default: the graph is above VALIDATE_MAX_TRIPLES

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    @property
    def reports(self) -> int:
        return sum(len(f.extractions) for f in self.files)

    def line(self) -> str:
        """One line saying what the build did."""
        ok = len(self.files) - len(self.failed)
        from_cache = f" ({self.cached} from cache)" if self.cached is not None else ""
        text = (f"built {self.reports} reports from {ok} of {len(self.files)} files{from_cache}: "
                f"{self.entities} entities, {self.relations} relations, "
                f"{self.quantities} targets/achievements in {self.seconds:.1f} s → {self.out_dir}")
        if self.violations is not None:
            text += f"; shapes: {self.violations} violations, {self.warnings} warnings"
        elif self.validation_skipped:
            text += (f"; shapes not checked above {VALIDATE_MAX_TRIPLES:,} triples "
                     "(kg validate checks them, kg build --validate too)")
        if self.store_error is not None:
            text += f"; store {self.store_dir} failed: {self.store_error}"
        elif self.store_quads is not None:
            text += f"; store: {self.store_quads} quads → {self.store_dir}"
        if self.failed:
            text += f"; {len(self.failed)} file{'s' if len(self.failed) > 1 else ''} failed"
        return text


def _count(items: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return dict(sorted(counts.items()))


def process_file(path: str | os.PathLike, *, debug: bool = False) -> FileResult:
    """Run the per-document stages on one file.

    Parameters
    ----------
    path : a report file (.txt, .md, .html, .docx, .pdf …).
    debug : re-raise unexpected exceptions instead of recording them.

    Returns
    -------
    FileResult with one :class:`ReportExtraction` per report found, or with
    ``error`` set to a one-line reason when the file cannot be used.
    """
    from kg.ingest import read_document

    started = time.perf_counter()
    result = FileResult(path=str(path))
    try:
        doc = read_document(path)
        result.sha256, result.format, result.encoding = doc.sha256, doc.format, doc.encoding
        result.characters = len(doc.text)
        result.extractions = _extract_reports(doc)
        if not result.extractions:
            raise InputError(path, "no report found in the text (no title or headings of a work report)")
    except InputError as exc:
        result.error = exc.reason
        result.extractions = []
    except Exception as exc:  # an unexpected failure on one file must not stop the build
        if debug:
            raise
        result.error = f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"
        result.extractions = []
    result.seconds = time.perf_counter() - started
    return result


def _extract_reports(doc: Document) -> list[ReportExtraction]:
    """Split a document into reports and run the per-report stages on each."""
    from kg.extract import extract_mentions
    from kg.quantities import extract_quantities
    from kg.relations import extract_relations
    from kg.sentences import split_sentences
    from kg.split import split_reports

    extractions = []
    for report in split_reports(doc):
        sentences = split_sentences(report)
        mentions = extract_mentions(report, sentences)
        extractions.append(ReportExtraction(
            report=report,
            sentences=sentences,
            mentions=mentions,
            relations=extract_relations(report, sentences, mentions),
            quantities=extract_quantities(report, sentences, mentions),
        ))
    return extractions


# ------------------------------------------------------------ many files

#: A small report run once per process so that the lexicon, jieba's
#: dictionary and the patterns are loaded before the first real file.
_WARM_UP_TEXT = """\
青山县科学技术局2023年工作总结

一、2023年工作总结
(一)全年新增高新技术企业12家,县科技局与江北大学共建青山县新材料产业研究院。

二、2024年工作计划
(一)力争新增高新技术企业15家,全社会研发投入强度达到2.5%。
"""

#: Loggers whose levels the command line sets; workers started fresh copy them.
_QUIET_LOGGERS = ("jieba", "pypdf", "trafilatura", "htmldate")

#: The error of a file whose worker process died while reading it.
WORKER_DIED = ("internal error: the worker process stopped while reading this file "
               "(a crash or out of memory); run with -j 1 --debug to see more")


def available_cpus() -> int:
    """Return how many CPUs this process may run on (its affinity mask, else ``os.cpu_count()``)."""
    if hasattr(os, "sched_getaffinity"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except OSError:
            pass
    return os.cpu_count() or 1


def extract_files(
    files: Sequence[str | os.PathLike],
    *,
    jobs: int | None = None,
    cache: ExtractionCache | None = None,
    debug: bool = False,
) -> Iterator[FileResult]:
    """Run :func:`process_file` on many files, in parallel, reusing cached results.

    Parameters
    ----------
    files : the files to read.
    jobs : worker processes to use (default: :func:`available_cpus`); with 1,
        or when at most one file needs extracting, files are processed in
        this process.
    cache : where to look results up by content and store new ones; None
        to extract every file and store nothing.
    debug : re-raise unexpected exceptions (with the worker's traceback).

    Yields
    ------
    One FileResult per file, as each is ready: cached files first, then the
    others in the order they finish.  A file whose worker process dies gets
    :data:`WORKER_DIED` as its error; the other files still build.
    """
    todo = []
    for file in files:
        result = _load_cached(cache, file) if cache is not None else None
        if result is None:
            todo.append(str(file))
        else:
            yield result
    workers = min(jobs or available_cpus(), len(todo))
    if workers <= 1:
        for path in todo:
            yield _extract_and_store(path, debug, cache)
    else:
        yield from _extract_in_pool(todo, workers, debug, cache)


def _load_cached(cache: ExtractionCache, file: str | os.PathLike) -> FileResult | None:
    """Return the cached result of ``file`` as it is now, moved to its current path; None if absent."""
    started = time.perf_counter()
    sha256 = file_sha256(file)
    if sha256 is None:
        return None
    result = cache.load(cache.key(sha256, file))
    if not isinstance(result, FileResult) or not result.ok or result.sha256 != sha256:
        return None
    result = _relocate(result, str(file))
    result.cached = True
    result.seconds = time.perf_counter() - started
    return result


def _relocate(result: FileResult, path: str) -> FileResult:
    """Give a result read from another file with the same content the path of this one.

    The path reaches the outputs only as ``FileResult.path`` and
    ``Report.source``; report ids come from the content hash.
    """
    result.path = path
    for extraction in result.extractions:
        extraction.report = replace(extraction.report, source=path)
    return result


def _extract_and_store(path: str, debug: bool, cache: ExtractionCache | None) -> FileResult:
    """Extract one file and store a successful result in ``cache`` (runs in a worker)."""
    result = process_file(path, debug=debug)
    if cache is not None and result.ok and result.sha256:
        cache.store(cache.key(result.sha256, path), result)
    return result


def _extract_in_pool(paths: list[str], workers: int, debug: bool,
                     cache: ExtractionCache | None) -> Iterator[FileResult]:
    """Extract ``paths`` in a pool of ``workers`` processes, yielding results as they finish.

    When a worker dies the pool breaks and every file in flight fails with
    it; those files are then run one at a time in a pool of their own, so
    only the file that kills its worker gets an error, and the pool is
    started again for the files not yet submitted.
    """
    if _pool_context().get_start_method() == "fork":
        _warm_up()     # forked workers inherit the loaded lexicon and patterns
    pending = deque(paths)
    while pending:
        in_flight_when_broken = yield from _run_pool(pending, workers, debug, cache)
        for path in in_flight_when_broken:
            yield _extract_alone(path, debug, cache)


def _run_pool(pending: deque[str], workers: int, debug: bool,
              cache: ExtractionCache | None) -> Generator[FileResult, None, list[str]]:
    """Take files off ``pending`` until none is left or the pool breaks.

    Yields the results of finished files; returns the files that were in
    flight when the pool broke (empty when it did not).
    """
    pool = _new_pool(workers)
    in_flight: dict[Future, str] = {}
    try:
        while pending or in_flight:
            if not _submit(pool, pending, in_flight, 2 * workers, debug, cache):
                break
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                break
            for future in sorted(done, key=in_flight.__getitem__):
                yield _outcome(future, in_flight.pop(future), debug)
        wait(in_flight)
        lost = []
        for future, path in sorted(in_flight.items(), key=lambda item: item[1]):
            if isinstance(future.exception(), BrokenProcessPool):
                lost.append(path)
            else:
                yield _outcome(future, path, debug)
        return lost
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, pending: deque[str], in_flight: dict[Future, str], limit: int,
            debug: bool, cache: ExtractionCache | None) -> bool:
    """Move files from ``pending`` into the pool until ``limit`` are in flight.

    The limit bounds the work queued in the pool and the results waiting to
    be read.  Returns False when the pool is broken (the file that could not
    be submitted goes back to ``pending``).
    """
    while pending and len(in_flight) < limit:
        path = pending.popleft()
        try:
            future = pool.submit(_extract_and_store, path, debug, cache)
        except BrokenProcessPool:
            pending.appendleft(path)
            return False
        in_flight[future] = path
    return True


def _extract_alone(path: str, debug: bool, cache: ExtractionCache | None) -> FileResult:
    """Extract one file in a worker process of its own; its death is this file's error."""
    pool = _new_pool(1)
    try:
        future = pool.submit(_extract_and_store, path, debug, cache)
        wait([future])
        if isinstance(future.exception(), BrokenProcessPool):
            return FileResult(path=path, error=WORKER_DIED)
        return _outcome(future, path, debug)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(future: Future, path: str, debug: bool) -> FileResult:
    """Return a finished future's result; an exception it raised becomes the file's error."""
    try:
        return future.result()
    except (Exception, SystemExit) as exc:
        if debug:
            raise
        return FileResult(path=path, error=f"internal error: {type(exc).__name__}: {exc} "
                                           "(run with --debug for the traceback)")


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers inherit what the parent loaded), spawn elsewhere."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    context = _pool_context()
    levels = {name: logging.getLogger(name).level for name in _QUIET_LOGGERS}
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                               initargs=(context.get_start_method() != "fork", levels))


def _init_worker(warm_up: bool, logger_levels: dict[str, int]) -> None:
    """Set up a worker process: Ctrl-C is the parent's to handle; load the lexicon if not inherited."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name, level in logger_levels.items():
        logging.getLogger(name).setLevel(level)
    if warm_up:
        _warm_up()


def _warm_up() -> None:
    """Load the lexicon, jieba's dictionary, the patterns and the text reader in this process."""
    import kg.ingest.text  # noqa: F401  (the reader of most inputs)

    doc = Document(doc_id="0" * 16, path="", sha256="0" * 64, format="text", encoding="utf-8",
                   text=_WARM_UP_TEXT, raw_text=_WARM_UP_TEXT)
    try:
        _extract_reports(doc)
    except Exception:  # a broken pattern file fails each file with its own message instead
        pass


# ------------------------------------------------------------------ build


def build(
    paths: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike = "output",
    *,
    html: bool = True,
    html_nodes: int = HTML_NODES,
    validate: bool | None = None,
    debug: bool = False,
    jobs: int | None = None,
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
    store: str | os.PathLike | None = None,
    on_file: Callable[[FileResult], None] | None = None,
    files_found: Callable[[list[Path]], None] | None = None,
) -> BuildSummary:
    """Build the knowledge graph of the report files under ``paths``.

    Parameters
    ----------
    paths : files and folders (folders are walked recursively, sorted).
    out_dir : folder to write ``OUTPUT_FILES`` into (created if missing).
    html : also write the explorer page ``graph.html``.
    html_nodes : the page holds at most this many nodes: above it, the most
        connected part of the graph and a line saying how to draw the rest
        (see :func:`kg.viz.explorer_html`); 0 holds every node.
    validate : check the graph against ``ontology/shapes.ttl`` and count
        the violations (``kg validate`` lists them); None (the default)
        checks graphs of up to :data:`VALIDATE_MAX_TRIPLES` triples, since
        the check takes longer than the rest of the build on big graphs.
    debug : re-raise unexpected exceptions.
    jobs : worker processes for the per-file stage (default: every CPU this
        process may use; 1: no worker processes).  The outputs are the same
        for any number.
    cache : reuse the extraction results of files whose content (and the
        extractor) did not change since an earlier build, and store the new
        ones; False extracts every file and writes no cache.
    cache_dir : the cache's folder (default ``out_dir/.cache``).
    store : also load the written ``graph.ttl`` into the store in this
        folder (:func:`kg.store.write_store`).
    on_file : called with each file's result as soon as it is processed
        (progress display).
    files_found : called once with the list of input files before processing.

    Returns
    -------
    BuildSummary.  Files that fail are listed in it with their reason; the
    others still build.  When no file yields a report the previous outputs
    are left untouched.  Only the current inputs' results reach the
    outputs: a file removed since the last build leaves no trace.

    Examples
    --------
    ``build(["seeds/"], "output")`` does what ``kg build`` does.
    """
    from kg.graph import write_atomic

    started = time.perf_counter()
    clock = _StageClock()
    out = Path(out_dir)
    files, missing = _collect(paths)
    if files_found:
        files_found(files)
    results = list(missing)
    if on_file:
        for result in missing:
            on_file(result)
    extraction_cache = ExtractionCache(cache_dir if cache_dir is not None else out / CACHE_FOLDER) \
        if cache else None
    # without a cache, the results (to read the sentences back) and the Turtle runs go to a
    # temporary folder, removed at the end
    with tempfile.TemporaryDirectory(prefix="kg-build-") if extraction_cache is None \
            else contextlib.nullcontext() as spill:
        sentences = SentenceSource(extraction_cache or ExtractionCache(spill, version=_SPILL_VERSION))
        coverage: dict[str, str] = {}
        for result in extract_files(files, jobs=jobs, cache=sentences.cache, debug=debug):
            if on_file:
                on_file(result)
            coverage[result.path] = _coverage_rows(result.extractions)
            results.append(sentences.keep(result))
        clock.lap("extract")
        results.sort(key=lambda r: r.path)
        summary = BuildSummary(files=results, out_dir=out, stage_seconds=clock.seconds,
                               jobs=jobs or available_cpus())
        if extraction_cache is not None:
            summary.cached = sum(1 for r in results if r.cached)
        extractions = [x for r in results for x in r.extractions]
        if not extractions:
            summary.seconds = time.perf_counter() - started
            return summary

        from kg.turtle import TurtleCache

        turtle_cache = TurtleCache(extraction_cache.folder if extraction_cache is not None else spill)
        _write_outputs(summary, extractions, clock, html=html, html_nodes=html_nodes, validate=validate,
                       turtle_cache=turtle_cache, sentences=sentences,
                       coverage=[coverage[r.path] for r in results])
    if store is not None:
        _load_store(summary, Path(store), debug)
        clock.lap("store")
    if extraction_cache is not None:
        extraction_cache.prune(extraction_cache.key(r.sha256, r.path) for r in results if r.ok and r.sha256)
        turtle_cache.prune()
        clock.lap("cache")
    summary.seconds = time.perf_counter() - started
    write_atomic(out / "build.json", _build_json(summary))
    summary.written.append(out / "build.json")
    return summary


def _for_resolution(x: ReportExtraction) -> ReportExtraction:
    """``x`` without what resolution does not read: the sentences, and the sentence text
    its relations and quantities carry as evidence (graph.ttl takes it from the sentence)."""
    return ReportExtraction(x.report, [], x.mentions, [replace(r, evidence="") for r in x.relations],
                            [replace(q, evidence="") for q in x.quantities])


#: The version folder of the temporary extraction cache of a build without a cache.
_SPILL_VERSION = "spill"


class SentenceSource:
    """The sentences of a build's reports, read back from the extraction cache when asked for.

    A build keeps of each file's result what resolution needs (the reports,
    mentions, relations and quantities) and lets the sentences go
    (:meth:`keep`): the sentences of all reports would take about a fifth of
    the memory of a build.  Called with a report id (a
    :data:`kg.turtle.SentencesOf`), the source reads the whole results of
    the files holding that report from ``cache``, the few files last read
    kept, and gives the report's sentences in the order of the files' paths.

    Parameters
    ----------
    cache : where the results are stored (by the workers of
        :func:`extract_files`, or by :meth:`keep` if they are missing); a
        result that cannot be stored keeps its sentences in memory, and one
        that has gone from the cache meanwhile is extracted again.
    """

    #: Whole results kept at a time (a file's reports are asked for one after the other).
    RECENT = 2

    def __init__(self, cache: ExtractionCache):
        self.cache = cache
        self._paths: dict[str, list[str]] = defaultdict(list)          # report id → files
        self._stored: dict[str, tuple[str, str]] = {}                  # file → (cache key, sha256)
        self._held: dict[str, list[ReportExtraction]] = {}             # file → extractions, not stored
        self._recent: dict[str, list[ReportExtraction]] = {}

    def keep(self, result: FileResult) -> FileResult:
        """Note where ``result`` can be read back; return it without its sentences.

        The returned result's ``outline`` is its ``build.json`` entry, made
        while the sentences were still there.
        """
        if not result.extractions:
            return result
        key = self.cache.key(result.sha256, result.path)
        if self.cache.has(key) or self.cache.store(key, result):
            self._stored[result.path] = (key, result.sha256)
        else:
            self._held[result.path] = result.extractions
        for x in result.extractions:
            self._paths[x.report.report_id].append(result.path)
        light = replace(result, extractions=[_for_resolution(x) for x in result.extractions])
        light.outline = result.to_json()
        return light

    def report_ids(self) -> list[str]:
        """The ids of the reports kept, sorted."""
        return sorted(self._paths)

    def __call__(self, report_id: str) -> list[Sentence]:
        """The sentences of report ``report_id``, from each file that holds it, in path order."""
        return [s for path in sorted(self._paths.get(report_id, ())) for x in self._extractions(path)
                if x.report.report_id == report_id for s in x.sentences]

    def _extractions(self, path: str) -> list[ReportExtraction]:
        """The whole extractions of the file at ``path``."""
        if path in self._held:
            return self._held[path]
        found = self._recent.get(path)
        if found is None:
            found = self._read(path)
            if len(self._recent) >= self.RECENT:
                del self._recent[next(iter(self._recent))]
            self._recent[path] = found
        return found

    def _read(self, path: str) -> list[ReportExtraction]:
        """Read a file's result back from the cache, or extract it again if it has gone."""
        key, sha256 = self._stored[path]
        result = self.cache.load(key)
        if not isinstance(result, FileResult) or not result.ok or result.sha256 != sha256:
            result = process_file(path)
            if result.sha256 != sha256:
                raise InputError(path, "the file changed while the build was running; build again")
        return result.extractions


class _StageClock:
    """Seconds spent in each stage of a build, in the order the stages ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Record the time since the previous lap as ``stage``."""
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._last, 3)
        self._last = now


@dataclass(slots=True)
class _Resolved:
    """The resolved data graph.ttl and entities.csv are written from (the sentences aside)."""

    reports: list[Report]
    entities: list[Entity]
    relations: list[Relation]
    quantities: list[Quantity]


def _write_outputs(summary: BuildSummary, extractions: list[ReportExtraction], clock: _StageClock,
                   *, html: bool, validate: bool | None, sentences: SentenceSource, coverage: list[str],
                   turtle_cache: TurtleCache | None = None, html_nodes: int = HTML_NODES) -> None:
    """Resolve entities, write the graph and every output but build.json.

    ``extractions`` hold no sentences: graph.ttl is written by
    :func:`kg.turtle.write_turtle` from the resolved data, each report's
    sentences read from ``sentences`` when its part is made and its part
    taken from ``turtle_cache`` when its triples did not change; the
    explorer is drawn from an index of the same triples, after the resolved
    data is let go.  ``coverage`` holds the rows of coverage.csv of each
    file, in path order.  An rdflib graph is built only to check the shapes.
    """
    from kg.graph import write_atomic
    from kg.resolve import write_entities_csv
    from kg.turtle import write_turtle

    out = summary.out_dir
    data: _Resolved | None = _resolve(summary, extractions)
    clock.lap("resolve")
    out.mkdir(parents=True, exist_ok=True)
    index = None
    if html:
        from kg.viz import TripleIndex
        index = TripleIndex()
    stats = write_turtle(out / "graph.ttl", data.reports, sentences, data.entities, data.relations,
                         data.quantities, cache=turtle_cache, on_triples=index.add if index is not None else None)
    summary.written.append(out / "graph.ttl")
    summary.triples = stats.triples
    if summary.cached is not None:      # a build without a cache has a Turtle cache of its own
        summary.turtle_cached = stats.from_cache
    clock.lap("serialize")
    entities_csv = out / "entities.csv"
    write_entities_csv(data.entities, entities_csv)
    summary.written.append(entities_csv)
    write_atomic(out / "coverage.csv", _coverage_csv(coverage))
    summary.written.append(out / "coverage.csv")
    clock.lap("tables")
    if validate is None:
        validate = stats.triples <= VALIDATE_MAX_TRIPLES
        summary.validation_skipped = not validate
    if not validate:
        data = None     # the explorer reads its index only
    if index is not None:
        from kg.viz import write_explorer
        write_explorer(index, out / "graph.html", max_nodes=html_nodes or None)
        summary.written.append(out / "graph.html")
        del index
        clock.lap("html")
    if data is not None:
        _check_shapes(summary, data, sentences, clock)


def _resolve(summary: BuildSummary, extractions: list[ReportExtraction]) -> _Resolved:
    """Resolve the entities of ``extractions`` and count them in ``summary``.

    The extractions are left with their reports only: the resolved data
    holds what is written (the mentions among it).
    """
    from kg.resolve import resolve

    resolution = resolve(extractions)
    summary.entities = len(resolution.entities)
    summary.relations = len(resolution.relations)
    summary.quantities = len(resolution.quantities)
    for x in extractions:
        x.mentions, x.relations, x.quantities = [], [], []
    return _Resolved([x.report for x in extractions], resolution.entities, resolution.relations,
                     resolution.quantities)


def _check_shapes(summary: BuildSummary, data: _Resolved, sentences: SentenceSource,
                  clock: _StageClock) -> None:
    """Build the rdflib graph of ``data`` and count its violations of the shapes in ``summary``."""
    from kg.graph import build_graph
    from kg.validate import validate_graph

    every_sentence = [s for report_id in sentences.report_ids() for s in sentences(report_id)]
    graph = build_graph(data.reports, every_sentence, data.entities, data.relations, data.quantities)
    clock.lap("graph")
    report = validate_graph(graph)
    summary.violations, summary.warnings = len(report.violations), len(report.warnings)
    clock.lap("validate")


def _load_store(summary: BuildSummary, store_dir: Path, debug: bool) -> None:
    """Load the written graph.ttl into the store at ``store_dir``; a failure is recorded, not raised."""
    summary.store_dir = store_dir
    try:
        from kg.store import write_store

        summary.store_quads = write_store(summary.out_dir / "graph.ttl", store_dir)
    except Exception as exc:
        if debug:
            raise
        summary.store_error = f"{type(exc).__name__}: {exc}" if not isinstance(exc, KGError) else str(exc)


def _collect(paths: Sequence[str | os.PathLike]) -> tuple[list[Path], list[FileResult]]:
    """Expand the input paths; a path that cannot be listed becomes a failed result."""
    from kg.ingest import iter_input_files

    files: list[Path] = []
    failed: list[FileResult] = []
    for path in paths:
        try:
            files.extend(iter_input_files([path]))
        except InputError as exc:
            failed.append(FileResult(path=exc.path, error=exc.reason))
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, failed


def _coverage_rows(extractions: list[ReportExtraction]) -> str:
    """The rows of coverage.csv for the reports of one file (see :func:`kg.quantities.find_uncovered`)."""
    from kg.quantities import find_uncovered

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for x in extractions:
        for sentence, reason in find_uncovered(x.report, x.sentences, x.relations, x.quantities):
            writer.writerow([x.report.report_id, sentence.sent_id, sentence.kind, reason, sentence.text])
    return buffer.getvalue()


def _coverage_csv(rows: Iterable[str]) -> bytes:
    """coverage.csv: its header and the rows of each file."""
    return ("report,sentence,section_kind,reason,text\n" + "".join(rows)).encode("utf-8")


def _build_json(summary: BuildSummary) -> bytes:
    data = {
        "reports": summary.reports,
        "files": [f.to_json() for f in summary.files],
        "failed": len(summary.failed),
        "entities": summary.entities,
        "relations": summary.relations,
        "quantities": summary.quantities,
        "shape_violations": summary.violations,
        "shape_warnings": summary.warnings,
        "seconds": round(summary.seconds, 3),
        "jobs": summary.jobs,
        "from_cache": summary.cached,
        "triples": summary.triples,
        "turtle_from_cache": summary.turtle_cached,
        "stage_seconds": summary.stage_seconds,
        "store": None if summary.store_dir is None else {
            "folder": str(summary.store_dir), "quads": summary.store_quads, "error": summary.store_error},
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
