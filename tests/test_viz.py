"""Unit tests for the :mod:`kg.viz` module (the page itself is driven in tests/test_browser.py)."""
from __future__ import annotations

import json
import math
import re

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph_sample import COMPANY, HIGH_TECH, UNIVERSITY, reordered
from kg import viz
from kg.cli import cli
from kg.errors import InputError, KGError
from kg.graph import entity_iri, serialize_turtle
from kg.viz import (EDGE_LABELS, explorer_html, graph_elements, layout_positions, most_connected,
                    read_turtle, select_elements, write_explorer)
from viz_sample import COMPANY2, DISTRICT2, INJECTION, ODD, build, two_reports

TITLE = "云岭县 <科技> 图谱 & \"更多\""


@pytest.fixture
def data() -> dict:
    return two_reports()


@pytest.fixture
def graph(data) -> Graph:
    return build(data)


@pytest.fixture
def page(graph) -> str:
    return explorer_html(graph, title=TITLE)


def block(page: str, name: str):
    """The JSON of the page's ``<script id="kg-NAME" type="application/json">`` block."""
    match = re.search(rf'<script id="kg-{name}" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def by_iri(nodes: list[dict], entity_id: str) -> dict:
    return next(n for n in nodes if n["iri"] == str(entity_iri(entity_id)))


# ------------------------------------------------------------------ the page is self-contained

def test_page_loads_nothing_from_outside(page):
    values = re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)""", page, re.I)
    assert not [v for v in values if "http" in v or v.startswith("//")]
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page, re.I)


def test_vis_network_and_its_style_are_in_lined(page):
    assert "vis.Network" in page and ".vis-network" in page
    assert len(page) > 200_000


# ------------------------------------------------------------------ text is escaped

@pytest.mark.issue(6)
def test_injected_name_is_data_not_markup(page):
    assert INJECTION not in page
    assert "<img" not in page.lower()
    names = {name for n in block(page, "info")["nodes"].values() for name in n["names"]}
    assert INJECTION in names


def test_quotes_ampersands_and_newlines_survive_as_text(page):
    texts = [text for text, _ in block(page, "info")["sentences"]]
    assert f"{INJECTION}与\"松阳\" & '白鹭'实验室\n开展合作。" in texts


def test_title_is_escaped(page):
    assert "<title>云岭县 &lt;科技&gt; 图谱 &amp; &#34;更多&#34;</title>" in page
    assert "<科技>" not in page


def test_script_blocks_cannot_be_closed_by_data():
    graph = build(two_reports())
    page = explorer_html(graph, title="</script><script>alert(1)</script>")
    for name in ("nodes", "edges", "info", "options"):
        match = re.search(rf'<script id="kg-{name}" type="application/json">(.*?)</script>', page, re.S)
        assert "<" not in match.group(1)
    assert "<script>alert(1)" not in page


def test_line_separators_are_escaped_in_json():
    data = two_reports()
    from dataclasses import replace
    data["entities"] = [replace(e, name=e.name + "\u2028x") if e.entity_id == COMPANY2 else e
                        for e in data["entities"]]
    page = explorer_html(build(data))
    assert "\u2028" not in page
    assert any(n["name"].endswith("\u2028x") for n in block(page, "info")["nodes"].values())


# ------------------------------------------------------------------ determinism

def test_same_graph_gives_the_same_page(data, page):
    assert explorer_html(build(reordered(data)), title=TITLE) == page


def test_page_from_parsed_turtle_is_the_same(graph, page):
    parsed = Graph().parse(data=serialize_turtle(graph), format="turtle")
    assert explorer_html(parsed, title=TITLE) == page


# ------------------------------------------------------------------ what the page shows

def test_positions_are_fixed_and_physics_is_off(page):
    assert all(isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float))
               for n in block(page, "nodes"))
    options = block(page, "options")
    assert options["physics"] == {"enabled": False}
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"] is False


def test_cjk_font_stack(page):
    assert re.search(r"font-family:[^;]*Noto Sans CJK SC[^;]*sans-serif", page)
    assert "Noto Sans CJK SC" in block(page, "options")["nodes"]["font"]["face"]


def test_legend_names_each_kind_in_chinese_and_english(page):
    kinds = {(k["zh"], k["kind"]): k["count"] for k in block(page, "info")["kinds"]}
    assert kinds[("企业", "Enterprise")] == 3
    assert kinds[("资质称号", "Designation")] == 1
    assert ("创新平台", "Platform") in kinds and ("目标", "Target") in kinds
    groups = block(page, "options")["groups"]
    assert {groups[k]["shape"] for k in ("Enterprise", "Designation", "District")} == {"dot", "diamond", "hexagon"}


def test_edge_labels_are_chinese_and_english(page):
    labels = {r["kind"]: r["label"] for r in block(page, "info")["relations"]}
    for kind, label in (("coBuilds", "共建 coBuilds"), ("certifiedAs", "认定 certifiedAs"),
                        ("targets", "目标 targets"), ("appliesFor", "申报 appliesFor"),
                        ("locatedIn", "位于 locatedIn")):
        assert labels[kind] == label
    assert {e["kind"] for e in block(page, "edges")} <= set(EDGE_LABELS)


def test_report_and_district_filters_are_offered(page):
    scopes = block(page, "info")["scopes"]
    assert [s["group"] for s in scopes].count("report") == 2
    districts = {s["label"]: s["reports"] for s in scopes if s["group"] == "district"}
    assert set(districts) == {"云岭县", "石门县", "南屏市"}
    assert set(districts["南屏市"]) == set(districts["云岭县"]) | set(districts["石门县"])


def test_elements_of_the_sample(graph):
    nodes, edges = graph_elements(graph)
    by_label = {n["label"]: n for n in nodes}
    assert by_label["高新技术企业"]["kind"] == "Designation"
    assert by_label["全社会研发投入强度 3% (2026)"]["kind"] == "Target"
    assert {n["kind"] for n in nodes} >= {"Report", "Target", "Achievement", "District", "Platform"}
    assert not {n["kind"] for n in nodes} & {"Sentence", "Mention", "Evidence"}
    names = {n["id"]: n["name"] for n in nodes}
    links = {(names[e["from"]], e["label"], names[e["to"]]) for e in edges}
    assert ("南屏理工大学", "共建 coBuilds", "云岭县智能传感工程技术研究中心") in links
    assert ("云岭县", "目标 targets", "全社会研发投入强度 3% (2026)") in links
    assert ("云岭县", "成效 achieved", "新增科技型中小企业 25家 (2025)") in links
    assert ("云岭县", "位于 locatedIn", "南屏市") in links


def test_aliases_are_searchable_names(graph):
    nodes, _ = graph_elements(graph)
    company = by_iri(nodes, COMPANY)
    assert company["names"][0] == "云岭县翠峰电子科技有限公司"
    assert set(company["names"][1:]) == {"翠峰电子", "翠峰科技"}
    assert "翠峰电子" in company["title"]


def test_reports_mentioning_a_designation(graph):
    nodes, _ = graph_elements(graph)
    reports = {n["id"]: n["name"] for n in nodes if n["kind"] == "Report"}
    high_tech = by_iri(nodes, HIGH_TECH)
    assert {reports[r] for r in high_tech["reports"]} == {
        "云岭县科学技术局2025年工作总结和2026年工作计划", "石门县科技局2025年工作总结"}


def test_report_label_names_its_district_and_period(graph):
    nodes, _ = graph_elements(graph)
    assert {n["label"] for n in nodes if n["kind"] == "Report"} == {"云岭县 2025", "石门县 2025"}


def test_relation_evidence_marks_subject_trigger_and_object(graph):
    nodes, edges = graph_elements(graph)
    company = by_iri(nodes, COMPANY)["id"]
    edge = next(e for e in edges if e["from"] == company and e["kind"] == "certifiedAs")
    (evidence,) = edge["evidence"]
    text = evidence["text"]
    assert text == "云岭县翠峰电子科技有限公司被认定为高新技术企业。"
    assert evidence["rule"] == "certifiedAs.认定为"
    assert [(text[a:b], role) for a, b, role in evidence["marks"]] == [
        ("云岭县翠峰电子科技有限公司", "s"), ("认定为", "t"), ("高新技术企业", "o")]
    reports = {n["id"]: n["name"] for n in nodes if n["kind"] == "Report"}
    assert reports[evidence["report"]].startswith("云岭县科学技术局")


def test_alias_mention_is_marked_where_the_sentence_uses_it(graph):
    nodes, edges = graph_elements(graph)
    bureau = next(n["id"] for n in nodes if n["name"] == "云岭县科学技术局")
    edge = next(e for e in edges if e["from"] == bureau and e["kind"] == "coBuilds")
    text = edge["evidence"][0]["text"]
    assert [text[a:b] for a, b, role in edge["evidence"][0]["marks"] if role == "s"] == ["县科技局"]


def test_target_evidence_marks_indicator_and_figure(graph):
    nodes, _ = graph_elements(graph)
    target = next(n for n in nodes if n["label"] == "全社会研发投入强度 3% (2026)")
    marked = [{role: e["text"][a:b] for a, b, role in e["marks"]} for e in target["evidence"]]
    assert sorted(marked, key=str) == [{"s": "全社会研发投入强度", "v": "3.0%"},
                                       {"s": "研发投入强度", "v": "3.0%"}]
    assert ["数值 value", "3"] in target["details"] and ["年份 year", "2026"] in target["details"]


def test_mentions_edges_are_hidden_by_default(graph):
    _, edges = graph_elements(graph)
    mentions = [e for e in edges if e["kind"] == "mentions"]
    assert mentions and all(e["hidden"] for e in mentions)
    assert not any(e["hidden"] for e in edges if e["kind"] != "mentions")


def test_node_size_grows_with_degree(graph):
    nodes, _ = graph_elements(graph)
    high_tech, university = by_iri(nodes, HIGH_TECH), by_iri(nodes, UNIVERSITY)
    assert high_tech["degree"] > university["degree"]
    assert high_tech["size"] > university["size"]
    assert all(n["size"] == 5.0 for n in nodes if n["kind"] in ("Target", "Achievement"))


def test_empty_graph_still_gives_a_page():
    page = explorer_html(Graph())
    assert block(page, "nodes") == [] and block(page, "edges") == []


# ------------------------------------------------------------------ large graphs and subsets

def test_small_graph_opens_whole(page):
    assert block(page, "info")["core"] is None
    assert not any(n.get("hidden") for n in block(page, "nodes"))


def test_large_graph_opens_on_its_most_connected_part(graph):
    page = explorer_html(graph, large=4)
    info = block(page, "info")
    shown = [n["id"] for n in block(page, "nodes") if not n.get("hidden")]
    assert info["core"] == len(shown) == 4 and info["total"] == len(block(page, "nodes"))
    degree = {i: n["degree"] for i, n in info["nodes"].items()}
    assert min(degree[i] for i in shown) >= max(d for i, d in degree.items() if i not in shown)
    assert "显示全部 show all" in page


def test_edge_budget_also_limits_the_opening_part(graph):
    page = explorer_html(graph, large_edges=3)
    shown = {n["id"] for n in block(page, "nodes") if not n.get("hidden")}
    drawn = [e for e in block(page, "edges") if e["kind"] != "mentions"
             and e["from"] in shown and e["to"] in shown]
    assert shown and len(drawn) <= 3


def test_most_connected_breaks_ties_by_order():
    nodes = [{"id": x} for x in "abcd"]
    edges = [{"from": "a", "to": "b"}, {"from": "c", "to": "d"}, {"from": "d", "to": "b"}]
    assert most_connected(nodes, edges, 2) == ["b", "d"]
    assert most_connected(nodes, edges, 3) == ["a", "b", "d"]


@pytest.mark.parametrize("types", [["Enterprise", "Designation"], ["企业", "资质称号"], ["enterprise", "designation"]])
def test_select_by_type(graph, types):
    nodes, edges = select_elements(*graph_elements(graph), types=types)
    assert {n["kind"] for n in nodes} == {"Enterprise", "Designation"}
    assert len(nodes) == 4
    assert {e["kind"] for e in edges} == {"certifiedAs"} and len(edges) == 3


def test_unknown_type_names_the_valid_ones(graph):
    with pytest.raises(KGError, match=r"unknown node type 'Firm'.*Enterprise \(企业\)"):
        select_elements(*graph_elements(graph), types=["Firm"])


def test_select_by_district(graph):
    nodes, edges = select_elements(*graph_elements(graph), districts=["石门县"])
    names = {n["name"] for n in nodes}
    assert names == {"石门县", "石门县科技局2025年工作总结", "石门县禾丰生物科技有限公司", INJECTION, "高新技术企业"}
    ids = {n["id"] for n in nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in edges)


def test_select_by_city_takes_its_counties(graph):
    nodes, _ = select_elements(*graph_elements(graph), districts=["南屏市"])
    assert {n["name"] for n in nodes if n["kind"] == "Report"} == {
        "云岭县科学技术局2025年工作总结和2026年工作计划", "石门县科技局2025年工作总结"}


def test_unknown_district_names_those_with_reports(graph):
    with pytest.raises(KGError, match="no district called .青山县.*: 云岭县、南屏市、石门县$"):
        select_elements(*graph_elements(graph), districts=["青山县"])


def test_select_top(graph):
    all_nodes, all_edges = graph_elements(graph)
    nodes, edges = select_elements(all_nodes, all_edges, top=3)
    assert [n["id"] for n in nodes] == most_connected(all_nodes, all_edges, 3)
    with pytest.raises(KGError, match="--top"):
        select_elements(all_nodes, all_edges, top=0)


def test_subset_page(graph):
    page = explorer_html(graph, types=["Enterprise", "Designation"], top=2)
    info = block(page, "info")
    assert len(info["nodes"]) == 2
    assert {n["kind"] for n in info["nodes"].values()} <= {"Enterprise", "Designation"}


# ------------------------------------------------------------------ layout

def test_layout_is_seeded(graph):
    nodes, edges = graph_elements(graph)
    assert layout_positions(nodes, edges) == layout_positions(nodes, edges)
    assert set(layout_positions(nodes, edges)) == {n["id"] for n in nodes}


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


# ------------------------------------------------------------------ files and the command

def test_write_explorer(tmp_path, graph):
    path = tmp_path / "graph.html"
    assert write_explorer(graph, path, title="图谱") == (15, 21)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>图谱</title>" in text


def test_write_explorer_into_a_missing_folder(tmp_path, graph):
    with pytest.raises(KGError, match="cannot be written"):
        write_explorer(graph, tmp_path / "nowhere" / "graph.html")


def test_read_turtle_rejects_other_text(tmp_path):
    path = tmp_path / "notes.ttl"
    path.write_text("这不是 Turtle <", encoding="utf-8")
    with pytest.raises(InputError, match="not a valid Turtle file"):
        read_turtle(path)


@pytest.fixture
def turtle(tmp_path, graph):
    path = tmp_path / "graph.ttl"
    path.write_bytes(serialize_turtle(graph))
    return path


def test_viz_command_writes_the_page_beside_the_graph(turtle):
    result = CliRunner().invoke(cli, ["viz", str(turtle)])
    assert result.exit_code == 0, result.output
    assert "15 nodes" in result.output
    assert block(turtle.with_suffix(".html").read_text(encoding="utf-8"), "info")["total"] == 15


def test_viz_command_writes_a_subset(turtle, tmp_path):
    out = tmp_path / "firms.html"
    result = CliRunner().invoke(cli, ["viz", str(turtle), "-o", str(out), "--type", "企业",
                                      "--type", "Designation", "--district", "石门县", "--title", "石门"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert {n["name"] for n in block(page, "info")["nodes"].values()} == {
        "石门县禾丰生物科技有限公司", INJECTION, "高新技术企业"}
    assert "<title>石门</title>" in page


@pytest.mark.parametrize("args, message", [
    (["--type", "Firm"], "unknown node type"),
    (["--district", "青山县"], "no district called"),
    (["--top", "0"], "Invalid value for '--top'"),
])
def test_viz_command_reports_bad_options(turtle, args, message):
    result = CliRunner().invoke(cli, ["viz", str(turtle), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_viz_command_reports_a_file_that_is_not_turtle(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("<html></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["viz", str(path)])
    assert result.exit_code == 1
    assert "not a valid Turtle file" in result.output


def test_odd_entity_is_an_ordinary_node(graph):
    nodes, edges = graph_elements(graph)
    odd = by_iri(nodes, ODD)
    assert odd["label"] == INJECTION[:17] + "…" and odd["name"] == INJECTION
    assert any(e["from"] == odd["id"] and e["kind"] == "certifiedAs" for e in edges)
    assert by_iri(nodes, DISTRICT2)["reports"]


_LAYOUT_SCRIPT = """
import json
from kg.viz import layout_positions
hubs = [f"hub{i}" for i in range(6)]
leaves = [f"leaf{i}" for i in range(40)]
nodes = [{"id": n} for n in hubs + leaves]
edges = [{"from": hubs[i], "to": hubs[(i + 1) % 6]} for i in range(6)]
edges += [{"from": hubs[i % 6], "to": leaf} for i, leaf in enumerate(leaves)]
print(json.dumps(sorted(layout_positions(nodes, edges).items())))
"""


def test_layout_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", _LAYOUT_SCRIPT], env=env, capture_output=True,
                             text=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1


def _number_span_by_regex(text: str, value: str, unit: str | None):
    """The figure's place as one regular expression finds it (what viz._number_span must agree with)."""
    from decimal import Decimal

    plain = format(Decimal(value).normalize(), "f")
    plain = re.escape(plain) + (r"(?:\.0+)?" if "." not in plain else "0*")
    tail = r"\s*" + re.escape(unit) if unit else ""
    match = (re.search(rf"(?<![\d.]){plain}(?!\d){tail}", text)
             or re.search(rf"(?<![\d.]){plain}(?!\d)", text))
    return match.span() if match else None


def test_figure_marks_agree_with_the_regular_expression():
    import random

    rng = random.Random(11)
    pieces = ["4", "40", "0", ".", "3", "3.3", "30", " ", "\u3000", "%", "亿元", "亿", "元", "家", "约", "-", "٤"]
    values = ["40", "40.0", "4", "3.3", "3.30", "0.5", "-3", "400", "0"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        value, unit = rng.choice(values), rng.choice(["%", "亿元", "", None, " 家"])
        assert viz._number_span(text, value, unit) == _number_span_by_regex(text, value, unit), \
            (text, value, unit)


# ------------------------------------------------------------------ a page of part of a big graph

def certified_graph(companies_per_report: tuple[int, ...] = (6, 2, 1)) -> Graph:
    """Reports certifying companies as one designation: the designation is the hub, then the reports."""
    from kg.graph import build_graph
    from kg.model import Entity, Mention, Relation, Report, Sentence

    reports, sentences, relations = [], [], []
    companies, designation_mentions = [], []
    k = 0
    for r, count in enumerate(companies_per_report):
        report_id = f"doc{r:04d}-1"
        names = [f"星河{k + i:02d}科技有限公司" for i in range(count)]
        k += count
        lines = [f"{name}被认定为高新技术企业。" for name in names]
        text = f"第{r}号报告\n" + "".join(lines)
        reports.append(Report(report_id, f"doc{r:04d}", f"reports/{r}.txt", f"{r}" * 64, f"第{r}号报告", text))
        for n, (name, line) in enumerate(zip(names, lines), 1):
            start = text.index(line)
            s = Sentence(f"{report_id}-s{n}", report_id, f"{report_id}-sec1", "summary", line, start,
                         start + len(line))
            sentences.append(s)
            company = Mention(name, "Enterprise", start, start + len(name), s.sent_id, report_id, "test")
            at = text.index("高新技术企业", start)
            designation_mentions.append(Mention("高新技术企业", "Designation", at, at + 6, s.sent_id, report_id,
                                                "test"))
            companies.append(Entity(f"Enterprise/{name}", "Enterprise", name, mentions=(company,)))
            relations.append(Relation(f"Enterprise/{name}", "certifiedAs", "Designation/高新技术企业", s.sent_id,
                                      report_id, line, s.start, s.end, "certifiedAs.认定为", "Enterprise",
                                      "Designation"))
    entities = [*companies, Entity("Designation/高新技术企业", "Designation", "高新技术企业",
                                   mentions=tuple(designation_mentions))]
    return build_graph(reports, sentences, entities, relations, [])


def names_on(page: str) -> set[str]:
    return {n["name"] for n in block(page, "info")["nodes"].values()}


def test_page_of_a_big_graph_holds_its_most_connected_part_and_says_so():
    graph = certified_graph()
    all_nodes, all_edges = graph_elements(graph)
    assert len(all_nodes) == 13 and len(all_edges) == 21
    page = explorer_html(graph, max_nodes=6)
    info = block(page, "info")
    # the hub and the three reports stating it, then the first two companies (degree 2 each, IRI order)
    assert names_on(page) == {"高新技术企业", "第0号报告", "第1号报告", "第2号报告",
                              "星河00科技有限公司", "星河01科技有限公司"}
    assert len(block(page, "nodes")) == 6 and info["whole"] == {"nodes": 13, "edges": 21}
    shown = set(info["nodes"])
    assert all(e["from"] in shown and e["to"] in shown for e in block(page, "edges"))
    assert len(block(page, "edges")) == 3 + 2 + 2       # the hub's mentions, two mentions, two certifications
    # the evidence of what is embedded, and nothing else
    assert {s[0] for s in info["sentences"]} == {"星河00科技有限公司被认定为高新技术企业。",
                                                  "星河01科技有限公司被认定为高新技术企业。"}
    assert "星河05科技有限公司" not in page
    notice = re.search(r'<div id="kg-partial" role="note"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert "连接最多的 6 个节点(共 13 个)" in notice and "the 6 most connected of 13 nodes" in notice
    assert "7 of 21 edges" in notice
    for how in ("kg viz graph.ttl --district NAME", "--top N", "kg serve", "kg build --html-nodes 0"):
        assert f"<code>{how}</code>" in notice


def test_part_of_a_graph_has_the_elements_of_the_whole():
    graph = certified_graph()
    all_nodes, all_edges = graph_elements(graph)
    nodes, edges = graph_elements(graph, max_nodes=6)
    kept = {n["id"] for n in nodes}
    assert nodes == [n for n in all_nodes if n["id"] in kept]
    assert edges == [e for e in all_edges if e["from"] in kept and e["to"] in kept]


def test_a_node_whose_reports_do_not_fit_is_passed_over():
    page = explorer_html(certified_graph(), max_nodes=3)
    # the hub needs all three reports with it; then come 第0号报告, 第1号报告 and the first company
    # (degree 2, before 第2号报告 in IRI order), which 第0号报告 states
    assert names_on(page) == {"第0号报告", "第1号报告", "星河00科技有限公司"}
    assert block(page, "info")["sentences"] == []


def test_graph_within_the_limit_gives_the_whole_page():
    graph = certified_graph()
    page = explorer_html(graph, max_nodes=13)
    assert page == explorer_html(graph)
    assert "kg-partial" not in page and "whole" not in block(page, "info")


def test_limit_applies_after_a_subset(graph):
    page = explorer_html(graph, types=["Enterprise", "Designation"], max_nodes=2)
    info = block(page, "info")
    assert len(info["nodes"]) == 2 and info["whole"]["nodes"] == 4
    with pytest.raises(KGError, match="positive"):
        explorer_html(graph, max_nodes=0)


def test_capped_ids_keep_the_order_and_the_limit():
    ids = ["r1", "r2", "hub", "a", "b"]
    degree = {"r1": 3, "r2": 3, "hub": 5, "a": 1, "b": 1}
    reports = {"hub": ["r1", "r2"], "a": ["r1"], "b": ["r2"]}
    assert viz.capped_ids(ids, degree, reports, 3) == ["r1", "r2", "hub"]
    assert viz.capped_ids(ids, degree, reports, 2) == ["r1", "r2"]
    assert viz.capped_ids(ids, degree, reports, 10) == ids


def test_report_lists_name_only_nodes_on_the_page(graph):
    info = block(explorer_html(graph, types=["Enterprise", "Designation"]), "info")
    assert all(not n["reports"] for n in info["nodes"].values())
    assert all(not e["reports"] for e in info["edges"].values())


def test_write_explorer_caps_the_page(tmp_path):
    path = tmp_path / "graph.html"
    assert write_explorer(certified_graph(), path, max_nodes=4) == (4, 3)
    assert 'id="kg-partial"' in path.read_text(encoding="utf-8")
