"""The two store back ends give the same answers, and the SPARQL text helpers read queries right."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kg import settings
from kg.cli import main
from kg.files import GraphFileError, load_dataset
from kg.query import bundled_queries, parameters, with_defaults
from kg.sparql import laterals_as_joins, operation, predicates_matched, project, reads_named_graphs, uses_service
from kg.store import OxigraphStore, QueryError, QueryResult, RdflibStore, open_store

QUERY_NAMES = sorted(p.stem for p in settings.queries_dir().glob("*.rq"))
NUMERIC = {str(XSD[t]) for t in ("integer", "decimal", "float", "double", "int", "long", "short", "byte",
                                 "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                 "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
# LANG() answers a tag as a plain string; Oxigraph lower-cases tags when it loads data (they are
# case-insensitive in RDF), rdflib keeps them as written: such strings are compared in lower case.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})+")


def plain(term):
    """A term as a plain value: IRIs and texts as strings, numbers by value, blank nodes alike."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if term.language:
        return (str(term), term.language.lower())
    if term.datatype is not None and str(term.datatype) in NUMERIC:
        try:
            value = Decimal(str(term).strip())
        except InvalidOperation:
            return str(term)
        return ("number", value) if value.is_finite() else str(term)
    text = str(term)
    return text.lower() if LANGUAGE_TAG.fullmatch(text) else text


def answers(result: QueryResult):
    """What a result says, independent of row order and term spelling."""
    if result.kind == "ask":
        return result.boolean
    if result.kind == "construct":
        return Counter(tuple(plain(t) for t in triple) for triple in result.triples)
    return Counter(tuple(sorted(zip(result.variables, map(plain, row)), key=lambda p: p[0]))
                   for row in result.rows)


# --- the bundled queries on the corpus graph, on every back end ---------------------------------


@pytest.fixture(scope="module")
def stores(built, tmp_path_factory):
    _, out = built
    dataset = load_dataset(out / "graph.trig")
    folder = tmp_path_factory.mktemp("oxigraph") / "store"
    OxigraphStore.from_dataset(dataset, folder).store.flush()
    return {
        "memory": RdflibStore(dataset),
        "oxigraph": OxigraphStore.from_dataset(dataset),
        "oxigraph-file": OxigraphStore.from_file(out / "graph.trig"),
        "oxigraph-folder": open_store(store_dir=folder, read_only=True),
    }


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["oxigraph", "oxigraph-file", "oxigraph-folder"])
@pytest.mark.parametrize("name", QUERY_NAMES)
def test_bundled_query_same_on_both_back_ends(stores, name, backend):
    sparql = bundled_queries()[name]
    bindings = with_defaults(sparql, {})
    expected = stores["memory"].query(sparql, bindings=bindings)
    got = stores[backend].query(sparql, bindings=bindings)
    assert got.kind == expected.kind
    assert set(got.variables) == set(expected.variables)
    assert set(answers(got)) == set(answers(expected))
    assert len(got.rows) == len(expected.rows)


@pytest.mark.slow
def test_bundled_queries_find_something(stores):
    """The comparison above is not one of empty results: most queries answer on the corpus."""
    answered = [name for name in QUERY_NAMES
                if stores["memory"].query(bundled_queries()[name],
                                          bindings=with_defaults(bundled_queries()[name], {})).rows]
    assert len(answered) >= len(QUERY_NAMES) * 2 // 3, answered


@pytest.mark.slow
def test_cli_query_on_a_store_folder_matches_the_graph_file(built, stores, tmp_path):
    _, out = built
    folder = tmp_path / "store"
    OxigraphStore.from_dataset(load_dataset(out / "graph.trig"), folder).store.flush()
    runner = CliRunner()
    from_file = runner.invoke(main, ["query", "officials", "--graph", str(out / "graph.trig"), "--format", "csv"])
    from_folder = runner.invoke(main, ["query", "officials", "--store", str(folder), "--format", "csv"])
    assert from_file.exit_code == 0, from_file.output
    assert from_folder.exit_code == 0, from_folder.output
    assert len(from_file.output.splitlines()) > 1
    assert sorted(from_file.output.splitlines()) == sorted(from_folder.output.splitlines())


@pytest.mark.slow
def test_build_with_oxigraph_store(tmp_path):
    from kg.build import BuildOptions, build

    smallest = min(settings.corpus_dir().glob("*.txt"), key=lambda p: p.stat().st_size)
    result = build([smallest], options=BuildOptions(out=tmp_path, store="oxigraph", progress=False, network=False))
    assert tmp_path / "store" in result.written
    from_folder = open_store(store_dir=tmp_path / "store", read_only=True)
    assert len(from_folder) == len(open_store(graph=tmp_path / "graph.trig", backend="oxigraph")) > 0


# --- bindings, limits and errors on a small graph --------------------------------------------------

EX = "http://example.org/"


@pytest.fixture(scope="module")
def small():
    dataset = Dataset(default_union=True)
    for i, (org, name) in enumerate([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma"), ("c", "Gamma Two")]):
        dataset.add((URIRef(EX + org), SKOS.prefLabel if i < 3 else SKOS.altLabel, Literal(name, lang="en")))
        if i < 3:
            dataset.add((URIRef(EX + org), URIRef(EX + "rank"), Literal(i % 2)))
    return {"memory": RdflibStore(dataset), "oxigraph": OxigraphStore.from_dataset(dataset)}


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_binding_a_variable_the_query_does_not_project(small, backend):
    result = small[backend].query("SELECT ?name WHERE { ?org skos:prefLabel|skos:altLabel ?name }",
                                  bindings={"org": URIRef(EX + "c")})
    assert result.variables == ("name",)
    assert sorted(str(row[0]) for row in result.rows) == ["Gamma", "Gamma Two"]


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_binding_with_group_by_and_distinct(small, backend):
    grouped = small[backend].query(
        "SELECT ?rank (COUNT(DISTINCT ?name) AS ?names) WHERE { ?org <http://example.org/rank> ?rank ; "
        "skos:prefLabel|skos:altLabel ?name } GROUP BY ?rank", bindings={"org": URIRef(EX + "c")})
    assert grouped.variables == ("rank", "names")
    assert [(int(r), int(n)) for r, n in grouped.rows] == [(0, 2)]
    distinct = small[backend].query("SELECT DISTINCT ?rank WHERE { ?org <http://example.org/rank> ?rank }",
                                    bindings={"org": URIRef(EX + "b")})
    assert [int(r) for (r,) in distinct.rows] == [1]


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_binding_in_ask_and_construct(small, backend):
    store = small[backend]
    ask = "ASK { ?org skos:prefLabel ?name }"
    assert store.query(ask, bindings={"name": Literal("Beta", lang="en")}).boolean is True
    assert store.query(ask, bindings={"name": Literal("Beta")}).boolean is False
    graph = store.query("CONSTRUCT { ?org <http://example.org/named> ?name } WHERE { ?org skos:prefLabel ?name }",
                        bindings={"org": URIRef(EX + "a")})
    assert [str(o) for _, _, o in graph.triples] == ["Alpha"]


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_limit_stops_reading(small, backend):
    assert len(small[backend].query("SELECT * WHERE { ?s ?p ?o }", limit=2).rows) == 2
    assert len(small[backend].query("CONSTRUCT WHERE { ?s ?p ?o }", limit=3).triples) == 3


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_bad_query_is_a_query_error(small, backend):
    with pytest.raises(QueryError):
        small[backend].query("SELECT ?s WHERE { ?s ?p ")


def test_read_only_folder_opens_twice(tmp_path):
    dataset = Dataset()
    dataset.add((URIRef(EX + "s"), URIRef(EX + "p"), Literal("o")))
    OxigraphStore.from_dataset(dataset, tmp_path / "store").store.flush()
    first = open_store(store_dir=tmp_path / "store", read_only=True)
    second = open_store(store_dir=tmp_path / "store", read_only=True)
    assert len(first) == len(second) == 1


def test_missing_store_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such store folder"):
        open_store(store_dir=tmp_path / "nowhere")


# --- reading SPARQL text ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "form"), [
    ("SELECT * {}", "select"),
    ("PREFIX insert: <http://x/>\nPREFIX : <http://y/>\nBASE <http://z/>\nask { :a insert:b 'DELETE' }", "ask"),
    ("# SELECT in a comment\nINSERT DATA { <a> <b> 'SELECT' }", "update"),
    ("prefix ex: <http://e/> with <http://g/> delete { ?s ?p ?o } where { ?s ?p ?o }", "update"),
    ("CLEAR ALL", "update"),
    ("LOAD <http://example.org/x.ttl>", "update"),
    ("DESCRIBE <http://example.org/a>", "describe"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
    ("   ", None),
    ("hello", None),
])
def test_operation(text, form):
    assert operation(text) == form


def test_uses_service():
    assert uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert not uses_service("SELECT * WHERE { ?s <http://example.org/service> 'SERVICE' } # SERVICE")


def test_reads_named_graphs():
    assert reads_named_graphs("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert reads_named_graphs("SELECT * FROM NAMED <http://x/g> WHERE { ?s ?p ?o }")
    assert not reads_named_graphs("SELECT ?graph WHERE { ?graph <http://x/graph> 'GRAPH' } # FROM")


TRIG = """@prefix ex: <http://example.org/> .
ex:a ex:p ex:b .
ex:g1 { ex:a ex:p ex:b . ex:a ex:q ex:c . }
"""


def test_a_store_from_a_file_keeps_its_default_graph_apart(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text(TRIG)
    store = OxigraphStore.from_file(path)
    assert len(store.default) == 1 and len(store.store) == 3
    # no GRAPH: the default graph alone, as SPARQL reads it; GRAPH: the named graphs of the whole store
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }").rows) == 1
    assert len(store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows) == 2


PARTNERS = """@prefix kg: <https://w3id.org/ipkg/ontology#> . @prefix ex: <http://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
ex:a kg:cooperatesWith ex:p . ex:b kg:cooperatesWith ex:p . ex:p skos:prefLabel "P" .
ex:d1 a foaf:Document . ex:d2 a foaf:Document .
ex:d1 { ex:a kg:cooperatesWith ex:p . ex:b kg:cooperatesWith ex:p . }
ex:d2 { ex:b kg:cooperatesWith ex:p . }
"""


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_partners_are_counted_per_organisation(tmp_path, backend):
    path = tmp_path / "g.trig"
    path.write_text(PARTNERS)
    store = open_store(graph=path, backend=backend)
    sparql = bundled_queries()["partners"]
    ex = "http://example.org/"
    found = {(str(r[0]), str(r[1]), int(r[3])) for r in store.query(sparql).rows}
    # b and p cooperate in two documents, a and p in one; a and b have no name, so are nobody's partner here
    assert found == {(ex + "b", ex + "p", 2), (ex + "a", ex + "p", 1)}
    bound = store.query(sparql, bindings={"org": URIRef(ex + "a")})
    assert [(str(r[1]), int(r[3])) for r in bound.rows] == [(ex + "p", 1)]


def test_a_store_from_a_broken_file_names_the_line(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text(TRIG + "ex:a ex:p .\n")
    with pytest.raises(GraphFileError, match=r"g\.trig: syntax error at line 4"):
        OxigraphStore.from_file(path)


def test_project_adds_names_only_at_the_top_level():
    text = ('PREFIX select: <http://x/>\n# SELECT ?nope\nSELECT DISTINCT ?a (COUNT(?b) AS ?n) WHERE {\n'
            '  { SELECT ?a ?b WHERE { ?a select:p ?b } GROUP BY ?a ?b }\n  FILTER(?a != "GROUP BY")\n}\n'
            'GROUP BY ?a ORDER BY ?n')
    rewritten, added = project(text, ["b", "a", "n", "c"])
    assert added == ("b", "c")
    assert "SELECT DISTINCT ?b ?c ?a (COUNT(?b) AS ?n) WHERE" in rewritten
    assert "\nGROUP BY ?b ?c ?a ORDER BY ?n" in rewritten
    assert "{ SELECT ?a ?b WHERE" in rewritten and "GROUP BY ?a ?b }" in rewritten  # the subquery is untouched
    assert project("SELECT * WHERE { ?s ?p ?o }", ["s", "x"]) == ("SELECT * WHERE { ?s ?p ?o }", ())
    assert project("ASK { ?s ?p ?o }", ["s"]) == ("ASK { ?s ?p ?o }", ())
    with pytest.raises(ValueError):
        project("SELECT ?a {}", ["a} DROP ALL; #"])


def test_a_lateral_group_of_patterns_is_read_as_a_join():
    text = ('# LATERAL { in a comment }\nSELECT * WHERE { ?s <http://x/lateral> "LATERAL {" .\n'
            '  lateral { GRAPH ?g { ?s ?p ?o } } LATERAL { { ?o ?q ?r } UNION { ?r ?q ?o } } }')
    assert laterals_as_joins(text) == (
        '# LATERAL { in a comment }\nSELECT * WHERE { ?s <http://x/lateral> "LATERAL {" .\n'
        '   { GRAPH ?g { ?s ?p ?o } }  { { ?o ?q ?r } UNION { ?r ?q ?o } } }')
    assert laterals_as_joins("SELECT * { ?s ?p ?o }") == "SELECT * { ?s ?p ?o }"


@pytest.mark.parametrize("group", ["FILTER(?o > 1)", "OPTIONAL { ?o ?q ?r }", "BIND(1 AS ?x)", "MINUS { ?o ?q ?r }",
                                   "VALUES ?r { 1 }", "{ SELECT ?r WHERE { ?o ?q ?r } }", "FILTER NOT EXISTS { ?o ?q ?r }"])
def test_a_lateral_group_that_is_not_a_join_is_refused(group):
    """There the outer solution changes the answer: the group cannot be read as a join."""
    text = f"SELECT * WHERE {{ ?s ?p ?o LATERAL {{ ?o ?q ?r {group} }} }}"
    with pytest.raises(ValueError, match="LATERAL"):
        laterals_as_joins(text)
    assert "LATERAL" not in laterals_as_joins(text, check=False)  # enough to read which patterns there are


def test_a_language_tag_is_not_a_keyword():
    text = 'SELECT * WHERE { ?s ?p "x"@lateral . ?s ?q "y"@graph }'
    assert laterals_as_joins(text) == text
    assert not reads_named_graphs(text)


def test_the_predicates_of_a_lateral_group_with_a_filter():
    text = ("SELECT * WHERE { ?s <http://x/p> ?o LATERAL { ?o <http://x/q> ?r FILTER(?r > 1) } }")
    assert predicates_matched(text) == frozenset({"http://x/p", "http://x/q"})


def test_lateral_answers_alike_on_both_back_ends(small):
    """rdflib (no LATERAL: a join) and Oxigraph (LATERAL) give the same rows, and a bound variable before
    the LATERAL is matched; a group rdflib cannot read so is a QueryError, not a wrong answer."""
    sparql = ("SELECT ?org ?name ?rank WHERE { ?org skos:prefLabel|skos:altLabel ?name "
              "LATERAL { ?org <http://example.org/rank> ?rank } }")
    for org, expected in (("c", [("Gamma", 0), ("Gamma Two", 0)]), ("b", [("Beta", 1)])):
        for backend in ("memory", "oxigraph"):
            rows = small[backend].query(sparql, bindings={"org": URIRef(EX + org)}).rows
            assert sorted((str(n), int(r)) for _, n, r in rows) == expected, backend
    with pytest.raises(QueryError, match="LATERAL"):
        small["memory"].query("SELECT * WHERE { ?s ?p ?o LATERAL { ?o ?q ?r FILTER(?s = ?r) } }")


def test_quoted_parameter_default_with_spaces():
    """A default like "intellectual property" is one value, not a line that fails to parse."""
    assert parameters(bundled_queries()["entity-search"])["text"][0] == Literal("intellectual property")
    defaults = parameters('# param: when = "2024-07-29"^^xsd:date  (a date)\n# param: who = "Zhang Wei"@en\n'
                          "SELECT * {}")
    assert defaults["when"][0] == Literal("2024-07-29", datatype=XSD.date)
    assert defaults["who"][0] == Literal("Zhang Wei", lang="en")


def test_a_store_from_trig_text_holds_the_quads_of_the_dataset(built):
    _, out = built
    text = (out / "graph.trig").read_text(encoding="utf-8")
    from_text = OxigraphStore.from_trig(text)
    from_rdflib = OxigraphStore.from_dataset(load_dataset(out / "graph.trig"))
    assert len(from_text) == len(from_rdflib) > 1000
    assert set(from_text.store) == set(from_rdflib.store)
