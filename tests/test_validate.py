"""kg.validate.lift_property_shapes: faster for pySHACL, the same results as the shapes as written."""

from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace
from rdflib.namespace import SH

from kg.validate import lift_property_shapes, load_shapes, validate

EX = Namespace("http://example.org/")

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:XShape a sh:NodeShape ; sh:targetClass ex:X ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ] .
ex:YShape a sh:NodeShape ; sh:targetClass ex:Y ;
    sh:property [ sh:path ex:q ; sh:node ex:ZShape ] , [ sh:path ex:r ; sh:maxCount 1 ] .
ex:ZShape a sh:NodeShape ; sh:targetClass ex:Z ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ] .
"""

DATA = """
@prefix ex: <http://example.org/> .
ex:x1 a ex:X .
ex:x2 a ex:X ; ex:p 1 .
ex:y1 a ex:Y ; ex:q ex:w1 ; ex:r 1, 2 .
ex:w1 ex:s 1 .
"""


def _results(report: Graph) -> set:
    return {(report.value(r, SH.focusNode), report.value(r, SH.resultPath), report.value(r, SH.sourceConstraintComponent))
            for r in report.subjects(SH.resultSeverity, None)}


def test_property_shapes_of_targeted_node_shapes_get_their_targets():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    lifted = lift_property_shapes(shapes)
    for shape, cls in (("XShape", "X"), ("YShape", "Y")):
        node = EX[shape]
        assert not set(lifted.objects(node, SH.property))
        for prop in shapes.objects(node, SH.property):
            assert set(lifted.objects(prop, SH.targetClass)) == {EX[cls]}
    # ZShape is also used through sh:node, where its property shape checks nodes that are not its targets
    assert set(lifted.objects(EX.ZShape, SH.property)) == set(shapes.objects(EX.ZShape, SH.property))


def test_lifted_shapes_report_what_the_shapes_as_written_report():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    data = Graph().parse(data=DATA, format="turtle")
    _, as_written, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    report = validate(data, shapes=shapes)
    assert report.conforms is False
    assert _results(report.graph) == _results(as_written)
    found = {(focus.split("/")[-1], component.split("#")[-1]) for focus, _, component in _results(report.graph)}
    assert {("x1", "MinCountConstraintComponent"), ("y1", "MaxCountConstraintComponent"),
            ("y1", "NodeConstraintComponent")} <= found


def test_the_bundled_shapes_lose_no_constraint():
    shapes = load_shapes()
    lifted = lift_property_shapes(shapes)
    held = {(node, prop) for node, prop in shapes.subject_objects(SH.property)}
    for node, prop in held:
        kept = (node, SH.property, prop) in lifted
        targets = {(p, o) for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
                   for o in shapes.objects(node, p)}
        assert kept or (targets and targets <= {(p, o) for p, o in lifted.predicate_objects(prop)}), (node, prop)
