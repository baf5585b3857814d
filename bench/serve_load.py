"""A bounded load test of ``kg serve``: concurrent clients sending the query library's queries.

Builds the seeds' graph into a temporary folder (or takes ``--graph``),
starts ``kg serve`` on it on 127.0.0.1 (any free port), and lets
``--clients`` threads each send ``--requests`` requests, cycling through the
library's queries: half as ``GET /queries/NAME``, half as the query's text
POSTed to ``/sparql``.  Prints requests per second, latency percentiles,
the median latency of each query and the number of errors (any answer but
200, or no answer), and exits with 1 when there was an error.  Traffic goes
to 127.0.0.1 only, and the run stops after ``--deadline`` seconds at most.

    python bench/serve_load.py
    python bench/serve_load.py --clients 50 --requests 10 --graph output/graph.ttl
"""
from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.queries import list_queries  # noqa: E402


def build_seeds(folder: Path) -> Path:
    """Build the seeds' graph into ``folder``; return its graph.ttl."""
    from kg.pipeline import build

    build([ROOT / "seeds"], folder, html=False, validate=False)
    return folder / "graph.ttl"


def start_server(graph: Path, log: Path, extra: list[str]) -> tuple[subprocess.Popen, str]:
    """Start ``kg serve GRAPH`` on a free port of 127.0.0.1; return the process and its base URL."""
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--host", "127.0.0.1",
                                    "--port", "0", *extra], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sink)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        found = re.search(r"at (http://[\d.]+:\d+)/sparql", log.read_text(encoding="utf-8"))
        if found:
            return process, found.group(1)
        time.sleep(0.2)
    process.kill()
    sys.exit(f"kg serve did not start:\n{log.read_text(encoding='utf-8')}")


def plan_requests(clients: int, per_client: int) -> list[list[tuple[str, str, str, bytes | None]]]:
    """Each client's requests: (query name, method, path, body), cycling through the library."""
    library = list_queries()
    plans = []
    for client in range(clients):
        plan = []
        for number in range(per_client):
            query = library[(client * per_client + number) % len(library)]
            if number % 2:
                plan.append((query.name, "POST", "/sparql", query.text.encode("utf-8")))
            else:
                plan.append((query.name, "GET", f"/queries/{query.name}?" + urlencode({"format": "json"}),
                             None))
        plans.append(plan)
    return plans


class Tally:
    """Latencies and errors, gathered from every client thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.by_query: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def record(self, name: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors.append(f"{name}: {error}")
            else:
                self.latencies.append(seconds)
                self.by_query.setdefault(name, []).append(seconds)


def run_client(base: str, plan: list, tally: Tally, stop_at: float) -> None:
    """Send the requests of ``plan`` one after the other on one keep-alive connection."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    for name, method, path, body in plan:
        if time.monotonic() > stop_at:
            tally.record(name, 0.0, "not sent: the run's deadline passed")
            continue
        headers = {"Accept": "application/sparql-results+json"}
        if body is not None:
            headers["Content-Type"] = "application/sparql-query"
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            error = None if response.status == 200 else f"{response.status} {payload[:200]!r}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        tally.record(name, time.perf_counter() - started, error)
    connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(tally: Tally, seconds: float, clients: int, workers: str, load: tuple[float, float]) -> None:
    total = len(tally.latencies) + len(tally.errors)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"kg serve workers: {workers}; load average {load[0]:.1f} before, {load[1]:.1f} after")
    print(f"{clients} clients, {total} requests in {seconds:.1f} s: {total / seconds:.1f} requests/s")
    if tally.latencies:
        print("latency (s): " + ", ".join(
            f"p{int(share * 100)} {percentile(tally.latencies, share):.3f}" for share in (0.5, 0.9, 0.99))
            + f", max {max(tally.latencies):.3f}")
    print("median latency by query (s):")
    for name, values in sorted(tally.by_query.items(), key=lambda item: -statistics.median(item[1])):
        print(f"  {name:50s} {statistics.median(values):.3f}  ({len(values)} requests)")
    print(f"errors: {len(tally.errors)}")
    for line in tally.errors[:10]:
        print(f"  {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="graph to serve (default: build the seeds)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="requests per client")
    parser.add_argument("--workers", type=int, default=None, help="kg serve --workers")
    parser.add_argument("--deadline", type=float, default=900, help="stop sending after this many seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-serve-load-") as scratch:
        graph = args.graph or build_seeds(Path(scratch) / "build")
        extra = ["--workers", str(args.workers)] if args.workers else []
        process, base = start_server(graph, Path(scratch) / "serve.log", extra)
        tally = Tally()
        load_before = os.getloadavg()[0]
        plans = plan_requests(args.clients, args.requests)
        started = time.perf_counter()
        stop_at = time.monotonic() + args.deadline
        threads = [threading.Thread(target=run_client, args=(base, plan, tally, stop_at)) for plan in plans]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            seconds = time.perf_counter() - started
            process.send_signal(signal.SIGINT)
            process.wait(60)
        log = (Path(scratch) / "serve.log").read_text(encoding="utf-8")
        workers = re.search(r"\((\d+) workers", log)
        report(tally, seconds, args.clients, workers.group(1) if workers else "?",
               (load_before, os.getloadavg()[0]))
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
