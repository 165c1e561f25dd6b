"""Graph files: reading with clear syntax errors, writing deterministically and atomically.

Files are parsed by Oxigraph first, so a syntax error is reported with its
line and column; writing is atomic (a temporary file renamed into place), so
an interrupted build leaves the previous file whole.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.rdf import writer
from kg.rdf.jsonld import jsonld
from kg.rdf.namespaces import bind_all
from kg.rdf.terms import Terms

FORMATS = {
    "turtle": ("ttl", "turtle", ox.RdfFormat.TURTLE),
    "ttl": ("ttl", "turtle", ox.RdfFormat.TURTLE),
    "nt": ("nt", "nt", ox.RdfFormat.N_TRIPLES),
    "ntriples": ("nt", "nt", ox.RdfFormat.N_TRIPLES),
    "nquads": ("nq", "nquads", ox.RdfFormat.N_QUADS),
    "nq": ("nq", "nquads", ox.RdfFormat.N_QUADS),
    "trig": ("trig", "trig", ox.RdfFormat.TRIG),
    "jsonld": ("jsonld", "json-ld", ox.RdfFormat.JSON_LD),
    "json-ld": ("jsonld", "json-ld", ox.RdfFormat.JSON_LD),
}
EXTENSIONS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "jsonld", "json": "jsonld"}
QUAD_FORMATS = ("trig", "nquads", "nq")


class GraphFileError(ValueError):
    """A graph file that is missing or does not parse, with where and why."""


def format_of(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise GraphFileError(f"{path}: unknown graph format (use .ttl, .nt, .nq, .trig or .jsonld)")
    return fmt


def read_quads(path: Path) -> Iterator[ox.Quad]:
    """A graph file's statements as Oxigraph quads (those of a triples format in the default graph); a syntax
    error is a GraphFileError naming the file, line and column."""
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file")
    fmt = FORMATS[format_of(path)][2]
    try:
        with path.open("rb") as handle:
            yield from ox.parse(handle, format=fmt, base_iri=path.resolve().as_uri())
    except SyntaxError as err:
        raise GraphFileError(f"{path}: {_position(err)}") from None


def check_syntax(path: Path) -> None:
    """Parse with Oxigraph only to find syntax errors, reported as `file:line:column: message`."""
    for _ in read_quads(path):
        pass


def _position(err: SyntaxError) -> str:
    # pyoxigraph's message names the lines and columns ("Parser error between line 3 column 11 and ...")
    return f"syntax error at line {err.lineno}: {err.msg}" if err.lineno else f"syntax error: {err}"


def load_dataset(path: Path) -> Dataset:
    """A graph file as an rdflib Dataset; triples of a Turtle/N-Triples/JSON-LD file land in the default graph."""
    path = Path(path)
    check_syntax(path)
    fmt = FORMATS[format_of(path)][1]
    dataset = Dataset(default_union=True)
    bind_all(dataset)
    if fmt in ("trig", "nquads"):
        dataset.parse(path, format=fmt)
    else:
        dataset.default_graph.parse(path, format=fmt)
    return dataset


def merged_graph(dataset: Dataset) -> Graph:
    """The union of a dataset's graphs as one Graph (what validation and the network read)."""
    graph = Graph()
    bind_all(graph)
    for quad in dataset.quads((None, None, None, None)):
        graph.add(quad[:3])
    return graph


# --- writing --------------------------------------------------------------------------


def atomic_write(path: Path, data: str | bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside `path`, then rename it into place (the temporary file goes if that fails:
    `path` a folder, say)."""
    tmp = _written_beside(Path(path), data)
    try:
        os.replace(tmp, path)
    except OSError:
        os.unlink(tmp)
        raise


def _written_beside(path: Path, data: str | bytes | Iterable[bytes]) -> str:
    """A temporary file beside `path` holding `data` (bytes, text, or bytes in parts), flushed to disk."""
    with _beside(path) as (handle, tmp):
        if isinstance(data, (str, bytes)):
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        else:
            handle.writelines(data)
    return tmp


@contextmanager
def _beside(path: Path):
    """(binary handle, name) of a new temporary file beside `path`, flushed to disk and closed at the end
    (and removed if the block fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, tmp
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def follow(path: Path, finished: Callable[[float], bool], *, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The lines of a file another process is still writing, in chunks of whole lines, up to its end once
    `finished(timeout)` (which may wait up to `timeout` seconds for word from the writer) says it is whole."""
    rest = b""
    done = False
    with path.open("rb") as handle:
        while True:
            data = handle.read(chunk)
            if data:
                data = rest + data
                cut = data.rfind(b"\n") + 1
                rest = data[cut:]
                if cut:
                    yield data[:cut]
            elif done:
                break
            else:
                done = finished(0.005)  # caught up with the writer: wait for more, or for its word
    if rest:
        yield rest


class Staged:
    """Files written beside their places as they are made and put in place together by `commit()`, so that
    a build need not hold every file until its end: until then (or if it fails) the previous files stay."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._waiting: dict[str, str] = {}  # name -> temporary file

    def put(self, name: str, data: str | bytes | Iterable[bytes]) -> None:
        self.discard(name)
        self._waiting[name] = _written_beside(self.folder / name, data)

    @contextmanager
    def open(self, name: str):
        """A binary handle to write a file as it is made; staged when the block ends."""
        with _beside(self.folder / name) as (handle, tmp):
            yield handle
        self.discard(name)
        self._waiting[name] = tmp

    def commit(self) -> list[Path]:
        """Each staged file renamed into place (each rename atomic), in the order they were put."""
        written = []
        while self._waiting:
            name = next(iter(self._waiting))
            os.replace(self._waiting.pop(name), self.folder / name)
            written.append(self.folder / name)
        return written

    def discard(self, name: str | None = None) -> None:
        """Remove a staged file, or all of them."""
        for key in [name] if name is not None else list(self._waiting):
            tmp = self._waiting.pop(key, None)
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def serialise(dataset: Dataset, fmt: str) -> str:
    """The dataset in `fmt`, byte for byte the same for the same input.

    Turtle, N-Triples and JSON-LD hold the merged (default) graph; TriG and
    N-Quads hold the named graphs and the default graph.
    """
    return serialise_formats(dataset, (fmt,))[fmt].decode("utf-8")


def serialise_formats(dataset: Dataset, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Several formats at once, as `serialise` writes each, in UTF-8 bytes (never one string of a
    whole file: a Python string holding one Chinese character takes 4 bytes for every character)."""
    kinds = {FORMATS[f][1] for f in formats}
    terms = Terms()
    default = [terms.triple(*t) for t in dataset.default_graph]
    named = [terms.quad(s, p, o, g) for s, p, o, g in _named_quads(dataset)]
    statements = writer.sort_statements(named, default) if kinds - {"nquads"} else None  # N-Quads needs no sorting
    turtle = writer.turtle(statements) if kinds & {"turtle", "trig"} else b""
    out: dict[str, bytes] = {}
    for fmt in formats:
        kind = FORMATS[fmt][1]
        if kind == "turtle":
            out[fmt] = turtle
        elif kind == "trig":
            out[fmt] = writer.trig(statements, turtle)
        elif kind == "nt":
            out[fmt] = statements.merged
        elif kind == "nquads":
            out[fmt] = writer.nquads([ox.Quad(t.subject, t.predicate, t.object) for t in default] + named)
        else:
            out[fmt] = jsonld(statements.merged)
    return out


def _named_quads(dataset: Dataset):
    default = dataset.default_graph.identifier
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if name is not None and name != default:
            yield s, p, o, name
