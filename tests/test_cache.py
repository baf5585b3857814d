"""Tests for :mod:`kg.cache` and the incremental build it gives :func:`kg.pipeline.build`."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.cache
import kg.pipeline
from kg.cache import CACHE_FOLDER, ExtractionCache, extractor_version
from kg.cli import cli
from kg.model import ReportExtraction
from kg.pipeline import build, process_file

DETERMINISTIC_OUTPUTS = ("graph.ttl", "graph.html", "entities.csv", "coverage.csv")
COUNTIES = ("绿水县", "白云县", "红河县")


@pytest.fixture
def reports(tmp_path: Path, report_text: str) -> Path:
    """A folder of three small county reports."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for n, county in enumerate(COUNTIES):
        (folder / f"r{n}.txt").write_text(report_text.replace("青山县", county), encoding="utf-8")
    return folder


@pytest.fixture
def extracted(monkeypatch) -> list[str]:
    """The paths :func:`process_file` is called with (builds run with jobs=1)."""
    calls: list[str] = []
    real = kg.pipeline.process_file

    def counting(path, **kwargs):
        calls.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(kg.pipeline, "process_file", counting)
    return calls


def run_build(inputs, out: Path, **options):
    return build(inputs if isinstance(inputs, list) else [inputs], out, jobs=1, validate=False,
                 **options)


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in DETERMINISTIC_OUTPUTS}


def test_second_build_reads_every_file_from_the_cache(reports: Path, tmp_path: Path, extracted):
    out = tmp_path / "out"
    first = run_build(reports, out)
    assert first.cached == 0 and sorted(extracted) == ["r0.txt", "r1.txt", "r2.txt"]
    extracted.clear()
    second = run_build(reports, out)
    assert extracted == []
    assert second.cached == 3 and all(f.cached for f in second.files)
    assert "(3 from cache)" in second.line()


def test_cached_and_uncached_builds_give_the_same_outputs(reports: Path, tmp_path: Path):
    run_build(reports, tmp_path / "out")
    assert run_build(reports, tmp_path / "out").cached == 3
    run_build(reports, tmp_path / "fresh", cache=False)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "fresh")


def test_a_rebuild_takes_each_reports_turtle_from_the_cache(reports: Path, tmp_path: Path, report_text):
    out = tmp_path / "out"
    first = run_build(reports, out)
    assert first.turtle_cached == 0 and first.triples > 0
    before = outputs(out)
    second = run_build(reports, out)
    assert second.turtle_cached == second.reports == 3
    assert outputs(out) == before
    (reports / "r3.txt").write_text(report_text.replace("青山县", "清河县"), encoding="utf-8")
    third = run_build(reports, out)
    assert third.reports == 4 and third.turtle_cached == 3
    assert (out / "graph.ttl").read_bytes() == (run_build(reports, tmp_path / "fresh", cache=False)
                                                .out_dir / "graph.ttl").read_bytes()


def test_no_cache_writes_no_turtle_cache(reports: Path, tmp_path: Path):
    summary = run_build(reports, tmp_path / "out", cache=False)
    assert summary.turtle_cached is None
    assert not (tmp_path / "out" / CACHE_FOLDER).exists()


def test_a_changed_file_is_the_only_one_extracted_again(reports: Path, tmp_path: Path, extracted):
    run_build(reports, tmp_path / "out")
    changed = reports / "r1.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("12家", "13家"), encoding="utf-8")
    extracted.clear()
    summary = run_build(reports, tmp_path / "out")
    assert extracted == ["r1.txt"] and summary.cached == 2
    assert "13" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_an_added_file_is_the_only_one_extracted(reports: Path, tmp_path: Path, extracted, report_text):
    run_build(reports, tmp_path / "out")
    (reports / "r9.txt").write_text(report_text.replace("青山县", "金沙县"), encoding="utf-8")
    extracted.clear()
    summary = run_build(reports, tmp_path / "out")
    assert extracted == ["r9.txt"] and summary.cached == 3 and summary.reports == 4


def test_a_changed_data_file_invalidates_every_entry(reports: Path, tmp_path: Path, extracted,
                                                      monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(kg.cache.DATA_DIR, data)
    monkeypatch.setattr(kg.cache, "DATA_DIR", data)
    run_build(reports, tmp_path / "out")
    with open(data / "lexicons" / "generic_phrases.txt", "a", encoding="utf-8") as f:
        f.write("\n某某新短语\n")
    extracted.clear()
    summary = run_build(reports, tmp_path / "out")
    assert sorted(extracted) == ["r0.txt", "r1.txt", "r2.txt"] and summary.cached == 0
    versions = sorted(p.name for p in (tmp_path / "out" / CACHE_FOLDER).glob("v-*"))
    assert versions == [f"v-{extractor_version()[:16]}"]       # the old version's entries are gone


def test_the_version_covers_code_data_and_packages(tmp_path: Path):
    package = tmp_path / "kg"
    shutil.copytree(kg.cache.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = extractor_version(package, package / "data")
    (package / "viz.py").write_text("# drawing only\n", encoding="utf-8")
    assert extractor_version(package, package / "data") == before
    with open(package / "relations.py", "a", encoding="utf-8") as f:
        f.write("\n# a new rule\n")
    after = extractor_version(package, package / "data")
    assert after != before
    (package / "data" / "patterns" / "extra.jsonl").write_text("{}\n", encoding="utf-8")
    assert extractor_version(package, package / "data") != after


def test_a_renamed_file_gets_its_new_name(reports: Path, tmp_path: Path, extracted):
    run_build(reports, tmp_path / "out")
    old, new = reports / "r1.txt", reports / "renamed.txt"
    old.rename(new)
    extracted.clear()
    summary = run_build(reports, tmp_path / "out")
    assert extracted == [] and summary.cached == 3
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert str(new) in graph and str(old) not in graph
    run_build(reports, tmp_path / "fresh", cache=False)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "fresh")
    [cached] = [f for f in summary.files if f.path == str(new)]
    fresh = process_file(new)
    # a build keeps the reports of its results; what was extracted from them is counted in build.json
    assert cached.extractions == [ReportExtraction(x.report) for x in fresh.extractions]
    assert cached.sha256 == fresh.sha256 and cached.to_json()["reports"] == fresh.to_json()["reports"]


def test_a_removed_file_leaves_no_facts(reports: Path, tmp_path: Path):
    run_build(reports, tmp_path / "out")
    assert "红河县" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    (reports / "r2.txt").unlink()
    summary = run_build(reports, tmp_path / "out")
    assert summary.cached == 2 and summary.reports == 2
    assert "红河县" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    run_build(reports, tmp_path / "fresh", cache=False)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "fresh")


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],                          # truncated
    lambda data: data[:40] + bytes(255 - b for b in data[40:]),   # garbled
    lambda data: b"",                                             # empty
])
def test_a_corrupt_entry_is_extracted_again(reports: Path, tmp_path: Path, extracted, damage):
    run_build(reports, tmp_path / "out")
    [entry, *_] = sorted((tmp_path / "out" / CACHE_FOLDER).glob("v-*/*.pickle"))
    entry.write_bytes(damage(entry.read_bytes()))
    extracted.clear()
    summary = run_build(reports, tmp_path / "out")
    assert len(extracted) == 1 and summary.cached == 2 and not summary.failed
    extracted.clear()
    assert run_build(reports, tmp_path / "out").cached == 3 and extracted == []


def test_an_unwritable_cache_does_not_fail_the_build(reports: Path, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    summary = run_build(reports, tmp_path / "out", cache_dir=blocker)
    assert not summary.failed and summary.reports == 3 and summary.cached == 0


def test_no_cache_extracts_everything_and_writes_no_cache(reports: Path, tmp_path: Path, extracted):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(reports), "-o", str(out), "-j", "1",
                                      "--no-cache", "--no-validate"])
    assert result.exit_code == 0, result.output
    assert not (out / CACHE_FOLDER).exists() and "from cache" not in result.stderr
    run_build(reports, out)
    extracted.clear()
    CliRunner().invoke(cli, ["build", str(reports), "-o", str(out), "-j", "1", "--no-cache", "-q"])
    assert len(extracted) == 3


def test_cache_dir_moves_the_cache(reports: Path, tmp_path: Path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    args = ["build", str(reports), "-o", str(out), "--cache-dir", str(elsewhere), "--no-validate"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert list(elsewhere.glob("v-*/*.pickle")) and not (out / CACHE_FOLDER).exists()
    second = CliRunner().invoke(cli, args)
    assert "(3 from cache)" in second.stderr


def test_no_cache_and_cache_dir_together_are_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(cli, ["build", "--no-cache", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2


def test_cache_options_are_documented():
    result = CliRunner().invoke(cli, ["build", "--help"])
    for text in ("--no-cache", "--cache-dir DIR", "OUTPUT/.cache", "kg build reports/ --no-cache"):
        assert text in result.output


# ------------------------------------------------------------ the cache itself

def test_prune_keeps_used_and_recent_entries(tmp_path: Path):
    old_version = ExtractionCache(tmp_path, version="1" * 64)
    old_version.store("a" * 64, "old")
    cache = ExtractionCache(tmp_path, version="2" * 64)
    for key in ("used", "recent", "stale"):
        cache.store(key, key)
    month_ago = time.time() - 40 * 86400
    os.utime(cache.entries / "used.pickle", (month_ago, month_ago))
    os.utime(cache.entries / "stale.pickle", (month_ago, month_ago))
    assert cache.prune(["used"]) == 2
    assert sorted(p.stem for p in cache.entries.iterdir()) == ["recent", "used"]
    assert not old_version.entries.exists()


def test_load_marks_an_entry_as_used(tmp_path: Path):
    cache = ExtractionCache(tmp_path, version="3" * 64)
    cache.store("k", [1, 2])
    long_ago = time.time() - 100 * 86400
    os.utime(cache.entries / "k.pickle", (long_ago, long_ago))
    assert cache.load("k") == [1, 2]
    assert cache.prune([]) == 0


def test_key_depends_on_content_and_suffix_not_name(tmp_path: Path):
    cache = ExtractionCache(tmp_path, version="4" * 64)
    sha = "ab" * 32
    assert cache.key(sha, "a/x.txt") == cache.key(sha, "b/y.TXT")
    assert cache.key(sha, "x.txt") != cache.key(sha, "x.html")
    assert cache.key(sha, "x.txt") != cache.key("cd" * 32, "x.txt")
