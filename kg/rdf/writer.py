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

import heapq
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.rdf.namespaces import ID, PREFIXES

_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if ns != ID}
# rdf:type sorts first: swapped for a predicate text no IRI can have while sorting, and back (Oxigraph
# escapes control characters in literals, so the swap cannot meet one raw)
_TYPE, _FIRST = b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ", b" <\x01> "


@dataclass(frozen=True, eq=False)
class Sorted:
    """Statements as sorted lines, each once: what the Turtle, TriG and JSON-LD writers read.

    The lines are held once (at 100x the corpus they are most of what the build holds after the parse);
    the merged graph's N-Triples and the named graphs' N-Quads are read from them in order."""

    lines: list[bytes]  # N-Quads of the statements in named graphs, sorted, rdf:type swapped to sort first
    others: list[bytes]  # N-Triples of statements in no named graph, sorted the same way
    graphs: dict[bytes, list[int]]  # graph IRI -> positions of its lines, in order

    def merged_lines(self, *, release: bool = False) -> Iterator[bytes]:
        """N-Triples of the merged graph, each statement once, sorted (rdf:type first). With `release`, each
        line is let go once read, for the last reader: the statements are then gone."""
        # an N-Quads line of a named graph is the N-Triples line with " <graph>" before its " .": cut off, the
        # lines stay in order (where one statement's text starts another's, " " sorts before what follows it)
        # and the graphs of one statement are next to each other
        cut = (line[:line.rfind(b" <", 0, len(line) - 3)] + b" ." for line in (
            _released(self.lines) if release else self.lines))
        previous = None
        for line in heapq.merge(cut, self.others) if self.others else cut:
            if line != previous:
                yield line.replace(_FIRST, _TYPE) + b"\n"
                previous = line

    def named_lines(self) -> Iterator[bytes]:
        """N-Quads of the named graphs, by graph IRI, each graph's lines in order."""
        lines = self.lines
        for graph in sorted(self.graphs):
            for i in self.graphs[graph]:
                yield lines[i].replace(_FIRST, _TYPE) + b"\n"

    @property
    def merged(self) -> bytes:
        return b"".join(self.merged_lines())


def _released(lines: list[bytes]) -> Iterator[bytes]:
    for i, line in enumerate(lines):
        lines[i] = b""
        yield line
    lines.clear()


def sort_statements(quads: Iterable[ox.Quad], triples: Iterable[ox.Triple] = ()) -> Sorted:
    """`quads` are statements in named graphs, `triples` any others of the merged graph."""
    return sort_nquads(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), triples)


def sort_nquads(data: bytes | Path, triples: Iterable[ox.Triple] = ()) -> Sorted:
    """As `sort_statements`, from the quads written by Oxigraph as N-Quads (or a file of them)."""
    if isinstance(data, Path):
        with data.open("rb") as handle:  # line by line: the file's text is never held whole beside its lines
            lines = [line.rstrip(b"\n").replace(_TYPE, _FIRST) for line in handle]
    else:
        lines = data.replace(_TYPE, _FIRST).split(b"\n")
    del data
    lines.sort()  # in place: one list of lines at a time
    lines = _distinct(lines)
    graphs = defaultdict(list)
    for i, line in enumerate(lines):
        graphs[line[line.rfind(b" <", 0, len(line) - 3) + 2:-3]].append(i)  # the line ends with " <IRI> ."
    others = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).replace(_TYPE, _FIRST)
    return Sorted(lines, _sorted_distinct(others) if others else [], dict(graphs))


def turtle(statements: Sorted) -> bytes:
    """The merged graph as Turtle."""
    out = io.BytesIO()
    _reserialised(LinesReader(statements.merged_lines()), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE,
                  Spacer(out, prefixes=True))
    return out.getvalue()


def trig(statements: Sorted, turtle_text: bytes) -> bytes:
    """TriG: the merged graph (its Turtle text) as the default graph, then the named graphs."""
    out = io.BytesIO()
    write_trig_named(statements, out)
    return turtle_text + out.getvalue()


def write_trig_named(statements: Sorted, output: IO[bytes]) -> None:
    """What TriG has after the default graph (`trig` without the Turtle text), written to `output` as it is
    made: the named graphs."""
    _reserialised(LinesReader(statements.named_lines()), ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG,
                  Spacer(output, prefixes=False))


class LinesReader:
    """A binary file's `read` over lines made as they are read (Oxigraph's parsers read such objects)."""

    def __init__(self, lines: Iterable[bytes]):
        self._lines = iter(lines)
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        parts, length = [self._buffer], len(self._buffer)
        while size < 0 or length < size:
            line = next(self._lines, None)
            if line is None:
                break
            parts.append(line)
            length += len(line)
        data = b"".join(parts)
        if size < 0:
            size = len(data)
        self._buffer = data[size:]
        return data[:size]


def _reserialised(lines: IO[bytes], source, target, output: "Spacer") -> None:
    """Lines read back in their order by Oxigraph's parser, into its writer, into `output`."""
    ox.serialize(ox.parse(lines, format=source), output, format=target, prefixes=_PREFIXES)
    output.close()


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
    return _distinct(sorted(data.split(b"\n")))


def _distinct(lines: list[bytes]) -> list[bytes]:
    """Sorted lines without repeats and empty lines."""
    out, previous = [], b""
    for line in lines:
        if line != previous:
            out.append(line)
            previous = line
    return out


_PREFIX_LINES = re.compile(rb"(?:@prefix [^\n]*\n)*")
_STATEMENT_END = re.compile(rb" \.\n(\}\n)?")


class Spacer:
    """Oxigraph's Turtle or TriG text passed on to `target` with a blank line after the prefixes, after each
    statement and after each graph block (without the prefixes if `prefixes` is false), as it is written.

    Oxigraph escapes line breaks inside literals, so " .\\n" only ever ends a statement and a line "}"
    only ever ends a graph."""

    def __init__(self, target: IO[bytes], *, prefixes: bool):
        self.target, self.prefixes = target, prefixes
        self._pending = b""
        self._head = True  # still in the prefix lines at the start

    def write(self, data: bytes) -> int:
        self._pending += data
        if self._head:
            end = _PREFIX_LINES.match(self._pending).end()
            if end == len(self._pending) or b"\n" not in self._pending[end:]:
                return len(data)  # the prefix lines may go on in the next piece
            self._start(end)
        # pass on the text up to a line that does not start with "}", so that a statement and the end of its
        # graph are never cut apart
        cut = len(self._pending) - 1
        while True:
            cut = self._pending.rfind(b"\n", 0, cut)
            if cut < 0 or self._pending[cut + 1:cut + 2] != b"}":
                break
        if cut >= 0:
            self._emit(self._pending[:cut + 1])
            self._pending = self._pending[cut + 1:]
        return len(data)

    def flush(self) -> None:
        pass  # the text after the last cut waits for `close`: the next piece may start with "}"

    def close(self) -> None:
        if self._head:
            self._start(_PREFIX_LINES.match(self._pending).end())
        self._emit(self._pending)
        self._pending = b""

    def _start(self, end: int) -> None:
        head, self._pending = self._pending[:end], self._pending[end:]
        self._head = False
        if self.prefixes:
            self.target.write(head + (b"\n" if head else b""))
        else:
            self._pending = self._pending.lstrip(b"\n")

    def _emit(self, text: bytes) -> None:
        if text:
            self.target.write(_STATEMENT_END.sub(lambda m: b" .\n}\n\n" if m.group(1) else b" .\n\n", text))
