"""What a build does in its child processes (`kg.spawned`), each from the statements in a file: the network
from the mapping's N-Quads; SHACL from the same file, read while the mapping writes it, or, for a graph of
more than one piece, from the merged graph's sorted N-Triples.

Module-level functions, so that a spawned child can import them by name; this module imports
no spaCy, so a child holds only rdflib, Oxigraph and pySHACL, or Oxigraph, networkx and matplotlib.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.spawned import Inbox

FOLLOW, WHOLE, SORTED = "follow", "whole:", "sorted:"


def checked(path: Path, inbox: Inbox) -> tuple[bool, str, dict, dict[str, float]]:
    """The merged graph validated by pySHACL: (conforms, report text, files, seconds per stage).

    The parent's next message is `sorted:<path>`, the merged graph's sorted N-Triples, validated in pieces
    where the shapes allow (`kg.pieces`); or `follow`: `path` is the mapping's N-Quads, read into rdflib's
    graph as the parent writes them (the mapping itself runs on one core), and the message after says how
    the file ended: `whole:<size in bytes>`, a graph of one piece, validated as it was read, or
    `sorted:<path>`."""
    from kg.files import follow
    from kg.pieces import graph_of, validate_file
    from kg.validate import validate

    start = time.perf_counter()
    said: list[str] = []
    read, waited = 0, 0.0

    def finished(timeout: float) -> bool:
        nonlocal waited
        before = time.perf_counter()
        message = inbox.get(timeout)
        waited += time.perf_counter() - before
        if message is not None:
            said.append(message)
        return message is not None

    def counted(chunks):
        nonlocal read
        for chunk in chunks:
            read += len(chunk)
            yield chunk

    graph, message = None, inbox.get()
    if message == FOLLOW:
        graph = graph_of(counted(follow(path, finished)))
        if said:
            message = said[0]
        else:  # the graph outgrew one piece: wait for the sorted file
            before = time.perf_counter()
            message = inbox.get()
            waited += time.perf_counter() - before
    if message.startswith(SORTED):
        report = validate_file(Path(message.removeprefix(SORTED)))
    elif graph is not None and read == int(message.removeprefix(WHOLE)):
        report = validate(graph)
    else:  # not what the parent wrote: read it again, whole
        report = validate_file(path)
    out: dict[str, str | bytes] = {"shacl-report.ttl": report.turtle(),
                                   "shacl-report.txt": report.text + "\n"}
    return report.conforms, report.text, out, {"shacl": time.perf_counter() - start - waited}  # its own work


def prepare_checking() -> None:
    """pySHACL imported and the shapes read: done while the child waits for its input."""
    from kg import pieces  # noqa: F401
    from kg.validate import prepared_shapes

    prepared_shapes()


def prepare_drawing() -> None:
    """networkx and matplotlib imported, matplotlib's font found, the network's queries read: done while the
    child waits for its input."""
    from kg import network, viz

    viz.preload()
    network.predicates_read()


def drawn(path: Path) -> tuple[dict, float]:
    """The organisation network's files, from an Oxigraph store of the statements the network's queries
    can read: (files, seconds)."""
    from kg.network import network_files, predicates_read
    from kg.store import OxigraphStore

    start = time.perf_counter()
    files = network_files(OxigraphStore.from_nquads(path, predicates=predicates_read()))
    return files, time.perf_counter() - start
