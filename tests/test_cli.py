"""Tests for :mod:`kg.cli` and :mod:`kg.pipeline`: the build command as a user runs it."""
from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.pipeline import build

DETERMINISTIC_OUTPUTS = ("graph.ttl", "graph.html", "entities.csv", "coverage.csv")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_build_writes_every_output(report_file: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run("build", str(report_file), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.html", "entities.csv", "coverage.csv", "build.json"):
        assert (out / name).is_file(), name
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    reports = [s for s, o in graph.subject_objects(rdflib.RDF.type) if str(o).endswith("#Report")]
    assert len(reports) == 1
    info = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert info["reports"] == 1 and info["failed"] == 0
    [entry] = info["files"]
    assert entry["sha256"] and entry["characters"] > 0 and entry["reports"][0]["sentences"] > 5


def test_seeds_give_nine_reports(seeds_dir: Path, tmp_path: Path):
    summary = build([seeds_dir], tmp_path / "out", html=False)
    per_file = {Path(f.path).name[:3]: len(f.extractions) for f in summary.files}
    assert per_file == {"000": 1, "001": 5, "002": 1, "003": 1, "004": 1}
    assert not summary.failed


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("notes.xyz", "一些文字".encode("utf-8"), "unsupported"),
    ("menu.txt", "首页\n关于我们\n联系方式\n".encode("utf-8"), "no report"),
])
def test_bad_input_is_reported_and_the_rest_builds(report_file: Path, tmp_path: Path,
                                                   name: str, content: bytes, reason: str):
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(report_file), str(bad), "-o", str(out)])
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1
    assert name in error_lines[0] and reason in error_lines[0].lower()
    assert "Traceback" not in result.output
    assert "1 file failed" in result.stderr
    assert (out / "graph.ttl").is_file()


def test_missing_path_is_an_error_not_a_crash(report_file: Path, tmp_path: Path):
    result = CliRunner().invoke(cli, ["build", str(report_file), str(tmp_path / "nowhere"),
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nowhere" in result.stderr and "Traceback" not in result.output


def test_usage_error_exits_2():
    result = CliRunner().invoke(cli, ["build", "--no-such-option"])
    assert result.exit_code == 2


def test_failed_build_keeps_previous_outputs(report_file: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("build", str(report_file), "-o", str(out), "-q").exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["build", str(empty), "-o", str(out)])
    assert result.exit_code == 1
    assert (out / "graph.ttl").read_bytes() == before


def test_two_builds_are_byte_identical(report_file: Path, seeds_dir: Path, tmp_path: Path):
    for name in ("a", "b"):
        build([seeds_dir, report_file], tmp_path / name)
    for name in DETERMINISTIC_OUTPUTS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_python_dash_m_runs_the_same_cli():
    done = subprocess.run([sys.executable, "-m", "kg", "build", "--help"],
                          capture_output=True, text=True, check=True)
    assert "--output" in done.stdout and "PATHS" in done.stdout


def test_input_order_does_not_change_the_graph(report_file: Path, seeds_dir: Path, tmp_path: Path):
    seeds = sorted(seeds_dir.iterdir())
    build([report_file, *seeds], tmp_path / "forward", html=False, validate=False)
    build([*reversed(seeds), report_file], tmp_path / "backward", html=False, validate=False)
    assert (tmp_path / "forward" / "graph.ttl").read_bytes() == (tmp_path / "backward" / "graph.ttl").read_bytes()


def test_seeds_graph_loads_in_a_second_strict_parser(seeds_dir: Path, tmp_path: Path):
    pyoxigraph = pytest.importorskip("pyoxigraph", reason="pyoxigraph is a test dependency")
    build([seeds_dir], tmp_path / "out", html=False, validate=False)
    data = (tmp_path / "out" / "graph.ttl").read_bytes()
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(rdflib.Graph().parse(data=data, format="turtle"))


def fake_store(monkeypatch, write_store) -> list[tuple[Path, Path]]:
    """Put a kg.store module with this write_store in place; return the calls it gets."""
    calls: list[tuple[Path, Path]] = []

    def recording(source, store_dir):
        calls.append((Path(source), Path(store_dir)))
        return write_store(source, store_dir)

    monkeypatch.setitem(sys.modules, "kg.store", types.SimpleNamespace(write_store=recording))
    return calls


def test_store_option_loads_the_written_graph(report_file: Path, tmp_path: Path, monkeypatch):
    def write_store(source, store_dir):
        assert Path(source).is_file()          # graph.ttl is written before the store
        return 1234

    calls = fake_store(monkeypatch, write_store)
    out, store = tmp_path / "out", tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(report_file), "-o", str(out), "--store", str(store),
                                      "--no-validate"])
    assert result.exit_code == 0, result.output
    assert calls == [(out / "graph.ttl", store)]
    assert f"store: 1234 quads → {store}" in result.stderr


def test_a_failed_store_is_reported_and_exits_1(report_file: Path, tmp_path: Path, monkeypatch):
    from kg.errors import KGError

    def write_store(source, store_dir):
        raise KGError(f"{store_dir}: not a store")

    fake_store(monkeypatch, write_store)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(report_file), "-o", str(out), "-q",
                                      "--store", str(tmp_path / "elsewhere"), "--no-validate"])
    assert result.exit_code == 1
    assert "not a store" in result.stderr and "Traceback" not in result.output
    assert (out / "graph.ttl").is_file() and (out / "build.json").is_file()


def test_build_options_are_in_the_help():
    result = CliRunner().invoke(cli, ["build", "--help"])
    for option in ("-j, --jobs N", "--no-cache", "--cache-dir DIR", "--store DIR"):
        assert option in result.output
    assert "--store out/store" in result.output


def test_big_graphs_are_not_validated_unless_asked(report_file: Path, tmp_path: Path, monkeypatch):
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "VALIDATE_MAX_TRIPLES", 10)
    summary = build([report_file], tmp_path / "auto", html=False, cache=False)
    assert summary.violations is None and summary.validation_skipped
    assert "kg validate" in summary.line()
    forced = build([report_file], tmp_path / "forced", html=False, cache=False, validate=True)
    assert forced.violations == 0 and not forced.validation_skipped


def test_html_nodes_limits_the_explorer_page(report_file: Path, tmp_path: Path):
    result = run("build", str(report_file), "-o", str(tmp_path / "small"), "--quiet", "--html-nodes", "5",
                 "--no-validate")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "small" / "graph.html").read_text(encoding="utf-8")
    assert 'id="kg-partial"' in page and "连接最多的 5 个节点" in page
    build([report_file], tmp_path / "whole", html_nodes=0, validate=False)
    assert 'id="kg-partial"' not in (tmp_path / "whole" / "graph.html").read_text(encoding="utf-8")
    assert run("build", str(report_file), "--html-nodes", "-1").exit_code == 2
