"""Python's cyclic garbage collector, paused while many long-lived objects are made."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """The cyclic garbage collector off: while millions of terms and statements are made, it would walk them
    again and again (a third of the RDF mapping's time, of building a graph for pySHACL) and find no cycle
    to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
