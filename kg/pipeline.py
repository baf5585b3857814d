"""The build: input files → per-document extraction → resolution → output files.

:func:`process_file` is the per-document stage (ingest, split, sentences,
mentions, relations, quantities).  It depends on nothing but its path, so it
can run in any process or on any machine.  :func:`build` runs it over every
input, resolves entities across all reports and writes the outputs.
"""
from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.model import ReportExtraction

__all__ = ["FileResult", "BuildSummary", "OUTPUT_FILES", "process_file", "build"]

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

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict:
        """Return the file's entry of ``build.json``."""
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
            "error": self.error,
        }


@dataclass(slots=True)
class BuildSummary:
    """The outcome of :func:`build`: per-file results and the written files."""

    files: list[FileResult]
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    quantities: int = 0
    violations: int | None = None      # SHACL violations of the graph; None when not validated
    warnings: int | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    @property
    def reports(self) -> int:
        return sum(len(f.extractions) for f in self.files)

    def line(self) -> str:
        """One line saying what the build did."""
        ok = len(self.files) - len(self.failed)
        text = (f"built {self.reports} reports from {ok} of {len(self.files)} files: "
                f"{self.entities} entities, {self.relations} relations, "
                f"{self.quantities} targets/achievements in {self.seconds:.1f} s → {self.out_dir}")
        if self.violations is not None:
            text += f"; shapes: {self.violations} violations, {self.warnings} warnings"
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
    from kg.extract import extract_mentions
    from kg.ingest import read_document
    from kg.quantities import extract_quantities
    from kg.relations import extract_relations
    from kg.sentences import split_sentences
    from kg.split import split_reports

    started = time.perf_counter()
    result = FileResult(path=str(path))
    try:
        doc = read_document(path)
        result.sha256, result.format, result.encoding = doc.sha256, doc.format, doc.encoding
        result.characters = len(doc.text)
        reports = split_reports(doc)
        if not reports:
            raise InputError(path, "no report found in the text (no title or headings of a work report)")
        for report in reports:
            sentences = split_sentences(report)
            mentions = extract_mentions(report, sentences)
            result.extractions.append(ReportExtraction(
                report=report,
                sentences=sentences,
                mentions=mentions,
                relations=extract_relations(report, sentences, mentions),
                quantities=extract_quantities(report, sentences, mentions),
            ))
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


def build(
    paths: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike = "output",
    *,
    html: bool = True,
    validate: bool = True,
    debug: bool = False,
    on_file: Callable[[FileResult], None] | None = None,
    files_found: Callable[[list[Path]], None] | None = None,
) -> BuildSummary:
    """Build the knowledge graph of the report files under ``paths``.

    Parameters
    ----------
    paths : files and folders (folders are walked recursively, sorted).
    out_dir : folder to write ``OUTPUT_FILES`` into (created if missing).
    html : also write the explorer page ``graph.html``.
    validate : check the graph against ``ontology/shapes.ttl`` and count
        the violations (``kg validate`` lists them).
    debug : re-raise unexpected exceptions.
    on_file : called with each file's result as soon as it is processed
        (progress display).
    files_found : called once with the list of input files before processing.

    Returns
    -------
    BuildSummary.  Files that fail are listed in it with their reason; the
    others still build.  When no file yields a report the previous outputs
    are left untouched.

    Examples
    --------
    ``build(["seeds/"], "output")`` does what ``kg build`` does.
    """
    from kg.graph import build_graph, serialize_turtle, write_atomic
    from kg.quantities import find_uncovered
    from kg.resolve import resolve, write_entities_csv

    started = time.perf_counter()
    out = Path(out_dir)
    files, missing = _collect(paths)
    if files_found:
        files_found(files)
    results = list(missing)
    if on_file:
        for result in missing:
            on_file(result)
    for file in files:
        result = process_file(file, debug=debug)
        results.append(result)
        if on_file:
            on_file(result)
    results.sort(key=lambda r: r.path)
    summary = BuildSummary(files=results, out_dir=out)
    extractions = [x for r in results for x in r.extractions]
    if not extractions:
        summary.seconds = time.perf_counter() - started
        return summary

    resolution = resolve(extractions)
    sentences = [s for x in extractions for s in x.sentences]
    graph = build_graph([x.report for x in extractions], sentences, resolution.entities,
                        resolution.relations, resolution.quantities)
    summary.entities = len(resolution.entities)
    summary.relations = len(resolution.relations)
    summary.quantities = len(resolution.quantities)

    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "graph.ttl", serialize_turtle(graph))
    summary.written.append(out / "graph.ttl")
    entities_csv = out / "entities.csv"
    write_entities_csv(resolution.entities, entities_csv)
    summary.written.append(entities_csv)
    write_atomic(out / "coverage.csv", _coverage_csv(extractions, find_uncovered))
    summary.written.append(out / "coverage.csv")
    if html:
        from kg.viz import write_explorer
        write_explorer(graph, out / "graph.html")
        summary.written.append(out / "graph.html")
    if validate:
        from kg.validate import validate_graph
        report = validate_graph(graph)
        summary.violations, summary.warnings = len(report.violations), len(report.warnings)
    summary.seconds = time.perf_counter() - started
    write_atomic(out / "build.json", _build_json(summary))
    summary.written.append(out / "build.json")
    return summary


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


def _coverage_csv(extractions: list[ReportExtraction], find_uncovered) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["report", "sentence", "section_kind", "reason", "text"])
    for x in extractions:
        for sentence, reason in find_uncovered(x.report, x.sentences, x.relations, x.quantities):
            writer.writerow([x.report.report_id, sentence.sent_id, sentence.kind, reason, sentence.text])
    return buffer.getvalue().encode("utf-8")


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
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
