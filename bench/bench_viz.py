"""Benchmark: how fast the explorer page of a large graph opens and answers in headless Chromium.

Builds a synthetic graph through the real pipeline objects (reports,
sentences, entities with mentions, relations with evidence, targets and
achievements; invented names), so that the page has exactly ``--nodes``
nodes and ``--edges`` drawn edges (plus the hidden report-mentions edges),
writes its explorer page, opens it in headless Chromium and prints:

* the Python side: graph_elements, layout, page rendering, page size;
* the browser: time from navigation to the first complete drawing (the
  page's own ``performance.now()`` at vis-network's first ``afterDrawing``,
  and the wall clock seen from here), then the time of each interaction
  until the next drawing: search, a type filter, a report filter,
  neighbourhood mode, "show all" (every node drawn), a zoom.

    python bench/bench_viz.py                          # 5,000 nodes, 15,000 edges
    python bench/bench_viz.py --nodes 1000 --edges 3000 --keep /tmp/big.html

The goal is a drawn, responsive page within 5 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Chromium, find_chromium  # noqa: E402

from kg.graph import build_graph  # noqa: E402
from kg.model import Entity, Mention, Quantity, Relation, Report, Sentence  # noqa: E402
from kg.viz import explorer_html, graph_elements, layout_positions  # noqa: E402

_SYLLABLES = "云岭青川江北南屏翠峰星河临泉石门松阳梧溪丰禾安澜清远嘉木华亭望海金沙白鹭秋实"
_KINDS = {   # kind → (share of the entities, name suffixes)
    "Enterprise": (0.52, ("科技有限公司", "智能装备股份有限公司", "新材料有限公司", "生物科技有限公司")),
    "Platform": (0.16, ("工程技术研究中心", "重点实验室", "众创空间", "科技企业孵化器")),
    "Programme": (0.08, ("科技计划项目", "人才计划", "揭榜挂帅项目")),
    "Policy": (0.04, ("科技创新若干措施", "研发投入奖补办法")),
    "ResearchInstitute": (0.06, ("产业技术研究院", "农业科学研究所")),
    "University": (0.03, ("理工大学", "职业技术学院")),
    "Agency": (0.03, ("科学技术局", "工业和信息化局")),
    "Designation": (0.02, ("高新技术企业", "专精特新中小企业", "科技型中小企业", "瞪羚企业")),
    "District": (0.06, ("县", "区", "高新区")),
}
_PREDICATES = (("certifiedAs", ("Enterprise", "Platform"), ("Designation",), "被认定为"),
               ("appliesFor", ("Enterprise", "University", "ResearchInstitute"), ("Programme",), "申报"),
               ("coBuilds", ("Enterprise", "University", "ResearchInstitute", "Agency"), ("Platform",), "共建"),
               ("locatedIn", ("Enterprise", "Platform", "ResearchInstitute"), ("District",), "位于"))
_REPORTS = 40
_QUANTITY_SHARE = 0.2


def synthetic_graph(nodes: int = 5000, edges: int = 15000, *, seed: int = 1) -> Graph:
    """A kg graph whose explorer has ``nodes`` nodes and ``edges`` drawn edges."""
    rng = random.Random(seed)
    used: set[str] = set()

    def name(suffix: str) -> str:
        while True:
            text = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) + suffix
            if text not in used:
                used.add(text)
                return text

    quantities_n = int(nodes * _QUANTITY_SHARE)
    entities_n = nodes - _REPORTS - quantities_n
    by_kind: dict[str, list[Entity]] = {}
    for kind, (share, suffixes) in _KINDS.items():
        count = max(2, round(entities_n * share))
        by_kind[kind] = [Entity(f"{kind}/{n}", kind, n) for n in
                         (name(rng.choice(suffixes)) for _ in range(count))]
    extra = sum(len(v) for v in by_kind.values()) - entities_n
    by_kind["Enterprise"] = by_kind["Enterprise"][: len(by_kind["Enterprise"]) - extra]
    districts = by_kind["District"]
    agencies = by_kind["Agency"]

    reports, sentences, texts = [], [], {}
    for i in range(_REPORTS):
        district, agency = districts[i % len(districts)], agencies[i % len(agencies)]
        rid = f"synth{i:03d}-1"
        reports.append(Report(rid, f"synth{i:03d}", f"synthetic/{i}.txt", "0" * 64,
                              f"{agency.name}{2020 + i % 5}年工作总结", "", issuer=agency.name,
                              district=district.name, period=str(2020 + i % 5)))
        texts[rid] = []

    def sentence(rid: str, text: str) -> Sentence:
        n = len(texts[rid])
        start = sum(len(t) for t in texts[rid])
        texts[rid].append(text)
        s = Sentence(f"{rid}-s{n}", rid, f"{rid}-sec1", "summary", text, start, start + len(text))
        sentences.append(s)
        return s

    mentions: dict[str, list[Mention]] = {}
    for kind, entities in by_kind.items():
        for e in entities:
            rid = rng.choice(reports).report_id
            s = sentence(rid, f"{e.name}持续加大研发投入。")
            mentions[e.entity_id] = [Mention(e.name, kind, s.start, s.start + len(e.name), s.sent_id, rid,
                                             f"{kind.lower()}.synthetic")]
    entities = [Entity(e.entity_id, e.type, e.name, mentions=tuple(mentions[e.entity_id]))
                for group in by_kind.values() for e in group]

    quantities = []
    for i in range(quantities_n):
        rid = reports[i % _REPORTS].report_id
        kind = "target" if i % 2 else "achievement"
        indicator = f"新增{rng.choice(('高新技术企业', '科技型中小企业', '研发平台', '技术合同'))}"
        s = sentence(rid, f"全年{indicator}{i + 10}家。")
        quantities.append(Quantity(kind, districts[i % len(districts)].entity_id, indicator, float(i + 10),
                                   "家", 2020 + i % 6, s.sent_id, rid, s.text, s.start, s.end,
                                   "quantity.synthetic"))

    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    base = len(graph_elements_edges(reports, sentences, entities, [], quantities))
    while len(relations) < edges - base:
        predicate, subjects, objects, trigger = rng.choice(_PREDICATES)
        s = rng.choice(by_kind[rng.choice(subjects)])
        o = rng.choice(by_kind[rng.choice(objects)])
        if s.entity_id == o.entity_id or (s.entity_id, predicate, o.entity_id) in seen:
            continue
        seen.add((s.entity_id, predicate, o.entity_id))
        rid = rng.choice(reports).report_id
        sent = sentence(rid, f"{s.name}{trigger}{o.name}。")
        relations.append(Relation(s.entity_id, predicate, o.entity_id, sent.sent_id, rid, sent.text,
                                  sent.start, sent.end, f"{predicate}.{trigger}", s.type, o.type))
    reports = [replace(r, text="".join(texts[r.report_id])) for r in reports]
    return build_graph(reports, sentences, entities, relations, quantities)


def graph_elements_edges(reports, sentences, entities, relations, quantities) -> list[dict]:
    """The drawn (not hidden) edges of the graph these objects make."""
    _, edges = graph_elements(build_graph(reports, sentences, entities, relations, quantities))
    return [e for e in edges if not e["hidden"]]


def measure_page(path: Path, *, probe: str, runs: int) -> None:
    """Open the page ``runs`` times (a fresh browser each time) and time it."""
    for run in range(1, runs + 1):
        with Chromium.launch(width=1400, height=900, timeout=60) as browser:
            page = browser.new_page()
            t0 = time.perf_counter()
            page.goto(path.as_uri(), timeout=60)
            page.wait_for("window.kgExplorer && kgExplorer.isReady()", timeout=60, interval=0.02)
            wall = time.perf_counter() - t0
            drawn = page.evaluate("kgExplorer.drawnAt") / 1000
            shown = page.evaluate("kgExplorer.visibleNodes().length")
            print(f"run {run}: first drawing {drawn:.2f} s after navigation start "
                  f"(seen here after {wall:.2f} s), {shown} nodes drawn; errors: {page.errors() or 'none'}")
            steps = (
                ("search", f"kgExplorer.search({probe!r})"),
                ("hide enterprises", "kgExplorer.setKind('Enterprise', false)"),
                ("show enterprises", "kgExplorer.setKind('Enterprise', true)"),
                ("one report", "kgExplorer.setScope(0)"),
                ("all reports", "kgExplorer.setScope(null)"),
                ("neighbourhood 2 hops", "kgExplorer.setHops(2)"),
                ("neighbourhood off", "kgExplorer.setHops(0)"),
                ("show all", "kgExplorer.showAll()"),
                ("zoom out", "network.moveTo({scale: network.getScale() / 2})"),
                ("zoom in", "network.moveTo({scale: network.getScale() * 4})"),
            )
            for label, action in steps:
                ms = page.evaluate(
                    "new Promise(function (done) { var t = performance.now();"
                    " network.once('afterDrawing', function () { done(performance.now() - t); });"
                    f" {action}; network.redraw(); }})", timeout=60)
                count = page.evaluate("kgExplorer.visibleNodes().length")
                print(f"    {label:<22} {ms:7.0f} ms to the next drawing ({count} nodes shown)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=15000)
    parser.add_argument("--runs", type=int, default=3, help="page openings to time (default 3)")
    parser.add_argument("--keep", type=Path, help="also keep the page at this path")
    parser.add_argument("--open-all", action="store_true",
                        help="draw every node at once (no opening on the most connected part)")
    args = parser.parse_args()

    t = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    print(f"synthetic graph: {len(graph)} triples in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    nodes, edges = graph_elements(graph)
    t_elements = time.perf_counter() - t
    t = time.perf_counter()
    layout_positions(nodes, edges)
    t_layout = time.perf_counter() - t
    t = time.perf_counter()
    page = explorer_html(graph, **({"large": 10**9, "large_edges": 10**9} if args.open_all else {}))
    t_page = time.perf_counter() - t
    drawn_edges = sum(1 for e in edges if not e["hidden"])
    print(f"elements: {len(nodes)} nodes, {drawn_edges} drawn edges (+{len(edges) - drawn_edges} hidden)"
          f" in {t_elements:.1f} s; layout {t_layout:.1f} s; whole page {t_page:.1f} s, "
          f"{len(page.encode()) / 1e6:.1f} MB")

    if find_chromium() is None:
        print("no Chromium found: install the chromium package (or set KG_CHROMIUM) to time the page")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        path.write_text(page, encoding="utf-8")
        if args.keep:
            args.keep.write_text(page, encoding="utf-8")
        probe = next(n["name"] for n in nodes if n["kind"] == "Designation")
        measure_page(path, probe=probe, runs=args.runs)


if __name__ == "__main__":
    main()
