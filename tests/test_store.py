"""Unit tests for the :mod:`kg.store` module and ``kg query --store``."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.cli import cli
from kg.errors import InputError, QueryError
from kg.export import load_graph, report_dataset, serialize_graph
from kg.queries import list_queries, load_query, run_query
from kg.store import (StoreError, bind_parameters, is_store, open_store, query_store,
                      run_store_query, write_store)

ROOT = Path(__file__).resolve().parent.parent

# rdflib's own N-Quads reader and writer use its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
LIBRARY = list_queries()
RDF_TYPE = RDF.type
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long}

# Two reports that state the same relation: report_dataset puts it in both reports' graphs.
SHARED_RELATION = """
@prefix kg: <https://w3id.org/kgst/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id: <https://w3id.org/kgst/id/> .

id:r1 a kg:Report ; dcterms:title "报告一" .
id:r2 a kg:Report ; dcterms:title "报告二" .
id:s1 a kg:Sentence ; dcterms:isPartOf id:r1 ; kg:text "甲与乙共建实验室。" .
id:s2 a kg:Sentence ; dcterms:isPartOf id:r2 ; kg:text "甲与乙共建实验室。" .
id:e1 a kg:Evidence ; rdf:subject id:a ; rdf:predicate kg:coBuilds ; rdf:object id:lab ;
    prov:wasDerivedFrom id:s1 .
id:e2 a kg:Evidence ; rdf:subject id:a ; rdf:predicate kg:coBuilds ; rdf:object id:lab ;
    prov:wasDerivedFrom id:s2 .
id:a a kg:Enterprise ; skos:prefLabel "甲" ; kg:coBuilds id:lab .
id:lab a kg:Platform ; skos:prefLabel "实验室" .
"""


@pytest.fixture(scope="module")
def seeds_graph_file(tmp_path_factory) -> Path:
    """The seeds' graph.ttl, built once for this module."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([ROOT / "seeds"], out, html=False, validate=False)
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def seeds_graph(seeds_graph_file) -> Graph:
    return load_graph(seeds_graph_file)


@pytest.fixture(scope="module")
def seeds_store(seeds_graph_file, tmp_path_factory) -> Path:
    store_dir = tmp_path_factory.mktemp("stores") / "seeds"
    write_store(seeds_graph_file, store_dir)
    return store_dir


def by_value(term):
    """The term itself, or a number's value: Oxigraph writes the decimal 100.0 as "100"."""
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        return ("number", float(term.toPython()))
    return term


def cell(term) -> str:
    """A cell compared by meaning: numbers by value, text without its language tag and with the
    parts of a GROUP_CONCAT in sorted order (SPARQL leaves that order and tag to the engine)."""
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        return repr(float(term.toPython()))
    return "|".join(sorted(re.split(r" \| |、|, ", str(term))))


def sampled_columns(query) -> set[str]:
    """The columns a query fills with SAMPLE(…): SPARQL lets each engine pick any value of the group."""
    return set(re.findall(r"SAMPLE\([^)]*\)(?:[^(]|\([^()]*\))*?\bAS\s+\?(\w+)", query.text))


def rows(result, skip: set[str] = frozenset()) -> list[tuple[str, ...]]:
    if result.type == "ASK":
        return [(str(result.askAnswer),)]
    names = [str(v) for v in result.vars]
    return sorted(tuple("" if names[i] in skip else cell(row[i]) for i in range(len(names)))
                  for row in result)


# ---------------------------------------------------------------- writing


def test_write_store_round_trips_every_triple(seeds_graph, seeds_store):
    store = open_store(seeds_store)
    assert is_store(seeds_store)
    assert len(store) == len(seeds_graph)
    dataset = Dataset()
    dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    union = {tuple(map(by_value, (s, p, o))) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert union == {tuple(map(by_value, triple)) for triple in seeds_graph}


def test_each_report_has_its_named_graph(seeds_graph, seeds_store):
    store = open_store(seeds_store)
    expected = {str(g.identifier): len(g) for g in report_dataset(seeds_graph).graphs()
                if str(g.identifier).startswith("https://w3id.org/kgst/id/report/")}
    found = {row["g"].value: int(row["n"].value) for row in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    assert found == expected
    assert len(found) == 9


@pytest.mark.parametrize("query", LIBRARY, ids=[q.name for q in LIBRARY])
def test_library_gives_the_same_rows_on_the_store(query, seeds_graph, seeds_store):
    store = open_store(seeds_store)
    skip = sampled_columns(query)
    assert rows(run_store_query(store, query), skip) == rows(run_query(seeds_graph, query), skip)


@pytest.mark.parametrize("name, bindings", [
    ("targets-by-district", {"year": "2025"}),
    ("relation-provenance", {"predicate": "coBuilds"}),
    ("enterprises-by-designations", {"minimum": "1"}),
    ("label-search", {"text": "大学"}),
    ("report-overview", {"report": "2024"}),
    ("targets-vs-achievements", {"topic": "研发投入"}),
])
def test_parameters_bind_as_kg_query_binds_them(name, bindings, seeds_graph, seeds_store):
    store = open_store(seeds_store)
    skip = sampled_columns(load_query(name))
    on_store = rows(run_store_query(store, name, bindings), skip)
    assert on_store == rows(run_query(seeds_graph, name, bindings), skip)
    assert on_store  # the parameter narrows the rows, it does not remove them all


def test_a_triple_two_reports_state_is_counted_once(tmp_path):
    source = tmp_path / "shared.ttl"
    source.write_text(SHARED_RELATION, encoding="utf-8")
    graph = load_graph(source)
    split = report_dataset(graph)
    assert sum(1 for g in split.graphs() for t in g if t[1].endswith("coBuilds")) == 2
    write_store(source, tmp_path / "store")
    query = ("PREFIX kg: <https://w3id.org/kgst/ontology#> "
             "SELECT (COUNT(*) AS ?n) WHERE { ?s kg:coBuilds ?o }")
    on_store = list(open_store(tmp_path / "store").query(query, use_default_graph_as_union=True))
    assert int(on_store[0]["n"].value) == 1 == len(list(graph.query(query)))


def test_nquads_export_loads_with_its_graphs(seeds_graph, tmp_path):
    source = tmp_path / "graph.nq"
    source.write_bytes(serialize_graph(seeds_graph, "nquads"))
    assert write_store(source, tmp_path / "store") == len(seeds_graph)


def test_writing_again_replaces_the_store(tmp_path):
    store_dir = tmp_path / "store"
    larger = tmp_path / "larger.ttl"
    larger.write_text(SHARED_RELATION + 'id:b a kg:Enterprise ; skos:prefLabel "乙" .\n', encoding="utf-8")
    smaller = tmp_path / "smaller.ttl"
    smaller.write_text(SHARED_RELATION, encoding="utf-8")
    write_store(larger, store_dir)
    count = write_store(smaller, store_dir)
    assert count == len(open_store(store_dir)) == len(load_graph(smaller)) == len(load_graph(larger)) - 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["larger.ttl", "smaller.ttl", "store"]


def test_a_failed_load_keeps_the_old_store(tmp_path):
    store_dir = tmp_path / "store"
    good = tmp_path / "good.ttl"
    good.write_text(SHARED_RELATION, encoding="utf-8")
    count = write_store(good, store_dir)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        write_store(bad, store_dir)
    assert len(open_store(store_dir)) == count
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "good.ttl", "store"]


def test_a_folder_with_other_files_is_not_replaced(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    source = tmp_path / "g.ttl"
    source.write_text(SHARED_RELATION, encoding="utf-8")
    with pytest.raises(StoreError, match="not a store"):
        write_store(source, folder)
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------- opening and querying


@pytest.mark.parametrize("make", ["missing", "empty", "other files"])
def test_a_folder_that_is_not_a_store_is_a_clear_error(tmp_path, make):
    folder = tmp_path / "store"
    if make != "missing":
        folder.mkdir()
    if make == "other files":
        (folder / "graph.ttl").write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match=r"store.*kg build --store"):
        open_store(folder)


def test_an_undeclared_parameter_is_refused(seeds_store):
    with pytest.raises(QueryError, match=r"no parameter \?nope; parameters: \?report"):
        run_store_query(open_store(seeds_store), "report-overview", {"nope": "1"})


def test_parameters_are_terms_not_query_text():
    text = bind_parameters('SELECT ?s { ?s ?p ?x FILTER (!BOUND(?x) || ?x = "?x") } # ?x',
                           {"x": ox.Literal('" } DROP ALL #')})
    assert text == ('SELECT ?s { ?s ?p "\\" } DROP ALL #" FILTER (!true || "\\" } DROP ALL #" = "?x") } # ?x')


def test_query_store_prints_what_kg_query_prints(seeds_graph_file, seeds_store):
    for fmt in ("table", "csv", "json", "tsv"):
        runner = CliRunner()
        on_file = runner.invoke(cli, ["query", "report-overview", "-g", str(seeds_graph_file), "-f", fmt])
        on_store = runner.invoke(cli, ["query", "report-overview", "--store", str(seeds_store), "-f", fmt])
        assert on_file.exit_code == on_store.exit_code == 0, on_store.output
        printed = query_store(seeds_store, load_query("report-overview"), fmt=fmt)
        assert on_store.output == printed.replace("\r\n", "\n")
        if fmt == "json":  # the same document; keys within a row may come in another order
            assert json.loads(on_store.output) == json.loads(on_file.output)
        else:
            assert on_store.output == on_file.output


def test_kg_query_store_binds_parameters(seeds_store):
    result = CliRunner().invoke(cli, ["query", "targets-by-district", "--store", str(seeds_store),
                                      "-p", "year=2025", "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("districtName,indicator,value,unit,targetYear")
    assert len(lines) > 1 and all(",2025," in line for line in lines[1:])


def test_kg_query_store_on_a_folder_that_is_not_a_store(tmp_path):
    result = CliRunner().invoke(cli, ["query", "report-overview", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a store" in result.output


def test_kg_query_refuses_graph_and_store_together(seeds_store, seeds_graph_file):
    result = CliRunner().invoke(cli, ["query", "report-overview", "--store", str(seeds_store),
                                      "-g", str(seeds_graph_file)])
    assert result.exit_code == 2
    assert "not both" in result.output


# ---------------------------------------------------------------- pages from the result cache

REPORT_TITLES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://w3id.org/kgst/ontology#>
SELECT ?title WHERE { ?r a kg:Report ; dcterms:title ?title } ORDER BY ?title"""


def page_titles(result) -> list[str]:
    return [str(row[0]) for row in result]


def test_pages_of_a_select_are_its_rows_in_order(tmp_path):
    from kg.store import RESULT_CACHE, select_page

    source = tmp_path / "g.ttl"
    source.write_text(SHARED_RELATION, encoding="utf-8")
    store_dir = tmp_path / "store"
    write_store(source, store_dir)
    store = open_store(store_dir)
    first, cut = select_page(store, store_dir, REPORT_TITLES, limit=1, offset=0)
    assert (page_titles(first), cut) == (["报告一"], False)
    assert len(list((store_dir / RESULT_CACHE).iterdir())) == 1          # every row kept
    second, _ = select_page(store, store_dir, REPORT_TITLES, limit=1, offset=1)
    assert page_titles(second) == ["报告二"]
    everything, cut = select_page(store, store_dir, REPORT_TITLES, max_rows=1)
    assert (page_titles(everything), cut) == (["报告一"], True)


def test_a_rewritten_store_does_not_answer_from_old_rows(tmp_path):
    from kg.store import select_page

    source = tmp_path / "g.ttl"
    source.write_text(SHARED_RELATION, encoding="utf-8")
    store_dir = tmp_path / "store"
    write_store(source, store_dir)
    assert page_titles(select_page(open_store(store_dir), store_dir, REPORT_TITLES)[0]) == ["报告一", "报告二"]
    source.write_text(SHARED_RELATION + 'id:r3 a kg:Report ; dcterms:title "报告三" .\n', encoding="utf-8")
    write_store(source, store_dir)
    assert page_titles(select_page(open_store(store_dir), store_dir, REPORT_TITLES)[0]) == [
        "报告一", "报告三", "报告二"]
    # written to in place, by other means: the files change, so do the rows
    writable = open_store(store_dir, read_only=False)
    writable.add(ox.Quad(ox.NamedNode("https://w3id.org/kgst/id/r4"),
                         ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("报告四")))
    writable.add(ox.Quad(ox.NamedNode("https://w3id.org/kgst/id/r4"), ox.NamedNode(str(RDF_TYPE)),
                         ox.NamedNode("https://w3id.org/kgst/ontology#Report")))
    writable.flush()
    del writable
    assert "报告四" in page_titles(select_page(open_store(store_dir), store_dir, REPORT_TITLES)[0])


def test_kg_query_pages_on_a_store_match_the_graph_file(seeds_graph_file, seeds_store):
    runner = CliRunner()
    for offset in (0, 5):
        on_file = runner.invoke(cli, ["query", "entity-mentions", "--graph", str(seeds_graph_file),
                                      "--limit", "5", "--offset", str(offset), "-f", "csv"])
        on_store = runner.invoke(cli, ["query", "entity-mentions", "--store", str(seeds_store),
                                       "--limit", "5", "--offset", str(offset), "-f", "csv"])
        assert on_file.exit_code == on_store.exit_code == 0, on_store.output
        assert on_store.stdout.count("\n") == 6              # the header and five rows
        assert on_store.stdout == on_file.stdout
