"""Every competency query in queries/ runs on the built graph and returns what a reader of the corpus knows.

Expected rows come from reading the five documents (e.g. "Hu Wenhui, deputy
commissioner of the CNIPA"), not from the tool's output.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.files import load_dataset
from kg.query import bundled_queries, describe, parameters, run
from kg.store import RdflibStore

pytestmark = pytest.mark.slow
ID = "https://w3id.org/ipkg/id/"


@pytest.fixture(scope="module")
def store(built):
    _, out = built
    return RdflibStore(load_dataset(out / "graph.trig"))


def rows(store, name, **bindings):
    result = run(store, name, bindings={k: v for k, v in bindings.items()})
    return [tuple("" if v is None else str(v) for v in row) for row in result.rows], result.variables


def column(store, name, var, **bindings):
    found, variables = rows(store, name, **bindings)
    return {row[variables.index(var)] for row in found}


def test_every_query_file_says_what_it_answers():
    queries = bundled_queries()
    assert len([q for q in queries if not q.startswith("network-")]) >= 8
    for name, sparql in queries.items():
        assert len(describe(sparql)) > 20, name


def test_officials_of_cnipa_and_their_titles(store):
    found, variables = rows(store, "officials")
    pairs = {(r[variables.index("name")], r[variables.index("title")]) for r in found}
    assert ("Shen Changyu", "commissioner") in pairs
    assert ("Hu Wenhui", "deputy commissioner") in pairs
    assert ("Wang Peizhang", "director general") in pairs  # of a CNIPA department
    assert ("Ge Shu", "director general") in pairs


def test_treaties_china_joined(store):
    names = column(store, "treaties-joined", "treatyName")
    assert any(n.startswith("Hague Agreement") for n in names)
    assert any(n.startswith("Marrakesh Treaty") for n in names)


def test_programmes_and_laws_with_their_issuers(store):
    found, variables = rows(store, "issued-by")
    pairs = {(r[variables.index("itemName")], r[variables.index("issuerName")]) for r in found}
    assert ("Special Action Plan for Transformation and Utilization of Patents",
            "State Council of the People's Republic of China") in pairs
    assert ("Intellectual Property Protection in China 2023", "China National Intellectual Property Administration") in pairs
    assert ("Global Innovation Index", "World Intellectual Property Organization") in pairs


def test_organisations_wipo_works_with(store):
    assert "China National Intellectual Property Administration" in column(store, "partners", "partnerName")


def test_partners_of_cnipa_include_the_ministries_it_joined_hands_with(store):
    partners = column(store, "partners", "partnerName", org=URIRef(ID + "org/cnipa"))
    assert {"Ministry of Industry and Information Technology", "Chinese Academy of Sciences"} <= {
        p.replace(" of the People's Republic of China", "") for p in partners} | partners


def test_speakers_at_the_29_july_2024_press_conference(store):
    names = column(store, "event-speakers", "name")
    assert {"Shen Changyu", "Hu Wenhui", "Ge Shu", "Wang Peizhang", "Xing Huina"} <= names


def test_every_document_that_mentions_cnipa(store):
    files = column(store, "mentions", "file")
    assert len(files) == 5  # all five documents name the CNIPA


def test_event_hosts(store):
    found, variables = rows(store, "event-hosts")
    hosts = {r[variables.index("hostName")] for r in found if "High-Level Conference" in r[variables.index("eventName")]}
    assert {"World Intellectual Property Organization", "Beijing Municipal Government"} <= hosts
    assert any("press conference" in r[variables.index("eventName")] and r[variables.index("hostName")] ==
               "State Council Information Office" for r in found)


def test_units_and_their_parents(store):
    found, variables = rows(store, "organisation-structure")
    pairs = {(r[variables.index("unitName")], r[variables.index("parentName")]) for r in found}
    assert any(u.startswith("Press Bureau") and p == "State Council Information Office" for u, p in pairs)
    assert any(u.startswith("Strategic Planning Department") and p.startswith("China National") for u, p in pairs)


def test_wipo_administers_the_pct(store):
    found, variables = rows(store, "administers")
    assert ("World Intellectual Property Organization", "Patent Cooperation Treaty") in {
        (r[variables.index("organisationName")], r[variables.index("itemName")]) for r in found}


def test_entity_search_finds_by_alias(store):
    assert "World Intellectual Property Organization" in column(store, "entity-search", "name",
                                                                text=Literal("wipo"))


def test_provenance_of_china_joining_the_hague_agreement(store):
    found, variables = rows(store, "provenance", subject=URIRef(ID + "place/china"),
                            predicate=URIRef("https://w3id.org/ipkg/ontology#partyTo"))
    sentences = {r[variables.index("sentence")] for r in found if r[0].endswith("hague-agreement")}
    assert any("successfully joined the Hague Agreement" in s for s in sentences)


def test_statistics_include_invention_patents_granted_in_2023(store):
    found, variables = rows(store, "statistics")
    values = {(float(r[variables.index("value")]), r[variables.index("unit")], r[variables.index("period")])
              for r in found}
    assert (921000.0, "count", "2023") in values  # "921,000 invention patents were authorized"
    assert (854e9, "CNY", "2023") in values  # "854 billion yuan"
    assert (15.7, "months", "2024") in values or (15.7, "months", "2024-06") in values


def test_positions_over_time_answer_who_headed_cnipa_when(store):
    found, variables = rows(store, "positions-over-time")
    assert ("2024-07-29", "Shen Changyu", "commissioner") in {
        (r[variables.index("asOf")], r[variables.index("name")], r[variables.index("title")]) for r in found}


def test_declared_parameters_have_defaults():
    params = parameters(bundled_queries()["event-speakers"])
    assert params["date"][0] == Literal("2024-07-29", datatype=XSD.date)


@pytest.mark.parametrize("sparql, expected", [
    ("SELECT * { ?s <http://a> ?o . ?o a <http://C> }",
     {"http://a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}),
    ("SELECT * { ?s (<http://a>|^<http://b>)/<http://c>* ?o }", {"http://a", "http://b", "http://c"}),
    ("SELECT * { GRAPH ?g { ?s <http://a> ?o } OPTIONAL { ?o <http://b> ?x } FILTER NOT EXISTS { ?x <http://c> ?y } }",
     {"http://a", "http://b", "http://c"}),
    ("SELECT * { VALUES ?p { <http://a> <http://b> } ?s ?p ?o }", {"http://a", "http://b"}),
    ("SELECT * { ?s ?p ?o }", None),  # any predicate
    ("SELECT * { ?s ?p ?o VALUES ?p { <http://a> UNDEF } }", None),  # UNDEF: any predicate
    ("SELECT * { VALUES ?q { <http://a> } ?s ?p ?o }", None),  # VALUES binds another variable
    ("SELECT * { ?s !<http://a> ?o }", None),  # a negated path: any other predicate
    ("SELECT * { ?s <http://a> ?o FILTER EXISTS { ?o ?p ?x } }", None),
])
def test_the_predicates_a_query_can_match(sparql, expected):
    from kg.sparql import predicates_matched

    found = predicates_matched(sparql)
    assert found == (None if expected is None else frozenset(expected))


def test_a_bundled_query_with_a_variable_predicate_can_match_any():
    from kg.sparql import predicates_matched

    assert predicates_matched(bundled_queries()["provenance"]) is None
    assert "https://w3id.org/ipkg/ontology#cooperatesWith" in predicates_matched(bundled_queries()["network-edges"])
