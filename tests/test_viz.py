"""Unit tests for the :mod:`kg.viz` module."""
from __future__ import annotations

import json
import math
import re

import pytest
from rdflib import Graph

from graph_sample import COMPANY, reordered, sample
from kg.graph import build_graph, serialize_turtle
from kg.model import Entity, Mention, Relation
from kg import viz
from kg.viz import explorer_html, graph_elements, layout_positions, write_explorer

INJECTION = "</script><img src=x onerror=alert(1)>"


def build(data: dict) -> Graph:
    return build_graph(data["reports"], data["sentences"], data["entities"],
                       data["relations"], data["quantities"])


@pytest.fixture
def data() -> dict:
    d = sample()
    sentence = d["sentences"][0]
    d["entities"].append(Entity("Enterprise/" + INJECTION, "Enterprise", INJECTION,
                                mentions=(Mention(INJECTION, "Enterprise", sentence.start,
                                                  sentence.start + 5, sentence.sent_id,
                                                  sentence.report_id, "test"),)))
    d["relations"].append(Relation("Enterprise/" + INJECTION, "certifiedAs", "Designation/高新技术企业",
                                   sentence.sent_id, sentence.report_id, sentence.text,
                                   sentence.start, sentence.end, "certifiedAs.认定为"))
    return d


@pytest.fixture
def graph(data) -> Graph:
    return build(data)


@pytest.fixture
def page(graph) -> str:
    return explorer_html(graph, title="云岭县 <科技> 图谱")


def dataset(page: str, name: str) -> list[dict]:
    """The JSON array the page hands to ``new vis.DataSet`` for nodes or edges."""
    match = re.search(name + r" = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    return json.loads(match.group(1))


def test_page_loads_nothing_from_outside(page):
    values = re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)""", page, re.I)
    assert not [v for v in values if "http" in v or v.startswith("//")]
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.I)


def test_vis_network_and_its_style_are_in_lined(page):
    assert "vis.Network" in page and ".vis-network" in page
    assert len(page) > 200_000


def test_injected_name_is_shown_as_text(page):
    assert INJECTION not in page
    assert "<img src=x" not in page
    labels = {n["title"].split("\n")[1] for n in dataset(page, "nodes")}
    assert INJECTION in labels


def test_title_is_escaped(page):
    assert "<title>云岭县 &lt;科技&gt; 图谱</title>" in page
    assert "<科技>" not in page


def test_same_graph_gives_the_same_page(data, page):
    again = explorer_html(build(reordered(data)), title="云岭县 <科技> 图谱")
    assert again == page


def test_page_from_parsed_turtle_is_the_same(graph, page):
    parsed = Graph().parse(data=serialize_turtle(graph), format="turtle")
    assert explorer_html(parsed, title="云岭县 <科技> 图谱") == page


def test_positions_are_fixed_and_physics_is_off(page):
    nodes = dataset(page, "nodes")
    assert all(isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float)) for n in nodes)
    assert re.search(r'"physics":\s*\{\s*"enabled":\s*false', page)


def test_cjk_font_stack(page):
    assert re.search(r"font-family:[^;]*Noto Sans CJK SC[^;]*sans-serif", page)


def test_legend_names_each_kind_in_chinese_and_english(page):
    for text in ("企业 Enterprise", "资质称号 Designation", "创新平台 Platform", "目标 Target"):
        assert text in page


def test_elements_of_the_sample(graph):
    nodes, edges = graph_elements(graph)
    by_label = {n["label"]: n for n in nodes}
    assert by_label["高新技术企业"]["kind"] == "Designation"
    assert by_label["全社会研发投入强度 3% (2026)"]["kind"] == "Target"
    assert {n["kind"] for n in nodes} >= {"Report", "Target", "Achievement", "District", "Platform"}
    assert not {n["kind"] for n in nodes} & {"Sentence", "Mention", "Evidence"}
    names = {n["id"]: n["title"].split("\n")[1] for n in nodes}
    links = {(names[e["from"]], e["label"], names[e["to"]]) for e in edges}
    assert ("南屏理工大学", "共建 coBuilds", "云岭县智能传感工程技术研究中心") in links
    assert ("云岭县", "目标 targets", "全社会研发投入强度 3% (2026)") in links
    assert ("云岭县", "成效 achieved", "新增科技型中小企业 25家 (2025)") in links
    assert ("云岭县", "位于 locatedIn", "南屏市") in links


def test_relation_edge_shows_its_evidence_sentence(graph):
    nodes, edges = graph_elements(graph)
    company = next(n["id"] for n in nodes if n["iri"].endswith(COMPANY))
    edge = next(e for e in edges if e["from"] == company and e["kind"] == "certifiedAs")
    assert "云岭县翠峰电子科技有限公司被认定为高新技术企业。" in edge["title"]


def test_mentions_edges_are_hidden_by_default(graph):
    _, edges = graph_elements(graph)
    mentions = [e for e in edges if e["kind"] == "mentions"]
    assert mentions and all(e["hidden"] for e in mentions)
    assert not any(e["hidden"] for e in edges if e["kind"] != "mentions")


def test_layout_is_seeded(graph):
    nodes, edges = graph_elements(graph)
    assert layout_positions(nodes, edges) == layout_positions(nodes, edges)
    assert set(layout_positions(nodes, edges)) == {n["id"] for n in nodes}


def test_write_explorer(tmp_path, graph):
    path = tmp_path / "graph.html"
    write_explorer(graph, path, title="图谱")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>图谱</title>" in text


def test_empty_graph_still_gives_a_page():
    page = explorer_html(Graph())
    assert "new vis.DataSet([])" in page


def star_elements(hubs: int, leaves: int) -> tuple[list[dict], list[dict]]:
    nodes = [{"id": f"h{i}"} for i in range(hubs)]
    edges = [{"from": f"h{i}", "to": f"h{(i + 1) % hubs}"} for i in range(hubs)]
    for i in range(hubs):
        for j in range(leaves):
            nodes.append({"id": f"h{i}l{j}"})
            edges.append({"from": f"h{i}", "to": f"h{i}l{j}", "hidden": j % 2 == 0})
    nodes.append({"id": "alone"})
    return nodes, edges


def test_layout_keeps_leaves_apart():
    nodes, edges = star_elements(hubs=4, leaves=40)
    pos = layout_positions(nodes, edges)
    assert set(pos) == {n["id"] for n in nodes}
    points = list(pos.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:])
    assert closest >= 10


def test_layout_places_nodes_beyond_the_spring_limit(monkeypatch):
    monkeypatch.setattr(viz, "SPRING_MAX_NODES", 3)
    nodes, edges = star_elements(hubs=6, leaves=5)
    pos = layout_positions(nodes, edges)
    assert set(pos) == {n["id"] for n in nodes}
    assert len(set(pos.values())) == len(pos)
