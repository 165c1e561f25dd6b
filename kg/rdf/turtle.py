"""rdflib's Turtle writer with a prefix look-up that stays linear.

rdflib abbreviates an IRI by splitting it (``split_uri``) and adding the part
before the split to a prefix trie as a "namespace", bound or not. Evidence
IRIs (``.../doc/<hash>#char=12,40``) and observation IRIs each split into a
namespace of their own, and every later look-up scans the trie: writing Turtle
was quadratic in the number of sentences (90 s for 60,000 triples).

This writer decides the same way against the bound namespaces only (a few
dozen), so it writes the same text; ``tests/test_build.py`` compares the two.
"""

from __future__ import annotations

from rdflib import URIRef, plugin
from rdflib.namespace import split_uri
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.serializer import Serializer
from rdflib.term import _is_valid_uri

FORMAT = "kg-turtle"


class LinearTurtleSerializer(TurtleSerializer):
    def __init__(self, store):
        super().__init__(store)
        self._bound = {str(ns): prefix for prefix, ns in store.namespaces()}
        self._pnames: dict[URIRef, str | None] = {}

    def get_pname(self, uri, gen_prefix=True):
        if gen_prefix or not isinstance(uri, URIRef):
            return super().get_pname(uri, gen_prefix)  # predicates: few, and rdflib may mint ns1: for them
        if uri not in self._pnames:
            self._pnames[uri] = self._pname(uri)
        return self._pnames[uri]

    def _pname(self, uri: URIRef) -> str | None:
        if not _is_valid_uri(uri):
            return None
        try:
            split, _ = split_uri(uri)
        except ValueError:
            return super().get_pname(uri, False)  # an IRI that is itself a namespace: rare
        # as rdflib: the split namespace, or the longest bound namespace that extends it and starts the IRI
        found = [ns for ns in self._bound if ns.startswith(split) and uri.startswith(ns)]
        if not found:
            return None
        namespace = max(found, key=len)
        local = uri[len(namespace):].replace("(", r"\(").replace(")", r"\)")
        local = self.LOCALNAME_PECRENT_CHARACTER_REQUIRING_ESCAPE_REGEX.sub("\\%", local)
        if local.endswith("."):
            return None
        prefix = self.addNamespace(self._bound[namespace], URIRef(namespace))
        return f"{prefix}:{local}"


plugin.register(FORMAT, Serializer, __name__, "LinearTurtleSerializer")
