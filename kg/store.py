"""An on-disk Oxigraph store of a kg graph: write it, open it, and query it like a graph file.

:func:`write_store` loads ``graph.ttl`` (or a ``.nt``, ``.nq``, ``.trig``
export) into a new Oxigraph (RocksDB) store.  Turtle and N-Triples are split
with :func:`kg.export.report_dataset`: each report's facts go into a named
graph named by the report's IRI, the entities into the default graph.
Queries see the union of all graphs as their default graph, so the library
in ``queries/`` gives the same rows on the store as on ``graph.ttl``.

Oxigraph 0.5 repeats a triple once per graph holding it when it queries the
union (oxigraph/oxigraph#1919), which would count such a triple twice.  A
triple that several reports state is therefore kept once, in the default
graph, instead of in each of their graphs; every other triple sits in
exactly one graph.

:func:`open_store` opens a store (read-only by default), and
:func:`run_store_query` and :func:`query_store` run a query of the library
(:mod:`kg.queries`) on it with the same ``--param`` bindings as ``kg query``
and the same output formats.

:func:`select_page` answers one page of a SELECT query (``--limit``,
``--offset``, ``/queries/NAME?limit=&offset=``) from the store's result
cache: the first page runs the query once and keeps every row in the
store's folder (``kg-results/``), so the next pages, and the same page
again, are read instead of evaluated.  ``kg build --store`` writes a new
store and swaps it in, which leaves no entry behind, and each entry is also
keyed by the names, sizes and times of the store's database files, so a
store written to in any other way does not answer from old rows.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import NamespaceManager, RDF, XSD
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import InputError, KGError, QueryError
from kg.files import fsync_folder
from kg.namespace import ID, KG
from kg.queries import Query, format_result, load_query, to_term

__all__ = [
    "StoreError", "is_store", "write_store", "open_store", "store_namespaces",
    "query_substitutions", "bind_parameters", "oxigraph_term", "rdflib_term", "result_from_oxigraph",
    "run_store_query", "query_store", "select_page", "RESULT_CACHE",
]

#: the folder of a store that holds the rows of queries already answered
RESULT_CACHE = "kg-results"
#: results with more rows than this are not kept (each page then runs the query)
CACHE_MAX_ROWS = 200_000
#: rows a file of a kept result holds (a page reads one or two of them)
CACHE_CHUNK_ROWS = 1_000

_QUAD_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
                 ".trig": ox.RdfFormat.TRIG}
_XSD_STRING = str(XSD.string)
_XSD_DECIMAL = str(XSD.decimal)
_LANG_STRING = str(RDF.langString)

# Comments, strings and IRIs (left alone), BOUND(?var), and variables.
_SPARQL_TOKEN = re.compile(r"""
    \#[^\n]*
  | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
  | <[^<>"{}|^`\\\x00-\x20]*>
  | \bBOUND\s*\(\s*[?$](?P<bound>[\w\u00B7\u0300-\u036F\u203F\u2040]+)\s*\)
  | [?$](?P<var>[\w\u00B7\u0300-\u036F\u203F\u2040]+)
""", re.VERBOSE | re.IGNORECASE)

# Triples that sit in a named graph and also in the default graph or in another named graph.
_SHARED_TRIPLES = """
SELECT DISTINCT ?s ?p ?o WHERE {
  { GRAPH ?g { ?s ?p ?o } ?s ?p ?o }
  UNION
  { GRAPH ?g { ?s ?p ?o } GRAPH ?other { ?s ?p ?o } FILTER (?other != ?g) }
}"""


class StoreError(KGError):
    """A folder is not a store, or a store cannot be written or opened."""


def is_store(folder: str | Path) -> bool:
    """Return True when ``folder`` holds an Oxigraph (RocksDB) database.

    >>> is_store("/no/such/folder")
    False
    """
    return (Path(folder) / "CURRENT").is_file()


# ---------------------------------------------------------------- writing


def write_store(source: str | Path, store_dir: str | Path) -> int:
    """Load the RDF file ``source`` into a new store at ``store_dir``; return its number of quads.

    Parameters
    ----------
    source : a graph written by kg: ``graph.ttl`` (or ``.nt``, ``.jsonld``:
        any file :func:`kg.export.load_graph` reads), split into one named
        graph per report; or a ``.nq``/``.trig`` export, bulk-loaded with
        its graphs as they are.
    store_dir : the store's folder.  A store already there is replaced: the
        new one is built in a temporary folder beside it and then renamed
        into place, so an interrupted load leaves the old store whole.

    Raises
    ------
    InputError when ``source`` is missing or not valid RDF;
    StoreError when ``store_dir`` holds something that is not a store, or
    the store cannot be written.
    """
    source, target = Path(source), Path(store_dir)
    if not source.is_file():
        raise InputError(str(source), "no such graph file (run `kg build` first)")
    _check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        quads = _fill_store(source, building)
        _swap_into_place(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return quads


def _check_replaceable(target: Path) -> None:
    """Refuse to replace a file, or a folder with files in it that is not a store."""
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: is a file, not a store folder; choose another --store folder")
    if target.is_dir() and any(target.iterdir()) and not is_store(target):
        raise StoreError(f"{target}: this folder has files in it and is not a store; "
                         "choose an empty or new folder so nothing in it is replaced")


def _fill_store(source: Path, folder: Path) -> int:
    """Bulk-load ``source`` into a new store in ``folder``; return the number of quads."""
    store = ox.Store(str(folder))
    try:
        _bulk_load(store, source)
        _keep_shared_triples_once(store)
        store.flush()
        return len(store)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write the store: {exc}") from exc
    finally:
        del store
        gc.collect()  # the store's files are closed only once it is freed


def _bulk_load(store: ox.Store, source: Path) -> None:
    suffix = source.suffix.lower()
    try:
        if suffix in _QUAD_FORMATS:
            store.bulk_load(path=str(source), format=_QUAD_FORMATS[suffix])
            return
        from kg.export import load_graph, serialize_graph

        nquads = serialize_graph(load_graph(source), "nquads")
        store.bulk_load(input=nquads, format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise InputError(str(source), f"not valid RDF: {exc}") from exc


def _keep_shared_triples_once(store: ox.Store) -> None:
    """Move each triple held by more than one graph into the default graph only."""
    shared = [(row["s"], row["p"], row["o"]) for row in store.query(_SHARED_TRIPLES)]
    for s, p, o in shared:
        for quad in list(store.quads_for_pattern(s, p, o, None)):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                store.remove(quad)
        store.add(ox.Quad(s, p, o, ox.DefaultGraph()))


def _swap_into_place(building: Path, target: Path) -> None:
    """Rename the finished store ``building`` to ``target``, moving an old store out of the way."""
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, retired)  # replaces the empty folder mkdtemp made
    os.replace(building, target)
    fsync_folder(target.parent)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


# ---------------------------------------------------------------- opening


def open_store(store_dir: str | Path, read_only: bool = True) -> ox.Store:
    """Open the store in ``store_dir`` and return it (a ``pyoxigraph.Store``).

    Parameters
    ----------
    read_only : open it read-only (several processes may then read it at
        once); False opens it for writing.

    Raises
    ------
    StoreError when the folder is missing, is not a store, or cannot be opened.
    """
    folder = Path(store_dir)
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such store folder; write one with "
                         f"`kg build --store {folder}`")
    if not is_store(folder):
        raise StoreError(f"{folder}: not a store (no Oxigraph database in this folder); "
                         f"write one with `kg build --store {folder}`")
    try:
        return ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot open the store: {exc}") from exc


# ---------------------------------------------------------------- terms


def store_namespaces() -> NamespaceManager:
    """Return the prefixes ``--param`` values and table cells use with a store.

    A store keeps no prefixes, so these are rdflib's usual ones plus ``kg:`` and ``id:``.
    """
    graph = Graph()
    graph.bind("kg", KG._NS, override=True, replace=True)
    graph.bind("id", ID, override=True, replace=True)
    return graph.namespace_manager


def oxigraph_term(term: Node):
    """Return the pyoxigraph term equal to the rdflib term ``term``.

    >>> oxigraph_term(Literal(2025))
    <Literal value=2025 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot use {term!r} as a value")


def rdflib_term(term) -> Node | None:
    """Return the rdflib term equal to the pyoxigraph term ``term`` (None stays None).

    >>> rdflib_term(ox.Literal("云岭县"))
    rdflib.term.Literal('云岭县')
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        if datatype == _XSD_DECIMAL and "." not in term.value:
            # Oxigraph writes 60.0 as "60"; kg (and XSD's canonical form) as "60.0".
            return Literal(term.value + ".0", datatype=XSD.decimal)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"cannot show the term {term} (RDF-star terms are not supported)")


def query_substitutions(query: Query, bindings: dict[str, str] | None,
                        namespaces: NamespaceManager | None = None) -> dict[str, object]:
    """Return ``bindings`` (name → value as text) as pyoxigraph terms, checked against ``query``.

    Values are typed as ``kg query --param`` types them (:func:`kg.queries.to_term`).

    Raises
    ------
    QueryError for a parameter the query does not declare (listing those it
    does) or a value that is not a valid IRI.
    """
    namespaces = namespaces or store_namespaces()
    values: dict[str, object] = {}
    for name, value in (bindings or {}).items():
        key = name.lstrip("?$")
        if key not in query.params:
            allowed = ", ".join(f"?{p}" for p in query.params) or "none"
            raise QueryError(f"query {query.name} has no parameter ?{key}; parameters: {allowed}")
        try:
            values[key] = oxigraph_term(to_term(value, namespaces))
        except ValueError as exc:
            raise QueryError(f"--param {key}={value}: not a valid IRI: {exc}") from exc
    return values


def bind_parameters(text: str, values: dict[str, object]) -> str:
    """Return the SPARQL ``text`` with each variable of ``values`` replaced by its term.

    This is the substitution of SPARQL's SEP-0007 (what rdflib's
    ``initBindings`` does): ``?name`` becomes the term, written in N-Triples
    syntax (IRIs checked, literals escaped, so no value can change the
    query's structure), and ``BOUND(?name)`` becomes ``true``.  Comments,
    strings and IRIs are left alone.  pyoxigraph's own ``substitutions``
    only accept variables the query projects, which the library's
    parameters are not.

    >>> import pyoxigraph as ox
    >>> bind_parameters('SELECT ?s { ?s ?p ?year FILTER (!BOUND(?year) || ?year > 1) } # ?year',
    ...                 {"year": ox.Literal("2025")})
    'SELECT ?s { ?s ?p "2025" FILTER (!true || "2025" > 1) } # ?year'
    """
    if not values:
        return text

    def replace(match: re.Match) -> str:
        name = match.group("bound") or match.group("var")
        if name is None or name not in values:
            return match.group(0)
        return "true" if match.group("bound") else str(values[name])

    return _SPARQL_TOKEN.sub(replace, text)


def result_from_oxigraph(answer, max_rows: int | None = None) -> tuple[Result, bool]:
    """Return pyoxigraph's query answer as an rdflib ``Result``, and whether rows were cut.

    Parameters
    ----------
    answer : what ``Store.query`` returned (solutions, a boolean or triples).
    max_rows : keep at most this many rows (or triples); None keeps all.
    """
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result, False
    rows = []
    for item in answer:
        if max_rows is not None and len(rows) >= max_rows:
            return _make_result(answer, rows), True
        rows.append(item)
    return _make_result(answer, rows), False


def _make_result(answer, rows: list) -> Result:
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        graph = Graph()
        for triple in rows:
            graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate),
                       rdflib_term(triple.object)))
        result.graph = graph
        return result
    result = Result("SELECT")
    variables = [Variable(v.value) for v in answer.variables]
    result.vars = variables
    result.bindings = [
        {var: rdflib_term(solution[var]) for var in variables if solution[var] is not None}
        for solution in rows
    ]
    return result


# ---------------------------------------------------------------- queries


def run_store_query(store: ox.Store, query: Query | str | Path,
                    bindings: dict[str, str] | None = None) -> Result:
    """Run ``query`` on ``store`` with ``bindings``; return rdflib's ``Result``, as :func:`kg.queries.run_query` does.

    Parameters
    ----------
    store : an open store (:func:`open_store`).
    query : a :class:`kg.queries.Query`, or the name or path of one.
    bindings : parameter name → value as text (``--param``).

    Raises
    ------
    QueryError for an unknown parameter or a failure while evaluating.
    """
    if not isinstance(query, Query):
        query = load_query(query)
    text = bind_parameters(query.text, query_substitutions(query, bindings))
    try:
        answer = store.query(text, use_default_graph_as_union=True)
        return result_from_oxigraph(answer)[0]
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query {query.name} failed: {exc}") from exc


def _store_stamp(folder: Path) -> str:
    """What identifies the data of the store in ``folder``: the name, size and time of each of its files."""
    try:
        files = sorted((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                       for entry in os.scandir(folder) if entry.is_file())
    except OSError:
        return ""
    return repr(files)


def _cache_entry(folder: Path, text: str) -> Path | None:
    stamp = _store_stamp(folder)
    if not stamp:
        return None
    digest = hashlib.sha256(f"{stamp}\n{text}".encode("utf-8")).hexdigest()
    return folder / RESULT_CACHE / digest[:40]


def _plain(term: Node | None) -> tuple | None:
    """A term as plain values, quick to pickle and to read back."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return ("l", str(term), str(term.datatype) if term.datatype else None, term.language)
    return ("b" if isinstance(term, BNode) else "u", str(term))


def _term(plain: tuple | None) -> Node | None:
    if plain is None:
        return None
    if plain[0] == "l":
        return Literal(plain[1], datatype=URIRef(plain[2]) if plain[2] else None, lang=plain[3])
    return BNode(plain[1]) if plain[0] == "b" else URIRef(plain[1])


def _read_page(entry: Path | None, offset: int, end: int | None) -> tuple[list[Variable], list[tuple]] | None:
    """Rows ``offset`` to ``end`` of a kept result, reading only the chunks that hold them."""
    if entry is None:
        return None
    try:
        with (entry / "rows.meta").open("rb") as f:
            names, count = pickle.load(f)
        end = count if end is None else min(end, count)
        plain: list[tuple] = []
        if offset < end:
            for chunk in range(offset // CACHE_CHUNK_ROWS, (end - 1) // CACHE_CHUNK_ROWS + 1):
                with (entry / f"rows-{chunk:06d}").open("rb") as f:
                    rows = pickle.load(f)
                first = chunk * CACHE_CHUNK_ROWS
                plain += rows[max(0, offset - first):end - first]
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None
    return [Variable(n) for n in names], [tuple(_term(t) for t in row) for row in plain]


def _keep_rows(entry: Path | None, variables: list[Variable], rows: list[tuple]) -> None:
    """Write the rows (of plain terms, :func:`_plain`) next to the store in chunks; a folder
    that cannot be written keeps nothing."""
    if entry is None:
        return
    try:
        entry.parent.mkdir(exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".rows-", dir=entry.parent))
        for chunk in range(0, max(len(rows), 1), CACHE_CHUNK_ROWS):
            with (building / f"rows-{chunk // CACHE_CHUNK_ROWS:06d}").open("wb") as f:
                pickle.dump(rows[chunk:chunk + CACHE_CHUNK_ROWS], f, protocol=pickle.HIGHEST_PROTOCOL)
        with (building / "rows.meta").open("wb") as f:
            pickle.dump(([str(v) for v in variables], len(rows)), f, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            os.replace(building, entry)
        except OSError:             # another process kept the same rows first
            shutil.rmtree(building, ignore_errors=True)
    except OSError:
        pass


def select_page(store: ox.Store, store_dir: str | Path, text: str, limit: int | None = None,
                offset: int = 0, max_rows: int | None = None) -> tuple[Result, bool]:
    """Rows ``offset`` to ``offset + limit`` of the SELECT query ``text``, from the result cache.

    Parameters
    ----------
    store : the open store of ``store_dir``.
    store_dir : its folder; the rows of every query answered are kept in its
        ``kg-results`` folder (up to :data:`CACHE_MAX_ROWS` rows a query).
    text : the whole query, parameters bound and not paged (a LIMIT or
        OFFSET of its own is kept: the page is taken within them).
    limit : the most rows of the page; None for all from ``offset``.
    offset : the rows to skip.
    max_rows : cut the page at this many rows (``kg serve --max-rows``).

    Returns
    -------
    (rdflib ``Result`` holding the page, whether ``max_rows`` cut it).

    Raises
    ------
    QueryError when the query fails or is not a SELECT query.
    """
    folder = Path(store_dir)
    entry = _cache_entry(folder, text)
    end = None if limit is None else offset + limit
    if max_rows is not None:
        end = offset + max_rows + 1 if end is None else min(end, offset + max_rows + 1)
    kept = _read_page(entry, offset, end)
    if kept is not None:
        variables, page = kept
    else:
        variables, page = _run_for_page(store, entry, text, None if end is None else end - offset, offset)
    cut = max_rows is not None and len(page) > max_rows
    if cut:
        page = page[:max_rows]
    result = Result("SELECT")
    result.vars = variables
    result.bindings = [{var: term for var, term in zip(variables, row) if term is not None} for row in page]
    return result, cut


def _run_for_page(store: ox.Store, entry: Path | None, text: str, limit: int | None,
                  offset: int) -> tuple[list[Variable], list[tuple]]:
    """Run the query; keep every row in the cache unless there are too many, and return the page."""
    try:
        answer = store.query(text, use_default_graph_as_union=True)
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("only SELECT queries are answered in pages")
    variables = [Variable(v.value) for v in answer.variables]
    end = None if limit is None else offset + limit
    rows: list[tuple] | None = []          # every row so far, until there are too many to keep
    page: list[tuple] = []
    try:
        for n, solution in enumerate(answer):
            in_page = n >= offset and (end is None or n < end)
            if rows is None and not in_page:
                if end is not None and n >= end:
                    break                   # nothing more to keep or show
                continue
            row = tuple(rdflib_term(solution[var]) for var in variables)
            if in_page:
                page.append(row)
            if rows is not None:
                rows.append(tuple(_plain(t) for t in row))
                if len(rows) > CACHE_MAX_ROWS:
                    rows = None             # too many to keep: from now on only the page
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if rows is not None:
        _keep_rows(entry, variables, rows)
    return variables, page


def query_store(store: ox.Store | str | Path, query: Query | str | Path,
                bindings: dict[str, str] | None = None, fmt: str = "table") -> str:
    """Run ``query`` on a store and return its rows as ``kg query`` prints them.

    Parameters
    ----------
    store : an open store, or the folder of one.
    query : a :class:`kg.queries.Query`, or the name or path of one.
    bindings : parameter name → value as text (``--param``).
    fmt : ``table``, ``csv``, ``json`` or ``tsv`` (:func:`kg.queries.format_result`).

    Raises
    ------
    StoreError when the folder is not a store; QueryError as :func:`run_store_query`.
    """
    if not isinstance(store, ox.Store):
        store = open_store(store)
    result = run_store_query(store, query, bindings)
    return format_result(result, fmt, store_namespaces())
