"""Unit tests for the :mod:`kg.export` module, ``ontology/context.jsonld`` and ``kg export``."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS

import queries_sample as qs
from kg.cli import cli
from kg.errors import InputError, KGError
from kg.export import (CSV_TABLES, RDF_FORMATS, csv_tables, export_graph, load_context, load_graph,
                       report_dataset, serialize_graph)
from kg.graph import build_graph, entity_iri, report_iri, sentence_iri
from kg.namespace import KG

QUAD_FORMATS = ("nquads", "trig")

# rdflib's own TriG reader and writer use its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return qs.sample_graph()


def tricky_graph() -> Graph:
    """The sample with a sentence holding quotes, backslashes, a newline, a tab, <> and emoji."""
    data = qs.sample()
    text = '全年"新增"高新技术企业\\12家\n<含尖括号>\t🚀完成。'
    sentences = [replace(s, text=text) if s.sent_id == f"{qs.YL25}-s3" else s for s in data["sentences"]]
    return build_graph(data["reports"], sentences, data["entities"], data["relations"], data["quantities"])


def parse(data: bytes, fmt: str) -> Graph:
    """Parse an export back into one graph (the union of a dataset's graphs)."""
    rdflib_format = RDF_FORMATS[fmt][0]
    if fmt in QUAD_FORMATS:
        dataset = Dataset()
        dataset.parse(data=data.decode("utf-8"), format=rdflib_format)
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(data=data.decode("utf-8"), format=rdflib_format)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_export_round_trips(graph, fmt):
    back = parse(serialize_graph(graph, fmt), fmt)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_escaping_round_trips(fmt):
    g = tricky_graph()
    back = parse(serialize_graph(g, fmt), fmt)
    assert len(back) == len(g)
    text = str(back.value(sentence_iri(f"{qs.YL25}-s3"), KG.text))
    assert text == '全年"新增"高新技术企业\\12家\n<含尖括号>\t🚀完成。'


def test_jsonld_uses_the_context_of_the_ontology(graph):
    data = json.loads(serialize_graph(graph, "jsonld"))
    assert data["@context"] == load_context()
    nodes = {node["@id"]: node for node in data["@graph"]}
    company = nodes[str(entity_iri(qs.CUIFENG))]
    assert company["@type"] == "Enterprise"
    assert "prefLabel" in company and "certifiedAs" in company
    target = next(n for n in nodes.values() if n.get("@type") == "Target" and n["indicator"] == "技术合同成交额")
    assert (target["unit"], target["year"], target["value"]) == ("亿元", "2027", "8.0")   # typed by the context


def test_context_file_maps_every_ontology_term():
    context = load_context()
    for name in KG.__annotations__:
        if not name.startswith("_"):
            assert context[name] == f"kg:{name}" or context[name]["@id"] == f"kg:{name}", name


def test_named_graph_per_report(graph):
    dataset = report_dataset(graph)
    names = {g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
    assert names == {report_iri(r) for r in (qs.YL25, qs.YL26, qs.QC26)}
    yl25 = dataset.graph(report_iri(qs.YL25))
    assert (sentence_iri(f"{qs.YL25}-s2"), DCTERMS.isPartOf, report_iri(qs.YL25)) in yl25
    assert (entity_iri(qs.UNIVERSITY), KG.coBuilds, entity_iri(qs.SENSOR_CENTRE)) in yl25
    assert (entity_iri(qs.UNIVERSITY), KG.coBuilds, entity_iri(qs.SENSOR_CENTRE)) not in dataset.graph(
        report_iri(qs.QC26))
    assert any(True for _ in yl25.triples((entity_iri(qs.YUNLING), KG.targets, None)))
    # What no single report owns stays in the default graph: names and types of entities.
    default = dataset.default_graph
    assert (entity_iri(qs.UNIVERSITY), SKOS.prefLabel, None) in default
    assert (entity_iri(qs.UNIVERSITY), RDF.type, KG.University) in default


def test_a_fact_stated_by_two_reports_is_in_both_graphs(graph):
    dataset = report_dataset(graph)
    mentions = (report_iri(qs.YL26), KG.mentions, entity_iri(qs.CUIFENG))
    assert mentions in dataset.graph(report_iri(qs.YL26))
    designation = (entity_iri(qs.CUIFENG), KG.certifiedAs, entity_iri(qs.HIGH_TECH))
    assert designation in dataset.graph(report_iri(qs.YL25))


def test_csv_tables(graph):
    tables = csv_tables(graph)
    assert set(tables) == set(CSV_TABLES)
    parsed = {}
    for name, data in tables.items():
        assert data.startswith("\ufeff".encode("utf-8"))
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert list(rows[0]) == list(CSV_TABLES[name])
        parsed[name] = rows
    assert len(parsed["entities.csv"]) == 16
    assert len(parsed["targets.csv"]) == 5
    assert len(parsed["achievements.csv"]) == 4
    relations = parsed["relations.csv"]
    assert len(relations) == 8 + 2          # eight with evidence, two locatedIn from the districts
    row = next(r for r in relations if r["subject_name"] == "南屏理工大学")
    assert (row["predicate"], row["object_name"]) == ("coBuilds", "云岭县智能传感工程技术研究中心")
    assert qs.TEXTS[qs.YL25][int(row["start"]):int(row["end"])] == row["sentence"]
    bureau = next(r for r in parsed["entities.csv"] if r["name"] == "云岭县科学技术局")
    assert (bureau["type"], bureau["aliases"], bureau["mentions"]) == ("Agency", "县科技局", "2")
    orphan = next(r for r in parsed["targets.csv"] if r["indicator"] == "新增科技型中小企业")
    assert orphan["owner"] == str(report_iri(qs.QC26))


def test_export_graph_writes_files(graph, tmp_path):
    written = export_graph(graph, "trig", tmp_path / "graph.trig")
    assert written == [tmp_path / "graph.trig"]
    assert isomorphic(load_graph(tmp_path / "graph.trig"), graph)
    folder = tmp_path / "tables"
    assert sorted(p.name for p in export_graph(graph, "csv", folder)) == sorted(CSV_TABLES)


def test_export_graph_refuses_what_it_cannot_do(graph, tmp_path):
    with pytest.raises(KGError, match="turtle, jsonld, ntriples, nquads, trig, csv"):
        export_graph(graph, "xlsx", tmp_path / "graph.xlsx")
    with pytest.raises(KGError, match="is a folder"):
        export_graph(graph, "turtle", tmp_path)
    (tmp_path / "file.csv").write_text("x", encoding="utf-8")
    with pytest.raises(KGError, match="writes a folder"):
        export_graph(graph, "csv", tmp_path / "file.csv")


def test_load_graph_reads_every_export(graph, tmp_path):
    for fmt, (_, suffix) in RDF_FORMATS.items():
        path = tmp_path / f"graph{suffix}"
        path.write_bytes(serialize_graph(graph, fmt))
        assert len(load_graph(path)) == len(graph), fmt
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        load_graph(broken)


def test_cli_export(graph, tmp_path):
    source = tmp_path / "graph.ttl"
    source.write_bytes(serialize_graph(graph, "turtle"))
    runner = CliRunner()
    to_stdout = runner.invoke(cli, ["export", "--format", "ntriples", "--graph", str(source)])
    assert to_stdout.exit_code == 0, to_stdout.output
    assert len(Graph().parse(data=to_stdout.output, format="nt")) == len(graph)
    to_file = runner.invoke(cli, ["export", "-f", "jsonld", "-g", str(source), "-o", str(tmp_path / "g.jsonld")])
    assert to_file.exit_code == 0, to_file.output
    assert len(load_graph(tmp_path / "g.jsonld")) == len(graph)
    tables = runner.invoke(cli, ["export", "-f", "csv", "-g", str(source), "-o", str(tmp_path / "csv")])
    assert tables.exit_code == 0, tables.output
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(CSV_TABLES)
    missing = runner.invoke(cli, ["export", "-g", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 1 and "no such graph file" in missing.output


def test_report_iri_is_the_graph_name(graph):
    data = serialize_graph(graph, "nquads").decode("utf-8")
    assert f"<{report_iri(qs.QC26)}> ." in data
