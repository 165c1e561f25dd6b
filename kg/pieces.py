"""SHACL validation of a large graph in pieces, where that gives the results of validating it whole.

rdflib holds about 0.8 kB per triple, so pySHACL's data graph was most of what
the 100x build's validation took in memory. When every shape reads only its
focus node's own statements and the types of their values (simple paths;
`sh:class`, `sh:datatype`, counts and the like; no `sh:node`, no SPARQL), each
focus node's results depend only on its own statements and its values'
`rdf:type` statements. So the subjects are split into pieces; a piece's graph
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
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kg import collector
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
    """Validate the merged graph of an N-Triples (or N-Quads) file: in pieces of about `piece_triples`
    statements where the shapes allow (`piecewise`) and the file gives each subject's statements together
    (as the sorted N-Triples a build writes), else whole."""
    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.N_QUADS
    prepared = prepared_shapes(shapes)
    with collector.paused():
        index = None
        if _lines(path) > piece_triples and piecewise(shapes if shapes is not None else load_shapes()):
            index = _indexed(path, fmt, prepared)  # (one piece is validated faster whole)
        if index is None:
            return validate(_graph(ox.parse(path=str(path), format=fmt)), prepared=prepared)
        targets = defaultdict(list)  # shape -> its targets, (kind, value)
        retargeted = Graph()
        for triple in prepared:
            if triple[1] in _TARGETS:
                targets[triple[0]].append(triple[1:])
            else:
                retargeted.add(triple)
        # one focus statement per node for the shapes with the same targets (a node shape's property shapes)
        kinds = {key: URIRef(f"{_FOCUS}{i}") for i, key in enumerate(sorted({tuple(sorted(t)) for t in targets.values()}))}
        for shape, shape_targets in targets.items():
            retargeted.add((shape, SH.targetObjectsOf, kinds[tuple(sorted(shape_targets))]))
        focus = {predicate: list(key) for key, predicate in kinds.items()}  # focus predicate -> the targets
        reports = []
        for i, piece in enumerate(_pieces(path, piece_triples)):
            reports.append(_validated_piece(ox.parse(piece, format=fmt), index, retargeted, focus, first=i == 0))
            gc.collect()  # the piece's graph (it holds cycles), before the next one is made
    return _merged(reports)


class _Index:
    """What a first pass over the file learnt: what every piece needs from the others."""

    def __init__(self, checked: set[str]):
        self.subjects: set[str] = set()  # N-Triples text of every subject
        self.types: dict[str, set[bytes]] = defaultdict(set)  # node -> its rdf:type statements (N-Triples lines)
        self.subclass: set[bytes] = set()  # every rdfs:subClassOf statement
        self.pointing: dict[str, bytes] = {}  # node -> one statement whose object it is, by a targetObjectsOf predicate
        self.checked = checked  # predicates whose values' classes a shape checks


def _indexed(path: Path, fmt, shapes: Graph) -> _Index | None:
    """The first pass, reading each statement's subject and predicate off its line (parsing only the lines
    the index keeps): None if a subject's statements are not all together."""
    index = _Index(_class_checked(shapes))
    pointed = {f"<{o}>".encode() for o in shapes.objects(None, SH.targetObjectsOf)}
    rdf_type, subclass = f"<{RDF.type}>".encode(), f"<{RDFS.subClassOf}>".encode()
    previous = None
    with path.open("rb") as handle:
        for line in handle:
            tokens = line.split(None, 2)
            if len(tokens) < 3 or tokens[0].startswith(b"#"):
                continue
            subject, predicate = tokens[0], tokens[1]
            if subject != previous:
                text = subject.decode("utf-8") if b"\\" not in subject else str(_statement(line, fmt).subject)
                if text in index.subjects:
                    return None
                index.subjects.add(text)
                previous = subject
            if predicate in (rdf_type, subclass) or predicate in pointed:
                statement = _statement(line, fmt)
                triple = f"{statement.subject} {statement.predicate} {statement.object} .\n".encode("utf-8")
                if predicate == rdf_type:
                    index.types[str(statement.subject)].add(triple)
                elif predicate == subclass:
                    index.subclass.add(triple)
                if predicate in pointed:
                    index.pointing.setdefault(str(statement.object), triple)
    return index


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def _statement(line: bytes, fmt):
    return next(iter(ox.parse(line, format=fmt)))


def _pieces(path: Path, size: int):
    """The file's lines in pieces of about `size`, each subject's lines in one piece (at least one piece)."""
    piece, previous, pieces = [], None, 0
    with path.open("rb") as handle:
        for line in handle:
            tokens = line.split(None, 1)
            subject = tokens[0] if tokens and not tokens[0].startswith(b"#") else previous  # a comment goes on
            if len(piece) >= size and subject != previous:
                yield b"".join(piece)
                piece, pieces = [], pieces + 1
            piece.append(line)
            previous = subject
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
    extra.update(index.pointing[subject] for subject in own if subject in index.pointing)
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


def _merged(reports: list[Report]) -> Report:
    """One report of the pieces' results, each once (a node that is nobody's subject may be in several)."""
    merged = Graph()
    root = BNode()
    merged.add((root, RDF.type, SH.ValidationReport))
    seen = set()
    for report in reports:
        graph = report.graph
        for result in graph.objects(None, SH.result):
            description = frozenset(graph.predicate_objects(result))
            if description in seen:
                continue
            seen.add(description)
            node = BNode()
            merged.add((root, SH.result, node))
            for p, o in description:
                merged.add((node, p, o))
    return report_of(merged, root=root)
