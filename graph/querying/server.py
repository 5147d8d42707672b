"""``careerpath serve``: a SPARQL 1.1 Protocol endpoint over the safe query service.

GET ``/sparql?query=...``, POST ``query=`` (form) or ``application/sparql-query``. Results by
content negotiation: SPARQL JSON, XML, CSV, TSV for SELECT and ASK; Turtle, N-Triples,
JSON-LD and RDF/XML for CONSTRUCT and DESCRIBE. An answer cut at the row cap (SELECT) or the
triple cap (CONSTRUCT, DESCRIBE) says so in the ``Careerpath-Truncated: true`` header (with
``Careerpath-Max-Rows`` or ``Careerpath-Max-Triples``) and, in SPARQL JSON, in a top-level
``"truncated": true``. Status codes: 400 malformed query or request (not UTF-8, too long,
malformed headers or body), 403 refused (an update, SERVICE, FROM), 404 and 405 for wrong
paths and methods, 406 and 415 for formats and bodies it cannot take, 408 for a body not sent
in time, 503 stopped at the time limit. Every error body is plain text that says what went
wrong, and never an exception's text.

The HTTP side is uvicorn (httptools' parser, in C): it refuses a malformed request line or
header, a bad, negative or duplicated ``Content-Length``, and a body both chunked and sized,
with a 400 before careerpath sees it. ``SparqlApp`` is a plain ASGI callable on top, which

- refuses a body over ``3 * MAX_QUERY_BYTES`` without keeping it: up to 8 MB it is read and
  dropped (the client then reads the 400, not a reset); a larger one, declared or chunked, is
  refused at once and the connection closed, so the rest is never read;
- gives the request line and headers ``head_seconds`` and the body the query's own time
  limit, then closes the connection (``_GuardedProtocol``); idle keep-alive connections close
  after ``keep_alive`` seconds;
- answers OPTIONS with a CORS preflight, 405 with a body and ``Allow``, and names no Python
  version in its ``Server`` header;
- runs each query on a thread of its own pool, with one deadline that starts when the request
  arrived: waiting for a thread and for a worker, parsing, running and writing all count;
- passes the caller's address to the store, which shares its workers fairly (``oxpool``).

rdflib-endpoint was the other way: its handler calls ``graph.query`` inside the event loop
with no time limit (one slow query blocks every client) and has no hook to refuse ``SERVICE``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import queue
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator

from ..errors import a_or_an
from ..loading.sparql import QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, QueryTooComplex
from .checks import MAX_QUERY_BYTES
from .service import QueryService

__all__ = ["SparqlApp", "make_server", "serve", "negotiate", "listen"]

_log = logging.getLogger("careerpath.serve")

_TABULAR = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
_GRAPH = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "rdfxml"),
]
SERVER_NAME = "careerpath-sparql"
MAX_BODY = 3 * MAX_QUERY_BYTES  # a URL-encoded form of the longest query
DRAIN = 8 * 1024 * 1024  # a refused body up to this size is read and dropped, a larger one cut off
_CORS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"Careerpath-Truncated, Careerpath-Max-Rows, Careerpath-Max-Triples"),
]


def negotiate(accept: str, form: str) -> tuple[str, str] | None:
    """Choose ``(content type, format)`` for a result ``form`` from an Accept header.

    Examples
    --------
    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", "SELECT")
    ('application/sparql-results+json', 'json')
    >>> negotiate("*/*", "CONSTRUCT")
    ('text/turtle', 'turtle')
    >>> negotiate("image/png", "SELECT") is None
    True
    """
    offers = _GRAPH if form in ("CONSTRUCT", "DESCRIBE") else _TABULAR
    wanted = []
    for i, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            wanted.append((-q, i, media.lower()))
    for _, _, media in sorted(wanted):
        for content_type, fmt in offers:
            if media in (content_type, "*/*") or (media.endswith("/*") and content_type.startswith(media[:-1])):
                return content_type, fmt
    return None


class _NotAcceptable(Exception):
    def __init__(self, form: str) -> None:
        self.form = form


class _Answer(Exception):
    """An HTTP answer decided early (an error): raised inside the app, sent by its handler."""

    def __init__(self, status: int, message: str, close: bool = False) -> None:
        self.status, self.message, self.close = status, message, close


class _DaemonExecutor(concurrent.futures.Executor):
    """A fixed pool of daemon threads: a query thread that is still running when the server
    stops never holds the process open (the standard pool's threads are joined at exit)."""

    def __init__(self, threads: int) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        for i in range(threads):
            threading.Thread(target=self._work, name=f"careerpath-query-{i}", daemon=True).start()

    def _work(self) -> None:
        while True:
            future, fn, args = self._jobs.get()
            if future is None:
                return
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args))
                except BaseException as err:  # noqa: BLE001 - handed to the awaiting request
                    future.set_exception(err)

    def submit(self, fn, /, *args, **kwargs):  # noqa: D102
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((future, fn, args))
        return future


class SparqlApp:
    """The SPARQL 1.1 Protocol as an ASGI application over a ``QueryService``.

    Parameters
    ----------
    service : QueryService
        Checks, runs and limits the queries.
    threads : int
        Queries run at once (each waits on a store's worker or runs rdflib in its thread).
    """

    def __init__(self, service: QueryService, threads: int = 64) -> None:
        self.service = service
        self.executor = _DaemonExecutor(threads)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return
        started = time.monotonic()
        try:
            status, headers, body = await self._handle(scope, receive, started)
        except _Answer as answer:
            status, headers, body = _error(answer)
        except Exception:  # the last line: a message, never an exception's text  # noqa: BLE001
            _log.exception("internal error answering %s %s", scope.get("method"), scope.get("path"))
            status, headers, body = _error(_Answer(500, "internal error: the query could not be answered"))
        headers += [(b"content-length", str(len(body)).encode()), *_CORS]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _handle(self, scope: dict, receive: Callable, started: float) -> tuple[int, list, bytes]:
        path = scope["path"]
        if path.rstrip("/") not in ("/sparql", "/query"):
            raise _Answer(404, f"not found: {path[:200]}; the SPARQL endpoint is /sparql")
        method = scope["method"]
        if method == "OPTIONS":
            return 204, _PREFLIGHT, b""
        if method in ("GET", "HEAD"):
            raw = scope["query_string"]
            if len(raw) > MAX_BODY:
                raise _Answer(400, f"the query is too long; the limit is {MAX_QUERY_BYTES:,} bytes")
            query = _from_params(_form(raw))
        elif method == "POST":
            query = await self._posted(scope, receive, started)
        else:
            raise _Answer(405, f"{method[:20]} is not allowed here: use GET, HEAD or POST (OPTIONS for CORS)")
        if query is None or not query.strip():
            raise _Answer(400, "no query: send query=... (GET or form POST) or an application/sparql-query body")
        accept = _header(scope, b"accept") or "*/*"
        client = scope.get("client") or ("?", 0)
        future = self.executor.submit(self._answer, query, accept, started, client[0])
        return await asyncio.wrap_future(future)

    def _answer(self, query: str | bytes, accept: str, started: float, client: str) -> tuple[int, list, bytes]:
        """Runs on a query thread: check, run and write the answer before the deadline."""
        chosen: dict[str, tuple[str, str]] = {}

        def choose(form: str) -> str:
            picked = negotiate(accept, form)
            if picked is None:
                raise _NotAcceptable(form)
            chosen["it"] = picked
            return picked[1]

        try:
            result = self.service.answer(query, choose, started=started, client=client)
        except _NotAcceptable as err:
            raise _Answer(406, f"cannot answer {a_or_an(err.form)} query as {accept[:200]}") from None
        except QuerySyntaxError as err:
            raise _Answer(400, str(err)) from None
        except QueryRefused as err:  # too long, too complex or not UTF-8: malformed, 400; the rest 403
            malformed = isinstance(err, QueryTooComplex) or "UTF-8" in str(err) or "bytes" in str(err)
            raise _Answer(400 if malformed else 403, str(err)) from None
        except QueryTimeout as err:
            raise _Answer(503, str(err)) from None
        except QueryError as err:
            raise _Answer(500, str(err)) from None
        content_type, _ = chosen["it"]
        charset = "" if "json" in content_type and "ld" not in content_type else "; charset=utf-8"
        headers = [(b"content-type", (content_type + charset).encode())]
        graph = result.form in ("CONSTRUCT", "DESCRIBE")
        if result.form != "ASK":  # whether the cap cut the answer, in every format
            cap = self.service.max_triples if graph else self.service.max_rows
            headers.append((b"careerpath-truncated", b"true" if result.truncated else b"false"))
            headers.append((b"careerpath-max-triples" if graph else b"careerpath-max-rows", str(cap).encode()))
        return 200, headers, result.body

    async def _posted(self, scope: dict, receive: Callable, started: float) -> str | bytes | None:
        content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            raise _Answer(403, "updates are refused: careerpath's SPARQL service is read-only")
        if content_type not in ("application/sparql-query", "application/x-www-form-urlencoded"):
            raise _Answer(415, "send application/sparql-query or application/x-www-form-urlencoded")
        body = await self._body(scope, receive, started)
        if content_type == "application/sparql-query":
            return body
        return _from_params(_form(body))

    async def _body(self, scope: dict, receive: Callable, started: float) -> bytes:
        """The request body, kept only while it stays under ``MAX_BODY`` and within the time limit.

        A body over the limit is refused: when it is at most ``DRAIN`` bytes, its rest is read and
        dropped first (so a client still sending it reads the 400 rather than a reset); a larger
        one, declared or chunked, is answered at once and the connection closed."""
        declared = _header(scope, b"content-length")
        too_long = f"the query is too long; the limit is {MAX_QUERY_BYTES:,} bytes"
        if declared is not None and int(declared) > DRAIN:  # httptools has checked it is a number
            raise _Answer(400, too_long, close=True)
        chunks, size = [], 0
        deadline = started + self.service.timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(deadline - time.monotonic(), 0.001))
            except TimeoutError:
                raise _Answer(408, "the request body did not arrive in time", close=True) from None
            if message["type"] == "http.disconnect":
                raise _Answer(400, "the client went away", close=True)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > DRAIN:
                raise _Answer(400, too_long, close=True)
            if size <= MAX_BODY:
                chunks.append(chunk)
            if not message.get("more_body", False):
                if size > MAX_BODY:
                    raise _Answer(400, too_long)
                return b"".join(chunks)


def _error(answer: _Answer) -> tuple[int, list, bytes]:
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    if answer.status == 405:
        headers.append((b"allow", b"GET, HEAD, POST, OPTIONS"))
    if answer.close:
        headers.append((b"connection", b"close"))
    return answer.status, headers, (answer.message.rstrip() + "\n").encode("utf-8")


_PREFLIGHT = [
    (b"access-control-allow-methods", b"GET, HEAD, POST, OPTIONS"),
    (b"access-control-allow-headers", b"Accept, Content-Type"),
    (b"access-control-max-age", b"86400"),
    (b"allow", b"GET, HEAD, POST, OPTIONS"),
]


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


def _form(raw: bytes) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(raw.decode("ascii"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise _Answer(400, "the query is not valid UTF-8 (or not URL-encoded)") from None


def _from_params(params: dict[str, list[str]]) -> str | None:
    """GET parameters and POSTed forms follow the same rules."""
    if "update" in params:
        raise _Answer(403, "updates are refused: careerpath's SPARQL service is read-only")
    return params.get("query", [None])[0]


# ---------------------------------------------------------------------- the HTTP server
def _guarded_protocol(head_seconds: float):
    """uvicorn's httptools protocol, with TCP_NODELAY and a deadline for each request's head."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class _GuardedProtocol(HttpToolsProtocol):
        """Closes a connection whose request line and headers have not all come within
        ``head_seconds`` of its opening or of the request's first byte (a slow or silent client
        holds no more than a socket for that long)."""

        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._arm()

        def _arm(self) -> None:
            self._disarm()
            self._head_timer = self.loop.call_later(head_seconds, self._head_late)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_late(self) -> None:
            self._head_timer = None
            if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
                self.transport.close()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._head_timer is None:
                self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return _GuardedProtocol


def listen(host: str, port: int, backlog: int = 4096) -> socket.socket:
    """A listening TCP socket (``SO_REUSEADDR``, the given backlog, capped by the kernel's
    ``somaxconn``). Raises ``OSError`` when the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_server(
    service: QueryService,
    *,
    threads: int = 64,
    keep_alive: float = 5.0,
    head_seconds: float = 10.0,
    max_connections: int = 2048,
    forwarded_allow_ips: str | None = None,
    access_log: bool = False,
):
    """A uvicorn server for ``SparqlApp(service)``; start it with ``run(server, sock)``."""
    import uvicorn

    config = uvicorn.Config(
        SparqlApp(service, threads=threads),
        http=_guarded_protocol(head_seconds),
        loop=_loop_name(),
        lifespan="off",
        interface="asgi3",
        timeout_keep_alive=max(int(keep_alive), 1),
        timeout_graceful_shutdown=2,
        limit_concurrency=max_connections,
        server_header=False,  # uvicorn's names itself; ours names no Python version either
        headers=[("server", SERVER_NAME)],
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
        access_log=access_log,
        log_level="info" if access_log else "warning",
    )

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            # SIGTERM and SIGINT stop the server, even where SIGINT was inherited ignored, and
            # are not raised again afterwards: the caller closes the store and exits 0.
            import signal

            def stop(signum, frame) -> None:
                self.should_exit = True

            previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

        async def shutdown(self, sockets=None) -> None:
            # Stop the store's workers first: the queries in flight end at once (503, the
            # server is stopping) instead of holding the shutdown until their time limit.
            close = getattr(service.store, "close", None)
            if close is not None:
                await asyncio.get_running_loop().run_in_executor(None, close)
            await super().shutdown(sockets)

    return Server(config)


def _loop_name() -> str:
    try:
        import uvloop  # noqa: F401

        return "uvloop"
    except ImportError:
        return "asyncio"


def serve(service: QueryService, host: str = "127.0.0.1", port: int = 7878, **options) -> None:
    """Serve until SIGTERM or SIGINT, then stop the store's workers; ``options`` go to
    ``make_server``. Raises ``OSError`` when the port is taken."""
    sock = listen(host, port)
    prepare = getattr(service.store, "prepare", None)
    try:
        if prepare is not None:  # workers loaded before the first request, not on its clock
            prepare()
        server = make_server(service, **options)
        print(
            f"careerpath SPARQL endpoint on http://{host}:{sock.getsockname()[1]}/sparql", file=sys.stderr, flush=True
        )
        server.run(sockets=[sock])
    finally:
        sock.close()
        close = getattr(service.store, "close", None)
        if close is not None:
            close()
