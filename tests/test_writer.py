"""Turtle and TriG written by Oxigraph in our order (kg.rdf.writer), and the store built from the same quads."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.rdf.namespaces import ID, KG, ORG
from kg.rdf.terms import Terms
from kg.rdf.writer import sort_statements, trig, turtle
from kg.store import OxigraphStore

DOC_A, DOC_B = ID["doc/aaaa"], ID["doc/bbbb"]
CNIPA, WIPO = ID["org/cnipa"], ID["org/wipo"]
SENTENCE = URIRef(f"{DOC_A}#char=0,40")
STATEMENTS = [  # (s, p, o, graph)
    (CNIPA, RDF.type, ORG.Organization, DOC_A),
    (CNIPA, SKOS.prefLabel, Literal("China National Intellectual Property Administration", lang="en"), DOC_A),
    (CNIPA, SKOS.altLabel, Literal("国家知识产权局", lang="zh-hans"), DOC_A),
    (CNIPA, KG.cooperatesWith, WIPO, DOC_A),
    (CNIPA, KG.cooperatesWith, WIPO, SENTENCE),
    (CNIPA, RDF.type, ORG.Organization, DOC_B),
    (WIPO, RDF.type, ORG.Organization, DOC_B),
    (WIPO, KG.figureText, Literal('a "quoted" text .\nwith a line break and <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '),
     DOC_B),
    (WIPO, KG.fileName, Literal("x\x01y"), DOC_B),
    (SENTENCE, KG.fileName, Literal("12", datatype=XSD.nonNegativeInteger), DOC_A),
]


def _write(statements):
    quad = Terms().quad
    sorted_statements = sort_statements([quad(*q) for q in statements])
    text = turtle(sorted_statements)
    return text, trig(sorted_statements, text)


def test_the_same_statements_in_any_order_give_the_same_bytes():
    turtle, trig = _write(STATEMENTS)
    for seed in range(5):
        shuffled = STATEMENTS * 2  # duplicates too
        random.Random(seed).shuffle(shuffled)
        assert _write(shuffled) == (turtle, trig)


def test_turtle_holds_the_merged_graph_each_statement_once():
    turtle, _ = _write(STATEMENTS)
    graph = Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    assert set(graph) == {q[:3] for q in STATEMENTS}
    assert len(graph) == 8


def test_trig_holds_the_merged_default_graph_and_every_named_graph():
    turtle, trig = _write(STATEMENTS)
    assert trig.startswith(turtle)  # the default graph is the Turtle text
    back = Dataset()
    back.parse(data=trig.decode("utf-8"), format="trig")
    assert set(back.default_graph) == {q[:3] for q in STATEMENTS}
    for name in (DOC_A, DOC_B, SENTENCE):
        assert set(back.graph(name)) == {q[:3] for q in STATEMENTS if q[3] == name}
    assert {str(g.identifier) for g in back.graphs() if len(g)} >= {str(DOC_A), str(DOC_B), str(SENTENCE)}


def test_layout_of_the_text():
    turtle, trig = _write(STATEMENTS)
    text = turtle.decode("utf-8")
    body = text[text.index("\n\n") + 2:]
    # subjects in IRI order, rdf:type first as "a", a blank line after each statement
    assert body.startswith(f"<{SENTENCE}> kg:fileName")
    assert f"<{CNIPA}> a org:Organization ;\n\tskos:altLabel" in text  # then predicates in IRI order
    assert f"kg:cooperatesWith <{WIPO}> .\n\n<{WIPO}> a org:Organization ;" in text
    assert text.index(f"<{CNIPA}>") < text.index(f"<{WIPO}> a org:Organization")
    assert " .\n\n<" in body and not text.endswith("\n\n\n")
    assert "@prefix id:" not in text  # resources keep their IRIs rather than escaped local names
    assert "\\u0001" in text  # a control character is escaped
    named = trig.decode("utf-8")[len(text):]
    assert named.index(f"<{DOC_A}> {{") < named.index(f"<{SENTENCE}> {{") < named.index(f"<{DOC_B}> {{")  # IRI order


@pytest.mark.parametrize("fmt", [ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG])
def test_oxigraph_reads_what_it_wrote(fmt):
    turtle, trig = _write(STATEMENTS)
    statements = list(ox.parse(turtle if fmt == ox.RdfFormat.TURTLE else trig, format=fmt))
    assert len(statements) == (8 if fmt == ox.RdfFormat.TURTLE else 8 + len(STATEMENTS))


def test_a_store_from_quads_has_their_merge_as_default_graph():
    quad = Terms().quad
    store = OxigraphStore.from_quads([quad(*q) for q in STATEMENTS])
    default = list(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(default) == 8
    assert len(list(store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(DOC_A))))) == 5


_texts = st.text(alphabet=st.sampled_from('ab "<>@^\\.\n\t\x01中'), max_size=6)
_objects = st.one_of(
    _texts.map(Literal),
    st.tuples(_texts, st.sampled_from(["en", "zh-hans"])).map(lambda t: Literal(t[0], lang=t[1])),
    _texts.map(lambda t: Literal(t, datatype=XSD.string if len(t) % 2 else XSD.token)),
    _texts.map(lambda t: URIRef(ID[f"org/{t.encode('utf-8').hex()}"])),
)
_quads = st.lists(st.tuples(st.sampled_from([CNIPA, WIPO, URIRef(f"{CNIPA}x")]),
                            st.sampled_from([SKOS.prefLabel, RDF.type, KG.figureText]), _objects,
                            st.sampled_from([DOC_A, DOC_B, SENTENCE])), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_quads)
def test_the_merged_lines_need_no_second_sort(statements):
    """Cutting the graph off sorted N-Quads lines leaves sorted N-Triples lines, duplicates side by side: the
    Turtle is the same as when the merged graph's lines are gathered in a set and sorted again."""
    quad = Terms().quad
    quads = [quad(*q) for q in statements]
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    assert turtle(sort_statements(quads)) == turtle(sort_statements(quads, triples))


def test_terms_from_oxigraph_are_converted_once_each():
    from kg.rdf.terms import FromOxigraph, from_oxigraph

    convert = FromOxigraph()
    terms = [ox.NamedNode("https://w3id.org/ipkg/id/org/cnipa"), ox.Literal("21", datatype=ox.NamedNode(str(XSD.decimal))),
             ox.Literal("国家知识产权局", language="zh-hans"), ox.Literal("x"), ox.BlankNode("b1")]
    first = [convert(t) for t in terms]
    assert first == [from_oxigraph(t) for t in terms] == [
        URIRef("https://w3id.org/ipkg/id/org/cnipa"), Literal("21", datatype=XSD.decimal),
        Literal("国家知识产权局", lang="zh-hans"), Literal("x"), BNode("b1")]
    assert all(a is b for a, b in zip(first, (convert(t) for t in terms)))
    assert convert(None) is None and len(convert) == len(terms)
