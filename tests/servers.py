"""Starting a real server process for a test, waiting until it answers, and stopping it."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


@contextlib.contextmanager
def serving(command: list[str], *, ready: str, log: Path, name: str, timeout: float,
            params: dict | None = None, interval: float = 0.1) -> Iterator[subprocess.Popen]:
    """Run `command` (output to `log`) until the block ends; the block starts once GET `ready` answers 200."""
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            assert process.poll() is None, f"{name} exited:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"{name} did not answer:\n{log.read_text()}"
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(ready, params=params, timeout=2).status_code == 200:
                    break
            time.sleep(interval)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
