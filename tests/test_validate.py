"""kg.validate.lift_property_shapes: faster for pySHACL, the same results as the shapes as written."""

import shutil

import pyoxigraph as ox
import pytest
from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SH

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


PIECE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:LonelyShape a sh:NodeShape ; sh:targetNode ex:lonely, ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
ex:PointedShape a sh:NodeShape ; sh:targetObjectsOf ex:q ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
ex:KShape a sh:NodeShape ; sh:targetClass ex:K ;
    sh:property [ sh:path ex:r ; sh:class ex:K ] , [ sh:path ex:s ; sh:or ( [ sh:class ex:L ] [ sh:datatype ex:d ] ) ] .
"""

PIECE_DATA = """# each subject's statements together, a comment among them
<http://example.org/a> <http://example.org/q> <http://example.org/b> .
<http://example.org/a> <http://example.org/q> "a literal" .
# a comment
<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/K> .
<http://example.org/a> <http://example.org/r> <http://example.org/c> .
<http://example.org/a> <http://example.org/s> <http://example.org/b> .
<http://example.org/b> <http://example.org/p> "1" .
<http://example.org/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/L> .
<http://example.org/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/K> .
<http://example.org/c> <http://example.org/r> <http://example.org/b> .
<http://example.org/c> <http://example.org/s> <http://example.org/a> .
<http://example.org/d> <http://example.org/q> <http://example.org/c> .
"""


def _focus_and_component(report) -> set:
    return {(str(f).split("/")[-1] if f else "", str(c).split("#")[-1]) for f, _, c in _results(report.graph)}


def test_pieces_give_the_whole_results_for_every_kind_of_target(tmp_path):
    """Targets by node (one that is nobody's subject), by objects (a subject of another piece, a literal),
    by class; values' classes checked alone and inside sh:or."""
    from kg.pieces import piecewise, validate_file

    shapes = Graph().parse(data=PIECE_SHAPES, format="turtle")
    assert piecewise(shapes)
    path = tmp_path / "data.nt"
    for data in (PIECE_DATA, ""):
        path.write_text(data, encoding="utf-8")
        whole = validate(Graph().parse(str(path), format="nt"), shapes=shapes)
        for size in (1, 2, 1000):
            assert _focus_and_component(validate_file(path, shapes=shapes, piece_triples=size)) == \
                _focus_and_component(whole), size
    # what validating whole finds (read from the data above): a, c and the literal lack ex:p; c's ex:r value
    # b is no K; c's ex:s value a is neither an L nor an ex:d literal; and the lonely node lacks ex:p
    path.write_text(PIECE_DATA, encoding="utf-8")
    assert _focus_and_component(validate_file(path, shapes=shapes, piece_triples=1)) == {
        ("a", "MinCountConstraintComponent"), ("c", "MinCountConstraintComponent"),
        ("a literal", "MinCountConstraintComponent"), ("lonely", "MinCountConstraintComponent"),
        ("c", "ClassConstraintComponent"), ("c", "OrConstraintComponent")}


def test_a_node_pointed_at_by_two_target_predicates_from_other_pieces_is_validated_for_both(tmp_path):
    """s is the object of ex:p1 (a's statement) and of ex:p2 (b's): its own piece needs both statements, so
    that both shapes select it there."""
    from kg.pieces import validate_file

    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:One a sh:NodeShape ; sh:targetObjectsOf ex:p1 ; sh:property [ sh:path ex:x ; sh:minCount 1 ] .
ex:Two a sh:NodeShape ; sh:targetObjectsOf ex:p2 ; sh:property [ sh:path ex:y ; sh:minCount 1 ] .
""", format="turtle")
    path = tmp_path / "data.nt"
    path.write_text("<http://example.org/a> <http://example.org/p1> <http://example.org/s> .\n"
                    "<http://example.org/b> <http://example.org/p2> <http://example.org/s> .\n"
                    "<http://example.org/s> <http://example.org/z> \"v\" .\n", encoding="utf-8")
    whole = validate(Graph().parse(str(path), format="nt"), shapes=shapes)
    assert len(whole.violations) == 2  # s lacks ex:x and ex:y
    pieces = validate_file(path, shapes=shapes, piece_triples=1)
    assert _focus_and_component(pieces) == _focus_and_component(whole)
    assert sorted(v.path for v in pieces.violations) == sorted(v.path for v in whole.violations)


def test_a_syntax_error_names_the_source_and_its_line_across_chunks():
    from kg.pieces import validate_chunks

    good = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
    with pytest.raises(ValueError, match=r"^statements\.nq: syntax error at line 5: "):
        validate_chunks([good * 3, good + b"<http://example.org/s> <http://example.org/p> .\n"],
                        fmt=ox.RdfFormat.N_TRIPLES, source="statements.nq")

def test_shapes_that_read_past_their_focus_nodes_are_validated_whole():
    from kg.pieces import piecewise

    head = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
    for shape in ("ex:S sh:targetClass ex:K ; sh:node ex:T .",
                  "ex:S sh:targetClass ex:K ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
                  "ex:S sh:targetClass ex:K ; sh:closed true .",
                  "ex:S sh:targetClass ex:K ; sh:property [ sh:path ex:p ; sh:or ( [ sh:path ex:q ; sh:minCount 1 ] ) ] .",
                  "ex:S a sh:NodeShape, <http://www.w3.org/2000/01/rdf-schema#Class> ."):
        assert not piecewise(Graph().parse(data=head + shape, format="turtle")), shape
    assert piecewise(Graph().parse(data=head + "ex:S sh:targetClass ex:K ; sh:not [ sh:class ex:L ] .",
                                   format="turtle"))


STATEMENTS = """<https://w3id.org/ipkg/id/person/ada> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> <https://w3id.org/ipkg/id/doc/1> .
<https://w3id.org/ipkg/id/person/ada> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> <https://w3id.org/ipkg/id/doc/2> .
<https://w3id.org/ipkg/id/person/Bad_IRI> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> <https://w3id.org/ipkg/id/doc/1> .
"""


def test_the_build_child_validates_what_it_read_as_it_was_written_as_validate_file_does(tmp_path):
    """kg.children.checked: told the file is whole, it validates the graph it read (followed into one graph,
    or split for pieces); told a size it did not read, or nothing of how to read it, the file again. Each
    gives validate_file's results."""
    from kg import children
    from kg.pieces import validate_file
    from kg.spawned import Inbox

    path = tmp_path / "statements.nq"
    path.write_text(STATEMENTS, encoding="utf-8")
    expected = validate_file(path)
    assert not expected.conforms  # two persons without names, one with an IRI out of pattern
    assert {v.focus.rsplit("/", 1)[-1] for v in expected.violations} == {"ada>", "Bad_IRI>"}
    size = len(STATEMENTS.encode())
    split = [f"{children.SPLIT}{tmp_path / 'pieces'}"]
    for messages in ([children.FOLLOW, f"{children.WHOLE}{size}"], [*split, f"{children.WHOLE}{size}", children.HELPED],
                     [children.FOLLOW, f"{children.WHOLE}{size + 1}"], [*split, f"{children.WHOLE}{size + 1}"],
                     [f"{children.WHOLE}{size}"]):
        shutil.rmtree(tmp_path / "pieces", ignore_errors=True)
        (tmp_path / "pieces").mkdir()
        conforms, text, files, timings = children.checked(path, Inbox(messages=messages))
        assert (conforms, text) == (expected.conforms, expected.text), messages
        assert files["shacl-report.txt"] == expected.text + "\n" and timings["shacl"] > 0


def test_the_build_child_merges_the_results_its_parent_sends(tmp_path, monkeypatch):
    """Split into pieces, the child validates the pieces nobody claimed, then adds the results the parent
    sends for the pieces it validated (here one made up, to be seen in the report)."""
    import functools
    import pickle

    from rdflib import Literal, URIRef

    import kg.pieces
    from kg import children
    from kg.spawned import Inbox

    path = tmp_path / "statements.nq"
    path.write_text(STATEMENTS, encoding="utf-8")
    whole = kg.pieces.validate_file(path)  # one piece
    monkeypatch.setattr(kg.pieces, "split", functools.partial(kg.pieces.split, piece_triples=1))
    folder = tmp_path / "pieces"
    folder.mkdir()
    parent_focus = "https://w3id.org/ipkg/id/person/someone"
    parent = frozenset({(SH.focusNode, URIRef(parent_focus)),
                        (SH.resultSeverity, SH.Violation), (SH.resultMessage, Literal("found by the parent"))})
    helped = tmp_path / "helped.pickle"
    helped.write_bytes(pickle.dumps({7: [parent]}))
    messages = [f"{children.SPLIT}{folder}", f"{children.WHOLE}{len(STATEMENTS.encode())}", f"{children.HELPED}{helped}"]
    conforms, text, _files, _timings = children.checked(path, Inbox(messages=messages))
    assert len(list(folder.glob("piece-*.claim"))) == 2  # ada's piece and Bad_IRI's, both validated here
    assert not conforms and text == "\n".join([
        f"Does not conform: {len(whole.violations) + 1} result(s).",  # those found here, and the parent's
        *sorted([v.line() for v in whole.violations] + [f"Violation: <{parent_focus}>\n    path: -\n    found by the parent"],
                key=lambda line: line.split("\n")[0])])

INDICATOR_TWICE = """<https://w3id.org/ipkg/id/observation/one> <https://w3id.org/ipkg/ontology#indicator> <https://w3id.org/ipkg/id/indicator/x> .
<https://w3id.org/ipkg/id/observation/two> <https://w3id.org/ipkg/ontology#indicator> <https://w3id.org/ipkg/id/indicator/x> .
"""


def test_pieces_validated_in_another_process_merge_with_these(tmp_path):
    """An indicator without a label, pointed at from two pieces: each piece finds it, in two processes, and
    the report holds it once, as validating whole does (the shapes' blank nodes have the same names in
    both processes). Piece 0 was claimed by a process that gave no results: it is validated here."""
    import pickle
    import subprocess
    import sys

    from kg.pieces import split

    path = tmp_path / "data.nt"
    path.write_text(INDICATOR_TWICE, encoding="utf-8")
    whole = validate(Graph().parse(str(path), format="nt"))
    assert {v.focus for v in whole.violations} == {"<https://w3id.org/ipkg/id/indicator/x>"}
    folder = tmp_path / "pieces"
    folder.mkdir()
    plan = split([path.read_bytes()], folder, fmt=ox.RdfFormat.N_TRIPLES, piece_triples=1)
    assert (plan.pieces, plan.whole) == (2, False)  # the two observations' statements
    plan.publish()
    (folder / "piece-0.claim").touch()
    helper = "import pickle, sys; from pathlib import Path; from kg.pieces import help_validate; " \
             "sys.stdout.buffer.write(pickle.dumps(help_validate(Path(sys.argv[1]), waiting=lambda: True)))"
    helped = pickle.loads(subprocess.run([sys.executable, "-c", helper, str(folder)], check=True,
                                         capture_output=True).stdout)
    assert list(helped) == [1]
    report = plan.validate(lambda: helped)
    assert (report.conforms, report.violations) == (whole.conforms, whole.violations)
    assert len(list(report.graph.objects(None, SH.result))) == 1


def test_a_helper_waits_for_the_plan_only_while_its_maker_is_at_work(tmp_path):
    from kg.pieces import help_validate

    answers = iter([True, True, False])
    assert help_validate(tmp_path, waiting=lambda: next(answers)) == {}
    assert next(answers, None) is None  # asked until the maker was no longer at work


def test_a_report_is_written_the_same_each_time():
    """pySHACL names the report's blank nodes at random, and rdflib orders the results by those names."""
    from rdflib.compare import isomorphic

    shapes = Graph().parse(data=SHAPES, format="turtle")
    data = Graph().parse(data=DATA + "ex:x3 a ex:X .\nex:x4 a ex:X .\nex:x5 a ex:X .\n", format="turtle")
    reports = [validate(data, shapes=shapes) for _ in range(3)]
    assert len(reports[0].violations) == 7  # x1, x3-x5 lack ex:p; y1 has two ex:r, its ex:q value w1 is no Z (w1 lacks ex:p)
    assert len({r.graph.serialize(format="turtle") for r in reports}) > 1  # what was written before
    texts = {r.turtle() for r in reports}
    assert len(texts) == 1
    assert isomorphic(Graph().parse(data=texts.pop(), format="turtle"), reports[0].graph)


def test_the_shape_of_a_result_found_in_pieces_is_described_as_when_validated_whole(tmp_path):
    """A property shape without a name is a blank node of the report: its path and constraint come along."""
    from kg.pieces import validate_file

    shapes = Graph().parse(data=PIECE_SHAPES, format="turtle")
    path = tmp_path / "data.nt"
    path.write_text(PIECE_DATA, encoding="utf-8")

    def shape_paths(report) -> set:
        graph = report.graph
        return {(str(focus).split("/")[-1], str(graph.value(graph.value(result, SH.sourceShape), SH.path)))
                for result in graph.subjects(RDF.type, SH.ValidationResult)
                for focus in graph.objects(result, SH.focusNode)}

    whole = validate(Graph().parse(str(path), format="nt"), shapes=shapes)
    assert shape_paths(validate_file(path, shapes=shapes, piece_triples=1)) == shape_paths(whole)
    assert ("c", "http://example.org/r") in shape_paths(whole)
