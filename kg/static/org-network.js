// The organisation network page: draws the embedded network with vis-network,
// shows a node's names, IRI and evidence, filters ties by relation, searches names.
// Everything is built with DOM methods and textContent: no data goes through innerHTML.
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  var elements = payload.network.elements;
  var colours = {};
  payload.types.forEach(function (t) { colours[t.type] = t.colour; });
  var styles = {};
  payload.relations.forEach(function (r) { styles[r.relation] = r; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k === "style") { node.style.cssText = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return node;
  }

  var byId = {};
  var ties = {};
  elements.nodes.forEach(function (n) { byId[n.data.id] = n.data; ties[n.data.id] = []; });
  elements.edges.forEach(function (e) { ties[e.data.source].push(e.data); ties[e.data.target].push(e.data); });

  function names(node, lang) {
    return node.labels.filter(function (l) { return lang === "zh" ? l.lang.indexOf("zh") === 0 : l.lang === lang; })
      .map(function (l) { return l.text; });
  }

  function tooltip(node) {
    var zh = names(node, "zh");
    return el("div", { "class": "tooltip" }, [
      el("strong", { text: node.label }),
      el("div", { text: node.type }),
      zh.length ? el("div", { text: "中文: " + zh.join(" / ") }) : null,
      node.aliases_en ? el("div", { text: "Also: " + node.aliases_en }) : null,
      el("div", { "class": "iri", text: node.id }),
      el("div", { "class": "muted", text: node.degree + " partner" + (node.degree === 1 ? "" : "s") + "; click for the evidence" })
    ]);
  }

  var nodes = new vis.DataSet(elements.nodes.map(function (n) {
    var d = n.data;
    var alone = ties[d.id].length === 0;
    return {
      id: d.id, label: d.short, x: n.position ? n.position.x : undefined, y: n.position ? n.position.y : undefined,
      size: d.size, title: tooltip(d), shape: "dot",
      color: { background: colours[d.type], border: "#ffffff", highlight: { background: colours[d.type], border: "#000000" } },
      opacity: alone ? 0.55 : 1,
      font: alone ? { size: 12, color: "#777777" } : { size: 18, color: "#111111", strokeWidth: 4, strokeColor: "#ffffff" }
    };
  }));

  var pairCount = {};
  var edges = new vis.DataSet(elements.edges.map(function (e) {
    var d = e.data;
    var s = styles[d.relation];
    var pair = [d.source, d.target].sort().join(" ");
    var index = pairCount[pair] = (pairCount[pair] || 0) + 1;
    return {
      id: d.id, from: d.source, to: d.target, relation: d.relation,
      color: { color: s.colour, highlight: s.colour, hover: s.colour, opacity: 0.9 },
      dashes: s.dashes.length ? s.dashes : false,
      width: 1 + 1.5 * Math.log2(Math.max(d.weight, 1)),
      arrows: s.arrow ? { to: { enabled: true, scaleFactor: 0.6 } } : "",
      smooth: index === 1 ? false : { enabled: true, type: index % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil((index - 1) / 2) },
      title: d.label + (d.via ? " (" + d.via + ")" : "") + " · " + d.sentences + " evidence sentence(s)"
    };
  }));

  var active = {};
  payload.relations.forEach(function (r) { active[r.relation] = true; });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return active[e.relation]; } });

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edgeView }, {
    physics: false,
    layout: { randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false },
    nodes: { borderWidth: 1.5, borderWidthSelected: 3 },
    edges: { selectionWidth: 1.5, hoverWidth: 0.5 }
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-ready", "true"); });

  // the details panel
  var details = document.getElementById("details");
  function showNode(id) {
    var d = byId[id];
    if (!d) { return; }
    var zh = names(d, "zh");
    var en = names(d, "en").filter(function (n) { return n !== d.label; });
    details.replaceChildren(
      el("h2", { text: d.label }),
      el("div", { "class": "iri", text: d.id }),
      el("dl", {}, [
        el("dt", { text: "Kind" }), el("dd", { text: d.type }),
        el("dt", { text: "中文名" }), el("dd", { text: zh.length ? zh.join(" / ") : "—" }),
        el("dt", { text: "Other names" }), el("dd", { text: en.length ? en.join("; ") : "—" }),
        el("dt", { text: "Partners" }), el("dd", { text: String(d.degree) }),
        el("dt", { text: "Degree centrality" }), el("dd", { text: d.degree_centrality.toFixed(3) }),
        el("dt", { text: "Betweenness" }), el("dd", { text: d.betweenness.toFixed(3) }),
        el("dt", { text: "Community" }), el("dd", { text: String(d.community) })
      ])
    );
    var order = payload.relations.map(function (r) { return r.relation; });
    var mine = ties[id].slice().sort(function (a, b) {
      return order.indexOf(a.relation) - order.indexOf(b.relation) || b.weight - a.weight ||
        byId[a.source === id ? a.target : a.source].label.localeCompare(byId[b.source === id ? b.target : b.source].label);
    });
    if (!mine.length) {
      details.appendChild(el("p", { "class": "muted evidence-none", text: "No tie to another node is stated in the documents." }));
    }
    mine.forEach(function (t) {
      var other = byId[t.source === id ? t.target : t.source];
      var s = styles[t.relation];
      var phrase = s.arrow && t.target === id ? s.inverse : s.label;
      details.appendChild(el("div", { "class": "tie" }, [
        el("span", { "class": "line", style: "border-top: 3px " + (s.dashes.length ? "dashed " : "solid ") + s.colour }),
        phrase + ": " + other.label + (t.via ? " (" + t.via + ")" : ""),
        el("span", { "class": "muted", text: " · " + t.sentences + " sentence" + (t.sentences === 1 ? "" : "s") + " in " + t.documents + " document" + (t.documents === 1 ? "" : "s") })
      ]));
      t.evidence.forEach(function (ev) {
        details.appendChild(el("blockquote", { "class": "evidence", text: ev.sentence }));
        details.appendChild(el("div", { "class": "source", text: "— " + (ev.title ? ev.title + " · " : "") + ev.file }));
      });
      if (!t.evidence.length) { details.appendChild(el("div", { "class": "source", text: "(no evidence sentence in this graph)" })); }
    });
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
  });

  // relation filter and the legend of kinds
  var filter = document.getElementById("relation-filter");
  payload.relations.forEach(function (r) {
    var box = el("input", { type: "checkbox", value: r.relation, checked: "checked" });
    box.addEventListener("change", function () { active[r.relation] = box.checked; edgeView.refresh(); });
    filter.appendChild(el("label", {}, [box, " ", el("span", { "class": "line", style: "border-top: 3px " + (r.dashes.length ? "dashed " : "solid ") + r.colour }), r.label]));
  });
  var legend = document.getElementById("type-legend");
  payload.types.forEach(function (t) {
    legend.appendChild(el("span", {}, [el("span", { "class": "swatch", style: "background:" + t.colour }), t.type]));
  });

  // search by any name, in any language
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  function matches(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return []; }
    return elements.nodes.map(function (n) { return n.data; }).filter(function (d) {
      return d.labels.some(function (l) { return l.text.toLowerCase().indexOf(q) >= 0; }) || d.label.toLowerCase().indexOf(q) >= 0;
    }).sort(function (a, b) { return b.degree_centrality - a.degree_centrality || a.label.localeCompare(b.label); })
      .map(function (d) { return d.id; });
  }
  function runSearch(focus) {
    var found = matches(search.value);
    network.selectNodes(found);
    status.textContent = search.value.trim() ? found.length + " match" + (found.length === 1 ? "" : "es") : "";
    if (found.length) {
      showNode(found[0]);
      if (focus) { network.focus(found[0], { scale: 1.2, animation: false }); }
    }
  }
  search.addEventListener("input", function () { runSearch(false); });
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { runSearch(true); } });

  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
}());
