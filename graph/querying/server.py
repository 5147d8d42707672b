"""``careerpath serve``: a SPARQL 1.1 Protocol endpoint over the safe query service.

GET ``/sparql?query=...``, POST ``query=`` (form) or ``application/sparql-query``. Results by
content negotiation: SPARQL JSON, XML, CSV, TSV for SELECT and ASK; Turtle, N-Triples and
JSON-LD for CONSTRUCT and DESCRIBE. A SELECT answer cut at the row cap says so in the
``Careerpath-Truncated: true`` header (with ``Careerpath-Max-Rows``) and, in SPARQL JSON, in a
top-level ``"truncated": true``. Status codes: 400 malformed query (or not UTF-8, or too
long), 403 refused (an update, SERVICE, FROM), 503 stopped at the time limit, 500 other
failures, 404 and 405 for wrong paths and methods. Every error body is plain text that says
what went wrong.

Written on the standard library's threading HTTP server rather than rdflib-endpoint, whose
handler runs ``graph.query`` with no time limit, inside the event loop (one slow query
blocks every other), decodes bodies without handling bad UTF-8, and offers no hook for the
refusal rules above.
"""

from __future__ import annotations

import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import (
    MAX_QUERY_BYTES,
    QueryError,
    QueryRefused,
    QueryService,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooComplex,
)

__all__ = ["make_server", "serve", "negotiate"]

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
    ("application/rdf+xml", "xml"),
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
        wanted.append((-q, i, media.lower()))
    for _, _, media in sorted(wanted):
        for content_type, fmt in offers:
            if media in (content_type, "*/*") or (media.endswith("/*") and content_type.startswith(media[:-1])):
                return content_type, fmt
    return None


class _Handler(BaseHTTPRequestHandler):
    service: QueryService  # set by make_server
    server_version = "careerpath-sparql/0.1"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(
        self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8", headers: dict | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"))

    def _path_ok(self) -> bool:
        path = urllib.parse.urlsplit(self.path).path
        if path.rstrip("/") not in ("/sparql", "/query"):
            self._error(404, f"not found: {path}; the SPARQL endpoint is /sparql")
            return False
        return True

    def _answer(self, query: bytes | str | None) -> None:
        if query is None or (isinstance(query, (str, bytes)) and not query.strip()):
            self._error(400, "no query: send query=... (GET or form POST) or an application/sparql-query body")
            return
        try:
            result = self.service.run(query)
        except QuerySyntaxError as err:
            self._error(400, str(err))
            return
        except QueryRefused as err:  # too long, too complex or not UTF-8: malformed, 400; the rest 403
            malformed = isinstance(err, QueryTooComplex) or "UTF-8" in str(err) or "bytes" in str(err)
            status = 400 if malformed else 403
            self._error(status, str(err))
            return
        except QueryTimeout as err:
            self._error(503, str(err))
            return
        except QueryError as err:
            self._error(500, str(err))
            return
        chosen = negotiate(self.headers.get("Accept", "*/*"), result.form)
        if chosen is None:
            self._error(406, f"cannot answer a {result.form} query as {self.headers.get('Accept')}")
            return
        content_type, fmt = chosen
        try:
            body = result.serialize(fmt)
        except QueryError as err:
            self._error(500, str(err))
            return
        charset = "" if "json" in content_type and "ld" not in content_type else "; charset=utf-8"
        headers = {}
        if result.form == "SELECT":  # whether the row cap cut the answer, in every format
            headers["Careerpath-Truncated"] = "true" if result.truncated else "false"
            headers["Careerpath-Max-Rows"] = str(self.service.max_rows)
            headers["Access-Control-Expose-Headers"] = "Careerpath-Truncated, Careerpath-Max-Rows"
        self._send(200, body, content_type + charset, headers)

    def handle_one_request(self) -> None:
        # The last line of defence of a server: an unexpected failure answers 500 with a
        # message and is logged here, instead of dropping the connection.
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as err:  # noqa: BLE001
            import traceback

            traceback.print_exc(file=sys.stderr)
            try:
                self._error(500, f"internal error: {type(err).__name__}: {err}")
            except OSError:
                self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if not self._path_ok():
            return
        raw = urllib.parse.urlsplit(self.path).query
        if len(raw) > 3 * MAX_QUERY_BYTES:
            self._error(400, f"the query is too long; the limit is {MAX_QUERY_BYTES:,} bytes")
            return
        try:
            params = urllib.parse.parse_qs(raw, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            self._error(400, "the query is not valid UTF-8")
            return
        self._answer_params(params)

    def _answer_params(self, params: dict[str, list[str]]) -> None:
        # GET parameters and POSTed forms follow the same rules
        if "update" in params:
            self._error(403, "updates are refused: careerpath's SPARQL service is read-only")
            return
        self._answer(params.get("query", [None])[0])

    do_HEAD = do_GET  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        if not self._path_ok():
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > 3 * MAX_QUERY_BYTES:
            self.rfile.read(length)
            self._error(400, f"the query is too long; the limit is {MAX_QUERY_BYTES:,} bytes")
            return
        body = self.rfile.read(length)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type == "application/sparql-query":
            self._answer(body)
        elif content_type == "application/sparql-update":
            self._error(403, "updates are refused: careerpath's SPARQL service is read-only")
        elif content_type == "application/x-www-form-urlencoded":
            try:
                params = urllib.parse.parse_qs(body.decode("ascii"), keep_blank_values=True, errors="strict")
            except (UnicodeDecodeError, ValueError):
                self._error(400, "the form is not valid URL-encoded UTF-8")
                return
            self._answer_params(params)
        else:
            self._error(415, "send application/sparql-query or application/x-www-form-urlencoded")

    def _not_allowed(self) -> None:
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD, POST")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815


def make_server(service: QueryService, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """A threading HTTP server answering the SPARQL 1.1 Protocol at ``/sparql``."""
    handler = type("Handler", (_Handler,), {"service": service})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(service: QueryService, host: str = "127.0.0.1", port: int = 7878) -> None:
    """Serve until interrupted."""
    server = make_server(service, host, port)
    print(f"careerpath SPARQL endpoint on http://{host}:{server.server_port}/sparql", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
