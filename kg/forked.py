"""One piece of work in a forked child process, beside the parent's own.

After the RDF mapping a build has independent pure-Python work on the same
statements (rdflib's graph with SHACL validation; the network; Turtle, TriG and
JSON-LD), the first two each in a child. Threads would take turns on one GIL, and
a process pool would pickle the statements to send them; a forked child reads
them where they are (copy-on-write) and sends back only its result.
"""

from __future__ import annotations

import gc
import multiprocessing
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
_UNSET = object()


class ChildFailed(RuntimeError):
    """The child process raised an error or ended without a result."""


class Beside(Generic[T]):
    """`work()` started in a forked child; calling this waits for its result and returns it (or raises
    `ChildFailed` with the child's traceback). The result must be picklable.

    With `fork=False`, or where the platform cannot fork, `work` runs in this process when the result
    is first asked for (`forked` is then False).
    """

    def __init__(self, work: Callable[[], T], *, fork: bool = True) -> None:
        self._work = work
        self._value: object = _UNSET
        self.forked = fork and "fork" in multiprocessing.get_all_start_methods()
        if self.forked:
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._child = context.Process(target=_run, args=(work, send), daemon=True)
            self._child.start()
            send.close()

    def __call__(self) -> T:
        if self._value is _UNSET:
            self._value = self._wait() if self.forked else self._work()
        return self._value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child if its result was never asked for (another part of the work failed)."""
        if self.forked and self._value is _UNSET:
            if self._child.is_alive():
                self._child.terminate()
            self._child.join()
            self._receive.close()

    def _wait(self) -> T:
        try:
            ok, value = self._receive.recv()  # before join(): a large result fills the pipe until it is read
        except EOFError:
            self._child.join()
            raise ChildFailed(f"the child process ended without a result (exit code {self._child.exitcode})") from None
        finally:
            self._receive.close()
        self._child.join()
        if not ok:
            raise ChildFailed(value)
        return value


def _run(work: Callable[[], object], send) -> None:
    # the inherited objects are never garbage here: keep the collector from walking (and so copying) them
    gc.freeze()
    try:
        message = (True, work())
    except Exception:
        message = (False, traceback.format_exc())
    try:
        send.send(message)
    except Exception:  # a result that cannot be pickled
        send.send((False, traceback.format_exc()))
    send.close()
