"""Command-line interface: parses arguments and calls library functions.

Exit codes: 0 success, 1 some input failed or the command failed, 2 usage error.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

import kg
from kg.errors import KGError
from kg.pipeline import HTML_NODES, VALIDATE_MAX_TRIPLES

#: Rows ``kg query`` prints by default: a page for a terminal (``--limit 0`` prints all).
QUERY_PAGE_ROWS = 100

__all__ = ["cli", "main"]

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "output"


class _State:
    debug = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kg.__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build knowledge graphs from Chinese S&T work reports (工作总结/工作计划/工作要点).

    Example:

    \b
        kg build                      # seeds/ → output/
        kg build reports/ a.docx -o out/
    """
    ctx.obj = _State()
    ctx.obj.debug = debug
    # jieba logs at DEBUG level to stderr when it builds its dictionary.
    logging.getLogger("jieba").setLevel(logging.ERROR)
    # pypdf and trafilatura warn about every oddity of a page; our errors say enough.
    for name in ("pypdf", "trafilatura", "htmldate"):
        logging.getLogger(name).setLevel(logging.ERROR)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUTPUT, show_default=True, help="Folder to write the outputs into.")
@click.option("--no-html", is_flag=True, help="Do not write the explorer page graph.html.")
@click.option("--html-nodes", type=click.IntRange(min=0), default=HTML_NODES, show_default=True, metavar="N",
              help="graph.html holds at most N nodes, the most connected part of the graph, and says "
                   "how to draw the rest (kg viz --district / --top); 0 holds every node.")
@click.option("--validate/--no-validate", "validate", default=None,
              help="Check (or do not check) the graph against the SHACL shapes at the end; "
                   f"by default graphs of up to {VALIDATE_MAX_TRIPLES:,} triples are checked.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per file and report.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Read files in N worker processes (default: every CPU this process may "
                   "use); -j 1 reads them in this process.")
@click.option("--no-cache", is_flag=True,
              help="Extract every file again and write no extraction cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Folder of the extraction cache (default: OUTPUT/.cache).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="DIR", help="Also load graph.ttl into the store in DIR.")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_obj
def build(state: _State, paths: tuple[Path, ...], out_dir: Path, no_html: bool, html_nodes: int,
          validate: bool | None, quiet: bool, verbose: bool, jobs: int | None, no_cache: bool,
          cache_dir: Path | None, store_dir: Path | None, debug: bool) -> None:
    """Build the graph of report files and folders (default: seeds/).

    PATHS are files (.txt .md .html .htm .docx .pdf) or folders, walked
    recursively in sorted order.  Writes graph.ttl, graph.html, entities.csv,
    coverage.csv and build.json into the output folder.  A file that cannot
    be read is reported on stderr and skipped; the exit code is then 1.

    Files are read in parallel worker processes.  What each file gave is
    kept in a cache (OUTPUT/.cache, or --cache-dir), keyed by the file's
    content and the version of the extraction code and data, so a rebuild
    only reads new and changed files; delete the folder to clear it.  The
    outputs are the same with or without the cache and for any -j.

    Example:

    \b
        kg build
        kg build reports/ more.docx page.html -o out/
        kg build reports/ -j 4                 # four worker processes
        kg build reports/ --no-cache           # read every file again
        kg build reports/ --cache-dir ~/.cache/kg-reports
        kg build reports/ -o out/ --store out/store
        kg build reports/ --html-nodes 0        # graph.html holds every node
    """
    from kg.pipeline import build as run_build

    debug = debug or state.debug
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    if no_cache and cache_dir is not None:
        raise click.UsageError("--no-cache and --cache-dir cannot be used together")
    inputs = list(paths) or [Path(DEFAULT_INPUT)]
    show_bar = not quiet and not verbose and sys.stderr.isatty()
    bar = None

    def files_found(files):
        nonlocal bar
        if show_bar and files:
            bar = click.progressbar(length=len(files), label="building", file=sys.stderr,
                                    show_pos=True, item_show_func=lambda p: p)
            bar.__enter__()

    def on_file(result):
        if bar is not None:
            bar.update(1, Path(result.path).name)
        if result.error:
            if bar is not None:
                click.echo("", err=True)
            click.echo(f"error: {result.path}: {result.error}", err=True)
        elif verbose:
            for x in result.extractions:
                r = x.report
                click.echo(f"{result.path}: {r.report_id} «{r.title}» district={r.district} "
                           f"issuer={r.issuer} period={r.period}: {len(r.sections)} sections, "
                           f"{len(x.sentences)} sentences, {len(x.mentions)} mentions, "
                           f"{result.seconds:.2f} s{' (cached)' if result.cached else ''}", err=True)

    try:
        summary = run_build(inputs, out_dir, html=not no_html, html_nodes=html_nodes, validate=validate,
                            debug=debug, jobs=jobs, cache=not no_cache, cache_dir=cache_dir, store=store_dir,
                            on_file=on_file, files_found=files_found)
    except KGError as exc:
        if debug:
            raise
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if not summary.reports:
        click.echo(f"error: no report was built; {out_dir}/ left unchanged", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(summary.line(), err=True)
    elif summary.store_error is not None:
        click.echo(f"error: store {summary.store_dir}: {summary.store_error}", err=True)
    if summary.failed or summary.store_error is not None:
        sys.exit(1)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=Path(DEFAULT_OUTPUT) / "graph.ttl")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="HTML file to write (default: beside GRAPH, graph.html).")
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Draw only nodes of this type (Enterprise, Designation, Report … or 企业, "
                   "资质称号 …); repeatable.")
@click.option("--district", "districts", multiple=True, metavar="NAME",
              help="Draw only what the reports of this district (and the divisions inside it) "
                   "say; repeatable.")
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N",
              help="Draw only the N nodes with the most links.")
@click.option("--title", default=None, help="Title of the page.")
def viz(graph: Path, output: Path | None, types: tuple[str, ...], districts: tuple[str, ...],
        top: int | None, title: str | None) -> None:
    """Render a graph written by kg build as an offline HTML explorer.

    The page opens from disk with no network: search by name or alias,
    filter by type, relation, report or district, show a node's
    neighbourhood, and click a node or edge to read the sentences behind it.

    Example:

    \b
        kg viz output/graph.ttl -o output/graph.html
        kg viz --type Enterprise --type Designation -o firms.html
        kg viz --district 云岭县 --top 300 -o yunling.html
    """
    from kg.viz import DEFAULT_TITLE, read_turtle, write_explorer

    target = output or graph.with_suffix(".html")
    try:
        n_nodes, n_edges = write_explorer(read_turtle(graph), target, title=title or DEFAULT_TITLE,
                                          types=types, districts=districts, top=top)
    except KGError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {target}: {n_nodes} nodes, {n_edges} edges", err=True)


@cli.command()
@click.argument("query", required=False)
@click.option("-e", "--expression", default=None, metavar="SPARQL",
              help="Run this SPARQL text instead of a named query or file.")
@click.option("-g", "--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(DEFAULT_OUTPUT) / "graph.ttl", show_default=True,
              help="Graph file to query (.ttl, .nt, .jsonld, .nq, .trig).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Query this Oxigraph store folder (written by `kg build --store`) instead of "
                   "a graph file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter of the query (see `kg query --list`); repeatable. "
                   "Numbers bind as numbers, <…> and http(s)/kg: names as IRIs, the rest as "
                   "strings; quote a value (\"2025\") to force a string.")
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "csv", "json", "tsv")),
              default="table", show_default=True,
              help="table, or the SPARQL 1.1 results formats csv, json, tsv.")
@click.option("--limit", type=click.IntRange(min=0), default=QUERY_PAGE_ROWS, show_default=True, metavar="N",
              help="Print at most N rows of a SELECT query (a LIMIT on it, within its own); 0 prints all.")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="M",
              help="Skip the first M rows of a SELECT query (the next page: --offset N).")
@click.option("--list", "list_queries", is_flag=True,
              help="List the queries of queries/ with their questions, and exit.")
@click.pass_context
def query(ctx: click.Context, query: str | None, expression: str | None, graph_path: Path,
          store_dir: Path | None, params: tuple[str, ...], fmt: str, limit: int, offset: int,
          list_queries: bool) -> None:
    """Run a SPARQL query of the library (queries/NAME.rq), a .rq file, or -e TEXT.

    Table cells are clipped to fit; use --format csv or json for full text.
    A SELECT query prints its first 100 rows (--limit, --offset page
    through the rest; --limit 0 prints all).  On a store, the rows of a
    SELECT query are kept in the store's folder the first time, so further
    pages of it come at once.  A syntax error is reported with its line and
    column (exit code 1).

    Example:

    \b
        kg query --list
        kg query targets-by-district --param district=云岭县 --param year=2026
        kg query relation-provenance -p subject=翠峰电子 -p predicate=certifiedAs -f json
        kg query my-question.rq --graph out/graph.ttl -f csv > answer.csv
        kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
        kg query report-overview --store output/store
        kg query entity-mentions --limit 50 --offset 100
    """
    from kg import queries as library
    from kg.export import load_graph

    try:
        if list_queries:
            for q in library.list_queries():
                params_text = " ".join(f"?{p}" for p in q.params) or "no parameters"
                click.echo(f"{q.name}\n    {q.title}\n    {q.question}\n    {params_text}")
            return
        if (query is None) == (expression is None):
            raise click.UsageError("give a query NAME or FILE.rq, or -e 'SPARQL' (not both); "
                                   "`kg query --list` shows the names")
        bindings = {}
        for item in params:
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
            bindings[name.strip()] = value
        if store_dir is not None and ctx.get_parameter_source("graph_path") is not \
                click.core.ParameterSource.DEFAULT:
            raise click.UsageError("give --graph FILE or --store DIR, not both")
        prepared = (library.parse_query(expression) if expression is not None
                    else library.load_query(query))
        page = limit or None
        limit_given = ctx.get_parameter_source("limit") is not click.core.ParameterSource.DEFAULT
        whole = prepared
        if prepared.kind == "SelectQuery" or limit_given or offset:     # other kinds are not paged by default
            prepared = library.page_query(prepared, page, offset)
        if store_dir is not None:
            from kg.store import (bind_parameters, open_store, query_substitutions, run_store_query,
                                  select_page, store_namespaces)

            store = open_store(store_dir)
            if whole.kind == "SelectQuery":         # pages come from the store's result cache
                text = bind_parameters(whole.text, query_substitutions(whole, bindings))
                result, _ = select_page(store, store_dir, text, page, offset)
            else:
                result = run_store_query(store, prepared, bindings)
            namespaces = store_namespaces()
        else:
            graph = load_graph(graph_path)
            result = library.run_query(graph, prepared, bindings)
            namespaces = graph.namespace_manager
        click.echo(library.format_result(result, fmt, namespaces), nl=False)
        if result.type == "SELECT" and page is not None and len(result) == page:
            click.echo(f"note: rows {offset + 1}–{offset + page} shown; --offset {offset + page} "
                       "gives the next page, --limit 0 every row", err=True)
    except KGError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.argument("graph", type=click.Path(dir_okay=False, path_type=Path),
                default=Path(DEFAULT_OUTPUT) / "graph.ttl")
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="SHACL shapes to use (default: ontology/shapes.ttl).")
@click.option("--no-checks", is_flag=True,
              help="Skip the SPARQL checks of queries/checks/*-violation.rq.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Print at most this many violations (and warnings); 0 for all.")
def validate(graph: Path, shapes: Path | None, no_checks: bool, limit: int) -> None:
    """Check a graph against the SHACL shapes and the violation checks.

    Prints one line per violation (the node's name, the property, what is
    wrong) and exits with 1 when the graph does not conform.  Warnings (a
    target without a year …) are printed but do not fail.

    Example:

    \b
        kg validate
        kg validate out/graph.ttl --limit 0
    """
    from kg.export import load_graph
    from kg.validate import validate_graph

    try:
        report = validate_graph(load_graph(graph), shapes, checks=not no_checks)
    except KGError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(report.text(limit or None), nl=False)
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.option("-f", "--format", "fmt",
              type=click.Choice(("turtle", "jsonld", "ntriples", "nquads", "trig", "csv")),
              default="turtle", show_default=True, help="Export format.")
@click.option("-g", "--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(DEFAULT_OUTPUT) / "graph.ttl", show_default=True,
              help="Graph file to export.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (RDF formats; default: standard output), or folder "
                   "(csv; default: output/csv).")
def export(fmt: str, graph_path: Path, output: Path | None) -> None:
    """Export a graph as Turtle, JSON-LD, N-Triples, N-Quads, TriG or CSV tables.

    N-Quads and TriG hold one named graph per report (named by the report's
    IRI) with its sentences, mentions, relations and targets; the default
    graph holds the entities.  JSON-LD is compacted with
    ontology/context.jsonld.  csv writes entities.csv, relations.csv,
    targets.csv and achievements.csv into a folder.

    Example:

    \b
        kg export --format jsonld -o output/graph.jsonld
        kg export --format trig -o output/graph.trig
        kg export --format csv -o output/csv
        kg export --format ntriples | wc -l
    """
    from kg.export import export_graph, load_graph, serialize_graph

    try:
        graph = load_graph(graph_path)
        if output is None and fmt != "csv":
            click.echo(serialize_graph(graph, fmt).decode("utf-8"), nl=False)
            return
        written = export_graph(graph, fmt, output or Path(DEFAULT_OUTPUT) / "csv")
    except KGError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)


@cli.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Serve this Oxigraph store folder (written by `kg build --store`) instead of a "
                   "graph file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="The most rows (or triples) one answer holds; the X-KG-Truncated header says "
                   "when rows were cut.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes that run queries at once (default: the CPUs, at most 4).")
def serve(graph: Path | None, store_dir: Path | None, host: str, port: int, timeout: float,
          max_rows: int, workers: int | None) -> None:
    """Serve a graph as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql.

    GRAPH (default output/graph.ttl) is loaded into a temporary store; --store
    serves a store as it is.  GET ?query= and POST (application/sparql-query
    or a form) answer in SPARQL JSON, XML, CSV or TSV, or Turtle/N-Triples
    for CONSTRUCT and DESCRIBE, by the Accept header or format=.  Updates
    are refused (403).  /queries lists the query library and
    /queries/NAME?param=value runs one; / shows the explorer page beside the
    graph.  Ctrl-C stops the server.

    Example:

    \b
        kg serve
        kg serve --store output/store --port 8000 --timeout 30
        curl 'http://127.0.0.1:7878/queries/targets-by-district?year=2025&format=csv'
        curl http://127.0.0.1:7878/sparql -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    """
    from kg.serve import serve as run_server

    if graph is not None and store_dir is not None:
        raise click.UsageError("give a GRAPH file or --store DIR, not both")
    if graph is None and store_dir is None:
        graph = Path(DEFAULT_OUTPUT) / "graph.ttl"

    def say(line: str) -> None:
        click.echo(f"kg serve: {line}", err=True)

    try:
        run_server(graph, store_dir, host=host, port=port, timeout=timeout, max_rows=max_rows,
                   workers=workers, say=say, log=lambda line: click.echo(line, err=True))
    except KGError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The Graph Store Protocol URL of the server (Oxigraph: http://HOST:PORT/store; "
                   "Fuseki: http://HOST:3030/DATASET/data).")
@click.option("-g", "--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(DEFAULT_OUTPUT) / "graph.ttl", show_default=True,
              help="Graph file to upload (.ttl, .nt, .jsonld, .nq, .trig).")
@click.option("--dry-run", is_flag=True, help="List the graphs that would be sent, and send nothing.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds to wait for the server on each graph.")
def push(endpoint: str, graph_path: Path, dry_run: bool, timeout: float) -> None:
    """Upload the graph to a triple store with the SPARQL 1.1 Graph Store Protocol.

    Each report's named graph (named by the report's IRI) and the default
    graph of entities is sent with HTTP PUT to URL?graph=IRI (URL?default for
    the default graph), replacing what the server held under that name, so
    pushing again updates rather than duplicates.  One line per graph shows
    the progress; the exit code is 1 when a graph could not be sent.

    Example:

    \b
        kg push --endpoint http://127.0.0.1:7878/store --dry-run
        kg push --endpoint http://127.0.0.1:7878/store -g output/graph.ttl
    """
    from kg.export import load_graph
    from kg.push import push_graph

    def say(line: str) -> None:
        click.echo(line, err=True)

    try:
        push_graph(load_graph(graph_path), endpoint, dry_run=dry_run, timeout=timeout, say=say)
    except KGError as exc:
        raise click.ClickException(str(exc)) from exc


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
