"""The organisation network: its SPARQL queries, projection, analysis, exports, pictures and command.

Facts checked here are ones a reader of the bundled corpus knows: CNIPA signed an
agreement with WIPO; CNIPA, WIPO, MOFCOM, the Beijing Municipal Government and the
Publicity Department co-hosted the Third Belt and Road conference; the Patent
Bureau is part of CNIPA; Xing Huina works for SCIO's Press Bureau.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import FOAF

from kg import settings, viz
from kg.cli import main
from kg.files import load_dataset
from kg.network import (
    RELATIONS,
    layout,
    load,
    network_files,
    project,
    ranking,
    render,
    table,
    to_gexf,
    to_graphml,
)
from kg.query import describe, parameters, run
from kg.rdf.namespaces import ID, KG, ORG
from kg.rdf.terms import Terms
from kg.rdf.writer import nquads
from kg.store import OxigraphStore, RdflibStore

pytestmark = pytest.mark.slow

CNIPA, WIPO, SCIO = str(ID["org/cnipa"]), str(ID["org/wipo"]), str(ID["org/scio"])
NETWORK_QUERIES = sorted(p.stem for p in settings.queries_dir().glob("network-*.rq"))
FILES = ("org-network.html", "org-network.png", "org-network.svg", "org-network.graphml", "org-network.gexf",
         "org-network.json")


@pytest.fixture(scope="module")
def dataset(built_network):
    return load_dataset(built_network[1] / "graph.trig")


@pytest.fixture(scope="module")
def store(dataset):
    return RdflibStore(dataset)


@pytest.fixture(scope="module")
def network(store):
    return load(store)


def organisations(store) -> set[str]:
    """Every organisation, asked without the network's queries."""
    rows = store.query("SELECT DISTINCT ?o WHERE { ?o a org:Organization }").rows
    return {str(o) for (o,) in rows}


def rows(store, name, **bindings):
    result = run(store, name, bindings=bindings)
    return [dict(zip(result.variables, (None if t is None else str(t) for t in row))) for row in result.rows]


# --- the queries --------------------------------------------------------------------------


def test_every_network_query_says_what_it_answers():
    assert NETWORK_QUERIES == ["network-edges", "network-labels", "network-nodes", "network-shared"]
    for name in NETWORK_QUERIES:
        text = (settings.queries_dir() / f"{name}.rq").read_text(encoding="utf-8")
        assert text.startswith("# ") and len(describe(text)) > 40, name
    assert set(parameters((settings.queries_dir() / "network-nodes.rq").read_text())) == {"class"}


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_network_nodes_query(dataset, backend):
    store = RdflibStore(dataset) if backend == "memory" else OxigraphStore.from_dataset(dataset)
    found = rows(store, "network-nodes")
    types = {(r["node"], r["type"]) for r in found}
    assert (CNIPA, str(KG.IPOffice)) in types and (WIPO, str(KG.InternationalOrganization)) in types
    assert {r["name"] for r in found if r["node"] == CNIPA} == {"China National Intellectual Property Administration"}
    assert {r["node"] for r in found} == organisations(RdflibStore(dataset))
    people = {r["name"] for r in rows(store, "network-nodes", **{"class": FOAF.Person})}
    assert {"Shen Changyu", "Xing Huina"} <= people and "China National Intellectual Property Administration" not in people


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_network_labels_query(dataset, backend):
    store = RdflibStore(dataset) if backend == "memory" else OxigraphStore.from_dataset(dataset)
    cnipa = {(r["label"], r["lang"].lower(), r["preferred"]) for r in rows(store, "network-labels") if r["node"] == CNIPA}
    assert ("China National Intellectual Property Administration", "en", "true") in cnipa
    assert ("CNIPA", "en", "false") in cnipa
    assert ("国家知识产权局", "zh-hans", "false") in cnipa
    assert ("國家知識產權局", "zh-hant", "false") in cnipa


def test_network_edges_query(store):
    found = rows(store, "network-edges")
    agreement = [r for r in found if (r["source"], r["relation"], r["target"]) == (CNIPA, str(KG.cooperatesWith), WIPO)]
    assert any("intergovernmental agreement with the World Intellectual Property Organization" in r["sentence"]
               and r["file"] == "2024-07-29-scio-press-conference-cnipa.txt"
               and r["evidence"].startswith(r["doc"] + "#char=") for r in agreement)
    part_of = {(r["source"], r["target"]) for r in found if r["relation"] == str(ORG.subOrganizationOf)}
    assert (str(ID["org/patent-bureau-of-the-cnipa"]), CNIPA) in part_of
    hosted = {r["target"] for r in found if r["relation"] == str(KG.hostedBy) and "belt-and-road" in r["source"]}
    assert {CNIPA, WIPO} <= hosted


def test_network_edges_query_without_sentence_graphs(built_network):
    """graph.ttl holds the merged graph only: every relation once, with no evidence."""
    found = rows(RdflibStore(load_dataset(built_network[1] / "graph.ttl")), "network-edges")
    assert any((r["source"], r["relation"], r["target"]) == (CNIPA, str(KG.cooperatesWith), WIPO) for r in found)
    assert all(r["evidence"] is None for r in found)


def test_network_shared_query(store):
    found = rows(store, "network-shared")
    assert all(r["a"] < r["b"] for r in found)
    hosts = {(r["a"], r["b"]) for r in found if r["link"] == "coHosted" and "Belt and Road" in (r["viaName"] or "")}
    assert (CNIPA, WIPO) in hosts
    assert (str(ID["org/mofcom"]), WIPO) in hosts
    officials = [r for r in found if r["link"] == "sharedOfficial" and r["viaName"] == "Xing Huina"]
    assert any(SCIO in (r["a"], r["b"]) and "press-bureau" in r["a"] + r["b"] for r in officials)


# --- the projection -----------------------------------------------------------------------


def test_nodes_are_the_organisations(network, store):
    assert set(network.graph.nodes) == organisations(store)
    assert network.organisations() == sorted(organisations(store))
    cnipa = network.graph.nodes[CNIPA]
    assert cnipa["type"] == "IP office" and cnipa["kind"] == "organisation"
    assert "国家知识产权局" in cnipa["labels_zh"] and "CNIPA" in cnipa["aliases_en"]
    assert network.graph.nodes[WIPO]["type"] == "International organisation"


def test_edges_are_typed_and_weighted_by_evidence(network, store):
    graph = network.graph
    assert {"cooperatesWith", "coHosted"} <= set(graph[CNIPA][WIPO])
    assert set(nx.get_edge_attributes(graph, "relation").values()) <= set(RELATIONS)
    sentences = store.query(
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a kg:cooperatesWith ?b } ?g nif:referenceContext ?d }",
        bindings={"a": URIRef(CNIPA), "b": URIRef(WIPO)}).rows[0][0]
    edge = graph.edges[CNIPA, WIPO, "cooperatesWith"]
    assert edge["weight"] == edge["sentences"] == int(sentences) >= 2
    assert edge["documents"] == 1
    evidence = network.evidence[(CNIPA, WIPO, "cooperatesWith")]
    assert any("intergovernmental agreement" in e.sentence for e in evidence)
    assert {e.file for e in evidence} == {"2024-07-29-scio-press-conference-cnipa.txt"}
    hosted = graph.edges[CNIPA, WIPO, "coHosted"]
    assert "Belt and Road" in hosted["via"] and hosted["subject"] == ""
    bureau = str(ID["org/patent-bureau-of-the-cnipa"])
    assert graph.edges[bureau, CNIPA, "partOf"]["subject"] == bureau


def test_optional_kinds_of_node(store):
    with_people = project(store, include=("people",))
    shen = str(ID["person/shen-changyu"])
    assert with_people.graph.nodes[shen]["kind"] == "person"
    assert with_people.graph.edges[shen, CNIPA, "memberOf"]["subject"] == shen
    with_treaties = project(store, include=("treaties",))
    assert with_treaties.graph.has_edge(WIPO, str(ID["treaty/pct"]), "administers")
    with_programmes = project(store, include=("programmes",))
    issued = {u if v == CNIPA else v for u, v, k in with_programmes.graph.edges(CNIPA, keys=True) if k == "issuedBy"}
    assert any(with_programmes.graph.nodes[n]["kind"] == "programme" for n in issued)
    with_places = project(store, include=("places",))
    assert with_places.graph.has_edge(WIPO, str(ID["place/china"]), "cooperatesWith")
    assert len(with_places.graph) > len(project(store).graph)
    with pytest.raises(ValueError):
        project(store, include=("events",))


def test_same_network_from_a_file_a_store_and_the_build(network, dataset, built_network):
    out = built_network[1]
    assert to_graphml(load(OxigraphStore.from_dataset(dataset))) == to_graphml(network)
    assert (out / "org-network.graphml").read_text(encoding="utf-8") == to_graphml(network)
    merged_only = load(RdflibStore(load_dataset(out / "graph.ttl")))
    assert set(merged_only.graph.edges(keys=True)) == set(network.graph.edges(keys=True))
    assert {d for *_, d in merged_only.graph.edges(data="weight")} == {1.0}


def test_an_empty_graph_gives_an_empty_network():
    files = network_files(OxigraphStore.open())
    assert set(files) == set(FILES)
    assert json.loads(files["org-network.json"])["elements"] == {"nodes": [], "edges": []}


# --- the analysis -------------------------------------------------------------------------


def test_centrality_communities_and_components(network):
    graph = network.graph
    simple = nx.Graph(graph)
    for node, data in graph.nodes(data=True):
        assert data["degree"] == simple.degree(node)
        assert data["degree_centrality"] == pytest.approx(nx.degree_centrality(simple)[node], abs=1e-6)
    betweenness = nx.betweenness_centrality(simple)
    assert all(graph.nodes[n]["betweenness"] == pytest.approx(b, abs=1e-6) for n, b in betweenness.items())
    assert ranking(network)[0] == CNIPA
    assert sorted(n for c in network.communities for n in c) == sorted(graph.nodes)
    assert len(network.components) == nx.number_connected_components(simple)
    assert graph.nodes[CNIPA]["community"] == graph.nodes[str(ID["org/mofcom"])]["community"]
    assert graph.nodes[CNIPA]["component"] == graph.nodes[WIPO]["component"] == 1
    assert 0 < network.modularity < 1


def test_table(network):
    text = table(network, top=5)
    ranked = [line for line in text.splitlines() if re.match(r"\| \d+ +\|", line)]
    assert len(ranked) == 5 + sum(1 for c in network.communities if len(c) > 1)
    assert ranked[0].startswith("| 1 ") and "China National Intellectual Property Administration" in ranked[0]
    assert "Communities (Louvain" in text and "World Intellectual Property Organization" in text


# --- the exports --------------------------------------------------------------------------


def assert_same_graph(read: nx.MultiGraph, network):
    graph = network.graph
    assert dict(read.nodes(data=True)) == dict(graph.nodes(data=True))
    edges = {(min(u, v), max(u, v), k): d for u, v, k, d in read.edges(keys=True, data=True)}
    assert edges == {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    assert read.number_of_edges() == graph.number_of_edges() > 0


def test_graphml_round_trip(network):
    text = to_graphml(network)
    assert_same_graph(nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True), network)
    assert 'attr.name="relation"' in text and 'attr.name="weight"' in text and 'attr.name="type"' in text


def test_gexf_round_trip(network):
    text = to_gexf(network)
    assert_same_graph(nx.read_gexf(io.BytesIO(text.encode("utf-8"))), network)
    assert "lastmodifieddate" not in text


def test_round_trip_with_every_kind_of_node(store):
    every = load(store, include=("people", "treaties", "programmes", "places"))
    assert_same_graph(nx.read_gexf(io.BytesIO(to_gexf(every).encode("utf-8"))), every)
    assert_same_graph(nx.read_graphml(io.BytesIO(to_graphml(every).encode("utf-8")), force_multigraph=True), every)


def test_cytoscape_json(network, built_network):
    data = json.loads((built_network[1] / "org-network.json").read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(network.graph.nodes)
    assert all("position" in n for n in nodes)
    assert len(edges) == network.graph.number_of_edges() and len({e["data"]["id"] for e in edges}) == len(edges)
    cooperation = [e["data"] for e in edges if e["data"]["relation"] == "cooperatesWith"
                   and {e["data"]["source"], e["data"]["target"]} == {CNIPA, WIPO}]
    assert len(cooperation) == 1 and len(cooperation[0]["evidence"]) == cooperation[0]["sentences"]
    part = next(e["data"] for e in edges if e["data"]["relation"] == "partOf" and e["data"]["target"] == CNIPA)
    assert part["source"] == part["subject"]
    cnipa = next(n["data"] for n in nodes if n["data"]["id"] == CNIPA)
    assert {"text": "国家知识产权局", "lang": "zh-Hans"} in cnipa["labels"]


def test_layout_keeps_nodes_apart(network):
    pos = layout(network)
    assert set(pos) == set(network.graph.nodes)
    points = sorted(pos.values())
    assert len(set(points)) == len(points)


def test_layout_is_computed_once_per_network(store, monkeypatch):
    """The picture, the SVG, the page and the JSON share one layout: the spring layout runs once per component."""
    network = load(store)
    calls = []
    spring = nx.spring_layout
    monkeypatch.setattr(nx, "spring_layout", lambda *a, **k: calls.append(1) or spring(*a, **k))
    first = layout(network)
    runs = len(calls)
    assert runs >= 1
    for fmt in ("json", "svg"):
        render(network, fmt)
    assert layout(network) == first and len(calls) == runs


# --- the pictures -------------------------------------------------------------------------


def test_html_page_is_self_contained(built_network, network):
    page = (built_network[1] / "org-network.html").read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert "vis-network" in page and "Permission is hereby granted" in page
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert data["organisations"] == len(network.organisations())
    assert len(data["network"]["elements"]["nodes"]) == network.graph.number_of_nodes()


def test_short_labels():
    assert viz.short_label({"label": "China National Intellectual Property Administration",
                            "aliases_en": "National Intellectual Property Administration; SIPO; CNIPA"}) == "CNIPA"
    assert viz.short_label({"label": "Ministry of Commerce of the People's Republic of China",
                            "aliases_en": "MOFCOM; Ministry of Commerce"}) == "Ministry of Commerce"
    assert viz.short_label({"label": "Bayer", "aliases_en": ""}) == "Bayer"


def test_png_and_svg(built_network):
    out = built_network[1]
    png = (out / "org-network.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and b"Software" not in png[:200]
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        assert image.size[0] >= 1200 and image.size[1] >= 800
    svg = (out / "org-network.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "dc:date" not in svg


def test_edges_are_drawn_as_arcs_from_node_to_node():
    arcs = viz._arcs([(0.0, 0.0), (1.0, 1.0)], [(2.0, 0.0), (1.0, 3.0)], 0.25, points=5)
    assert arcs.shape == (2, 5, 2)
    assert arcs[0, 0].tolist() == [0.0, 0.0] and arcs[0, -1].tolist() == [2.0, 0.0]
    assert arcs[1, 0].tolist() == [1.0, 1.0] and arcs[1, -1].tolist() == [1.0, 3.0]
    # the middle point of a quadratic curve lies halfway between the chord's middle and the control point
    assert arcs[0, 2].tolist() == [1.0, -0.25] and arcs[1, 2].tolist() == [1.25, 2.0]
    straight = viz._arcs([(0.0, 0.0)], [(4.0, 0.0)], 0.0, points=5)
    assert straight[0, :, 1].tolist() == [0.0] * 5 and straight[0, :, 0].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_one_drawing_saved_twice_gives_the_pictures_of_two_drawings(network, built_network):
    """The build draws the picture once for PNG and SVG; `kg network --format png|svg` draws it for one."""
    both = viz.pictures(network)
    assert both["png"] == viz.png(network) and both["svg"] == viz.svg(network)
    assert both["png"] == (built_network[1] / "org-network.png").read_bytes()


def test_build_writes_every_network_file(built_network):
    result, out = built_network
    assert {p.name for p in result.written} >= set(FILES)
    assert all((out / name).stat().st_size > 1000 for name in FILES)


def test_outputs_are_the_same_in_another_process(built_network, tmp_path):
    """`kg build` in a second process, with another hash seed, writes the same bytes."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--out", str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (built_network[1] / name).read_bytes(), name


# --- the command --------------------------------------------------------------------------


def test_kg_network_prints_the_tables(built_network):
    graph = built_network[1] / "graph.trig"
    done = CliRunner().invoke(main, ["network", "--graph", str(graph), "--top", "3"])
    assert done.exit_code == 0, done.output
    assert "| 1    | China National Intellectual Property Administration" in done.output
    central = done.output.split("Communities")[0]
    assert [m.group(1) for m in re.finditer(r"^\| (\d+) +\|", central, re.M)] == ["1", "2", "3"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "svg"])
def test_kg_network_writes_one_format(built_network, tmp_path, fmt):
    out = tmp_path / f"net.{fmt}"
    done = CliRunner().invoke(main, ["network", "--graph", str(built_network[1] / "graph.trig"), "--format", fmt,
                                     "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_bytes() == (built_network[1] / f"org-network.{fmt}").read_bytes()


def test_kg_network_default_graph_and_errors(built_network, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_OUTPUT_DIR", str(built_network[1]))
    done = CliRunner().invoke(main, ["network", "--include", "places"])
    assert done.exit_code == 0 and "China National Intellectual Property Administration" in done.output
    missing = CliRunner().invoke(main, ["network", "--graph", str(tmp_path / "none.trig")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad = CliRunner().invoke(main, ["network", "--format", "pdf"])
    assert bad.exit_code == 2


def test_a_store_of_only_what_the_network_queries_read_gives_the_same_network(dataset, network, tmp_path):
    from kg.network import predicates_read

    path = tmp_path / "statements.nq"
    named = [q for q in dataset.quads((None, None, None, None)) if q[3] != dataset.default_context.identifier]
    terms = Terms()
    path.write_bytes(nquads([terms.quad(*q) for q in named]))
    predicates = predicates_read()
    assert predicates is not None and str(KG.cooperatesWith) in predicates
    everything = OxigraphStore.from_nquads(path)
    kept = OxigraphStore.from_nquads(path, predicates=predicates)
    assert 0 < len(kept) < len(everything) / 2  # offsets, figures and labels of mentions are left out
    assert to_graphml(load(kept)) == to_graphml(network)
    assert to_graphml(load(everything)) == to_graphml(network)
