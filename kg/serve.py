"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the graph.

Each query runs in a worker process (spawned) that holds the store; a query
over the time limit is stopped by terminating its worker, which is replaced.
Updates are refused. Parameters named `$name` are bound as variables, never
put into the query text.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import queue
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from urllib.parse import parse_qsl

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.sparql import operation, uses_service

MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
         "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ntriples": "application/n-triples",
         "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}
# Per kind of result: `format` parameter values and Accept aliases -> format; the first format is the default.
FORMATS = {
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv",
               "application/json": "json", "application/xml": "xml", "text/xml": "xml"},
    "ask": {"json": "json", "xml": "xml", "application/json": "json", "application/xml": "xml", "text/xml": "xml"},
    "construct": {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
                  "n-triples": "ntriples", "rdfxml": "rdfxml", "xml": "rdfxml", "rdf": "rdfxml", "rdf+xml": "rdfxml",
                  "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "application/json": "jsonld",
                  "text/n3": "turtle", "text/rdf+n3": "turtle", "application/x-turtle": "turtle",
                  "text/plain": "ntriples", "application/xml": "rdfxml", "text/xml": "rdfxml"},
}
KIND = {"select": "select", "ask": "ask", "construct": "construct", "describe": "construct", None: "select"}
MAX_BODY = 1 << 20


class HttpError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Source:
    """Where the workers load the store from."""

    graph: Path | None = None
    store_dir: Path | None = None
    backend: str = "oxigraph"


# --- worker processes ---------------------------------------------------------------------


def _exit_with(parent: int) -> None:
    """In the worker: exit when the server process is gone, even in the middle of a query."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _worker_main(conn, source: Source) -> None:
    """In the worker process: load the store once, then answer jobs until told to stop."""
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    import rdflib.plugins.sparql

    from kg.query import format_result
    from kg.store import QueryError, open_store

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM <file:...> or <http:...> must not read anything

    try:
        store = open_store(graph=source.graph, store_dir=source.store_dir, backend=source.backend, read_only=True)
    except Exception as err:  # noqa: BLE001 - reported to the server, which fails to start
        conn.send(("failed", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        sparql, bindings, fmt, max_rows = job
        try:
            result = store.query(sparql, bindings=bindings, limit=max_rows + 1)
            count = {"select": len(result.rows), "construct": len(result.triples)}.get(result.kind)
            truncated = count is not None and count > max_rows
            if truncated:
                result = replace(result, rows=result.rows[:max_rows], triples=result.triples[:max_rows])
            if fmt not in FORMATS[result.kind].values():
                fmt = next(iter(FORMATS[result.kind].values()))
            conn.send(("ok", fmt, format_result(result, fmt), count if not truncated else max_rows, truncated))
        except QueryError as err:
            conn.send(("bad", str(err)))
        except Exception as err:  # noqa: BLE001
            conn.send(("failed", f"{type(err).__name__}: {err}"))


class QueryTimeout(Exception):
    pass


class WorkerError(Exception):
    pass


class _Worker:
    def __init__(self, context, source: Source):
        self._context, self._source = context, source
        self._process = self._conn = None
        self._ready = False

    def start(self) -> None:
        self._conn, child = self._context.Pipe()
        self._process = self._context.Process(target=_worker_main, args=(child, self._source),
                                              name="kg-serve-worker", daemon=True)
        self._process.start()
        child.close()
        self._ready = False

    def wait_ready(self, timeout: float = 600) -> int:
        if self._process is None:
            self.start()
        if not self._conn.poll(timeout):
            self.stop()
            raise WorkerError("the store did not load in time")
        try:
            message = self._conn.recv()
        except EOFError:
            message = ("failed", "the worker process exited while loading the store")
        if message[0] != "ready":
            self.stop()
            raise WorkerError(message[1])
        self._ready = True
        return message[1]

    def run(self, job: tuple, timeout: float) -> tuple:
        if self._process is not None and not self._process.is_alive():
            self.stop()  # died while idle: start afresh rather than fail this query
        if not self._ready:
            self.wait_ready()
        self._conn.send(job)
        if not self._conn.poll(timeout):
            self.stop()  # the only way to stop a running rdflib or Oxigraph query
            raise QueryTimeout()
        try:
            return self._conn.recv()
        except EOFError:
            self.stop()
            raise WorkerError("the worker process died while answering (out of memory?)") from None

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join(5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._conn.close()
        self._process = self._conn = None
        self._ready = False


class Workers:
    """A fixed number of worker processes, each answering one query at a time."""

    def __init__(self, source: Source, *, size: int, timeout: float):
        context = multiprocessing.get_context("spawn")
        self.timeout = timeout
        self._workers = [_Worker(context, source) for _ in range(max(size, 1))]
        self._idle: queue.Queue[_Worker] = queue.Queue()

    def start(self) -> int:
        """Start every worker and wait until each holds the store; the number of quads."""
        for worker in self._workers:
            worker.start()
        sizes = [worker.wait_ready() for worker in self._workers]
        for worker in self._workers:
            self._idle.put(worker)
        return sizes[0]

    def run(self, job: tuple) -> tuple:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise HttpError(503, f"busy: every worker is answering another query (tried for {self.timeout:g} s)")
        try:
            return worker.run(job, self.timeout)
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()


# --- HTTP -------------------------------------------------------------------------------


def choose_format(kind: str, *, accept: str = "", formats: list[str] = ()) -> str:
    """The result format: the first known `format` parameter value if any, else the best match for Accept."""
    names = FORMATS[kind]
    if formats:
        by_name = names | {MEDIA[f]: f for f in names.values()}
        chosen = next((by_name[f.strip().lower()] for f in formats if f.strip().lower() in by_name), None)
        if chosen is None:
            raise HttpError(400, f"format {formats[0]!r} is not available for {kind.upper()} results; "
                                 f"use one of {', '.join(sorted(set(names.values())))}")
        return chosen
    ranges = []
    for index, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.lower().startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(param[2:])
        if media and q > 0:
            ranges.append((-q, index, media.lower()))
    if not ranges:
        return next(iter(names.values()))
    by_media = {MEDIA[f]: f for f in names.values()} | {k: v for k, v in names.items() if "/" in k}
    for _, _, media in sorted(ranges):
        if media == "*/*":
            return next(iter(names.values()))
        if media.endswith("/*"):
            match = next((f for m, f in by_media.items() if m.startswith(media[:-1])), None)
        else:
            match = by_media.get(media)
        if match:
            return match
    raise HttpError(406, f"none of the accepted types ({accept}) is available for {kind.upper()} results; "
                         f"available: {', '.join(sorted({MEDIA[f] for f in names.values()}))}")


async def _parameters(request: Request) -> list[tuple[str, str]]:
    """The protocol parameters of a GET or POST request (URL query string, form or direct body)."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    media, *options = [p.strip() for p in request.headers.get("content-type", "").split(";")]
    media = media.lower()
    charset = next((o.split("=", 1)[1].strip('"').lower() for o in options if o.lower().startswith("charset=")),
                   "utf-8")
    if media == "application/sparql-update":
        raise HttpError(403, "this endpoint is read only: SPARQL Update is not allowed")
    if media not in ("application/sparql-query", "application/x-www-form-urlencoded"):
        raise HttpError(415, f"unsupported Content-Type {media or '(none)'!r}: POST a query as "
                             "application/sparql-query or application/x-www-form-urlencoded")
    if charset not in ("utf-8", "utf8"):
        raise HttpError(415, f"unsupported charset {charset!r}: send UTF-8")
    try:
        body = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the request body is not valid UTF-8") from None
    if media == "application/sparql-query":
        return params + [("query", body)]
    return params + parse_qsl(body, keep_blank_values=True)


def _bindings(params: list[tuple[str, str]]) -> dict:
    from kg.query import BindingError, parse_binding

    try:
        return dict(parse_binding(f"{name[1:]}={value}") for name, value in params if name.startswith("$"))
    except BindingError as err:
        raise HttpError(400, f"bad binding: {err}") from None


def create_app(*, source: Source, timeout: float = 30.0, max_rows: int = 10_000, workers: int = 2) -> Starlette:
    """The endpoint (`/sparql`, also `/` with a `query`) and the query page (`/`)."""
    pool = Workers(source, size=workers, timeout=timeout)

    async def sparql(request: Request) -> Response:
        try:
            params = await _parameters(request)
            if any(name == "update" for name, _ in params):
                raise HttpError(403, "this endpoint is read only: SPARQL Update is not allowed")
            queries = [value for name, value in params if name == "query"]
            if len(queries) != 1:
                raise HttpError(400, "pass exactly one `query` parameter (GET or form POST) or POST the query "
                                     "as application/sparql-query" + (f"; got {len(queries)}" if queries else ""))
            if any(name in ("default-graph-uri", "named-graph-uri") for name, _ in params):
                raise HttpError(400, "default-graph-uri and named-graph-uri are not supported: "
                                     "use FROM or GRAPH in the query")
            text = queries[0]
            form = operation(text)
            if form == "update":
                raise HttpError(403, "this endpoint is read only: SPARQL Update "
                                     "(INSERT, DELETE, LOAD, CLEAR, ...) is not allowed")
            if uses_service(text):
                raise HttpError(400, "federated queries (SERVICE) are not allowed on this endpoint")
            fmt = choose_format(KIND[form], accept=request.headers.get("accept", ""),
                                formats=[v for k, v in params if k == "format" and v])
            job = (text, _bindings(params), fmt, max_rows)
            try:
                answer = await anyio.to_thread.run_sync(pool.run, job)
            except QueryTimeout:
                raise HttpError(503, f"query stopped: it ran longer than the time limit of {timeout:g} s "
                                     "(kg serve --timeout)") from None
            except WorkerError as err:
                raise HttpError(500, f"query failed: {err}") from None
        except HttpError as err:
            return PlainTextResponse(str(err) + "\n", status_code=err.status)
        if answer[0] == "bad":
            return PlainTextResponse(f"query error: {answer[1]}\n", status_code=400)
        if answer[0] != "ok":
            return PlainTextResponse(f"query failed: {answer[1]}\n", status_code=500)
        _, fmt, body, rows, truncated = answer
        headers = {"Vary": "Accept"} | ({"X-Result-Count": str(rows)} if rows is not None else {})
        if truncated:
            headers["X-SPARQL-MaxRows"] = str(max_rows)
        return Response(body, media_type=MEDIA[fmt] + "; charset=utf-8", headers=headers)

    page = _page(timeout=timeout, max_rows=max_rows)

    async def index(request: Request) -> Response:
        if request.method == "POST" or "query" in request.query_params or "update" in request.query_params:
            return await sparql(request)
        nonce = secrets.token_urlsafe(16)
        return HTMLResponse(page(nonce), headers={
            "Content-Security-Policy": f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
                                       "connect-src 'self'; base-uri 'none'; form-action 'self'",
        })

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await anyio.to_thread.run_sync(pool.start)
        try:
            yield
        finally:
            pool.close()

    return Starlette(routes=[Route("/", index, methods=["GET", "POST"]),
                             Route("/sparql", sparql, methods=["GET", "POST"])],
                     lifespan=lifespan, max_body_size=MAX_BODY)


def serve(*, graph: Path | None = None, store_dir: Path | None = None, backend: str = "oxigraph",
          host: str = "127.0.0.1", port: int = 7070, timeout: float = 30.0, max_rows: int = 10_000,
          workers: int = 2) -> None:
    """Serve until interrupted; raises FileNotFoundError or GraphFileError before starting."""
    import uvicorn

    from kg.files import check_syntax

    if store_dir is not None:
        if not Path(store_dir).is_dir():
            raise FileNotFoundError(f"{store_dir}: no such store folder (build one with `kg build --store oxigraph`)")
    else:
        check_syntax(Path(graph))
    app = create_app(source=Source(graph=graph, store_dir=store_dir, backend=backend), timeout=timeout,
                     max_rows=max_rows, workers=workers)
    where = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    print(f"SPARQL endpoint {where}/sparql (read only; limits: {timeout:g} s, {max_rows} rows); "
          f"query page {where}/", file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        print(f"warning: listening on {host}, not only on loopback: anyone who reaches it can query the graph",
              file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


# --- the query page ------------------------------------------------------------------------


def _page(*, timeout: float, max_rows: int):
    """The query page as a function of the script nonce (one substitution pass: data is never re-read)."""
    from kg.query import bundled_queries, describe, parameters, term_text

    examples = {name: {"text": text, "about": describe(text),
                       "params": {p: term_text(d) for p, (d, _) in parameters(text).items()}}
                for name, text in bundled_queries().items()}
    options = "".join(f'<option value="{escape(n)}">{escape(n)}: {escape(e["about"][:90])}</option>'
                      for n, e in examples.items())
    data = json.dumps(examples, ensure_ascii=False).replace("<", "\\u003c")
    page = (Path(__file__).parent / "static" / "sparql.html").read_text(encoding="utf-8")
    values = {"options": options, "examples": data, "limits": escape(f"{timeout:g} s and {max_rows} rows per query")}

    def render(nonce: str) -> str:
        return re.sub(r"\{(options|examples|limits|nonce)\}", lambda m: (values | {"nonce": nonce})[m.group(1)], page)

    return render
