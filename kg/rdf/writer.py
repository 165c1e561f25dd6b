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
from collections.abc import Iterable

import pyoxigraph as ox

from kg.rdf.namespaces import ID, PREFIXES

_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if ns != ID}
# rdf:type sorts first: swapped for a predicate text no IRI can have while sorting, and back (Oxigraph
# escapes control characters in literals, so the swap cannot meet one raw)
_TYPE, _FIRST = b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ", b" <\x01> "


def turtle_and_trig(quads: Iterable[ox.Quad], triples: Iterable[ox.Triple] = ()) -> tuple[bytes, bytes]:
    """Turtle of the merged graph, and TriG of the merged graph as the default graph followed by the named
    graphs; `quads` are statements in named graphs, `triples` any others of the merged graph."""
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).replace(_TYPE, _FIRST).split(b"\n")
    lines = sorted({line for line in lines if line}, key=_graph_then_line)
    # an N-Quads line of a named graph is the N-Triples line with " <graph>" before its " ."
    merged = {line[:line.rfind(b" <", 0, len(line) - 3)] + b" ." for line in lines}
    merged.update(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).replace(_TYPE, _FIRST).split(b"\n"))
    merged.discard(b"")
    turtle = _spaced(_reserialised(b"\n".join(sorted(merged)) + b"\n", ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE))
    named = _spaced(_reserialised(b"\n".join(lines) + b"\n", ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG))
    return turtle, turtle + named[_PREFIX_LINES.match(named).end():].lstrip(b"\n")


def _reserialised(lines: bytes, source, target) -> bytes:
    """Sorted lines (rdf:type swapped for the sorting, see _FIRST) read back in order by Oxigraph's writer."""
    return ox.serialize(ox.parse(lines.replace(_FIRST, _TYPE), format=source), format=target, prefixes=_PREFIXES)


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """N-Triples, one line per triple, lines sorted."""
    return _sorted_lines(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def nquads(quads: Iterable[ox.Quad]) -> bytes:
    """N-Quads, one line per quad, lines sorted."""
    return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def _sorted_lines(data: bytes) -> bytes:
    """Distinct lines, sorted as bytes (UTF-8 bytes sort as code points do).

    Split on "\\n" only: Oxigraph escapes line breaks inside literals."""
    return b"".join(line + b"\n" for line in sorted({line for line in data.split(b"\n") if line}))


def _graph_then_line(line: bytes) -> tuple[bytes, bytes]:
    # a quad in a named graph ends with its graph's IRI: " <IRI> ."
    return line[line.rfind(b" <", 0, len(line) - 3) + 2:-3], line


_PREFIX_LINES = re.compile(rb"(?:@prefix [^\n]*\n)*")


def _spaced(data: bytes) -> bytes:
    """A blank line after the prefixes, after each statement and after each graph block.

    Oxigraph escapes line breaks inside literals, so " .\\n" only ever ends a statement."""
    body = _PREFIX_LINES.match(data).end()
    text = re.sub(rb" \.\n", b" .\n\n", data[body:]).replace(b"\n\n}\n", b"\n}\n\n")
    return data[:body] + (b"\n" if body else b"") + text
