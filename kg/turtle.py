"""graph.ttl written straight from the resolved data, without an rdflib Graph.

:func:`write_turtle` writes the same bytes as
``serialize_turtle(build_graph(...))`` (:mod:`kg.graph`) for the same
reports, sentences, entities, relations and quantities, at a fraction of
the time and memory: it makes each triple as plain tuples
(:func:`graph_triples` gives them), turns them into Turtle text, groups the
rows by subject, sorts, and merges the sorted runs into the file.

The triples fall in two parts.  The *global* part is about entities and
targets/achievements, which many reports share.  The *report-local* part is
about one report: the report node, its sentences, the mentions in it and the
evidence of its relations.  Each report's part is a separate sorted run,
which a :class:`TurtleCache` keeps on disk keyed by a digest of that part's
triples, so a rebuild turns into text only the reports whose triples
changed, and the merge holds in memory only the runs that overlap the place
it is writing.  The global part is one more run, each subject's block made
when the merge reaches it.  A report's sentences may come from a function
asked once per report (:data:`SentencesOf`), so that neither the sentences
nor the triples of all reports are ever in memory at once.

A triple is ``(subject IRI, predicate IRI, object)``; the object is a tuple
whose first item says what it is: ``(IRI, iri)``, ``(PLAIN, text)``,
``(ZH, text)`` (a ``@zh`` name), ``(INT, n)`` or ``(TYPED, lexical,
datatype IRI)``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import heapq
import os
import marshal
import pickle
import platform
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.graph import (QUANTITY_KINDS, RELATION_PREDICATES, _BARE_NUMBER, _PN_LOCAL, _bind_prefixes,
                      _decimal_lexical, _digest, _evidence_iri, _index_by_name, _number_text, _pick,
                      atomic_output, iri_segment, quantity_iri, turtle_block)
from kg.model import ENTITY_TYPES, Entity, Mention, Quantity, Relation, Report, Sentence
from kg.namespace import ID, KG

__all__ = ["IRI", "PLAIN", "ZH", "INT", "TYPED", "Triple", "SentencesOf", "graph_triples", "write_turtle",
           "quote", "turtle_bytes", "TurtleCache", "TurtleStats", "turtle_version"]

IRI, PLAIN, ZH, INT, TYPED = range(5)

#: ``(subject IRI, predicate IRI, object)``, the object as described in the module docstring.
Triple = tuple[str, str, tuple]

_ID = str(ID)
_TYPE = str(RDF.type)
_LABEL, _PREF, _ALT = str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel)
_TITLE, _SOURCE, _ISSUED, _PUBLISHER = str(DCTERMS.title), str(DCTERMS.source), str(DCTERMS.issued), \
    str(DCTERMS.publisher)
_TEMPORAL, _PART_OF = str(DCTERMS.temporal), str(DCTERMS.isPartOf)
_DERIVED = str(PROV.wasDerivedFrom)
_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_XSD_DATE, _XSD_DECIMAL, _XSD_STRING = str(XSD.date), str(XSD.decimal), str(XSD.string)
_BARE = {str(datatype): pattern for datatype, pattern in _BARE_NUMBER.items()}


def _kg(name: str) -> str:
    return str(KG[name])


_K = {name: _kg(name) for name in (
    "Report", "Sentence", "Mention", "Evidence", "Target", "Achievement", "sha256", "period",
    "issuedBy", "district", "text", "start", "end", "adminCode", "locatedIn", "mentionOf", "rule",
    "mentions", "level", "year", "indicator", "value", "unit", "inReport",
    *ENTITY_TYPES, *RELATION_PREDICATES)}
_QUANTITY = {kind: (str(cls), str(link)) for kind, (cls, link) in QUANTITY_KINDS.items()}


# ------------------------------------------------------------------ triples

def _literal(value: object) -> tuple:
    """The object of ``Literal(value)`` as build_graph writes it."""
    if type(value) is str:
        return (PLAIN, value)
    if type(value) is int:
        return (INT, value)
    literal = Literal(value)
    return (TYPED, str(literal), str(literal.datatype) if literal.datatype else _XSD_STRING)


def _name(text: str) -> tuple:
    return (ZH, text)


@functools.lru_cache(maxsize=65536)
def _segment(text: str) -> str:
    return iri_segment(text)


def _report_node(report_id: str) -> str:
    return f"{_ID}report/{_segment(report_id)}"


def _sentence_node(sent_id: str) -> str:
    return f"{_ID}sentence/{_segment(sent_id)}"


def _entity_node(entity_id: str) -> str:
    return _ID + _segment(entity_id)


def _report_triples(out: list, r: Report, agencies: dict, districts: dict) -> None:
    node = _report_node(r.report_id)
    out += [(node, _TYPE, (IRI, _K["Report"])), (node, _TITLE, _name(r.title)),
            (node, _LABEL, _name(r.title)), (node, _SOURCE, _literal(r.source)),
            (node, _K["sha256"], _literal(r.sha256))]
    if r.published:
        try:
            dt.date.fromisoformat(r.published)
            out.append((node, _ISSUED, _typed(r.published, _XSD_DATE)))
        except ValueError:
            out.append((node, _ISSUED, _literal(r.published)))
    if r.period:
        out.append((node, _K["period"], _literal(r.period)))
        out.append((node, _TEMPORAL, _literal(r.period)))
    if r.issuer:
        agency = _pick(agencies.get(r.issuer, []), ())
        if agency is not None:
            out.append((node, _K["issuedBy"], (IRI, _entity_node(agency.entity_id))))
        else:
            out.append((node, _PUBLISHER, _name(r.issuer)))
    if r.publisher:
        host = _pick(agencies.get(r.publisher, []), ())
        out.append((node, _PUBLISHER, (IRI, _entity_node(host.entity_id)) if host else _name(r.publisher)))
    if r.district:
        district = _pick(districts.get(r.district, []), reversed(r.parents))
        if district is not None:
            out.append((node, _K["district"], (IRI, _entity_node(district.entity_id))))


def _sentence_triples(out: list, s: Sentence) -> None:
    node = _sentence_node(s.sent_id)
    out += [(node, _TYPE, (IRI, _K["Sentence"])), (node, _K["text"], _literal(s.text)),
            (node, _K["start"], _literal(s.start)), (node, _K["end"], _literal(s.end)),
            (node, _PART_OF, (IRI, _report_node(s.report_id)))]


def _check_type(e: Entity) -> None:
    if e.type not in ENTITY_TYPES:
        raise ValueError(f"entity {e.entity_id!r} has unknown type {e.type!r}; "
                         f"expected one of {', '.join(ENTITY_TYPES)}")


def _entity_triples(out: list, e: Entity, by_id: dict[str, Entity], districts: dict) -> None:
    """The entity's own triples (type, names, code, enclosing district); not its mentions."""
    node = _entity_node(e.entity_id)
    out += [(node, _TYPE, (IRI, _K[e.type])), (node, _LABEL, _name(e.name)), (node, _PREF, _name(e.name))]
    out += [(node, _ALT, _name(alias)) for alias in e.aliases if alias != e.name]
    if e.code:
        out.append((node, _K["adminCode"], _literal(e.code)))
    if e.parent:
        parent = by_id.get(e.parent)
        if parent is None or parent.type != "District":
            parent = _pick([d for d in districts.get(e.parent, []) if d.entity_id != e.entity_id], ())
        if parent is not None and parent.entity_id != e.entity_id:
            out.append((node, _K["locatedIn"], (IRI, _entity_node(parent.entity_id))))


def _mention_triples(out: list, entity_id: str, entity_digest: str, m: Mention) -> None:
    node = _entity_node(entity_id)
    mention = f"{_ID}mention/{_segment(m.report_id)}-{m.start}-{m.end}-{entity_digest}"
    out += [(mention, _TYPE, (IRI, _K["Mention"])), (mention, _K["mentionOf"], (IRI, node)),
            (mention, _K["text"], _literal(m.text)), (mention, _K["start"], _literal(m.start)),
            (mention, _K["end"], _literal(m.end)), (mention, _DERIVED, (IRI, _sentence_node(m.sent_id))),
            (mention, _K["rule"], _literal(m.rule)),
            (_report_node(m.report_id), _K["mentions"], (IRI, node))]


def _check_predicate(rel: Relation) -> None:
    if rel.predicate not in RELATION_PREDICATES:
        raise ValueError(f"relation {rel.subject!r} → {rel.object!r} has unknown predicate "
                         f"{rel.predicate!r}; expected one of {', '.join(RELATION_PREDICATES)}")


def _evidence_triples(out: list, rel: Relation) -> None:
    s, p, o = _entity_node(rel.subject), _K[rel.predicate], _entity_node(rel.object)
    ev = str(_evidence_iri(rel))
    out += [(ev, _TYPE, (IRI, _K["Evidence"])), (ev, _SUBJECT, (IRI, s)), (ev, _PREDICATE, (IRI, p)),
            (ev, _OBJECT, (IRI, o)), (ev, _DERIVED, (IRI, _sentence_node(rel.sent_id))),
            (ev, _K["rule"], _literal(rel.rule))]
    if rel.level:
        out.append((ev, _K["level"], _literal(rel.level)))
    if rel.year is not None:
        out.append((ev, _K["year"], (INT, int(rel.year))))


@functools.lru_cache(maxsize=65536)
def _typed(lexical: str, datatype: str) -> tuple:
    """The object of ``Literal(lexical, datatype=datatype)``, its lexical form as rdflib keeps it."""
    return (TYPED, str(Literal(lexical, datatype=datatype)), datatype)


def _quantity_triples(out: list, q: Quantity, node: str) -> None:
    """The Target/Achievement node's triples; not the link from its owner."""
    cls, _ = _QUANTITY[q.kind]
    out += [(node, _TYPE, (IRI, cls)), (node, _K["indicator"], _literal(q.indicator))]
    lexical = _decimal_lexical(q.value)
    if lexical is not None:
        out.append((node, _K["value"], _typed(lexical, _XSD_DECIMAL)))
    out.append((node, _K["unit"], _literal(q.unit)))
    label = f"{q.indicator} {_number_text(q.value)}{q.unit}"
    if q.year is not None:
        out.append((node, _K["year"], (INT, int(q.year))))
        label += f" ({int(q.year)})"
    out += [(node, _LABEL, _name(label)), (node, _DERIVED, (IRI, _sentence_node(q.sent_id))),
            (node, _K["rule"], _literal(q.rule)), (node, _K["inReport"], (IRI, _report_node(q.report_id)))]


#: A report's sentences, asked for when that report's triples are made:
#: ``sentences_of(report_id)`` (see :func:`write_turtle`).
SentencesOf = Callable[[str], Iterable[Sentence]]

#: Global triples handed to ``on_triples`` at a time.
_GROUP = 50_000


@dataclass(slots=True)
class _Local:
    """What one report's local triples are made of."""

    reports: list[Report] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[tuple[str, str, Mention]] = field(default_factory=list)  # (entity id, its digest, mention)
    relations: list[Relation] = field(default_factory=list)
    owned: list[tuple[str, str]] = field(default_factory=list)              # (link predicate, quantity node)


@dataclass(slots=True)
class _Parts:
    """The inputs of the global triples and of each report's local triples.

    No triple is made here: the global ones are made in order, a group at a
    time (:meth:`global_triples`), or a subject at a time in the order of the
    file (:meth:`subjects`); each report's when it is written
    (:meth:`local_triples`), its sentences asked of ``sentences_of`` then.
    """

    entities: list[Entity]
    by_id: dict[str, Entity]
    relations: list[Relation]
    quantities: list[tuple[Quantity, str]]       # with the IRI of its node
    local: dict[str, _Local]
    agencies: dict
    districts: dict
    sentences_of: SentencesOf | None = None      # None: the sentences are in ``local``

    def global_triples(self) -> Iterator[list[Triple]]:
        """The global triples in the order build_graph adds them, in groups of about ``_GROUP``."""
        out: list[Triple] = []
        for e in self.entities:
            _entity_triples(out, e, self.by_id, self.districts)
            if len(out) >= _GROUP:
                yield out
                out = []
        for rel in self.relations:
            _relation_triple(out, rel)
            if len(out) >= _GROUP:
                yield out
                out = []
        for q, node in self.quantities:
            _quantity_triples(out, q, node)
            if q.subject is not None:
                out.append((_entity_node(q.subject), _QUANTITY[q.kind][1], (IRI, node)))
            if len(out) >= _GROUP:
                yield out
                out = []
        if out:
            yield out

    def subjects(self) -> dict[str, list]:
        """The subjects of the global triples, each with what its triples are made of.

        An entity's node holds the entity, the relations it is the subject of
        and ``(link predicate, quantity node)`` of its targets/achievements; a
        quantity's node holds the quantities stated as it.  Only references
        are held: the subjects' triples are made by :meth:`subject_triples`.
        """
        found: dict[str, list] = defaultdict(list)
        for e in self.entities:
            found[_entity_node(e.entity_id)].append(e)
        for rel in self.relations:
            found[_entity_node(rel.subject)].append(rel)
        for q, node in self.quantities:
            found[node].append(q)
            if q.subject is not None:
                found[_entity_node(q.subject)].append((_QUANTITY[q.kind][1], node))
        return found

    def subject_triples(self, node: str, items: list) -> list[Triple]:
        """The global triples about ``node`` made of ``items`` (as :meth:`subjects` gives them)."""
        out: list[Triple] = []
        for item in items:
            if type(item) is Entity:
                _entity_triples(out, item, self.by_id, self.districts)
            elif type(item) is Relation:
                _relation_triple(out, item)
            elif type(item) is Quantity:
                _quantity_triples(out, item, node)
            else:
                link, quantity = item
                out.append((node, link, (IRI, quantity)))
        return out

    def local_triples(self, report_id: str) -> list[Triple]:
        """The triples about report ``report_id``, its sentences, mentions and evidence.

        What they are made of is let go: each report's triples are made once.
        """
        part, out = self.local.pop(report_id), []
        for r in part.reports:
            _report_triples(out, r, self.agencies, self.districts)
        sentences = part.sentences if self.sentences_of is None else self.sentences_of(report_id)
        for s in sentences:
            _sentence_triples(out, s)
        for entity_id, digest, m in part.mentions:
            _mention_triples(out, entity_id, digest, m)
        for rel in part.relations:
            _evidence_triples(out, rel)
        node = _report_node(report_id)
        out += [(node, link, (IRI, quantity)) for link, quantity in part.owned]
        return out


def _relation_triple(out: list, rel: Relation) -> None:
    out.append((_entity_node(rel.subject), _K[rel.predicate], (IRI, _entity_node(rel.object))))


def _split(reports: Iterable[Report], sentences: Iterable[Sentence] | SentencesOf, entities: Iterable[Entity],
           relations: Iterable[Relation], quantities: Iterable[Quantity]) -> _Parts:
    """Check the input against the ontology and group what each report's triples are made of.

    Raises ValueError, as build_graph, for an unknown entity type, relation
    predicate or quantity kind.
    """
    entities = list(entities)
    by_id = {e.entity_id: e for e in entities}
    agencies, districts = _index_by_name(entities, "Agency"), _index_by_name(entities, "District")
    local: dict[str, _Local] = defaultdict(_Local)
    for r in reports:
        local[r.report_id].reports.append(r)
    sentences_of = sentences if callable(sentences) else None
    if sentences_of is None:
        for s in sentences:
            local[s.report_id].sentences.append(s)
    for e in entities:
        _check_type(e)
        digest = _digest(e.entity_id)[:8]
        for m in e.mentions:
            local[m.report_id].mentions.append((e.entity_id, digest, m))
    relations = list(relations)
    for rel in relations:
        _check_predicate(rel)
        local[rel.report_id].relations.append(rel)
    nodes = []
    for q in quantities:
        node = str(quantity_iri(q))     # raises ValueError on an unknown kind
        nodes.append((q, node))
        if q.subject is None:
            local[q.report_id].owned.append((_QUANTITY[q.kind][1], node))
    return _Parts(entities, by_id, relations, nodes, dict(local), agencies, districts, sentences_of)


def graph_triples(reports: Iterable[Report], sentences: Iterable[Sentence], entities: Iterable[Entity],
                  relations: Iterable[Relation], quantities: Iterable[Quantity]) -> Iterator[Triple]:
    """Yield the triples :func:`kg.graph.build_graph` adds, as plain tuples.

    Parameters
    ----------
    reports, sentences, entities, relations, quantities : as ``build_graph`` takes them.

    Yields
    ------
    ``(subject IRI, predicate IRI, object)`` (see the module docstring): the
    global triples first, then each report's, a triple possibly more than
    once where build_graph adds it more than once.

    Raises
    ------
    ValueError, as build_graph, for an unknown entity type, relation
    predicate or quantity kind.

    Examples
    --------
    >>> from kg.model import Entity
    >>> triples = list(graph_triples([], [], [Entity("University/江北大学", "University", "江北大学")], [], []))
    >>> triples[0]
    ('https://w3id.org/kgst/id/University/江北大学', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', (0, 'https://w3id.org/kgst/ontology#University'))
    """
    parts = _split(reports, sentences, entities, relations, quantities)
    for group in parts.global_triples():
        yield from group
    for report_id in sorted(parts.local):
        yield from parts.local_triples(report_id)


# ------------------------------------------------------------------ text

@functools.cache
def _prefixes() -> dict[str, str]:
    """Namespace → prefix, as build_graph binds them."""
    graph = Graph(bind_namespaces="core")
    _bind_prefixes(graph)
    return {str(ns): prefix for prefix, ns in graph.namespace_manager.namespaces()}


_INVALID_IRI = re.compile(r'[<>" {}|\\^`]')


def quote(text: str) -> str:
    """Return ``text`` as a quoted Turtle string, exactly as ``rdflib.Literal(text).n3()`` does.

    >>> quote('说"好"')
    '"说\\\\"好\\\\""'
    """
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


@functools.lru_cache(maxsize=65536)
def _iri_text(text: str) -> tuple[str, tuple[str, str] | None]:
    """An IRI as Turtle (a prefixed name where kg.graph's writer makes one) and the prefix it uses."""
    cut = max(text.rfind("#"), text.rfind("/")) + 1
    prefix = _prefixes().get(text[:cut])
    if prefix is not None and _PN_LOCAL.fullmatch(text[cut:]):
        return f"{prefix}:{text[cut:]}", (prefix, text[:cut])
    if _INVALID_IRI.search(text):
        raise ValueError(f'"{text}" does not look like a valid URI, it cannot be written as Turtle')
    return f"<{text}>", None


class _Text:
    """Turtle text of terms, remembering the prefixes it used (like kg.graph's writer)."""

    def __init__(self) -> None:
        self.used: set[tuple[str, str]] = set()
        self._iris: dict[str, str] = {}

    def iri(self, text: str) -> str:
        found = self._iris.get(text)
        if found is None:
            found, prefix = _iri_text(text)
            if prefix is not None:
                self.used.add(prefix)
            self._iris[text] = found
        return found

    def predicate(self, text: str) -> str:
        return "a" if text == _TYPE else self.iri(text)

    def forget(self, above: int) -> None:
        """Forget the text of the IRIs seen once there are more than ``above`` (the prefixes used stay)."""
        if len(self._iris) > above:
            self._iris.clear()

    def object(self, o: tuple) -> str:
        kind = o[0]
        if kind == IRI:
            return self.iri(o[1])
        if kind == PLAIN:
            return quote(o[1])
        if kind == ZH:
            return quote(o[1]) + "@zh"
        if kind == INT:
            return str(o[1])
        lexical, datatype = o[1], o[2]
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        if datatype == _XSD_STRING:
            return quote(lexical)
        return f"{quote(lexical)}^^{self.iri(datatype)}"


#: ``(subject text, ((predicate text, object text), ...))``, the rows sorted and unique.
Block = tuple[str, tuple[tuple[str, str], ...]]


def _blocks(triples: Iterable[Triple], text: _Text) -> list[Block]:
    """Group triples by subject as Turtle text; blocks sorted by subject, rows sorted and unique."""
    rows: dict[str, set[tuple[str, str]]] = defaultdict(set)
    known, iri, other = text._iris, text.iri, text.object
    # the loop runs once per triple: the common terms are written here, not in calls
    for s, p, o in triples:
        kind = o[0]
        if kind == IRI:
            obj = known.get(o[1]) or iri(o[1])
        elif kind == PLAIN:
            obj = quote(o[1])
        elif kind == INT:
            obj = str(o[1])
        else:
            obj = other(o)
        rows[known.get(s) or iri(s)].add(("a" if p == _TYPE else known.get(p) or iri(p), obj))
    return [(subject, tuple(sorted(rows[subject]))) for subject in sorted(rows)]


def _kind(subject: str) -> str:
    """The first path segment of a subject under the id namespace (``sentence``, ``mention`` …)."""
    body = subject[len(_ID) + 1:] if subject.startswith("<" + _ID) else subject
    return body.split("/", 1)[0]


def _runs(blocks: list[Block]) -> list[list[Block]]:
    """Cut sorted blocks where the subject's kind changes: runs of other reports fall in between."""
    runs: list[list[Block]] = []
    last = None
    for block in blocks:
        kind = _kind(block[0])
        if kind != last:
            runs.append([])
            last = kind
        runs[-1].append(block)
    return runs


# ------------------------------------------------------------------ cache of report runs

@functools.cache
def turtle_version() -> str:
    """Return the digest of what decides the Turtle of a report (this module, kg.graph, rdflib, Python).

    >>> len(turtle_version())
    64
    """
    digest = hashlib.sha256(f"rdflib={metadata.version('rdflib')};python={platform.python_version()}".encode())
    for module in ("turtle.py", "graph.py", "namespace.py"):
        digest.update(b"\0" + (Path(__file__).resolve().parent / module).read_bytes())
    return digest.hexdigest()


def _triples_key(triples: list[Triple]) -> str:
    # marshal (format 2: no back-references) writes the content, about six times faster than
    # repr; it also marks strings Python interned, so equal triples may get another key (a
    # cache miss), never different triples the same one
    digest = hashlib.sha256(turtle_version().encode("ascii"))
    digest.update(marshal.dumps(triples, 2))
    return digest.hexdigest()


class _Run:
    """A sorted run of blocks: in memory, in a cache file (read when the merge reaches it) or
    made one block at a time as the merge takes them (an iterator, read once)."""

    __slots__ = ("first", "blocks", "path", "offset")

    def __init__(self, first: str, blocks: Iterable[Block] | None = None, path: Path | None = None,
                 offset: int = 0):
        self.first, self.blocks, self.path, self.offset = first, blocks, path, offset

    def load(self) -> Iterable[Block]:
        if self.blocks is not None:
            return self.blocks
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            return pickle.load(f)


@dataclass(slots=True)
class _Entry:
    """One report's runs as stored: the prefixes they use and the runs."""

    prefixes: list[tuple[str, str]]
    triples: int
    runs: list[_Run]


class TurtleCache:
    """Each report's Turtle runs on disk, keyed by a digest of the report's triples.

    Parameters
    ----------
    folder : where the entries go (``kg build`` uses the extraction
        cache's folder); a folder per :func:`turtle_version` is made in it.

    Entries are written atomically and read lazily; one that cannot be read
    is made again.  No method raises on a folder that cannot be written:
    the build is then only slower.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.entries = self.folder / f"turtle-{turtle_version()[:16]}"
        self.used: set[str] = set()
        self.hits = 0

    def _path(self, key: str) -> Path:
        return self.entries / f"{key}.runs"

    def load(self, key: str) -> _Entry | None:
        """Return the entry stored under ``key`` (its runs not yet read), or None."""
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                prefixes, triples, heads, size = pickle.load(f)
                base = f.tell()
                if os.fstat(f.fileno()).st_size != base + size:
                    raise ValueError("truncated entry")
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is made again
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        self.used.add(key)
        self.hits += 1
        return _Entry(prefixes, triples, [_Run(first, path=path, offset=base + offset) for first, offset in heads])

    def store(self, key: str, prefixes: list[tuple[str, str]], triples: int,
              runs: list[list[Block]]) -> _Entry | None:
        """Store ``runs`` under ``key``; return the entry reading them back, None if not written."""
        chunks = [pickle.dumps(run, protocol=pickle.HIGHEST_PROTOCOL) for run in runs]
        heads, offset = [], 0
        for run, chunk in zip(runs, chunks):
            heads.append((run[0][0], offset))
            offset += len(chunk)
        header = pickle.dumps((prefixes, triples, heads, offset), protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(key)
        try:
            self.entries.mkdir(parents=True, exist_ok=True)
            with atomic_output(path, durable=False) as f:
                f.write(header)
                for chunk in chunks:
                    f.write(chunk)
        except OSError:
            return None
        self.used.add(key)
        return _Entry(prefixes, triples, [_Run(first, path=path, offset=len(header) + offset)
                                          for first, offset in heads])

    def prune(self, max_unused_days: float = 30) -> int:
        """Remove the folders of other Turtle versions and entries unused for ``max_unused_days``.

        Entries this build used are kept.  Returns how many entries were removed.
        """
        removed = 0
        with contextlib.suppress(OSError):
            for folder in self.folder.glob("turtle-*"):
                if folder.is_dir() and folder != self.entries:
                    removed += sum(1 for _ in folder.glob("*.runs"))
                    shutil.rmtree(folder, ignore_errors=True)
        limit = time.time() - max_unused_days * 86400
        try:
            entries = list(os.scandir(self.entries))
        except OSError:
            return removed
        for entry in entries:
            with contextlib.suppress(OSError):
                stale = entry.name.endswith(".tmp") and entry.stat().st_mtime < time.time() - 3600
                unused = entry.name.endswith(".runs") and entry.name[:-5] not in self.used \
                    and entry.stat().st_mtime < limit
                if stale or unused:
                    os.unlink(entry.path)
                    removed += 1
        return removed


# ------------------------------------------------------------------ merge and write

def _merge(runs: list[_Run]) -> Iterator[Block]:
    """Merge sorted runs into one sorted stream, uniting the rows of a subject found in several.

    A run is read only when the merge reaches its first subject, and let go
    when it is used up, so runs that do not overlap are held one at a time.
    """
    runs = sorted(runs, key=lambda r: r.first)
    heap: list = []
    taken = 0

    def push(n: int, blocks: Iterator[Block]) -> None:
        block = next(blocks, None)
        if block is not None:
            heapq.heappush(heap, (block[0], n, block[1], blocks))

    while taken < len(runs) or heap:
        while taken < len(runs) and (not heap or runs[taken].first <= heap[0][0]):
            push(taken, iter(runs[taken].load()))
            taken += 1
        subject, n, rows, blocks = heapq.heappop(heap)
        push(n, blocks)
        if heap and heap[0][0] == subject or taken < len(runs) and runs[taken].first == subject:
            merged = set(rows)
            while True:
                while taken < len(runs) and runs[taken].first == subject:
                    push(taken, iter(runs[taken].load()))
                    taken += 1
                if not heap or heap[0][0] != subject:
                    break
                _, n, more, others = heapq.heappop(heap)
                merged.update(more)
                push(n, others)
            rows = tuple(sorted(merged))
        yield subject, rows


@dataclass(slots=True)
class TurtleStats:
    """What :func:`write_turtle` did."""

    triples: int = 0           # triples written (as many as the rdflib graph would hold)
    reports: int = 0           # report groups
    from_cache: int = 0        # report groups whose runs came from the cache


#: The global part's IRIs whose text is remembered at a time (there is one per entity).
_KNOWN_IRIS = 100_000


class _GlobalRun:
    """The global part of the graph as one sorted run, each subject's block made when the merge
    reaches it, so that the global triples are never all in memory.

    Counts the triples it gives; its ``text`` holds the prefixes they used
    once the merge is over.
    """

    def __init__(self, parts: _Parts):
        self.parts, self.text, self.triples = parts, _Text(), 0
        subjects = parts.subjects()
        # sorted as their text will be; the keys are let go after the sort
        self.order = sorted(subjects, key=lambda node: _iri_text(node)[0])
        self.subjects = subjects

    def run(self) -> _Run | None:
        """The run of the global blocks; None when there is no global triple."""
        return _Run(_iri_text(self.order[0])[0], blocks=self._blocks()) if self.order else None

    def _blocks(self) -> Iterator[Block]:
        text, parts, subjects = self.text, self.parts, self.subjects
        for node in self.order:
            [block] = _blocks(parts.subject_triples(node, subjects.pop(node)), text)
            self.triples += len(block[1])
            text.forget(_KNOWN_IRIS)
            yield block


def write_turtle(path: str | os.PathLike, reports: Iterable[Report], sentences: Iterable[Sentence] | SentencesOf,
                 entities: Iterable[Entity], relations: Iterable[Relation], quantities: Iterable[Quantity],
                 *, cache: TurtleCache | None = None,
                 on_triples: Callable[[list[Triple]], None] | None = None) -> TurtleStats:
    """Write the graph of the resolved data as Turtle to ``path``, atomically.

    Parameters
    ----------
    path : the file to write (``graph.ttl``); its folder must exist.
    reports, sentences, entities, relations, quantities : as
        :func:`kg.graph.build_graph` takes them; ``sentences`` may also be a
        function giving the sentences of one report id (:data:`SentencesOf`),
        called once per report, in the order of report ids, when that
        report's triples are made, so that the sentences of all reports need
        not be in memory at once.
    cache : where each report's runs are kept between builds; None keeps
        them in memory for this call only.
    on_triples : called with each group of triples as it is made (the
        global ones, then each report's), e.g. to index them for the
        explorer.

    Returns
    -------
    TurtleStats.  The file holds exactly the bytes of
    ``serialize_turtle(build_graph(...))`` for the same input.

    Raises
    ------
    ValueError, as build_graph, for an unknown entity type, relation
    predicate or quantity kind; OSError if the file cannot be written.

    Each report's triples are made, turned into text (or found in the
    cache) and let go one report at a time; the global triples (entities,
    relations, targets and achievements) are made twice if ``on_triples`` is
    given, in groups for it and a subject at a time for the merge.
    """
    parts = _split(reports, sentences, entities, relations, quantities)
    stats = TurtleStats(reports=len(parts.local))
    global_run = _GlobalRun(parts)
    if on_triples is not None:
        for group in parts.global_triples():
            on_triples(group)
    runs: list[_Run] = []
    used: set[tuple[str, str]] = set()
    for report_id in sorted(parts.local):
        entry = _report_entry(parts.local_triples(report_id), cache, stats, on_triples)
        used.update(tuple(p) for p in entry.prefixes)
        stats.triples += entry.triples
        runs += entry.runs
    run = global_run.run()
    if run is not None:
        runs.append(run)
    path = Path(path)
    with atomic_output(path) as f, tempfile.TemporaryFile(dir=path.parent) as body:
        # the prefixes head the file but are known only once the global part is written
        first = True
        for subject, rows in _merge(runs):
            body.write((("" if first else "\n") + turtle_block(subject, rows)).encode("utf-8"))
            first = False
        used |= global_run.text.used
        head = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(used))
        f.write((head + ("\n" if head else "")).encode("utf-8"))
        body.seek(0)
        shutil.copyfileobj(body, f, 1 << 20)
    stats.triples += global_run.triples
    return stats


def _report_entry(triples: list[Triple], cache: TurtleCache | None, stats: TurtleStats,
                  on_triples: Callable[[list[Triple]], None] | None) -> _Entry:
    """Return the runs of one report's triples: from ``cache`` if there, else made (and stored)."""
    if on_triples is not None:
        on_triples(triples)
    if cache is not None:
        key = _triples_key(triples)
        entry = cache.load(key)
        if entry is not None:
            stats.from_cache += 1
            return entry
    text = _Text()
    blocks = _blocks(triples, text)
    prefixes = sorted(text.used)
    count = sum(len(rows) for _, rows in blocks)
    entry = cache.store(key, prefixes, count, _runs(blocks)) if cache is not None else None
    if entry is None:
        entry = _Entry(prefixes, count, [_Run(run[0][0], blocks=run) for run in _runs(blocks)])
    return entry


def turtle_bytes(reports: Iterable[Report], sentences: Iterable[Sentence], entities: Iterable[Entity],
                 relations: Iterable[Relation], quantities: Iterable[Quantity]) -> bytes:
    """Return what :func:`write_turtle` writes, as bytes (for small graphs and tests).

    >>> from kg.model import Entity
    >>> print(turtle_bytes([], [], [Entity("University/江北大学", "University", "江北大学")], [], []).decode())
    @prefix kg: <https://w3id.org/kgst/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <BLANKLINE>
    <https://w3id.org/kgst/id/University/江北大学> a kg:University ;
        rdfs:label "江北大学"@zh ;
        skos:prefLabel "江北大学"@zh .
    <BLANKLINE>
    """
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "graph.ttl"
        write_turtle(target, reports, sentences, entities, relations, quantities)
        return target.read_bytes()
