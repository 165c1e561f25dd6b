"""`kg serve`: the SPARQL 1.1 Protocol endpoint, in process on a small graph and as a real server."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sys
import threading
import time
import urllib.error
import warnings
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from servers import serving
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

from kg.files import load_dataset
from kg.query import bundled_queries
from kg.serve import HttpError, Source, choose_format, create_app
from kg.store import RdflibStore

EX = "http://example.org/"
SMALL = f"""
@prefix ex: <{EX}> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:a skos:prefLabel "Alpha"@en ; ex:rank 1 .
ex:b skos:prefLabel "Beta"@en ; ex:rank 2 .
ex:c skos:prefLabel "Gamma"@en ; ex:rank 3 .
ex:d skos:prefLabel "Delta"@en ; ex:rank 4 .
ex:g1 {{ ex:a ex:knows ex:b . }}
"""
NAMES = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?s ?name WHERE { ?s skos:prefLabel ?name }"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # starlette's note about httpx in its test client
        from starlette.testclient import TestClient
    graph = tmp_path_factory.mktemp("small") / "small.trig"
    graph.write_text(SMALL, encoding="utf-8")
    app = create_app(source=Source(graph=graph), timeout=20, max_rows=3, workers=1)
    with TestClient(app) as test_client:
        yield test_client


def names(response) -> set[str]:
    return {b["name"]["value"] for b in response.json()["results"]["bindings"]}


def test_select_by_get_post_form_and_post_direct(client):
    by_get = client.get("/sparql", params={"query": NAMES + " ORDER BY ?name LIMIT 3"})
    by_form = client.post("/sparql", data={"query": NAMES + " ORDER BY ?name LIMIT 3"})
    direct = client.post("/sparql", content=NAMES + " ORDER BY ?name LIMIT 3",
                         headers={"Content-Type": "application/sparql-query"})
    root = client.get("/", params={"query": NAMES + " ORDER BY ?name LIMIT 3"})
    for response in (by_get, by_form, direct, root):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert names(response) == {"Alpha", "Beta", "Delta"}
    assert by_get.json()["head"]["vars"] == ["s", "name"]
    assert by_get.json()["results"]["bindings"][0]["name"] == {"type": "literal", "value": "Alpha", "xml:lang": "en"}


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html, */*;q=0.8", "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
])
def test_select_content_negotiation(client, accept, media):
    response = client.get("/sparql", params={"query": NAMES.replace("}", "FILTER(?name = 'Beta'@en) }")},
                          headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert "Beta" in response.text and "Alpha" not in response.text
    if media == "text/csv":
        assert list(csv.reader(io.StringIO(response.text))) == [["s", "name"], [EX + "b", "Beta"]]
    if media == "text/tab-separated-values":
        assert response.text.splitlines() == ["?s\t?name", f'<{EX}b>\t"Beta"@en']


def test_format_parameter_overrides_accept(client):
    response = client.get("/sparql", params={"query": NAMES, "format": "csv"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith("s,name")
    assert client.get("/sparql", params={"query": NAMES, "format": "yaml"}).status_code == 400


def test_ask(client):
    yes = client.get("/sparql", params={"query": f"ASK {{ <{EX}a> ?p ?o }}"})
    no = client.get("/sparql", params={"query": f"ASK {{ <{EX}z> ?p ?o }}"},
                    headers={"Accept": "application/sparql-results+xml"})
    assert yes.json() == {"head": {}, "boolean": True}
    assert no.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>false</boolean>" in no.text
    assert client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"}).status_code == 406


@pytest.mark.parametrize(("accept", "media", "rdf_format"), [
    ("", "text/turtle", "turtle"),
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/ld+json", "application/ld+json", "json-ld"),
])
def test_construct_and_describe(client, accept, media, rdf_format):
    query = f"CONSTRUCT {{ ?s <{EX}named> ?name }} WHERE {{ ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }}"
    response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    graph = Graph().parse(data=response.text, format=rdf_format)
    assert len(graph) == 3  # four names, cut at --max-rows 3
    assert response.headers["X-SPARQL-MaxRows"] == "3"
    assert all(p == URIRef(EX + "named") for _, p, _ in graph)
    described = client.get("/sparql", params={"query": f"DESCRIBE <{EX}a>"}, headers={"Accept": accept})
    assert (URIRef(EX + "a"), URIRef(EX + "rank"), Literal(1)) in Graph().parse(data=described.text,
                                                                                 format=rdf_format)


def test_max_rows(client):
    everything = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(everything.json()["results"]["bindings"]) == 3
    assert everything.headers["X-SPARQL-MaxRows"] == "3"
    few = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
    assert len(few.json()["results"]["bindings"]) == 2
    assert "X-SPARQL-MaxRows" not in few.headers


@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "data": {"update": f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}"}},
    {"method": "POST", "content": f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}",
     "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "GET", "params": {"update": f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}"}},
    {"method": "GET", "params": {"query": f"PREFIX ex: <{EX}> INSERT DATA {{ ex:x ex:p 1 }}"}},
    {"method": "POST", "content": "# comment\nDROP ALL", "headers": {"Content-Type": "application/sparql-query"}},
    {"method": "POST", "data": {"query": f"DELETE WHERE {{ <{EX}a> ?p ?o }}"}},
])
def test_updates_are_refused(client, request_kwargs):
    kwargs = dict(request_kwargs)
    response = client.request(kwargs.pop("method"), "/sparql", **kwargs)
    assert response.status_code == 403
    assert "read only" in response.text
    assert client.get("/sparql", params={"query": f"ASK {{ <{EX}a> ?p ?o }}"}).json()["boolean"] is True
    assert client.get("/sparql", params={"query": f"ASK {{ <{EX}x> ?p ?o }}"}).json()["boolean"] is False


@pytest.mark.parametrize(("request_kwargs", "status", "message"), [
    ({"method": "GET"}, 400, "exactly one"),
    ({"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "exactly one"),
    ({"method": "GET", "params": {"query": "SELECT ?s WHERE { ?s ?p "}}, 400, "query error"),
    ({"method": "POST", "content": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "Content-Type"),
    ({"method": "POST", "content": "ASK {}"}, 415, "Content-Type"),
    ({"method": "POST", "content": "ASK {}".encode("utf-16"),
      "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}}, 415, "UTF-8"),
    ({"method": "PUT", "params": {"query": "ASK {}"}}, 405, ""),
    ({"method": "GET", "params": {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
     400, "SERVICE"),
    ({"method": "GET", "params": {"query": "ASK {}", "default-graph-uri": EX + "g1"}}, 400, "not supported"),
    ({"method": "GET", "params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406, "available"),
    ({"method": "POST", "content": "x" * (2 << 20), "headers": {"Content-Type": "application/sparql-query"}},
     413, ""),
])
def test_bad_requests(client, request_kwargs, status, message):
    kwargs = dict(request_kwargs)
    response = client.request(kwargs.pop("method"), "/sparql", **kwargs)
    assert response.status_code == status, response.text
    assert message in response.text


def test_bound_parameters_are_variables_not_text(client):
    query = "SELECT ?name WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }"
    bound = client.get("/sparql", params={"query": query, "$s": f"<{EX}c>"})
    assert names(bound) == {"Gamma"}
    hostile = client.get("/sparql", params={"query": query, "$name": '"} } ; DROP ALL #'})
    assert hostile.status_code == 200 and names(hostile) == set()
    assert client.get("/sparql", params={"query": query, "$": "x"}).status_code == 400


def test_query_page_has_the_bundled_queries_and_no_external_resources(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<textarea" in page
    for name in bundled_queries():
        assert f'<option value="{name}">' in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'<script nonce="{nonce}">' in page
    examples = json.loads(re.search(r'<script type="application/json" id="examples">(.*?)</script>', page, re.S)
                          .group(1))
    assert examples["officials"]["params"] == {"org": "id:org/cnipa"}


def test_a_worker_that_dies_is_replaced(tmp_path):
    from kg.serve import WorkerError, Workers

    graph = tmp_path / "small.trig"
    graph.write_text(SMALL, encoding="utf-8")
    pool = Workers(Source(graph=graph), size=1, timeout=60)
    try:
        assert pool.start() == 9
        worker = pool._workers[0]._process
        killer = threading.Timer(1.0, worker.kill)  # as the kernel would, out of memory
        killer.start()
        with pytest.raises(WorkerError, match="died"):
            endless = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(12))  # 9 ** 12 rows to count
            pool.run((f"SELECT (COUNT(*) AS ?n) WHERE {{ {endless} }}", {}, "json", 10))
        killer.join()
        status, fmt, body, rows, truncated = pool.run(("ASK { ?s ?p ?o }", {}, "json", 10))
        assert (status, json.loads(body)["boolean"]) == ("ok", True)
        assert pool._workers[0]._process.pid != worker.pid
    finally:
        pool.close()
    assert not worker.is_alive()


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_from_does_not_read_files_or_urls(tmp_path, backend):
    from kg.serve import Workers

    graph = tmp_path / "small.trig"
    graph.write_text(SMALL, encoding="utf-8")
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://example.org/x> <http://example.org/p> "secret" .\n', encoding="utf-8")
    pool = Workers(Source(graph=graph, backend=backend), size=1, timeout=60)
    try:
        pool.start()
        status, _, body, rows, _ = pool.run((f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
                                            {}, "json", 10))
    finally:
        pool.close()
    assert status == "ok"
    assert "secret" not in body and rows == 0


def test_serve_refuses_a_missing_or_broken_graph(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <http://example.org/p> .\n", encoding="utf-8")
    runner = CliRunner()
    for args, message in [(["--graph", str(tmp_path / "missing.trig")], "no such file"),
                          (["--graph", str(broken)], "syntax error"),
                          (["--store", str(tmp_path / "nowhere")], "no such store folder"),
                          (["--graph", str(broken), "--store", str(tmp_path)], "not both")]:
        result = runner.invoke(main, ["serve", *args])
        assert result.exit_code == 2, result.output
        assert message in result.output


def test_choose_format():
    assert choose_format("select", accept="") == "json"
    assert choose_format("select", accept="text/*") == "csv"
    assert choose_format("select", accept="application/sparql-results+json;q=0.2, text/csv;q=0.9") == "csv"
    assert choose_format("construct", accept="application/*") == "ntriples"
    assert choose_format("construct", accept="*/*", formats=["rdf+xml", "application/rdf+xml"]) == "rdfxml"
    assert choose_format("select", accept="text/csv", formats=["xml"]) == "xml"
    with pytest.raises(HttpError) as refused:
        choose_format("ask", accept="text/turtle, text/csv;q=0")
    assert refused.value.status == 406


# --- a real server, a real client --------------------------------------------------------------


@contextlib.contextmanager
def running(*args: str, port: int, log: Path):
    """`kg serve ARGS` on `port` until the block ends."""
    url = f"http://127.0.0.1:{port}"
    with serving([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), *args],
                 ready=url + "/", log=log, name="kg serve", timeout=90, interval=0.2) as process:
        yield url, process


@pytest.fixture(scope="module")
def corpus_server(built, free_port, tmp_path_factory):
    _, out = built
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with running("--graph", str(out / "graph.trig"), "--timeout", "60", port=free_port(), log=log) as (url, _):
        yield url, RdflibStore(load_dataset(out / "graph.trig"))


def client_for(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_select(corpus_server, fmt):
    url, local = corpus_server
    query = bundled_queries()["organisation-structure"]
    result = client_for(url, query, fmt).queryAndConvert()
    if fmt == JSON:
        rows = {(b["unit"]["value"], b["parentName"]["value"]) for b in result["results"]["bindings"]}
    else:
        rows = set()
        for node in result.getElementsByTagName("result"):
            values = {b.getAttribute("name"): b.firstChild.firstChild.data
                      for b in node.getElementsByTagName("binding")}
            rows.add((values["unit"], values["parentName"]))
    expected = local.query(query)
    index = expected.variables.index
    assert rows == {(str(r[index("unit")]), str(r[index("parentName")])) for r in expected.rows}
    assert len(rows) > 0


@pytest.mark.slow
def test_sparqlwrapper_ask(corpus_server):
    url, _ = corpus_server
    yes = "PREFIX org: <http://www.w3.org/ns/org#> ASK { ?unit org:subOrganizationOf ?parent }"
    no = "ASK { <http://example.org/nothing> ?p ?o }"
    assert client_for(url, yes).queryAndConvert()["boolean"] is True
    assert client_for(url, no).queryAndConvert()["boolean"] is False


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [XML, TURTLE])
def test_sparqlwrapper_construct(corpus_server, fmt):
    url, local = corpus_server
    query = ("PREFIX org: <http://www.w3.org/ns/org#> CONSTRUCT { ?parent org:hasSubOrganization ?unit } "
             "WHERE { ?unit org:subOrganizationOf ?parent }")
    sparql = client_for(url, query, fmt)
    sparql.setMethod(POST)
    converted = sparql.queryAndConvert()
    graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format="turtle")
    assert set(graph) == set(local.query(query).triples)
    assert len(graph) > 0


@pytest.mark.slow
@pytest.mark.parametrize("direct", [False, True])
def test_sparqlwrapper_update_is_refused(corpus_server, direct):
    url, _ = corpus_server
    sparql = client_for(url, "INSERT DATA { <http://example.org/s> <http://example.org/p> 'o' }")
    sparql.setMethod(POST)
    if direct:
        sparql.setRequestMethod(POSTDIRECTLY)
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert "read only" in refused.value.read().decode()
    assert client_for(url, "ASK { <http://example.org/s> ?p ?o }").queryAndConvert()["boolean"] is False


def _workers_of(pid: int) -> set[int]:
    """The query worker processes (spawned children) of a server process."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in cmdline:
                    found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
def test_a_query_over_the_time_limit_is_stopped(built, free_port, tmp_path):
    _, out = built
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with running("--graph", str(out / "graph.trig"), "--timeout", "1", "--workers", "1",
                 port=free_port(), log=tmp_path / "serve.log") as (url, process):
        before = _workers_of(process.pid)
        assert len(before) == 1
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as stopped:
            client_for(url, cartesian).query()
        took = time.monotonic() - started
        assert stopped.value.code == 503
        assert "time limit of 1 s" in stopped.value.read().decode()
        assert took < 10
        assert not any(_alive(pid) for pid in before)  # the worker running the query was terminated
        # the replacement answers the next query
        assert client_for(url, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True
        assert len(_workers_of(process.pid) - before) == 1
