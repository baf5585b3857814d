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
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per file and report.")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_obj
def build(state: _State, paths: tuple[Path, ...], out_dir: Path, no_html: bool,
          quiet: bool, verbose: bool, debug: bool) -> None:
    """Build the graph of report files and folders (default: seeds/).

    PATHS are files (.txt .md .html .htm .docx .pdf) or folders, walked
    recursively in sorted order.  Writes graph.ttl, graph.html, entities.csv,
    coverage.csv and build.json into the output folder.  A file that cannot
    be read is reported on stderr and skipped; the exit code is then 1.

    Example:

    \b
        kg build
        kg build reports/ more.docx page.html -o out/
    """
    from kg.pipeline import build as run_build

    debug = debug or state.debug
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
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
                           f"{result.seconds:.2f} s", err=True)

    try:
        summary = run_build(inputs, out_dir, html=not no_html, debug=debug,
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
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=Path(DEFAULT_OUTPUT) / "graph.ttl")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="HTML file to write (default: beside GRAPH, graph.html).")
def viz(graph: Path, output: Path | None) -> None:
    """Render a graph written by kg build as an offline HTML explorer.

    Example:

    \b
        kg viz output/graph.ttl -o output/graph.html
    """
    import rdflib

    from kg.viz import write_explorer

    target = output or graph.with_suffix(".html")
    g = rdflib.Graph()
    try:
        g.parse(graph, format="turtle")
    except Exception as exc:
        raise click.ClickException(f"{graph}: not a valid Turtle file: {exc}") from exc
    write_explorer(g, target)
    click.echo(f"wrote {target}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
