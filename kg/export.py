"""Reading a graph file, and exporting a graph as RDF (five syntaxes) or as CSV tables.

* ``turtle``, ``ntriples``: the graph as it is.
* ``jsonld``: JSON-LD compacted with the ``@context`` of ``ontology/context.jsonld``
  (embedded, so the file loads offline).
* ``nquads``, ``trig``: a dataset with one named graph per report, named by
  the report's IRI, holding the facts whose provenance points at that report
  (the report's own metadata, its sentences, mentions, evidence nodes, the
  relations they describe, its targets and achievements and the triples
  linking them to their owners, ``kg:mentions``); the default graph holds the
  rest, which no single report owns: the entities' types, names, codes and
  ``kg:locatedIn`` links.  A fact stated by two reports is in both graphs.
  The union of all graphs is the input graph.
* ``csv``: ``entities.csv``, ``relations.csv``, ``targets.csv`` and
  ``achievements.csv`` in a folder, UTF-8 with a byte order mark so that
  spreadsheet programs read the Chinese text.
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.resources import project_path
from kg.errors import InputError, KGError
from kg.graph import write_atomic
from kg.namespace import KG

__all__ = [
    "CONTEXT_PATH", "EXPORT_FORMATS", "RDF_FORMATS", "CSV_TABLES",
    "load_graph", "load_context", "report_dataset", "serialize_graph", "csv_tables",
    "export_graph",
]

#: The JSON-LD context of the ontology.
CONTEXT_PATH = project_path("ontology", "context.jsonld")

#: Export format → (rdflib format, file suffix); ``csv`` writes a folder.
RDF_FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "jsonld": ("json-ld", ".jsonld"),
    "ntriples": ("nt", ".nt"),
    "nquads": ("nquads", ".nq"),
    "trig": ("trig", ".trig"),
}
EXPORT_FORMATS = (*RDF_FORMATS, "csv")
_QUAD_FORMATS = ("nquads", "trig")
_SUFFIX_FORMAT = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt",
                  ".jsonld": "json-ld", ".json": "json-ld", ".nq": "nquads", ".trig": "trig",
                  ".rdf": "xml", ".owl": "xml", ".xml": "xml"}

#: The CSV files ``csv`` writes, and their columns.
CSV_TABLES = {
    "entities.csv": ("iri", "type", "name", "aliases", "located_in", "reports", "mentions"),
    "relations.csv": ("subject", "subject_name", "predicate", "object", "object_name",
                      "level", "year", "report", "sentence", "start", "end", "rule"),
    "targets.csv": ("iri", "owner", "owner_name", "indicator", "value", "unit", "year",
                    "reports", "sentences", "rule"),
    "achievements.csv": ("iri", "owner", "owner_name", "indicator", "value", "unit", "year",
                         "reports", "sentences", "rule"),
}

_RELATIONS = (KG.coBuilds, KG.certifiedAs, KG.appliesFor, KG.locatedIn)
_ENTITY_CLASSES = tuple(KG[name] for name in ("District", "Agency", "Enterprise", "ResearchInstitute",
                                               "University", "Platform", "Programme", "Policy",
                                               "Designation"))


def load_graph(path: str | Path) -> Graph:
    """Read the RDF file ``path`` into a graph.

    The syntax follows the suffix: ``.ttl`` Turtle, ``.nt`` N-Triples,
    ``.jsonld`` JSON-LD, ``.nq``/``.trig`` datasets (all their graphs are
    merged), ``.rdf``/``.xml`` RDF/XML.

    Raises
    ------
    InputError when the file is missing or not valid in its syntax.
    """
    source = Path(path)
    if not source.is_file():
        raise InputError(str(source), "no such graph file (run `kg build` first, or pass --graph)")
    fmt = _SUFFIX_FORMAT.get(source.suffix.lower(), "turtle")
    try:
        if fmt in ("nquads", "trig"):
            dataset = Dataset()
            dataset.parse(source, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            for prefix, ns in dataset.namespaces():
                graph.bind(prefix, ns, override=False)
            return graph
        return Graph().parse(source, format=fmt)
    except Exception as exc:
        raise InputError(str(source), f"not a valid {fmt} file: {exc}") from exc


def load_context(path: str | Path | None = None) -> dict:
    """Return the JSON-LD ``@context`` object of ``ontology/context.jsonld`` (or ``path``)."""
    source = Path(path) if path is not None else CONTEXT_PATH
    try:
        return json.loads(source.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as exc:
        raise KGError(f"{source}: cannot read the JSON-LD context: {exc}") from exc


def _report_index(graph: Graph) -> dict[Node, set[Node]]:
    """Node → the reports its facts come from (reports, sentences, mentions, evidence, quantities)."""
    owners: dict[Node, set[Node]] = defaultdict(set)
    for report in graph.subjects(RDF.type, KG.Report):
        owners[report].add(report)
    sentence_report = {s: r for s, r in graph.subject_objects(DCTERMS.isPartOf)}
    for sentence, report in sentence_report.items():
        owners[sentence].add(report)
    for cls in (KG.Mention, KG.Evidence):
        for node in graph.subjects(RDF.type, cls):
            for sentence in graph.objects(node, PROV.wasDerivedFrom):
                if sentence in sentence_report:
                    owners[node].add(sentence_report[sentence])
    for cls in (KG.Target, KG.Achievement):
        for node in graph.subjects(RDF.type, cls):
            owners[node].update(graph.objects(node, KG.inReport))
    return owners


def report_dataset(graph: Graph) -> Dataset:
    """Split ``graph`` into one named graph per report plus the default graph.

    Returns
    -------
    rdflib ``Dataset`` (named graphs by report IRI) whose union equals
    ``graph``; see the module docstring for what goes where.
    """
    owners = _report_index(graph)
    evidence_reports: dict[tuple, set[Node]] = defaultdict(set)
    for ev in graph.subjects(RDF.type, KG.Evidence):
        key = (graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate), graph.value(ev, RDF.object))
        evidence_reports[key].update(owners.get(ev, ()))
    dataset = Dataset()
    for prefix, ns in graph.namespaces():
        dataset.bind(prefix, ns, override=True, replace=True)
    default = dataset.default_graph
    named: dict[Node, Graph] = {}

    def graph_of(report: Node) -> Graph:
        if report not in named:
            named[report] = dataset.graph(report)
        return named[report]

    for s, p, o in graph:
        if p in (KG.targets, KG.achieved):
            reports = owners.get(o, set())
        elif p == KG.mentions:
            reports = {s}
        elif p in _RELATIONS and (s, p, o) in evidence_reports:
            reports = evidence_reports[(s, p, o)]
        else:
            reports = owners.get(s, set())
        if reports:
            for report in reports:
                graph_of(report).add((s, p, o))
        else:
            default.add((s, p, o))
    return dataset


def serialize_graph(graph: Graph, fmt: str = "turtle") -> bytes:
    """Return ``graph`` serialised in export format ``fmt`` (one of :data:`RDF_FORMATS`).

    Raises
    ------
    KGError for an unknown format.
    """
    if fmt not in RDF_FORMATS:
        raise KGError(f"unknown RDF format {fmt!r}; expected one of {', '.join(RDF_FORMATS)}")
    rdflib_format = RDF_FORMATS[fmt][0]
    if fmt in _QUAD_FORMATS:
        data = report_dataset(graph).serialize(format=rdflib_format, encoding="utf-8")
    elif fmt == "jsonld":
        data = graph.serialize(format=rdflib_format, context=load_context(), auto_compact=True,
                               encoding="utf-8")
    else:
        data = graph.serialize(format=rdflib_format, encoding="utf-8")
    return data if data.endswith(b"\n") else data + b"\n"


# ---------------------------------------------------------------- CSV


def _name(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    for prop in (SKOS.prefLabel, RDFS.label, DCTERMS.title):
        value = graph.value(node, prop)
        if value is not None:
            return str(value)
    return ""


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)


def _joined(values) -> str:
    return "; ".join(sorted({str(v) for v in values}))


def _local(term: Node | None) -> str:
    text = _text(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text


def _entity_rows(graph: Graph) -> list[list[str]]:
    mention_count: dict[Node, int] = defaultdict(int)
    for entity in graph.objects(None, KG.mentionOf):
        mention_count[entity] += 1
    rows = []
    for cls in _ENTITY_CLASSES:
        for node in graph.subjects(RDF.type, cls):
            reports = [_name(graph, r) or str(r) for r in graph.subjects(KG.mentions, node)]
            rows.append([
                str(node), _local(cls), _name(graph, node),
                _joined(graph.objects(node, SKOS.altLabel)),
                _joined(_name(graph, d) for d in graph.objects(node, KG.locatedIn)),
                _joined(reports), str(mention_count[node]),
            ])
    return sorted(rows, key=lambda r: (r[1], r[2], r[0]))


def _relation_rows(graph: Graph) -> list[list[str]]:
    rows = []
    described = set()
    for ev in graph.subjects(RDF.type, KG.Evidence):
        s, p, o = graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate), graph.value(ev, RDF.object)
        described.add((s, p, o))
        for sentence in list(graph.objects(ev, PROV.wasDerivedFrom)) or [None]:
            report = graph.value(sentence, DCTERMS.isPartOf) if sentence is not None else None
            rows.append([
                _text(s), _name(graph, s), _local(p), _text(o), _name(graph, o),
                _text(graph.value(ev, KG.level)), _text(graph.value(ev, KG.year)),
                _name(graph, report), _text(graph.value(sentence, KG.text)) if sentence is not None else "",
                _text(graph.value(sentence, KG.start)) if sentence is not None else "",
                _text(graph.value(sentence, KG.end)) if sentence is not None else "",
                _text(graph.value(ev, KG.rule)),
            ])
    for p in _RELATIONS:
        for s, o in graph.subject_objects(p):
            if (s, p, o) not in described:
                rows.append([_text(s), _name(graph, s), _local(p), _text(o), _name(graph, o),
                             "", "", "", "", "", "", ""])
    return sorted(rows, key=lambda r: (r[2], r[1], r[4], r[7], r[9]))


def _quantity_rows(graph: Graph, cls: URIRef, link: URIRef) -> list[list[str]]:
    rows = []
    for node in graph.subjects(RDF.type, cls):
        owners = sorted(graph.subjects(link, node), key=str)
        owner = owners[0] if owners else None
        rows.append([
            str(node), _text(owner), _name(graph, owner),
            _text(graph.value(node, KG.indicator)), _text(graph.value(node, KG.value)),
            _text(graph.value(node, KG.unit)), _text(graph.value(node, KG.year)),
            _joined(_name(graph, r) for r in graph.objects(node, KG.inReport)),
            " | ".join(sorted({_text(graph.value(s, KG.text)) for s in graph.objects(node, PROV.wasDerivedFrom)})),
            _joined(graph.objects(node, KG.rule)),
        ])
    return sorted(rows, key=lambda r: (r[2], r[3], r[6], r[0]))


def csv_tables(graph: Graph) -> dict[str, bytes]:
    """Return the four CSV tables of ``graph``: file name → UTF-8 bytes (with BOM).

    ``entities.csv`` one row per entity; ``relations.csv`` one row per
    relation and evidence sentence (a relation without evidence gets one row
    with the evidence columns empty); ``targets.csv`` and
    ``achievements.csv`` one row per node, with its owner, reports and sentences.
    """
    content = {
        "entities.csv": _entity_rows(graph),
        "relations.csv": _relation_rows(graph),
        "targets.csv": _quantity_rows(graph, KG.Target, KG.targets),
        "achievements.csv": _quantity_rows(graph, KG.Achievement, KG.achieved),
    }
    out = {}
    for name, rows in content.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_TABLES[name])
        writer.writerows(rows)
        out[name] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return out


def export_graph(graph: Graph, fmt: str, output: str | Path | None = None) -> list[Path]:
    """Export ``graph`` in ``fmt`` to ``output``; return the files written.

    Parameters
    ----------
    fmt : one of :data:`EXPORT_FORMATS`.
    output : for an RDF format, the file to write; for ``csv``, the folder
        (created if missing).  Files are written atomically.

    Raises
    ------
    KGError for an unknown format, a missing ``output``, or an ``output`` that
    is a folder where a file is needed (or the reverse).
    """
    if fmt not in EXPORT_FORMATS:
        raise KGError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    if output is None:
        raise KGError("say where to write the export (-o FILE, or -o DIR for csv)")
    target = Path(output)
    if fmt == "csv":
        if target.exists() and not target.is_dir():
            raise KGError(f"{target}: csv export writes a folder, and this is a file")
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in csv_tables(graph).items():
            write_atomic(target / name, data)
            written.append(target / name)
        return written
    if target.is_dir():
        raise KGError(f"{target}: is a folder; give a file name such as {target / ('graph' + RDF_FORMATS[fmt][1])}")
    if not target.parent.is_dir():
        raise KGError(f"{target.parent}: no such folder")
    write_atomic(target, serialize_graph(graph, fmt))
    return [target]
