"""Unit tests for the :mod:`kg.queries` module, the query library ``queries/`` and ``kg query``."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser

import queries_sample as qs
from kg.cli import cli
from kg.errors import QueryError
from kg.graph import build_graph, entity_iri
from kg.model import Entity
from kg.namespace import KG
from kg.queries import (QUERY_DIR, format_result, list_queries, load_query, page_query, parse_query, run_query,
                        to_term)

QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))
CHECK_FILES = sorted(QUERY_DIR.glob("checks/*.rq"))
ALL_FILES = QUERY_FILES + CHECK_FILES


@pytest.fixture(scope="module")
def graph() -> Graph:
    return qs.sample_graph()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, graph) -> Path:
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    graph.serialize(path, format="turtle", encoding="utf-8")
    return path


def rows(graph: Graph, query: str, /, **bindings: str) -> list[dict[str, str]]:
    """The result rows as dicts of plain strings (unbound → "")."""
    result = run_query(graph, query, bindings)
    names = [str(v) for v in result.vars]
    return [{n: ("" if row[i] is None else str(row[i])) for i, n in enumerate(names)} for row in result]


def query_name(path: Path) -> str:
    return path.relative_to(QUERY_DIR).with_suffix("").as_posix()


# ---------------------------------------------------------------- every file of the library

def test_library_has_the_queries_the_issue_asks_for():
    assert len(QUERY_FILES) >= 12
    assert len(CHECK_FILES) >= 2


@pytest.mark.parametrize("path", ALL_FILES, ids=query_name)
def test_file_is_named_in_kebab_case(path: Path):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.rq", path.name)
    if path.parent.name == "checks":
        assert path.stem.endswith("-violation")


@pytest.mark.parametrize("path", ALL_FILES, ids=query_name)
def test_file_opens_with_the_header(path: Path):
    # A byte order mark or a blank first line hides the header from `kg query --list`.
    text = path.read_text(encoding="utf-8")
    head = text.splitlines()[:4]
    assert [line.split(":")[0] for line in head] == ["# title", "# 问题", "# params", "# returns"]
    query = load_query(query_name(path))
    assert query.title and query.question and query.returns
    assert re.search(r"[\u4e00-\u9fff]", query.question)


@pytest.mark.parametrize("path", ALL_FILES, ids=query_name)
def test_file_declares_its_prefixes_and_parses_alone(path: Path):
    # prepareQuery without initNs: an undeclared prefix would fail here, not in front of a user.
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"(?m)^\s*#.*$", "", text)
    body = re.sub(r'"[^"\n]*"', '""', body)
    body = re.sub(r"<[^>\s]*>", "<>", body)
    used = set(re.findall(r"(?<![\w?$:])([a-z][\w-]*):[A-Za-z]", body))
    declared = set(re.findall(r"PREFIX\s+([\w-]*):", body))
    assert used <= declared
    parse_query(text, path.name)


@pytest.mark.parametrize("path", ALL_FILES, ids=query_name)
def test_header_returns_the_projected_columns(path: Path):
    query = load_query(path)
    assert query.kind == "SelectQuery"
    assert query.returns == query.variables


@pytest.mark.parametrize("path", ALL_FILES, ids=query_name)
def test_parameters_are_used_and_are_never_result_columns(path: Path):
    # A bound parameter stays bound everywhere, so one that is also a column (or is
    # bound in an OPTIONAL) would report its own value where the graph has none.
    query = load_query(path)
    body = re.sub(r"(?m)^\s*#.*$", "", query.text)
    for param in query.params:
        assert re.search(rf"\?{param}\b", body), param
        assert param not in query.variables


@pytest.mark.parametrize("path", QUERY_FILES, ids=query_name)
def test_query_returns_rows_on_the_sample(graph, path: Path):
    result = rows(graph, query_name(path))
    assert result
    for row in result:
        assert set(row) == set(load_query(path).returns)


@pytest.mark.parametrize("path", CHECK_FILES, ids=query_name)
def test_check_finds_nothing_on_a_good_graph(graph, path: Path):
    assert rows(graph, query_name(path)) == []


def test_list_queries_names_every_file():
    names = [q.name for q in list_queries()]
    assert names == [query_name(p) for p in QUERY_FILES] + [query_name(p) for p in CHECK_FILES]


# ---------------------------------------------------------------- what each query answers

def test_certifications_by_designation_name(graph):
    found = rows(graph, "certifications-by-designation", designation="高新技术企业")
    assert {(r["subjectName"], r["certLevel"], r["certYear"]) for r in found} == {
        ("云岭县翠峰电子科技有限公司", "国家级", "2025"),
        ("青川蓝湾生物医药有限公司", "", "2026"),      # year from the report's period
    }
    assert all(r["sentence"].endswith("高新技术企业。") for r in found)


def test_certifications_by_level_and_year(graph):
    found = rows(graph, "certifications-by-designation", level="省级", year="2026")
    assert [(r["subjectName"], r["designationName"]) for r in found] == [
        ("云岭县翠峰电子科技有限公司", "专精特新中小企业")]
    assert rows(graph, "certifications-by-designation", level="省级", year="2025") == []


def test_co_built_platforms_with_an_institute(graph):
    found = rows(graph, "co-built-platforms", partnerType="ResearchInstitute")
    assert len(found) == 1
    assert found[0]["platformName"] == "青川区生物医药中试基地"
    assert set(found[0]["partners"].split("、")) == {"青川蓝湾生物医药有限公司", "东岳省农业科学院"}
    assert found[0]["academicPartners"] == "东岳省农业科学院"


def test_co_built_platforms_by_name(graph):
    found = rows(graph, "co-built-platforms", name="智能传感")
    assert [(r["platformName"], r["academicPartners"]) for r in found] == [
        ("云岭县智能传感工程技术研究中心", "南屏理工大学")]


def test_targets_by_district(graph):
    found = rows(graph, "targets-by-district", district="云岭县")
    assert {(r["indicator"], Decimal(r["value"]), r["unit"], r["targetYear"]) for r in found} == {
        ("全社会研发投入强度", Decimal("3.0"), "%", "2026"), ("新增高新技术企业", Decimal("15"), "家", "2026")}


def test_targets_by_year_include_a_report_level_target_under_the_reports_district(graph):
    found = rows(graph, "targets-by-district", year="2027")
    assert {r["districtName"] for r in found} == {"青川区"}
    assert "新增科技型中小企业" in {r["indicator"] for r in found}
    assert [r["indicator"] for r in rows(graph, "targets-by-district", topic="技术合同")] == ["技术合同成交额"]


def test_targets_vs_achievements(graph):
    found = rows(graph, "targets-vs-achievements", district="云岭县", topic="高新技术企业")
    assert {(r["targetYear"], r["achievedValue"], r["achievedYear"], r["status"]) for r in found} == {
        ("2026", "12.0", "2025", "baseline"), ("2026", "13.0", "2026", "not met")}
    met = rows(graph, "targets-vs-achievements", topic="研发投入")
    assert [(r["targetValue"], r["achievedValue"], r["status"]) for r in met] == [("3.0", "3.1", "met")]


def test_enterprises_by_designations(graph):
    found = rows(graph, "enterprises-by-designations")
    assert (found[0]["enterpriseName"], found[0]["designations"]) == ("云岭县翠峰电子科技有限公司", "2")
    assert [r["enterpriseName"] for r in rows(graph, "enterprises-by-designations", minimum="2")] == [
        "云岭县翠峰电子科技有限公司"]


def test_programmes_by_agency(graph):
    found = rows(graph, "programmes-by-agency", agency="云岭县")
    assert [r["programmeName"] for r in found] == ["科技特派员制度"]
    assert "same sentence" in found[0]["links"]
    contest = rows(graph, "programmes-by-agency", programme="创新创业大赛")
    assert "relation appliesFor" in contest[0]["links"]


def test_entity_mentions_by_alias(graph):
    found = rows(graph, "entity-mentions", entity="县科技局")
    assert {r["entityName"] for r in found} == {"云岭县科学技术局"}
    assert len(found) == 2
    for r in found:
        text = qs.TEXTS[qs.YL25]
        assert text[int(r["start"]):int(r["end"])] == r["written"] == "县科技局"
        assert r["written"] in r["sentence"]


def test_entity_mentions_by_iri(graph):
    found = rows(graph, "entity-mentions", entity=f"<{entity_iri(qs.HIGH_TECH)}>")
    assert {r["reportTitle"] for r in found} == {qs.TITLES[qs.YL25], qs.TITLES[qs.QC26]}


def test_districts_by_high_tech_targets(graph):
    found = rows(graph, "districts-by-high-tech-targets")
    assert [(r["districtName"], r["highTechEnterprises"]) for r in found] == [("青川区", "30.0"), ("云岭县", "15.0")]
    assert [r["districtName"] for r in rows(graph, "districts-by-high-tech-targets", year="2026")] == ["云岭县"]


def test_entities_by_type_per_report(graph):
    found = rows(graph, "entities-by-type-per-report", report="2026年工作总结", type="Enterprise")
    assert {(r["reportTitle"], r["entities"]) for r in found} == {
        (qs.TITLES[qs.YL26], "2"), (qs.TITLES[qs.QC26], "1")}


def test_label_search_ignores_case_and_finds_aliases(graph):
    found = rows(graph, "label-search", text="科技局")
    assert {(r["label"], r["matched"]) for r in found} >= {("云岭县科学技术局", "县科技局"),
                                                          ("青川区科学技术局", "区科技局")}
    assert {r["nodeType"] for r in rows(graph, "label-search", text="翠峰")} == {"Enterprise"}


def test_relation_provenance(graph):
    found = rows(graph, "relation-provenance", subject="南屏理工大学", predicate="coBuilds")
    assert len(found) == 1
    row = found[0]
    assert row["objectName"] == "云岭县智能传感工程技术研究中心"
    assert row["source"] == "reports/yunling_2025.txt"
    assert qs.TEXTS[qs.YL25][int(row["start"]):int(row["end"])] == row["sentence"]
    assert row["rule"] == "coBuilds.test"


def test_relation_provenance_by_prefixed_predicate_and_object(graph):
    found = rows(graph, "relation-provenance", predicate="kg:certifiedAs", object="高新技术企业")
    assert {(r["subjectName"], r["level"]) for r in found} == {
        ("云岭县翠峰电子科技有限公司", "国家级"), ("青川蓝湾生物医药有限公司", "")}


def test_merge_candidates(graph):
    found = rows(graph, "merge-candidates")
    assert ("翠峰电子", "云岭县翠峰电子科技有限公司", "name inside name") in {
        (r["nameA"], r["nameB"], r["reason"]) for r in found}
    assert rows(graph, "merge-candidates", type="Platform") == []


def test_merge_candidates_same_name_of_two_types_and_shared_alias():
    data = qs.sample()
    data["entities"].append(Entity("Designation/科技特派员制度", "Designation", "科技特派员制度"))
    data["entities"] = [replace(e, aliases=("县科技局",)) if e.entity_id == qs.QC_BUREAU else e
                        for e in data["entities"]]
    g = build_graph(data["reports"], data["sentences"], data["entities"], data["relations"],
                    data["quantities"])
    found = {(r["nameA"], r["nameB"], r["reason"], r["sharedName"]) for r in rows(g, "merge-candidates")}
    assert any(reason == "same name, other type" and "科技特派员制度" in (a, b) for a, b, reason, _ in found)
    assert any(reason == "same name" and shared == "县科技局" for _, _, reason, shared in found)


def test_report_overview(graph):
    found = {r["reportTitle"]: r for r in rows(graph, "report-overview")}
    first = found[qs.TITLES[qs.YL25]]
    assert (first["issuer"], first["districtName"], first["period"], first["issued"]) == (
        "云岭县科学技术局", "云岭县", "2025", "2026-01-12")
    assert (first["relations"], first["targets"], first["achievements"]) == ("3", "2", "2")
    assert found[qs.TITLES[qs.YL26]]["targets"] == "0"
    assert [r["reportTitle"] for r in rows(graph, "report-overview", report="青川区")] == [qs.TITLES[qs.QC26]]


def test_achievements_by_district(graph):
    found = rows(graph, "achievements-by-district", district="云岭县", year="2026")
    assert {(r["indicator"], r["value"]) for r in found} == {("全社会研发投入强度", "3.1"), ("新增高新技术企业", "13.0")}


# ---------------------------------------------------------------- checks catch a graph broken on purpose

def _break_relation_evidence(g: Graph) -> None:
    g.add((entity_iri(qs.LANWAN), KG.certifiedAs, entity_iri(qs.SPECIALISED)))


def _break_evidence_relation(g: Graph) -> None:
    g.remove((entity_iri(qs.UNIVERSITY), KG.coBuilds, entity_iri(qs.SENSOR_CENTRE)))


def _break_quantity_value(g: Graph) -> None:
    target = next(g.subjects(RDF.type, KG.Target))
    g.remove((target, KG.value, None))
    g.add((target, KG.value, Literal("十五")))


def _break_mention_span(g: Graph) -> None:
    mention = next(g.subjects(RDF.type, KG.Mention))
    end = g.value(mention, KG.end)
    g.set((mention, KG.end, Literal(int(end) + 500)))


def _break_quantity_source(g: Graph) -> None:
    target = next(iter(sorted(g.subjects(RDF.type, KG.Target))))
    g.set((target, PROV.wasDerivedFrom, URIRef(str(next(g.subjects(RDF.type, KG.Sentence))))))
    for report in list(g.objects(target, KG.inReport)):
        g.remove((target, KG.inReport, report))
    g.add((target, KG.inReport, URIRef("https://w3id.org/kgst/id/report/elsewhere-1")))


BREAKS = {
    "checks/relation-without-evidence-violation": _break_relation_evidence,
    "checks/evidence-without-relation-violation": _break_evidence_relation,
    "checks/quantity-without-value-violation": _break_quantity_value,
    "checks/mention-outside-sentence-violation": _break_mention_span,
    "checks/quantity-source-outside-report-violation": _break_quantity_source,
}


def test_every_check_has_a_broken_graph():
    assert set(BREAKS) == {query_name(p) for p in CHECK_FILES}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_check_finds_the_graph_broken_on_purpose(name: str):
    g = qs.sample_graph()
    BREAKS[name](g)
    assert len(rows(g, name)) >= 1


# ---------------------------------------------------------------- parameters

@pytest.mark.parametrize("text, expected", [
    ("2025", Literal(2025)),
    ("-3", Literal(-3)),
    ("3.30", Literal(Decimal("3.30"))),
    ("高新技术企业", Literal("高新技术企业")),
    ('"2025"', Literal("2025")),
    ("<https://w3id.org/kgst/id/Designation/高新技术企业>",
     URIRef("https://w3id.org/kgst/id/Designation/高新技术企业")),
    ("https://w3id.org/kgst/id/report/r1-1", URIRef("https://w3id.org/kgst/id/report/r1-1")),
    ("5G基站", Literal("5G基站")),
    ("时间:2025", Literal("时间:2025")),
])
def test_to_term(text, expected):
    term = to_term(text)
    assert term == expected and type(term) is type(expected)
    if isinstance(expected, Literal):
        assert term.datatype == expected.datatype


def test_to_term_expands_known_prefixes(graph):
    assert to_term("kg:coBuilds", graph.namespace_manager) == KG.coBuilds
    assert to_term("nope:coBuilds", graph.namespace_manager) == Literal("nope:coBuilds")


def test_values_are_bound_not_formatted_into_the_text(graph):
    # A value with quotes and braces is a value: it matches nothing, and breaks nothing.
    assert rows(graph, "label-search", text='"} } SELECT * WHERE { ?s ?p ?o') == []


def test_unknown_parameter_lists_the_known_ones(graph):
    with pytest.raises(QueryError, match=r"\?district, \?topic, \?year"):
        run_query(graph, "targets-by-district", {"county": "云岭县"})


def test_unknown_query_lists_the_available_ones():
    with pytest.raises(QueryError, match="available: .*targets-by-district"):
        load_query("targets-by-county")


def test_syntax_error_names_line_and_column(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("# title: broken\nPREFIX kg: <https://w3id.org/kgst/ontology#>\n"
                    "SELECT ?s WHERE {\n  ?s kg:targets \n}\n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        load_query(path)
    assert re.search(r"broken\.rq:\d+:\d+: SPARQL syntax error", str(info.value))


def test_undeclared_prefix_names_its_line_and_column():
    with pytest.raises(QueryError, match=r"<expression>:2:8: .*undeclared prefix 'kgx'"):
        parse_query("SELECT ?s WHERE {\n    ?s kgx:targets ?t }")


def test_query_without_header_may_bind_any_variable(graph):
    query = parse_query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                        "SELECT ?e WHERE { ?e skos:prefLabel ?name . FILTER (STR(?name) = STR(?wanted)) }")
    assert "wanted" in query.params
    assert [str(r.e) for r in run_query(graph, query, {"wanted": "南屏理工大学"})] == [str(entity_iri(qs.UNIVERSITY))]


# ---------------------------------------------------------------- output formats

def test_csv_is_the_sparql_results_format(graph):
    text = format_result(run_query(graph, "targets-by-district", {"district": "云岭县"}), "csv")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(load_query("targets-by-district").returns)
    assert len(table) == 3


def test_json_is_the_sparql_results_format(graph):
    data = json.loads(format_result(run_query(graph, "districts-by-high-tech-targets"), "json"))
    assert data["head"]["vars"] == ["districtName", "targetYear", "highTechEnterprises", "indicators"]
    first = data["results"]["bindings"][0]
    assert first["districtName"] == {"type": "literal", "value": "青川区", "xml:lang": "zh"}
    assert first["targetYear"]["datatype"].endswith("#integer")


def test_tsv_is_the_sparql_results_format_and_parses_back(graph):
    query = parse_query("SELECT ?text WHERE { VALUES ?text { \"甲\\t乙\\n丙\" \"引号\\\"和\\\\\" } }")
    result = run_query(graph, query)
    text = format_result(result, "tsv")
    assert text.splitlines()[0] == "?text"
    parsed = TSVResultParser().parse(io.StringIO(text))
    assert sorted(str(row[0]) for row in parsed) == sorted(str(row[0]) for row in result)


def test_table_aligns_chinese_columns(graph):
    text = format_result(run_query(graph, "districts-by-high-tech-targets"), "table")
    lines = text.splitlines()
    assert lines[0].split() == ["districtName", "targetYear", "highTechEnterprises", "indicators"]
    assert lines[-1] == "(2 rows)"
    # 青川区 is three characters but six columns wide: the next cell starts under its header.
    assert lines[2].index("2027") + 3 == lines[0].index("targetYear")


def test_ask_query(graph):
    result = run_query(graph, parse_query("ASK { ?s a <https://w3id.org/kgst/ontology#Report> }"))
    assert format_result(result, "table") == "true\n"
    assert json.loads(format_result(result, "json"))["boolean"] is True


def test_unknown_format(graph):
    with pytest.raises(QueryError, match="table, csv, json, tsv"):
        format_result(run_query(graph, "report-overview"), "xlsx")


# ---------------------------------------------------------------- kg query

def test_cli_runs_a_named_query_with_parameters(graph_file):
    result = CliRunner().invoke(cli, ["query", "targets-by-district", "--graph", str(graph_file),
                                      "--param", "district=青川区", "--param", "year=2027", "-f", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.output)))
    assert {row[1] for row in table[1:]} == {"新增高新技术企业", "技术合同成交额", "新增科技型中小企业"}


def test_cli_runs_a_file_and_an_expression(graph_file, tmp_path):
    path = tmp_path / "count-reports.rq"
    path.write_text("# title: How many reports?\nPREFIX kg: <https://w3id.org/kgst/ontology#>\n"
                    "SELECT (COUNT(?r) AS ?n) WHERE { ?r a kg:Report }\n", encoding="utf-8")
    by_file = CliRunner().invoke(cli, ["query", str(path), "-g", str(graph_file), "-f", "tsv"])
    assert by_file.exit_code == 0, by_file.output
    assert by_file.output.splitlines()[1].startswith('"3"')
    inline = CliRunner().invoke(cli, ["query", "-g", str(graph_file), "-f", "json", "-e",
                                      "SELECT ?r WHERE { ?r a <https://w3id.org/kgst/ontology#Report> }"])
    assert inline.exit_code == 0, inline.output
    assert len(json.loads(inline.output)["results"]["bindings"]) == 3


def test_cli_lists_the_queries_with_their_questions():
    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    for query in list_queries():
        assert query.name in result.output
        assert query.question in result.output


def test_cli_syntax_error_exits_non_zero_with_line_and_column(graph_file):
    result = CliRunner().invoke(cli, ["query", "-g", str(graph_file), "-e", "SELECT ?s WHERE {\n ?s ?p }"])
    assert result.exit_code != 0
    assert re.search(r"<expression>:\d+:\d+: SPARQL syntax error", result.output)


def test_cli_unknown_name_lists_the_queries(graph_file):
    result = CliRunner().invoke(cli, ["query", "who-knows", "-g", str(graph_file)])
    assert result.exit_code != 0
    assert "relation-provenance" in result.output


def test_cli_bad_param_and_missing_graph(graph_file, tmp_path):
    bad = CliRunner().invoke(cli, ["query", "label-search", "-g", str(graph_file), "-p", "text"])
    assert bad.exit_code != 0 and "NAME=VALUE" in bad.output
    missing = CliRunner().invoke(cli, ["query", "label-search", "-g", str(tmp_path / "none.ttl")])
    assert missing.exit_code != 0 and "kg build" in missing.output


# ---------------------------------------------------------------- pages of rows

def table(result) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in result]


@pytest.mark.parametrize("path", QUERY_FILES, ids=query_name)
def test_a_page_is_a_slice_of_the_rows_in_text_and_in_algebra(graph, path: Path):
    query = load_query(path)
    every = table(run_query(graph, query))
    paged = page_query(query, 2, 1)
    assert table(run_query(graph, paged)) == every[1:3]
    assert table(run_query(graph, parse_query(paged.text, query.name))) == every[1:3]
    assert (paged.name, paged.params, paged.returns) == (query.name, query.params, query.returns)


REPORTS = "PREFIX kg: <https://w3id.org/kgst/ontology#>\nSELECT ?r WHERE { ?r a kg:Report } ORDER BY ?r"


def test_a_page_stays_within_a_written_limit_and_offset(graph):
    every = table(run_query(graph, parse_query(REPORTS)))
    assert len(every) == 3
    written = parse_query(REPORTS + " LIMIT 2 OFFSET 1")
    assert table(run_query(graph, written, limit=5, offset=1)) == every[2:3]
    paged = page_query(written, 5, 1)
    assert re.findall(r"LIMIT \d+|OFFSET \d+", paged.text) == ["LIMIT 1", "OFFSET 2"]
    assert table(run_query(graph, parse_query(paged.text))) == every[2:3]
    assert table(run_query(graph, written, offset=5)) == []


def test_a_page_leaves_a_subquery_limit_alone(graph):
    every = table(run_query(graph, parse_query(REPORTS)))
    nested = parse_query("PREFIX kg: <https://w3id.org/kgst/ontology#>\n"
                         "SELECT ?r WHERE { { SELECT ?r WHERE { ?r a kg:Report } ORDER BY ?r LIMIT 2 } } ORDER BY ?r")
    paged = page_query(nested, 1, 1)
    assert "LIMIT 2 }" in paged.text
    assert table(run_query(graph, parse_query(paged.text))) == table(run_query(graph, paged)) == every[1:2]


def test_a_page_goes_before_a_closing_values_block_and_after_a_closing_comment(graph):
    every = table(run_query(graph, parse_query(REPORTS)))
    values = parse_query(REPORTS + f"\nVALUES ?r {{ <{every[0][0]}> <{every[2][0]}> }}")
    paged = page_query(values, 1, 1)
    assert table(run_query(graph, parse_query(paged.text))) == table(run_query(graph, paged)) == every[2:3]
    commented = parse_query(REPORTS + "  # LIMIT 1 would be a comment")
    assert table(run_query(graph, parse_query(page_query(commented, 2).text))) == every[:2]


def test_pages_of_other_queries_and_bad_pages_are_refused():
    ask = parse_query("ASK { ?s ?p ?o }")
    assert page_query(ask) is ask
    with pytest.raises(QueryError, match="not a SELECT query"):
        page_query(ask, 10)
    with pytest.raises(QueryError, match="0 or more"):
        page_query(parse_query(REPORTS), -1)


def many_rows_file(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "many.ttl"
    path.write_text("".join(f"<urn:x:s{i:03d}> <urn:x:p> {i} .\n" for i in range(count)), encoding="utf-8")
    return path


def test_kg_query_prints_a_page_of_a_hundred_rows_by_default(tmp_path):
    path = many_rows_file(tmp_path, 150)
    text = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s"
    result = CliRunner().invoke(cli, ["query", "-e", text, "--graph", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [f"urn:x:s{i:03d}" for i in range(100)]
    assert "--offset 100" in result.stderr
    result = CliRunner().invoke(cli, ["query", "-e", text, "--graph", str(path), "-f", "csv",
                                      "--limit", "20", "--offset", "140"])
    assert result.stdout.splitlines()[1:] == [f"urn:x:s{i:03d}" for i in range(140, 150)]
    assert "--offset" not in result.stderr
    result = CliRunner().invoke(cli, ["query", "-e", text, "--graph", str(path), "-f", "csv", "--limit", "0"])
    assert len(result.stdout.splitlines()) == 151


def test_kg_query_pages_a_store(graph_file, tmp_path):
    from kg.store import write_store

    write_store(graph_file, tmp_path / "store")
    args = ["query", "report-overview", "-f", "csv"]
    every = CliRunner().invoke(cli, [*args, "--graph", str(graph_file)]).stdout.splitlines()
    paged = CliRunner().invoke(cli, [*args, "--store", str(tmp_path / "store"), "--limit", "1", "--offset", "2"])
    assert paged.exit_code == 0, paged.output
    assert paged.stdout.splitlines() == [every[0], every[3]]
