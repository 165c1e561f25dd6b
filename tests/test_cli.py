"""The `kg` command: help, exit codes and error messages, on small inline graphs."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import settings
from kg.cli import main

PREFIXES = """@prefix kg: <https://w3id.org/ipkg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/ipkg/id/> .
"""
DOC = """<https://w3id.org/ipkg/id/doc/0123456789abcdef0123456789abcdef> a foaf:Document, nif:Context ;
    dcterms:title "A note" ; kg:fileName "a.txt" ; dcterms:language "en"^^xsd:language ;
    kg:sha256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" ;
    nif:isString "The CNIPA works with WIPO." .
"""
GOOD = PREFIXES + DOC + """<https://w3id.org/ipkg/id/org/cnipa> a org:Organization ; skos:prefLabel "CNIPA"@en ;
    kg:mentionedIn <https://w3id.org/ipkg/id/doc/0123456789abcdef0123456789abcdef> ;
    kg:cooperatesWith <https://w3id.org/ipkg/id/org/wipo> .
<https://w3id.org/ipkg/id/org/wipo> a org:Organization ; skos:prefLabel "WIPO"@en ;
    kg:mentionedIn <https://w3id.org/ipkg/id/doc/0123456789abcdef0123456789abcdef> .
"""
# an organisation with two English names and a partner that is a person
BROKEN = PREFIXES + DOC + """<https://w3id.org/ipkg/id/org/cnipa> a org:Organization ; skos:prefLabel "CNIPA"@en, "China IP office"@en ;
    kg:mentionedIn <https://w3id.org/ipkg/id/doc/0123456789abcdef0123456789abcdef> ;
    kg:cooperatesWith <https://w3id.org/ipkg/id/person/someone> .
<https://w3id.org/ipkg/id/person/someone> a foaf:Person ; skos:prefLabel "Someone"@en ;
    kg:mentionedIn <https://w3id.org/ipkg/id/doc/0123456789abcdef0123456789abcdef> .
"""


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


COMMANDS = sorted(main.commands)


def test_there_is_a_command_for_each_job():
    assert {"build", "validate", "query", "export", "extract", "eval", "network", "serve", "push"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    help_text = result.output.split("Options:")[0]
    assert len(help_text.split()) > 8, help_text
    readme = (settings.ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {command}\b", readme), f"kg {command} is not in README.md"


def test_validate_exits_0_on_a_conforming_graph(tmp_path):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    result = invoke("validate", str(tmp_path / "g.ttl"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Conforms")


def test_validate_exits_1_with_a_readable_report(tmp_path):
    (tmp_path / "g.ttl").write_text(BROKEN, encoding="utf-8")
    result = invoke("validate", str(tmp_path / "g.ttl"))
    assert result.exit_code == 1
    assert "Does not conform" in result.output
    assert "<https://w3id.org/ipkg/id/org/cnipa>" in result.output  # the focus node
    assert "path: skos:prefLabel" in result.output and "path: kg:cooperatesWith" in result.output
    assert "exactly one English skos:prefLabel" in result.output


def test_malformed_turtle_names_the_file_and_line(tmp_path):
    bad = GOOD.replace('skos:prefLabel "WIPO"@en', 'skos:prefLabel "WIPO@en')
    (tmp_path / "bad.ttl").write_text(bad, encoding="utf-8")
    line = bad.splitlines().index(next(l for l in bad.splitlines() if '"WIPO@en' in l)) + 1
    for command in (["validate", str(tmp_path / "bad.ttl")],
                    ["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(tmp_path / "bad.ttl")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2
        assert "bad.ttl" in result.output and f"line {line}" in result.output, result.output


def test_missing_graph_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2 and "nope.ttl: no such file" in result.output


def test_query_binds_values_without_touching_the_text(tmp_path):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    sparql = "SELECT ?name WHERE { ?org kg:cooperatesWith ?p . ?p skos:prefLabel ?name }"
    result = invoke("query", sparql, "--graph", str(tmp_path / "g.ttl"), "--bind", "org=id:org/cnipa",
                    "--format", "json")
    data = json.loads(result.output)
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["WIPO"]
    hostile = invoke("query", sparql, "--graph", str(tmp_path / "g.ttl"), "--bind",
                     'org=} ?x ?y ?z . FILTER(true) {', "--format", "csv")
    assert hostile.output.strip().splitlines() == ["name"]  # a literal that matches nothing, not SPARQL


@pytest.mark.parametrize("binding, message", [
    ("orgg=id:org/cnipa", "no variable ?orgg"),  # a misspelt name is not ignored
    ("org=foo:bar", "unknown prefix 'foo'"),  # not a plain literal that matches nothing
    ("org=2024-13-45^^xsd:date", "not a valid xsd:date"),
])
def test_a_bad_binding_is_an_error_not_an_empty_answer(tmp_path, binding, message):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    sparql = "SELECT ?name WHERE { ?org kg:cooperatesWith ?p . ?p skos:prefLabel ?name }"
    result = CliRunner().invoke(main, ["query", sparql, "--graph", str(tmp_path / "g.ttl"), "--bind", binding])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_an_unknown_query_name_lists_the_bundled_ones(tmp_path):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "oficials", "--graph", str(tmp_path / "g.ttl")])
    assert result.exit_code == 2 and "no bundled query" in result.output and "officials" in result.output


def test_a_folder_that_is_no_store_is_left_alone(tmp_path):
    result = CliRunner().invoke(main, ["query", "officials", "--store", str(tmp_path)])
    assert result.exit_code == 2 and "not an Oxigraph store" in result.output
    assert not list(tmp_path.iterdir())  # no database files made in it


@pytest.mark.parametrize("fmt, oxformat", [("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                                           ("jsonld", ox.RdfFormat.JSON_LD), ("nquads", ox.RdfFormat.N_QUADS),
                                           ("trig", ox.RdfFormat.TRIG)])
def test_export_writes_each_format(tmp_path, fmt, oxformat):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    result = invoke("export", "--format", fmt, "--graph", str(tmp_path / "g.ttl"), "--out", str(out))
    assert result.exit_code == 0
    with out.open("rb") as handle:
        assert len(list(ox.parse(handle, format=oxformat))) == 14  # 7 for the document, 4 + 3 for the two bodies


def test_extract_prints_json_lines(tmp_path):
    (tmp_path / "a.txt").write_text("Chile joined the Patent Cooperation Treaty in 2009.\n", encoding="utf-8")
    result = invoke("extract", str(tmp_path / "a.txt"))
    records = [json.loads(line) for line in result.output.splitlines()]
    assert {"type": "relation", "subject": "https://w3id.org/ipkg/id/place/chile", "predicate": "partyTo",
            "object": "https://w3id.org/ipkg/id/treaty/pct", "qualifiers": {},
            "evidence": [{"doc": "a.txt", "start": 0, "end": 51,
                          "sentence": "Chile joined the Patent Cooperation Treaty in 2009."}]} in records


def test_build_names_skipped_files_and_exits_3(tmp_path):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "a.txt").write_text("Chile joined the Patent Cooperation Treaty in 2009.\n", encoding="utf-8")
    (source / "b.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(tmp_path / "out"), "--no-network"])
    assert result.exit_code == 3
    assert f"skipped: {source / 'b.txt'}: empty file" in result.output
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_eval_without_gold_is_an_error_not_a_zero_score(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("WIPO met CNIPA in Geneva.", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "docs"), "--gold", str(tmp_path / "gold")])
    assert result.exit_code == 1
    assert "no gold annotations" in result.output and str(tmp_path / "gold") in result.output


def test_a_construct_answer_in_json_is_json_ld_and_graph_with_store_is_refused(tmp_path):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    sparql = "CONSTRUCT { ?a kg:cooperatesWith ?b } WHERE { ?a kg:cooperatesWith ?b }"
    result = CliRunner().invoke(main, ["query", sparql, "--graph", str(tmp_path / "g.ttl"), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)[0]["@id"] == "https://w3id.org/ipkg/id/org/cnipa"
    both = CliRunner().invoke(main, ["query", "officials", "--graph", str(tmp_path / "g.ttl"), "--store", str(tmp_path)])
    assert both.exit_code == 2 and "not both" in both.output


def test_a_network_file_is_written_beside_the_graph_it_was_drawn_from(tmp_path):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["network", "--graph", str(tmp_path / "g.ttl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "org-network.json").is_file()


def test_an_output_that_is_a_folder_or_a_file_in_the_wrong_place_is_a_clear_error(tmp_path):
    (tmp_path / "g.ttl").write_text(GOOD, encoding="utf-8")
    exported = CliRunner().invoke(main, ["export", "--graph", str(tmp_path / "g.ttl"), "--out", str(tmp_path)])
    assert exported.exit_code == 2 and "cannot write" in exported.output and "Traceback" not in exported.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]  # no temporary file left
    built = CliRunner().invoke(main, ["build", str(tmp_path / "g.ttl"), "--out", str(tmp_path / "g.ttl")])
    assert built.exit_code == 2 and "not a folder" in built.output
