"""Compacted JSON-LD of a graph, built from Oxigraph terms in the form rdflib's serializer gives.

rdflib's `from_rdf` walks its memory store subject by subject (24 s of the
100x build); reading the sorted N-Triples that the Turtle writer reads anyway
builds the same structure in a few seconds. Same rules as rdflib with the
project's prefixes as context (tests/test_jsonld.py compares the two):
- `@id` of nodes and IRI values: the IRI, or `prefix:name` when the IRI splits
  (at its last `#`, else `/`, else `:`) into a bound namespace and a name;
- properties, `@type` values and datatypes the same way, or the prefix alone
  when the IRI is a bound namespace;
- strings plain, language strings `{"@language", "@value"}`, xsd:integer,
  boolean and double as JSON numbers and booleans, other literals `{"@type", "@value"}`;
- one value bare, several in a list; every list sorted, keys sorted, one space of indent.
Blank nodes are written `_:name`; RDF collections are not folded into `@list`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from json.encoder import encode_basestring as _string  # ensure_ascii=False's string form
from typing import IO

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES

CONTEXT = {p: str(ns) for p, ns in PREFIXES.items()}
_BY_NAMESPACE = {ns: p for p, ns in CONTEXT.items()}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING, _LANG_STRING = _XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def jsonld(ntriples: bytes | IO[bytes]) -> bytes:
    """The graph in N-Triples (its lines sorted, so each subject's statements are together; bytes or a
    binary file) as JSON-LD."""
    nodes: list[dict] = []
    node, subject = None, None
    ids: dict[str, str] = {}  # IRI -> its compact form: objects repeat (documents, entities, classes)
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        if triple.subject != subject:
            subject = triple.subject
            node = {"@id": _node_id(subject)}
            nodes.append(node)
        predicate, value = triple.predicate.value, triple.object
        if predicate == _RDF_TYPE:
            key = "@type"
            value = _symbol(value.value) if isinstance(value, ox.NamedNode) else _value(value, ids)
        else:
            key, value = _symbol(predicate), _value(value, ids)
        node.setdefault(key, []).append(value)
    for node in nodes:
        for key, values in node.items():
            if key != "@id":
                node[key] = values[0] if len(values) == 1 else sorted(values, key=_json)
    data = {"@context": CONTEXT}
    if len(nodes) == 1:
        data.update(nodes[0])
    else:
        # in the order of their JSON text, which is that of their "@id" (every node's first key): only the
        # ids are encoded to sort them
        data["@graph"] = sorted(nodes, key=lambda node: _string(node["@id"]))
    return _indented(data) + b"\n"


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _split(iri: str) -> tuple[str, str] | None:
    for delimiter in "#/:":
        at = iri.rfind(delimiter)
        if at > -1:
            return iri[:at + 1], iri[at + 1:]
    return None


def _node_id(term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return _shrunk(term.value)


def _shrunk(iri: str) -> str:
    split = _split(iri)
    prefix = _BY_NAMESPACE.get(split[0]) if split else None
    return f"{prefix}:{split[1]}" if prefix else iri


@lru_cache(maxsize=4096)  # predicates, classes and datatypes: few, each met thousands of times
def _symbol(iri: str) -> str:
    return _BY_NAMESPACE.get(iri) or _shrunk(iri)


def _value(term, ids: dict[str, str]):
    if isinstance(term, ox.NamedNode):
        iri = term.value
        compact = ids.get(iri)
        if compact is None:
            compact = ids[iri] = _shrunk(iri)
        return {"@id": compact}
    if isinstance(term, ox.BlankNode):
        return {"@id": _node_id(term)}
    datatype = term.datatype.value
    if datatype == _STRING:
        return term.value
    if datatype == _LANG_STRING:
        return {"@language": term.language, "@value": term.value}
    native = _native(term.value, datatype[len(_XSD):]) if datatype.startswith(_XSD) else None
    return native if native is not None else {"@type": _symbol(datatype), "@value": term.value}


def _native(text: str, datatype: str):
    """xsd:integer, boolean and double as JSON values (as rdflib gives them), None for other types or bad text."""
    try:
        if datatype == "integer":
            return int(text)
        if datatype == "boolean" and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
        if datatype == "double":
            number = float(text)
            return number if math.isfinite(number) else None
    except ValueError:
        return None
    return None


def _indented(data: dict) -> bytes:
    """What `json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)` writes, as UTF-8.

    json's encoder indents in pure Python, a generator per level (half of this writer's time at 100x
    the corpus); this appends the same pieces to a list."""
    out = _Pieces()
    _write(data, "", out)
    return out.bytes()


class _Pieces(list):
    """Strings to join, turned into UTF-8 a batch at a time rather than joined into one string (a Python
    string holding one Chinese character takes 4 bytes for every character)."""

    BATCH = 100_000

    def __init__(self) -> None:
        super().__init__()
        self.done: list[bytes] = []

    def flush(self) -> None:
        self.done.append("".join(self).encode("utf-8"))
        self.clear()

    def bytes(self) -> bytes:
        self.flush()
        return b"".join(self.done)


def _write(value, indent: str, out: _Pieces) -> None:
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif kind is dict or kind is list:
        opening, closing = ("{", "}") if kind is dict else ("[", "]")
        if not value:
            out.append(opening + closing)
            return
        inner = indent + " "
        items = ((_string(key) + ": ", value[key]) for key in sorted(value)) if kind is dict else \
            (("", item) for item in value)
        separator = opening + "\n" + inner
        for label, item in items:
            out.append(separator + label)
            if type(item) is str:  # most values: no call
                out.append(_string(item))
            else:
                _write(item, inner, out)
            separator = ",\n" + inner
            if len(out) >= out.BATCH:
                out.flush()
        out.append("\n" + indent + closing)
    elif kind is bool:
        out.append("true" if value else "false")
    elif value is None:
        out.append("null")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(float.__repr__(value))  # finite: _native lets no other float through
    else:
        raise TypeError(f"not JSON: {value!r}")
