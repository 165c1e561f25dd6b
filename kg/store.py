"""Two store back ends behind one interface: rdflib's memory store and Oxigraph.

Both answer SPARQL with values bound as SPARQL variables (rdflib's
`initBindings`, Oxigraph's `substitutions`), never formatted into the query
text, and return the same `QueryResult` with rdflib terms, so every caller
(the CLI, the network projection, the HTTP endpoint, the tests) is
indifferent to the back end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Identifier, Variable

from kg.files import load_dataset, read_quads, serialise
from kg.rdf.namespaces import PREFIXES
from kg.rdf.terms import FromOxigraph, to_oxigraph
from kg.sparql import laterals_as_joins, project, reads_named_graphs

BACKENDS = ("memory", "oxigraph")


@dataclass(frozen=True)
class QueryResult:
    kind: str  # "select", "ask", "construct"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Identifier, Identifier, Identifier], ...] = field(default=(), repr=False)


class QueryError(ValueError):
    """A query that does not parse or cannot run."""


class RdflibStore:
    """rdflib's memory store: the default, fine for a few hundred thousand triples."""

    backend = "memory"

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              limit: int | None = None) -> QueryResult:
        """Run SPARQL; `limit` stops reading solutions (or triples) after that many."""
        try:
            result = self.dataset.query(
                laterals_as_joins(sparql), initNs={p: str(n) for p, n in PREFIXES.items()},
                initBindings={Variable(k): v for k, v in (bindings or {}).items()},
            )
            if result.type == "ASK":
                return QueryResult("ask", boolean=bool(result.askAnswer))
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                return QueryResult("construct", triples=tuple(islice(result.graph, limit)))
            variables = tuple(str(v) for v in result.vars)
            rows = tuple(tuple(row.asdict().get(name) for name in variables) for row in islice(result, limit))
        except Exception as err:  # rdflib raises pyparsing and other errors, some only while iterating
            raise QueryError(str(err)) from None
        return QueryResult("select", variables, rows)

    def serialise(self, fmt: str) -> str:
        return serialise(self.dataset, fmt)


class OxigraphStore:
    """Oxigraph (Rust, SPARQL 1.1), in memory or persistent in a folder."""

    backend = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store
        # The default graph alone, for queries that read no named graph (set by `from_file`, read by `answer`).
        self.default: ox.Store | None = None

    @classmethod
    def open(cls, path: Path | None = None, *, read_only: bool = False) -> "OxigraphStore":
        """In memory, or in a folder; read only lets several processes open the same folder."""
        if path is None:
            return cls(ox.Store())
        return cls(ox.Store.read_only(str(path)) if read_only else ox.Store(str(path)))

    @classmethod
    def from_dataset(cls, dataset: Dataset, path: Path | None = None) -> "OxigraphStore":
        return cls._loaded(dataset.serialize(format="nquads", encoding="utf-8"), ox.RdfFormat.N_QUADS, path)

    @classmethod
    def from_quads(cls, quads) -> "OxigraphStore":
        """An in-memory store of quads in Oxigraph terms, whose merge is also its default graph (as in
        what `kg build` writes)."""
        store = cls.open()
        store.store.bulk_extend(quads)
        store.store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        return store

    @classmethod
    def from_nquads(cls, path: Path, *, predicates: frozenset[str] | None = None) -> "OxigraphStore":
        """An in-memory store of an N-Quads file's statements, whose merge is also its default graph (as in
        what `kg build` writes); with `predicates`, only the statements with one of them."""
        keep = None if predicates is None else {ox.NamedNode(p) for p in predicates}
        store = cls.open()
        quads = ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
        store.store.bulk_extend(quads if keep is None else (q for q in quads if q.predicate in keep))
        # the merge inside the store: no second pass over the file, no Python objects (100x: 0.8 s, 3 s in Python)
        store.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return store

    @classmethod
    def from_file(cls, path: Path) -> "OxigraphStore":
        """A graph file read by Oxigraph's parser, without rdflib objects (1M triples: 11 s, where rdflib's
        parser and then Oxigraph took 83 s); a syntax error is a GraphFileError naming the file, line and
        column.

        A file with named graphs also gets its default graph in a store of its own. Oxigraph's in-memory
        store finds a subject's statements by walking all of them, in every graph: in what `kg build`
        writes, an entity's label in each document's graph and its facts in each sentence's graph. A query
        that reads only the default graph walks far fewer there, and gets the answer the whole store
        gives. (rdflib's store reads the union of the graphs as its default graph: on a file whose default
        graph is not that union, as `kg build` writes it, the two back ends differ.)
        """
        store = cls.open()
        store.store.bulk_extend(read_quads(path))
        if next(iter(store.store.named_graphs()), None) is not None:
            store.default = ox.Store()
            store.default.bulk_extend(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return store

    @classmethod
    def from_trig(cls, text: str | bytes, path: Path | None = None) -> "OxigraphStore":
        """A store holding a TriG text (what `kg build` wrote): Oxigraph's own parser, no rdflib objects."""
        return cls._loaded(text.encode("utf-8") if isinstance(text, str) else text, ox.RdfFormat.TRIG, path)

    @classmethod
    def _loaded(cls, data: bytes, fmt, path: Path | None) -> "OxigraphStore":
        """A store (emptied first, if it is a folder) holding `data`, read by Oxigraph's bulk loader."""
        store = cls.open(path)
        store.store.clear()
        store.store.bulk_load(data, format=fmt)
        store.store.flush()
        return store

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              limit: int | None = None) -> QueryResult:
        """Run SPARQL; `limit` stops reading solutions (or triples) after that many."""
        try:
            result, added = self.answer(sparql, bindings=bindings)
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            convert = FromOxigraph()
            if isinstance(result, ox.QueryTriples):
                return QueryResult("construct", triples=tuple(
                    (convert(t.subject), convert(t.predicate), convert(t.object)) for t in islice(result, limit)
                ))
            columns = [i for i, v in enumerate(result.variables) if v.value not in added]
            variables = tuple(result.variables[i].value for i in columns)
            rows = tuple(tuple(convert(solution[i]) for i in columns) for solution in islice(result, limit))
        except (SyntaxError, RuntimeError, ValueError, OSError) as err:
            raise QueryError(str(err)) from None
        return QueryResult("select", variables, rows)

    def answer(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None):
        """Oxigraph's own answer (solutions, triples or a boolean, read lazily) and the names added to the
        projection.

        Oxigraph substitutes only variables of the SELECT projection (SEP-0007),
        so a bound variable the query does not project is added to the
        projection (and GROUP BY) by name; `query` drops its column again.
        A query that reads no named graph runs on the default graph's own
        store, when there is one (`from_file`).
        """
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        sparql, added = project(sparql, bindings or {})
        store = self.store if self.default is None or reads_named_graphs(sparql) else self.default
        return store.query(sparql, prefixes={p: str(n) for p, n in PREFIXES.items()},
                           substitutions=substitutions), added

    def serialise(self, fmt: str) -> str:
        dataset = Dataset()
        dataset.parse(data=self.store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        return serialise(dataset, fmt)


Store = RdflibStore | OxigraphStore


def open_store(*, graph: Path | None = None, store_dir: Path | None = None, backend: str = "memory",
               read_only: bool = False) -> Store:
    """A graph file in the chosen back end, or a persistent Oxigraph folder (read only if asked)."""
    if store_dir is not None:
        if not Path(store_dir).is_dir():
            raise FileNotFoundError(f"{store_dir}: no such store folder (build one with `kg build --store oxigraph`)")
        if not (Path(store_dir) / "CURRENT").is_file():  # RocksDB's own file: not a folder to fill with one
            raise FileNotFoundError(f"{store_dir}: not an Oxigraph store folder (build one with "
                                    "`kg build --store oxigraph`)")
        return OxigraphStore.open(Path(store_dir), read_only=read_only)
    if backend == "oxigraph":
        return OxigraphStore.from_file(Path(graph))
    return RdflibStore(load_dataset(Path(graph)))
