"""The `kg` command: each subcommand parses its arguments, calls one library function, prints."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg import settings

EXIT_ERROR = 2


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _one_source(graph, store_dir) -> None:
    """A command reads a graph file or a store folder, not both."""
    if graph and store_dir:
        _fail("give --graph or --store, not both")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ip-kg")
def main() -> None:
    """Build, validate, query and draw a knowledge graph of intellectual-property policy from texts."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Output folder (default: output/).")
@click.option("--store", type=click.Choice(["memory", "oxigraph"]), default="memory", show_default=True,
              help="Also load the graph into a persistent Oxigraph store in OUT/store/.")
@click.option("--processes", "-j", type=int, default=1, show_default=True, help="spaCy processes.")
@click.option("--no-network", is_flag=True, help="Skip the organisation network drawings.")
@click.option("--no-cache", is_flag=True, help="Parse every document again and rebuild even if nothing changed.")
def build(paths, out, store, processes, no_network, no_cache):
    """Build the graph from documents (default: corpus/) into OUT.

    Writes graph.ttl, graph.jsonld, graph.trig (one named graph per document
    and per evidence sentence, plus the merged default graph), extraction.jsonl,
    the SHACL report, a summary and the organisation network.
    Exit status: 0 built and conforms, 1 does not conform, 3 some inputs were
    skipped (each named on stderr), 4 nothing to build.
    """
    from kg.build import BuildOptions
    from kg.build import build as run_build

    if out is not None and out.exists() and not out.is_dir():
        _fail(f"{out}: not a folder (--out names the folder the build writes into)")
    result = run_build(
        list(paths) or [settings.corpus_dir()],
        options=BuildOptions(out=out or settings.output_dir(), store=store, n_process=processes,
                             network=not no_network, cache=not no_cache),
    )
    for error in result.errors:
        click.echo(f"skipped: {error}", err=True)
    if result.summary.documents:
        click.echo(result.summary.table())
        if result.up_to_date:
            click.echo(f"\nup to date: nothing changed since the last build of {out or settings.output_dir()}")
        else:
            click.echo(f"\nwrote {len(result.written)} files to {out or settings.output_dir()}")
        if not result.summary.conforms:
            click.echo(result.report_text, err=True)
    else:
        click.echo("error: no readable documents", err=True)
    sys.exit(result.exit_code)


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
def validate(graph):
    """Validate GRAPH (default: output/graph.ttl) against ontology/shapes.ttl.

    Exit status: 0 conforms, 1 violations (each with focus node, path and
    message), 2 error (missing or malformed file).
    """
    from kg.files import GraphFileError, load_dataset, merged_graph
    from kg.validate import validate as run_validate

    try:
        dataset = load_dataset(graph or settings.output_dir() / "graph.ttl")
    except GraphFileError as err:
        _fail(str(err))
    report = run_validate(merged_graph(dataset))
    click.echo(report.text)
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.argument("query")
@click.option("--graph", "graph", type=click.Path(path_type=Path), default=None,
              help="Graph file to query (default: output/graph.trig).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Query a persistent Oxigraph store folder instead of a file.")
@click.option("--backend", type=click.Choice(["memory", "oxigraph"]), default="oxigraph", show_default=True,
              help="Store back end for a graph file: Oxigraph, or rdflib's memory store "
                   "(whose SPARQL engine is far slower on GRAPH patterns).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table",
              show_default=True)
@click.option("--bind", "bindings", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable: an IRI (<...>, http..., prefix:local), text@en, text^^xsd:type or text.")
def query(query, graph, store_dir, backend, fmt, bindings):
    """Run QUERY: a queries/*.rq file or name (e.g. officials), or SPARQL text."""
    from kg.files import GraphFileError
    from kg.query import BindingError, format_result, parse_binding, run
    from kg.store import QueryError, open_store

    _one_source(graph, store_dir)
    try:
        bound = dict(parse_binding(b) for b in bindings)
        store = open_store(graph=graph or settings.output_dir() / "graph.trig", store_dir=store_dir,
                           backend=backend, read_only=True)
        result = run(store, query, bindings=bound)
    except (GraphFileError, BindingError, QueryError, OSError) as err:
        _fail(str(err))
    click.echo(format_result(result, fmt))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "jsonld", "nt", "nquads", "trig"]), default="turtle",
              show_default=True)
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="Graph file to export (default: output/graph.trig).")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to a file instead of stdout.")
def export(fmt, graph, out):
    """Export the graph as Turtle, JSON-LD, N-Triples, N-Quads or TriG."""
    from kg.files import GraphFileError, load_dataset, serialise

    try:
        text = serialise(load_dataset(graph or settings.output_dir() / "graph.trig"), fmt)
    except GraphFileError as err:
        _fail(str(err))
    if out:
        _write(out, text)
    else:
        click.echo(text, nl=False)


def _write(out: Path, text: str) -> None:
    """`text` into the file `out`, or a clear error (a folder, no permission) instead of a traceback."""
    from kg.files import atomic_write

    try:
        atomic_write(out, text)
    except OSError as err:
        _fail(f"{out}: cannot write ({err.strerror or err})")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to a file instead of stdout.")
def extract(paths, fmt, out):
    """Print what the NLP stage finds in PATHS, before RDF: one JSON object a line.

    Entities first ({"type": "entity", "id", "class", "subclass", "name",
    "aliases", "mentions"}), then relations ({"type": "relation", "subject",
    "predicate", "object", "qualifiers", "evidence"}), sorted.
    """
    from kg.build import extract_jsonl

    text, errors = extract_jsonl(list(paths))
    for error in errors:
        click.echo(f"skipped: {error}", err=True)
    if out:
        _write(out, text)
    else:
        click.echo(text, nl=False)
    sys.exit(3 if errors else 0)


@main.command(name="eval")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--gold", type=click.Path(path_type=Path), default=None, help="Gold folder (default: tests/gold/).")
@click.option("--misses", is_flag=True, help="List every false positive and false negative.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(paths, gold, misses, as_json):
    """Score the extraction of PATHS (default: corpus/) against gold annotations.

    Prints precision, recall and F1 per document, per class, per predicate and
    micro-averaged, for entities, relations and observations.
    """
    from kg.evaluate import score

    try:
        evaluation, text = score(list(paths) or [settings.corpus_dir()], gold or settings.ROOT / "tests" / "gold",
                                 misses=misses)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(evaluation, indent=1))
    else:
        click.echo(text)


@main.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="Graph file to serve (default: output/graph.trig).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Serve a persistent Oxigraph store folder instead (opened read only).")
@click.option("--backend", type=click.Choice(["memory", "oxigraph"]), default="oxigraph", show_default=True,
              help="Store back end for a graph file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=7070, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most result rows (or triples) returned; more are cut, with header X-SPARQL-MaxRows.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes, i.e. queries answered at once.")
def serve(graph, store_dir, backend, host, port, timeout, max_rows, workers):
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /.

    GET or POST (`query` parameter, form, or an application/sparql-query body);
    results as SPARQL JSON, XML, CSV, TSV, or Turtle/N-Triples/RDF-XML for
    CONSTRUCT and DESCRIBE, chosen by Accept or a `format` parameter.
    Updates are refused (403). Stop with Ctrl-C.
    """
    from kg.files import GraphFileError
    from kg.serve import serve as run_server

    _one_source(graph, store_dir)
    try:
        run_server(graph=graph or settings.output_dir() / "graph.trig", store_dir=store_dir, backend=backend,
                   host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers)
    except (GraphFileError, FileNotFoundError) as err:
        _fail(str(err))


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL of the store, e.g. http://localhost:7878/store (Oxigraph).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Replace this named graph with the merged graph (Turtle).")
@click.option("--default", "default_graph", is_flag=True, help="Replace the default graph with the merged graph.")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None,
              help="Graph file to upload (default: output/graph.trig).")
@click.option("--append", is_flag=True, help="Add to what the store holds (POST) instead of replacing it (PUT).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="Seconds to wait for the store.")
def push(endpoint, graph_iri, default_graph, file, append, timeout):
    """Upload the graph to a triple store with the SPARQL 1.1 Graph Store Protocol.

    Without --graph or --default the whole dataset (named graphs and default
    graph) is sent as N-Quads to URL itself. Exit status: 0 stored, 2 refused
    or unreachable (the status and answer of the store are shown).
    """
    from kg.files import GraphFileError
    from kg.push import PushError
    from kg.push import push as run_push

    try:
        result = run_push(endpoint=endpoint, file=file or settings.output_dir() / "graph.trig", graph=graph_iri,
                          default=default_graph, append=append, timeout=timeout)
    except (GraphFileError, PushError, ValueError) as err:
        _fail(str(err))
    click.echo(result.text())


@main.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="Graph file (default: output/graph.trig).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Read a persistent Oxigraph store folder instead of a file.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many organisations the centrality table lists.")
@click.option("--format", "fmt", type=click.Choice(["html", "png", "svg", "graphml", "gexf", "json"]), default=None,
              help="Write the network in this format instead of printing the tables.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="File for --format (default: org-network.<format> beside --graph, or in output/).")
@click.option("--include", multiple=True, type=click.Choice(["people", "treaties", "programmes", "places"]),
              help="Also make nodes of people, treaties, programmes (and laws) or places; repeatable.")
def network(graph, store_dir, top, fmt, out, include):
    """The organisation network: its most central organisations and its communities.

    Nodes are organisations; typed edges (cooperates with, part of, co-hosted
    an event, co-issued a programme or law, shared an official, co-party to a
    treaty) are weighted by their evidence sentences. Ranked by degree
    centrality, then betweenness; communities by Louvain. With --format, writes
    the interactive page (html), the picture (png, svg), GraphML, GEXF or
    Cytoscape.js JSON instead.
    """
    from kg.files import GraphFileError
    from kg.network import network_command
    from kg.store import QueryError

    _one_source(graph, store_dir)
    try:
        # written beside the graph it was drawn from, not over the project's own output
        text = network_command(graph=graph, store_dir=store_dir, top=top, fmt=fmt, include=tuple(include), out=out,
                               default_dir=graph.parent if graph else settings.output_dir())
    except (GraphFileError, QueryError, OSError) as err:
        _fail(str(err))
    click.echo(text, nl=not text.endswith("\n"))


if __name__ == "__main__":
    main()
