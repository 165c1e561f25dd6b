"""Property tests: Turtle out and back is isomorphic; any string yields a valid IRI; periods are sane."""

from __future__ import annotations

import re

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS, XSD

from kg.files import serialise
from kg.naming import name_key, slugify
from kg.periods import overlaps, period_bounds
from kg.rdf.namespaces import ID, KG

IRI_SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
languages = st.sampled_from(["en", "zh-Hans", "zh-Hant", "fr"])
literals = st.one_of(
    texts.map(Literal),
    st.tuples(texts, languages).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(min_value=-10**12, max_value=10**12).map(lambda n: Literal(n, datatype=XSD.integer)),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: Literal(d, datatype=XSD.decimal)),
    st.dates().map(lambda d: Literal(d.isoformat(), datatype=XSD.date)),
)
nodes = texts.map(lambda t: URIRef(ID[f"org/{slugify(t)}"]))
predicates = st.sampled_from([SKOS.prefLabel, SKOS.altLabel, KG.cooperatesWith, KG.figureText])
triples = st.lists(st.tuples(nodes, predicates, st.one_of(literals, nodes)), max_size=25)


@settings(max_examples=150, deadline=None)
@given(triples)
def test_turtle_out_and_back_is_isomorphic(items):
    dataset = Dataset()
    for triple in items:
        dataset.default_graph.add(triple)
    original = Graph()
    for triple in items:
        original.add(triple)
    text = serialise(dataset, "turtle")
    assert isomorphic(_lower_case_tags(original), Graph().parse(data=text, format="turtle"))
    oxigraph = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert len(oxigraph) == len(original)


def _lower_case_tags(graph: Graph) -> Graph:
    """The graph with language tags in lower case: the same RDF (tags are case-insensitive, their value
    space is lower case), and what Oxigraph's writers print."""
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, Literal(str(o), lang=o.language.lower()) if isinstance(o, Literal) and o.language else o))
    return out


@settings(max_examples=60, deadline=None)
@given(triples)
def test_trig_out_and_back_keeps_every_triple(items):
    dataset = Dataset()
    graph = dataset.graph(URIRef(ID["doc/0123456789abcdef0123456789abcdef"]))
    for triple in items:
        graph.add(triple)
        dataset.default_graph.add(triple)
    text = serialise(dataset, "trig")
    back = Dataset()
    back.parse(data=text, format="trig")
    assert set(back.graph(graph.identifier)) == set(_lower_case_tags(graph))


@settings(max_examples=500)
@given(st.text())
def test_any_string_yields_a_valid_iri(text):
    slug = slugify(text)
    assert IRI_SEGMENT.match(slug), slug
    iri = str(ID[f"person/{slug}"])
    assert list(ox.parse(f"<{iri}> <{iri}> <{iri}> .".encode(), format=ox.RdfFormat.N_TRIPLES))


@given(st.text(alphabet="abcdefgh ", min_size=1, max_size=40), st.text(alphabet="abcdefgh ", min_size=1, max_size=40))
def test_long_names_sharing_a_beginning_get_different_slugs(a, b):
    prefix = "National Intellectual Property Administration Office of the Regional Bureau for "
    left, right = slugify(prefix + a), slugify(prefix + b)
    assert len(left) <= 80 and len(right) <= 80
    if slugify(a) != slugify(b):
        assert left != right


def test_names_without_latin_letters_get_distinct_slugs():
    assert slugify("Роспатент") != slugify("Минюст")
    assert slugify("Роспатент") == slugify("Роспатент")


@given(st.text())
def test_name_keys_are_stable(text):
    assert name_key(name_key(text)) == name_key(text)


periods = st.one_of(
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(1990, 2029), st.integers(1, 12), st.integers(1, 6)).map(
        lambda t: f"{t[0]}-{t[1]:02d}/{t[0] + 1}-{t[2]:02d}"),
)


@given(periods, periods)
def test_period_bounds_are_ordered_and_overlap_is_symmetric(a, b):
    start, end = period_bounds(a)
    assert start <= end
    assert overlaps(a, b) == overlaps(b, a)
    assert overlaps(a, a)
