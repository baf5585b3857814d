"""Offline HTML explorer of a kg graph (vis-network through pyvis).

Four steps, each usable alone: ``graph_elements`` turns the rdflib graph (or
a :class:`TripleIndex` of its triples, which a build fills while it writes
graph.ttl, so that no rdflib graph is needed) into plain node and edge dicts
(entities, reports, targets, achievements, the links between them, and for
each the reports and evidence sentences behind it);
``select_elements`` keeps a subset (some types, one district, the N most
connected nodes); ``layout_positions`` places the nodes once with a seeded
spring layout, so the page opens still and the same graph always looks the
same; ``explorer_html`` renders the page (template, script and style in
``kg/data/viz/``, vis-network from the pyvis package), everything in-lined so
that it opens from disk without a network.  ``write_explorer`` does it all
and writes the file atomically.

Text from the graph reaches the page only inside JSON ``<script>`` blocks
with ``<``, ``>``, ``&`` and ``'`` escaped, and the page's script shows it
with ``textContent``, never as markup.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import InputError, KGError
from kg.graph import write_atomic
from kg.model import ENTITY_TYPES
from kg.namespace import KG

__all__ = [
    "NODE_STYLES", "EDGE_LABELS", "EDGE_COLORS", "DEFAULT_TITLE", "SPRING_MAX_NODES", "LARGE_GRAPH", "LARGE_EDGES",
    "graph_elements", "select_elements", "most_connected", "capped_ids", "layout_positions",
    "explorer_html", "write_explorer", "read_turtle", "TripleIndex",
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
    "Report": ("报告", "square", "#79706E", "■"),
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

#: Predicate local name → edge colour.
EDGE_COLORS: dict[str, str] = {
    "coBuilds": "#2E8B57",
    "certifiedAs": "#8C564B",
    "appliesFor": "#9467BD",
    "locatedIn": "#4E79A7",
    "targets": "#17A2B8",
    "achieved": "#9A9B1C",
    "issuedBy": "#F28E2B",
    "district": "#7F7F7F",
    "mentions": "#C8C8C8",
}

#: Edges drawn only on request (a report mentions nearly everything in it).
HIDDEN_EDGES = frozenset({"mentions"})

#: Above this many nodes, or drawn edges, the page opens on the most connected
#: part of the graph, with a note, and its filters show the rest.
LARGE_GRAPH = 3000
LARGE_EDGES = 6000

#: At most this many nodes go through the spring layout; the others are placed beside them.
SPRING_MAX_NODES = 400

_RELATIONS = ("coBuilds", "certifiedAs", "appliesFor", "locatedIn")
_REPORT_LINKS = ("issuedBy", "district", "mentions")
_QUANTITY_KINDS = ("Target", "Achievement")
_FONTS = ('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
          '"Source Han Sans SC", "WenQuanYi Micro Hei", "Heiti SC", SimHei, sans-serif')
_LABEL_MAX = 18
_SPACING = 28.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_TOOLTIP_EVIDENCE = 2
_HUB_DEGREE, _HUBS = 12, 150
_ASSETS = Path(__file__).resolve().parent / "data" / "viz"


def _local(term: URIRef) -> str:
    return re.split(r"[#/]", str(term))[-1]


def _short(text: str, limit: int = _LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _integer(value) -> int:
    """An integer from an rdflib literal or from a plain value of a :class:`TripleIndex`."""
    return int(value.toPython()) if isinstance(value, Literal) else int(value)


def _first(graph: Graph | TripleIndex, node: URIRef, *predicates: URIRef) -> str | None:
    """The smallest value of the first predicate that has one (deterministic)."""
    for p in predicates:
        values = sorted(str(v) for v in graph.objects(node, p))
        if values:
            return values[0]
    return None


# ------------------------------------------------------------------ plain triples

#: Predicates the explorer reads; a :class:`TripleIndex` keeps only these.
_VIEW_PREDICATES = frozenset(str(p) for p in (
    RDF.type, RDF.subject, RDF.predicate, RDF.object, RDFS.label, SKOS.prefLabel, SKOS.altLabel,
    DCTERMS.title, DCTERMS.issued, DCTERMS.publisher, DCTERMS.source, DCTERMS.isPartOf,
    PROV.wasDerivedFrom, *(KG[name] for name in (
        "text", "start", "end", "mentionOf", "rule", "period", "indicator", "value", "unit", "year",
        "inReport", "adminCode", "targets", "achieved", *_RELATIONS, *_REPORT_LINKS))))


class TripleIndex:
    """The part of a kg graph the explorer reads, held as plain dicts instead of an rdflib Graph.

    Fill it with :meth:`add` from the triples of :func:`kg.turtle.graph_triples`
    (or :func:`kg.turtle.write_turtle`'s ``on_triples``) and pass it wherever
    this module takes a graph: it answers the few questions the explorer
    asks (``subjects``, ``objects``, ``value``, ``subject_objects``) as the
    rdflib graph of the same triples would, IRIs as ``URIRef``, literals as
    their Python values (str, int; a typed literal as its lexical form).

    Examples
    --------
    >>> from kg.model import Entity
    >>> from kg.turtle import graph_triples
    >>> index = TripleIndex()
    >>> index.add(graph_triples([], [], [Entity("University/江北大学", "University", "江北大学")], [], []))
    >>> index.value(URIRef("https://w3id.org/kgst/id/University/江北大学"), SKOS.prefLabel)
    '江北大学'
    """

    def __init__(self) -> None:
        # predicate → subject → its one object, or a _Values of several (most have one: a dict each
        # would take most of the memory)
        self._objects: dict[str, dict[str, object]] = defaultdict(dict)
        self._typed: dict[str, dict[str, None]] = defaultdict(dict)     # class → {subject: None}
        self._iris: dict[str, URIRef] = {}

    def _iri(self, text: str) -> URIRef:
        found = self._iris.get(text)
        if found is None:
            found = self._iris[text] = URIRef(text)
        return found

    def add(self, triples: Iterable[tuple]) -> None:
        """Keep the triples whose predicate the explorer reads (``(s, p, (kind, value …))`` tuples)."""
        from kg.turtle import IRI

        rdf_type = str(RDF.type)
        for s, p, o in triples:
            if p == rdf_type:
                self._typed[o[1]][s] = None
            elif p in _VIEW_PREDICATES:
                value = self._iri(o[1]) if o[0] == IRI else o[1]
                by_subject = self._objects[p]
                old = by_subject.get(s, _NONE)
                if old is _NONE:
                    by_subject[s] = value
                elif type(old) is _Values:
                    old[value] = None
                elif type(old) is not type(value) or old != value:
                    by_subject[s] = _Values({old: None, value: None})

    def __len__(self) -> int:
        return sum(len(v) if type(v) is _Values else 1
                   for by_subject in self._objects.values() for v in by_subject.values()) + \
            sum(len(subjects) for subjects in self._typed.values())

    def subjects(self, predicate: URIRef, obj: URIRef) -> Iterator[URIRef]:
        """The subjects of ``(?, predicate, obj)``, one at a time; only ``rdf:type`` is indexed this way.

        A subject that is no triple's object (a mention, an evidence node) gets
        an IRI that is not kept: a big graph has millions, each asked about once.
        """
        if predicate != RDF.type:
            raise ValueError("a TripleIndex finds subjects by rdf:type only")
        known = self._iris
        return (known.get(s) or URIRef(s) for s in self._typed.get(str(obj), ()))

    def objects(self, subject: URIRef, predicate: URIRef) -> list:
        """The objects of ``(subject, predicate, ?)``."""
        found = self._objects.get(str(predicate), {}).get(str(subject), _NONE)
        return [] if found is _NONE else list(found) if type(found) is _Values else [found]

    def value(self, subject: URIRef, predicate: URIRef):
        """One object of ``(subject, predicate, ?)``, or None."""
        found = self._objects.get(str(predicate), {}).get(str(subject), _NONE)
        return None if found is _NONE else next(iter(found)) if type(found) is _Values else found

    def subject_objects(self, predicate: URIRef) -> list[tuple]:
        """The ``(subject, object)`` pairs of ``predicate``."""
        return [(self._iri(s), o) for s, found in self._objects.get(str(predicate), {}).items()
                for o in (found if type(found) is _Values else (found,))]


_NONE = object()


class _Values(dict):
    """Several objects of one subject and predicate in a :class:`TripleIndex`, in the order added."""


# ------------------------------------------------------------------ evidence marks

def _find(text: str, needle: str) -> tuple[int, int] | None:
    i = text.find(needle) if needle else -1
    return (i, i + len(needle)) if i >= 0 else None


def _longest_common(text: str, needle: str, shortest: int = 2) -> tuple[int, int] | None:
    """Where the longest piece (at least ``shortest`` characters) of ``needle`` occurs in ``text``."""
    for size in range(len(needle), shortest - 1, -1):
        for start in range(len(needle) - size + 1):
            span = _find(text, needle[start:start + size])
            if span:
                return span
    return None


def _number_span(text: str, value: str | None, unit: str | None) -> tuple[int, int] | None:
    """Where the figure ``value`` (with its unit if it follows) is written in ``text``.

    The first place the number is written, not inside a longer number,
    with trailing zeros allowed (``40`` also finds ``40.0``, ``3.3`` finds
    ``3.30``): followed by the unit, else anywhere.
    """
    try:
        number = Decimal(value) if value is not None else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        return None
    plain = format(number.normalize(), "f")
    return (unit and _find_number(text, plain, unit)) or _find_number(text, plain, None)


def _find_number(text: str, plain: str, unit: str | None) -> tuple[int, int] | None:
    """The first match of ``(?<![\\d.])PLAIN(?!\\d)\\s*UNIT``, where an integer PLAIN may go on
    with ``.0…`` and a decimal one with ``0…`` (the regular expression, without compiling
    one per figure: a page has thousands of them)."""
    integer = "." not in plain
    start = text.find(plain)
    while start >= 0:
        if start == 0 or not (text[start - 1] == "." or text[start - 1].isdecimal()):
            end = start + len(plain)
            for stop in _number_ends(text, end, integer):       # longest first, as the regex tries
                if stop < len(text) and text[stop].isdecimal():
                    continue
                if unit is None:
                    return start, stop
                spaces = stop
                while spaces < len(text) and text[spaces].isspace():
                    spaces += 1
                for at in range(spaces, stop - 1, -1):
                    if text.startswith(unit, at):
                        return start, at + len(unit)
        start = text.find(plain, start + 1)
    return None


def _number_ends(text: str, end: int, integer: bool) -> list[int]:
    """Where the number starting before ``end`` may stop: after its extra zeros, longest first."""
    first = end + 1 if integer else end
    if integer and not text.startswith(".", end):
        return [end]
    zeros = first
    while zeros < len(text) and text[zeros] == "0":
        zeros += 1
    if integer:
        return [*range(zeros, first, -1), end]
    return list(range(zeros, first - 1, -1))


def _tidy(marks: Iterable[tuple[int, int, str]], length: int) -> list[list]:
    """Marks inside the text, sorted, without overlaps (the earlier, then longer, wins)."""
    out: list[list] = []
    end = 0
    for a, b, role in sorted(set(marks), key=lambda m: (m[0], -(m[1] - m[0]), m[2])):
        if 0 <= a < b <= length and a >= end:
            out.append([a, b, role])
            end = b
    return out


class _T:
    """The terms the explorer reads, looked up once: a lookup in an rdflib namespace is slow."""

    dcterms_isPartOf = DCTERMS.isPartOf
    dcterms_issued = DCTERMS.issued
    dcterms_publisher = DCTERMS.publisher
    dcterms_source = DCTERMS.source
    dcterms_title = DCTERMS.title
    kg_Evidence = KG.Evidence
    kg_Mention = KG.Mention
    kg_Sentence = KG.Sentence
    kg_adminCode = KG.adminCode
    kg_end = KG.end
    kg_inReport = KG.inReport
    kg_indicator = KG.indicator
    kg_mentionOf = KG.mentionOf
    kg_period = KG.period
    kg_rule = KG.rule
    kg_start = KG.start
    kg_text = KG.text
    kg_unit = KG.unit
    kg_value = KG.value
    kg_year = KG.year
    prov_wasDerivedFrom = PROV.wasDerivedFrom
    rdf_object = RDF.object
    rdf_predicate = RDF.predicate
    rdf_subject = RDF.subject
    rdf_type = RDF.type
    rdfs_label = RDFS.label
    skos_altLabel = SKOS.altLabel
    skos_prefLabel = SKOS.prefLabel


_KG_TERMS = {name: KG[name] for name in (*ENTITY_TYPES, "Report", *_QUANTITY_KINDS, *_RELATIONS,
                                         "targets", "achieved", *_REPORT_LINKS)}


class _Provenance:
    """Sentences, mentions and evidence of a graph, indexed once."""

    def __init__(self, graph: Graph | TripleIndex):
        self.sentences: dict[URIRef, tuple[str, int, URIRef | None]] = {}
        for sent in graph.subjects(_T.rdf_type, _T.kg_Sentence):
            text = graph.value(sent, _T.kg_text)
            start = graph.value(sent, _T.kg_start)
            self.sentences[sent] = (str(text) if text is not None else "",
                                    _integer(start) if start is not None else 0,
                                    graph.value(sent, _T.dcterms_isPartOf))
        # sentence → entity → [(start, end, text)] in report offsets
        self.mentions: dict[URIRef, dict[URIRef, list[tuple[int, int, str]]]] = defaultdict(
            lambda: defaultdict(list))
        for m in graph.subjects(_T.rdf_type, _T.kg_Mention):
            entity, sent = graph.value(m, _T.kg_mentionOf), graph.value(m, _T.prov_wasDerivedFrom)
            start, end, text = graph.value(m, _T.kg_start), graph.value(m, _T.kg_end), graph.value(m, _T.kg_text)
            if entity is not None and sent is not None and start is not None and end is not None:
                self.mentions[sent][entity].append((_integer(start), _integer(end),
                                                    str(text or "")))
        # (s, p, o) → [(sentence, rule)]
        self.evidence: dict[tuple, list[tuple[URIRef, str]]] = defaultdict(list)
        for ev in graph.subjects(_T.rdf_type, _T.kg_Evidence):
            key = (graph.value(ev, _T.rdf_subject), graph.value(ev, _T.rdf_predicate),
                   graph.value(ev, _T.rdf_object))
            rule = str(graph.value(ev, _T.kg_rule) or "")
            for sent in graph.objects(ev, _T.prov_wasDerivedFrom):
                self.evidence[key].append((sent, rule))

    def entity_span(self, sent: URIRef, entity: URIRef, names: list[str]) -> tuple[int, int] | None:
        """Where ``entity`` is written in sentence ``sent``: its mention there, else one of its names."""
        text, start, _ = self.sentences[sent]
        for a, b, surface in sorted(self.mentions.get(sent, {}).get(entity, [])):
            a, b = a - start, b - start
            if 0 <= a < b <= len(text) and text[a:b] == surface:
                return a, b
            span = _find(text, surface)
            if span:
                return span
        for name in sorted(names, key=lambda n: (-len(n), n)):
            span = _find(text, name)
            if span:
                return span
        return None


def _trigger(rule: str) -> str:
    """The trigger word a rule id names after its first dot (``certifiedAs.认定为`` → 认定为)."""
    _, _, word = rule.partition(".")
    return word if re.search(r"[\u4e00-\u9fff]", word) else ""


# ------------------------------------------------------------------ elements

def graph_elements(graph: Graph | TripleIndex, *, max_nodes: int | None = None
                   ) -> tuple[list[dict], list[dict]]:
    """Turn a kg graph into plain node and edge dicts, with their provenance.

    Parameters
    ----------
    graph : a graph built by :func:`kg.graph.build_graph` (or parsed from
        its Turtle), or a :class:`TripleIndex` of the same triples, which
        gives the same elements.
    max_nodes : when the graph has more nodes than this, keep only the most
        connected part of it (see :func:`capped_ids`): the same dicts as
        for the whole graph, for the kept nodes and the edges between
        them, with the evidence worked out for these only.  None keeps
        every node.

    Returns
    -------
    (nodes, edges).  A node is ``{"id", "iri", "kind", "label", "name",
    "names", "title", "size", "degree", "reports", "details", "evidence"}``:
    ``label`` is shortened for the canvas, ``name`` the full preferred
    label, ``names`` every name to search by, ``title`` the plain-text
    tooltip, ``reports`` the ids of the report nodes that mention it (or
    state it), ``details`` ``[label, value]`` pairs (period, source, code,
    indicator …), ``evidence`` the sentences a target or achievement comes
    from.  An edge is ``{"id", "from", "to", "kind", "label", "title",
    "hidden", "reports", "evidence"}``.  An evidence item is ``{"text",
    "report", "rule", "marks"}``: the sentence, its report node id, the
    extraction rule, and ``[start, end, role]`` spans of the sentence to
    highlight (role ``s`` subject, or indicator of a target or achievement,
    ``o`` object, ``t`` trigger word, ``v`` figure).  Ids are ``n0``, ``n1`` … and ``e0`` … in IRI order, so the same
    graph gives the same dicts.  Mention, sentence and evidence nodes are
    not drawn.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Entity
    >>> nodes, edges = graph_elements(build_graph([], [], [Entity("University/江北大学",
    ...     "University", "江北大学")], [], []))
    >>> nodes[0]["label"], nodes[0]["kind"]
    ('江北大学', 'University')
    """
    nodes, edges, _, _ = _elements(graph, max_nodes)
    return nodes, edges


def _elements(graph: Graph | TripleIndex, max_nodes: int | None
              ) -> tuple[list[dict], list[dict], int, int]:
    """:func:`graph_elements`, and the numbers of nodes and edges of the whole graph."""
    kinds: dict[URIRef, str] = {}
    for kind in (*ENTITY_TYPES, "Report", *_QUANTITY_KINDS):
        for node in graph.subjects(_T.rdf_type, _KG_TERMS[kind]):
            if isinstance(node, URIRef):
                kinds.setdefault(node, kind)
    order = sorted(kinds)
    ids = {node: f"n{i}" for i, node in enumerate(order)}
    prov = _Provenance(graph)

    triples: list[tuple[URIRef, str, URIRef]] = []
    for name in (*_RELATIONS, "targets", "achieved", *_REPORT_LINKS):
        for s, o in graph.subject_objects(_KG_TERMS[name]):
            if s in ids and o in ids:
                triples.append((s, name, o))
    triples.sort(key=lambda t: (int(ids[t[0]][1:]), t[1], int(ids[t[2]][1:])))

    # what every node's size and report list need, from every edge, before any evidence is marked
    in_report = {node: _in_reports(graph, node, ids) for node in order if kinds[node] in _QUANTITY_KINDS}
    edge_reports = [_edge_reports(prov, ids, in_report, t) for t in triples]
    degree: dict[str, int] = defaultdict(int)
    reports_of: dict[str, set[str]] = defaultdict(set)
    for (s, _, o), reports in zip(triples, edge_reports):
        for end in (ids[s], ids[o]):
            degree[end] += 1
            reports_of[end].update(reports)
    for node, reports in in_report.items():
        reports_of[ids[node]].update(reports)
    for node in order:
        if kinds[node] == "Report":
            reports_of[ids[node]].add(ids[node])
    all_reports = {i: sorted(r, key=_id_order) for i, r in reports_of.items()}

    keep = None
    if max_nodes is not None and len(order) > max_nodes:
        keep = set(capped_ids([ids[n] for n in order], degree, all_reports, max_nodes))
    nodes = [_node(graph, prov, node, kinds[node], ids) for node in order if keep is None or ids[node] in keep]
    by_iri = {n["iri"]: n for n in nodes}

    edges = []
    for i, ((s, name, o), reports) in enumerate(zip(triples, edge_reports)):
        if keep is not None and not (ids[s] in keep and ids[o] in keep):
            continue
        subject, obj = by_iri[str(s)], by_iri[str(o)]
        if name in _RELATIONS:
            evidence = _relation_evidence(prov, ids, s, name, o, subject["names"], obj["names"])
        elif name in ("targets", "achieved"):
            evidence = obj["evidence"]
        else:
            evidence = []
        label = EDGE_LABELS[name]
        title = "\n".join([f"{subject['name']} → {label} → {obj['name']}",
                           *(f"「{_short(e['text'], 160)}」" for e in evidence[:_TOOLTIP_EVIDENCE])])
        if len(evidence) > _TOOLTIP_EVIDENCE:
            title += f"\n… (+{len(evidence) - _TOOLTIP_EVIDENCE})"
        edges.append({"id": f"e{i}", "from": ids[s], "to": ids[o], "kind": name, "label": label,
                      "title": title, "hidden": name in HIDDEN_EDGES, "reports": list(reports),
                      "evidence": evidence})

    who: dict[str, str] = {}
    for kind in ("issuedBy", "district"):
        for s, name, o in triples:
            if name == kind and (keep is None or ids[s] in keep):
                who[ids[s]] = by_iri[str(o)]["name"] if str(o) in by_iri else _entity_name(graph, o)
    for n in nodes:
        if n["kind"] == "Report":
            period = next((v for k, v in n["details"] if k.startswith("报告期")), "")
            if n["id"] in who:          # "云岭县 2025" says more on the canvas than a cut title
                n["label"] = _short(f"{who[n['id']]} {period}".strip(), 24)
        n["reports"] = all_reports.get(n["id"], [])
        n["degree"] = degree[n["id"]]
        n["size"] = _size(n["kind"], n["degree"])
    return nodes, edges, len(order), len(triples)


def _in_reports(graph: Graph | TripleIndex, node: URIRef, ids: dict[URIRef, str]) -> list[str]:
    """The ids of the reports a target or achievement is stated in (``kg:inReport``)."""
    return sorted((ids[r] for r in graph.objects(node, _T.kg_inReport) if r in ids), key=_id_order)


def _edge_reports(prov: _Provenance, ids: dict[URIRef, str], in_report: dict[URIRef, list[str]],
                  triple: tuple[URIRef, str, URIRef]) -> list[str]:
    """The ids of the reports behind one edge: those of a relation's evidence sentences,
    those stating a target or achievement, or the report a report link starts from."""
    s, name, o = triple
    if name in _RELATIONS:
        found = {ids.get(prov.sentences[sent][2]) for sent, _ in prov.evidence.get((s, _KG_TERMS[name], o), [])
                 if sent in prov.sentences}
        return sorted(found - {None}, key=_id_order)
    if name in ("targets", "achieved"):
        return list(in_report.get(o, ()))
    return [ids[s]]


def _entity_name(graph: Graph | TripleIndex, node: URIRef) -> str:
    """An entity's preferred name."""
    return _first(graph, node, _T.skos_prefLabel, _T.rdfs_label) or _local(node)


def _id_order(node_id: str) -> int:
    return int(node_id[1:])


def _size(kind: str, degree: int) -> float:
    if kind in _QUANTITY_KINDS:
        return 5.0
    return round(min(36.0, 9.0 + 3.2 * math.sqrt(degree)), 1)


def _node(graph: Graph | TripleIndex, prov: _Provenance, node: URIRef, kind: str, ids: dict[URIRef, str]) -> dict:
    zh = NODE_STYLES[kind][0]
    details: list[list[str]] = []
    evidence: list[dict] = []
    reports: list[str] = []
    if kind == "Report":
        name = _first(graph, node, _T.dcterms_title, _T.rdfs_label) or _local(node)
        names = [name]
        for label, value in (("报告期 period", _first(graph, node, _T.kg_period)),
                             ("发布 issued", _first(graph, node, _T.dcterms_issued)),
                             ("发布者 publisher", _first(graph, node, _T.dcterms_publisher)),
                             ("来源 source", _first(graph, node, _T.dcterms_source))):
            if value:
                details.append([label, value])
    elif kind in _QUANTITY_KINDS:
        indicator, value = _first(graph, node, _T.kg_indicator), _first(graph, node, _T.kg_value)
        unit, year = _first(graph, node, _T.kg_unit), _first(graph, node, _T.kg_year)
        name = _first(graph, node, _T.rdfs_label) or " ".join(v for v in (indicator, value, unit) if v)
        names = [name, *([indicator] if indicator and indicator != name else [])]
        for label, v in (("指标 indicator", indicator), ("数值 value", _plain_number(value)),
                         ("单位 unit", unit), ("年份 year", year)):
            if v:
                details.append([label, v])
        reports = _in_reports(graph, node, ids)
        rule = _first(graph, node, _T.kg_rule) or ""
        for sent in sorted(graph.objects(node, _T.prov_wasDerivedFrom)):
            if sent not in prov.sentences:
                continue
            text, _, report = prov.sentences[sent]
            # the sentence may word the indicator differently (全县… for 全社会…)
            marks = [(*span, "s") for span in [_longest_common(text, indicator or "")] if span]
            marks += [(*span, "v") for span in [_number_span(text, value, unit)] if span]
            evidence.append({"text": text, "report": ids.get(report), "rule": rule,
                             "marks": _tidy(marks, len(text))})
    else:
        name = _entity_name(graph, node)
        aliases = sorted({str(a) for a in graph.objects(node, _T.skos_altLabel)} - {name})
        names = [name, *aliases]
        code = _first(graph, node, _T.kg_adminCode)
        if code:
            details.append(["区划代码 code", code])
    head = f"{zh} {kind}"
    lines = [head, name]
    if len(names) > 1 and kind not in _QUANTITY_KINDS:
        lines.append("别名 aliases: " + "、".join(names[1:]))
    lines.append("点击查看来源 click for sources")
    limit = 24 if kind in _QUANTITY_KINDS else _LABEL_MAX
    return {
        "id": ids[node], "iri": str(node), "kind": kind, "label": _short(name, limit),
        "name": name, "names": names, "title": "\n".join(lines), "size": 0.0, "degree": 0,
        "reports": reports, "details": details, "evidence": evidence,
    }


def _plain_number(value: str | None) -> str | None:
    try:
        return format(Decimal(value).normalize(), "f") if value is not None else None
    except InvalidOperation:
        return value


def _relation_evidence(prov: _Provenance, ids: dict[URIRef, str], s: URIRef, name: str, o: URIRef,
                       subject_names: list[str], object_names: list[str]) -> list[dict]:
    out = []
    seen = set()
    for sent, rule in sorted(prov.evidence.get((s, _KG_TERMS[name], o), [])):
        if sent not in prov.sentences or (sent, rule) in seen:
            continue
        seen.add((sent, rule))
        text, _, report = prov.sentences[sent]
        marks = []
        for role, entity, names in (("s", s, subject_names), ("o", o, object_names)):
            span = prov.entity_span(sent, entity, names)
            if span:
                marks.append((*span, role))
        trigger = _find(text, _trigger(rule))
        if trigger:
            marks.append((*trigger, "t"))
        out.append({"text": text, "report": ids.get(report), "rule": rule,
                    "marks": _tidy(marks, len(text))})
    return out


# ------------------------------------------------------------------ subsets

def most_connected(nodes: list[dict], edges: list[dict], limit: int) -> list[str]:
    """Return the ids of the ``limit`` nodes with the most edges among ``edges``.

    Ties go to the node that comes first in ``nodes``; the result keeps the
    order of ``nodes``.

    >>> most_connected([{"id": "a"}, {"id": "b"}, {"id": "c"}],
    ...                [{"from": "a", "to": "b"}, {"from": "c", "to": "b"}], 2)
    ['a', 'b']
    """
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    rank = sorted(range(len(nodes)), key=lambda i: (-degree[nodes[i]["id"]], i))
    keep = set(rank[: max(0, limit)])
    return [n["id"] for i, n in enumerate(nodes) if i in keep]


def capped_ids(ids: list[str], degree: dict[str, int], reports: dict[str, list[str]], limit: int) -> list[str]:
    """Return at most ``limit`` of ``ids``: the most connected, each with the reports that state it.

    Nodes are taken by ``degree`` (ties: the earlier in ``ids``), each
    together with the report nodes of ``reports[id]`` (so that the page can
    name the report of every sentence it shows); a node that would bring
    the count above ``limit`` is passed over.  The result keeps the order
    of ``ids``.

    >>> capped_ids(["r", "a", "b", "c"], {"r": 3, "a": 2, "b": 2, "c": 1}, {"a": ["r"], "c": ["r"]}, 2)
    ['r', 'a']
    """
    position = {node: i for i, node in enumerate(ids)}
    kept: set[str] = set()
    for node in sorted(ids, key=lambda n: (-degree.get(n, 0), position[n])):
        if len(kept) >= limit:
            break
        needed = {node, *reports.get(node, ())} - kept
        if len(kept) + len(needed) <= limit:
            kept |= needed
    return [node for node in ids if node in kept]


def _opening_part(nodes: list[dict], edges: list[dict], max_nodes: int, max_edges: int) -> set[str] | None:
    """The most connected nodes, taken by degree while there are at most ``max_nodes``
    of them and ``max_edges`` drawn edges between them; None if the whole graph fits."""
    drawn = [e for e in edges if not e.get("hidden")]
    if len(nodes) <= max_nodes and len(drawn) <= max_edges:
        return None
    degree: dict[str, int] = defaultdict(int)
    links: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    for e in drawn:
        links[e["from"]].append(e["to"])
        links[e["to"]].append(e["from"])
    order = sorted(range(len(nodes)), key=lambda i: (-degree[nodes[i]["id"]], i))
    part: set[str] = set()
    count = 0
    for i in order[:max_nodes]:
        node = nodes[i]["id"]
        added = sum(1 for other in links[node] if other in part or other == node)
        if count + added > max_edges:
            break
        part.add(node)
        count += added
    return part


def _kind_of(name: str) -> str:
    wanted = name.strip().casefold()
    for kind, (zh, *_) in NODE_STYLES.items():
        if wanted in (kind.casefold(), zh.casefold(), *zh.casefold().split("/")):
            return kind
    options = ", ".join(f"{kind} ({zh})" for kind, (zh, *_) in NODE_STYLES.items())
    raise KGError(f"unknown node type {name!r}; choose among: {options}")


def _district_scope(nodes: list[dict], edges: list[dict], name: str) -> set[str]:
    """Ids of the District nodes called ``name`` (or containing it) and of the divisions inside them."""
    districts = [n for n in nodes if n["kind"] == "District"]
    found = [n for n in districts if name in n["names"]] or [
        n for n in districts if any(name in x for x in n["names"])]
    if not found:
        parent = defaultdict(list)
        for e in edges:
            if e["kind"] == "locatedIn":
                parent[e["from"]].append(e["to"])
        todo = [e["to"] for e in edges if e["kind"] == "district"]
        with_reports: set[str] = set()
        while todo:                              # the reports' districts and what encloses them
            district = todo.pop()
            if district not in with_reports:
                with_reports.add(district)
                todo.extend(parent[district])
        names = sorted({n["name"] for n in districts if n["id"] in with_reports})
        raise KGError(f"no district called {name!r} in the graph; districts with reports: "
                      f"{'、'.join(names) or '(none)'}")
    inside: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e["kind"] == "locatedIn":
            inside[e["to"]].append(e["from"])
    scope = {n["id"] for n in found}
    todo = list(scope)
    while todo:
        for child in inside[todo.pop()]:
            if child not in scope:
                scope.add(child)
                todo.append(child)
    return scope


def select_elements(nodes: list[dict], edges: list[dict], *, types: Iterable[str] = (),
                    districts: Iterable[str] = (), top: int | None = None
                    ) -> tuple[list[dict], list[dict]]:
    """Keep part of a graph's elements, for a smaller page.

    Parameters
    ----------
    nodes, edges : as returned by :func:`graph_elements`.
    types : node kinds to keep (``Enterprise``, ``Designation`` … or their
        Chinese names ``企业``, ``资质称号`` …); all when empty.
    districts : district names: keep what the reports of these districts
        (and of the divisions inside them) say, the districts themselves and
        what is located in them; all when empty.
    top : keep only this many nodes, those with the most edges among what
        is left.

    Returns
    -------
    (nodes, edges): the kept nodes in their order and the edges between them.

    Raises
    ------
    KGError for an unknown type (the message lists the valid ones) or a
    district the graph does not have (the message lists those with reports).

    Examples
    --------
    >>> nodes = [{"id": "n0", "kind": "Enterprise"}, {"id": "n1", "kind": "Designation"},
    ...          {"id": "n2", "kind": "Report"}]
    >>> edges = [{"from": "n0", "to": "n1"}, {"from": "n2", "to": "n0"}]
    >>> kept, links = select_elements(nodes, edges, types=["企业", "Designation"])
    >>> [n["id"] for n in kept], links
    (['n0', 'n1'], [{'from': 'n0', 'to': 'n1'}])
    """
    keep = {n["id"] for n in nodes}
    districts = [d for d in districts if d.strip()]
    if districts:
        area: set[str] = set()
        for name in districts:
            area |= _district_scope(nodes, edges, name.strip())
        reports = {e["from"] for e in edges if e["kind"] == "district" and e["to"] in area}
        keep = {n["id"] for n in nodes
                if n["id"] in area or n["id"] in reports or set(n.get("reports", ())) & reports}
    kinds = {_kind_of(t) for t in types}
    if kinds:
        keep = {n["id"] for n in nodes if n["id"] in keep and n["kind"] in kinds}
    kept = [n for n in nodes if n["id"] in keep]
    links = [e for e in edges if e["from"] in keep and e["to"] in keep]
    if top is not None:
        if top < 1:
            raise KGError(f"--top must be a positive number of nodes, not {top}")
        keep = set(most_connected(kept, links, top))
        kept = [n for n in kept if n["id"] in keep]
        links = [e for e in links if e["from"] in keep and e["to"] in keep]
    return kept, links


# ------------------------------------------------------------------ layout

def layout_positions(nodes: list[dict], edges: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Place the nodes in canvas pixels: a seeded spring layout, leaves around their hubs.

    The ``SPRING_MAX_NODES`` best-connected nodes with two or more neighbours
    (reports, districts, designations …) are placed by networkx's spring
    layout; each other node is then put next to the centroid of its already
    placed neighbours, on a sunflower spiral so that the nodes sharing them
    do not overlap.  This keeps the layout a second or two for thousands of
    nodes, where a spring layout of all of them takes minutes.  Nodes linked
    to nothing placed go on a grid below the drawing.

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
    in_core = set(core)
    # a graph of its own, not g.subgraph(core): a subgraph view of a small part iterates
    # its nodes in the order of a set, which changes with the hash seed
    sub = nx.Graph()
    sub.add_nodes_from(core)
    sub.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if a in in_core and b in in_core)
    spring = nx.spring_layout(sub, seed=seed, weight="weight", iterations=100, scale=scale)
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


# ------------------------------------------------------------------ page

def _darker(color: str, factor: float = 0.72) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02X}" for c in (r, g, b))


def _vis_options(large: bool) -> dict:
    """vis-network options: physics off, one style group per node kind."""
    groups = {}
    for kind, (_, shape, color, _) in NODE_STYLES.items():
        border = _darker(color)
        group = {"shape": shape, "borderWidth": 1,
                 "color": {"background": color, "border": border,
                           "highlight": {"background": color, "border": "#111111"},
                           "hover": {"background": color, "border": "#333333"}}}
        if kind in _QUANTITY_KINDS:
            group["font"] = {"size": 10, "color": "#444444"}
        groups[kind] = group
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": not large, "tooltipDelay": 250, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False, "navigationButtons": False},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"face": _FONTS, "size": 14, "color": "#222222",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 5, "maxVisible": 22}}},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "font": {"face": _FONTS, "size": 10, "color": "#555555", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "align": "middle"}},
        "groups": groups,
    }


def _page_data(nodes: list[dict], edges: list[dict], *, core: set[str] | None, total: int,
               whole: tuple[int, int] | None = None) -> dict:
    """Split elements into vis-network items and the explorer's own data.

    ``whole`` gives the nodes and edges of the whole graph when the page
    holds only part of it.  Lists of reports name only the report nodes on
    the page: the panel links to each.
    """
    sentences: dict[tuple[str, str | None], int] = {}
    on_page = {n["id"] for n in nodes}

    def present(reports: list[str]) -> list[str]:
        return [r for r in reports if r in on_page]

    def pack(items: list[dict]) -> list[dict]:
        out = []
        for e in items:
            key = (e["text"], e["report"])
            if key not in sentences:
                sentences[key] = len(sentences)
            out.append({"s": sentences[key], "rule": e["rule"], "marks": e["marks"]})
        return out

    hubs = {n["id"] for n in sorted((n for n in nodes if n["degree"] >= _HUB_DEGREE
                                     and n["kind"] not in _QUANTITY_KINDS),
                                    key=lambda n: -n["degree"])[:_HUBS]}
    vis_nodes, info_nodes = [], {}
    for n in nodes:
        item = {"id": n["id"], "label": n["label"], "group": n["kind"], "size": n["size"],
                "x": n["x"], "y": n["y"]}
        if n["id"] in hubs:         # big labels, readable when the whole graph is in view
            item["font"] = {"size": round(min(80.0, 14 + 6 * math.sqrt(n["degree"])))}
        if core is not None and n["id"] not in core:
            item["hidden"] = True
        vis_nodes.append(item)
        info_nodes[n["id"]] = {"kind": n["kind"], "name": n["name"], "names": n["names"],
                               "iri": n["iri"], "reports": present(n["reports"]), "details": n["details"],
                               "evidence": pack(n["evidence"]), "degree": n["degree"]}
    vis_edges, info_edges = [], {}
    for e in edges:
        vis_edges.append({"id": e["id"], "from": e["from"], "to": e["to"], "kind": e["kind"]})
        info_edges[e["id"]] = {"kind": e["kind"], "reports": present(e["reports"]), "evidence": pack(e["evidence"])}

    counts: dict[str, int] = defaultdict(int)
    for n in nodes:
        counts[n["kind"]] += 1
    rel_counts: dict[str, int] = defaultdict(int)
    for e in edges:
        rel_counts[e["kind"]] += 1
    by_id = {n["id"]: n for n in nodes}
    scopes = [{"group": "report", "label": _scope_label(n), "reports": [n["id"]]}
              for n in nodes if n["kind"] == "Report"]
    district_reports: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e["kind"] == "district":
            district_reports[e["to"]].add(e["from"])
    parents: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e["kind"] == "locatedIn" and by_id[e["from"]]["kind"] == "District":
            parents[e["from"]].append(e["to"])
    for district in sorted(district_reports, key=_id_order):     # a city also holds its counties' reports
        seen, todo = {district}, [district]
        while todo:
            for parent in parents[todo.pop()]:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
                    district_reports[parent] |= district_reports[district]
    for district in sorted(district_reports, key=lambda d: (by_id[d]["name"], _id_order(d))):
        scopes.append({"group": "district", "label": by_id[district]["name"],
                       "reports": sorted(district_reports[district], key=_id_order)})

    return {
        "nodes": vis_nodes, "edges": vis_edges,
        "info": {
            "nodes": info_nodes, "edges": info_edges,
            "sentences": [[text, report] for text, report in sentences],
            "kinds": [{"kind": k, "zh": zh, "color": color, "symbol": sym, "count": counts.get(k, 0)}
                      for k, (zh, _, color, sym) in NODE_STYLES.items()],
            "relations": [{"kind": k, "label": label, "color": EDGE_COLORS[k],
                           "highlight": _darker(EDGE_COLORS[k], 0.6),
                           "count": rel_counts.get(k, 0), "on": k not in HIDDEN_EDGES}
                          for k, label in EDGE_LABELS.items()],
            "scopes": scopes,
            "core": None if core is None else len(core),
            "total": total,
            **({} if whole is None else {"whole": {"nodes": whole[0], "edges": whole[1]}}),
        },
    }


def _scope_label(report: dict) -> str:
    period = next((v for k, v in report["details"] if k.startswith("报告期")), None)
    return _short(report["name"], 40) + (f" ({period})" if period else "")


def _script_json(obj, **kwargs) -> str:
    """JSON for a ``<script type="application/json">`` block (jinja escapes ``<>&'`` after)."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(path: Path, closing: str) -> str:
    text = path.read_text(encoding="utf-8")
    if closing in text.lower():
        raise RuntimeError(f"{path} contains {closing!r} and cannot be in-lined")
    return text


def _vis_library() -> tuple[str, str]:
    """vis-network's script and style sheet, as shipped in the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return (_asset(lib / "vis-network.min.js", "</script"),
            _asset(lib / "vis-network.css", "</style"))


def explorer_html(graph: Graph | TripleIndex, *, title: str = DEFAULT_TITLE, seed: int = 7,
                  types: Iterable[str] = (), districts: Iterable[str] = (), top: int | None = None,
                  large: int = LARGE_GRAPH, large_edges: int = LARGE_EDGES,
                  max_nodes: int | None = None) -> str:
    """Return the explorer page of ``graph`` as one self-contained HTML string.

    Parameters
    ----------
    graph : a kg graph (built, or parsed from the Turtle export), or a
        :class:`TripleIndex` of its triples (the same page, without the graph).
    title : the page's title and heading (shown as text).
    seed : seed of the layout.
    types, districts, top : draw only a subset, see :func:`select_elements`.
    large, large_edges : above this many nodes or drawn edges the page
        opens on the most connected part of the graph (the nodes with most
        edges, while there are at most ``large`` of them and ``large_edges``
        drawn edges between them), says so, and lets its filters, search and
        a "show all" button show the rest.
    max_nodes : above this many nodes (after ``types``, ``districts`` and
        ``top``) the page holds only part of the graph: the most connected
        nodes, each with the reports that state it, at most ``max_nodes`` in
        all (:func:`capped_ids`), the edges between them and their evidence;
        a line at the top says how much it holds and how to draw other parts.
        None (the default) holds everything.

    Returns
    -------
    The page: nodes and edges from :func:`graph_elements`, placed by
    :func:`layout_positions` (physics off), rendered by pyvis with the
    template in ``kg/data/viz/``.  vis-network's script and style are
    in-lined from the pyvis package; nothing is fetched from a network.
    The same graph gives the same bytes.

    Raises
    ------
    KGError for an unknown type or district (see :func:`select_elements`), or
    a ``max_nodes`` below 1.
    """
    return _render(graph, title=title, seed=seed, types=types, districts=districts, top=top,
                   large=large, large_edges=large_edges, max_nodes=max_nodes)[0]


def _render(graph: Graph | TripleIndex, *, title: str, seed: int, types: Iterable[str], districts: Iterable[str],
            top: int | None, large: int, large_edges: int, max_nodes: int | None) -> tuple[str, int, int]:
    """The page, and the numbers of nodes and edges it holds."""
    import jinja2
    from markupsafe import Markup
    from pyvis.network import Network

    if max_nodes is not None and max_nodes < 1:
        raise KGError(f"the explorer's node limit must be a positive number (or none), not {max_nodes}")
    types, districts = list(types), list(districts)
    if types or districts or top is not None:
        nodes, edges = select_elements(*graph_elements(graph), types=types, districts=districts, top=top)
        whole = (len(nodes), len(edges))
        if max_nodes is not None and len(nodes) > max_nodes:
            nodes, edges = _cap_elements(nodes, edges, max_nodes)
    else:   # the cap is applied before the evidence of the left-out part is worked out
        nodes, edges, *whole = _elements(graph, max_nodes)
    positions = layout_positions(nodes, edges, seed=seed)
    for n in nodes:
        n["x"], n["y"] = positions[n["id"]]
    core = _opening_part(nodes, edges, large, large_edges)
    capped = len(nodes) < whole[0]
    data = _page_data(nodes, edges, core=core, total=len(nodes), whole=tuple(whole) if capped else None)

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_ASSETS)), autoescape=True,
                             keep_trailing_newline=True)
    env.policies["json.dumps_function"] = _script_json
    vis_js, vis_css = _vis_library()
    env.globals.update(
        page_title=title, kg_info=data["info"], vis_options=_vis_options(core is not None),
        vis_js=Markup(vis_js), vis_css=Markup(vis_css),
        kg_js=Markup(_asset(_ASSETS / "explorer.js", "</script")),
        kg_css=Markup(_asset(_ASSETS / "explorer.css", "</style").replace("__FONTS__", _FONTS)),
    )
    net = Network(height="100%", width="100%", directed=True, heading=title)
    net.templateEnv, net.path = env, "explorer.html"
    net.nodes, net.edges = data["nodes"], data["edges"]
    net.node_ids = [n["id"] for n in data["nodes"]]
    page = net.generate_html()
    if capped:
        page = _with_notice(page, _partial_notice(len(nodes), whole[0], len(edges), whole[1]))
    return page, len(nodes), len(edges)


def _cap_elements(nodes: list[dict], edges: list[dict], limit: int) -> tuple[list[dict], list[dict]]:
    """The elements of :func:`capped_ids`: at most ``limit`` nodes and the edges between them."""
    ids = [n["id"] for n in nodes]
    present = set(ids)
    reports = {n["id"]: [r for r in n["reports"] if r in present] for n in nodes}
    keep = set(capped_ids(ids, {n["id"]: n["degree"] for n in nodes}, reports, limit))
    return ([n for n in nodes if n["id"] in keep],
            [e for e in edges if e["from"] in keep and e["to"] in keep])


#: Where the notice of a partial page goes: the header's last line, under the opening part's note.
_NOTICE_ANCHOR = '<div id="kg-note" hidden></div>'
_NOTICE_STYLE = ("margin-top:6px;padding:4px 10px;border-radius:4px;background:#fde8e8;"
                 "border:1px solid #e8a0a0;color:#5c1a1a")


def _partial_notice(nodes: int, all_nodes: int, edges: int, all_edges: int) -> str:
    """The HTML of the line that says how much of the graph a page holds and how to draw the rest."""
    from markupsafe import escape

    def code(text: str) -> str:
        return f"<code>{escape(text)}</code>"

    return (
        f'<div id="kg-partial" role="note" style="{_NOTICE_STYLE}">'
        f"本页只含图谱的一部分:连接最多的 {nodes:,} 个节点(共 {all_nodes:,} 个)及其间的 {edges:,} 条边"
        f"(共 {all_edges:,} 条)。画其他部分:{code('kg viz graph.ttl --district 名称')}、"
        f"{code('kg viz graph.ttl --top N')},或在 {code('kg serve')} 的 SPARQL 端点查询全图;"
        f"{code('kg build --html-nodes 0')} 写入全图。"
        f" This page holds part of the graph: the {nodes:,} most connected of {all_nodes:,} nodes "
        f"and the {edges:,} of {all_edges:,} edges between them. To draw other parts: "
        f"{code('kg viz graph.ttl --district NAME')} or {code('--top N')}; to query the whole graph, "
        f"the SPARQL endpoint of {code('kg serve')}; {code('kg build --html-nodes 0')} embeds everything."
        "</div>")


def _with_notice(page: str, notice: str) -> str:
    """``page`` with ``notice`` after the opening part's note in the header."""
    if page.count(_NOTICE_ANCHOR) != 1:
        raise RuntimeError(f"the explorer template has no single {_NOTICE_ANCHOR!r} to put the notice after")
    return page.replace(_NOTICE_ANCHOR, _NOTICE_ANCHOR + "\n  " + notice)


def read_turtle(path: str | os.PathLike) -> Graph:
    """Parse a Turtle file (such as ``output/graph.ttl``) into a graph.

    Raises
    ------
    InputError if the file cannot be read or is not valid Turtle.
    """
    graph = Graph()
    try:
        graph.parse(str(path), format="turtle")
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    except Exception as exc:      # rdflib raises several kinds of syntax errors
        reason = " ".join(str(exc).split())[:300]
        raise InputError(str(path), f"not a valid Turtle file ({reason}); "
                                    f"write it with `kg build` or give another file") from exc
    return graph


def write_explorer(graph: Graph | TripleIndex, path: str | os.PathLike, *, title: str = DEFAULT_TITLE,
                   types: Iterable[str] = (), districts: Iterable[str] = (),
                   top: int | None = None, max_nodes: int | None = None) -> tuple[int, int]:
    """Write the offline explorer page of ``graph`` to ``path`` (atomically).

    Parameters
    ----------
    graph : a kg graph (built, or parsed from the Turtle export), or a
        :class:`TripleIndex` of its triples (the same page, without the graph).
    path : the HTML file to write; its folder must exist.
    title : the page's title and heading (shown as text).
    types, districts, top : draw only a subset, see :func:`select_elements`.
    max_nodes : hold at most this many nodes, the most connected part,
        and say so on the page (see :func:`explorer_html`); None: all.

    Returns
    -------
    (nodes, edges): how many of each the page holds.

    Raises
    ------
    KGError for an unknown type or district, or a ``max_nodes`` below 1.

    Examples
    --------
    >>> import os, tempfile
    >>> from kg.graph import build_graph
    >>> from kg.model import Entity
    >>> graph = build_graph([], [], [Entity("University/江北大学", "University", "江北大学")], [], [])
    >>> write_explorer(graph, os.path.join(tempfile.mkdtemp(), "graph.html"))
    (1, 0)
    """
    page, n_nodes, n_edges = _render(graph, title=title, seed=7, types=types, districts=districts,
                                     top=top, large=LARGE_GRAPH, large_edges=LARGE_EDGES,
                                     max_nodes=max_nodes)
    try:
        write_atomic(path, page.encode("utf-8"))
    except OSError as exc:
        raise KGError(f"{path}: cannot be written ({exc.strerror or exc}); does its folder exist?") from exc
    return n_nodes, n_edges
