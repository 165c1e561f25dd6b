"""`python -m benchmarks`: measure the pipeline and write benchmarks/RESULTS.md and benchmarks/results.json.

    python -m benchmarks            the full run (1x, 10x, 100x; 3 runs, 100x once; 1M-triple graph)
    python -m benchmarks --quick    1x and 10x, 1 run each, a 100k-triple synthetic graph: to try it out
    python -m benchmarks --report   write RESULTS.md again from results.json, measuring nothing

Every figure is measured in a fresh process (see benchmarks/measure.py) and
every throughput is set beside bare spaCy `nlp.pipe` measured in the same run
on the same text, so figures from different machines or runs are compared as
ratios. RESULTS.md says what each figure means.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus as corpora
from benchmarks import measure, report
from benchmarks.synthetic import make_synthetic

HERE = Path(__file__).resolve().parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1x and 10x only, one run each, 100k-triple graph")
    parser.add_argument("--report", action="store_true", help="only write RESULTS.md from the JSON")
    parser.add_argument("--runs", type=int, help="runs of each figure (default 3; --quick 1)")
    parser.add_argument("--runs-100x", type=int, help="runs of the 100x build and bare parse (default 1)")
    parser.add_argument("--factors", type=str, help="corpus sizes, e.g. 1,10,100 (default; --quick 1,10)")
    parser.add_argument("--processes", type=int, default=2, help="NLP processes, for the build and bare parse (2)")
    parser.add_argument("--build-timeout", type=float, default=1200.0,
                        help="seconds after which a build is stopped and reported as not finished (1200)")
    parser.add_argument("--triples", type=int, help="size of the synthetic graph (default 1,000,000; --quick 100,000)")
    parser.add_argument("--query-timeout", type=float, default=30.0, help="seconds per SPARQL query run (30)")
    parser.add_argument("--shacl-timeout", type=float, default=900.0,
                        help="seconds for SHACL validation of the synthetic graph (900)")
    parser.add_argument("--skip", type=str, default="",
                        help="comma-separated sections to leave out: throughput,rebuild,sparql,shacl")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus variations and synthetic graph")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="results JSON (benchmarks/results.json)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="report (benchmarks/RESULTS.md)")
    parser.add_argument("--workdir", type=Path, help="where corpora, graphs and outputs go (a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--supplement", action="append", default=[], metavar="JSON=LABEL",
                        help="add a measured run (a benchmarks.measure.Run as JSON) to the report as a supplementary "
                             "figure, e.g. an uncapped 100x build")
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 3)
    args.runs_100x = args.runs_100x or 1
    args.factors = [int(f) for f in (args.factors or ("1,10" if args.quick else "1,10,100")).split(",")]
    args.triples = args.triples or (100_000 if args.quick else 1_000_000)
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    return args


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args = args
        self.work = work
        self.started = time.time()
        self.data: dict = {
            "version": 1,
            "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "command": "python -m benchmarks" + (" --quick" if args.quick else ""),
            "settings": {"quick": args.quick, "runs": args.runs, "runs_100x": args.runs_100x,
                         "factors": args.factors, "processes": args.processes, "build_timeout": args.build_timeout,
                         "triples": args.triples, "query_timeout": args.query_timeout,
                         "shacl_timeout": args.shacl_timeout, "seed": args.seed},
            "machine": measure.machine(),
            "corpora": {},
            "throughput": {},
            "rebuild": {},
            "sparql": {},
            "shacl": {},
        }

    def save(self) -> None:
        self.data["duration_seconds"] = time.time() - self.started
        self.args.json.write_text(json.dumps(self.data, indent=1, default=str) + "\n", encoding="utf-8")
        self.args.out.write_text(report.render(self.data), encoding="utf-8")

    def runs_for(self, factor: int) -> int:
        return self.args.runs_100x if factor >= 100 else self.args.runs

    # --- corpora ---------------------------------------------------------------------------------------

    def make_corpora(self) -> None:
        for factor in sorted(set(self.args.factors) | {10}):
            info = corpora.make_corpus(self.work / f"corpus-{factor}x", factor, seed=self.args.seed)
            self.data["corpora"][str(factor)] = {"folder": str(info.folder), "documents": info.documents,
                                                "words": info.words, "bytes": info.bytes}
            log(f"corpus {factor}x: {info.documents} documents, {info.words:,} words")

    # --- throughput, stages, memory ---------------------------------------------------------------------------

    def throughput(self) -> None:
        n = self.args.processes
        for factor in self.args.factors:
            folder = self.data["corpora"][str(factor)]["folder"]
            entry = self.data["throughput"].setdefault(str(factor), {"bare": [], "build": []})
            for i in range(self.runs_for(factor)):
                log(f"{factor}x run {i + 1}: bare nlp.pipe, {n} processes")
                bare = measure.run({"kind": "bare", "corpus": [folder], "n_process": n},
                                   timeout=self.args.build_timeout)
                entry["bare"].append(_slim(bare))
                self.save()
                out = self.work / f"out-{factor}x-{i}"
                log(f"{factor}x run {i + 1}: kg build, {n} processes, no cache")
                built = measure.run({"kind": "build", "corpus": [folder], "out": str(out), "n_process": n,
                                     "cache": False, "network": True}, timeout=self.args.build_timeout)
                entry["build"].append(_slim(built))
                self.save()
                log(f"  bare {bare.result.get('pipe_seconds', float('nan')):.1f} s parse; build "
                    + (f"{built.result.get('build_seconds', float('nan')):.1f} s" if built.ok else
                       f"not finished ({built.error[:80]!r})"))
                if factor == 10 and built.ok:
                    self.data["built_graph"] = str(out / "graph.trig")
                elif factor != 10 and i < self.runs_for(factor) - 1:
                    shutil.rmtree(out, ignore_errors=True)

    # --- re-builds ----------------------------------------------------------------------------------------

    def rebuild(self, factor: int = 10) -> None:
        n = self.args.processes
        folder = self.work / f"corpus-{factor}x-rebuild"
        out = self.work / f"out-{factor}x-rebuild"
        for made_before in (folder, out):  # in a work folder used before: its added document, its cache
            shutil.rmtree(made_before, ignore_errors=True)
        shutil.copytree(self.data["corpora"][str(factor)]["folder"], folder)
        entry = self.data["rebuild"] = {"factor": factor, "cold": None, "unchanged": [], "plus_one": []}
        task = {"kind": "build", "corpus": [str(folder)], "out": str(out), "n_process": n, "cache": True}
        log(f"re-build {factor}x: first build with the cache (cold)")
        entry["cold"] = _slim(measure.run(task, timeout=self.args.build_timeout))
        self.save()
        snapshot = self.work / f"out-{factor}x-rebuild-snapshot"
        shutil.rmtree(snapshot, ignore_errors=True)  # a work folder used before
        shutil.copytree(out, snapshot)
        for i in range(self.args.runs):
            log(f"re-build {factor}x, unchanged, run {i + 1}")
            entry["unchanged"].append(_slim(measure.run(task, timeout=self.args.build_timeout)))
            self.save()
        added = corpora.add_document(folder, factor, seed=self.args.seed)
        entry["added"] = added.name
        entry["added_words"] = len(added.read_text(encoding="utf-8").split())
        for i in range(self.args.runs):
            shutil.rmtree(out)
            shutil.copytree(snapshot, out)
            log(f"re-build {factor}x plus one document ({added.name}), run {i + 1}")
            entry["plus_one"].append(_slim(measure.run(task, timeout=self.args.build_timeout)))
            self.save()

    # --- SPARQL -----------------------------------------------------------------------------------------

    def synthetic(self) -> dict:
        if "synthetic" not in self.data:
            log(f"synthetic graph of about {self.args.triples:,} triples")
            start = time.perf_counter()
            info = make_synthetic(self.work / "synthetic.nq", self.args.triples, seed=self.args.seed,
                                  merged=self.work / "synthetic.nt")
            self.data["synthetic"] = {"nquads": str(info.path), "ntriples": str(info.merged),
                                      "documents": info.documents, "triples": info.triples, "quads": info.quads,
                                      "named_graphs": info.named_graphs, "classes": info.classes,
                                      "seconds": time.perf_counter() - start}
            self.save()
        return self.data["synthetic"]

    def sparql(self) -> None:
        graphs = {}
        if self.data.get("built_graph") and Path(self.data["built_graph"]).is_file():
            graphs["built-10x"] = self.data["built_graph"]
        graphs["synthetic"] = self.synthetic()["nquads"]
        for label, path in graphs.items():
            for backend in ("oxigraph", "oxigraph-disk", "memory"):
                log(f"SPARQL: every bundled query on {label} with {backend}")
                # rdflib on the big graph: one run per query (its queries take seconds to minutes)
                runs = 1 if (label == "synthetic" and backend == "memory") else self.args.runs
                result = measure.run({"kind": "sparql", "graph": path, "backend": backend, "runs": runs,
                                      "timeout": self.args.query_timeout, "repeat_below": 5.0,
                                      "write_turtle": True, "write_timeout": 120.0},
                                     timeout=self.args.query_timeout * 40 + 900)
                self.data["sparql"].setdefault(label, {})[backend] = _slim(result)
                self.save()

    # --- SHACL --------------------------------------------------------------------------------------------

    def shacl(self) -> None:
        synthetic = self.synthetic()
        log(f"SHACL: validation of the synthetic graph ({synthetic['triples']:,} triples)")
        result = measure.run({"kind": "shacl", "graph": synthetic["ntriples"], "runs": 1,
                              "timeout": self.args.shacl_timeout}, timeout=self.args.shacl_timeout + 600)
        self.data["shacl"]["synthetic"] = _slim(result)
        self.save()


def _slim(run: measure.Run) -> dict:
    data = run.as_dict()
    data.pop("task", None)
    data["error"] = data["error"][-1500:]
    return data


def _supplements(data: dict, items: list[str]) -> None:
    for item in items:
        path, _, label = item.partition("=")
        run = json.loads(Path(path).read_text(encoding="utf-8"))
        words = run.get("words")
        data.setdefault("supplementary", [])
        data["supplementary"] = [s for s in data["supplementary"] if s.get("label") != label]
        data["supplementary"].append({"label": label or path, "run": run, "words": words})


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.report:
        data = json.loads(args.json.read_text(encoding="utf-8"))
        _supplements(data, args.supplement)
        args.json.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")
        args.out.write_text(report.render(data), encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(args, work)
    _supplements(bench.data, args.supplement)
    log(f"work folder {work}; machine: {bench.data['machine']['cores']} cores, "
        f"{bench.data['machine']['memory_bytes'] / 2**30:.1f} GiB")
    try:
        bench.make_corpora()
        if "throughput" not in args.skip:
            bench.throughput()
        if "rebuild" not in args.skip:
            bench.rebuild()
        if "sparql" not in args.skip:
            bench.sparql()
        if "shacl" not in args.skip:
            bench.shacl()
        bench.data["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    finally:
        bench.save()
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    log(f"wrote {args.out} and {args.json} in {(time.time() - bench.started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
