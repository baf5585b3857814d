"""Unit tests for the :mod:`kg.validate` module, ``ontology/shapes.ttl`` and ``kg validate``."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, SH

import graph_sample
import queries_sample as qs
from kg.cli import cli
from kg.graph import build_graph, entity_iri
from kg.namespace import KG
from kg.validate import SHAPES_PATH, validate_graph

DATA = Path(__file__).resolve().parent / "data" / "shapes"
VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))


def expected(path: Path) -> str:
    """The property (or check) the ``# expect:`` line of an invalid file names."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"{path.name} has no '# expect:' line")


def without_header(text: str) -> list[str]:
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return lines


def test_shapes_file_parses_and_declares_shapes():
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    assert (None, RDF.type, OWL.Ontology) in shapes
    targeted = set(shapes.objects(None, SH.targetClass))
    for name in ("District", "Agency", "Enterprise", "ResearchInstitute", "University", "Platform",
                 "Programme", "Policy", "Designation", "Target", "Achievement", "Report", "Sentence",
                 "Mention", "Evidence"):
        assert KG[name] in targeted


def test_there_are_shape_tests_both_ways():
    assert VALID and len(INVALID) >= 20


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_graph_conforms(path: Path):
    report = validate_graph(Graph().parse(path, format="turtle"))
    assert report.conforms, report.text()
    assert report.violations == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_graph_fails_for_the_broken_triple(path: Path):
    report = validate_graph(Graph().parse(path, format="turtle"))
    assert not report.conforms
    wanted = expected(path)
    assert any(v.path == wanted or v.source == wanted for v in report.violations), report.text()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_graph_differs_from_the_valid_one_by_one_line(path: Path):
    valid, broken = (without_header(p.read_text(encoding="utf-8")) for p in (VALID[0], path))
    assert len(valid) == len(broken)
    changed = [(a, b) for a, b in zip(valid, broken) if a != b]
    assert 1 <= len(changed) <= 2          # removing a block's last line moves its final "."
    assert any("BROKEN" in b for _, b in changed)


def test_sample_graphs_built_by_kg_conform():
    for data in (graph_sample.sample(), qs.sample()):
        graph = build_graph(data["reports"], data["sentences"], data["entities"], data["relations"],
                            data["quantities"])
        report = validate_graph(graph)
        assert report.conforms, report.text()


def test_target_without_year_is_a_warning_not_a_violation():
    data = qs.sample()
    data["quantities"] = [replace(q, year=None) if q.indicator == "技术合同成交额" else q
                          for q in data["quantities"]]
    graph = build_graph(data["reports"], data["sentences"], data["entities"], data["relations"],
                        data["quantities"])
    report = validate_graph(graph)
    assert report.conforms
    assert [(w.label, w.path, w.severity) for w in report.warnings] == [
        ("技术合同成交额 8亿元 (kg:Target)", "kg:year", "Warning")]


def test_violation_reads_in_plain_words():
    graph = qs.sample_graph()
    target = next(t for t in graph.subjects(RDF.type, KG.Target)
                  if str(graph.value(t, KG.indicator)) == "技术合同成交额")
    graph.set((target, KG.value, Literal("八亿")))
    report = validate_graph(graph)
    text = report.text()
    assert text.startswith("the graph does not conform")
    assert "技术合同成交额 8亿元 (2027) (kg:Target) — kg:value: a target or achievement has exactly " \
           "one numeric value" in text


def test_checks_can_be_left_out():
    graph = qs.sample_graph()
    graph.add((entity_iri(qs.LANWAN), KG.certifiedAs, entity_iri(qs.SPECIALISED)))   # no evidence
    assert not validate_graph(graph).conforms
    assert validate_graph(graph, checks=False).conforms


def test_text_limit():
    graph = Graph().parse(INVALID[0], format="turtle")
    graph.remove((None, KG.unit, None))
    report = validate_graph(graph)
    assert len(report.violations) >= 3
    assert "more violation(s)" in report.text(limit=1)


def test_cli_validate_exit_codes(tmp_path):
    good = CliRunner().invoke(cli, ["validate", str(VALID[0])])
    assert good.exit_code == 0, good.output
    assert "conforms" in good.output
    bad = CliRunner().invoke(cli, ["validate", str(DATA / "invalid" / "04_target_without_value.ttl")])
    assert bad.exit_code == 1
    assert "kg:value" in bad.output
    missing = CliRunner().invoke(cli, ["validate", str(tmp_path / "nothing.ttl")])
    assert missing.exit_code == 1 and "no such graph file" in missing.output
