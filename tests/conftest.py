"""Shared fixtures: the bundled corpus built once per test session."""

from __future__ import annotations

import pytest

from kg import settings
from kg.build import BuildOptions, build


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(BuildResult, output folder) of the bundled corpus, built once (no network drawings)."""
    out = tmp_path_factory.mktemp("build")
    result = build([settings.corpus_dir()], options=BuildOptions(out=out, progress=False, network=False))
    return result, out


@pytest.fixture(scope="session")
def built_network(tmp_path_factory):
    """(BuildResult, output folder) of the bundled corpus built as `kg build` does, with the network outputs."""
    out = tmp_path_factory.mktemp("build-network")
    result = build([settings.corpus_dir()], options=BuildOptions(out=out, progress=False))
    return result, out


@pytest.fixture(scope="session")
def free_port():
    """A function that finds a free TCP port on the loopback interface."""
    import socket

    def find() -> int:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    return find
