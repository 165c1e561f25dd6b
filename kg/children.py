"""What a build does in its child processes (`kg.spawned`), each from the statements in a file (the network:
the mapping's N-Quads; SHACL: the merged graph's sorted N-Triples).

Module-level functions, so that a spawned child can import them by name; this module imports
no spaCy, so a child holds only rdflib, Oxigraph and pySHACL, or Oxigraph, networkx and matplotlib.
"""

from __future__ import annotations

import time
from pathlib import Path


def checked(path: Path) -> tuple[bool, str, dict, dict[str, float]]:
    """The merged graph validated by pySHACL, in pieces where the shapes allow (`kg.pieces`):
    (conforms, report text, files, seconds per stage)."""
    from kg.pieces import validate_file

    start = time.perf_counter()
    report = validate_file(path)
    out: dict[str, str | bytes] = {"shacl-report.ttl": report.graph.serialize(format="turtle"),
                                   "shacl-report.txt": report.text + "\n"}
    return report.conforms, report.text, out, {"shacl": time.perf_counter() - start}


def prepare_checking() -> None:
    """pySHACL imported and the shapes read: done while the child waits for its input."""
    from kg import pieces  # noqa: F401
    from kg.validate import prepared_shapes

    prepared_shapes()


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
