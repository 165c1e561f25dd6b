"""Turtle, TriG, N-Triples and N-Quads, written by Oxigraph in a fixed order.

rdflib's writers build the text term by term in Python (at 100x the corpus,
Turtle and TriG took 100 s of a 315 s build); Oxigraph's take seconds. The
order is ours, so the same statements give the same bytes whatever order they
come in: Oxigraph writes them as N-Quads, the lines are sorted as bytes and read
back in that order for the Turtle and TriG writers, which then group each
subject's statements. So:
- statements sorted by subject, then predicate (rdf:type first, as `a`), then object;
- TriG: the default graph first (the Turtle text), then the named graphs in IRI order;
- the project's prefixes except `id:` (a local name such as `doc/…#char=0,11`
  would need escapes: `id:doc\\/…\\#char\\=0\\,11`), so resources keep their IRIs;
- a blank line after each statement.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.rdf.namespaces import ID, PREFIXES

_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if ns != ID}
# rdf:type sorts first: swapped for a predicate text no IRI can have while sorting, and back (Oxigraph
# escapes control characters in literals, so the swap cannot meet one raw)
_TYPE, _FIRST = b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ", b" <\x01> "


@dataclass(frozen=True)
class Sorted:
    """Statements as sorted lines: what the Turtle, TriG and JSON-LD writers read."""

    merged: bytes  # N-Triples of the merged graph, each statement once, sorted (rdf:type first)
    named: bytes  # N-Quads of the statements in named graphs, sorted by graph IRI, then as `merged`


def sort_statements(quads: Iterable[ox.Quad], triples: Iterable[ox.Triple] = ()) -> Sorted:
    """`quads` are statements in named graphs, `triples` any others of the merged graph."""
    return sort_nquads(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), triples)


def sort_nquads(data: bytes, triples: Iterable[ox.Triple] = ()) -> Sorted:
    """As `sort_statements`, from the quads written by Oxigraph as N-Quads."""
    lines = _sorted_distinct(data.replace(_TYPE, _FIRST))
    # an N-Quads line of a named graph is the N-Triples line with " <graph>" before its " .": cut off, the
    # lines stay in order (where one statement's text starts another's, " " sorts before what follows it)
    statements, graphs = {}, defaultdict(list)  # a dict: each statement once, in order
    for line in lines:
        at = line.rfind(b" <", 0, len(line) - 3)  # where the graph starts: the line ends with " <IRI> ."
        statements[line[:at]] = None
        graphs[line[at + 2:-3]].append(line)
    merged = [line + b" ." for line in statements]
    del statements
    others = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).replace(_TYPE, _FIRST)
    if others:
        merged = _sorted_distinct(b"\n".join(merged) + b"\n" + others)
    named = [line for graph in sorted(graphs) for line in graphs[graph]]  # by graph IRI, each in order
    return Sorted((b"\n".join(merged) + b"\n").replace(_FIRST, _TYPE), (b"\n".join(named) + b"\n").replace(_FIRST, _TYPE))


def turtle(statements: Sorted) -> bytes:
    """The merged graph as Turtle."""
    return _spaced(_reserialised(statements.merged, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE))


def trig(statements: Sorted, turtle_text: bytes) -> bytes:
    """TriG: the merged graph (its Turtle text) as the default graph, then the named graphs."""
    named = _spaced(_reserialised(statements.named, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG))
    return turtle_text + named[_PREFIX_LINES.match(named).end():].lstrip(b"\n")


def _reserialised(lines: bytes, source, target) -> bytes:
    """Lines read back in their order by Oxigraph's parser, into its writer."""
    return ox.serialize(ox.parse(lines, format=source), format=target, prefixes=_PREFIXES)


def nquads(quads: Iterable[ox.Quad]) -> bytes:
    """N-Quads, one line per quad, lines sorted."""
    return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def _sorted_lines(data: bytes) -> bytes:
    """Distinct lines, sorted as bytes (UTF-8 bytes sort as code points do).

    Split on "\\n" only: Oxigraph escapes line breaks inside literals."""
    return b"".join(line + b"\n" for line in _sorted_distinct(data))


def _sorted_distinct(data: bytes) -> list[bytes]:
    # sorted before dropping repeats: the lines come in runs that are already in order, which the sort uses
    # (a set's order has none: sorting it took three times as long)
    return [line for line in dict.fromkeys(sorted(data.split(b"\n"))) if line]


_PREFIX_LINES = re.compile(rb"(?:@prefix [^\n]*\n)*")


def _spaced(data: bytes) -> bytes:
    """A blank line after the prefixes, after each statement and after each graph block.

    Oxigraph escapes line breaks inside literals, so " .\\n" only ever ends a statement."""
    body = _PREFIX_LINES.match(data).end()
    text = re.sub(rb" \.\n", b" .\n\n", data[body:]).replace(b"\n\n}\n", b"\n}\n\n")
    return data[:body] + (b"\n" if body else b"") + text
