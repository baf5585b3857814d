"""Tests of the :mod:`kg.push` module and ``kg push``, against a real Oxigraph server.

The server is the ``oxigraph`` command of the PyPI package ``oxigraph`` (in the
``test`` extra); the tests are skipped, saying so, when it is not installed.
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.export import load_graph, report_dataset
from kg.push import PushError, graph_uploads, push_graph, send_uploads

ROOT = Path(__file__).resolve().parent.parent
REPORT_GRAPHS = "https://w3id.org/kgst/id/report/"
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
DEFAULT_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def seeds_graph_file(tmp_path_factory) -> Path:
    """The seeds' graph.ttl, built once for this module."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([ROOT / "seeds"], out, html=False, validate=False)
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def seeds_graph(seeds_graph_file) -> Graph:
    return load_graph(seeds_graph_file)


@pytest.fixture(scope="module")
def uploads(seeds_graph):
    """The seeds' graph split into the graphs to send (splitting once keeps the tests quick)."""
    return graph_uploads(seeds_graph)


@pytest.fixture
def oxigraph(tmp_path):
    """The base URL of a fresh ``oxigraph serve`` on a free port of 127.0.0.1."""
    program = shutil.which("oxigraph")
    if program is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph, or '.[test]')")
    port = free_port()
    log = (tmp_path / "oxigraph.log").open("wb")
    process = subprocess.Popen([program, "serve", "--location", str(tmp_path / "db"),
                                "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            sizes(base, DEFAULT_SIZE)
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph did not start: {(tmp_path / 'oxigraph.log').read_text()}")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(30)
    log.close()


def sizes(base: str, query: str) -> dict[str, int]:
    """Run ``query`` (selecting ?n and maybe ?g) on the Oxigraph server; return graph → ?n."""
    request = urllib.request.Request(f"{base}/query?{urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        bindings = json.load(response)["results"]["bindings"]
    return {b.get("g", {}).get("value", ""): int(b["n"]["value"]) for b in bindings}


def expected_sizes(graph: Graph) -> dict[str, int]:
    dataset = report_dataset(graph)
    return {str(g.identifier): len(g) for g in dataset.graphs()
            if g.identifier != dataset.default_graph.identifier and len(g)}


def test_each_report_graph_arrives(oxigraph, seeds_graph):
    lines: list[str] = []
    sent = push_graph(seeds_graph, f"{oxigraph}/store", say=lines.append)
    arrived = sizes(oxigraph, GRAPH_SIZES)
    assert arrived == expected_sizes(seeds_graph)
    assert len(arrived) == 9 and all(name.startswith(REPORT_GRAPHS) for name in arrived)
    assert sizes(oxigraph, DEFAULT_SIZE)[""] == len(report_dataset(seeds_graph).default_graph)
    assert sum(u.triples for u in sent) == len(seeds_graph)
    assert len(lines) == 11 and lines[0].startswith("[1/10] default graph:")
    assert lines[-1].startswith("sent 10 graphs")


def test_pushing_twice_replaces_the_graphs(oxigraph, uploads):
    send_uploads(uploads, f"{oxigraph}/store", say=lambda line: None)
    first = sizes(oxigraph, GRAPH_SIZES), sizes(oxigraph, DEFAULT_SIZE)
    send_uploads(uploads, f"{oxigraph}/store", say=lambda line: None)
    assert (sizes(oxigraph, GRAPH_SIZES), sizes(oxigraph, DEFAULT_SIZE)) == first


def test_kg_push_command(oxigraph, seeds_graph_file, seeds_graph):
    result = CliRunner().invoke(cli, ["push", "--endpoint", f"{oxigraph}/store", "-g", str(seeds_graph_file)])
    assert result.exit_code == 0, result.output
    assert "[10/10]" in result.output
    assert sizes(oxigraph, GRAPH_SIZES) == expected_sizes(seeds_graph)


def test_a_server_error_names_the_status_and_message(oxigraph, uploads):
    with pytest.raises(PushError, match=r"graph 1/10 default graph: .*answered 404 .*not supported"):
        send_uploads(uploads, f"{oxigraph}/no-such-path", say=lambda line: None)


def test_connection_refused(uploads):
    with pytest.raises(PushError, match="connection refused; is the server running"):
        send_uploads(uploads, f"http://127.0.0.1:{free_port()}/store", say=lambda line: None)


def test_dry_run_lists_and_sends_nothing(seeds_graph_file, seeds_graph):
    endpoint = f"http://127.0.0.1:{free_port()}/store"  # nothing listens: a request would fail
    result = CliRunner().invoke(cli, ["push", "--endpoint", endpoint, "-g", str(seeds_graph_file),
                                      "--dry-run"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 11
    assert lines[0].startswith("[1/10] would PUT default graph:")
    assert "?graph=https%3A%2F%2Fw3id.org%2Fkgst%2Fid%2Freport%2F" in lines[1]
    assert lines[-1] == f"would send 10 graphs, {len(seeds_graph)} triples, to {endpoint}"


def test_uploads_are_the_export_split(seeds_graph, uploads):
    assert uploads[0].name is None
    assert {u.name: u.triples for u in uploads[1:]} == expected_sizes(seeds_graph)
    back = Graph()
    for upload in uploads:
        back.parse(data=upload.body.decode("utf-8"), format="nt")
    assert len(back) == len(seeds_graph)


def test_an_endpoint_that_is_not_http_is_refused(uploads):
    with pytest.raises(PushError, match="not an http"):
        send_uploads(uploads, "ftp://example.org/store", dry_run=True)
