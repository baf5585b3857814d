"""Offline HTML explorer of a kg graph (vis-network through pyvis).

Three steps, each usable alone: ``graph_elements`` turns the rdflib graph into
plain node and edge dicts (entities, reports, targets, achievements and the
links between them); ``layout_positions`` places them once with a seeded
spring layout, so the page opens still and the same graph always looks the
same; ``explorer_html`` renders the page with every script and style sheet
in-lined, so it works from disk without a network.  ``write_explorer`` does
all three and writes the file atomically.
"""
from __future__ import annotations

import html
import json
import math
import os
import re
from collections import defaultdict

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.graph import write_atomic
from kg.model import ENTITY_TYPES
from kg.namespace import KG

__all__ = [
    "NODE_STYLES", "EDGE_LABELS", "DEFAULT_TITLE", "SPRING_MAX_NODES",
    "graph_elements", "layout_positions", "explorer_html", "write_explorer",
]

DEFAULT_TITLE = "科技工作报告知识图谱 · Knowledge graph of S&T work reports"

#: Node kind → (Chinese name, vis shape, colour, legend symbol).
NODE_STYLES: dict[str, tuple[str, str, str, str]] = {
    "District": ("行政区划/园区", "hexagon", "#4E79A7", "⬢"),
    "Agency": ("机构", "diamond", "#F28E2B", "◆"),
    "Enterprise": ("企业", "dot", "#E15759", "●"),
    "ResearchInstitute": ("科研院所", "triangle", "#76B7B2", "▲"),
    "University": ("高校", "triangleDown", "#59A14F", "▼"),
    "Platform": ("创新平台", "square", "#EDC948", "■"),
    "Programme": ("计划项目", "star", "#B07AA1", "★"),
    "Policy": ("政策文件", "square", "#FF9DA7", "■"),
    "Designation": ("资质称号", "diamond", "#9C755F", "◆"),
    "Report": ("报告", "box", "#D7D2CC", "▭"),
    "Target": ("目标", "dot", "#17BECF", "•"),
    "Achievement": ("成效", "dot", "#BCBD22", "•"),
}

#: Predicate local name → edge label (Chinese and English).
EDGE_LABELS: dict[str, str] = {
    "coBuilds": "共建 coBuilds",
    "certifiedAs": "认定 certifiedAs",
    "appliesFor": "申报 appliesFor",
    "locatedIn": "位于 locatedIn",
    "targets": "目标 targets",
    "achieved": "成效 achieved",
    "issuedBy": "发布 issuedBy",
    "district": "地区 district",
    "mentions": "提及 mentions",
}

#: Edges drawn only on request (a report mentions nearly everything in it).
HIDDEN_EDGES = frozenset({"mentions"})

_RELATIONS = ("coBuilds", "certifiedAs", "appliesFor", "locatedIn")
_FONTS = ('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
          '"Source Han Sans SC", "WenQuanYi Micro Hei", "Heiti SC", SimHei, sans-serif')
_LABEL_MAX = 18
#: At most this many nodes go through the spring layout; the others are placed beside them.
SPRING_MAX_NODES = 400
_SPACING = 22.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_EVIDENCE_MAX = 3


def _local(term: URIRef) -> str:
    return re.split(r"[#/]", str(term))[-1]


def _short(text: str, limit: int = _LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first(graph: Graph, node: URIRef, *predicates: URIRef) -> str | None:
    """The smallest value of the first predicate that has one (deterministic)."""
    for p in predicates:
        values = sorted(str(v) for v in graph.objects(node, p))
        if values:
            return values[0]
    return None


def _evidence_texts(graph: Graph) -> dict[tuple[URIRef, URIRef, URIRef], list[str]]:
    """(s, p, o) → texts of the sentences its Evidence nodes derive from, sorted."""
    texts: dict[tuple[URIRef, URIRef, URIRef], set[str]] = defaultdict(set)
    for ev in graph.subjects(RDF.type, KG.Evidence):
        s, p, o = (graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate),
                   graph.value(ev, RDF.object))
        for sent in graph.objects(ev, PROV.wasDerivedFrom):
            for text in graph.objects(sent, KG.text):
                texts[(s, p, o)].add(str(text))
    return {k: sorted(v) for k, v in texts.items()}


def graph_elements(graph: Graph) -> tuple[list[dict], list[dict]]:
    """Turn a kg graph into plain vis-network node and edge dicts.

    Parameters
    ----------
    graph : a graph built by :func:`kg.graph.build_graph` (or parsed from
        its Turtle).

    Returns
    -------
    (nodes, edges).  A node is ``{"id", "iri", "kind", "label", "title",
    "names", "shape", "color", "size", "font"}``: ``label`` is shortened for the
    canvas, ``title`` (the tooltip, shown as plain text) has the full name,
    aliases and mention count, ``names`` every name to search by.  An edge is
    ``{"id", "from", "to", "kind", "label", "title", "hidden"}`` with the
    evidence sentences in ``title``.  Ids are ``n0``, ``n1`` … and ``e0`` …
    in IRI order, so the same graph gives the same dicts.  Mention,
    sentence and evidence nodes are not drawn.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Entity
    >>> nodes, edges = graph_elements(build_graph([], [], [Entity("University/江北大学",
    ...     "University", "江北大学")], [], []))
    >>> nodes[0]["label"], nodes[0]["kind"]
    ('江北大学', 'University')
    """
    kinds: dict[URIRef, str] = {}
    for kind in (*ENTITY_TYPES, "Report", "Target", "Achievement"):
        for node in graph.subjects(RDF.type, KG[kind]):
            if isinstance(node, URIRef):
                kinds.setdefault(node, kind)
    order = sorted(kinds)
    ids = {node: f"n{i}" for i, node in enumerate(order)}

    mention_counts: dict[URIRef, int] = defaultdict(int)
    for entity in graph.objects(None, KG.mentionOf):
        mention_counts[entity] += 1

    nodes = [_node(graph, node, kinds[node], ids[node], mention_counts.get(node, 0))
             for node in order]

    evidence = _evidence_texts(graph)
    triples: list[tuple[URIRef, str, URIRef]] = []
    for name in (*_RELATIONS, "targets", "achieved", "issuedBy", "district", "mentions"):
        for s, o in graph.subject_objects(KG[name]):
            if s in ids and o in ids:
                triples.append((s, name, o))
    triples.sort(key=lambda t: (ids[t[0]], t[1], ids[t[2]]))

    edges = []
    for i, (s, name, o) in enumerate(triples):
        label = EDGE_LABELS[name]
        texts = evidence.get((s, KG[name], o), [])
        title = "\n".join([label, *(f"「{_short(t, 160)}」" for t in texts[:_EVIDENCE_MAX])])
        if len(texts) > _EVIDENCE_MAX:
            title += f"\n… (+{len(texts) - _EVIDENCE_MAX})"
        edges.append({"id": f"e{i}", "from": ids[s], "to": ids[o], "kind": name,
                      "label": label, "title": title, "hidden": name in HIDDEN_EDGES})
    return nodes, edges


def _node(graph: Graph, node: URIRef, kind: str, node_id: str, mentions: int) -> dict:
    zh, shape, color, _ = NODE_STYLES[kind]
    head = f"{zh} {kind}"
    if kind == "Report":
        name = _first(graph, node, DCTERMS.title, RDFS.label) or _local(node)
        details = [f"{label}: {value}" for label, value in (
            ("报告期 period", _first(graph, node, KG.period)),
            ("发布 issued", _first(graph, node, DCTERMS.issued)),
            ("来源 source", _first(graph, node, DCTERMS.source))) if value]
        names, size = [name], 16
    elif kind in ("Target", "Achievement"):
        name = _first(graph, node, RDFS.label) or " ".join(
            v for v in (_first(graph, node, KG.indicator), _first(graph, node, KG.value),
                        _first(graph, node, KG.unit)) if v)
        texts = sorted(str(t) for sent in graph.objects(node, PROV.wasDerivedFrom)
                       for t in graph.objects(sent, KG.text))
        details = [f"「{_short(t, 160)}」" for t in texts[:_EVIDENCE_MAX]]
        names, size = [name], 6
    else:
        name = _first(graph, node, SKOS.prefLabel, RDFS.label) or _local(node)
        aliases = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)} - {name})
        details = [f"别名 aliases: {'、'.join(aliases)}"] if aliases else []
        details.append(f"提及 mentions: {mentions}")
        names, size = [name, *aliases], 10 + min(20.0, 3 * math.sqrt(mentions))
    return {
        "id": node_id, "iri": str(node), "kind": kind,
        "label": _short(name, 24 if kind in ("Target", "Achievement") else _LABEL_MAX),
        "title": "\n".join([head, name, *details]),
        "names": names, "shape": shape, "color": color, "size": round(size, 1),
        "font": {"size": 10 if kind in ("Target", "Achievement") else 14},
    }


def layout_positions(nodes: list[dict], edges: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Place the nodes in canvas pixels: a seeded spring layout, leaves around their hubs.

    The ``SPRING_MAX_NODES`` best-connected nodes with two or more neighbours
    (reports, districts, designations …) are placed by networkx's spring
    layout; each other node is
    then put next to the centroid of its already placed neighbours, on a
    sunflower spiral so that the nodes sharing them do not overlap.  This
    keeps the layout a second or two for thousands of nodes, where a spring
    layout of all of them takes minutes.  Nodes linked to nothing placed go
    on a grid below the drawing.

    Parameters
    ----------
    nodes, edges : as returned by :func:`graph_elements`.
    seed : the spring layout's random seed; the same inputs and seed give
        the same positions.

    Returns
    -------
    node id → (x, y), rounded to 0.1 px.  Hidden edges (mentions) pull less
    in the spring layout, so reports still gather what they mention.
    """
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    for e in edges:
        weight = 0.2 if e.get("hidden") else 1.0
        if g.has_edge(e["from"], e["to"]):
            g[e["from"]][e["to"]]["weight"] += weight
        else:
            g.add_edge(e["from"], e["to"], weight=weight)
    if len(g) == 0:
        return {}
    rank = {n: i for i, n in enumerate(g)}
    by_degree = sorted(g, key=lambda n: (-g.degree(n), rank[n]))
    hubs = [n for n in by_degree if g.degree(n) >= 2]     # leaves go around them later
    core = (hubs or by_degree)[:SPRING_MAX_NODES]
    core.sort(key=rank.__getitem__)
    scale = max(300.0, 2.5 * _SPACING * math.sqrt(len(g)))
    spring = nx.spring_layout(g.subgraph(core), seed=seed, weight="weight", iterations=100,
                              scale=scale)
    in_core = set(core)
    room = [_SPACING * (1.5 + math.sqrt(sum(1 for m in g[n] if m not in in_core))) for n in core]
    spread = _spread([spring[n] for n in core], room)
    pos = {n: (float(x), float(y)) for n, (x, y) in zip(core, spread)}

    crowd: dict[tuple[str, ...], int] = defaultdict(int)
    rest = [n for n in g if n not in pos]
    while rest:
        placed_now = {}
        for n in rest:
            anchors = tuple(sorted((m for m in g[n] if m in pos), key=rank.__getitem__))
            if not anchors:
                continue
            cx = sum(pos[m][0] for m in anchors) / len(anchors)
            cy = sum(pos[m][1] for m in anchors) / len(anchors)
            k = crowd[anchors]
            crowd[anchors] += 1
            radius, angle = _SPACING * (1.5 + math.sqrt(k)), k * _GOLDEN_ANGLE
            placed_now[n] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        if not placed_now:
            break
        pos.update(placed_now)
        rest = [n for n in rest if n not in pos]

    if rest:                                  # nothing links them to the drawing
        left = min(x for x, _ in pos.values()) if pos else 0.0
        bottom = max(y for _, y in pos.values()) if pos else 0.0
        columns = max(1, int(math.sqrt(len(rest)) * 2))
        for i, n in enumerate(rest):
            pos[n] = (left + (i % columns) * 4 * _SPACING, bottom + (2 + i // columns) * 4 * _SPACING)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _spread(points: list, radii: list[float], *, rounds: int = 200) -> list[tuple[float, float]]:
    """Push apart circles (centre, radius) that overlap, so hubs have room for their leaves."""
    import numpy as np

    p = np.array(points, dtype=float).reshape(-1, 2)
    r = np.array(radii, dtype=float)
    if len(p) < 2:
        return [tuple(x) for x in p]
    need = r[:, None] + r[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = p[:, None, :] - p[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        overlap = need - dist
        np.fill_diagonal(overlap, 0.0)
        if overlap.max() <= 0.5:
            break
        # coincident centres: split along a fixed direction per pair
        same = dist < 1e-9
        delta[same] = (1.0, 0.0)
        dist[same] = 1.0
        push = np.where(overlap > 0, overlap / 2 / dist, 0.0)
        p += (delta * push[..., None]).sum(axis=1) * 0.5
    return [(float(x), float(y)) for x, y in p]


_VIS_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True,
                    "keyboard": True},
    "nodes": {"borderWidth": 1, "font": {"face": _FONTS, "size": 14}},
    "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#555555"},
              "font": {"face": _FONTS, "size": 10, "color": "#555555", "strokeWidth": 2}},
}

_CSS = """
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; font-family: FONTS; color: #222; }
#kg-header { padding: 6px 12px; border-bottom: 1px solid #ddd; background: #fafafa; }
#kg-header h1 { font-size: 18px; margin: 2px 0 6px 0; font-weight: 600; }
#kg-controls { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; font-size: 13px; }
#kg-search { width: 18em; padding: 3px 6px; font: inherit; }
#kg-legend { display: flex; flex-wrap: wrap; gap: 2px 12px; list-style: none; margin: 4px 0 0 0; padding: 0; font-size: 12px; }
#kg-legend .sym { font-size: 15px; margin-right: 3px; }
.card { flex: 1 1 auto; min-height: 0; position: relative; }
#mynetwork { width: 100% !important; height: 100% !important; float: none !important; border: 0 !important; }
div.vis-tooltip { white-space: pre-wrap; max-width: 36em; font-family: FONTS; font-size: 13px; }
""".replace("FONTS", _FONTS)

_SCRIPT = """
(function () {
  var input = document.getElementById("kg-search");
  var list = document.getElementById("kg-names");
  var status = document.getElementById("kg-status");
  var byName = {};
  nodes.get().forEach(function (n) {
    (n.names || []).forEach(function (name) {
      if (!(name in byName)) {
        byName[name] = n.id;
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      }
    });
  });
  function find() {
    var q = input.value.trim();
    if (!q) { return; }
    var id = byName[q];
    if (id === undefined) {
      var hits = nodes.get({filter: function (n) {
        return (n.names || []).some(function (name) { return name.indexOf(q) >= 0; });
      }});
      id = hits.length ? hits[0].id : undefined;
    }
    status.textContent = id === undefined ? "未找到 not found" : "";
    if (id === undefined) { return; }
    network.selectNodes([id]);
    neighbourhoodHighlight({nodes: [id]});
    network.focus(id, {scale: 1.2, animation: {duration: 400}});
  }
  input.addEventListener("change", find);
  input.addEventListener("keydown", function (e) { if (e.key === "Enter") { find(); } });
  document.getElementById("kg-mentions").addEventListener("change", function (e) {
    var show = e.target.checked;
    edges.update(edges.get({filter: function (x) { return x.kind === "mentions"; }})
      .map(function (x) { return {id: x.id, hidden: !show}; }));
  });
})();
"""


def _header(title: str, nodes: list[dict], edges: list[dict]) -> str:
    esc = html.escape
    counts: dict[str, int] = defaultdict(int)
    for n in nodes:
        counts[n["kind"]] += 1
    relations = sum(1 for e in edges if e["kind"] in _RELATIONS)
    legend = "".join(
        f'<li><span class="sym" style="color:{esc(color)}">{esc(sym)}</span>'
        f"{esc(zh)} {esc(kind)} ({counts.get(kind, 0)})</li>"
        for kind, (zh, _, color, sym) in NODE_STYLES.items())
    return (
        '<header id="kg-header">'
        f"<h1>{esc(title)}</h1>"
        '<div id="kg-controls">'
        '<label>搜索 Search <input id="kg-search" list="kg-names" autocomplete="off" '
        'placeholder="名称 name"></label><datalist id="kg-names"></datalist>'
        '<span id="kg-status"></span>'
        '<label><input type="checkbox" id="kg-mentions"> 显示提及 show mentions</label>'
        f"<span>{relations} 条关系 relations · {len(nodes)} 个节点 nodes</span>"
        "</div>"
        f'<ul id="kg-legend">{legend}</ul>'
        "</header>"
    )


# A comment, or a <script>/<style> element with its content; the rest is page markup.
_BLOCK = re.compile(r"(<!--.*?-->|<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>)",
                    re.S | re.I)
_URL_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?!["'#]|data:)[^\s"'>]""", re.I)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)


def _offline(page: str, *, title: str, header: str) -> str:
    """Drop every external reference of pyvis's page and add ours.

    Works on the markup between in-lined scripts and styles only, so their
    content is never touched.  Raises RuntimeError if a reference to an
    outside file would remain or the page lacks head or body.
    """
    parts = _BLOCK.split(page)
    anchors = {"<html>": 0, "</head>": 0, "<body>": 0, "</body>": 0}
    out = []
    for i, part in enumerate(parts):
        if i % 2 and part.startswith("<!--"):
            continue                                # pyvis's commented-out links
        if i % 2:                                   # a <script> or <style> element
            opening = part[: part.index(">") + 1]
            if _URL_ATTR.search(opening):
                continue                            # e.g. Bootstrap from a CDN
            out.append(part)
            continue
        part = _LINK_TAG.sub(lambda m: "" if _URL_ATTR.search(m.group(0)) else m.group(0), part)
        part = _EMPTY_HEADING.sub("", part)
        if _URL_ATTR.search(part):
            raise RuntimeError(f"explorer page still refers to an outside file: "
                               f"{_URL_ATTR.search(part).group(0)!r}")
        for anchor, replacement in (
            ("<html>", '<!DOCTYPE html>\n<html lang="zh-CN">'),
            ("</head>", f"<title>{html.escape(title)}</title>\n"
                        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                        f"<style>{_CSS}</style>\n<script>var highlightActive = false;</script>\n</head>"),
            ("<body>", f"<body>\n{header}"),
            ("</body>", f"<script>{_SCRIPT}</script>\n</body>"),
        ):
            if anchor in part:
                anchors[anchor] += 1
                part = part.replace(anchor, replacement, 1)
        out.append(part)
    missing = [a for a, n in anchors.items() if n != 1]
    if missing:
        raise RuntimeError(f"unexpected pyvis page layout: {', '.join(missing)} not found once")
    return "".join(out)


def explorer_html(graph: Graph, *, title: str = DEFAULT_TITLE, seed: int = 7) -> str:
    """Return the explorer page of ``graph`` as one self-contained HTML string.

    Nodes and edges come from :func:`graph_elements`, positions from
    :func:`layout_positions` (physics off).  vis-network's script and style
    are in-lined from the pyvis package; nothing is fetched from a network.
    Names reach the page only as JSON (``<``, ``>``, ``&``, ``'`` escaped) and
    are shown as text, the title is HTML-escaped.  The same graph gives the
    same bytes.
    """
    from pyvis.network import Network

    nodes, edges = graph_elements(graph)
    positions = layout_positions(nodes, edges, seed=seed)
    for n in nodes:
        n["x"], n["y"] = positions[n["id"]]
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line",
                  neighborhood_highlight=True, heading="")
    net.nodes = nodes          # plain dicts, as pyvis stores them
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.options = _VIS_OPTIONS
    page = net.generate_html()
    return _offline(page, title=title, header=_header(title, nodes, edges))


def write_explorer(graph: Graph, path: str | os.PathLike, *, title: str = DEFAULT_TITLE) -> None:
    """Write the offline explorer page of ``graph`` to ``path`` (atomically).

    Parameters
    ----------
    graph : a kg graph (built, or parsed from the Turtle export).
    path : the HTML file to write; its folder must exist.
    title : the page's title and heading (shown as text).

    Examples
    --------
    >>> write_explorer(graph, "output/graph.html")      # doctest: +SKIP
    """
    write_atomic(path, explorer_html(graph, title=title).encode("utf-8"))
