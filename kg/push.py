"""`kg push`: upload the graph to a triple store with the SPARQL 1.1 Graph Store Protocol.

One named graph (`?graph=IRI`) or the default graph (`?default`) is sent as
Turtle; without either, the whole dataset (named graphs and default graph) is
sent as N-Quads to the graph store URL itself, as Oxigraph and others accept.
PUT replaces what is there, POST (`append`) adds to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx

from kg.files import load_dataset, serialise

TURTLE = "text/turtle"
NQUADS = "application/n-quads"


class PushError(RuntimeError):
    """The store refused the upload or could not be reached."""


@dataclass(frozen=True)
class PushResult:
    method: str
    url: str
    status: int
    reason: str
    statements: int  # triples or quads sent
    target: str  # "graph <IRI>", "default graph" or "dataset"

    def text(self) -> str:
        return (f"pushed {self.statements} {'quads' if self.target == 'dataset' else 'triples'} to the "
                f"{self.target} at {self.url} ({self.method}: {self.status} {self.reason})")


def push(*, endpoint: str, file: Path, graph: str | None = None, default: bool = False, append: bool = False,
         timeout: float = 120.0) -> PushResult:
    """Upload `file` to the Graph Store Protocol `endpoint`; raises PushError when refused or unreachable."""
    if graph and default:
        raise ValueError("choose a named graph or the default graph, not both")
    if graph and not httpx.URL(graph).is_absolute_url:
        raise ValueError(f"{graph!r}: a graph name must be an absolute IRI")
    dataset = load_dataset(Path(file))
    try:
        url = httpx.URL(endpoint)
    except httpx.InvalidURL as err:
        raise PushError(f"{endpoint!r}: not a URL ({err})") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise PushError(f"{endpoint!r}: not an http(s) URL")
    if graph:
        body, media, target = serialise(dataset, "turtle"), TURTLE, f"graph <{graph}>"
        url = url.copy_merge_params({"graph": graph})
    elif default:
        body, media, target = serialise(dataset, "turtle"), TURTLE, "default graph"
        url = url.copy_with(query=(url.query + b"&default") if url.query else b"default")
    else:
        body, media, target = serialise(dataset, "nquads"), NQUADS, "dataset"
    statements = _count(dataset, whole=target == "dataset")
    method = "POST" if append else "PUT"
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            response = client.request(method, url, content=body.encode("utf-8"),
                                      headers={"Content-Type": media, "Accept": "*/*"})
    except httpx.TimeoutException:
        raise PushError(f"{method} {url}: no answer within {timeout:g} s") from None
    except httpx.TransportError as err:
        raise PushError(f"cannot reach {url}: {err or type(err).__name__}") from None
    if not response.is_success:
        detail = response.text.strip()
        raise PushError(f"{method} {url} was refused: {response.status_code} {response.reason_phrase}"
                        + (f"\n{detail[:2000]}" if detail else ""))
    return PushResult(method, str(url), response.status_code, response.reason_phrase, statements, target)


def _count(dataset, *, whole: bool) -> int:
    if whole:
        return sum(1 for _ in dataset.quads((None, None, None, None)))
    from kg.files import merged_graph

    return len(merged_graph(dataset))  # what serialise(dataset, "turtle") writes
