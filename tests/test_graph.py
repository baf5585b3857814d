"""Unit tests for the :mod:`kg.graph` module."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph_sample import BUREAU, CITY, COMPANY, DISTRICT, HIGH_TECH, REPORT_ID, reordered, sample
from kg.graph import (build_graph, entity_iri, iri_segment, report_iri, sentence_iri,
                      serialize_turtle, write_atomic)
from kg.model import Entity, Quantity, Relation
from kg.namespace import KG

ROOT = Path(__file__).resolve().parent.parent
ENTITY_TYPES = {"District", "Agency", "Enterprise", "ResearchInstitute", "University",
                "Platform", "Programme", "Policy", "Designation"}


def build(data: dict) -> Graph:
    return build_graph(data["reports"], data["sentences"], data["entities"],
                       data["relations"], data["quantities"])


@pytest.fixture
def data() -> dict:
    return sample()


@pytest.fixture
def graph(data) -> Graph:
    return build(data)


def local_name(term) -> str:
    return re.split(r"[#/]", str(term))[-1]


def scorer_view(graph: Graph):
    """Read the graph the way the evaluation's scorer does: by local names only."""
    labels = defaultdict(set)
    for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        for s, o in graph.subject_objects(p):
            labels[s].add(str(o))
    entities = {s: (local_name(o), labels[s]) for s, o in graph.subject_objects(RDF.type)
                if local_name(o) in ENTITY_TYPES}
    relations = {(min(entities[s][1]), local_name(p), min(entities[o][1]))
                 for s, p, o in graph
                 if local_name(p) in ("coBuilds", "certifiedAs") and s in entities and o in entities}
    targets = []
    for s, p, t in graph:
        if local_name(p) != "targets":
            continue
        if not any(local_name(c) == "Target" for c in graph.objects(t, RDF.type)):
            continue
        props = defaultdict(list)
        for tp, to in graph.predicate_objects(t):
            props[local_name(tp)].append(to)
        targets.append((frozenset(labels[s]), str(props["indicator"][0]), float(props["value"][0]),
                        str(props["unit"][0]), int(props["year"][0])))
    return entities, relations, targets


# ---------------------------------------------------------------- what the scorer reads

def test_scorer_reads_entities_with_types_and_names(graph):
    entities, _, _ = scorer_view(graph)
    by_name = {name: etype for etype, names in entities.values() for name in names}
    assert by_name["云岭县翠峰电子科技有限公司"] == "Enterprise"
    assert by_name["翠峰电子"] == "Enterprise"           # alias as skos:altLabel
    assert by_name["高新技术企业"] == "Designation"
    assert by_name["南屏理工大学"] == "University"
    assert by_name["云岭县智能传感工程技术研究中心"] == "Platform"
    assert by_name["云岭县科学技术局"] == "Agency"
    assert by_name["云岭县"] == "District"
    assert len(entities) == 7


def test_scorer_reads_relations_between_entity_nodes(graph):
    _, relations, _ = scorer_view(graph)
    assert relations == {
        ("云岭县翠峰电子科技有限公司", "certifiedAs", "高新技术企业"),
        ("云岭县科学技术局", "coBuilds", "云岭县智能传感工程技术研究中心"),
        ("南屏理工大学", "coBuilds", "云岭县智能传感工程技术研究中心"),
    }


def test_scorer_reads_each_target_once_with_typed_values(graph):
    _, _, targets = scorer_view(graph)
    assert sorted(t[1:] for t in targets) == [
        ("全社会研发投入强度", 3.0, "%", 2026),        # stated twice, one target
        ("技术合同成交额", 5.0, "亿元", 2026),          # no subject: read from its report
    ]
    assert (frozenset({"云岭县"}), "全社会研发投入强度", 3.0, "%", 2026) in targets
    node = next(graph.objects(entity_iri(DISTRICT), KG.targets))
    value = graph.value(node, KG.value)
    assert value.datatype == XSD.decimal and value.toPython() == Decimal("3.0")
    assert graph.value(node, KG.year).datatype == XSD.integer


def test_every_entity_has_one_pref_label(graph):
    for cls in ENTITY_TYPES:
        for node in graph.subjects(RDF.type, KG[cls]):
            assert len(list(graph.objects(node, SKOS.prefLabel))) == 1
            assert graph.value(node, SKOS.prefLabel) == graph.value(node, RDFS.label)


# ---------------------------------------------------------------- provenance

def test_evidence_leads_from_a_relation_to_its_sentence(graph):
    rows = list(graph.query(
        """SELECT ?text ?rule WHERE {
             ?s skos:prefLabel ?name ; kg:certifiedAs ?o .
             ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate kg:certifiedAs ; rdf:object ?o ;
                 prov:wasDerivedFrom ?sentence ; kg:rule ?rule .
             ?sentence kg:text ?text ; dcterms:isPartOf ?report .
             ?report a kg:Report .
           }""",
        initNs={"kg": KG._NS, "rdf": RDF, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS},
        initBindings={"name": Literal("云岭县翠峰电子科技有限公司", lang="zh")}))
    assert [(str(t), str(r)) for t, r in rows] == [
        ("云岭县翠峰电子科技有限公司被认定为高新技术企业。", "certifiedAs.认定为")]


def test_sentence_offsets_index_the_report_text(graph, data):
    text = data["reports"][0].text
    for node in graph.subjects(RDF.type, KG.Sentence):
        start, end = graph.value(node, KG.start).toPython(), graph.value(node, KG.end).toPython()
        assert text[start:end] == str(graph.value(node, KG.text))


def test_restated_target_is_one_node_with_two_sentences(graph):
    nodes = list(graph.objects(entity_iri(DISTRICT), KG.targets))
    assert len(nodes) == 1
    assert set(graph.objects(nodes[0], PROV.wasDerivedFrom)) == {
        sentence_iri(f"{REPORT_ID}-s4"), sentence_iri(f"{REPORT_ID}-s5")}


def test_target_without_subject_is_held_by_its_report(graph):
    nodes = [t for t in graph.subjects(RDF.type, KG.Target)
             if str(graph.value(t, KG.indicator)) == "技术合同成交额"]
    assert len(nodes) == 1
    assert list(graph.subjects(KG.targets, nodes[0])) == [report_iri(REPORT_ID)]
    assert graph.value(nodes[0], KG.inReport) == report_iri(REPORT_ID)
    assert graph.value(nodes[0], KG.unit) == Literal("亿元")


def test_achievement_linked_by_achieved(graph):
    node = graph.value(entity_iri(DISTRICT), KG.achieved)
    assert (node, RDF.type, KG.Achievement) in graph
    assert str(graph.value(node, KG.indicator)) == "新增科技型中小企业"
    assert str(graph.value(node, RDFS.label)) == "新增科技型中小企业 25家 (2025)"


def test_mentions_are_nodes_and_the_report_mentions_the_entity(graph, data):
    company = entity_iri(COMPANY)
    assert (report_iri(REPORT_ID), KG.mentions, company) in graph
    mention = graph.value(None, KG.mentionOf, company)
    start, end = graph.value(mention, KG.start).toPython(), graph.value(mention, KG.end).toPython()
    assert data["reports"][0].text[start:end] == "云岭县翠峰电子科技有限公司"
    assert graph.value(mention, PROV.wasDerivedFrom) == sentence_iri(f"{REPORT_ID}-s1")
    assert str(graph.value(mention, KG.rule)) == "enterprise.有限公司"


# ---------------------------------------------------------------- reports and districts

def test_report_metadata(graph):
    r = report_iri(REPORT_ID)
    assert (r, RDF.type, KG.Report) in graph
    assert str(graph.value(r, DCTERMS.title)) == "云岭县科学技术局2025年工作总结和2026年工作计划"
    assert graph.value(r, DCTERMS.issued) == Literal("2026-01-12", datatype=XSD.date)
    assert str(graph.value(r, KG.period)) == "2025" == str(graph.value(r, DCTERMS.temporal))
    assert str(graph.value(r, DCTERMS.source)) == "reports/yunling_2025.txt"
    assert str(graph.value(r, KG.sha256)) == "0" * 64
    assert graph.value(r, KG.issuedBy) == entity_iri(BUREAU)
    assert graph.value(r, DCTERMS.publisher) is None
    assert graph.value(r, KG.district) == entity_iri(DISTRICT)


def test_issuer_without_agency_entity_is_a_publisher_literal(data):
    data["entities"] = [e for e in data["entities"] if e.type != "Agency"]
    data["relations"] = [r for r in data["relations"] if r.subject != BUREAU]
    data["reports"] = [replace(data["reports"][0], published="2026年1月")]
    g = build(data)
    r = report_iri(REPORT_ID)
    assert g.value(r, KG.issuedBy) is None
    assert str(g.value(r, DCTERMS.publisher)) == "云岭县科学技术局"
    assert g.value(r, DCTERMS.issued) == Literal("2026年1月")


def test_district_located_in_parent_with_code(graph):
    d = entity_iri(DISTRICT)
    assert graph.value(d, KG.locatedIn) == entity_iri(CITY)
    assert graph.value(d, KG.adminCode) == Literal("990101")
    assert graph.value(entity_iri(CITY), KG.locatedIn) is None


# ---------------------------------------------------------------- shape of the graph

def test_no_blank_nodes(graph):
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_every_term_used_is_declared_in_the_ontology(graph):
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    declared = set(ontology.subjects(RDF.type, None))
    builtin = {RDF.type, RDFS.label}
    used = {p for p in graph.predicates()} | {o for o in graph.objects(None, RDF.type)}
    assert used - builtin - declared == set()


def test_unknown_predicate_names_the_valid_ones(data):
    data["relations"].append(replace(data["relations"][0], predicate="fundedBy"))
    with pytest.raises(ValueError, match="coBuilds, certifiedAs, appliesFor, locatedIn"):
        build(data)


def test_unknown_entity_type_is_refused(data):
    data["entities"].append(Entity("Person/张三", "Person", "张三"))
    with pytest.raises(ValueError, match="Designation"):
        build(data)


@pytest.mark.parametrize("entity_id, expected", [
    ("Enterprise/云岭县翠峰电子科技有限公司", "Enterprise/云岭县翠峰电子科技有限公司"),
    ("Programme/云岭 英才", "Programme/云岭%20英才"),
    ("Policy/《方案》<2025>", "Policy/《方案》%3C2025%3E"),
    ("Enterprise/A#B?C%D", "Enterprise/A%23B%3FC%25D"),
])
def test_iri_segment_keeps_cjk_and_encodes_what_iris_forbid(entity_id, expected):
    assert iri_segment(entity_id) == expected


def test_iri_segment_is_one_to_one():
    assert iri_segment("云岭 英才") != iri_segment("云岭%20英才")


# ---------------------------------------------------------------- Turtle output

def test_turtle_round_trips(graph):
    data = serialize_turtle(graph)
    back = Graph().parse(data=data, format="turtle")
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


def test_text_with_quotes_backslashes_newlines_and_emoji_round_trips(data):
    name = '云岭"星河"\\科技\n有限公司 <img src=x> 🚀'
    odd_id = 'Enterprise/云岭"星河" <科技>{有限}|公司\\^`#?%'
    data["entities"].append(Entity(odd_id, "Enterprise", name, aliases=("星河'科技'",)))
    data["relations"].append(Relation(odd_id, "certifiedAs", HIGH_TECH, f"{REPORT_ID}-s1",
                                      REPORT_ID, "…", 0, 1, "certifiedAs.获批"))
    g = build(data)
    back = Graph().parse(data=serialize_turtle(g), format="turtle")
    assert isomorphic(back, g)
    node = entity_iri(odd_id)
    assert str(back.value(node, SKOS.prefLabel)) == name
    assert (node, KG.certifiedAs, entity_iri(HIGH_TECH)) in back


def test_serialisation_does_not_depend_on_insertion_order(data):
    assert serialize_turtle(build(data)) == serialize_turtle(build(reordered(data)))


SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from graph_sample import sample, reordered
from kg.graph import build_graph, serialize_turtle
d = sample() if sys.argv[1] == "forward" else reordered(sample())
g = build_graph(d["reports"], d["sentences"], d["entities"], d["relations"], d["quantities"])
sys.stdout.buffer.write(serialize_turtle(g))
"""


def test_serialisation_does_not_depend_on_the_hash_seed():
    script = SCRIPT.format(tests=str(ROOT / "tests"))
    outputs = []
    for seed, order in (("1", "forward"), ("2", "reversed"), ("3", "forward")):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outputs.append(subprocess.run([sys.executable, "-c", script, order], env=env, cwd=ROOT,
                                      capture_output=True, check=True).stdout)
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_target_value_is_a_plain_decimal_without_exponent(data):
    data["quantities"].append(Quantity("target", DISTRICT, "科技经费支出", 12000000000.0, "元", 2026,
                                       f"{REPORT_ID}-s4", REPORT_ID, "…", 0, 1, "target.t"))
    g = build(data)
    values = {str(v) for v in g.objects(None, KG.value)}
    assert "12000000000.0" in values
    Graph().parse(data=serialize_turtle(g), format="turtle")


# ---------------------------------------------------------------- atomic writes

def test_write_atomic_replaces_the_file(tmp_path):
    path = tmp_path / "graph.ttl"
    write_atomic(path, b"old\n")
    write_atomic(path, "新的内容\n".encode("utf-8"))
    assert path.read_text(encoding="utf-8") == "新的内容\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch, failing):
    path = tmp_path / "graph.ttl"
    path.write_bytes(b"previous complete graph\n")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"new graph that never lands\n" * 1000)
    monkeypatch.undo()
    assert path.read_bytes() == b"previous complete graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_atomic_keeps_the_permissions(tmp_path):
    path = tmp_path / "graph.html"
    path.write_bytes(b"x")
    path.chmod(0o640)
    write_atomic(path, b"y")
    assert path.stat().st_mode & 0o777 == 0o640


def test_turtle_writes_numbers_bare_and_parses_in_a_strict_parser(graph):
    import pyoxigraph

    data = serialize_turtle(graph)
    assert re.search(rb"kg:year 20\d\d [;.]", data)
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(graph)
