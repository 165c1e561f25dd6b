"""What a build does in its child processes (`kg.spawned`), each from the statements in a file: the network
from the mapping's N-Quads; SHACL from the same file, read while the mapping writes it.

Module-level functions, so that a spawned child can import them by name; this module imports
no spaCy, so a child holds only rdflib, Oxigraph and pySHACL, or Oxigraph, networkx and matplotlib.
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.spawned import Inbox

FOLLOW, SPLIT, WHOLE, HELPED = "follow", "split:", "whole:", "helped:"


def checked(path: Path, inbox: Inbox) -> tuple[bool, str, dict, dict[str, float]]:
    """The merged graph validated by pySHACL: (conforms, report text, files, seconds per stage).

    `path` is the mapping's N-Quads, read as the parent writes them (the mapping itself runs on one core).
    The parent's next message says how: `follow`, into rdflib's graph, for a graph expected to be of one
    piece; or `split:<folder>`, the first pass of validating in pieces (`kg.pieces.split`), whose plan is
    published in that folder for the parent to help with once it is free. Then `whole:<size in bytes>`: the
    file is whole. After a split, the last message is `helped:<file>`, the results of the pieces the parent
    validated (pickled; no file: none). Without a word on how to read the file, or if what was read is not
    what the parent wrote (or the followed graph outgrew one piece), the file is validated again, here."""
    from kg.files import follow
    from kg.pieces import Plan, graph_of, split, validate_file
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

    def helped() -> dict:
        file = message().removeprefix(HELPED)
        return pickle.loads(Path(file).read_bytes()) if file else {}

    graph = plan = None
    word = message()
    if word == FOLLOW:
        graph = graph_of(counted(follow(path, finished)))
    elif word.startswith(SPLIT):
        plan = split(counted(follow(path, finished)), Path(word.removeprefix(SPLIT)), source=str(path))
    if word == FOLLOW or plan is not None:
        word = ended if ended is not None else message()  # no word yet: the graph outgrew one piece
    if read != int(word.removeprefix(WHOLE)) or (graph is None and plan is None):
        if plan is not None:  # a plan of nothing, for the parent waiting to help
            Plan(plan.folder, 0, True, plan.index).publish()
        report = validate_file(path)
    elif graph is not None:
        report = validate(graph)
    else:
        plan.publish()
        report = plan.validate(helped)
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
