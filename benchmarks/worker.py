"""One measurement, in a fresh process: `python -m benchmarks.worker TASK.json`.

The task (JSON) names what to measure; the worker writes its result as JSON
to the file named by the task's "result". Kinds:

- build:  `kg.build.build` on a corpus folder, as `kg build` runs it
- bare:   spaCy's `nlp.pipe` alone over the same texts, with the same model and process count
- sparql: every bundled query (queries/*.rq, with their declared defaults) on one back end
- shacl:  `kg.validate.validate` of a merged graph (N-Triples or Turtle)
"""

from __future__ import annotations

import json
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path


class Timeout(BaseException):
    """Not an Exception: rdflib and pySHACL catch Exception (a FILTER error is "false"), which would hide it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise Timeout in the main thread after `seconds` (interrupts pure-Python work such as rdflib's)."""
    if not seconds:
        yield
        return

    def alarm(_signum, _frame):
        raise Timeout()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _instrument(progress: Path, origin: float) -> None:
    """Log each call of the functions `kg.build.build` calls, with its start and end, to `progress` (JSON Lines),
    so a build stopped by the time limit still tells how far it got and where its time went."""
    import kg.build
    import kg.network

    handle = progress.open("a", encoding="utf-8", buffering=1)

    def wrap(module, name: str, label=None):
        inner = getattr(module, name)

        def timed(*args, **kwargs):
            begin = time.perf_counter() - origin
            what = label(args) if label else name
            handle.write(json.dumps({"call": what, "start": begin}) + "\n")
            value = inner(*args, **kwargs)
            handle.write(json.dumps({"call": what, "start": begin, "end": time.perf_counter() - origin}) + "\n")
            return value

        setattr(module, name, timed)

    for name in ("read_documents", "extract", "resolve", "write_nquads", "jsonl_dumps"):
        wrap(kg.build, name)
    # sorting the statements, then the three graph files: Turtle (also TriG's default graph), TriG's named
    # graphs, JSON-LD
    for name, fmt in (("sort_nquads", "sort"), ("turtle", "turtle"), ("write_trig_named", "trig"), ("jsonld", "jsonld")):
        wrap(kg.build, name, lambda args, fmt=fmt: f"serialise {fmt}")
    wrap(kg.network, "network_files")


def task_build(task: dict) -> dict:
    origin = time.perf_counter()
    from kg.build import BuildOptions, build

    imported = time.perf_counter() - origin
    if task.get("progress"):
        _instrument(Path(task["progress"]), origin)
    options = BuildOptions(out=Path(task["out"]), store=task.get("store", "memory"), n_process=task["n_process"],
                           progress=False, network=task.get("network", True), cache=task.get("cache", False))
    start = time.perf_counter()
    result = build([Path(p) for p in task["corpus"]], options=options)
    seconds = time.perf_counter() - start
    build_start = start - origin
    summary = result.summary
    return {
        "import_seconds": imported,
        "build_seconds": seconds,
        "build_start": build_start,
        "timings": result.timings,
        "up_to_date": result.up_to_date,
        "cache_hits": result.cache_hits,
        "exit_code": result.exit_code,
        "documents": summary.documents,
        "skipped": len(summary.skipped),
        "triples": summary.triples,
        "fact_triples": summary.fact_triples,
        "provenance_triples": summary.provenance_triples,
        "entities": sum(summary.entities.values()),
        "relations": sum(summary.relations.values()),
        "observations": summary.observations,
        "conforms": summary.conforms,
        "report": "" if summary.conforms else result.report_text[:4000],
    }


def task_bare(task: dict) -> dict:
    start = time.perf_counter()
    from kg.corpus import read_documents
    from kg.nlp.pipeline import load_model
    from kg.nlp.text import clean_for_nlp

    imported = time.perf_counter() - start
    start = time.perf_counter()
    corpus = read_documents([Path(p) for p in task["corpus"]])
    texts = [clean_for_nlp(d.text) for d in corpus.documents]
    read = time.perf_counter() - start
    start = time.perf_counter()
    nlp = load_model()
    load = time.perf_counter() - start
    n_process = task["n_process"]
    batch_size = task.get("batch_size") or max(1, min(8, -(-len(texts) // (n_process * 4))))
    tokens = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        tokens += len(doc)
    pipe = time.perf_counter() - start
    return {
        "import_seconds": imported,
        "read_seconds": read,
        "load_seconds": load,
        "pipe_seconds": pipe,
        "documents": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "tokens": tokens,
        "batch_size": batch_size,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "pipes": nlp.pipe_names,
    }


def _load(graph: Path, backend: str):
    """The graph file in a store of the back end: rdflib through the project's loader, Oxigraph in memory as
    `kg query` reads a file, on disk by its bulk loader."""
    if backend == "memory":
        from kg.files import load_dataset
        from kg.store import RdflibStore

        return RdflibStore(load_dataset(graph))
    from kg.store import OxigraphStore

    if backend == "oxigraph":  # in memory, as `kg query` and `kg serve` read a graph file
        return OxigraphStore.from_file(graph)
    # "oxigraph-disk": the persistent (RocksDB) store `kg build --store oxigraph` writes, in a temporary folder
    import atexit
    import shutil
    import tempfile

    from kg.files import FORMATS, format_of

    fmt = FORMATS[format_of(graph)][2]
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    atexit.register(shutil.rmtree, folder, True)
    store = OxigraphStore.open(folder)
    store.store.bulk_load(path=str(graph), format=fmt)
    return store


def _engine_query(store, sparql: str, bindings: dict):
    """Oxigraph alone: the same query, bindings and store as OxigraphStore.query, solutions read but not
    converted."""
    import pyoxigraph as ox

    result, _ = store.answer(sparql, bindings=bindings)
    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)


def task_sparql(task: dict) -> dict:
    start = time.perf_counter()
    from kg.query import bundled_queries, with_defaults

    imported = time.perf_counter() - start
    graph, backend = Path(task["graph"]), task["backend"]
    start = time.perf_counter()
    store = _load(graph, backend)
    loaded = time.perf_counter() - start
    out: dict = {"import_seconds": imported, "load_seconds": loaded, "queries": {}}
    if backend != "memory":
        out["quads"] = len(store)
    runs, limit = task.get("runs", 3), task.get("timeout", 60.0)
    wanted = task.get("queries")
    for name, sparql in bundled_queries().items():
        if wanted and name not in wanted:
            continue
        bindings = with_defaults(sparql, {})
        entry = {"seconds": [], "rows": None, "engine_seconds": [], "timeout": None, "error": ""}
        for _ in range(runs):
            begin = time.perf_counter()
            try:
                with time_limit(limit):
                    result = store.query(sparql, bindings=bindings)
            except Timeout:
                entry["timeout"] = limit
                break
            except Exception as err:  # a query that fails on this back end is a result too
                entry["error"] = f"{type(err).__name__}: {err}"[:300]
                break
            entry["seconds"].append(time.perf_counter() - begin)
            entry["rows"] = len(result.rows) if result.kind == "select" else len(result.triples)
            if entry["seconds"][-1] > task.get("repeat_below", float("inf")):
                break  # a slow query is run once: its time is known well enough
        if backend != "memory" and not entry["timeout"] and not entry["error"]:
            for _ in range(runs):
                begin = time.perf_counter()
                try:
                    with time_limit(limit):
                        _engine_query(store, sparql, bindings)
                except Timeout:
                    entry["engine_timeout"] = limit
                    break
                except Exception as err:
                    entry["engine_error"] = f"{type(err).__name__}: {err}"[:300]
                    break
                entry["engine_seconds"].append(time.perf_counter() - begin)
                if entry["engine_seconds"][-1] > task.get("repeat_below", float("inf")):
                    break
        out["queries"][name] = entry
    if task.get("write_turtle"):
        out["turtle"] = _write_turtle(store, backend, limit=task.get("write_timeout", 120.0))
    return out


def _write_turtle(store, backend: str, *, limit: float) -> dict:
    """Time to write the merged graph as Turtle: the project's rdflib serialiser, or Oxigraph's."""
    begin = time.perf_counter()
    try:
        with time_limit(limit):
            if backend == "memory":
                from kg.files import serialise

                size = len(serialise(store.dataset, "turtle"))
            else:
                import pyoxigraph as ox

                size = len(store.store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    except Timeout:
        return {"seconds": None, "timeout": limit}
    return {"seconds": time.perf_counter() - begin, "bytes": size}


def task_shacl(task: dict) -> dict:
    start = time.perf_counter()
    from rdflib import Graph

    from kg.validate import load_shapes, validate

    imported = time.perf_counter() - start
    graph = Path(task["graph"])
    start = time.perf_counter()
    data = Graph()
    data.parse(str(graph), format={".nt": "nt", ".ttl": "turtle"}[graph.suffix])
    loaded = time.perf_counter() - start
    load_shapes()
    out = {"import_seconds": imported, "load_seconds": loaded, "triples": len(data), "seconds": [],
           "timeout": None}
    for _ in range(task.get("runs", 1)):
        begin = time.perf_counter()
        try:
            with time_limit(task.get("timeout")):
                report = validate(data)
        except Timeout:
            out["timeout"] = task.get("timeout")
            break
        out["seconds"].append(time.perf_counter() - begin)
        out["conforms"] = report.conforms
        out["violations"] = len(report.violations)
    return out


TASKS = {"build": task_build, "bare": task_bare, "sparql": task_sparql, "shacl": task_shacl}


def main(argv: list[str]) -> int:
    task = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = TASKS[task["kind"]](task)
    Path(task["result"]).write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
