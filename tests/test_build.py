"""A full build of the bundled corpus: what it writes, and that it can be trusted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, RDF

from kg import settings
from kg import validate as validation
from kg.build import BuildOptions, build
from kg.corpus import read_documents
from kg.files import atomic_write, load_dataset
from kg.query import run
from kg.rdf.namespaces import IRI_PREDICATE, NIF
from kg.store import RdflibStore

pytestmark = pytest.mark.slow


def test_the_corpus_builds_a_conforming_graph(built):
    result, out = built
    assert result.exit_code == 0
    assert result.summary.conforms
    assert result.summary.documents == 5
    assert (out / "shacl-report.txt").read_text(encoding="utf-8").startswith("Conforms")


def test_turtle_parses_with_an_independent_parser(built):
    _, out = built
    with (out / "graph.ttl").open("rb") as handle:
        triples = list(ox.parse(handle, format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(out / "graph.ttl"))
    assert len(triples) > 3000


def test_jsonld_and_trig_parse_with_an_independent_parser(built):
    _, out = built
    with (out / "graph.jsonld").open("rb") as handle:
        assert len(list(ox.parse(handle, format=ox.RdfFormat.JSON_LD))) == len(Graph().parse(out / "graph.ttl"))
    with (out / "graph.trig").open("rb") as handle:
        quads = list(ox.parse(handle, format=ox.RdfFormat.TRIG))
    assert {q.graph_name for q in quads if isinstance(q.graph_name, ox.DefaultGraph)}


def test_trig_has_one_named_graph_per_document_and_the_merge_as_default(built):
    _, out = built
    dataset = load_dataset(out / "graph.trig")
    documents = set(dataset.default_graph.subjects(RDF.type, FOAF.Document))
    assert len(documents) == 5
    graph_names = {g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
    assert documents <= graph_names
    merged = set(dataset.default_graph)
    for name in graph_names:
        assert set(dataset.graph(name)) <= merged  # the default graph is the merge


def _texts() -> dict[str, str]:
    return {d.name: d.text for d in read_documents([settings.corpus_dir()]).documents}


def test_every_evidence_quote_is_the_document_text_at_its_offsets(built):
    _, out = built
    graph = Graph().parse(out / "graph.ttl")
    texts = _texts()
    files = {d: str(graph.value(d, URIRef("https://w3id.org/ipkg/ontology#fileName")))
             for d in graph.subjects(RDF.type, FOAF.Document)}
    checked = 0
    for node in set(graph.subjects(NIF.anchorOf, None)):
        document = graph.value(node, NIF.referenceContext)
        start = int(graph.value(node, NIF.beginIndex))
        end = int(graph.value(node, NIF.endIndex))
        quote = str(graph.value(node, NIF.anchorOf))
        assert texts[files[document]][start:end] == quote, (node, quote)
        assert str(graph.value(document, NIF.isString))[start:end] == quote
        assert str(node).endswith(f"#char={start},{end}")
        checked += 1
    assert checked > 500


def test_provenance_query_finds_a_sentence_for_every_relation(built):
    _, out = built
    store = RdflibStore(load_dataset(out / "graph.trig"))
    graph = store.dataset.default_graph
    relations = [(s, p, o) for p in IRI_PREDICATE for s, o in graph.subject_objects(p)]
    assert len(relations) > 80
    for s, p, o in relations:
        rows = run(store, "provenance", bindings={"subject": s, "predicate": p}).rows
        found = [row for row in rows if row[0] == o]
        assert found, (s, p, o)
        file, sentence, start, end = found[0][1:5]
        assert _texts()[str(file)][int(start):int(end)] == str(sentence)


def test_provenance_costs_less_than_three_triples_per_fact(built):
    result, _ = built
    assert result.summary.provenance_triples / result.summary.fact_triples < 3


def test_extraction_jsonl_is_in_the_agreed_form(built):
    _, out = built
    records = [json.loads(line) for line in (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()]
    kinds = [r["type"] for r in records]
    assert kinds == sorted(kinds, key=lambda k: k != "entity")  # entities first
    entities = [r for r in records if r["type"] == "entity"]
    relations = [r for r in records if r["type"] == "relation"]
    assert [e["id"] for e in entities] == sorted(e["id"] for e in entities)
    texts = _texts()
    classes = {"Organization", "Person", "Treaty", "Programme", "Law", "Place", "Event"}
    ids = {e["id"] for e in entities}
    for entity in entities:
        assert set(entity) <= {"type", "id", "class", "subclass", "name", "aliases", "mentions"}
        assert entity["class"] in classes and entity["name"]
        for mention in entity["mentions"]:
            assert texts[mention["doc"]][mention["start"]:mention["end"]] == mention["text"]
    for relation in relations:
        assert set(relation) == {"type", "subject", "predicate", "object", "qualifiers", "evidence"}
        assert relation["subject"] in ids and relation["object"] in ids
        assert relation["evidence"]
        for evidence in relation["evidence"]:
            assert texts[evidence["doc"]][evidence["start"]:evidence["end"]] == evidence["sentence"]


def test_two_builds_in_fresh_processes_are_byte_identical(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", "--out", str(out), "--no-cache"],
                       check=True, env=env, capture_output=True)
        outputs.append(out)
    names = sorted(p.name for p in outputs[0].iterdir() if p.is_file())
    assert "graph.ttl" in names and "org-network.png" in names
    for name in names:
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name


def test_a_failing_build_leaves_the_previous_output_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "a.txt").write_text("The European Patent Office (EPO) met the Japan Patent Office in Tokyo.\n",
                                  encoding="utf-8")
    build([source], options=BuildOptions(out=out, progress=False, network=False))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    (source / "b.txt").write_text("Zhao Lirong, director of the Ruritania Patent Office, spoke.\n", encoding="utf-8")
    import kg.validate

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # in this process (one NLP process, no child), after the graph files are staged: they must not replace
    # the previous ones, and no staged file may be left behind (`after` would list it)
    monkeypatch.setattr(kg.validate, "validate", broken)
    with pytest.raises(RuntimeError):
        build([source], options=BuildOptions(out=out, progress=False, network=False))
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before


def test_bad_inputs_are_named_and_the_rest_still_builds(tmp_path):
    source = tmp_path / "mixed"
    source.mkdir()
    (source / "good.txt").write_text("The European Patent Office (EPO) signed an agreement with the Japan Patent "
                                     "Office in Tokyo.\n", encoding="utf-8")
    (source / "empty.txt").write_text("", encoding="utf-8")
    (source / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    (source / "gb.txt").write_bytes("国家知识产权局局长申长雨出席新闻发布会并介绍有关情况。".encode("gb18030") * 3)
    result = build([source, tmp_path / "missing.txt"],
                   options=BuildOptions(out=tmp_path / "out", progress=False, network=False))
    assert result.summary.documents == 2  # good.txt and the GB18030 text
    assert result.exit_code == 3
    named = " ".join(result.errors)
    assert "empty.txt: empty file" in named and "image.png: binary" in named and "missing.txt: no such" in named
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_an_unchanged_corpus_is_not_rebuilt(tmp_path):
    source = tmp_path / "c"
    source.mkdir()
    (source / "a.txt").write_text("The European Patent Office (EPO) met the Japan Patent Office in Tokyo.\n",
                                  encoding="utf-8")
    out = tmp_path / "out"
    first = build([source], options=BuildOptions(out=out, progress=False, network=False))
    second = build([source], options=BuildOptions(out=out, progress=False, network=False))
    assert not first.up_to_date and second.up_to_date
    assert second.summary == first.summary
    (source / "b.txt").write_text("Chile joined the Patent Cooperation Treaty.\n", encoding="utf-8")
    third = build([source], options=BuildOptions(out=out, progress=False, network=False))
    assert not third.up_to_date and third.cache_hits == 1 and third.summary.documents == 2


def _small_corpus(folder):
    folder.mkdir()
    (folder / "a.txt").write_text("The European Patent Office (EPO) signed an agreement with the Japan Patent Office "
                                  "in Tokyo. EPO President Maria Lindqvist said filings rose 4.5% in 2023.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("Chile joined the Patent Cooperation Treaty. The World Intellectual Property "
                                  "Organization (WIPO) welcomed the step.\n", encoding="utf-8")
    return folder


def test_two_processes_write_the_same_files_as_one(tmp_path):
    """With -j 2, SHACL and the network run in two spawned children beside Turtle, TriG and JSON-LD."""
    source = _small_corpus(tmp_path / "c")
    outputs = {}
    for n in (1, 2):
        result = build([source], options=BuildOptions(out=tmp_path / f"out{n}", n_process=n, progress=False,
                                                      cache=False))
        assert result.summary.conforms and result.exit_code == 0
        assert {"shacl", "serialise", "network", "wait"} <= set(result.timings)
        outputs[n] = {p.name: p.read_bytes() for p in (tmp_path / f"out{n}").iterdir() if p.is_file()}
    assert {"graph.jsonld", "shacl-report.ttl", "summary.json", "graph.trig"} <= set(outputs[2])
    assert outputs[1] == outputs[2]


def test_two_processes_report_the_same_violations_as_one(tmp_path, monkeypatch):
    """The SHACL child validates the statements it read while the mapping wrote them: a graph that breaks a
    shape gets the report that validating in this process gives."""
    source = _small_corpus(tmp_path / "c")
    ontology = tmp_path / "ontology"
    shutil.copytree(settings.ontology_dir(), ontology)
    with (ontology / "shapes.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\nkgsh:NeedsAMotto a sh:NodeShape ; sh:targetClass org:Organization ;\n"
                     "    sh:property [ sh:path kg:motto ; sh:minCount 1 ] .\n")
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(ontology))
    # this process has the bundled shapes cached (other tests hold their blank nodes): read these uncached
    monkeypatch.setattr(validation, "_lifted_shapes",
                        lambda: validation.lift_property_shapes(validation.load_shapes.__wrapped__()))
    reports = {}
    for n in (1, 2):
        result = build([source], options=BuildOptions(out=tmp_path / f"out{n}", n_process=n, progress=False,
                                                      network=False, cache=False))
        assert not result.summary.conforms and result.exit_code == 1
        reports[n] = (tmp_path / f"out{n}" / "shacl-report.ttl").read_bytes()
    assert b"kg:motto" in reports[1] and b"European Patent Office" not in reports[1]
    assert reports[1] == reports[2]


def test_the_lower_bound_that_decides_whether_the_shacl_child_follows_the_mapping_is_one(tmp_path):
    """`_fewest_statements` says a graph is too large to read while it is written; it must never exceed the
    merged graph's size, and the bound is not empty (each of the mentions counts)."""
    from kg.build import _fewest_statements, run_extraction
    from kg.rdf.mapping import write_nquads

    resolution, _ = run_extraction([_small_corpus(tmp_path / "c")])
    counts = write_nquads(resolution, tmp_path / "statements.nq")
    mentions = sum(len(e.mentions) for e in resolution.entities)
    assert 6 <= _fewest_statements(resolution) <= counts.triples and mentions >= 5


def test_a_failure_in_the_child_fails_the_build_and_leaves_the_previous_output_whole(tmp_path, monkeypatch):
    from kg.spawned import ChildFailed

    source = _small_corpus(tmp_path / "c")
    out = tmp_path / "out"
    build([source], options=BuildOptions(out=out, progress=False, network=False, cache=False))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (source / "c.txt").write_text("Kenya signed the Madrid Protocol.\n", encoding="utf-8")
    ontology = tmp_path / "ontology"
    shutil.copytree(settings.ontology_dir(), ontology)
    (ontology / "shapes.ttl").write_text("kgsh:Broken a sh:NodeShape", encoding="utf-8")  # no prefixes: unreadable
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(ontology))  # the child is a fresh process: it sees only the environment
    with pytest.raises(ChildFailed, match="kgsh"):
        build([source], options=BuildOptions(out=out, n_process=2, progress=False, network=False, cache=False))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_failure_in_the_network_child_fails_the_build(tmp_path, monkeypatch):
    from kg.spawned import ChildFailed

    source = _small_corpus(tmp_path / "c")
    queries = tmp_path / "queries"
    shutil.copytree(settings.queries_dir(), queries)
    (queries / "network-edges.rq").write_text("SELECT ?s WHERE { ?s ", encoding="utf-8")
    monkeypatch.setenv("KG_QUERIES_DIR", str(queries))
    with pytest.raises(ChildFailed, match="network-edges|Expected"):
        build([source], options=BuildOptions(out=tmp_path / "out", n_process=2, progress=False, cache=False))
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_build_validated_in_pieces_with_the_parent_helping_writes_what_one_process_writes(tmp_path, monkeypatch):
    """With two processes and a graph of several pieces, the SHACL child splits the statements as they are
    written, and the parent validates pieces too once its own files are written: the same files, the same
    violations, as one process validating every piece. (Which process validates which piece depends on
    timing; tests/test_validate.py merges another process's pieces on purpose.)"""
    import kg.build
    import kg.pieces
    import kg.validate

    source = _small_corpus(tmp_path / "c")
    ontology = tmp_path / "ontology"
    shutil.copytree(settings.ontology_dir(), ontology)
    with (ontology / "shapes.ttl").open("a", encoding="utf-8") as handle:  # every person lacks a birth date
        handle.write("\nkgsh:BornShape a sh:NodeShape ; sh:targetClass foaf:Person ;\n"
                     "    sh:property [ sh:path schema:birthDate ; sh:minCount 1 ] .\n")
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(ontology))
    monkeypatch.setenv("KG_PIECE_TRIPLES", "20")  # for the child, a fresh process
    monkeypatch.setattr(kg.build, "PIECE_TRIPLES", 20)
    monkeypatch.setattr(kg.pieces.split, "__kwdefaults__", {**kg.pieces.split.__kwdefaults__, "piece_triples": 20})
    asked = []
    helping = kg.pieces.help_validate
    monkeypatch.setattr(kg.pieces, "help_validate", lambda *args, **kwargs: asked.append(1) or helping(*args, **kwargs))
    caches = (kg.validate.load_shapes, kg.validate._lifted_shapes, kg.pieces._retargeted)
    try:
        for cache in caches:  # this process validates too: with the shapes above
            cache.cache_clear()
        results = {n: build([source], options=BuildOptions(out=tmp_path / f"out{n}", n_process=n, progress=False,
                                                           network=False, cache=False)) for n in (1, 2)}
    finally:
        for cache in caches:
            cache.cache_clear()
    assert asked == [1]  # only the build with a separate SHACL child asks its parent to help
    assert not results[1].summary.conforms and "birthDate" in results[1].report_text
    one, two = ({p.name: p.read_bytes() for p in (tmp_path / f"out{n}").iterdir() if p.is_file()} for n in (1, 2))
    assert one == two and "shacl-report.ttl" in one


def test_a_write_that_cannot_be_put_in_place_leaves_no_temporary_file(tmp_path):
    (tmp_path / "taken").mkdir()  # a folder where the file should go
    with pytest.raises(OSError):
        atomic_write(tmp_path / "taken", "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    atomic_write(tmp_path / "free.txt", "text")
    assert (tmp_path / "free.txt").read_text() == "text" and len(list(tmp_path.iterdir())) == 2


def test_what_an_earlier_build_wrote_and_this_one_did_not_is_removed(tmp_path):
    source = _small_corpus(tmp_path / "c")
    out = tmp_path / "out"
    build([source], options=BuildOptions(out=out, progress=False, network=True, store="oxigraph"))
    assert (out / "org-network.html").is_file() and (out / "store" / "CURRENT").is_file()
    build([source], options=BuildOptions(out=out, progress=False, network=False, cache=False))
    assert not list(out.glob("org-network.*")) and not (out / "store").exists()  # no stale network or store
    assert (out / "graph.trig").is_file()


def test_an_emptied_store_is_not_taken_for_an_up_to_date_one(tmp_path):
    source = _small_corpus(tmp_path / "c")
    out = tmp_path / "out"
    build([source], options=BuildOptions(out=out, progress=False, network=False, store="oxigraph"))
    for part in (out / "store").iterdir():
        part.unlink()
    again = build([source], options=BuildOptions(out=out, progress=False, network=False, store="oxigraph"))
    assert not again.up_to_date and (out / "store" / "CURRENT").is_file()


def test_the_output_folder_inside_the_corpus_folder_is_not_read(tmp_path):
    source = _small_corpus(tmp_path / "c")
    (source / "sub").mkdir()
    first = build([source], options=BuildOptions(out=source / "out", progress=False, network=False))
    second = build([source], options=BuildOptions(out=source / "out", progress=False, network=False, cache=False))
    assert first.summary.documents == second.summary.documents == 2
    assert any("sub" in e and "folder inside a folder" in e for e in second.errors)
