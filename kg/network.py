"""The organisation network: a networkx projection of the RDF graph, its analysis and its exports.

The projection reads the graph only through SPARQL (queries/network-*.rq), so
it works on any graph in the ontology: a built dataset, a graph file, an
Oxigraph store. Nodes are organisations (and, on request, people, treaties,
programmes and laws, places); edges are typed, one per pair and relation, and
weighted by the evidence sentences that support them. Every export is byte
for byte the same for the same graph: nodes and edges are sorted and every
random choice is seeded.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF

from kg.query import run
from kg.rdf.namespaces import KG, ORG, SCHEMA

SEED = 4
OPTIONAL_KINDS = ("people", "treaties", "programmes", "places")
KIND_CLASSES = {
    "organisations": (ORG.Organization,),
    "people": (FOAF.Person,),
    "treaties": (KG.Treaty,),
    "programmes": (KG.Programme, KG.Law),
    "places": (SCHEMA.Place,),
}
# Kinds of organisation, most specific first: a node is coloured by the first it has.
ORG_TYPES = {
    KG.IPOffice: "IP office",
    KG.GovernmentAgency: "Government agency",
    KG.InternationalOrganization: "International organisation",
    KG.PartyOrStateBody: "Party or state body",
    KG.Court: "Court",
    KG.MediaOutlet: "Media outlet",
    KG.Company: "Company",
    KG.AcademicInstitution: "Academic institution",
}
OTHER_ORG = "Other organisation"
KIND_NAMES = {"organisations": "organisation", "people": "person", "treaties": "treaty", "programmes": "programme",
              "places": "place"}
CLASS_TYPES = {FOAF.Person: "Person", KG.Treaty: "Treaty", KG.Programme: "Programme", KG.Law: "Law or policy",
               SCHEMA.Place: "Place"}
# Edge types: the relation's key and how it reads.
RELATIONS = {
    "cooperatesWith": "cooperates with",
    "partOf": "part of",
    "coHosted": "co-hosted an event",
    "coIssued": "co-issued a programme or law",
    "sharedOfficial": "shared an official",
    "coParty": "co-party to a treaty",
    "memberOf": "member of",
    "partyTo": "party to",
    "administers": "administers",
    "issuedBy": "issued by",
    "locatedIn": "located in",
}
SYMMETRIC = {"cooperatesWith", "coHosted", "coIssued", "sharedOfficial", "coParty"}
DIRECT = {KG.cooperatesWith: "cooperatesWith", ORG.subOrganizationOf: "partOf", ORG.memberOf: "memberOf",
          KG.partyTo: "partyTo", KG.administers: "administers", KG.issuedBy: "issuedBy", KG.locatedIn: "locatedIn"}
# A shared link and the property of its two triples: (via p a) and (via p b), or (a p via) for treaties.
SHARED = {"coHosted": (KG.hostedBy, False), "coIssued": (KG.issuedBy, False),
          "sharedOfficial": (ORG.memberOf, False), "coParty": (KG.partyTo, True)}
FORMATS = ("html", "png", "svg", "graphml", "gexf", "json")  # each also the extension of its file


@dataclass(frozen=True, order=True)
class Evidence:
    """One sentence that supports an edge, and its document."""

    file: str
    iri: str
    sentence: str
    title: str
    document: str


@dataclass
class Network:
    """The projection (a MultiGraph keyed by relation, scalar attributes only) and what exports need besides."""

    graph: nx.MultiGraph
    labels: dict[str, tuple[tuple[str, str], ...]]
    evidence: dict[tuple[str, str, str], tuple[Evidence, ...]]
    include: tuple[str, ...] = ()
    communities: list[list[str]] = field(default_factory=list)
    components: list[list[str]] = field(default_factory=list)
    modularity: float = 0.0
    _positions: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # layout(), once

    def organisations(self) -> list[str]:
        return [n for n, kind in self.graph.nodes(data="kind") if kind == "organisation"]


def edge_key(u: str, v: str, relation: str) -> tuple[str, str, str]:
    return (min(u, v), max(u, v), relation)


# --- projection -------------------------------------------------------------------------


def project(store, *, include: tuple[str, ...] = ()) -> Network:
    """The network of organisations (plus the `include`d kinds) in `store`, read with SPARQL."""
    unknown = set(include) - set(OPTIONAL_KINDS)
    if unknown:
        raise ValueError(f"unknown node kinds {sorted(unknown)} (choose from {', '.join(OPTIONAL_KINDS)})")
    kinds = ("organisations",) + tuple(k for k in OPTIONAL_KINDS if k in include)
    nodes: dict[str, dict] = {}
    labels: dict[str, set[tuple[str, str, bool]]] = defaultdict(set)
    for kind in kinds:
        for cls in KIND_CLASSES[kind]:
            _add_nodes(store, kind, cls, nodes, labels)
    graph = nx.MultiGraph(name="organisation network")
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    found = _edges(store, set(nodes))
    evidence = {}
    for i, ((u, v, relation), (subject, via, support)) in enumerate(sorted(found.items())):
        sentences = {e.iri for e in support}
        graph.add_edge(u, v, key=relation, id=f"e{i}", relation=relation, label=RELATIONS[relation],
                       weight=float(max(len(sentences), 1)), sentences=len(sentences),
                       documents=len({e.document for e in support}), via="; ".join(sorted(via)),
                       subject="" if relation in SYMMETRIC else subject)
        evidence[(u, v, relation)] = tuple(sorted(support))
    ordered = {n: tuple((t, lang) for _, lang, t in sorted((not pref, lang, t) for t, lang, pref in labels[n]))
               for n in sorted(nodes)}
    for node, names in ordered.items():
        own = graph.nodes[node]["label"]
        graph.nodes[node]["aliases_en"] = "; ".join(t for t, lang in names if lang == "en" and t != own)
        graph.nodes[node]["labels_zh"] = "; ".join(t for t, lang in names if lang.startswith("zh"))
    return Network(graph, ordered, evidence, tuple(k for k in OPTIONAL_KINDS if k in include))


def _add_nodes(store, kind: str, cls: URIRef, nodes: dict, labels: dict) -> None:
    types: dict[str, set] = defaultdict(set)
    names: dict[str, set] = defaultdict(set)
    for _, node, name, rdf_type in run(store, "network-nodes", bindings={"class": cls}).rows:
        types[str(node)].add(rdf_type)
        names[str(node)].add(str(name))
    for node in sorted(types):
        if node in nodes:
            continue
        if kind == "organisations":
            node_type = next((label for iri, label in ORG_TYPES.items() if iri in types[node]), OTHER_ORG)
        else:
            node_type = CLASS_TYPES[cls]
        nodes[node] = {"label": min(names[node]), "kind": KIND_NAMES[kind], "type": node_type}
    for _, node, label, lang, preferred in run(store, "network-labels", bindings={"class": cls}).rows:
        if str(node) in nodes:
            labels[str(node)].add((str(label), _language(str(lang)), _true(preferred)))


def _true(term) -> bool:
    return isinstance(term, Literal) and bool(term.toPython())


def _language(tag: str) -> str:
    """A language tag in its usual case (Oxigraph lower-cases them): zh-hans -> zh-Hans."""
    parts = tag.split("-")
    return "-".join([parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p.lower()
                                          for p in parts[1:]])


def _edges(store, nodes: set[str]) -> dict[tuple[str, str, str], tuple[str, set[str], set[Evidence]]]:
    """(u, v, relation) -> (the subject of a directed relation, what a shared link goes through, the evidence)."""
    support: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    triples = set()
    for s, p, o, iri, sentence, doc, file, title in run(store, "network-edges").rows:
        triple = (str(s), str(p), str(o))
        triples.add(triple)
        if iri is not None:
            support[triple].add(Evidence(str(file or doc), str(iri), str(sentence), str(title or ""), str(doc)))
    found: dict = {}

    def add(u, v, relation, subject, via, evidence):
        key = edge_key(u, v, relation)
        entry = found.setdefault(key, (subject, set(), set()))
        if via:
            entry[1].add(via)
        entry[2].update(evidence)

    for s, p, o in sorted(triples):
        relation = DIRECT.get(URIRef(p))
        if relation and s in nodes and o in nodes and s != o:
            add(s, o, relation, s, "", support[(s, p, o)])
    for a, b, link, via, via_name in run(store, "network-shared").rows:
        a, b, via = str(a), str(b), str(via)
        if a in nodes and b in nodes:
            prop, forward = SHARED[str(link)]
            halves = [(a, str(prop), via), (b, str(prop), via)] if forward else \
                [(via, str(prop), a), (via, str(prop), b)]
            add(a, b, str(link), a, str(via_name or via), support[halves[0]] | support[halves[1]])
    return found


# --- analysis ---------------------------------------------------------------------------


def simple_graph(network: Network) -> nx.Graph:
    """One edge per pair, weighted by the sum of its typed edges' weights (for centrality and layout)."""
    simple = nx.Graph()
    simple.add_nodes_from(network.graph.nodes)
    for u, v, weight in sorted(network.graph.edges(data="weight")):
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def analyse(network: Network) -> Network:
    """Degree and betweenness centrality, Louvain communities and connected components, as node attributes."""
    simple = simple_graph(network)
    degree = nx.degree_centrality(simple) if len(simple) > 1 else {n: 0.0 for n in simple}
    betweenness = nx.betweenness_centrality(simple)
    found = nx.community.louvain_communities(simple, weight="weight", seed=SEED) if len(simple) else []
    network.communities = _ordered(found, network)
    network.components = _ordered(nx.connected_components(simple), network)
    network.modularity = round(nx.community.modularity(simple, found, weight="weight"), 6) if simple.size() else 0.0
    community = {n: i + 1 for i, members in enumerate(network.communities) for n in members}
    component = {n: i + 1 for i, members in enumerate(network.components) for n in members}
    for node, data in network.graph.nodes(data=True):
        data.update(degree=simple.degree(node), strength=float(simple.degree(node, weight="weight")),
                    degree_centrality=round(degree[node], 6), betweenness=round(betweenness[node], 6),
                    community=community[node], component=component[node])
    return network


def _ordered(groups, network: Network) -> list[list[str]]:
    """Groups largest first, then by their first name; members by name."""
    label = network.graph.nodes
    named = [sorted(g, key=lambda n: (label[n]["label"].lower(), n)) for g in groups]
    return sorted(named, key=lambda g: (-len(g), label[g[0]]["label"].lower(), g[0]))


def ranking(network: Network, *, kind: str | None = "organisation") -> list[str]:
    """Nodes, most central first: by degree centrality, then betweenness, then evidence weight, then name."""
    nodes = network.graph.nodes
    chosen = [n for n in nodes if kind is None or nodes[n]["kind"] == kind]
    return sorted(chosen, key=lambda n: (-nodes[n]["degree_centrality"], -nodes[n]["betweenness"],
                                         -nodes[n]["strength"], nodes[n]["label"].lower(), n))


QUERIES = ("network-nodes", "network-labels", "network-edges", "network-shared")  # all that `load` runs


@lru_cache(maxsize=1)
def predicates_read() -> frozenset[str] | None:
    """The predicates whose statements the network's queries can read (None: any), so that a store made
    only for `load` can leave the rest out. (rdflib parses the queries: a tenth of a second and more.)"""
    from kg.query import query_text
    from kg.sparql import predicates_matched

    found: set[str] = set()
    for name in QUERIES:
        predicates = predicates_matched(query_text(name)[1])
        if predicates is None:
            return None
        found |= predicates
    return frozenset(found)


def load(store, *, include: tuple[str, ...] = ()) -> Network:
    """The analysed network of `store`."""
    return analyse(project(store, include=include))


def table(network: Network, *, top: int = 10) -> str:
    """The most central organisations and the communities, as Markdown tables."""
    nodes = network.graph.nodes
    organisations = network.organisations()
    rows = [(str(i), nodes[n]["label"], nodes[n]["type"], str(nodes[n]["degree"]),
             f"{nodes[n]['degree_centrality']:.3f}", f"{nodes[n]['betweenness']:.3f}",
             f"{nodes[n]['strength']:g}", str(nodes[n]["community"]))
            for i, n in enumerate(ranking(network)[:top], 1)]
    edges = network.graph.number_of_edges()
    out = [f"Organisation network: {len(organisations)} organisations, {len(nodes)} nodes, {edges} typed edges, "
           f"{len(network.components)} connected components.", "",
           f"Most central organisations (by degree centrality, then betweenness; top {top}):", "",
           _markdown(("rank", "organisation", "type", "partners", "degree c.", "betweenness", "weight",
                      "community"), rows), ""]
    groups = [g for g in network.communities if len(g) > 1]
    alone = sum(1 for g in network.communities if len(g) == 1)
    crows = [(str(network.communities.index(g) + 1), str(len(g)), "; ".join(nodes[n]["label"] for n in g))
             for g in groups]
    out += [f"Communities (Louvain, seed {SEED}; modularity {network.modularity:.3f}):", "",
            _markdown(("community", "size", "members"), crows), "",
            f"{alone} node{'s' if alone != 1 else ''} without a tie to another node."]
    return "\n".join(out) + "\n"


def _markdown(headers, rows) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    return "\n".join(lines)


# --- layout and exports -----------------------------------------------------------------


def layout(network: Network) -> dict[str, tuple[float, float]]:
    """Node positions shared by the picture and the page. networkx's seeded spring layout draws each connected
    component: the largest in [-1, 1]², the others in a column to its right; nodes without ties sit in rows
    below, grouped by kind and name. Computed once per network (every picture and page uses it)."""
    if not network._positions:
        network._positions.update(_layout(network))
    return dict(network._positions)


def _layout(network: Network) -> dict[str, tuple[float, float]]:
    simple = simple_graph(network)
    nodes = network.graph.nodes
    components = sorted((sorted(c) for c in nx.connected_components(simple) if len(c) > 1),
                        key=lambda c: (-len(c), c[0]))
    pos: dict = {}
    top = 1.0
    for i, members in enumerate(components):
        sub = nx.Graph()  # not simple.subgraph(): a view may iterate a set, in an order that varies by process
        sub.add_nodes_from(members)
        sub.add_edges_from(sorted(simple.subgraph(members).edges))
        scale = 1.0 if i == 0 else 0.12 * len(members) ** 0.5
        centre = (0.0, 0.0) if i == 0 else (1.45, top - scale)
        pos.update(nx.spring_layout(sub, k=3.0 / len(members) ** 0.5, weight=None, seed=SEED, iterations=300, scale=scale,
                                    center=centre))
        if i:
            top -= 2 * scale + 0.25
    alone = sorted((n for n in simple if simple.degree(n) == 0),
                   key=lambda n: (nodes[n]["kind"], nodes[n]["type"], nodes[n]["label"].lower(), n))
    columns = max(1, min(len(alone), 8))
    below = min((float(y) for _, y in pos.values()), default=0.0) - 0.35
    for i, node in enumerate(alone):
        row, column = divmod(i, columns)
        pos[node] = (-1.0 + 2.5 * column / (columns - 1) if columns > 1 else 0.0, below - 0.2 * row)
    return {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in sorted(pos.items())}


def to_graphml(network: Network) -> str:
    """GraphML with node and edge attributes (types, weights, centrality), for Gephi, Cytoscape or yEd."""
    return "\n".join(nx.generate_graphml(network.graph, named_key_ids=True)) + "\n"


def to_gexf(network: Network) -> str:
    """GEXF 1.2 with the same attributes (the writer's date stamp removed, so the file is reproducible)."""
    text = "\n".join(nx.generate_gexf(network.graph)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def to_cytoscape(network: Network, positions: dict | None = None, *, scale: float = 450.0) -> dict:
    """Cytoscape.js elements JSON, with every label of a node, the evidence sentences of each edge and the
    layout's positions (in pixels, y downwards)."""
    positions = layout(network) if positions is None else positions
    nodes = []
    for node, data in network.graph.nodes(data=True):
        element = {"data": {"id": node, **data, "labels": [{"text": t, "lang": lang}
                                                           for t, lang in network.labels.get(node, ())]}}
        if node in positions:
            x, y = positions[node]
            element["position"] = {"x": round(x * scale, 1), "y": round(-y * scale, 1)}
        nodes.append(element)
    edges = []
    by_id = sorted(network.graph.edges(keys=True, data=True), key=lambda e: int(e[3]["id"][1:]))
    for u, v, relation, data in by_id:
        source, target = (v, u) if data["subject"] == v else (u, v)  # a directed relation points from its subject
        evidence = [{"sentence": e.sentence, "iri": e.iri, "document": e.document, "file": e.file,
                     "title": e.title} for e in network.evidence.get(edge_key(u, v, relation), ())]
        edges.append({"data": {**data, "source": source, "target": target, "evidence": evidence}})
    return {"data": {"name": network.graph.graph.get("name", ""), "relations": RELATIONS,
                     "modularity": network.modularity},
            "elements": {"nodes": nodes, "edges": edges}}


def to_json(network: Network) -> str:
    return json.dumps(to_cytoscape(network), ensure_ascii=False, indent=1) + "\n"


def render(network: Network, fmt: str) -> str | bytes:
    """The network in one format: html, png, svg, graphml, gexf or json."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt in ("html", "png", "svg"):
        from kg import viz

        return {"html": viz.html, "png": viz.png, "svg": viz.svg}[fmt](network)
    return {"graphml": to_graphml, "gexf": to_gexf, "json": to_json}[fmt](network)


def network_files(store) -> dict[str, str | bytes]:
    """Every network output of a built graph, by file name (what `kg build` writes)."""
    from kg import viz

    # an Oxigraph store: rdflib evaluates the network-edges GRAPH pattern graph by graph (minutes at 100x the corpus)
    network = load(store)
    drawn = viz.pictures(network)  # PNG and SVG from one drawing
    return {f"org-network.{fmt}": drawn[fmt] if fmt in drawn else render(network, fmt) for fmt in FORMATS}


def network_command(*, graph: Path | None, store_dir: Path | None = None, top: int = 10, fmt: str | None = None,
                    include: tuple[str, ...] = (), out: Path | None = None, default_dir: Path) -> str:
    """What `kg network` does: the table, or one format written to OUT; returns the text to print."""
    from kg.files import atomic_write
    from kg.store import open_store

    store = open_store(graph=graph or default_dir / "graph.trig", store_dir=store_dir, read_only=True)
    network = load(store, include=include)
    if fmt is None:
        return table(network, top=top)
    path = out or default_dir / f"org-network.{fmt}"
    atomic_write(path, render(network, fmt))
    return f"wrote {path} ({network.graph.number_of_nodes()} nodes, {network.graph.number_of_edges()} edges)"

