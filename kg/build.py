"""The pipeline, stage by stage: read -> extract -> resolve -> RDF -> validate -> write.

Everything is computed before anything is written, and each file is written
atomically, so a failed or interrupted build leaves the previous output whole.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg import children, collector
from kg.cache import ExtractionCache, pipeline_version
from kg.corpus import ReadOptions, read_documents
from kg.files import Staged, atomic_write
from kg.jsonl import dumps as jsonl_dumps
from kg.model import CLASSES, PREDICATES, Resolution
from kg.nlp.extract import ExtractOptions, extract
from kg.rdf.jsonld import jsonld
from kg.rdf.mapping import Counts, write_nquads
from kg.rdf.writer import LinesReader, sort_nquads, turtle, write_trig_named
from kg.resolve import resolve
from kg.settings import PIECE_TRIPLES, ROOT, ontology_dir, queries_dir
from kg.spawned import Child

EXIT_OK, EXIT_NOT_CONFORMING, EXIT_SKIPPED, EXIT_NOTHING = 0, 1, 3, 4


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    store: str = "memory"  # or "oxigraph": also load output/store/
    n_process: int = 1
    progress: bool = True
    network: bool = True
    cache: bool = True  # reuse extractions of unchanged documents; skip the build if nothing changed


@dataclass(frozen=True)
class Summary:
    documents: int
    skipped: tuple[str, ...]
    entities: dict[str, int]
    relations: dict[str, int]
    observations: int
    triples: int
    fact_triples: int
    provenance_triples: int
    conforms: bool

    def table(self) -> str:
        rows = [("documents", self.documents), ("skipped", len(self.skipped))]
        rows += [(f"entities: {c}", n) for c, n in self.entities.items()]
        rows += [("entities (all)", sum(self.entities.values()))]
        rows += [(f"relations: {p}", n) for p, n in self.relations.items()]
        rows += [("relations (all)", sum(self.relations.values())), ("observations", self.observations)]
        rows += [("triples (merged graph)", self.triples), ("fact triples", self.fact_triples),
                 ("provenance triples", self.provenance_triples),
                 ("provenance per fact triple", f"{self.provenance_triples / max(self.fact_triples, 1):.2f}"),
                 ("conforms to SHACL shapes", "yes" if self.conforms else "NO")]
        width = max(len(label) for label, _ in rows)
        lines = [f"| {'item'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
        lines += [f"| {label.ljust(width)} | {value} |" for label, value in rows]
        return "\n".join(lines)


@dataclass(frozen=True)
class BuildResult:
    summary: Summary
    report_text: str
    errors: tuple[str, ...]
    written: tuple[Path, ...]
    timings: dict[str, float] = field(default_factory=dict)
    up_to_date: bool = False  # nothing changed since the last build: nothing was redone
    cache_hits: int = 0

    @property
    def exit_code(self) -> int:
        if self.summary.documents == 0:
            return EXIT_NOTHING
        if not self.summary.conforms:
            return EXIT_NOT_CONFORMING
        return EXIT_SKIPPED if self.errors else EXIT_OK


def run_extraction(paths: list[Path], *, n_process: int = 1) -> tuple[Resolution, tuple[str, ...]]:
    """Read, extract and resolve: (the resolution, the skipped inputs)."""
    corpus = read_documents(paths)
    extractions = extract(corpus, options=ExtractOptions(n_process=n_process))
    return resolve(extractions), tuple(str(e) for e in corpus.errors)


def extract_jsonl(paths: list[Path]) -> tuple[str, tuple[str, ...]]:
    """The `kg extract` output (JSON Lines) and the skipped inputs."""
    resolution, errors = run_extraction(paths)
    return jsonl_dumps(resolution), errors


def build(paths: list[Path], *, options: BuildOptions) -> BuildResult:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    corpus = read_documents(paths, options=ReadOptions(skip=options.out))
    lap("read")
    errors = tuple(str(e) for e in corpus.errors)
    if not corpus.documents:
        summary = Summary(0, errors, {}, {}, 0, 0, 0, 0, False)
        return BuildResult(summary, "", errors, (), timings)
    cache = ExtractionCache(options.out / ".cache" / "extractions") if options.cache else None
    fingerprint = _fingerprint(corpus, cache, options)
    last = _last_build(options.out)
    previous = _up_to_date(options, fingerprint, last)
    if previous is not None:
        lap("check")
        return BuildResult(previous, "", errors, (), timings, up_to_date=True)
    earlier_files = set(last.get("files", []))
    # With several processes allowed, SHACL validation and the network each run in a child process beside
    # the graph files (the stages after the parse use every core). The children are started now, so that
    # their imports overlap the parse, and read the statements from files later.
    separate = options.n_process > 1
    checked = Child(children.checked, prepare=children.prepare_checking, separate=separate, inbox=True)
    drawn = Child(children.drawn, prepare=children.prepare_drawing, separate=separate) if options.network else None
    staged = Staged(options.out)
    try:
        extractions = extract(corpus, options=ExtractOptions(n_process=options.n_process), cache=cache,
                              progress=_progress(len(corpus.documents)) if options.progress else None)
        lap("nlp")
        resolution = resolve(extractions)
        del extractions
        lap("resolve")
        with collector.paused(), tempfile.TemporaryDirectory(prefix="kg-build-") as tmp:
            # the statements go to a file as they are made, and from it to the children and the graph files:
            # no step holds them in more than one form (the build's memory is its largest step)
            statements = Path(tmp) / "statements.nq"
            statements.touch()  # (there for the SHACL child to open before the mapping writes it)
            checked.send(statements)
            # the SHACL child reads the statements while they are written: into one graph, or split for pieces
            pieces = Path(tmp) / "pieces"  # (where the child puts them, and the plan this process may help with)
            split = _fewest_statements(resolution) > PIECE_TRIPLES
            if split:
                pieces.mkdir()
            checked.send(f"{children.SPLIT}{pieces}" if split else children.FOLLOW)
            counts = write_nquads(resolution, statements)
            checked.send(f"{children.WHOLE}{statements.stat().st_size}")
            if drawn is not None:
                drawn.give(statements)
            lap("rdf")
            written_timings = _graph_files(statements, staged)
            start = time.perf_counter()
            staged.put("extraction.jsonl", jsonl_dumps(resolution).encode("utf-8"))
            written_timings["serialise"] += time.perf_counter() - start
            if drawn is not None:  # first: the network child then ends, and its memory is free for a piece
                drawn_files, drawn_seconds = drawn()
            if split:
                start = time.perf_counter()
                helped = pieces / "helped.pickle"
                if checked.separate:  # this process, now free, validates pieces the child has not begun
                    from kg.pieces import help_validate

                    atomic_write(helped, pickle.dumps(help_validate(pieces, waiting=checked.running)))
                    written_timings["shacl"] = time.perf_counter() - start
                checked.give(f"{children.HELPED}{helped if checked.separate else ''}")
            else:
                checked.give("")  # (nothing more to say)
            conforms, report_text, files, checked_timings = checked()
            if drawn is not None:
                files.update(drawn_files)
                checked_timings["network"] = drawn_seconds
        lap("wait")
        busy = written_timings | ({} if checked.separate else checked_timings)
        timings["wait"] = max(0.0, timings["wait"] - sum(busy.values()))
        for stage, seconds in (*written_timings.items(), *checked_timings.items()):
            timings[stage] = timings.get(stage, 0.0) + seconds
        summary = _summary(resolution, errors, counts, conforms)
        files["summary.md"] = summary.table() + "\n"
        files["summary.json"] = json.dumps(_summary_json(summary), indent=1, sort_keys=True) + "\n"
        for name, data in files.items():
            staged.put(name, data)
        written = staged.commit()
    finally:
        staged.discard()
        for child in (checked, drawn):
            if child is not None:
                child.cancel()
    if options.store == "oxigraph":
        from kg.store import OxigraphStore

        OxigraphStore.from_trig((options.out / "graph.trig").read_bytes(), options.out / "store")
        written.append(options.out / "store")
    names = sorted(p.name for p in written)
    _remove_stale(options.out, earlier_files, set(names))
    # written last: a build stopped before this point is not taken for an up-to-date one
    atomic_write(options.out / ".cache" / "build.json",
                 json.dumps({"fingerprint": fingerprint if cache is not None else None, "files": names}, indent=1))
    lap("write")
    return BuildResult(summary, report_text, errors, tuple(written), timings,
                       cache_hits=cache.hits if cache is not None else 0)


def _graph_files(statements: Path, staged: Staged) -> dict[str, float]:
    """Turtle, TriG and JSON-LD of the statements (an N-Quads file), each staged as soon as it is made: seconds."""
    start = time.perf_counter()
    lines = sort_nquads(statements)
    turtle_text = turtle(lines)
    staged.put("graph.ttl", turtle_text)
    with staged.open("graph.trig") as handle:
        handle.write(turtle_text)
        del turtle_text
        write_trig_named(lines, handle)
    staged.put("graph.jsonld", jsonld(LinesReader(lines.merged_lines(release=True))))  # the last to read them
    return {"serialise": time.perf_counter() - start}


def _fewest_statements(resolution: Resolution) -> int:
    """At least this many statements in the merged graph: each mention's node has six of its own
    (`kg.rdf.mapping`), so a corpus with many mentions is known to be validated in pieces before it is mapped."""
    return 6 * len({(m.doc, m.start, m.end) for e in resolution.entities for m in e.mentions})


def _fingerprint(corpus, cache, options: BuildOptions) -> str:
    """What a build's output depends on: the documents, the whole code and data of the project, the options."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "kg").rglob("*.py")) + sorted(ontology_dir().glob("*.ttl")) + sorted(queries_dir().glob("*.rq")):
        digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
        digest.update(path.read_bytes())
    digest.update(pipeline_version().encode())
    for document in corpus.documents:
        digest.update((cache.key(document) if cache else document.sha256).encode())
    digest.update("\n".join(str(e) for e in corpus.errors).encode())
    digest.update(f"{options.network}{options.store}".encode())
    return digest.hexdigest()


def _last_build(out: Path) -> dict:
    """What the last build in `out` recorded: its fingerprint and the files (and store folder) it wrote."""
    try:
        state = json.loads((out / ".cache" / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _remove_stale(out: Path, previous: set[str], current: set[str]) -> None:
    """What the last build wrote and this one did not (the network after --no-network, the store after a build
    without it): left in place, it would pass for this build's."""
    for name in sorted(previous - current):
        path = out / name
        if "/" in name or name.startswith("."):
            continue
        if path.is_dir():
            shutil.rmtree(path)
        elif path.is_file():
            path.unlink()


def _up_to_date(options: BuildOptions, fingerprint: str, state: dict) -> Summary | None:
    """The previous build's summary when nothing it depends on has changed and its files are all there."""
    if not options.cache or not state:
        return None
    try:
        data = json.loads((options.out / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = [f for f in state.get("files", []) if f != "store"]
    if state.get("fingerprint") != fingerprint or not all((options.out / f).is_file() for f in files):
        return None
    if options.store == "oxigraph" and not (options.out / "store" / "CURRENT").is_file():
        return None
    return Summary(data["documents"], tuple(data["skipped"]), data["entities"], data["relations"],
                   data["observations"], data["triples"], data["fact_triples"], data["provenance_triples"],
                   data["conforms"])


def _summary(resolution: Resolution, errors, counts: Counts, conforms: bool) -> Summary:
    entities = Counter(e.cls for e in resolution.entities)
    relations = Counter(f.predicate for f in resolution.facts)
    return Summary(
        documents=len(resolution.documents),
        skipped=errors,
        entities={c: entities.get(c, 0) for c in CLASSES},
        relations={p: relations.get(p, 0) for p in PREDICATES},
        observations=len(resolution.figures),
        triples=counts.triples,
        fact_triples=counts.fact_triples,
        provenance_triples=counts.provenance_triples,
        conforms=conforms,
    )


def _summary_json(summary: Summary) -> dict:
    return {
        "documents": summary.documents,
        "skipped": list(summary.skipped),
        "entities": summary.entities,
        "relations": summary.relations,
        "observations": summary.observations,
        "triples": summary.triples,
        "fact_triples": summary.fact_triples,
        "provenance_triples": summary.provenance_triples,
        "conforms": summary.conforms,
    }


def _progress(total: int):
    from tqdm import tqdm

    bar = tqdm(total=total, desc="documents", unit="doc", file=sys.stderr, disable=total < 2 or not sys.stderr.isatty())

    def step(_document) -> None:
        bar.update(1)
        if bar.n >= total:
            bar.close()

    return step
