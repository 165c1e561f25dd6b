"""SPARQL from queries/*.rq or the command line, with values bound as variables, and result formats.

A binding is `name=value`: `<iri>` or `http(s)://...` is an IRI, `prefix:local`
a prefixed IRI, `"text"@en` or `text@en` a language-tagged string,
`text^^xsd:type` a typed literal, anything else a plain string. Values are
passed to the engine as variable bindings, never put into the query text.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path
from xml.sax.saxutils import escape

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.rdf.namespaces import PREFIXES
from kg.settings import queries_dir
from kg.store import QueryResult, Store

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")


class BindingError(ValueError):
    pass


def query_text(query: str) -> tuple[str, str]:
    """(name, SPARQL) for a .rq file path, a bundled query's name, or inline SPARQL."""
    path = Path(query)
    if query.endswith(".rq"):
        if not path.is_file() and (queries_dir() / path.name).is_file():
            path = queries_dir() / path.name
        if not path.is_file():
            raise FileNotFoundError(f"{query}: no such query file")
        return path.stem, path.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w-]+", query):
        if (queries_dir() / f"{query}.rq").is_file():
            return query, (queries_dir() / f"{query}.rq").read_text(encoding="utf-8")
        names = ", ".join(sorted(p.stem for p in queries_dir().glob("*.rq")))
        raise FileNotFoundError(f"{query}: no bundled query of that name (there are: {names})")
    return "inline", query


def bundled_queries() -> dict[str, str]:
    """Every queries/*.rq: name -> SPARQL."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(queries_dir().glob("*.rq"))}


def describe(sparql: str) -> str:
    """The comment lines at the top of a query file: what it answers."""
    lines = []
    for line in sparql.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return " ".join(l for l in lines if l and not l.startswith("param:"))


def parameters(sparql: str) -> dict[str, tuple[Identifier, str]]:
    """A query file's parameters, from lines "# param: name = value  (what it is)": name -> (default, help)."""
    found = {}
    value = r'("(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^\S+)?|\S+)'  # a quoted text may hold spaces
    for match in re.finditer(r"^#\s*param:\s*(\w+)\s*=\s*" + value + r"\s*(?:\((.*)\))?\s*$", sparql, re.M):
        found[match.group(1)] = (parse_term(match.group(2)), (match.group(3) or "").strip())
    return found


def with_defaults(sparql: str, bindings: dict[str, Identifier]) -> dict[str, Identifier]:
    """The query's declared defaults, overridden by the given bindings."""
    merged = {name: default for name, (default, _) in parameters(sparql).items()}
    merged.update(bindings)
    return merged


def parse_binding(text: str) -> tuple[str, Identifier]:
    if "=" not in text:
        raise BindingError(f"{text!r}: a binding is name=value")
    name, value = text.split("=", 1)
    name = name.strip().lstrip("?$")
    if not re.fullmatch(r"\w+", name):
        raise BindingError(f"{name!r}: not a variable name")
    return name, parse_term(value.strip())


def parse_term(value: str) -> Identifier:
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if re.match(r"^(https?|urn|file):", value):
        return URIRef(value)
    if match := re.fullmatch(r'"?(.*?)"?\^\^(\w+):(\w+)', value):
        prefix = PREFIXES.get(match.group(2))
        if prefix is None:
            raise BindingError(f"unknown prefix {match.group(2)!r}")
        term_log = logging.getLogger("rdflib.term")  # rdflib logs a traceback for an ill-typed value: one message
        term_log.disabled, was = True, term_log.disabled
        try:
            literal = Literal(match.group(1), datatype=prefix[match.group(3)])
        finally:
            term_log.disabled = was
        if literal.ill_typed:
            raise BindingError(f"{match.group(1)!r} is not a valid {match.group(2)}:{match.group(3)}")
        return literal
    if match := re.fullmatch(r'"?(.*?)"?@([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)', value):
        return Literal(match.group(1), lang=match.group(2))
    if match := re.fullmatch(r"([a-z][\w-]*):([\w./-]+)", value):
        namespace = PREFIXES.get(match.group(1))
        if namespace is None:
            raise BindingError(f"{value!r}: unknown prefix {match.group(1)!r} (write text in quotes: '\"{value}\"')")
        return URIRef(str(namespace) + match.group(2))
    if value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    return Literal(value)


def term_text(term: Identifier) -> str:
    """A term written the way parse_term reads it (`prefix:local`, `"text"@en`, `"1"^^xsd:integer`)."""
    if isinstance(term, URIRef):
        return _short(term)
    if isinstance(term, Literal) and term.language:
        return f'"{term}"@{term.language}'
    if isinstance(term, Literal) and term.datatype:
        return f'"{term}"^^{_short(term.datatype)}'
    return f'"{term}"'


def run(store: Store, query: str, *, bindings: dict[str, Identifier] | None = None) -> QueryResult:
    """Run a bundled query (by name or file) or inline SPARQL; declared defaults fill unbound parameters."""
    _, sparql = query_text(query)
    for name in bindings or {}:
        if not re.search(r"[?$]" + re.escape(name) + r"\b", sparql):
            declared = ", ".join(parameters(sparql)) or "none"
            raise BindingError(f"{name!r}: the query has no variable ?{name} (its parameters: {declared})")
    return store.query(sparql, bindings=with_defaults(sparql, bindings or {}))


# --- result formats ----------------------------------------------------------------------


GRAPH_FORMATS = {"table": "turtle", "turtle": "turtle", "nt": "nt", "ntriples": "nt", "rdfxml": "xml", "xml": "xml",
                 "jsonld": "json-ld", "json": "json-ld"}


def format_result(result: QueryResult, fmt: str) -> str:
    """SELECT as table/csv/tsv/json/xml; ASK as json/xml (else true/false); graphs as turtle (table), N-Triples
    (csv, tsv), RDF/XML (xml) or JSON-LD (json)."""
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        if fmt == "xml":
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                    f"  <head/>\n  <boolean>{str(result.boolean).lower()}</boolean>\n</sparql>\n")
        return str(result.boolean).lower()
    if result.kind == "construct":
        from rdflib import Graph

        from kg.rdf.namespaces import bind_all

        graph = Graph()
        bind_all(graph)
        for triple in result.triples:
            graph.add(triple)
        return graph.serialize(format=GRAPH_FORMATS.get(fmt, "nt"))
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt](result)


def _plain(term) -> str:
    return "" if term is None else str(term)


def _table(result: QueryResult) -> str:
    headers = list(result.variables)
    rows = [[_short(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    widths = [min(w, 70) for w in widths]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in rows:
        out.append("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)).rstrip())
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(str(namespace)):
                local = text[len(str(namespace)):]
                if re.fullmatch(r"[\w./-]*", local):
                    return f"{prefix}:{local}"
        return f"<{text}>"
    return str(term)


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(t) for t in row])
    return buffer.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value: dict = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def _json(result: QueryResult) -> str:
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    out += [f'    <variable name="{escape(v)}"/>' for v in result.variables]
    out += ["  </head>", "  <results>"]
    for row in result.rows:
        out.append("    <result>")
        for v, term in zip(result.variables, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                inner = f"<uri>{escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                inner = f"<bnode>{escape(str(term))}</bnode>"
            elif term.language:
                inner = f'<literal xml:lang="{escape(term.language)}">{escape(str(term))}</literal>'
            elif term.datatype:
                inner = f'<literal datatype="{escape(str(term.datatype))}">{escape(str(term))}</literal>'
            else:
                inner = f"<literal>{escape(str(term))}</literal>"
            out.append(f'      <binding name="{escape(v)}">{inner}</binding>')
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"
