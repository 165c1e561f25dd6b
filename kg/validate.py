"""SHACL validation with pySHACL, and a report a person can read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.rdf.namespaces import PREFIXES, bind_all
from kg.settings import ontology_dir


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str
    severity: str
    shape: str

    def line(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}\n    path: {self.path or '-'}\n    {self.message}{value}"


@dataclass(frozen=True, eq=False)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]
    graph: Graph  # the SHACL validation report as RDF

    @property
    def text(self) -> str:
        if self.conforms:
            return "Conforms: the graph satisfies every shape."
        lines = [f"Does not conform: {len(self.violations)} result(s)."]
        lines += [v.line() for v in self.violations]
        return "\n".join(lines)

    def turtle(self) -> str:
        """The report graph as Turtle, the same text for the same results: its blank nodes (each result, and
        the shapes' own blank nodes, which pySHACL copies) are named by RDF canonicalization (RDFC-1.0) before
        rdflib writes it, where pySHACL's names are random and order the results."""
        import pyoxigraph as ox

        from kg.rdf.terms import FromOxigraph, Terms

        to, back = Terms(), FromOxigraph()
        dataset = ox.Dataset(to.quad(*triple) for triple in self.graph)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        graph = Graph()
        bind_all(graph)
        for quad in dataset:
            graph.add((back(quad.subject), back(quad.predicate), back(quad.object)))
        return graph.serialize(format="turtle")


@lru_cache(maxsize=4)
def load_shapes(path: str | None = None) -> Graph:
    """The shapes, their blank nodes named by their content (rdflib's canonical labels): the same names in
    every process, so that results of pieces validated in different processes compare equal (`kg.pieces`)."""
    from rdflib.compare import to_canonical_graph

    parsed = Graph().parse(path or str(ontology_dir() / "shapes.ttl"), format="turtle")
    shapes = Graph()
    for prefix, namespace in parsed.namespaces():
        shapes.bind(prefix, namespace)
    for triple in to_canonical_graph(parsed):
        shapes.add(triple)
    return shapes


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def lift_property_shapes(shapes: Graph) -> Graph:
    """The same constraints with each `sh:property` of a targeted node shape given that shape's targets.

    pySHACL checks a property shape nested in a node shape once per focus node (building its
    constraint objects each time) but a targeted property shape once for all its focus nodes:
    the 10x graph validates in 0.8 s instead of 3.5 s, with the same results. A node shape that
    another shape refers to (`sh:node`, `sh:not`, `sh:or` ...) or that is deactivated keeps its
    property shapes, since there they are checked on other nodes than its targets.
    """
    lifted = Graph()
    for prefix, namespace in shapes.namespaces():
        lifted.bind(prefix, namespace)
    for triple in shapes:
        lifted.add(triple)
    for node in set(shapes.subjects(SH.property, None)):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node, p)]
        referred = next(shapes.subjects(None, node), None) is not None
        if not targets or referred or shapes.value(node, SH.deactivated) is not None:
            continue
        for prop in shapes.objects(node, SH.property):
            for p, o in targets:
                lifted.add((prop, p, o))
            lifted.remove((node, SH.property, prop))
    return lifted


@lru_cache(maxsize=1)
def _lifted_shapes() -> Graph:
    return lift_property_shapes(load_shapes())  # the same blank nodes as load_shapes(): reports name them


def prepared_shapes(shapes: Graph | None = None) -> Graph:
    """The shapes (default: ontology/shapes.ttl) as `validate` hands them to pySHACL."""
    return lift_property_shapes(shapes) if shapes is not None else _lifted_shapes()


def validate(data: Graph, *, shapes: Graph | None = None, prepared: Graph | None = None) -> Report:
    """Validate `data` (the merged graph) against ontology/shapes.ttl (or `shapes`), as
    `lift_property_shapes` hands them to pySHACL (or against `prepared` shapes, handed as they are).

    SHACL Core only: the shapes use no SHACL-AF feature, and `advanced=True`
    makes pySHACL copy the whole data graph first (1M triples: 75 s and
    2.1 GB with it, 52 s and 1.4 GB without).
    """
    conforms, report_graph, _ = shacl_validate(
        data, shacl_graph=prepared if prepared is not None else prepared_shapes(shapes),
        inference="none",
        abort_on_first=False, allow_warnings=True, advanced=False,
    )
    return report_of(report_graph, conforms=bool(conforms))


def report_of(graph: Graph, *, conforms: bool | None = None, root: Node | None = None) -> Report:
    """The report of a SHACL validation report graph. Without `conforms`, it conforms unless a result is more
    than a warning or an information (as pySHACL decides with `allow_warnings`), and `root` (the
    sh:ValidationReport node) is given its sh:conforms."""
    if conforms is None:
        conforms = all(graph.value(r, SH.resultSeverity) in (SH.Warning, SH.Info)
                       for r in graph.objects(None, SH.result))
        if root is not None:
            graph.add((root, SH.conforms, Literal(conforms)))
    bind_all(graph)
    violations = sorted(_violations(graph), key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(conforms, tuple(violations), graph)


def _violations(report: Graph):
    for result in report.subjects(SH.resultSeverity, None):
        def one(prop):
            value = report.value(result, prop)
            return "" if value is None else _short(value, report)

        yield Violation(
            focus=one(SH.focusNode),
            path=one(SH.resultPath),
            message=one(SH.resultMessage),
            value=one(SH.value),
            severity=one(SH.resultSeverity).split(":")[-1].replace("sh", "") or "Violation",
            shape=one(SH.sourceShape),
        )


def _short(term, graph: Graph) -> str:
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if str(term).startswith(str(namespace)) and prefix not in ("id",):
                return f"{prefix}:{str(term)[len(str(namespace)):]}"
        return f"<{term}>"
    return str(term)


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"
