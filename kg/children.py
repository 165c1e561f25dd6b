"""What a build does in its child processes (`kg.spawned`), each from the statements in an N-Quads file.

Module-level functions, so that a spawned child can import them by name; this module imports
no spaCy, so a child holds only rdflib and pySHACL, or Oxigraph, networkx and matplotlib.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.rdf.namespaces import bind_all
from kg.rdf.terms import FromOxigraph


def merged_graph(path: Path) -> Graph:
    """The merged graph of the statements in an N-Quads file, in rdflib (each triple once)."""
    graph = Graph()
    bind_all(graph)
    add, term = graph.add, FromOxigraph()
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def checked(path: Path) -> tuple[bool, str, dict, dict[str, float]]:
    """The merged graph validated by pySHACL: (conforms, report text, files, seconds per stage)."""
    from kg.validate import validate

    start = time.perf_counter()
    graph = merged_graph(path)
    timings = {"rdf": time.perf_counter() - start}
    start = time.perf_counter()
    report = validate(graph)
    out: dict[str, str | bytes] = {"shacl-report.ttl": report.graph.serialize(format="turtle"),
                                   "shacl-report.txt": report.text + "\n"}
    timings["shacl"] = time.perf_counter() - start
    return report.conforms, report.text, out, timings


def prepare_drawing() -> None:
    """networkx and matplotlib imported, matplotlib's font found: done while the child waits for its input."""
    from kg import network, viz  # noqa: F401

    viz.preload()


def drawn(path: Path) -> tuple[dict, float]:
    """The organisation network's files, from an Oxigraph store of the statements the network's queries
    can read: (files, seconds)."""
    from kg.network import network_files, predicates_read
    from kg.store import OxigraphStore

    start = time.perf_counter()
    files = network_files(OxigraphStore.from_nquads(path, predicates=predicates_read()))
    return files, time.perf_counter() - start
