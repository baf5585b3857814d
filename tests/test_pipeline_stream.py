"""A build keeps no sentences in memory: :class:`kg.pipeline.SentenceSource` reads them back.

The outputs of a build are compared with those made from the whole
extractions of the same files held in memory (``process_file``, ``resolve``,
``turtle_bytes``), on the held-out reports of ``tests/data``.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

import kg.turtle
from kg.cache import ExtractionCache
from kg.errors import InputError
from kg.graph import build_graph
from kg.model import ReportExtraction
from kg.pipeline import FileResult, SentenceSource, build, extract_files, process_file
from kg.quantities import find_uncovered
from kg.resolve import resolve, write_entities_csv
from kg.turtle import turtle_bytes
from kg.viz import explorer_html

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """Ten held-out reports, one of them twice under another name (the same report ids)."""
    folder = tmp_path_factory.mktemp("reports")
    for source in ("heldout", "heldout2"):
        for path in sorted((DATA / source / "reports").iterdir()):
            shutil.copy(path, folder / path.name)
    shutil.copy(folder / "zunyi_2024_city.txt", folder / "zz_copy_of_zunyi.txt")
    return folder


@pytest.fixture(scope="module")
def extractions(reports: Path) -> list[ReportExtraction]:
    """Every extraction of the reports, whole, in path order."""
    return [x for path in sorted(reports.iterdir()) for x in process_file(path).extractions]


@pytest.fixture(scope="module")
def whole(reports: Path, extractions: list[ReportExtraction]) -> dict[str, bytes]:
    """The outputs made from every extraction held in memory at once."""
    resolution = resolve(extractions)
    data = ([x.report for x in extractions], [s for x in extractions for s in x.sentences],
            resolution.entities, resolution.relations, resolution.quantities)
    folder = reports.parent / "whole"
    folder.mkdir(exist_ok=True)
    write_entities_csv(resolution.entities, folder / "entities.csv")
    coverage = io.StringIO()
    writer = csv.writer(coverage, lineterminator="\n")
    writer.writerow(["report", "sentence", "section_kind", "reason", "text"])
    for x in extractions:
        for sentence, reason in find_uncovered(x.report, x.sentences, x.relations, x.quantities):
            writer.writerow([x.report.report_id, sentence.sent_id, sentence.kind, reason, sentence.text])
    return {"graph.ttl": turtle_bytes(*data),
            "graph.html": explorer_html(build_graph(*data)).encode("utf-8"),
            "entities.csv": (folder / "entities.csv").read_bytes(),
            "coverage.csv": coverage.getvalue().encode("utf-8")}


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in ("graph.ttl", "graph.html", "entities.csv",
                                                            "coverage.csv")}


@pytest.mark.parametrize("jobs, cache", [(1, False), (2, False), (1, True), (2, True)])
def test_a_build_writes_what_the_whole_extractions_give(reports, extractions, whole, tmp_path, jobs, cache):
    summary = build([reports], tmp_path / "out", jobs=jobs, cache=cache, validate=False)
    assert not summary.failed and summary.reports == len(extractions)
    assert outputs(tmp_path / "out") == whole
    if cache:           # again, every file and every report's Turtle from the caches
        again = build([reports], tmp_path / "again", jobs=jobs, cache_dir=tmp_path / "out" / ".cache",
                      validate=False)
        assert again.cached == 11
        assert again.turtle_cached == len({x.report.report_id for x in extractions})
        assert outputs(tmp_path / "again") == whole


def test_a_build_hands_the_writer_a_source_of_sentences_not_a_list(reports, extractions, tmp_path,
                                                                  monkeypatch):
    real, handed = kg.turtle.write_turtle, []

    def spy(path, reports, sentences, *rest, **options):
        handed.append(sentences)
        return real(path, reports, sentences, *rest, **options)

    monkeypatch.setattr(kg.turtle, "write_turtle", spy)
    summary = build([reports], tmp_path / "out", jobs=1, html=False, validate=False)
    [source] = handed
    assert isinstance(source, SentenceSource) and not isinstance(source, (list, tuple))
    kept = [x for f in summary.files for x in f.extractions]
    assert kept == [ReportExtraction(x.report) for x in extractions]
    assert all(report["sentences"] > 0 for f in summary.files for report in f.to_json()["reports"])


def test_a_build_without_a_cache_leaves_no_temporary_folder(reports, tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    build([reports], tmp_path / "out", jobs=1, cache=False, html=False, validate=False)
    assert list(scratch.iterdir()) == [] and not (tmp_path / "out" / ".cache").exists()


def test_a_cache_that_cannot_be_written_keeps_the_sentences_in_memory(reports, whole, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    summary = build([reports], tmp_path / "out", jobs=1, cache_dir=blocker, validate=False)
    assert not summary.failed and outputs(tmp_path / "out") == whole


# ------------------------------------------------------------------ the source itself

def kept(path: Path, cache: ExtractionCache) -> tuple[FileResult, SentenceSource, FileResult]:
    """Extract ``path`` into ``cache``; return the whole result, a source and what it kept."""
    [result] = extract_files([path], jobs=1, cache=cache)
    source = SentenceSource(cache)
    return result, source, source.keep(result)


def test_the_source_gives_each_reports_sentences_back(report_file, tmp_path):
    result, source, light = kept(report_file, ExtractionCache(tmp_path / "cache"))
    assert light.to_json() == result.to_json() and light.outline == result.to_json()
    for whole, x in zip(result.extractions, light.extractions):
        assert x.report == whole.report and x.mentions == whole.mentions and x.sentences == []
        assert [r.evidence for r in x.relations] == [""] * len(whole.relations)
        assert source(whole.report.report_id) == whole.sentences
    assert source.report_ids() == sorted(x.report.report_id for x in result.extractions)
    assert source("no-such-report") == []


def test_a_report_in_two_files_gets_the_sentences_of_both_in_path_order(report_file, tmp_path):
    copy = report_file.with_name("zz_" + report_file.name)
    shutil.copy(report_file, copy)
    cache = ExtractionCache(tmp_path / "cache")
    source = SentenceSource(cache)
    results = {r.path: r for r in extract_files([copy, report_file], jobs=1, cache=cache)}
    for path in (str(copy), str(report_file)):        # kept in another order than the paths'
        source.keep(results[path])
    [x] = results[str(report_file)].extractions
    assert source(x.report.report_id) == x.sentences * 2


def test_an_entry_gone_from_the_cache_is_extracted_again(report_file, tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    result, source, _ = kept(report_file, cache)
    shutil.rmtree(cache.entries)
    [x] = result.extractions
    assert source(x.report.report_id) == x.sentences


def test_a_file_changed_during_the_build_is_an_error(report_file, tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    result, source, _ = kept(report_file, cache)
    shutil.rmtree(cache.entries)
    report_file.write_text(report_file.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed"):
        source(result.extractions[0].report.report_id)


def test_a_result_that_cannot_be_stored_is_held_in_memory(report_file, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    cache = ExtractionCache(blocker)
    result = process_file(report_file)
    source = SentenceSource(cache)
    source.keep(result)
    [x] = result.extractions
    assert source(x.report.report_id) == x.sentences


def test_a_failed_file_is_kept_as_it_is(tmp_path):
    source = SentenceSource(ExtractionCache(tmp_path / "cache"))
    failed = FileResult(path="missing.txt", error="cannot be read")
    assert source.keep(failed) is failed and source.report_ids() == []
