"""One piece of work in a fresh Python process, started early and handed its input later.

After the RDF mapping a build has independent pure-Python work on the same
statements: rdflib's graph with SHACL validation, the network, and Turtle, TriG and
JSON-LD. Threads would take turns on one GIL. A forked child reads the parent's
objects in place, but the kernel counts every page it maps in its resident set:
at 100x the corpus each forked child added the parent's 1.4 GB to the build's
memory. A fresh interpreter holds only its own modules and what it reads: the
statements, from an N-Quads file the parent writes once.

The child is `python -m kg.spawned`, told which function to run by name, rather
than a `multiprocessing` "spawn" process: that one runs the parent's main script
again, so a user's script calling `kg.build.build` without an
`if __name__ == "__main__":` guard would start a build in every child.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import select
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")
_UNSET = object()
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)


class ChildFailed(RuntimeError):
    """The child process raised an error or ended without a result."""


class Inbox:
    """The messages a child is sent after its first one (`Child.send`), one line each, in order."""

    def __init__(self, fd: int | None = None, messages: list[str] | None = None) -> None:
        self._fd = fd
        self._buffer = b""
        self._messages = messages if messages is not None else []
        self._closed = fd is None

    def get(self, timeout: float | None = None) -> str | None:
        """The next message; None if none came within `timeout` seconds. Raises EOFError when the parent
        has sent its last."""
        while not self._messages:
            if self._closed:
                raise EOFError("no more messages")
            if not select.select([self._fd], [], [], timeout)[0]:
                return None
            data = os.read(self._fd, 1 << 16)
            if not data:
                self._closed = True
                continue
            *lines, self._buffer = (self._buffer + data).split(b"\n")
            self._messages.extend(line.decode("utf-8") for line in lines)
        return self._messages.pop(0)


class Child(Generic[T]):
    """`work(path)` in a child process started now, so that importing `work`'s module and running
    `prepare()` overlap the parent's own work; `give(path)` hands it its input, and calling the Child
    waits for the result and returns it (or raises `ChildFailed` with the child's traceback). `work`
    and `prepare` must be module-level functions, the result picklable.

    With `inbox=True` the work is `work(path, inbox)`: `send(path)` hands it its input and starts it, and
    what is sent after, up to `give`, it reads from the `Inbox` while it works.

    With `separate=False`, the work runs in this process when the result is first asked for.
    """

    def __init__(self, work: Callable[..., T], *, prepare: Callable[[], object] | None = None,
                 separate: bool = True, inbox: bool = False) -> None:
        self._work = work
        self._inbox = inbox
        self._sent: list[str] = []
        self._value: object = _UNSET
        self.separate = separate
        if separate:
            self._process = subprocess.Popen([sys.executable, "-m", "kg.spawned"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, env=_environment())
            header = {"path": sys.path, "work": _name(work), "prepare": _name(prepare) if prepare else None,
                      "inbox": inbox}
            self._send(json.dumps(header).encode("utf-8") + b"\n")

    def send(self, message: str | Path) -> None:
        """A message: the first is the path the work starts on; the child may read the others (`inbox=True`)."""
        if "\n" in str(message):
            raise ValueError("a message is one line")
        if self.separate:
            self._send(str(message).encode("utf-8") + b"\n")
        self._sent.append(str(message))

    def give(self, message: str | Path) -> None:
        """The last message (for a Child without an inbox, its input): the child starts working."""
        self.send(message)
        if self.separate:
            self._close_input()

    def __call__(self) -> T:
        if self._value is _UNSET:
            if not self.separate:
                if not self._sent:
                    raise ChildFailed("asked for the result before giving the input")
                path, *later = self._sent
                arguments = (Path(path), Inbox(messages=later)) if self._inbox else (Path(path),)
                self._value = self._work(*arguments)
            else:
                self._value = self._wait()
        return self._value  # type: ignore[return-value]

    def running(self) -> bool:
        """Whether the child process is still at work (or waiting for its input)."""
        if not self.separate or self._value is not _UNSET or self._process.poll() is not None:
            return False
        # a child that has begun to write its result (or its error) is done, even if a full pipe holds it
        return not select.select([self._process.stdout], [], [], 0)[0]

    def cancel(self) -> None:
        """Stop the child if its result was never asked for (another part of the work failed)."""
        if self.separate and self._value is _UNSET:
            self._process.kill()
            self._process.wait()
            self._close_input()
            self._process.stdout.close()

    def _send(self, data: bytes) -> None:
        try:
            self._process.stdin.write(data)
            self._process.stdin.flush()
        except OSError:  # the child has already ended: calling the Child reports why
            pass

    def _close_input(self) -> None:
        try:
            self._process.stdin.close()
        except OSError:
            pass

    def _wait(self) -> T:
        data = self._process.stdout.read()  # before wait(): a large result fills the pipe until it is read
        self._process.stdout.close()
        code = self._process.wait()
        try:
            ok, value = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError):  # nothing, or cut off: the child died writing it
            raise ChildFailed(f"the child process ended without a result (exit code {code})") from None
        if not ok:
            raise ChildFailed(value)
        return value


def _name(function: Callable) -> str:
    if "<" in function.__qualname__ or function.__module__ == "__main__":
        raise ValueError(f"{function!r}: a child process runs only module-level functions of importable modules")
    return f"{function.__module__}:{function.__qualname__}"


def _function(name: str) -> Callable:
    module, _, qualname = name.partition(":")
    found = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _environment() -> dict[str, str]:
    # this package importable in the child even from a checkout that is not installed
    paths = [_PACKAGE_PARENT] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _serve() -> None:
    """The child: read the header and the input path from stdin, write the pickled (ok, value) to stdout."""
    results = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever the work prints must not mix with the result
    inbox = Inbox(sys.stdin.fileno())  # read unbuffered, so that waiting on it with select() is sound
    try:
        header = json.loads(inbox.get())
        sys.path[:] = header["path"]
        work = _function(header["work"])
        if header["prepare"]:
            _function(header["prepare"])()
        try:
            path = Path(inbox.get())
        except EOFError:  # the parent gave up before giving the input
            return
        message = (True, work(path, inbox) if header["inbox"] else work(path))
    except Exception:
        message = (False, traceback.format_exc())
    try:
        data = pickle.dumps(message)
    except Exception:  # a result that cannot be pickled
        data = pickle.dumps((False, traceback.format_exc()))
    results.write(data)
    results.flush()


if __name__ == "__main__":
    _serve()
