"""Tests of the :mod:`kg.serve` module: ``kg serve`` started on a free port, asked over HTTP."""
from __future__ import annotations

import csv
import http.client
import io
import json
import re
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.export import load_graph
from kg.queries import list_queries, run_query
from kg.serve import GRAPH_MEDIA, SELECT_MEDIA, is_update, negotiate
from kg.store import write_store

ROOT = Path(__file__).resolve().parent.parent

# rdflib's own N-Quads writer (write_store uses it) calls its deprecated Dataset.contexts.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
KG = "https://w3id.org/kgst/ontology#"
REPORTS = f"SELECT ?report WHERE {{ ?report a <{KG}Report> }}"
MAX_ROWS = 50
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EXPLORER = "<!doctype html><title>explorer of the seeds</title>"


@pytest.fixture(scope="module")
def seeds_graph_file(tmp_path_factory) -> Path:
    """The seeds' graph.ttl, built once for this module, with an explorer page beside it."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([ROOT / "seeds"], out, html=False, validate=False)
    (out / "graph.html").write_text(EXPLORER, encoding="utf-8")
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def report_iris(seeds_graph_file) -> set[str]:
    return {str(row.report) for row in load_graph(seeds_graph_file).query(REPORTS)}


def start_server(args: list[str], log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``kg serve ARGS --port 0``; return the process and its base URL once it listens."""
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "kg", "serve", *args, "--port", "0"],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sink)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        found = re.search(r"at (http://[\d.]+:\d+)/sparql", log.read_text(encoding="utf-8"))
        if found:
            return process, found.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"kg serve did not start:\n{log.read_text(encoding='utf-8')}")


def stop_server(process: subprocess.Popen) -> int:
    """Send Ctrl-C (SIGINT) and return the exit code."""
    process.send_signal(signal.SIGINT)
    try:
        return process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


@pytest.fixture(scope="module")
def server(seeds_graph_file, tmp_path_factory):
    """The base URL of ``kg serve GRAPH`` with a 2 s timeout and at most 50 rows."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    process, base = start_server([str(seeds_graph_file), "--timeout", "2", "--max-rows", str(MAX_ROWS),
                                  "--workers", "2"], log)
    yield base
    stop_server(process)


def ask(base: str, method: str, path: str, body: bytes | str | None = None,
        headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Send one request; return the status, the headers (lower-case names) and the body."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(method, path, body=body.encode("utf-8") if isinstance(body, str) else body,
                           headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def get(base: str, path: str, params: dict[str, str] | None = None, **headers: str):
    return ask(base, "GET", path + ("?" + urlencode(params) if params else ""),
               headers={k.replace("_", "-"): v for k, v in headers.items()})


# ---------------------------------------------------------------- SELECT in each format


def reports_from_json(body: bytes) -> set[str]:
    return {b["report"]["value"] for b in json.loads(body)["results"]["bindings"]}


def reports_from_xml(body: bytes) -> set[str]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    return {uri.text for uri in ET.fromstring(body).findall(".//r:binding[@name='report']/r:uri", ns)}


def reports_from_csv(body: bytes) -> set[str]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["report"]
    return {row[0] for row in rows[1:]}


def reports_from_tsv(body: bytes) -> set[str]:
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?report"
    return {line.strip("<>") for line in lines[1:]}


@pytest.mark.parametrize("accept, media, read", [
    ("application/sparql-results+json", "application/sparql-results+json", reports_from_json),
    ("application/sparql-results+xml", "application/sparql-results+xml", reports_from_xml),
    ("text/csv", "text/csv", reports_from_csv),
    ("text/tab-separated-values", "text/tab-separated-values", reports_from_tsv),
])
def test_select_answers_in_each_format(server, report_iris, accept, media, read):
    status, headers, body = get(server, "/sparql", {"query": REPORTS}, Accept=accept)
    assert status == 200, body
    assert headers["content-type"].startswith(media)
    assert read(body) == report_iris
    assert headers["access-control-allow-origin"] == "*"


def test_format_parameter_chooses_the_format(server, report_iris):
    status, headers, body = get(server, "/sparql", {"query": REPORTS, "format": "csv"},
                                Accept="application/sparql-results+json")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert reports_from_csv(body) == report_iris


def test_post_query_body_and_form(server, report_iris):
    status, _, body = ask(server, "POST", "/sparql", REPORTS,
                          {"Content-Type": "application/sparql-query", "Accept": "application/json"})
    assert status == 200 and reports_from_json(body) == report_iris
    status, _, body = ask(server, "POST", "/sparql", urlencode({"query": REPORTS}),
                          {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and reports_from_json(body) == report_iris


def test_construct_answers_turtle_and_ntriples(server):
    query = f"CONSTRUCT {{ ?r a <{KG}Report> }} WHERE {{ ?r a <{KG}Report> }}"
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt")):
        status, headers, body = get(server, "/sparql", {"query": query}, Accept=accept)
        assert status == 200 and headers["content-type"].startswith(accept)
        assert len(Graph().parse(data=body.decode("utf-8"), format=fmt)) == 9


def test_a_format_that_does_not_fit_is_406(server):
    status, _, body = get(server, "/sparql", {"query": REPORTS}, Accept="image/png")
    assert status == 406
    assert b"application/sparql-results+json" in body


# ---------------------------------------------------------------- refusals and limits


@pytest.mark.parametrize("how", ["update field", "update as query", "sparql-update body"])
def test_updates_are_refused(server, how):
    update = f"INSERT DATA {{ <urn:x:a> a <{KG}Report> }}"
    if how == "update field":
        status, _, body = ask(server, "POST", "/sparql", urlencode({"update": update}),
                              {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update as query":
        status, _, body = get(server, "/sparql", {"query": "PREFIX kg: <urn:k#>\n" + update})
    else:
        status, _, body = ask(server, "POST", "/sparql", update,
                              {"Content-Type": "application/sparql-update"})
    assert status == 403
    assert b"read-only" in body
    status, _, body = get(server, "/sparql", {"query": f"ASK {{ <urn:x:a> a <{KG}Report> }}"})
    assert json.loads(body)["boolean"] is False


def test_writing_methods_are_not_allowed(server):
    status, headers, body = ask(server, "PUT", "/sparql?default", "<urn:x:a> <urn:x:b> <urn:x:c> .",
                                {"Content-Type": "application/n-triples"})
    assert status == 405 and b"read-only" in body
    assert headers["allow"] == "GET, POST, OPTIONS"


def test_a_runaway_query_is_stopped(server):
    status, headers, body = get(server, "/sparql", {"query": RUNAWAY})
    assert status == 503
    assert b"timeout of 2 s" in body
    assert headers["content-type"].startswith("text/plain")
    status, _, body = get(server, "/sparql", {"query": REPORTS})  # a fresh worker answers
    assert status == 200 and len(reports_from_json(body)) == 9


def test_rows_beyond_max_rows_are_cut_with_a_note(server):
    status, headers, body = get(server, "/sparql", {"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    assert f"max-rows {MAX_ROWS}" in headers["x-kg-truncated"]
    _, headers, _ = get(server, "/sparql", {"query": REPORTS})
    assert "x-kg-truncated" not in headers


def test_a_syntax_error_is_400_with_the_parsers_message(server):
    status, _, body = get(server, "/sparql", {"query": "SELECT ?s WHERE { ?s ?p "})
    assert status == 400
    assert re.match(rb"SPARQL syntax error: error at 1:\d+", body)


def test_cors_preflight(server):
    status, headers, _ = ask(server, "OPTIONS", "/sparql", headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,accept"})
    assert status == 204
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert headers["access-control-allow-headers"] == "content-type,accept"


# ---------------------------------------------------------------- the library and the page


def test_queries_lists_the_library(server):
    status, _, body = get(server, "/queries", Accept="application/json")
    assert status == 200
    names = [q["name"] for q in json.loads(body)["queries"]]
    assert names == [q.name for q in list_queries()]
    status, headers, body = get(server, "/queries", Accept="text/html")
    assert headers["content-type"].startswith("text/html") and b"report-overview" in body


def test_a_named_query_runs_with_its_parameters(server, seeds_graph_file):
    graph = load_graph(seeds_graph_file)
    status, _, body = get(server, "/queries/report-overview", {"report": "2024", "format": "json"})
    assert status == 200
    titles = sorted(b["reportTitle"]["value"] for b in json.loads(body)["results"]["bindings"])
    expected = sorted(str(row.reportTitle) for row in run_query(graph, "report-overview", {"report": "2024"}))
    assert titles == expected and 0 < len(titles) < 9


def test_raw_utf8_in_the_url_is_read_as_utf8(server):
    parts = urlsplit(server)
    request = ("GET /queries/report-overview?report=二七区&format=csv HTTP/1.1\r\n"
               f"Host: {parts.netloc}\r\nConnection: close\r\n\r\n").encode("utf-8")
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert len(rows) == 2 and rows[1][0].startswith("二七区")


def test_named_query_errors(server):
    status, _, body = get(server, "/queries/report-overview", {"nope": "1"})
    assert status == 400 and b"parameters: ?report" in body
    status, _, body = get(server, "/queries/no-such-query")
    assert status == 404 and b"report-overview" in body
    status, _, _ = get(server, "/queries/..%2F..%2Fetc%2Fpasswd")
    assert status == 404


def test_front_page_is_the_explorer_beside_the_graph(server):
    status, headers, body = get(server, "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert body.decode("utf-8") == EXPLORER


# ---------------------------------------------------------------- a store, and stopping


def test_serving_a_store_and_stopping_with_ctrl_c(tmp_path):
    source = tmp_path / "two-reports.ttl"
    source.write_text(f"<urn:x:r1> a <{KG}Report> . <urn:x:r2> a <{KG}Report> .", encoding="utf-8")
    store_dir = tmp_path / "store"
    write_store(source, store_dir)
    log = tmp_path / "serve.log"
    process, base = start_server(["--store", str(store_dir), "--workers", "1"], log)
    try:
        status, _, body = get(base, "/sparql", {"query": REPORTS})
        assert status == 200 and reports_from_json(body) == {"urn:x:r1", "urn:x:r2"}
        status, _, body = get(base, "/")  # no explorer beside this store: the index page
        assert status == 200 and b"/sparql" in body
    finally:
        code = stop_server(process)
    assert code == 0
    assert log.read_text(encoding="utf-8").rstrip().endswith("kg serve: stopped")


def test_serving_a_folder_that_is_not_a_store_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path), "--port", "0"])
    assert result.exit_code == 1
    assert "not a store" in result.output


# ---------------------------------------------------------------- helpers, without a server


@pytest.mark.parametrize("accept, expected", [
    (None, "json"), ("", "json"), ("*/*", "json"), ("text/csv", "csv"),
    ("text/tab-separated-values;q=0.9, application/sparql-results+xml", "xml"),
    ("application/sparql-results+json,*/*;q=0.9", "json"), ("text/*", "csv"), ("image/png", None),
])
def test_negotiate_results(accept, expected):
    assert negotiate(accept, SELECT_MEDIA) == expected


def test_negotiate_graphs():
    assert negotiate("text/turtle,*/*;q=0.9", GRAPH_MEDIA) == "turtle"
    assert negotiate("application/n-triples", GRAPH_MEDIA) == "ntriples"


@pytest.mark.parametrize("text, update", [
    ("SELECT * WHERE { ?s ?p ?o }", False),
    ("PREFIX x: <urn:x#>\nASK { ?s x:p ?o }", False),
    ("# INSERT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", False),
    ("delete where { ?s ?p ?o }", True),
    ("BASE <urn:b>\nPREFIX x: <urn:x#> # note\n  LOAD <urn:file>", True),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
])
def test_is_update(text, update):
    assert is_update(text) is update


def test_a_named_query_gives_a_page_of_its_rows(server):
    status, _, body = get(server, "/queries/report-overview", {"format": "csv"})
    every = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert status == 200 and len(every) > 4
    status, _, body = get(server, "/queries/report-overview", {"format": "csv", "limit": "2", "offset": "1"})
    assert status == 200
    assert list(csv.reader(io.StringIO(body.decode("utf-8")))) == [every[0], *every[2:4]]
    status, _, body = get(server, "/queries/report-overview", {"limit": "many"})
    assert status == 400 and b"limit='many'" in body
