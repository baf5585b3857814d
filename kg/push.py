"""Upload a graph to a triple store with the SPARQL 1.1 Graph Store Protocol.

The graph is split as the N-Quads export splits it
(:func:`kg.export.report_dataset`): one named graph per report, named by
the report's IRI, and the default graph of entities.  Each is sent as
N-Triples with ``PUT URL?graph=IRI`` (``PUT URL?default`` for the default
graph), which replaces what the server held under that name: pushing the
same graph twice leaves the same triples, not twice as many.
"""
from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Callable
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

from rdflib import Graph

import kg
from kg.errors import KGError

__all__ = ["PushError", "GraphUpload", "graph_uploads", "graph_url", "put_graph", "push_graph", "send_uploads"]

#: How much of a server's error message is shown.
_MESSAGE_CHARS = 500


class PushError(KGError):
    """A graph could not be uploaded: the server is unreachable or refused it."""


@dataclass(frozen=True)
class GraphUpload:
    """One graph to send: its IRI (None for the default graph), its size and its N-Triples."""

    name: str | None
    triples: int
    body: bytes

    @property
    def label(self) -> str:
        """How progress lines name the graph."""
        return "default graph" if self.name is None else f"<{self.name}>"


def graph_uploads(graph: Graph) -> list[GraphUpload]:
    """Split ``graph`` into the graphs to upload: the default graph first, then each report's.

    Returns
    -------
    one :class:`GraphUpload` per graph, reports sorted by IRI.
    """
    from kg.export import report_dataset

    dataset = report_dataset(graph)
    uploads = [_upload(None, dataset.default_graph)]
    named = sorted((g for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier),
                   key=lambda g: str(g.identifier))
    uploads.extend(_upload(str(g.identifier), g) for g in named if len(g))
    return uploads


def _upload(name: str | None, graph: Graph) -> GraphUpload:
    body = graph.serialize(format="nt", encoding="utf-8")
    return GraphUpload(name, len(graph), body)


def graph_url(endpoint: str, name: str | None) -> str:
    """Return the Graph Store Protocol URL of graph ``name`` (None: the default graph) at ``endpoint``.

    >>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/kgst/id/report/ab")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fkgst%2Fid%2Freport%2Fab'
    >>> graph_url("http://127.0.0.1:3030/kg/data", None)
    'http://127.0.0.1:3030/kg/data?default'
    """
    joiner = "&" if "?" in endpoint else "?"
    if name is None:
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}graph={quote(name, safe='')}"


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"--endpoint {endpoint!r} is not an http(s) URL; give the server's Graph "
                        "Store Protocol URL, such as http://127.0.0.1:7878/store (Oxigraph)")


def put_graph(url: str, body: bytes, timeout: float = 60.0) -> int:
    """Send ``body`` (N-Triples) with HTTP PUT to ``url``; return the HTTP status.

    Raises
    ------
    PushError when the server cannot be reached or does not answer within
    ``timeout`` seconds, or answers with an error status (its message is
    quoted).
    """
    request = Request(url, data=body, method="PUT", headers={
        "Content-Type": "application/n-triples", "User-Agent": f"kg/{kg.__version__}"})
    host = urlsplit(url).netloc
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.status
    except HTTPError as exc:
        message = exc.read()[:_MESSAGE_CHARS].decode("utf-8", errors="replace").strip()
        raise PushError(f"the server at {host} answered {exc.code} {exc.reason}"
                        + (f": {message}" if message else "")) from exc
    except URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise PushError(f"cannot connect to {host}: connection refused; is the server "
                            "running, and is the --endpoint URL right?") from exc
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise PushError(f"{host} did not answer within {timeout:g} s") from exc
        raise PushError(f"cannot reach {host}: {reason}") from exc
    except (socket.timeout, TimeoutError) as exc:
        raise PushError(f"{host} did not answer within {timeout:g} s") from exc
    except ConnectionError as exc:
        raise PushError(f"the connection to {host} failed: {exc}") from exc


def push_graph(graph: Graph, endpoint: str, *, dry_run: bool = False, timeout: float = 60.0,
               say: Callable[[str], None] = print) -> list[GraphUpload]:
    """Upload each graph of ``graph`` (:func:`graph_uploads`) to ``endpoint``; return what was sent.

    Parameters
    ----------
    endpoint : the Graph Store Protocol URL (Oxigraph ``http://HOST:PORT/store``,
        Fuseki ``http://HOST:3030/DATASET/data``).
    dry_run : only say what would be sent.
    timeout : seconds to wait for the server on each graph.
    say : called with one progress line per graph and a summary line.

    Raises
    ------
    PushError as :func:`send_uploads`.
    """
    _check_endpoint(endpoint)
    return send_uploads(graph_uploads(graph), endpoint, dry_run=dry_run, timeout=timeout, say=say)


def send_uploads(uploads: list[GraphUpload], endpoint: str, *, dry_run: bool = False,
                 timeout: float = 60.0, say: Callable[[str], None] = print) -> list[GraphUpload]:
    """PUT each of ``uploads`` to its URL at ``endpoint``, saying one line per graph; return them.

    Raises
    ------
    PushError for a URL that is not http(s), or at the first graph the
    server does not take (the graphs before it were sent).
    """
    _check_endpoint(endpoint)
    total = len(uploads)
    for number, upload in enumerate(uploads, 1):
        url = graph_url(endpoint, upload.name)
        if dry_run:
            say(f"[{number}/{total}] would PUT {upload.label}: {upload.triples} triples, "
                f"{len(upload.body)} bytes of N-Triples → {url}")
            continue
        try:
            status = put_graph(url, upload.body, timeout)
        except PushError as exc:
            raise PushError(f"graph {number}/{total} {upload.label}: {exc} "
                            f"({number - 1} of {total} graphs were sent before it)") from exc
        say(f"[{number}/{total}] {upload.label}: {upload.triples} triples sent ({status})")
    triples = sum(u.triples for u in uploads)
    say(f"{'would send' if dry_run else 'sent'} {total} graphs, {triples} triples, to {endpoint}")
    return uploads
