"""The SPARQL query library: files in ``queries/`` with a header, parsed once, run with bindings.

Each ``queries/NAME.rq`` (and ``queries/checks/NAME-violation.rq``) opens
with comment lines::

    # title: Which entities were certified as a designation? (English question)
    # 问题: 哪些主体获得了资质认定?
    # params: ?designation ?year      (variables that may be bound, or "none")
    # returns: designation subject year

:func:`load_query` parses the header and prepares the query (a syntax error
or an undeclared prefix is a :class:`~kg.errors.QueryError` naming line and
column); :func:`run_query` binds parameters with ``initBindings`` — never by
formatting text into the query — and :func:`format_result` writes the rows
as a text table or in the SPARQL 1.1 CSV, TSV and JSON results formats.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from pyparsing import ParseBaseException
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query as PreparedQuery
from rdflib.query import Result
from rdflib.term import Node

from kg.resources import project_path
from kg.errors import QueryError
from kg.namespace import ID, KG

__all__ = [
    "QUERY_DIR", "RESULT_FORMATS", "Query",
    "list_queries", "load_query", "parse_query", "page_query", "run_query", "to_term", "format_result",
]

#: The folder of the query library.
QUERY_DIR = project_path("queries")

#: Output formats of :func:`format_result`.
RESULT_FORMATS = ("table", "csv", "json", "tsv")

_HEADER = re.compile(r"^#\s*(title|问题|params|returns)\s*[:：]\s*(.*?)\s*$")
_PARAM = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")
_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")
_IRI_SCHEME = re.compile(r"^(https?|urn|file|mailto):\S+$")
_PNAME = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")
_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S+)")
_CELL_WIDTH = 48
# what may hide a brace or a keyword: comments, strings and IRIs
_OPAQUE = re.compile(r'<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                     r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_BRACE_OR_VALUES = re.compile(r"[{}]|\bVALUES\b", re.I)
_SLICE_TAIL = re.compile(r"(?:\s*\b(?:LIMIT|OFFSET)\s+\d+)+\s*$", re.I)
_SLICE_PART = re.compile(r"\b(LIMIT|OFFSET)\s+(\d+)", re.I)


@dataclass(frozen=True)
class Query:
    """A parsed, prepared SPARQL query and what its header says about it."""

    name: str                   # "targets-by-district", "checks/…-violation" or "<expression>"
    text: str
    prepared: PreparedQuery
    title: str = ""             # the question in English
    question: str = ""          # the question in Chinese (问题)
    params: tuple[str, ...] = ()   # variables that may be bound
    returns: tuple[str, ...] = ()  # the columns, as the header states them
    path: Path | None = None

    @property
    def kind(self) -> str:
        """``SelectQuery``, ``AskQuery``, ``ConstructQuery`` or ``DescribeQuery``."""
        return self.prepared.algebra.name

    @property
    def variables(self) -> tuple[str, ...]:
        """The projected variables of a SELECT query (empty for other kinds)."""
        return tuple(str(v) for v in self.prepared.algebra.get("PV") or ())


def _parse_header(text: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            header[match.group(1)] = match.group(2)
    return header


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _syntax_error(name: str, text: str, line: int, col: int, message: str) -> QueryError:
    lines = text.splitlines()
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return QueryError(f"{name}:{line}:{col}: SPARQL syntax error: {message}\n"
                      f"    {shown}\n    {' ' * (col - 1)}^")


@lru_cache(maxsize=256)
def _prepare_text(text: str) -> PreparedQuery:
    # Parsing is the slow part of a query (rdflib's parser); the same text prepares the same query.
    return prepareQuery(text)


def _prepare(name: str, text: str) -> PreparedQuery:
    try:
        return _prepare_text(text)
    except ParseBaseException as exc:
        raise _syntax_error(name, text, exc.lineno, exc.col, exc.msg) from None
    except Exception as exc:  # rdflib raises a bare Exception for an undeclared prefix
        match = _UNKNOWN_PREFIX.search(str(exc))
        if not match:
            raise QueryError(f"{name}: cannot prepare the query: {exc}") from exc
        prefix = match.group(1)
        found = re.search(rf"(?<![\w<:\"'])({re.escape(prefix)}):", _without_comments(text))
        line, col = _line_col(text, found.start()) if found else (1, 1)
        raise _syntax_error(name, text, line, col,
                            f"undeclared prefix {prefix!r}: add PREFIX {prefix}: <…>") from None


def _without_comments(text: str) -> str:
    """``text`` with comment lines blanked (same length, so offsets still hold)."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), text)


def parse_query(text: str, name: str = "<expression>", path: Path | None = None) -> Query:
    """Parse and prepare the SPARQL text ``text``.

    Parameters
    ----------
    text : the query, optionally opening with the ``# title:``/``# 问题:``/
        ``# params:``/``# returns:`` header.
    name : how error messages name the query.

    Returns
    -------
    :class:`Query`.  Without a ``# params:`` line every variable of the
    query may be bound.

    Raises
    ------
    QueryError with ``name:line:column`` for a syntax error or an undeclared prefix.

    Examples
    --------
    >>> q = parse_query("# title: Reports\\n# params: none\\n"
    ...                 "SELECT ?r WHERE { ?r a <https://w3id.org/kgst/ontology#Report> }")
    >>> q.title, q.params, q.variables
    ('Reports', (), ('r',))
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    prepared = _prepare(name, text)
    header = _parse_header(text)
    if "params" in header:
        params = tuple(_PARAM.findall(header["params"]))
    else:
        params = tuple(sorted({m for m in _PARAM.findall(_without_comments(text))}))
    return Query(
        name=name, text=text, prepared=prepared,
        title=header.get("title", ""), question=header.get("问题", ""),
        params=params, returns=tuple(header.get("returns", "").split()), path=path,
    )


def _query_name(path: Path) -> str:
    return path.relative_to(QUERY_DIR).with_suffix("").as_posix()


def list_queries(folder: Path | None = None) -> list[Query]:
    """Return every query of the library, loaded and sorted by name.

    Parameters
    ----------
    folder : the library folder (default :data:`QUERY_DIR`); its ``*.rq``
        files, then those of ``checks/``, named ``checks/NAME``.
    """
    base = folder or QUERY_DIR
    paths = sorted(base.glob("*.rq")) + sorted(base.glob("checks/*.rq"))
    return [parse_query(p.read_text(encoding="utf-8"), p.relative_to(base).with_suffix("").as_posix(), p)
            for p in paths]


def _available() -> str:
    names = sorted(_query_name(p) for p in (*QUERY_DIR.glob("*.rq"), *QUERY_DIR.glob("checks/*.rq")))
    return ", ".join(names)


def load_query(name_or_path: str | Path) -> Query:
    """Load a query of the library by name, or a ``.rq`` file by path.

    Parameters
    ----------
    name_or_path : ``targets-by-district``, ``checks/relation-without-evidence-violation``
        (a file of ``queries/`` without ``.rq``), or the path of any ``.rq`` file.

    Returns
    -------
    :class:`Query`, prepared.

    Raises
    ------
    QueryError for an unknown name (listing the available ones), an
    unreadable file or a syntax error (with line and column).
    """
    raw = str(name_or_path)
    path = Path(raw)
    if not (path.suffix == ".rq" or path.is_file()):
        candidate = QUERY_DIR / f"{raw}.rq"
        if not candidate.is_file():
            raise QueryError(f"no query named {raw!r}; available: {_available()}")
        return parse_query(candidate.read_text(encoding="utf-8"), raw, candidate)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{path}: cannot read the query file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: the query file is not UTF-8") from exc
    try:
        name = _query_name(path.resolve())
    except ValueError:
        name = str(path)
    return parse_query(text, name, path)


def to_term(value: str, namespaces: NamespaceManager | None = None) -> Node:
    """Return the RDF term a parameter value given as text stands for.

    Integers become ``xsd:integer``, decimals ``xsd:decimal``, ``<…>`` and
    ``http(s):``/``urn:`` strings IRIs, ``prefix:name`` an IRI when
    ``namespaces`` knows the prefix; anything else a plain string literal.
    Double quotes around the value force a plain string (``'"2025"'``).

    Examples
    --------
    >>> to_term("2025")
    rdflib.term.Literal('2025', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> to_term("高新技术企业")
    rdflib.term.Literal('高新技术企业')
    >>> to_term("<https://w3id.org/kgst/id/Designation/高新技术企业>")
    rdflib.term.URIRef('https://w3id.org/kgst/id/Designation/高新技术企业')
    """
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return Literal(text[1:-1])
    if _INT.match(text):
        return Literal(int(text))
    if _DECIMAL.match(text):
        return Literal(Decimal(text))
    if text.startswith("<") and text.endswith(">") and len(text) > 2:
        return URIRef(text[1:-1])
    if _IRI_SCHEME.match(text):
        return URIRef(text)
    match = _PNAME.match(text)
    if match and namespaces is not None:
        known = dict(namespaces.namespaces())
        if (match.group(1) or "") in known:
            return URIRef(known[match.group(1) or ""] + match.group(2))
    return Literal(value)


def _masked(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked (same length, so offsets still hold)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), text)


def _outer_slice_span(text: str) -> tuple[int, int, int | None, int | None]:
    """Where the outermost query's ``LIMIT``/``OFFSET`` are written (an empty span where they
    would go when there are none: before a closing ``VALUES`` block, else at the end), and
    the limit and offset written there."""
    masked = _masked(text)
    depth, cut = 0, len(text)
    for match in _BRACE_OR_VALUES.finditer(masked):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            cut = match.start()
            break
    tail = _SLICE_TAIL.search(masked, 0, cut)
    if tail is None:
        return cut, cut, None, None
    written = {kind.upper(): int(number) for kind, number in _SLICE_PART.findall(masked[tail.start():cut])}
    return tail.start(), cut, written.get("LIMIT"), written.get("OFFSET")


def page_query(query: Query, limit: int | None = None, offset: int = 0) -> Query:
    """Return ``query`` cut to one page of its rows: at most ``limit`` rows from row ``offset``.

    The page is applied to the outermost SELECT, within the ``LIMIT`` and
    ``OFFSET`` the query may already have: ``... LIMIT 50`` paged with
    ``limit=20, offset=40`` gives its rows 40–49.  The returned query's
    text ends with the combined ``LIMIT``/``OFFSET`` (placed before a
    closing ``VALUES`` block), and its prepared form has the same slice,
    so rdflib and a store (which runs the text) give the same page.

    Parameters
    ----------
    query : a SELECT query (ASK, CONSTRUCT and DESCRIBE are returned as
        they are when no page is asked for).
    limit : the most rows; None for all from ``offset``.
    offset : the rows to skip.

    Returns
    -------
    A :class:`Query` with the same name, header and parameters.

    Raises
    ------
    QueryError for a negative limit or offset, paging another kind of
    query, or a ``LIMIT``/``OFFSET`` written somewhere its text cannot be
    changed safely.

    Examples
    --------
    >>> q = parse_query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 50")
    >>> page_query(q, 20, 40).text.splitlines()[-1]
    'LIMIT 10 OFFSET 40'
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError(f"a page needs a limit and an offset of 0 or more, not {limit} and {offset}")
    if limit is None and offset == 0:
        return query
    if query.kind != "SelectQuery":
        raise QueryError(f"query {query.name} is not a SELECT query: --limit and --offset page SELECT queries")
    algebra = query.prepared.algebra
    outer = algebra.p if algebra.p.name == "Slice" else None
    start, end, written_limit, written_offset = _outer_slice_span(query.text)
    if (written_limit, written_offset or 0) != ((outer.length, outer.start) if outer is not None else (None, 0)):
        raise QueryError(f"query {query.name}: cannot page it, its LIMIT/OFFSET are not at its end; "
                         "write them after ORDER BY, or page it yourself")
    first = (written_offset or 0) + offset
    count = limit if written_limit is None else max(0, written_limit - offset)
    if limit is not None:
        count = min(count, limit)
    modifiers = " ".join([*([f"LIMIT {count}"] if count is not None else []),
                          *([f"OFFSET {first}"] if first else [])])
    text = query.text[:start].rstrip() + ("\n" + modifiers if modifiers else "") + "\n" + query.text[end:]
    sliced = CompValue("Slice", p=outer.p if outer is not None else algebra.p, start=first, length=count)
    if "_vars" in (outer if outer is not None else algebra.p):
        sliced["_vars"] = (outer if outer is not None else algebra.p)["_vars"]
    paged_algebra = CompValue(algebra.name, **algebra)
    paged_algebra["p"] = sliced
    prepared = PreparedQuery(query.prepared.prologue, paged_algebra)
    return replace(query, text=text, prepared=prepared)


def run_query(graph: Graph, query: Query | str | Path, bindings: dict[str, str] | None = None,
              *, limit: int | None = None, offset: int = 0) -> Result:
    """Run ``query`` on ``graph`` with ``bindings`` bound as initial values.

    Parameters
    ----------
    graph : the graph to query.
    query : a :class:`Query`, or the name or path of one (:func:`load_query`).
    bindings : parameter name (without ``?``) → value as text, typed with
        :func:`to_term`; only the query's declared parameters may be bound.
    limit, offset : return one page of the rows (:func:`page_query`); by
        default all of them.

    Returns
    -------
    rdflib's ``Result``: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT/DESCRIBE).

    Raises
    ------
    QueryError for a parameter the query does not declare (listing those it
    does), a page that cannot be taken (:func:`page_query`) or a failure
    while evaluating.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data='<urn:x:a> <urn:x:year> 2025 . <urn:x:b> <urn:x:year> 2026 .',
    ...                   format="turtle")
    >>> q = parse_query("# params: ?year\\nSELECT ?s WHERE { ?s <urn:x:year> ?year }")
    >>> [str(row.s) for row in run_query(g, q, {"year": "2026"})]
    ['urn:x:b']
    """
    if not isinstance(query, Query):
        query = load_query(query)
    query = page_query(query, limit, offset)
    init: dict[Variable, Node] = {}
    for name, value in (bindings or {}).items():
        key = name.lstrip("?$")
        if key not in query.params:
            allowed = ", ".join(f"?{p}" for p in query.params) or "none"
            raise QueryError(f"query {query.name} has no parameter ?{key}; parameters: {allowed}")
        init[Variable(key)] = to_term(value, graph.namespace_manager)
    try:
        return graph.query(query.prepared, initBindings=init)
    except Exception as exc:
        raise QueryError(f"query {query.name} failed: {exc}") from exc


# ---------------------------------------------------------------- output


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if _display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _prefixes(namespaces: NamespaceManager) -> list[tuple[str, str]]:
    """(prefix, namespace) pairs, longest namespace first, ``kg:`` and ``id:`` always included."""
    pairs = {str(ns): prefix for prefix, ns in namespaces.namespaces() if prefix}
    pairs.setdefault(str(KG._NS), "kg")
    pairs.setdefault(str(ID), "id")
    return sorted(((p, ns) for ns, p in pairs.items()), key=lambda pair: -len(pair[1]))


def _cell(term: Node | None, prefixes: list[tuple[str, str]]) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in prefixes:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    return str(term)


def _table(result: Result, namespaces: NamespaceManager, width: int) -> str:
    columns = [str(v) for v in result.vars or ()]
    prefixes = _prefixes(namespaces)
    rows = [[_clip(_cell(row[i], prefixes), width) for i in range(len(columns))] for row in result]
    widths = [max([_display_width(c)] + [_display_width(r[i]) for r in rows]) for i, c in enumerate(columns)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _display_width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return term.n3()


def _tsv(result: Result) -> str:
    columns = list(result.vars or ())
    out = ["\t".join(f"?{v}" for v in columns)]
    for row in result:
        out.append("\t".join(_tsv_term(row[i]) for i in range(len(columns))))
    return "\n".join(out) + "\n"


def format_result(result: Result, fmt: str = "table", namespaces: NamespaceManager | None = None,
                  width: int = _CELL_WIDTH) -> str:
    """Return ``result`` as text in ``fmt``.

    Parameters
    ----------
    result : what :func:`run_query` returned.
    fmt : ``table`` (aligned columns, IRIs shortened with ``namespaces``,
        cells clipped to ``width`` display columns), or the SPARQL 1.1 query
        results formats ``csv``, ``tsv`` and ``json``.  An ASK result is
        ``true``/``false`` in ``table``/``csv``/``tsv``; a CONSTRUCT or
        DESCRIBE result is Turtle whatever ``fmt`` says.

    Raises
    ------
    QueryError for an unknown format.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; expected one of {', '.join(RESULT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    if result.type == "ASK" and fmt != "json":
        return ("true" if result.askAnswer else "false") + "\n"
    if fmt == "table":
        return _table(result, namespaces or Graph().namespace_manager, width)
    if fmt == "tsv":
        return _tsv(result)
    buffer = io.BytesIO()
    result.serialize(destination=buffer, format=fmt, encoding="utf-8")
    text = buffer.getvalue().decode("utf-8")
    if fmt == "json":
        # rdflib writes ASCII escapes; analysts read CJK.
        data = json.loads(text)
        ordered = {key: data[key] for key in ("head", "boolean", "results") if key in data}
        text = json.dumps(ordered, ensure_ascii=False, indent=1)
    return text if text.endswith("\n") else text + "\n"
