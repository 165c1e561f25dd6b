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
def build(paths, out, store, processes, no_network):
    """Build the graph from documents (default: corpus/) into OUT.

    Writes graph.ttl, graph.jsonld, graph.trig (one named graph per document
    and per evidence sentence, plus the merged default graph), extraction.jsonl,
    the SHACL report, a summary and the organisation network.
    Exit status: 0 built and conforms, 1 does not conform, 3 some inputs were
    skipped (each named on stderr), 4 nothing to build.
    """
    from kg.build import BuildOptions, build as run_build

    result = run_build(
        list(paths) or [settings.corpus_dir()],
        options=BuildOptions(out=out or settings.output_dir(), store=store, n_process=processes,
                             network=not no_network),
    )
    for error in result.errors:
        click.echo(f"skipped: {error}", err=True)
    if result.summary.documents:
        click.echo(result.summary.table())
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
@click.option("--backend", type=click.Choice(["memory", "oxigraph"]), default="memory", show_default=True,
              help="Store back end for a graph file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table",
              show_default=True)
@click.option("--bind", "bindings", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable: an IRI (<...>, http..., prefix:local), text@en, text^^xsd:type or text.")
def query(query, graph, store_dir, backend, fmt, bindings):
    """Run QUERY: a queries/*.rq file or name (e.g. officials), or SPARQL text."""
    from kg.files import GraphFileError
    from kg.query import BindingError, format_result, parse_binding, run
    from kg.store import QueryError, open_store

    try:
        bound = dict(parse_binding(b) for b in bindings)
        store = open_store(graph=graph or settings.output_dir() / "graph.trig", store_dir=store_dir,
                           backend=backend)
        result = run(store, query, bindings=bound)
    except (GraphFileError, BindingError, QueryError, FileNotFoundError) as err:
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
    from kg.files import GraphFileError, atomic_write, load_dataset, serialise

    try:
        text = serialise(load_dataset(graph or settings.output_dir() / "graph.trig"), fmt)
    except GraphFileError as err:
        _fail(str(err))
    if out:
        atomic_write(out, text)
    else:
        click.echo(text, nl=False)


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
        from kg.files import atomic_write

        atomic_write(out, text)
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

    evaluation, text = score(list(paths) or [settings.corpus_dir()], gold or settings.ROOT / "tests" / "gold",
                             misses=misses)
    if as_json:
        click.echo(json.dumps(evaluation, indent=1))
    else:
        click.echo(text)


if __name__ == "__main__":
    main()
