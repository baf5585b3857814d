"""RDF graph of the resolved reports, entities, relations and quantities.

``build_graph`` types everything with the kg ontology (``ontology/kg.ttl``,
``kg.namespace.KG``) and records where each fact came from: sentences are
nodes, every relation has a ``kg:Evidence`` node, every mention a
``kg:Mention`` node, every target or achievement ``prov:wasDerivedFrom`` its
sentences.  There are no blank nodes: each IRI is derived from the node's
content, so the same input gives the same graph, and ``serialize_turtle``
the same bytes.  ``write_atomic`` writes a file so that an interrupted write
never leaves a half-written one.  :mod:`kg.turtle` writes the same Turtle
without building the graph, which is what a build does.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.files import atomic_output, write_atomic  # noqa: F401  (part of this module's interface)
from kg.model import ENTITY_TYPES, Entity, Quantity, Relation, Report, Sentence
from kg.namespace import ID, KG

__all__ = [
    "RELATION_PREDICATES", "QUANTITY_KINDS",
    "build_graph", "serialize_turtle", "turtle_block", "write_atomic", "atomic_output",
    "entity_iri", "report_iri", "sentence_iri", "quantity_iri", "iri_segment",
]

#: Relation predicates a :class:`Relation` may carry.
RELATION_PREDICATES = ("coBuilds", "certifiedAs", "appliesFor", "locatedIn")

#: Quantity kind → (class, property linking the subject to it).
QUANTITY_KINDS = {
    "target": (KG.Target, KG.targets),
    "achievement": (KG.Achievement, KG.achieved),
}

_NAME_LANG = "zh"

# ASCII characters an IRI path may hold as they are (RFC 3987 ipchar + "/"),
# minus "%" which is always encoded so that the mapping stays one-to-one.
_IRI_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "-._~!$&'()*+,;=:@/"
)
_SAFE_ASCII = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/]*")
# RFC 3987 ucschar ranges (non-ASCII characters an IRI may hold unencoded).
_UCS_RANGES = ((0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)) + tuple(
    (plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)
) + ((0xE1000, 0xEFFFD),)
# Invisible or unassigned characters are encoded even where an IRI allows them.
_ENCODED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


def _iri_char_ok(ch: str) -> bool:
    if ch in _IRI_ASCII:
        return True
    cp = ord(ch)
    if cp < 0xA0 or unicodedata.category(ch) in _ENCODED_CATEGORIES:
        return False
    return any(lo <= cp <= hi for lo, hi in _UCS_RANGES)


@functools.cache
def _kept_as_is() -> re.Pattern:
    """Text of characters :func:`_iri_char_ok` keeps, those of the Basic Multilingual Plane
    (CJK names in one regex match instead of a call per character); built on first use."""
    ranges, start = [], None
    for cp in range(0xA0, 0x10001):
        ok = cp < 0x10000 and _iri_char_ok(chr(cp))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/" + "".join(ranges) + "]*")


def iri_segment(text: str) -> str:
    """Return ``text`` made safe for an IRI path, keeping CJK readable.

    Parameters
    ----------
    text : any string, treated as opaque (an entity id, a report id …).

    Returns
    -------
    The string with every character an IRI forbids (space, ``<>"{}|\\^`,
    ``#``, ``?``, ``%``, controls, invisible characters) percent-encoded as
    UTF-8; ``/`` and CJK characters are kept.  Distinct inputs give distinct
    outputs.

    Examples
    --------
    >>> iri_segment("Enterprise/青山县绿源农业科技有限公司")
    'Enterprise/青山县绿源农业科技有限公司'
    >>> iri_segment('Programme/"云岭英才" 100%')
    'Programme/%22云岭英才%22%20100%25'
    """
    if _SAFE_ASCII.fullmatch(text) or _kept_as_is().fullmatch(text):
        return text
    out = []
    for ch in text:
        if _iri_char_ok(ch):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    return "".join(out)


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def entity_iri(entity_id: str) -> URIRef:
    """Return the IRI of the entity with id ``entity_id``.

    >>> entity_iri("District/河南省/青山市/青山县")
    rdflib.term.URIRef('https://w3id.org/kgst/id/District/河南省/青山市/青山县')
    """
    return ID[iri_segment(entity_id)]


def report_iri(report_id: str) -> URIRef:
    """Return the IRI of the report with id ``report_id``."""
    return ID["report/" + iri_segment(report_id)]


def sentence_iri(sent_id: str) -> URIRef:
    """Return the IRI of the sentence with id ``sent_id``."""
    return ID["sentence/" + iri_segment(sent_id)]


def _mention_iri(entity_id: str, report_id: str, start: int, end: int) -> URIRef:
    return ID[f"mention/{iri_segment(report_id)}-{start}-{end}-{_digest(entity_id)[:8]}"]


def _evidence_iri(rel: Relation) -> URIRef:
    key = _digest(rel.subject, rel.predicate, rel.object, rel.sent_id, rel.rule, rel.level, rel.year)
    return ID[f"evidence/{iri_segment(rel.sent_id)}-{rel.predicate}-{key[:10]}"]


def _decimal_lexical(value: float) -> str | None:
    """``xsd:decimal`` lexical form of ``value`` (no exponent); None if not finite."""
    value = float(value)
    if not math.isfinite(value):
        return None
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


def _number_text(value: float) -> str:
    """Short human form of a number: 40.0 → "40", 3.30 → "3.3"."""
    lexical = _decimal_lexical(value)
    if lexical is None:
        return str(value)
    return format(Decimal(lexical).normalize(), "f")


def quantity_iri(q: Quantity) -> URIRef:
    """Return the IRI of the Target/Achievement node of ``q``.

    Derived from kind, subject, indicator, value, unit and year, so the same
    goal stated twice is one node.  A quantity without a subject is keyed by
    its report too, so that equal figures of unrelated reports stay apart.
    """
    if q.kind not in QUANTITY_KINDS:
        raise ValueError(f"unknown quantity kind {q.kind!r}; expected one of {', '.join(QUANTITY_KINDS)}")
    owner = q.subject if q.subject is not None else f"\x00report:{q.report_id}"
    key = _digest(q.kind, owner, q.indicator, _decimal_lexical(q.value), q.unit, q.year)
    return ID[f"{q.kind}/{key}"]


def _bind_prefixes(graph: Graph) -> None:
    for prefix, ns in (("kg", KG._NS), ("id", ID), ("rdf", RDF), ("rdfs", RDFS), ("xsd", XSD),
                       ("owl", OWL), ("skos", SKOS), ("dcterms", DCTERMS), ("prov", PROV),
                       ("org", ORG), ("schema", SDO)):
        graph.bind(prefix, ns, override=True, replace=True)


def _name(text: str) -> Literal:
    return Literal(text, lang=_NAME_LANG)


def _index_by_name(entities: list[Entity], etype: str) -> dict[str, list[Entity]]:
    """Entities of ``etype`` by name and alias, each list sorted by id."""
    index: dict[str, list[Entity]] = {}
    for e in entities:
        if e.type == etype:
            for name in (e.name, *e.aliases):
                index.setdefault(name, []).append(e)
    return {k: sorted(v, key=lambda e: e.entity_id) for k, v in index.items()}


def _pick(candidates: list[Entity], parents: Iterable[str | None]) -> Entity | None:
    """The candidate whose parent is among ``parents``, else the first."""
    if not candidates:
        return None
    wanted = {p for p in parents if p}
    for e in candidates:
        if e.parent in wanted:
            return e
    return candidates[0]


def _add_entity(g: Graph, e: Entity, by_id: dict[str, Entity],
                districts: dict[str, list[Entity]]) -> None:
    if e.type not in ENTITY_TYPES:
        raise ValueError(f"entity {e.entity_id!r} has unknown type {e.type!r}; "
                         f"expected one of {', '.join(ENTITY_TYPES)}")
    node = entity_iri(e.entity_id)
    g.add((node, RDF.type, KG[e.type]))
    g.add((node, RDFS.label, _name(e.name)))
    g.add((node, SKOS.prefLabel, _name(e.name)))
    for alias in e.aliases:
        if alias != e.name:
            g.add((node, SKOS.altLabel, _name(alias)))
    if e.code:
        g.add((node, KG.adminCode, Literal(e.code)))
    if e.parent:
        parent = by_id.get(e.parent)
        if parent is None or parent.type != "District":
            parent = _pick([d for d in districts.get(e.parent, []) if d.entity_id != e.entity_id], ())
        if parent is not None and parent.entity_id != e.entity_id:
            g.add((node, KG.locatedIn, entity_iri(parent.entity_id)))
    for m in e.mentions:
        mention = _mention_iri(e.entity_id, m.report_id, m.start, m.end)
        g.add((mention, RDF.type, KG.Mention))
        g.add((mention, KG.mentionOf, node))
        g.add((mention, KG.text, Literal(m.text)))
        g.add((mention, KG.start, Literal(m.start)))
        g.add((mention, KG.end, Literal(m.end)))
        g.add((mention, PROV.wasDerivedFrom, sentence_iri(m.sent_id)))
        g.add((mention, KG.rule, Literal(m.rule)))
        g.add((report_iri(m.report_id), KG.mentions, node))


def _add_report(g: Graph, r: Report, agencies: dict[str, list[Entity]],
                districts: dict[str, list[Entity]]) -> None:
    node = report_iri(r.report_id)
    g.add((node, RDF.type, KG.Report))
    g.add((node, DCTERMS.title, _name(r.title)))
    g.add((node, RDFS.label, _name(r.title)))
    g.add((node, DCTERMS.source, Literal(r.source)))
    g.add((node, KG.sha256, Literal(r.sha256)))
    if r.published:
        try:
            dt.date.fromisoformat(r.published)
            g.add((node, DCTERMS.issued, Literal(r.published, datatype=XSD.date)))
        except ValueError:
            g.add((node, DCTERMS.issued, Literal(r.published)))
    if r.period:
        g.add((node, KG.period, Literal(r.period)))
        g.add((node, DCTERMS.temporal, Literal(r.period)))
    if r.issuer:
        agency = _pick(agencies.get(r.issuer, []), ())
        if agency is not None:
            g.add((node, KG.issuedBy, entity_iri(agency.entity_id)))
        else:
            g.add((node, DCTERMS.publisher, _name(r.issuer)))
    if r.publisher:
        host = _pick(agencies.get(r.publisher, []), ())
        g.add((node, DCTERMS.publisher, entity_iri(host.entity_id) if host else _name(r.publisher)))
    if r.district:
        district = _pick(districts.get(r.district, []), reversed(r.parents))
        if district is not None:
            g.add((node, KG.district, entity_iri(district.entity_id)))


def _add_sentence(g: Graph, s: Sentence) -> None:
    node = sentence_iri(s.sent_id)
    g.add((node, RDF.type, KG.Sentence))
    g.add((node, KG.text, Literal(s.text)))
    g.add((node, KG.start, Literal(s.start)))
    g.add((node, KG.end, Literal(s.end)))
    g.add((node, DCTERMS.isPartOf, report_iri(s.report_id)))


def _add_relation(g: Graph, rel: Relation) -> None:
    if rel.predicate not in RELATION_PREDICATES:
        raise ValueError(f"relation {rel.subject!r} → {rel.object!r} has unknown predicate "
                         f"{rel.predicate!r}; expected one of {', '.join(RELATION_PREDICATES)}")
    s, p, o = entity_iri(rel.subject), KG[rel.predicate], entity_iri(rel.object)
    g.add((s, p, o))
    ev = _evidence_iri(rel)
    g.add((ev, RDF.type, KG.Evidence))
    g.add((ev, RDF.subject, s))
    g.add((ev, RDF.predicate, p))
    g.add((ev, RDF.object, o))
    g.add((ev, PROV.wasDerivedFrom, sentence_iri(rel.sent_id)))
    g.add((ev, KG.rule, Literal(rel.rule)))
    if rel.level:
        g.add((ev, KG.level, Literal(rel.level)))
    if rel.year is not None:
        g.add((ev, KG.year, Literal(int(rel.year))))


def _add_quantity(g: Graph, q: Quantity) -> None:
    node = quantity_iri(q)   # raises ValueError on an unknown kind
    cls, link = QUANTITY_KINDS[q.kind]
    g.add((node, RDF.type, cls))
    g.add((node, KG.indicator, Literal(q.indicator)))
    lexical = _decimal_lexical(q.value)
    if lexical is not None:
        g.add((node, KG.value, Literal(lexical, datatype=XSD.decimal)))
    g.add((node, KG.unit, Literal(q.unit)))
    label = f"{q.indicator} {_number_text(q.value)}{q.unit}"
    if q.year is not None:
        g.add((node, KG.year, Literal(int(q.year))))
        label += f" ({int(q.year)})"
    g.add((node, RDFS.label, _name(label)))
    g.add((node, PROV.wasDerivedFrom, sentence_iri(q.sent_id)))
    g.add((node, KG.rule, Literal(q.rule)))
    g.add((node, KG.inReport, report_iri(q.report_id)))
    # Whose goal it is may be unknown (an anonymised report): the report then holds it.
    owner = entity_iri(q.subject) if q.subject is not None else report_iri(q.report_id)
    g.add((owner, link, node))


def build_graph(
    reports: Iterable[Report],
    sentences: Iterable[Sentence],
    entities: Iterable[Entity],
    relations: Iterable[Relation],
    quantities: Iterable[Quantity],
) -> Graph:
    """Build the knowledge graph of resolved extraction results.

    Parameters
    ----------
    reports : the reports; each becomes a ``kg:Report`` with title, issue
        date, period, source path, sha256, issuer and district.
    sentences : sentences to record as ``kg:Sentence`` nodes (those that
        relations, quantities and mentions point at should be among them).
    entities : resolved entities; each becomes a node typed with its class,
        named by ``rdfs:label``/``skos:prefLabel`` (and ``skos:altLabel``
        for aliases), with one ``kg:Mention`` node per mention.
    relations : relations between entity ids; asserted directly and
        described by a ``kg:Evidence`` node.
    quantities : targets and achievements; ``subject kg:targets/kg:achieved
        node``, the node keyed by its content; a quantity without a subject
        is linked from its report instead.

    Returns
    -------
    rdflib.Graph without blank nodes, prefixes bound.

    Raises
    ------
    ValueError for an entity type, relation predicate or quantity kind the
    ontology does not have.

    Examples
    --------
    >>> from kg.model import Entity, Relation
    >>> g = build_graph([], [], [Entity("Enterprise/青山县绿源农业科技有限公司", "Enterprise",
    ...                                 "青山县绿源农业科技有限公司"),
    ...                          Entity("Designation/高新技术企业", "Designation", "高新技术企业")],
    ...                 [Relation("Enterprise/青山县绿源农业科技有限公司", "certifiedAs",
    ...                           "Designation/高新技术企业", "r1-s1", "r1", "…", 0, 20,
    ...                           "certifiedAs.认定为")], [])
    >>> (entity_iri("Enterprise/青山县绿源农业科技有限公司"), KG.certifiedAs,
    ...  entity_iri("Designation/高新技术企业")) in g
    True
    """
    g = Graph(bind_namespaces="core")
    _bind_prefixes(g)
    entities = list(entities)
    by_id = {e.entity_id: e for e in entities}
    agencies = _index_by_name(entities, "Agency")
    districts = _index_by_name(entities, "District")
    for r in reports:
        _add_report(g, r, agencies, districts)
    for s in sentences:
        _add_sentence(g, s)
    for e in entities:
        _add_entity(g, e, by_id, districts)
    for rel in relations:
        _add_relation(g, rel)
    for q in quantities:
        _add_quantity(g, q)
    return g


def serialize_turtle(graph: Graph) -> bytes:
    """Serialise ``graph`` as UTF-8 Turtle, the same bytes for the same triples.

    Subjects, predicates and objects are sorted by their written form and
    only the prefixes in use are declared, so the output depends neither on
    the order the triples were added in nor on Python's hash seed.  Terms of
    the bound vocabularies are written as prefixed names when their local
    part is a plain ASCII name, every other IRI in full, literals with
    rdflib's escaping.  About ten times faster than rdflib's Turtle writer,
    which sorts and checks much more.  Graphs with blank nodes are not
    canonicalised.

    Returns
    -------
    bytes, ending with a newline.
    """
    writer = _TurtleWriter(graph)
    by_subject: dict = {}
    for s, p, o in graph:
        by_subject.setdefault(s, []).append((p, o))
    blocks = [turtle_block(subject_text,
                           sorted((writer.predicate(p), writer.term(o)) for p, o in by_subject[subject]))
              for subject_text, subject in sorted((writer.term(s), s) for s in by_subject)]
    head = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(writer.used))
    return (head + ("\n" if head else "") + "\n".join(blocks)).encode("utf-8")


def turtle_block(subject: str, rows: Iterable[tuple[str, str]]) -> str:
    """The Turtle statement of one subject from its sorted (predicate, object) texts:
    objects of one predicate joined by commas, predicates by semicolons."""
    lines, last = [], None
    for predicate, obj in rows:
        if predicate == last:
            lines[-1] += f" ,\n        {obj}"
        else:
            lines.append(f"{predicate} {obj}")
            last = predicate
    return subject + " " + " ;\n    ".join(lines) + " .\n"


_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BARE_NUMBER = {XSD.integer: re.compile(r"[+-]?\d+"), XSD.decimal: re.compile(r"[+-]?\d*\.\d+")}


class _TurtleWriter:
    """Writes the terms of one graph, remembering the prefixes it used."""

    def __init__(self, graph: Graph):
        self.prefixes = {str(ns): prefix for prefix, ns in graph.namespace_manager.namespaces()}
        self.used: set[tuple[str, str]] = set()
        self._cache: dict = {}

    def predicate(self, p) -> str:
        return "a" if p == RDF.type else self.term(p)     # "a" sorts before every prefixed name

    def term(self, t) -> str:
        found = self._cache.get(t)
        if found is None:
            found = self._iri(t) if isinstance(t, URIRef) else self._literal(t) \
                if isinstance(t, Literal) else t.n3()
            self._cache[t] = found
        return found

    def _iri(self, iri: URIRef) -> str:
        text = str(iri)
        cut = max(text.rfind("#"), text.rfind("/")) + 1
        prefix = self.prefixes.get(text[:cut])
        if prefix is not None and _PN_LOCAL.fullmatch(text[cut:]):
            self.used.add((prefix, text[:cut]))
            return f"{prefix}:{text[cut:]}"
        return iri.n3()

    def _literal(self, literal: Literal) -> str:
        lexical = str(literal)
        bare = _BARE_NUMBER.get(literal.datatype)
        if bare is not None and bare.fullmatch(lexical):
            return lexical                           # 2025, 3.30: Turtle's own number forms
        quoted = Literal(lexical).n3()
        if literal.language:
            return f"{quoted}@{literal.language}"
        if literal.datatype is not None and literal.datatype != XSD.string:
            return f"{quoted}^^{self._iri(literal.datatype)}"
        return quoted
