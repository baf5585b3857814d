"""Tests for the parallel per-file stage of :mod:`kg.pipeline` (``kg build -j N``)."""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.split
from kg.cli import cli
from kg.pipeline import WORKER_DIED, available_cpus, build

DETERMINISTIC_OUTPUTS = ("graph.ttl", "graph.html", "entities.csv", "coverage.csv")

#: Text that makes the patched splitter fail (it is in no real report).
POISON = "此文件用于测试"

needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="workers see the test's patches only when forked (Linux)")


@pytest.fixture
def inputs(seeds_dir: Path, tmp_path: Path, report_text: str) -> list[Path]:
    """The seeds and two small reports of other counties."""
    folder = tmp_path / "small"
    folder.mkdir()
    extra = []
    for name, county in (("lvshui.txt", "绿水县"), ("baiyun.md", "白云县")):
        path = folder / name
        path.write_text(report_text.replace("青山县", county), encoding="utf-8")
        extra.append(path)
    return sorted(seeds_dir.iterdir()) + extra


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in DETERMINISTIC_OUTPUTS}


def test_outputs_are_the_same_for_any_number_of_jobs_and_input_order(inputs, tmp_path: Path):
    serial = build(inputs, tmp_path / "serial", jobs=1, cache=False, validate=False)
    parallel = build(inputs, tmp_path / "parallel", jobs=2, cache=False, validate=False)
    shuffled = inputs[:]
    random.Random(4).shuffle(shuffled)
    assert shuffled != inputs
    reordered = build(shuffled, tmp_path / "shuffled", jobs=2, cache=False, validate=False)
    assert not serial.failed and serial.reports == parallel.reports == reordered.reports == 11
    expected = outputs(tmp_path / "serial")
    assert outputs(tmp_path / "parallel") == expected
    assert outputs(tmp_path / "shuffled") == expected


def test_each_file_is_reported_once_as_it_completes(inputs, tmp_path: Path):
    seen = []
    build(inputs, tmp_path / "out", jobs=2, cache=False, html=False, validate=False,
          on_file=lambda result: seen.append(result.path))
    assert sorted(seen) == sorted(str(p) for p in inputs)


def poison_splitter(real_split, failure):
    """A split_reports that fails with ``failure()`` on files holding POISON."""
    def split(doc):
        if POISON in doc.text:
            failure()
        return real_split(doc)
    return split


def raise_error():
    raise RuntimeError("the splitter broke")


@needs_fork
def test_an_exception_in_a_worker_fails_only_its_file(inputs, tmp_path: Path, report_text: str,
                                                       monkeypatch):
    bad = tmp_path / "small" / "bad.txt"
    bad.write_text(report_text.replace("全年", POISON + ",全年"), encoding="utf-8")
    monkeypatch.setattr(kg.split, "split_reports", poison_splitter(kg.split.split_reports, raise_error))
    summary = build([*inputs, bad], tmp_path / "out", jobs=2, cache=False, html=False, validate=False)
    [failed] = summary.failed
    assert failed.path == str(bad)
    assert "internal error: RuntimeError: the splitter broke" in failed.error
    assert summary.reports == 11 and (tmp_path / "out" / "graph.ttl").is_file()


@needs_fork
def test_a_worker_that_dies_fails_only_its_file(inputs, tmp_path: Path, report_text: str, monkeypatch):
    bad = tmp_path / "small" / "crash.txt"
    bad.write_text(report_text.replace("全年", POISON + ",全年"), encoding="utf-8")
    parent = os.getpid()

    def die():
        if os.getpid() == parent:      # never end the test process itself
            raise AssertionError("the file was read in the test process, not in a worker")
        os._exit(3)

    monkeypatch.setattr(kg.split, "split_reports", poison_splitter(kg.split.split_reports, die))
    summary = build([*inputs, bad], tmp_path / "out", jobs=2, cache=False, html=False, validate=False)
    assert [(f.path, f.error) for f in summary.failed] == [(str(bad), WORKER_DIED)]
    assert summary.reports == 11 and len(summary.files) == len(inputs) + 1


@needs_fork
def test_debug_shows_the_workers_traceback(inputs, tmp_path: Path, report_text: str, monkeypatch):
    bad = tmp_path / "small" / "bad.txt"
    bad.write_text(report_text.replace("全年", POISON + ",全年"), encoding="utf-8")
    monkeypatch.setattr(kg.split, "split_reports", poison_splitter(kg.split.split_reports, raise_error))
    with pytest.raises(RuntimeError, match="the splitter broke") as caught:
        build([*inputs, bad], tmp_path / "out", jobs=2, cache=False, debug=True)
    assert "raise_error" in str(caught.value.__cause__)       # the worker's traceback
    assert not (tmp_path / "out").exists()


def test_available_cpus_is_at_least_one():
    assert 1 <= available_cpus() <= (os.cpu_count() or 1)


def test_jobs_option_is_documented():
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert "-j, --jobs N" in result.output and "kg build reports/ -j 4" in result.output


def test_jobs_must_be_positive():
    result = CliRunner().invoke(cli, ["build", "-j", "0"])
    assert result.exit_code == 2
