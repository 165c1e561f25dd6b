"""The benchmark inputs at a tiny size: the Nx corpus generator and the synthetic graph. No timing."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from benchmarks.corpus import add_document, make_corpus, source_documents, vary
from benchmarks.synthetic import make_synthetic
from kg import settings
from kg.corpus import read_documents

NS = "https://w3id.org/ipkg/"


@pytest.fixture(scope="module")
def corpus3(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus3")
    return make_corpus(folder, 3), read_documents([folder])


def test_corpus_copies_are_distinct_readable_documents(corpus3):
    info, corpus = corpus3
    originals = source_documents(settings.corpus_dir())
    assert info.documents == 3 * len(originals) == len(corpus.documents)
    assert not corpus.errors  # no identical texts skipped, nothing unreadable
    assert len({d.sha256 for d in corpus.documents}) == len(corpus.documents)
    assert info.words > 2.9 * sum(len(p.read_text(encoding="utf-8").split()) for p in originals)
    # copy 0 is the bundled text itself; copies keep the metadata of SOURCES.md
    original = {p.name: p.read_text(encoding="utf-8") for p in originals}
    by_name = {d.name: d for d in corpus.documents}
    for name, text in original.items():
        assert by_name[name].text == text.replace("\r\n", "\n")
    copy = by_name["2024-07-29-scio-press-conference-cnipa--v002.txt"]
    assert copy.date == "2024-07-29" and copy.publisher == "State Council Information Office"


def test_copies_have_varied_names_and_numbers():
    path = settings.corpus_dir() / "2024-07-29-scio-press-conference-cnipa.txt"
    text = path.read_text(encoding="utf-8")
    one, two = vary(text, 1, doc=path.name), vary(text, 2, doc=path.name)
    assert vary(text, 1, doc=path.name) == one  # deterministic
    assert "Shen Changyu" in one.people and one.people["Shen Changyu"] != two.people["Shen Changyu"]
    assert "Shen Changyu" not in one.text and one.people["Shen Changyu"] in one.text
    surname = one.people["Shen Changyu"].split()[0]
    assert f"Mr. {surname}" in one.text  # "Mr. Shen" follows the full name
    assert "Xi Jinping" in one.text  # heads of state stay
    assert one.organisations and all(new.endswith(old) for old, new in one.organisations.items())
    assert "China National Intellectual Property Administration" in one.text  # reference names stay
    assert one.numbers > 50
    assert "July 29, 2024" in one.text  # dates stay valid
    years = set(re.findall(r"\b20\d\d\b", text))
    assert years == set(re.findall(r"\b20\d\d\b", one.text))


def test_a_document_without_names_or_numbers_still_differs():
    path = settings.corpus_dir() / "2024-05-13-cnipa-white-paper-ip-protection-2023.txt"
    text = path.read_text(encoding="utf-8")
    copies = {vary(text, k, doc=path.name).text for k in range(30)}
    assert len(copies) == 30


def test_add_document(tmp_path):
    make_corpus(tmp_path, 1)
    added = add_document(tmp_path, 1)
    corpus = read_documents([tmp_path])
    assert len(corpus.documents) == len(source_documents(settings.corpus_dir())) + 1
    assert added.name in {d.name for d in corpus.documents} and not corpus.errors


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    info = make_synthetic(folder / "g.nq", 6000, merged=folder / "g.nt")
    store = ox.Store()
    store.bulk_load(path=str(info.path), format=ox.RdfFormat.N_QUADS)
    return info, store


def _count(store, where: str) -> int:
    query = f"""PREFIX org: <http://www.w3.org/ns/org#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
    PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
    PREFIX kg: <{NS}ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"""
    return int(next(iter(store.query(query)))[0].value)


def test_synthetic_graph_has_the_shape_of_a_build(synthetic):
    info, store = synthetic
    assert 6000 <= info.triples < 9000 and info.documents >= 3
    assert len(store) == info.quads
    assert _count(store, "?s ?p ?o") == info.triples  # the default graph is the union
    docs = _count(store, "?d a foaf:Document")
    assert docs == info.documents
    assert _count(store, "GRAPH ?g { ?d a foaf:Document } FILTER(?g = ?d)") == docs  # one graph per document
    for cls in ("org:Organization", "foaf:Person", "org:Membership", "nif:Sentence", "qb:Observation"):
        assert _count(store, f"?x a {cls}") > 0, cls
    assert _count(store, "?m itsrdf:taIdentRef ?e ; nif:referenceContext ?d . ?e kg:mentionedIn ?d") > 0
    # relations stated in per-sentence graphs that are NIF sentences of their document
    assert _count(store, "GRAPH ?s { ?a org:memberOf ?b } ?s a nif:Sentence ; nif:referenceContext ?d") > 0
    assert _count(store, f"<{NS}id/org/cnipa> ?p ?o") > 0  # the queries' default parameters find data


def test_synthetic_graph_conforms_to_the_shapes(synthetic):
    from rdflib import Graph

    from kg.validate import validate

    info, _ = synthetic
    report = validate(Graph().parse(str(info.merged), format="nt"))
    assert report.conforms, report.text[:2000]


def test_synthetic_graph_is_deterministic(tmp_path):
    a = make_synthetic(tmp_path / "a.nq", 2000, seed=3)
    b = make_synthetic(tmp_path / "b.nq", 2000, seed=3)
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()
    assert a.triples == b.triples
