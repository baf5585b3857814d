"""The explorer page in a real browser: headless Chromium driven over the DevTools protocol.

Skipped only when no Chromium can be found (``.ci/run`` installs Debian's
``chromium`` package; ``$KG_CHROMIUM`` points at another one).
"""
from __future__ import annotations

import json

import pytest

from chromium import Chromium, find_chromium
from kg.graph import entity_iri
from kg.viz import explorer_html, graph_elements
from viz_sample import COMPANY, COMPANY2, HIGH_TECH, INJECTION, ODD, build, two_reports

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium found: install the chromium package (apt-get install chromium) or set KG_CHROMIUM")

# Counts dialogs and images the page might be tricked into opening.
_TRAPS = """
window.__alerts = 0;
window.alert = window.confirm = window.prompt = function () { window.__alerts += 1; };
"""


@pytest.fixture(scope="module")
def browser():
    with Chromium.launch(width=1280, height=800) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def elements():
    return graph_elements(build(two_reports()))


@pytest.fixture(scope="module")
def ids(elements) -> dict[str, str]:
    """Entity id or report title → node id."""
    nodes, _ = elements
    out = {n["name"]: n["id"] for n in nodes if n["kind"] == "Report"}
    for entity in (COMPANY, COMPANY2, HIGH_TECH, ODD):
        out[entity] = next(n["id"] for n in nodes if n["iri"] == str(entity_iri(entity)))
    return out


def open_page(browser, tmp_path, **options):
    path = tmp_path / "graph.html"
    path.write_text(explorer_html(build(two_reports()), **options), encoding="utf-8")
    page = browser.new_page()
    page.call("Page.addScriptToEvaluateOnNewDocument", {"source": _TRAPS})
    page.goto(path.as_uri())
    page.wait_for("window.kgExplorer && kgExplorer.isReady()")
    return page


@pytest.fixture
def page(browser, tmp_path):
    page = open_page(browser, tmp_path)
    yield page
    page.call("Page.close")


def drawn(page) -> set[str]:
    """Ids of the nodes vis-network draws (in its data set and not hidden)."""
    return set(page.evaluate("nodes.get({filter: function (n) { return !n.hidden; }})"
                             ".map(function (n) { return n.id; })"))


def drawn_edges(page) -> set[str]:
    return set(page.evaluate("edges.get({filter: function (e) { return !e.hidden; }})"
                             ".map(function (e) { return e.id; })"))


def panel_text(page) -> str:
    return page.evaluate("document.getElementById('kg-panel').hidden ? '' : "
                         "document.getElementById('kg-panel').innerText")


def click_element(page, selector: str) -> None:
    box = page.evaluate(f"(function () {{ var r = document.querySelector({json.dumps(selector)})"
                        ".getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()")
    page.click(*box)


def click_canvas(page, x_expr: str, y_expr: str, *, shows: str) -> str:
    """Click the canvas at a point given in canvas coordinates (JavaScript expressions)
    and wait until the side panel shows a node or an edge (``shows``); return its id."""
    point = page.evaluate(
        "(function () { var p = network.canvasToDOM({x: " + x_expr + ", y: " + y_expr + "});"
        " var r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()")
    page.click(*point)
    return page.wait_for(f"document.getElementById('kg-panel').getAttribute('data-{shows}')", timeout=5)


def test_page_loads_offline_without_errors(page):
    assert page.errors() == []
    assert all(url.startswith(("file:", "data:")) for url in page.requests())
    assert page.evaluate("document.title") == "科技工作报告知识图谱 · Knowledge graph of S&T work reports"


def test_draws_every_node_and_the_visible_edges(page, elements):
    nodes, edges = elements
    assert drawn(page) == {n["id"] for n in nodes}
    assert drawn_edges(page) == {e["id"] for e in edges if e["kind"] != "mentions"}
    assert page.evaluate("network.body.nodeIndices.length") == len(nodes)
    counts = page.evaluate("document.getElementById('kg-counts').textContent")
    assert f"{len(nodes)} / {len(nodes)}" in counts
    # the canvas holds a drawing, not only white pixels
    painted = page.evaluate("""(function () {
        var c = document.querySelector('#mynetwork canvas');
        var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
        for (var i = 0; i < d.length; i += 4) { if (d[i + 3] && (d[i] < 200 || d[i + 2] < 200)) { n++; } }
        return n; })()""")
    assert painted > 500


def test_legend_has_a_checkbox_per_type_and_relation(page):
    kinds = page.evaluate("Array.from(document.querySelectorAll('#kg-kinds label:not(.empty)'))"
                          ".map(function (l) { return l.textContent; })")
    assert any("企业 Enterprise (3)" in k for k in kinds)
    relations = page.evaluate("Array.from(document.querySelectorAll('#kg-relations label:not(.empty)'))"
                              ".map(function (l) { return l.textContent; })")
    assert any("认定 certifiedAs (3)" in r for r in relations)


def test_search_by_alias_jumps_to_and_highlights_the_node(page, ids):
    click_element(page, "#kg-search")
    page.type_text("翠峰电子")
    page.press("Enter")
    company = ids[COMPANY]
    assert page.evaluate("network.getSelectedNodes()") == [company]
    centre = page.evaluate("network.getViewPosition()")
    node = page.evaluate(f"network.getPosition({json.dumps(company)})")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert "云岭县翠峰电子科技有限公司" in panel_text(page)


def test_search_by_part_of_a_name_cycles_through_matches(page, ids):
    first = page.evaluate("kgExplorer.search('有限公司')")
    second = page.evaluate("kgExplorer.search('有限公司')")
    assert {first, second} == {ids[COMPANY], ids[COMPANY2]}
    assert "/2 匹配" in page.evaluate("document.getElementById('kg-status').textContent")
    assert page.evaluate("kgExplorer.search('不存在的名称')") is None
    assert "未找到" in page.evaluate("document.getElementById('kg-status').textContent")


def test_type_checkbox_hides_and_shows_a_type(page, elements):
    nodes, edges = elements
    enterprises = {n["id"] for n in nodes if n["kind"] == "Enterprise"}
    click_element(page, "input[data-kind='Enterprise']")
    assert page.evaluate("document.querySelector(\"input[data-kind='Enterprise']\").checked") is False
    assert drawn(page) == {n["id"] for n in nodes} - enterprises
    certified = {e["id"] for e in edges if e["kind"] == "certifiedAs"}     # all from enterprises
    assert certified and not certified & drawn_edges(page)
    click_element(page, "input[data-kind='Enterprise']")
    assert drawn(page) == {n["id"] for n in nodes}


def test_relation_checkbox_hides_a_relation(page, elements):
    _, edges = elements
    co_builds = {e["id"] for e in edges if e["kind"] == "coBuilds"}
    assert co_builds <= drawn_edges(page)
    click_element(page, "input[data-relation='coBuilds']")
    assert not co_builds & drawn_edges(page)
    click_element(page, "input[data-relation='mentions']")
    assert {e["id"] for e in edges if e["kind"] == "mentions"} <= drawn_edges(page)


def test_clicking_a_node_shows_its_provenance(page, ids):
    high_tech = json.dumps(ids[HIGH_TECH])
    shown = click_canvas(page, f"network.getPosition({high_tech}).x", f"network.getPosition({high_tech}).y",
                         shows="node")
    assert shown == ids[HIGH_TECH]
    text = panel_text(page)
    assert "资质称号 Designation" in text and "高新技术企业" in text
    assert "云岭县科学技术局2025年工作总结和2026年工作计划" in text and "石门县科技局2025年工作总结" in text
    assert "云岭县翠峰电子科技有限公司被认定为高新技术企业。" in text
    assert "石门县禾丰生物科技有限公司被认定为高新技术企业。" in text
    marks = page.evaluate("Array.from(document.querySelectorAll('#kg-panel li[data-edge] mark'))"
                          ".map(function (m) { return [m.className, m.textContent]; })")
    assert ["s", "石门县禾丰生物科技有限公司"] in marks and ["t", "认定为"] in marks and ["o", "高新技术企业"] in marks
    # its edges now carry their labels on the canvas
    labels = page.evaluate("edges.get().filter(function (e) { return e.to === " + high_tech + "; })"
                           ".map(function (e) { return e.label || ''; })")
    assert labels and all(label in ("认定 certifiedAs", "提及 mentions") for label in labels)


def test_clicking_an_edge_shows_its_evidence(page, ids):
    a, b = json.dumps(ids[COMPANY2]), json.dumps(ids[HIGH_TECH])
    edge = click_canvas(page, f"(network.getPosition({a}).x * 0.4 + network.getPosition({b}).x * 0.6)",
                        f"(network.getPosition({a}).y * 0.4 + network.getPosition({b}).y * 0.6)", shows="edge")
    assert page.evaluate(f"edges.get({json.dumps(edge)}).from") == ids[COMPANY2]
    text = panel_text(page)
    assert "认定 certifiedAs" in text and "石门县禾丰生物科技有限公司被认定为高新技术企业。" in text
    assert "石门县科技局2025年工作总结" in text


def test_report_filter_shows_what_one_report_says(page, ids, elements):
    nodes, _ = elements
    report = ids["石门县科技局2025年工作总结"]
    index = page.evaluate("kgExplorer.scopes().indexOf('石门县科技局2025年工作总结 (2025)')")
    assert index >= 0
    page.evaluate(f"(function () {{ var s = document.getElementById('kg-scope'); s.value = '{index}';"
                  " s.dispatchEvent(new Event('change')); })()")
    expected = {n["id"] for n in nodes if report in n["reports"]}
    assert drawn(page) == expected
    assert {ids[COMPANY2], ids[HIGH_TECH], report} <= expected and ids[COMPANY] not in expected


def test_district_filter(page, ids, elements):
    index = page.evaluate("kgExplorer.scopes().indexOf('南屏市')")
    page.evaluate(f"kgExplorer.setScope({index})")
    assert {ids[COMPANY], ids[COMPANY2]} <= drawn(page)


def test_neighbourhood_mode(page, ids, elements):
    nodes, edges = elements
    page.evaluate(f"kgExplorer.select({json.dumps(ids[COMPANY2])})")
    page.evaluate("(function () { var s = document.getElementById('kg-hops'); s.value = '1';"
                  " s.dispatchEvent(new Event('change')); })()")
    shown = drawn(page)
    near = {ids[COMPANY2]} | {e["to"] for e in edges if e["from"] == ids[COMPANY2] and e["kind"] != "mentions"}
    assert shown == near
    page.evaluate("kgExplorer.setHops(2)")
    assert ids[COMPANY] in drawn(page)        # company → 高新技术企业 → company


@pytest.mark.issue(6)
def test_injected_name_runs_nothing_and_shows_as_text(page, ids):
    odd = page.evaluate(f"kgExplorer.search({json.dumps(INJECTION)})")
    assert odd == ids[ODD]
    assert page.evaluate("document.querySelector('#kg-panel h2').textContent") == INJECTION
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("window.__alerts") == 0
    assert f"{INJECTION}与\"松阳\" & '白鹭'实验室\n开展合作。" in page.evaluate(
        "Array.from(document.querySelectorAll('#kg-panel blockquote')).map(function (q) { return q.textContent; })")
    assert page.errors() == []


def test_large_graph_opens_on_a_part_with_a_note(browser, tmp_path, elements):
    nodes, _ = elements
    page = open_page(browser, tmp_path, large=5)
    try:
        assert len(drawn(page)) == 5
        assert page.evaluate("document.getElementById('kg-note').hidden") is False
        assert "5" in page.evaluate("document.getElementById('kg-note').textContent")
        click_element(page, "#kg-show-all")
        assert drawn(page) == {n["id"] for n in nodes}
        assert page.evaluate("document.getElementById('kg-note').hidden") is True
        assert page.errors() == []
    finally:
        page.call("Page.close")
