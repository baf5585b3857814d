"""Checking a graph: the SHACL shapes of ``ontology/shapes.ttl`` and the ``*-violation.rq`` checks.

:func:`validate_graph` runs pyshacl with the shapes (no inference) and then
every ``queries/checks/*-violation.rq`` (each row is a violation), and
returns a :class:`ValidationReport` whose violations read in plain words:
the focus node's label, the property, the message.  Results of severity
``sh:Warning`` or ``sh:Info`` are reported apart and do not make a graph
non-conforming.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.resources import project_path
from kg.errors import KGError
from kg.namespace import ID, KG
from kg.queries import QUERY_DIR, parse_query, run_query

__all__ = ["SHAPES_PATH", "Violation", "ValidationReport", "load_shapes", "validate_graph"]

#: The SHACL shapes of a kg graph.
SHAPES_PATH = project_path("ontology", "shapes.ttl")

_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Violation:
    """One result: which node, which property, what is wrong."""

    focus: str                  # the focus node's IRI (or literal)
    label: str                  # its name, else a short form of the IRI
    path: str | None            # the property, prefixed (kg:value), if any
    value: str | None           # the offending value, if any
    message: str
    severity: str = "Violation"  # "Violation", "Warning" or "Info"
    source: str = ""            # the shape, or the check query's name

    def line(self) -> str:
        """The result in one line of plain words."""
        where = f"{self.label}"
        if self.path:
            where += f" — {self.path}"
        text = f"{where}: {self.message}"
        if self.value:
            text += f" (value: {self.value})"
        return text


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms, and why not."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)

    def text(self, limit: int | None = None) -> str:
        """The report in plain words: a summary line, then one line per result.

        Parameters
        ----------
        limit : print at most this many violations (and warnings); None for all.
        """
        head = ("the graph conforms to the shapes" if self.conforms
                else f"the graph does not conform: {len(self.violations)} violation(s)")
        if self.warnings:
            head += f", {len(self.warnings)} warning(s)"
        lines = [head]
        for title, items in (("violation", self.violations), ("warning", self.warnings)):
            shown = items if limit is None else items[:limit]
            lines.extend(f"{title}: {v.line()}" for v in shown)
            if len(shown) < len(items):
                lines.append(f"… and {len(items) - len(shown)} more {title}(s)")
        return "\n".join(lines) + "\n"


def load_shapes(path: str | Path | None = None) -> Graph:
    """Return the shapes graph at ``path`` (default :data:`SHAPES_PATH`).

    Raises
    ------
    KGError when the file cannot be read or is not valid Turtle.
    """
    source = Path(path) if path is not None else SHAPES_PATH
    try:
        return Graph().parse(source, format="turtle")
    except Exception as exc:
        raise KGError(f"{source}: cannot read the shapes: {exc}") from exc


def _short(term: Node, graph: Graph) -> str:
    text = str(term)
    for prefix, ns in (("kg", str(KG._NS)), ("id", str(ID))):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:
            return f"<{text}>"
    return text


def _label(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return f'"{node}"'
    for prop in (SKOS.prefLabel, RDFS.label, DCTERMS.title, KG.text, KG.indicator):
        value = graph.value(node, prop)
        if value is not None:
            kind = graph.value(node, RDF.type)
            kind_text = f" ({_short(kind, graph)})" if kind is not None else ""
            return f"{value}{kind_text}"
    return _short(node, graph)


def _path_text(results: Graph, path: Node | None, data: Graph) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return _short(path, data)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{_short(inverse, data)}"
    return str(path)


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """The IRI of the node shape a result comes from (a property shape is a blank node)."""
    if shape is not None and not isinstance(shape, URIRef):
        shape = shapes.value(None, SH.property, shape) or shape
    return str(shape) if isinstance(shape, URIRef) else "shapes"


def _shacl_results(graph: Graph, shapes: Graph) -> list[Violation]:
    try:
        from pyshacl import validate
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise KGError("validation needs pyshacl: pip install pyshacl") from exc
    _, results, _ = validate(graph, shacl_graph=shapes, inference="none",
                             allow_warnings=True, advanced=False)
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        messages = [str(m) for m in results.objects(result, SH.resultMessage)]
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), "Violation")
        shape = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        message = messages[0] if messages else _short(component, graph) if component else "invalid"
        out.append(Violation(
            focus=str(focus), label=_label(graph, focus),
            path=_path_text(results, path, graph),
            value=None if value is None else _label(graph, value) if isinstance(value, URIRef) else str(value),
            message=message, severity=severity,
            source=_shape_name(shapes, shape),
        ))
    return out


def _check_results(graph: Graph, folder: Path) -> list[Violation]:
    out = []
    for path in sorted((folder / "checks").glob("*-violation.rq")):
        query = parse_query(path.read_text(encoding="utf-8"), f"checks/{path.stem}", path)
        result = run_query(graph, query)
        for row in result:
            focus = row[0]
            details = ", ".join(f"{var}={_short(row[i], graph)}" for i, var in enumerate(result.vars)
                                if i > 0 and row[i] is not None)
            out.append(Violation(
                focus=str(focus), label=_label(graph, focus) if focus is not None else "",
                path=None, value=details or None, message=query.title or query.name,
                source=query.name,
            ))
    return out


def validate_graph(graph: Graph, shapes: Graph | str | Path | None = None,
                   checks: bool = True, query_dir: Path | None = None) -> ValidationReport:
    """Validate ``graph`` against the kg shapes and the violation checks.

    Parameters
    ----------
    graph : the graph to check (not modified).
    shapes : a shapes graph or the path of one (default ``ontology/shapes.ttl``).
    checks : also run ``queries/checks/*-violation.rq``; each row is a violation.
    query_dir : the query library holding ``checks/`` (default ``queries/``).

    Returns
    -------
    :class:`ValidationReport`: ``conforms`` is False when there is any
    result of severity Violation; warnings are listed apart.  Results are
    sorted by label, property and message; identical lines are given once.

    Examples
    --------
    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
    """
    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes)
    results = _shacl_results(graph, shapes_graph)
    if checks:
        results.extend(_check_results(graph, query_dir or QUERY_DIR))
    # One constraint broken several ways (datatype and range of one value) reads as one line.
    unique = {(v.focus, v.path, v.value, v.message, v.severity): v for v in results}
    results = sorted(unique.values(), key=lambda v: (v.label, v.path or "", v.message, v.value or "", v.focus))
    violations = [v for v in results if v.severity == "Violation"]
    warnings = [v for v in results if v.severity != "Violation"]
    return ValidationReport(conforms=not violations, violations=violations, warnings=warnings)
