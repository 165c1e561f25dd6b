"""kg.rdf.jsonld builds the JSON-LD rdflib's serializer builds (with the project's prefixes as context)."""

from __future__ import annotations

import json

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.jsonld import from_rdf

from kg.rdf.jsonld import CONTEXT, jsonld
from kg.rdf.namespaces import ID, KG, ORG, bind_all
from kg.rdf.terms import Terms
from kg.rdf.writer import sort_statements


def rdflib_jsonld(graph: Graph) -> bytes:
    """rdflib's compacted JSON-LD with every list sorted, as the build wrote it before kg.rdf.jsonld."""
    def sort_lists(value):
        if isinstance(value, dict):
            return {k: sort_lists(v) if k != "@list" else v for k, v in value.items()}
        if isinstance(value, list):
            return sorted((sort_lists(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value

    data = from_rdf(graph, dict(CONTEXT), None, True, False, auto_compact=True)
    return (json.dumps(sort_lists(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def ours(graph: Graph) -> bytes:
    terms = Terms()
    return jsonld(sort_statements([], [terms.triple(*t) for t in graph]).merged)


def graph_of(triples) -> Graph:
    graph = Graph()
    bind_all(graph)
    for triple in triples:
        graph.add(triple)
    return graph


CNIPA, WIPO = ID["org/cnipa"], ID["org/wipo"]
# not "", 0 or false: rdflib drops a falsy value that comes before another of the same property (see below)
_texts = st.text(alphabet=st.sampled_from('ab "\\\n中1.'), min_size=1, max_size=5)
_objects = st.one_of(
    _texts.map(Literal),
    st.tuples(_texts, st.sampled_from(["en", "zh-hans"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.sampled_from(["0", "12", "3.5", "2024-01-02"]).flatmap(lambda v: st.sampled_from(
        [Literal(v, datatype=XSD.nonNegativeInteger), Literal(v, datatype=XSD.decimal), Literal(v, datatype=XSD.date),
         Literal(v, datatype=XSD.gYear)])),
    st.sampled_from(["12", "-4"]).map(lambda v: Literal(v, datatype=XSD.integer)),
    st.just(Literal("true", datatype=XSD.boolean)),
    st.sampled_from([CNIPA, WIPO, ORG.Organization, URIRef("http://www.wikidata.org/entity/Q123"),
                     URIRef(ID["x"]), URIRef(f"{CNIPA}#char=0,4")]),
)
_triples = st.lists(st.tuples(st.sampled_from([CNIPA, WIPO, URIRef(f"{CNIPA}#char=0,4"), URIRef(ID["x"])]),
                              st.sampled_from([RDF.type, SKOS.prefLabel, RDFS.label, KG.cooperatesWith, KG.figureText]),
                              _objects), max_size=25)


@settings(max_examples=300, deadline=None)
@given(_triples)
def test_the_same_json_ld_as_rdflib(triples):
    graph = graph_of(triples)
    assert ours(graph) == rdflib_jsonld(graph)


def test_the_same_json_ld_as_rdflib_for_the_built_graph(built):
    _, out = built
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) > 1000
    assert ours(graph) == rdflib_jsonld(graph) == (out / "graph.jsonld").read_bytes()


def test_oxigraph_reads_it_as_the_same_graph():
    graph = graph_of([(CNIPA, RDF.type, ORG.Organization), (CNIPA, SKOS.prefLabel, Literal("国家知识产权局", lang="zh-hans")),
                      (CNIPA, KG.cooperatesWith, WIPO), (WIPO, KG.figureText, Literal('say "x"\n')),
                      (WIPO, SKOS.notation, Literal("7", datatype=XSD.integer))])
    back = {str(t) for t in ox.parse(ours(graph), format=ox.RdfFormat.JSON_LD)}
    terms = Terms()
    assert back == {str(terms.triple(*t)) for t in graph}


def test_a_blank_node_is_written_with_its_label():
    node = BNode("b1")
    text = ours(graph_of([(node, RDFS.label, Literal("x")), (CNIPA, KG.cooperatesWith, node)])).decode("utf-8")
    assert '"@id": "_:b1"' in text


def test_falsy_values_are_kept():
    """rdflib's serializer replaces a property's value that is "", 0 or false when another follows; ours keeps both."""
    values = [Literal(""), Literal("x"), Literal("0", datatype=XSD.integer), Literal("false", datatype=XSD.boolean)]
    data = json.loads(ours(graph_of([(CNIPA, KG.figureText, v) for v in values])))
    assert sorted(map(json.dumps, data["kg:figureText"])) == sorted(map(json.dumps, ["", "x", 0, False]))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from('a"\\\n\t中\x01é')),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text(max_size=4), _json_values, max_size=5))
def test_the_indented_writer_writes_what_json_dumps_writes(data):
    from kg.rdf.jsonld import _indented

    assert _indented(data) == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
