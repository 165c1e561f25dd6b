"""SHACL validation of a large graph in pieces, where that gives the results of validating it whole.

rdflib holds about 0.8 kB per triple, so pySHACL's data graph was most of what
the 100x build's validation took in memory. When every shape reads only its
focus node's own statements and the types of their values (simple paths;
`sh:class`, `sh:datatype`, counts and the like; no `sh:node`, no SPARQL), each
focus node's results depend only on its own statements and its values'
`rdf:type` statements. So the subjects are split into pieces (by a hash of the
subject, in a first pass that also notes what pieces need from each other, so
the statements may come in any order); a piece's graph
holds its subjects' statements, the types of their values, every
`rdfs:subClassOf` statement and, for `sh:targetObjectsOf p`, one `p` statement
pointing at each of its subjects. Each shape's targets are worked out here: a
piece's own subjects, and nodes that are nobody's subject (the same in every
piece that has them: reported once). pySHACL is handed them as the objects of a
statement made for the shape (`sh:targetObjectsOf`; a shape with thousands of
`sh:targetNode`s slows pySHACL down, as it scans all of a shape's statements).
Shapes that read further are validated whole (`piecewise`).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kg import collector
from kg.files import atomic_write
from kg.rdf.namespaces import bind_all
from kg.rdf.terms import FromOxigraph
from kg.settings import PIECE_TRIPLES
from kg.validate import Report, load_shapes, prepared_shapes, report_of, validate

# what a shape may say for its results to depend only on its focus nodes' statements and their values' types
_READS_OWN = {SH[name] for name in (
    "targetClass targetNode targetSubjectsOf targetObjectsOf property path deactivated severity message name "
    "description order group defaultValue class datatype nodeKind minCount maxCount minExclusive minInclusive "
    "maxExclusive maxInclusive minLength maxLength pattern flags languageIn uniqueLang equals disjoint lessThan "
    "lessThanOrEquals not and or xone hasValue in").split()}  # not sh:closed: it would see the focus statements
_LOGICAL = (SH["not"], SH["and"], SH["or"], SH.xone)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_FOCUS, _PIECE = "urn:x-kg:focus:", URIRef("urn:x-kg:piece")  # (piece, focus of shape i, node): no IRI of a graph


def piecewise(shapes: Graph) -> bool:
    """Whether validating piece by piece gives the results of validating whole, for these shapes."""
    for _s, p, o in shapes:
        if str(p).startswith(str(SH)) and p not in _READS_OWN:
            return False  # sh:node, sh:qualifiedValueShape, sh:sparql, ...: they read other nodes' statements
        if p == SH.path and not isinstance(o, URIRef):
            return False  # a path other than one predicate (inverse, sequence, ...)
    if (None, RDFS.subClassOf, None) in shapes or any((None, RDF.type, c) in shapes for c in (RDFS.Class, OWL.Class)):
        return False  # a shape that is also a class targets its instances: not worked out here
    for member in (m for shape in set(shapes.subjects()) for m in _inside(shapes, shape)):
        if (member, SH.property, None) in shapes or (member, SH.path, None) in shapes:
            return False  # inside a property shape, this would read its values' own statements
    return True


def _inside(shapes: Graph, shape):
    """The shapes in `shape`'s sh:not, sh:and, sh:or and sh:xone."""
    for p in _LOGICAL:
        for o in shapes.objects(shape, p):
            yield from [o] if p == SH["not"] else shapes.items(o)


def validate_file(path: Path, *, shapes: Graph | None = None, piece_triples: int = PIECE_TRIPLES) -> Report:
    """Validate the merged graph of an N-Triples (or N-Quads) file, its statements in any order: in pieces of
    about `piece_triples` statements where the shapes allow (`piecewise`), else whole."""
    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.N_QUADS
    with path.open("rb") as handle:
        chunks = iter(lambda: handle.read(1 << 20) + handle.readline(), b"")  # whole lines
        return validate_chunks(chunks, fmt=fmt, shapes=shapes, piece_triples=piece_triples, source=str(path))


def validate_chunks(chunks: Iterable[bytes], *, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS, shapes: Graph | None = None,
                    piece_triples: int = PIECE_TRIPLES, source: str = "statements") -> Report:
    """As `validate_file`, for N-Quads (or `fmt`) text in chunks of whole lines, read as they come."""
    with tempfile.TemporaryDirectory(prefix="kg-pieces-") as folder:
        plan = split(chunks, Path(folder), fmt=fmt, shapes=shapes, piece_triples=piece_triples, source=source)
        plan.publish()
        return plan.validate()


@dataclass(frozen=True, eq=False)
class Plan:
    """What `split` made in `folder`: the statements in piece files, each subject's in one, and the index of
    what the pieces need from each other. Published (`publish`), its pieces may be validated by any process
    that claims them (`claim_pieces`); `validate` validates the rest and merges the results."""

    folder: Path
    pieces: int  # piece-<i>.nt, i < pieces
    whole: bool  # one piece, validated as a graph of its own (not in pieces)
    index: _Index = field(repr=False)
    shapes: Graph | None = field(default=None, repr=False)  # None: ontology/shapes.ttl

    def publish(self) -> None:
        """Written for other processes (`claim_pieces`): the index, then the plan itself."""
        atomic_write(self.folder / "index.pickle", pickle.dumps(self.index, protocol=pickle.HIGHEST_PROTOCOL))
        atomic_write(self.folder / "plan.json", json.dumps({"pieces": self.pieces, "whole": self.whole}))

    def validate(self, helped: Callable[[], dict[int, list]] = dict) -> Report:
        """The report of every piece: this process validates those nobody claimed, then `helped()` gives the
        results of those other processes validated (it may wait for them), and any piece still without
        results (claimed by a process that gave none) is validated here."""
        if self.whole:
            return validate(_graph(ox.parse(path=str(self._piece(0)), format=ox.RdfFormat.N_TRIPLES)),
                            prepared=prepared_shapes(self.shapes))
        results = claim_pieces(self.folder, plan=self)
        results.update(helped())
        for i in range(self.pieces):
            if i not in results:
                results[i] = _piece_results(self, i)
        return _merged([results[i] for i in sorted(results)])

    def _piece(self, i: int) -> Path:
        return self.folder / f"piece-{i}.nt"


def claim_pieces(folder: Path, *, plan: Plan | None = None,
                 waiting: Callable[[], bool] = lambda: True) -> dict[int, list[frozenset]]:
    """Validate the pieces of the plan published in `folder` that no other process has claimed, one at a
    time, each claimed first, while `waiting()` (a helper stops once the plan's maker is gone): {piece: its
    results}."""
    if plan is None:
        about = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        if about["whole"] or not about["pieces"]:
            return {}
        index = pickle.loads((folder / "index.pickle").read_bytes())
        plan = Plan(folder, about["pieces"], about["whole"], index)
    results = {}
    for i in range(plan.pieces):
        if not waiting():
            break
        try:
            os.close(os.open(folder / f"piece-{i}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            continue
        results[i] = _piece_results(plan, i)
    return results


def help_validate(folder: Path, *, waiting: Callable[[], bool]) -> dict[int, list[frozenset]]:
    """For a process with nothing else to do while another validates in pieces: wait (while `waiting()`)
    for that process to publish its plan in `folder`, then validate the pieces still unclaimed."""
    while not (folder / "plan.json").exists():
        if not waiting():
            return {}
        time.sleep(0.01)
    return claim_pieces(folder, waiting=waiting)


def _piece_results(plan: Plan, i: int) -> list[frozenset]:
    """Piece `i` validated: its results, each as the set of its (predicate, object) pairs."""
    shapes, focus = _retargeted(plan.shapes)
    with collector.paused():
        statements = ox.parse(path=str(plan._piece(i)), format=ox.RdfFormat.N_TRIPLES)
        graph = _validated_piece(statements, plan.index, shapes, focus, first=i == 0).graph
        results = [_described(graph, result) for result in graph.objects(None, SH.result)]
        del graph
        gc.collect()  # the piece's graph (it holds cycles), before the next one is made
    return results


@lru_cache(maxsize=2)
def _retargeted(shapes: Graph | None) -> tuple[Graph, dict]:
    """The shapes as a piece's graph is validated against: each shape's targets replaced by a focus statement
    (`_FOCUS`); and {focus predicate: the targets it stands for}."""
    targets = defaultdict(list)  # shape -> its targets, (kind, value)
    retargeted = Graph()
    for triple in prepared_shapes(shapes):
        if triple[1] in _TARGETS:
            targets[triple[0]].append(triple[1:])
        else:
            retargeted.add(triple)
    # one focus statement per node for the shapes with the same targets (a node shape's property shapes)
    kinds = {key: URIRef(f"{_FOCUS}{i}") for i, key in enumerate(sorted({tuple(sorted(t)) for t in targets.values()}))}
    for shape, shape_targets in targets.items():
        retargeted.add((shape, SH.targetObjectsOf, kinds[tuple(sorted(shape_targets))]))
    return retargeted, {predicate: list(key) for key, predicate in kinds.items()}


class _Index:
    """What the first pass learnt: what every piece needs from the others."""

    def __init__(self, checked: set[str]):
        self.statements = 0  # read, some perhaps more than once (in several graphs)
        self.subjects: set[str] = set()  # N-Triples text of every subject
        self.types: dict[str, set[bytes]] = defaultdict(set)  # node -> its rdf:type statements (N-Triples lines)
        self.subclass: set[bytes] = set()  # every rdfs:subClassOf statement
        # node -> for each targetObjectsOf predicate, one statement whose object it is
        self.pointing: dict[str, dict[str, bytes]] = defaultdict(dict)
        self.checked = checked  # predicates whose values' classes a shape checks


_BUCKETS = 256  # files the first pass spreads the statements over, by their subject; a piece is a run of them
_HELD = 256  # statements a bucket holds before they are written to its file


def split(chunks: Iterable[bytes], folder: Path, *, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS,
          shapes: Graph | None = None, piece_triples: int = PIECE_TRIPLES, source: str = "statements") -> Plan:
    """The first pass over N-Quads (or `fmt`) text in chunks of whole lines, read as they come (a build's
    SHACL child reads the mapping's statements while they are written): the index, and each statement, once,
    in the piece file of its subject in `folder`. Not yet published."""
    prepared = prepared_shapes(shapes)
    index = _Index(_class_checked(prepared))
    with collector.paused():
        _bucketed(chunks, fmt, prepared, index, folder, source)
    buckets = sorted(folder.glob("*.bucket"), key=lambda bucket: int(bucket.stem))
    whole = index.statements <= piece_triples or not piecewise(shapes if shapes is not None else load_shapes())
    pieces = 0
    for pieces, piece in enumerate(_pieces(buckets, index.statements if whole else piece_triples), start=1):
        (folder / f"piece-{pieces - 1}.nt").write_bytes(piece)
    for bucket in buckets:
        bucket.unlink()
    return Plan(folder, pieces, whole, index, shapes)


def _bucketed(chunks: Iterable[bytes], fmt, shapes: Graph, index: _Index, folder: Path, source: str) -> None:
    """Each statement (as a triple) written to the bucket file of its subject, so that each subject's
    statements are in one bucket; the index filled."""
    pointed = {str(o) for o in shapes.objects(None, SH.targetObjectsOf)}
    rdf_type, subclass = str(RDF.type), str(RDFS.subClassOf)
    held: list[list[ox.Triple]] = [[] for _ in range(_BUCKETS)]

    def write(bucket: int) -> None:
        with (folder / f"{bucket}.bucket").open("ab") as handle:
            ox.serialize(held[bucket], handle, format=ox.RdfFormat.N_TRIPLES)
        held[bucket].clear()

    lines = 0  # before this chunk
    for chunk in chunks:
        try:
            quads = list(ox.parse(chunk, format=fmt))
        except SyntaxError as err:
            where = f"line {lines + err.lineno}" if err.lineno else "a line"
            raise ValueError(f"{source}: syntax error at {where}: {err.msg.partition(': ')[2] or err.msg}") from None
        lines += chunk.count(b"\n")
        index.statements += len(quads)
        for quad in quads:
            subject = str(quad.subject)
            index.subjects.add(subject)
            predicate = quad.predicate.value
            if predicate in (rdf_type, subclass) or predicate in pointed:
                line = f"{subject} {quad.predicate} {quad.object} .\n".encode("utf-8")
                if predicate == rdf_type:
                    index.types[subject].add(line)
                elif predicate == subclass:
                    index.subclass.add(line)
                if predicate in pointed:
                    index.pointing[str(quad.object)].setdefault(predicate, line)
            bucket = zlib.crc32(subject.split("#", 1)[0].encode("utf-8")) % _BUCKETS  # a document's nodes together
            held[bucket].append(quad.triple)
            if len(held[bucket]) >= _HELD:
                write(bucket)
    for bucket, triples in enumerate(held):
        if triples:
            write(bucket)


def _pieces(buckets: list[Path], size: int) -> Iterator[bytes]:
    """N-Triples of the buckets' statements, each once, in pieces of at least `size` statements (the last may
    be smaller) made of whole buckets; at least one piece."""
    piece: dict[bytes, None] = {}
    pieces = 0
    for bucket in buckets:
        with bucket.open("rb") as handle:
            piece.update(dict.fromkeys(handle))  # Oxigraph wrote them: one statement, one text
        if len(piece) >= size:
            yield b"".join(piece)
            piece, pieces = {}, pieces + 1
    if piece or not pieces:
        yield b"".join(piece)


def _class_checked(shapes: Graph) -> set[str]:
    """The paths of property shapes with `sh:class`, alone or inside `sh:not`, `sh:and`, `sh:or`, `sh:xone`:
    the predicates whose values' types a piece needs."""
    def reached(shape) -> set:
        todo, seen = [shape], set()
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(_inside(shapes, node))
        return seen

    return {str(path) for shape, path in shapes.subject_objects(SH.path)
            if any((node, SH["class"], None) in shapes for node in reached(shape))}


def _validated_piece(statements, index: _Index, shapes: Graph, targets: dict, *, first: bool) -> Report:
    """A piece validated: `targets` maps each shape's focus predicate to the shape's own targets."""
    own, extra = set(), set(index.subclass)

    def noted():
        for triple in statements:
            own.add(str(triple.subject))
            if triple.predicate.value in index.checked:
                extra.update(index.types.get(str(triple.object), ()))
            yield triple

    graph = _graph(noted())
    extra.update(line for subject in own if subject in index.pointing for line in index.pointing[subject].values())
    _graph(ox.parse(b"".join(sorted(extra)), format=ox.RdfFormat.N_TRIPLES), graph)
    chosen = {predicate: _focus_nodes(graph, kinds, own, index.subjects, first=first)
              for predicate, kinds in targets.items()}  # all chosen before any focus statement is added
    for predicate, nodes in chosen.items():
        for node in nodes:
            graph.add((_PIECE, predicate, node))
    return validate(graph, prepared=shapes)


def _focus_nodes(graph: Graph, targets: list, own: set[str], subjects: set[str], *, first: bool) -> set[Node]:
    """The nodes that `targets` select in the whole graph and that this piece validates: its own subjects,
    and nodes that are nobody's subject (their results need nothing but themselves)."""
    found = set()
    for kind, value in targets:
        if kind == SH.targetClass:
            classes = set(graph.transitive_subjects(RDFS.subClassOf, value))
            found.update(x for c in classes for x in graph.subjects(RDF.type, c))
        elif kind == SH.targetSubjectsOf:
            found.update(graph.subjects(value, None))
        elif kind == SH.targetObjectsOf:
            found.update(graph.objects(None, value))
        elif kind == SH.targetNode and (value.n3() in own or value.n3() not in subjects and first):
            found.add(value)
    # a pointing statement added for one of this piece's subjects points at that subject: any other node
    # found is its subject's piece's to validate, or nobody's subject
    return {x for x in found if x.n3() in own or x.n3() not in subjects}


def graph_of(chunks: Iterable[bytes], *, limit: int = PIECE_TRIPLES) -> Graph | None:
    """rdflib's merged graph of N-Quads (or N-Triples) text in chunks of whole lines, as `validate_file`
    validates a graph of one piece; None once it holds more than `limit` statements (the rest is not read)."""
    graph = _graph(())
    with collector.paused():
        for chunk in chunks:
            _graph(ox.parse(chunk, format=ox.RdfFormat.N_QUADS), graph)
            if len(graph) > limit:
                return None
    return graph


def _graph(statements, graph: Graph | None = None) -> Graph:
    """rdflib's graph of Oxigraph's statements, with the project's prefixes (pySHACL's messages use them); or
    `graph` with the statements added."""
    if graph is None:
        graph = Graph()
        bind_all(graph)
    add, term = graph.add, FromOxigraph()
    for statement in statements:
        add((term(statement.subject), term(statement.predicate), term(statement.object)))
    return graph


@dataclass(frozen=True)
class _Nested:
    """A blank node of a result (a shape without a name, a path) and what is said of it; the node keeps its
    label (a shape's is the shapes graph's own, the same in every piece)."""

    node: BNode
    pairs: frozenset


def _described(graph: Graph, node, depth: int = 0) -> frozenset:
    """A node's (predicate, object) pairs, each blank object described in turn (a few levels deep)."""
    return frozenset((p, _Nested(o, _described(graph, o, depth + 1)) if isinstance(o, BNode) and depth < 6 else o)
                     for p, o in graph.predicate_objects(node))


def _add_described(graph: Graph, node, pairs: frozenset) -> None:
    for p, o in pairs:
        if isinstance(o, _Nested):
            _add_described(graph, o.node, o.pairs)
            o = o.node
        graph.add((node, p, o))


def _merged(pieces: list[list[frozenset]]) -> Report:
    """One report of the pieces' results, each once (a node that is nobody's subject may be in several)."""
    merged = Graph()
    root = BNode()
    merged.add((root, RDF.type, SH.ValidationReport))
    for description in dict.fromkeys(d for results in pieces for d in results):
        node = BNode()
        merged.add((root, SH.result, node))
        _add_described(merged, node, description)
    return report_of(merged, root=root)
