"""`kg push` into a real Oxigraph server, started from the test."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from rdflib import BNode, Literal, URIRef
from servers import serving
from test_stores import answers  # the same comparison as between the local back ends

from kg.files import load_dataset
from kg.query import bundled_queries
from kg.store import OxigraphStore, QueryResult, RdflibStore

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
TINY = "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:q \"x\" .\n"
OTHER = "@prefix ex: <http://example.org/> .\nex:c ex:p ex:d .\n"


@contextlib.contextmanager
def oxigraph_server(location: Path, port: int):
    assert OXIGRAPH, "the `oxigraph` command (PyPI package oxigraph) is not installed"
    url = f"http://127.0.0.1:{port}"
    with serving([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                 ready=url + "/query", params={"query": "ASK {}"}, log=location.parent / f"{location.name}.log",
                 name="oxigraph", timeout=60):
        yield url


@pytest.fixture
def oxigraph(tmp_path, free_port):
    with oxigraph_server(tmp_path / "oxigraph", free_port()) as url:
        yield url


def kg_push(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "push", *args], capture_output=True, text=True, timeout=300)


def remote(url: str, query: str) -> dict:
    response = httpx.post(url + "/query", content=query.encode(), timeout=60, headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return response.json()


def from_json(value: dict | None):
    if value is None:
        return None
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    return Literal(value["value"], lang=value.get("xml:lang"),
                   datatype=URIRef(value["datatype"]) if "datatype" in value else None)


def count(url: str, pattern: str) -> int:
    return int(remote(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_push_the_dataset_and_get_the_same_answers(built, oxigraph):
    _, out = built
    pushed = kg_push("--endpoint", oxigraph + "/store", "--file", str(out / "graph.trig"))
    assert pushed.returncode == 0, pushed.stderr
    dataset = load_dataset(out / "graph.trig")
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    assert f"pushed {quads} quads" in pushed.stdout
    local = OxigraphStore.from_dataset(dataset)
    assert count(oxigraph, "GRAPH ?g { ?s ?p ?o }") + count(oxigraph, "?s ?p ?o") == quads == len(local)
    memory = RdflibStore(dataset)
    for name, sparql in bundled_queries().items():
        # The remote store cannot bind parameters: both sides run the query text as it is. ORDER BY is
        # dropped: answers are compared as multisets, and Oxigraph 0.5.13 aborts (a Rust panic, "comparison
        # does not implement a total order") sorting provenance.rq's ?object with nothing bound.
        if order := re.search(r"\bORDER\s+BY\b[^{}]*$", sparql, re.I):
            assert not re.search(r"\b(LIMIT|OFFSET)\b", order.group(), re.I), name
            sparql = sparql[:order.start()]
        data = remote(oxigraph, sparql)
        variables = tuple(data["head"]["vars"])
        rows = tuple(tuple(from_json(b.get(v)) for v in variables) for b in data["results"]["bindings"])
        got = answers(QueryResult("select", variables, rows))
        assert got == answers(local.query(sparql)), name
        assert got == answers(memory.query(sparql)), name

    # pushing again replaces rather than adds
    again = kg_push("--endpoint", oxigraph + "/store", "--file", str(out / "graph.trig"))
    assert again.returncode == 0, again.stderr
    assert count(oxigraph, "GRAPH ?g { ?s ?p ?o }") + count(oxigraph, "?s ?p ?o") == quads


@pytest.mark.slow
def test_push_a_named_graph_and_the_default_graph(oxigraph, tmp_path):
    tiny, other = tmp_path / "tiny.ttl", tmp_path / "other.ttl"
    tiny.write_text(TINY, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    graph = "http://example.org/graph/one"
    named = kg_push("--endpoint", oxigraph + "/store", "--graph", graph, "--file", str(tiny))
    assert named.returncode == 0, named.stderr
    assert "pushed 2 triples" in named.stdout
    assert count(oxigraph, f"GRAPH <{graph}> {{ ?s ?p ?o }}") == 2
    assert count(oxigraph, "?s ?p ?o") == 0
    appended = kg_push("--endpoint", oxigraph + "/store", "--graph", graph, "--file", str(other), "--append")
    assert appended.returncode == 0, appended.stderr
    assert count(oxigraph, f"GRAPH <{graph}> {{ ?s ?p ?o }}") == 3
    replaced = kg_push("--endpoint", oxigraph + "/store", "--graph", graph, "--file", str(other))
    assert replaced.returncode == 0, replaced.stderr
    assert count(oxigraph, f"GRAPH <{graph}> {{ ?s ?p ?o }}") == 1
    default = kg_push("--endpoint", oxigraph + "/store", "--default", "--file", str(tiny))
    assert default.returncode == 0, default.stderr
    assert remote(oxigraph, "ASK { <http://example.org/a> <http://example.org/q> 'x' }")["boolean"] is True


@pytest.mark.slow
def test_a_refusal_shows_status_and_body(oxigraph, tmp_path):
    tiny = tmp_path / "tiny.ttl"
    tiny.write_text(TINY, encoding="utf-8")
    refused = kg_push("--endpoint", oxigraph + "/no-such-store", "--default", "--file", str(tiny))
    assert refused.returncode != 0
    assert "404" in refused.stderr and "refused" in refused.stderr
    assert "not supported by this server" in refused.stderr  # Oxigraph's own answer


def test_an_unreachable_store(tmp_path, free_port):
    tiny = tmp_path / "tiny.ttl"
    tiny.write_text(TINY, encoding="utf-8")
    unreachable = kg_push("--endpoint", f"http://127.0.0.1:{free_port()}/store", "--file", str(tiny))
    assert unreachable.returncode != 0
    assert "cannot reach" in unreachable.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--endpoint", "ftp://example.org/store"], "not an http(s) URL"),
    (["--endpoint", "http://127.0.0.1:9/store", "--graph", "not an iri"], "absolute IRI"),
    (["--endpoint", "http://127.0.0.1:9/store", "--graph", "http://example.org/g", "--default"], "not both"),
])
def test_bad_arguments(tmp_path, args, message):
    tiny = tmp_path / "tiny.ttl"
    tiny.write_text(TINY, encoding="utf-8")
    result = kg_push(*args, "--file", str(tiny))
    assert result.returncode != 0
    assert message in result.stderr


def test_a_broken_file(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <http://example.org/p> .\n", encoding="utf-8")
    result = kg_push("--endpoint", "http://127.0.0.1:9/store", "--file", str(broken))
    assert result.returncode != 0
    assert "broken.ttl" in result.stderr and "syntax error" in result.stderr
