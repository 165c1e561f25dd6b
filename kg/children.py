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
    read, waited = 0, 0.0
    ended: str | None = None  # the parent's word on how the followed file ended

    def message(timeout: float | None = None) -> str | None:
        nonlocal waited
        before = time.perf_counter()
        try:
            return inbox.get(timeout)
        finally:
            waited += time.perf_counter() - before

    def finished(timeout: float) -> bool:
        nonlocal ended
        ended = message(timeout)
        return ended is not None

    def counted(chunks):
        nonlocal read
        for chunk in chunks:
            read += len(chunk)
            yield chunk

    graph, word = None, message()
    if word == FOLLOW:
        graph = graph_of(counted(follow(path, finished)))
        word = ended if ended is not None else message()  # no word yet: the graph outgrew one piece
    if word.startswith(SORTED):
        report = validate_file(Path(word.removeprefix(SORTED)))
    elif graph is not None and read == int(word.removeprefix(WHOLE)):
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
