"""A read-only SPARQL 1.1 Protocol endpoint over a kg store, with the query library and the explorer.

``kg serve`` answers at ``http://HOST:PORT/``:

* ``/sparql``: the SPARQL 1.1 Protocol. ``GET ?query=…``, ``POST`` with
  ``application/sparql-query`` or a form (``application/x-www-form-urlencoded``);
  ``default-graph-uri`` and ``named-graph-uri`` choose the dataset.  SELECT
  and ASK results in SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in
  Turtle or N-Triples, chosen by the ``Accept`` header or ``format=``.  Any
  SPARQL Update is refused (403).
* ``/queries``: the query library of ``queries/``; ``/queries/NAME?param=value``
  runs one, binding its parameters as ``kg query --param`` does
  (``limit=N&offset=M``: one page of its rows).
* ``/``: the explorer page ``graph.html`` beside the graph, or a small index page.

Queries run in worker processes that open the store read-only.  A query
still running after ``timeout`` seconds is stopped by ending its worker (a
new one takes its place) and answered with 503; at most ``max_rows`` rows
(or triples) are returned, and the ``X-KG-Truncated`` header says when
rows were cut.  Every answer carries CORS headers, so YASGUI or any page
in a browser can use the endpoint.
"""
from __future__ import annotations

import html
import json
import multiprocessing
import os
import queue
import re
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from kg.errors import KGError

__all__ = [
    "DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS",
    "ServeError", "Answer", "QueryPool", "ServerSettings",
    "is_update", "negotiate", "make_server", "serve",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000

#: How long a request may wait for a free worker before it is answered "busy".
QUEUE_TIMEOUT = 60.0
#: The largest request body accepted (a query or a form).
MAX_BODY = 1 << 20

#: Media type → result format, in the order preferred when the client accepts several.
SELECT_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/xml": "xml",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
}
#: Result format → the media type it is sent as.
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
}
_FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle",
                 "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples", "n-triples": "ntriples"}
_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_FIRST_KEYWORD = re.compile(
    r"^(?:\s|\#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*([A-Za-z]+)", re.IGNORECASE)
_GRAPH_PREFIXES = {
    "kg": "https://w3id.org/kgst/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}
#: Fields of ``/queries/NAME`` that are not the query's parameters.
_PAGE_FIELDS = ("format", "limit", "offset")


def _page_field(params: dict[str, list[str]], name: str) -> int | None:
    """The whole number of ``limit=`` or ``offset=`` in a query string, or None when absent or empty.

    Raises
    ------
    ServeError when it is not a whole number of 0 or more.
    """
    values = params.get(name)
    if not values or not values[-1].strip():
        return None
    if not values[-1].strip().isdigit():
        raise ServeError(f"{name}={values[-1]!r}: give a whole number of rows, 0 or more")
    return int(values[-1])


_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "X-KG-Truncated, Content-Type",
}


class ServeError(KGError):
    """The endpoint cannot start, or a query cannot be answered."""


# ---------------------------------------------------------------- requests


def is_update(text: str) -> bool:
    """Return True when the SPARQL ``text`` is an update (INSERT, DELETE, LOAD, CLEAR …), not a query.

    >>> is_update("PREFIX kg: <https://w3id.org/kgst/ontology#>\\n# comment\\nINSERT DATA { <a> <b> <c> }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    match = _FIRST_KEYWORD.match(text.lstrip("\ufeff"))
    return bool(match) and match.group(1).upper() in _UPDATE_KEYWORDS


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q-value the most specific matching range of ``ranges`` gives ``media`` (0 when none)."""
    kind = media.split("/")[0]
    best, specificity = 0.0, -1
    for pattern, quality in ranges:
        if pattern == media:
            rank = 2
        elif pattern == f"{kind}/*":
            rank = 1
        elif pattern == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = quality, rank
    return best


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """Return the format of ``offers`` (media type → format) the ``Accept`` header prefers.

    The first offer wins a tie; an empty header takes the first offer;
    None when the header accepts none of them.

    >>> negotiate("text/csv", SELECT_MEDIA)
    'csv'
    >>> negotiate("application/sparql-results+xml;q=0.5, application/json", SELECT_MEDIA)
    'json'
    >>> negotiate("text/turtle,*/*;q=0.9", SELECT_MEDIA)
    'json'
    >>> negotiate("image/png", GRAPH_MEDIA) is None
    True
    """
    if not accept or not accept.strip():
        return next(iter(offers.values()))
    ranges = _accept_ranges(accept)
    best, best_quality = None, 0.0
    for media, fmt in offers.items():
        quality = _quality(media, ranges)
        if quality > best_quality:
            best, best_quality = fmt, quality
    return best


def _chosen_formats(accept: str | None, format_param: str | None) -> tuple[str | None, str | None]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE) from ``format=`` or the Accept header."""
    if format_param:
        wanted = format_param.strip().lower()
        if "/" in wanted:
            return negotiate(wanted, SELECT_MEDIA), negotiate(wanted, GRAPH_MEDIA)
        name = _FORMAT_NAMES.get(wanted)
        if name is None:
            raise ServeError(f"unknown format {format_param!r}; use one of "
                             f"{', '.join(sorted(set(_FORMAT_NAMES)))} or a media type")
        return (name if name in ("json", "xml", "csv", "tsv") else None,
                name if name in ("turtle", "ntriples") else None)
    return negotiate(accept, SELECT_MEDIA), negotiate(accept, GRAPH_MEDIA)


@dataclass(frozen=True)
class QueryRequest:
    """What a worker needs to answer one query."""

    text: str
    select_format: str | None
    graph_format: str | None
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    #: (limit, offset) of a page of a library query: ``text`` is then the
    #: whole query, answered from the store's result cache (kg.store.select_page)
    page: tuple[int | None, int] | None = None


@dataclass(frozen=True)
class Answer:
    """A worker's answer: an HTTP status, the body and its media type, and whether rows were cut."""

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    truncated: bool = False
    rows: int = 0

    @classmethod
    def error(cls, status: int, message: str) -> "Answer":
        """An answer whose body is the plain-text ``message``."""
        return cls(status, (message.rstrip("\n") + "\n").encode("utf-8"))


# ---------------------------------------------------------------- workers


def _dataset_options(request: QueryRequest) -> dict:
    import pyoxigraph as ox

    if not request.default_graphs and not request.named_graphs:
        return {"use_default_graph_as_union": True}
    options: dict = {}
    if request.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if request.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs]
    return options


def _not_acceptable(kind: str, offers: dict[str, str]) -> Answer:
    return Answer.error(HTTPStatus.NOT_ACCEPTABLE,
                        f"none of the requested formats fits {kind} results; available: "
                        f"{', '.join(offers)} (or format={'|'.join(sorted(set(offers.values())))})")


def _graph_answer(answer, request: QueryRequest) -> Answer:
    import pyoxigraph as ox

    if request.graph_format is None:
        return _not_acceptable("CONSTRUCT/DESCRIBE", GRAPH_MEDIA)
    triples, truncated = [], False
    for triple in answer:
        if len(triples) >= request.max_rows:
            truncated = True
            break
        triples.append(triple)
    fmt = ox.RdfFormat.TURTLE if request.graph_format == "turtle" else ox.RdfFormat.N_TRIPLES
    body = ox.serialize(triples, format=fmt,
                        prefixes=_GRAPH_PREFIXES if request.graph_format == "turtle" else None)
    return Answer(HTTPStatus.OK, body, CONTENT_TYPES[request.graph_format], truncated, len(triples))


def _results_answer(answer, request: QueryRequest) -> Answer:
    from kg.store import result_from_oxigraph

    if request.select_format is None:
        return _not_acceptable("SELECT/ASK", SELECT_MEDIA)
    return _select_answer(*result_from_oxigraph(answer, request.max_rows), request)


def _page_answer(store, store_dir: str, request: QueryRequest) -> Answer:
    from kg.store import select_page

    if request.select_format is None:
        return _not_acceptable("SELECT/ASK", SELECT_MEDIA)
    limit, offset = request.page
    return _select_answer(*select_page(store, store_dir, request.text, limit, offset, request.max_rows), request)


def _select_answer(result, truncated: bool, request: QueryRequest) -> Answer:
    """The answer holding a SELECT or ASK result in the format the client asked for."""
    from kg.queries import format_result
    from kg.store import store_namespaces

    if request.select_format == "xml":
        body = result.serialize(format="xml", encoding="utf-8")
    else:
        body = format_result(result, request.select_format, store_namespaces()).encode("utf-8")
    rows = 0 if result.type == "ASK" else len(result.bindings)
    return Answer(HTTPStatus.OK, body, CONTENT_TYPES[request.select_format], truncated, rows)


def answer_query(store, request: QueryRequest, store_dir: str | None = None) -> Answer:
    """Run ``request`` on the open ``store`` and return the :class:`Answer` to send.

    A page of a library query (``request.page``) is read from the result
    cache of the store in ``store_dir`` when one is given.  A syntax error
    is a 400 with the parser's message; a format the client cannot take for
    this kind of result a 406.
    """
    import pyoxigraph as ox

    try:
        if request.page is not None and store_dir is not None \
                and not request.default_graphs and not request.named_graphs:
            return _page_answer(store, store_dir, request)
        answer = store.query(request.text, **_dataset_options(request))
        if isinstance(answer, ox.QueryTriples):
            return _graph_answer(answer, request)
        return _results_answer(answer, request)
    except SyntaxError as exc:
        return Answer.error(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {exc}")
    except ValueError as exc:
        return Answer.error(HTTPStatus.BAD_REQUEST, f"cannot run the query: {exc}")
    except (OSError, RuntimeError, KGError) as exc:
        return Answer.error(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}")


def _worker_main(store_dir: str, connection) -> None:
    """Serve requests from ``connection`` on the store opened read-only, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from kg.store import open_store

    try:
        store = open_store(store_dir)
    except KGError as exc:
        connection.send(("failed", str(exc)))
        return
    connection.send(("ready", os.getpid()))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            answer = answer_query(store, request, store_dir)
        except Exception as exc:  # keep the worker serving; the client gets the reason
            answer = Answer.error(HTTPStatus.INTERNAL_SERVER_ERROR,
                                  f"the query failed: {type(exc).__name__}: {exc}")
        connection.send(answer)


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: object


class QueryPool:
    """Worker processes that run queries on a store, each stopped when its query runs too long.

    Parameters
    ----------
    store_dir : the store's folder; each worker opens it read-only.
    workers : the number of worker processes (queries that run at once).
    timeout : seconds a query may run before its worker is ended.

    The constructor starts the workers; :meth:`wait_until_ready` waits for
    them, :meth:`run` runs a query and :meth:`close` stops them.
    """

    def __init__(self, store_dir: str | Path, workers: int, timeout: float):
        self.store_dir = str(store_dir)
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._starting = [self._spawn() for _ in range(workers)]  # they start side by side

    def wait_until_ready(self) -> "QueryPool":
        """Wait until every worker started by the constructor has opened the store; return the pool.

        Raises
        ------
        ServeError (after stopping every worker) when a worker cannot open the store.
        """
        try:
            while self._starting:
                worker = self._starting.pop(0)
                self._await_ready(worker)
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise
        return self

    def _spawn(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(self.store_dir, child_end),
                                        name="kg-serve-worker", daemon=True)
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        """Wait for ``worker`` to open the store; stop it and raise ServeError if it cannot."""
        if not worker.connection.poll(120):
            self._stop(worker)
            raise ServeError("a query worker did not start within 120 s")
        try:
            status, detail = worker.connection.recv()
        except (EOFError, OSError):
            self._stop(worker)
            raise ServeError(f"a query worker could not open the store {self.store_dir}") from None
        if status != "ready":
            self._stop(worker)
            raise ServeError(detail)

    def _start_worker(self) -> _Worker:
        worker = self._spawn()
        self._await_ready(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
        worker.connection.close()

    def _replace(self, worker: _Worker) -> None:
        """End ``worker`` and start another in the background."""
        self._stop(worker)

        def restart() -> None:
            if self._closed:
                return
            try:
                fresh = self._start_worker()
            except KGError as exc:
                print(f"kg serve: cannot start a query worker: {exc}", file=sys.stderr)
                return
            if self._closed:
                self._stop(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=restart, name="kg-serve-restart", daemon=True).start()

    @property
    def size(self) -> int:
        """The number of worker processes running."""
        with self._lock:
            return len(self._workers)

    def run(self, request: QueryRequest) -> Answer:
        """Run ``request`` in a free worker and return its :class:`Answer`.

        A query still running after :attr:`timeout` seconds gets a 503 and
        its worker is replaced; so does a request that finds no free worker
        within :data:`QUEUE_TIMEOUT` seconds.
        """
        try:
            worker = self._idle.get(timeout=QUEUE_TIMEOUT)
        except queue.Empty:
            return Answer.error(HTTPStatus.SERVICE_UNAVAILABLE,
                                f"the server is busy: no query worker was free for {QUEUE_TIMEOUT:g} s; "
                                "try again later")
        try:
            worker.connection.send(request)
            if worker.connection.poll(self.timeout):
                answer = worker.connection.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            self._replace(worker)
            return Answer.error(HTTPStatus.INTERNAL_SERVER_ERROR,
                                "the query worker stopped unexpectedly; the query was not answered")
        self._replace(worker)
        return Answer.error(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"query stopped: it ran longer than the server's timeout of "
                            f"{self.timeout:g} s (kg serve --timeout); narrow it down or add a LIMIT")

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            try:
                worker.connection.send(None)
            except (OSError, ValueError):
                pass
        for worker in workers:
            worker.process.join(1)
            self._stop(worker)


# ---------------------------------------------------------------- HTTP


@dataclass
class ServerSettings:
    """What the request handler needs: the pool, the limits, the library and the page to serve at ``/``."""

    pool: QueryPool
    max_rows: int = DEFAULT_MAX_ROWS
    page: Path | None = None
    label: str = ""
    queries: dict = field(default_factory=dict)
    log: Callable[[str], None] | None = None


def _library() -> dict:
    from kg.queries import list_queries

    return {q.name: q for q in list_queries()}


class SparqlHandler(BaseHTTPRequestHandler):
    """Answers the endpoint's routes; the settings are on ``self.server.settings``."""

    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"

    # -- plumbing

    @property
    def settings(self) -> ServerSettings:
        return self.server.settings  # type: ignore[attr-defined]

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if self.settings.log is not None:
            self.settings.log(f"{self.address_string()} {format % args}")

    def log_request(self, code="-", size="-") -> None:
        path = self._url().path
        elapsed = time.perf_counter() - getattr(self, "_started", time.perf_counter())
        self.log_message("%s %s %s %.3f s", self.command, path, code, elapsed)

    def _url(self):
        """The request's URL, split; raw UTF-8 in it (as curl sends 云岭县) is read as UTF-8."""
        path = self.path
        try:
            path = path.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        return urlsplit(path)

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**_CORS, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_error_text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, (message.rstrip("\n") + "\n").encode("utf-8"),
                   "text/plain; charset=utf-8", headers)

    def _send_answer(self, answer: Answer) -> None:
        headers = {}
        if answer.truncated:
            headers["X-KG-Truncated"] = (f"results cut at {answer.rows} rows "
                                         f"(kg serve --max-rows {self.settings.max_rows})")
        self._send(answer.status, answer.body, answer.content_type, headers)

    def _read_body(self) -> bytes | None:
        """The request body, or None after answering why it cannot be read."""
        closing = self.close_connection
        self.close_connection = True  # unless the body is read whole below
        length = self.headers.get("Content-Length")
        if length is None:
            self._send_error_text(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length header")
            return None
        try:
            size = int(length)
        except ValueError:
            self._send_error_text(HTTPStatus.BAD_REQUEST, "Content-Length is not a number")
            return None
        if size > MAX_BODY:
            self._send_error_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                  f"the request body is larger than {MAX_BODY} bytes")
            return None
        body = self.rfile.read(size)
        self.close_connection = closing
        return body

    # -- methods

    def do_OPTIONS(self) -> None:
        """CORS preflight: say which methods and headers a page may use."""
        self._started = time.perf_counter()
        requested = self.headers.get("Access-Control-Request-Headers", "Content-Type, Accept")
        self.send_response(HTTPStatus.NO_CONTENT)
        for name, value in _CORS.items():
            self.send_header(name, value)
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", requested)
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Allow", "GET, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        """Route ``/sparql``, ``/queries``, ``/queries/NAME`` and ``/``."""
        self._started = time.perf_counter()
        url = self._url()
        params = parse_qs(url.query, keep_blank_values=True)
        path = unquote(url.path)
        if path in ("/sparql", "/sparql/"):
            self._sparql(params, params.get("query", [None])[0])
        elif path in ("/queries", "/queries/"):
            self._list_queries()
        elif path.startswith("/queries/"):
            self._named_query(path[len("/queries/"):], params)
        elif path in ("/", "/index.html"):
            self._front_page()
        else:
            self._send_error_text(HTTPStatus.NOT_FOUND,
                                  f"no page {path}; try /sparql, /queries or /")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        """``/sparql`` with a query body (``application/sparql-query``) or a form."""
        self._started = time.perf_counter()
        url = self._url()
        if unquote(url.path) not in ("/sparql", "/sparql/"):
            self.close_connection = True  # the body is not read
            self._send_error_text(HTTPStatus.METHOD_NOT_ALLOWED, "POST only to /sparql",
                                  {"Allow": "GET, OPTIONS"})
            return
        params = parse_qs(url.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._read_body()
        if body is None:
            return
        text = body.decode("utf-8", errors="replace")
        if media == "application/sparql-query":
            self._sparql(params, text)
        elif media == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
            self._sparql(params, params.get("query", [None])[0])
        elif media == "application/sparql-update":
            self._refuse_update()
        else:
            self._send_error_text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                  "POST a query as application/sparql-query or as a form "
                                  "(application/x-www-form-urlencoded) with query=…")

    def _read_only(self) -> None:
        self.close_connection = True  # the body is not read
        self._send_error_text(HTTPStatus.METHOD_NOT_ALLOWED,
                              "this endpoint is read-only: it answers GET and POST queries only",
                              {"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _read_only

    # -- routes

    def _refuse_update(self) -> None:
        self._send_error_text(HTTPStatus.FORBIDDEN,
                              "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, "
                              "CLEAR …) is refused. Change the graph with kg build, then restart kg serve.")

    def _sparql(self, params: dict[str, list[str]], text: str | None) -> None:
        if "update" in params or (text is not None and is_update(text)):
            self._refuse_update()
            return
        if not text or not text.strip():
            self._send_error_text(HTTPStatus.BAD_REQUEST,
                                  "no query: send ?query=SPARQL (GET), or POST it as "
                                  "application/sparql-query or as a form field query=…")
            return
        self._run(text, params)

    def _run(self, text: str, params: dict[str, list[str]], page: tuple[int | None, int] | None = None) -> None:
        try:
            select_format, graph_format = _chosen_formats(self.headers.get("Accept"),
                                                          params.get("format", [None])[0])
        except ServeError as exc:
            self._send_error_text(HTTPStatus.BAD_REQUEST, str(exc))
            return
        request = QueryRequest(text, select_format, graph_format, self.settings.max_rows,
                               tuple(params.get("default-graph-uri", ())),
                               tuple(params.get("named-graph-uri", ())), page)
        self._send_answer(self.settings.pool.run(request))

    def _named_query(self, name: str, params: dict[str, list[str]]) -> None:
        from kg.queries import page_query
        from kg.store import bind_parameters, query_substitutions

        query = self.settings.queries.get(name.rstrip("/"))
        if query is None:
            self._send_error_text(HTTPStatus.NOT_FOUND, f"no query named {name!r}; available: "
                                  f"{', '.join(sorted(self.settings.queries))}")
            return
        bindings = {key: values[-1] for key, values in params.items() if key not in _PAGE_FIELDS}
        try:
            limit, offset = _page_field(params, "limit") or None, _page_field(params, "offset") or 0
            paged = page_query(query, limit, offset) if limit is not None or offset else query
            substitutions = query_substitutions(query, bindings)
            text = bind_parameters(paged.text, substitutions)
        except KGError as exc:
            self._send_error_text(HTTPStatus.BAD_REQUEST, str(exc))
            return
        if query.kind == "SelectQuery":         # a page of the whole result, kept by the store
            self._run(bind_parameters(query.text, substitutions), params, (limit, offset))
        else:
            self._run(text, params)

    def _list_queries(self) -> None:
        entries = [{"name": q.name, "title": q.title, "question": q.question,
                    "params": list(q.params), "returns": list(q.returns), "url": f"/queries/{q.name}"}
                   for q in self.settings.queries.values()]
        if negotiate(self.headers.get("Accept"), {"application/json": "json", "text/html": "html"}) == "html":
            self._send(HTTPStatus.OK, _queries_page(entries).encode("utf-8"), "text/html; charset=utf-8")
        else:
            body = json.dumps({"queries": entries}, ensure_ascii=False, indent=1) + "\n"
            self._send(HTTPStatus.OK, body.encode("utf-8"), "application/json")

    def _front_page(self) -> None:
        page = self.settings.page
        if page is not None and page.is_file():
            self._send(HTTPStatus.OK, page.read_bytes(), "text/html; charset=utf-8")
        else:
            self._send(HTTPStatus.OK, _index_page(self.settings.label).encode("utf-8"),
                       "text/html; charset=utf-8")


_PAGE_STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
               "textarea{width:100%;font-family:monospace}code{background:#eee;padding:0 .2rem}")


def _index_page(label: str) -> str:
    example = "SELECT ?report ?title WHERE {\n  ?report a <https://w3id.org/kgst/ontology#Report> ;\n" \
              "    <http://purl.org/dc/terms/title> ?title .\n} LIMIT 20"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>{_PAGE_STYLE}</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>Serving {html.escape(label)}. The SPARQL 1.1 endpoint is <code>/sparql</code>
(point YASGUI or any SPARQL client at this server's <code>/sparql</code>);
<a href="/queries">/queries</a> lists the query library.</p>
<form action="/sparql" method="get">
<textarea name="query" rows="8">{html.escape(example)}</textarea>
<p><label>Format <select name="format"><option>json</option><option>xml</option>
<option>csv</option><option>tsv</option><option>turtle</option><option>ntriples</option></select></label>
<button type="submit">Run</button></p></form>
</body></html>
"""


def _queries_page(entries: list[dict]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(e["url"])}?format=csv">{html.escape(e["name"])}</a>: '
        f'{html.escape(e["title"])} {html.escape(e["question"])}'
        f'{" — parameters: " + html.escape(", ".join(e["params"])) if e["params"] else ""}</li>'
        for e in entries)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg query library</title>
<style>{_PAGE_STYLE}</style></head><body>
<h1>Query library</h1>
<p>Run one as <code>/queries/NAME?param=value&amp;format=json|xml|csv|tsv</code>; <code>limit=N&amp;offset=M</code> give one page of the rows.</p>
<ul>
{items}
</ul></body></html>
"""


class KGHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that carries the endpoint's :class:`ServerSettings`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], settings: ServerSettings | None):
        self.settings = settings
        super().__init__(address, SparqlHandler)

    def handle_error(self, request, client_address) -> None:
        """A client that hung up is no error; anything else is reported as usual."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(store_dir: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                workers: int | None = None, page: Path | None = None, label: str = "",
                log: Callable[[str], None] | None = None) -> KGHTTPServer:
    """Start the query workers on ``store_dir`` and return the HTTP server, bound but not yet serving.

    Parameters
    ----------
    store_dir : a store written by :func:`kg.store.write_store`.
    host, port : where to listen (port 0: any free port; see ``server.server_address``).
    timeout : seconds a query may run.
    max_rows : the most rows (or triples) an answer holds.
    workers : worker processes (default: the number of CPUs, at most 4).
    page : the HTML page served at ``/`` (default: a small index page).
    log : called with one line per request (default: no request log).

    Call ``serve_forever()`` on the result, then ``server_close()`` and
    ``settings.pool.close()`` (:func:`serve` does all of this).

    Raises
    ------
    StoreError when ``store_dir`` is not a store; ServeError when the
    address cannot be used or a worker cannot start.
    """
    from kg.store import open_store

    open_store(store_dir)  # a clear error now rather than in every worker (closed again at once)
    try:
        server = KGHTTPServer((host, port), None)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    pool = None
    try:
        pool = QueryPool(store_dir, workers or min(os.cpu_count() or 1, 4), timeout)
        library = _library()  # parsed while the workers start
        pool.wait_until_ready()
    except BaseException:
        server.server_close()
        if pool is not None:
            pool.close()
        raise
    server.settings = ServerSettings(pool, max_rows, page, label or str(store_dir), library, log)
    return server


def _explorer_page(graph: Path | None, store_dir: Path | None) -> Path | None:
    """The explorer page beside the graph file (or beside the store's folder), if there is one."""
    candidates = []
    if graph is not None:
        candidates += [graph.with_suffix(".html"), graph.parent / "graph.html"]
    if store_dir is not None:
        candidates.append(store_dir.resolve().parent / "graph.html")
    return next((c for c in candidates if c.is_file()), None)


def serve(graph: str | Path | None = None, store_dir: str | Path | None = None, *,
          host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
          max_rows: int = DEFAULT_MAX_ROWS, workers: int | None = None,
          say: Callable[[str], None] = print, log: Callable[[str], None] | None = None) -> None:
    """Serve ``store_dir`` (or ``graph`` loaded into a temporary store) until Ctrl-C or SIGTERM.

    Parameters
    ----------
    graph : a graph file (``graph.ttl``), used when ``store_dir`` is None.
    store_dir : a store written by :func:`kg.store.write_store`.
    say : called with the line saying where the endpoint listens, and when it stops.
    Other parameters as :func:`make_server`.

    Raises
    ------
    ServeError, StoreError, InputError as :func:`make_server` and :func:`kg.store.write_store`.
    """
    from kg.store import write_store

    _check_address(host, port)  # before a graph is loaded for nothing
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        if store_dir is None:
            if graph is None:
                raise ServeError("give a graph file or --store DIR")
            say(f"loading {graph} into a temporary store …")
            store_dir = Path(scratch) / "store"
            quads = write_store(graph, store_dir)
            label = f"{graph} ({quads} quads)"
            page = _explorer_page(Path(graph), None)
        else:
            label = str(store_dir)
            page = _explorer_page(None, Path(store_dir))
        server = make_server(store_dir, host, port, timeout=timeout, max_rows=max_rows,
                             workers=workers, page=page, label=label, log=log)
        _run_until_stopped(server, label, say)


def _check_address(host: str, port: int) -> None:
    """Raise ServeError when ``host:port`` cannot be listened on (in use, or not this machine's)."""
    try:
        probe = KGHTTPServer((host, port), None)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    probe.server_close()


def _run_until_stopped(server: KGHTTPServer, label: str, say: Callable[[str], None]) -> None:
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
    say(f"serving {label} at http://{shown}:{port}/sparql "
        f"({server.settings.pool.size} workers, timeout {server.settings.pool.timeout:g} s, "
        f"at most {server.settings.max_rows} rows); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.settings.pool.close()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
        say("stopped")


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt
