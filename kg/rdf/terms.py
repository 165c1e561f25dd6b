"""rdflib terms and Oxigraph terms, one into the other.

rdflib holds the graph that pySHACL validates and JSON-LD is written from;
Oxigraph writes Turtle and TriG and answers SPARQL. `Terms` converts many
terms and converts each IRI and literal once (an entity's IRI recurs in
thousands of statements).
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_oxigraph(term: Identifier):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


def from_oxigraph(term) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=_datatype(datatype))
    raise TypeError(f"cannot convert {term!r}")


class FromOxigraph(dict):
    """A converter from Oxigraph terms that converts each term once (call it with the term or None): the rows
    of a query repeat entities, names, documents."""

    def __call__(self, term) -> Identifier | None:
        if term is None:
            return None
        converted = self.get(term)
        if converted is None:
            converted = self[term] = from_oxigraph(term)
        return converted


@lru_cache(maxsize=256)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


class Terms:
    """A converter to Oxigraph terms that remembers what it converted (call it with an rdflib term)."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}
        self._literals: dict[tuple, ox.Literal] = {}

    def __call__(self, term: Identifier):
        # type() rather than isinstance(): this runs for every term of every statement
        if type(term) is URIRef:
            key = str(term)  # a plain str hashes in C; an rdflib term's hash is Python code
            node = self._iris.get(key)
            if node is None:
                node = self._iris[key] = ox.NamedNode(key)
            return node
        if type(term) is Literal:
            datatype = term.datatype
            key = (str(term), term.language, None if datatype is None else str(datatype))
            node = self._literals.get(key)
            if node is None:
                node = self._literals[key] = to_oxigraph(term)
            return node
        return to_oxigraph(term)

    def triple(self, s, p, o) -> ox.Triple:
        return ox.Triple(self(s), self(p), self(o))

    def quad(self, s, p, o, g=None) -> ox.Quad:
        """A quad in graph `g`, or in the default graph when `g` is None."""
        return ox.Quad(self(s), self(p), self(o), ox.DefaultGraph() if g is None else self(g))
