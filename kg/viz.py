"""Pictures of the organisation network: an interactive HTML page and a static PNG/SVG.

The page is one self-contained file: vis-network (vendored in
kg/static/vendor/, with its licences) is inlined, the data is embedded as
JSON, and nothing is fetched, so it works offline. The static picture is drawn
with matplotlib's object API (no pyplot state) on the same seeded layout. Both
are reproducible byte for byte: fixed seeds, sorted data, no dates.
"""

from __future__ import annotations

import io
import json
import math
import re
import textwrap
from html import escape
from importlib import resources

from kg.network import OTHER_ORG, RELATIONS, Network, layout, ranking, to_cytoscape

# Node colours by kind of organisation (and by class for the optional kinds).
TYPE_COLOURS = {
    "IP office": "#d62728",
    "Government agency": "#1f77b4",
    "International organisation": "#2ca02c",
    "Party or state body": "#9467bd",
    "Court": "#8c564b",
    "Media outlet": "#e377c2",
    "Company": "#ff7f0e",
    "Academic institution": "#17becf",
    OTHER_ORG: "#8c8c8c",
    "Person": "#bcbd22",
    "Treaty": "#6baed6",
    "Programme": "#fdae6b",
    "Law or policy": "#74c476",
    "Place": "#bcbddc",
}
# Edge styles by relation: colour, dash pattern (on/off lengths in points; empty = solid), arrow.
RELATION_STYLES = {
    "cooperatesWith": ("#3b6ea8", (), False),
    "partOf": ("#444444", (), True),
    "coHosted": ("#e08214", (8, 4), False),
    "coIssued": ("#1b9e77", (10, 3, 2, 3), False),
    "sharedOfficial": ("#7b3294", (2, 3), False),
    "coParty": ("#c51b7d", (6, 2, 2, 2), False),
    "memberOf": ("#999999", (4, 3), True),
    "partyTo": ("#c51b7d", (), True),
    "administers": ("#1b9e77", (), True),
    "issuedBy": ("#66a61e", (), True),
    "locatedIn": ("#a6761d", (2, 3), True),
}
# How a directed relation reads from its object's side.
INVERSES = {"partOf": "has part", "memberOf": "has member", "partyTo": "has party", "administers": "administered by",
            "issuedBy": "issued", "locatedIn": "location of"}
STOPWORDS = {"of", "the", "and", "for", "on", "in", "to"}
MAX_LABEL = 24
PICTURE_LABELS = 24


def short_label(data: dict) -> str:
    """A name that fits on a picture: the English name, else an acronym of it, else its shortest alias."""
    name = data["label"]
    if len(name) <= MAX_LABEL:
        return name
    aliases = [a for a in data.get("aliases_en", "").split("; ") if a]
    words = re.findall(r"[\w']+", name)
    initials = {"".join(w[0] for w in words).upper(),
                "".join(w[0] for w in words if w.lower() not in STOPWORDS).upper()}
    for alias in aliases:
        if re.fullmatch(r"[A-Z]{2,8}", alias) and alias in initials:
            return alias
    shorter = sorted((a for a in aliases if len(a) < len(name) and not a.isupper()), key=lambda a: (len(a), a))
    return shorter[0] if shorter else name


def _sizes(network: Network, smallest: float, largest: float) -> dict[str, float]:
    """Node sizes by degree centrality (square root, so area grows with it)."""
    nodes = network.graph.nodes
    top = max((d["degree_centrality"] for _, d in nodes(data=True)), default=0.0) or 1.0
    return {n: round(smallest + (largest - smallest) * math.sqrt(nodes[n]["degree_centrality"] / top), 2)
            for n in nodes}


# --- the HTML page ----------------------------------------------------------------------


def page_data(network: Network) -> dict:
    """What the page draws: Cytoscape.js elements plus styles, sizes and short labels."""
    data = to_cytoscape(network, layout(network))
    sizes = _sizes(network, 8, 42)
    for element in data["elements"]["nodes"]:
        node = element["data"]
        node["short"] = short_label(node)
        node["size"] = sizes[node["id"]]
    present = sorted({d for *_, d in network.graph.edges(data="relation")}, key=list(RELATIONS).index)
    types = sorted({d for _, d in network.graph.nodes(data="type")}, key=list(TYPE_COLOURS).index)
    return {
        "network": data,
        "types": [{"type": t, "colour": TYPE_COLOURS[t]} for t in types],
        "relations": [{"relation": r, "label": RELATIONS[r], "inverse": INVERSES.get(r, RELATIONS[r]),
                       "colour": RELATION_STYLES[r][0],
                       "dashes": list(RELATION_STYLES[r][1]), "arrow": RELATION_STYLES[r][2]} for r in present],
        "organisations": len(network.organisations()),
    }


def _static(name: str) -> str:
    return resources.files("kg").joinpath("static", *name.split("/")).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """JSON that can sit inside a <script> element: no '<', '>', '&' or line separators as such."""
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                       ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def html(network: Network) -> str:
    """The interactive page: one file, vis-network inlined, no request to anywhere."""
    vis_js = _static("vendor/vis-network.min.js")
    if "</script" in vis_js.lower():
        raise ValueError("the vendored vis-network contains '</script' and cannot be inlined")
    data = _script_safe(json.dumps(page_data(network), ensure_ascii=False, separators=(",", ":")))
    nodes, edges = network.graph.number_of_nodes(), network.graph.number_of_edges()
    summary = (f"{len(network.organisations())} organisations, {nodes} nodes, {edges} typed edges, "
               f"{len(network.components)} connected components")
    replacements = {
        "{{SUMMARY}}": summary,
        "{{VIS_JS}}": vis_js,
        "{{DATA}}": data,
        "{{APP_JS}}": _static("org-network.js"),
        "{{LICENCE}}": escape(_static("vendor/LICENSE-MIT")),
    }
    # one pass over the template, so text inside the inserted parts is never substituted again
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: replacements[m.group(0)], _static("org-network.html"))


# --- the static picture -----------------------------------------------------------------


def _figure(network: Network):
    """A matplotlib Figure of the network: coloured by type, sized by centrality, main nodes labelled, legends."""
    import matplotlib.patheffects as effects
    import networkx as nx
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    graph = network.graph
    pos = layout(network)
    figure = Figure(figsize=(14, 10), dpi=110)
    ax = figure.add_axes((0.01, 0.01, 0.79, 0.9))
    ax.set_axis_off()
    nodes = list(graph.nodes)
    alone = [n for n in nodes if graph.degree(n) == 0]
    tied = [n for n in nodes if graph.degree(n) > 0]
    sizes = _sizes(network, 7, 44)
    halo = [effects.withStroke(linewidth=3, foreground="white")]
    for index, relation in enumerate(RELATIONS):
        edges = [(u, v) for u, v, k in sorted(graph.edges(keys=True)) if k == relation]
        if not edges:
            continue
        colour, dashes, _ = RELATION_STYLES[relation]
        # one collection of curves per relation: patches, one per edge, took most of the drawing's time
        ax.add_collection(LineCollection(
            _arcs([pos[u] for u, _ in edges], [pos[v] for _, v in edges], (0.0, 0.15, -0.15, 0.3, -0.3)[index % 5]),
            colors=colour, linestyles=(0, dashes) if dashes else "solid", alpha=0.9, zorder=1, capstyle="round",
            linewidths=[1.2 + 1.2 * math.log2(graph.edges[u, v, relation]["weight"]) for u, v in edges]))
    for group, alpha in ((alone, 0.5), (tied, 1.0)):  # opaque: the curves run to the nodes' centres
        if group:
            nx.draw_networkx_nodes(graph, pos, nodelist=group, ax=ax, alpha=alpha, linewidths=0.8,
                                   node_color=[TYPE_COLOURS[graph.nodes[n]["type"]] for n in group],
                                   node_size=[sizes[n] ** 2 for n in group], edgecolors="white")
    main = [n for n in ranking(network, kind=None) if graph.degree(n) > 0][:PICTURE_LABELS]
    component = {n: members for members in network.components for n in members}
    for n in main:
        bold = n in main[:3]
        # above the node in the upper half of its component, below it in the lower half
        up = pos[n][1] >= sum(pos[m][1] for m in component[n]) / len(component[n])
        ax.annotate(textwrap.fill(short_label(graph.nodes[n]), 20), pos[n],
                    xytext=(0, (sizes[n] / 2 + 2) * (1 if up else -1)), textcoords="offset points", ha="center",
                    va="bottom" if up else "top", fontsize=10.5 if bold else 8.5,
                    fontweight="bold" if bold else "normal", color="#111111", path_effects=halo)
    for n in alone:
        ax.annotate(textwrap.fill(short_label(graph.nodes[n]), 18), pos[n], xytext=(0, -7),
                    textcoords="offset points", ha="center", va="top", fontsize=6.5, color="#666666")
    if alone:
        y = max(pos[n][1] for n in alone) + 0.1
        ax.text(-1.0, y, "Named in the documents, with no stated tie to another organisation:", fontsize=8.5,
                color="#444444", va="bottom")
    types = [t for t in TYPE_COLOURS if any(d == t for _, d in graph.nodes(data="type"))]
    kinds = figure.legend(handles=[Line2D([0], [0], marker="o", linestyle="", markersize=9, label=t,
                                          markerfacecolor=TYPE_COLOURS[t], markeredgecolor="white") for t in types],
                          title="Kind of node (size: degree centrality)", loc="upper left",
                          bbox_to_anchor=(0.8, 0.9), fontsize=9, title_fontsize=9.5, frameon=False)
    figure.add_artist(kinds)
    present = [r for r in RELATIONS if any(k == r for *_, k in graph.edges(keys=True))]
    figure.legend(handles=[Line2D([0], [0], color=RELATION_STYLES[r][0], lw=2.2, label=RELATIONS[r],
                                  linestyle=(0, RELATION_STYLES[r][1]) if RELATION_STYLES[r][1] else "solid")
                           for r in present],
                  title="Tie (width: evidence sentences)", loc="upper left", bbox_to_anchor=(0.8, 0.55),
                  fontsize=9, title_fontsize=9.5, frameon=False)
    ax.margins(0.06)
    figure.text(0.01, 0.965, "Organisation network of the IP-policy knowledge graph", fontsize=15)
    figure.text(0.01, 0.935, f"{len(network.organisations())} organisations, {graph.number_of_edges()} typed "
                f"ties, {len(network.components)} connected components; the {len(main)} most central are named "
                f"above the rows of {len(alone)} without ties", fontsize=10, color="#444444")
    return figure


def _arcs(starts, ends, bend: float, points: int = 17):
    """Each edge as a quadratic Bézier curve sampled at `points` points, its control point off the middle of
    the line by `bend` times the line's length (matplotlib's arc3 connection style, in data coordinates)."""
    import numpy as np

    start, end = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    delta = end - start
    control = (start + end) / 2 + bend * np.stack([delta[:, 1], -delta[:, 0]], axis=1)
    t = np.linspace(0.0, 1.0, points)[None, :, None]
    return (1 - t) ** 2 * start[:, None] + 2 * (1 - t) * t * control[:, None] + t ** 2 * end[:, None]


def preload() -> None:
    """Import matplotlib and find its font, as drawing a picture first does (about 0.5 s): the build's
    network child does it while it waits for the statements (`kg.children`)."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.collections  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.patheffects  # noqa: F401
    from matplotlib import font_manager

    font_manager.findfont("DejaVu Sans")


def _save(network: Network, formats: tuple[str, ...]) -> dict[str, bytes]:
    """The picture drawn once and saved in each format."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    saved = {}
    with mpl.rc_context({"svg.hashsalt": "ip-kg", "svg.fonttype": "path", "font.family": "DejaVu Sans",
                         "path.simplify": True}):
        figure = _figure(network)
        FigureCanvasAgg(figure)
        for fmt in formats:
            buffer = io.BytesIO()
            metadata = {"Date": None} if fmt == "svg" else {"Software": None}
            figure.savefig(buffer, format=fmt, metadata=metadata, facecolor="white")
            saved[fmt] = buffer.getvalue()
    return saved


def png(network: Network) -> bytes:
    """The picture as PNG."""
    return _save(network, ("png",))["png"]


def svg(network: Network) -> str:
    """The picture as SVG (glyphs as paths, ids salted with a constant, no date)."""
    return _save(network, ("svg",))["svg"].decode("utf-8")


def pictures(network: Network) -> dict[str, str | bytes]:
    """The picture as PNG and as SVG, drawn once (what `png` and `svg` give)."""
    saved = _save(network, ("png", "svg"))
    return {"png": saved["png"], "svg": saved["svg"].decode("utf-8")}
