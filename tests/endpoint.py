"""Helpers for the endpoint's hostile tests and benchmark: a real ``careerpath serve`` started
with any options and store, raw HTTP over a socket, an ASK timed from another client, and
the memory a process tree holds."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Response:
    """What came back on a raw connection: ``status`` None when the server closed it first."""

    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0
    closed: bool = False


def _read_response(sock: socket.socket, deadline: float) -> Response:
    data = b""
    while b"\r\n\r\n" not in data:
        sock.settimeout(max(deadline - time.monotonic(), 0.01))
        try:
            chunk = sock.recv(65536)
        except (TimeoutError, ConnectionResetError):
            return Response(None, closed=True)
        if not chunk:
            return Response(None, closed=True)
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        sock.settimeout(max(deadline - time.monotonic(), 0.01))
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return Response(status, headers, body)


def raw(port: int, data: bytes, seconds: float = 30.0) -> Response:
    """Send ``data`` as it is on a new connection and read one response."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as sock:
        sock.sendall(data)
        out = _read_response(sock, start + seconds)
    out.seconds = time.monotonic() - start
    return out


def closed_after(port: int, data: bytes, seconds: float) -> float | None:
    """Send ``data`` and wait up to ``seconds`` for the server to close the connection;
    the seconds it took, or None if it was still open."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as sock:
        if data:
            sock.sendall(data)
        while time.monotonic() - start < seconds:
            sock.settimeout(max(seconds - (time.monotonic() - start), 0.01))
            try:
                if not sock.recv(65536):
                    return time.monotonic() - start
            except TimeoutError:
                return None
            except ConnectionResetError:
                return time.monotonic() - start
    return None


def get(port: int, query: str, *, source: str = "127.0.0.1", accept: str = "application/sparql-results+json"):
    """GET a query from ``source`` (any 127.x address is this machine); (status, seconds, body)."""
    start = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120, source_address=(source, 0))
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, time.monotonic() - start, body


def ask_seconds(port: int, source: str = "127.0.0.99") -> float:
    """How long an ASK takes from another client."""
    status, seconds, _ = get(port, "ASK { ?s ?p ?o }", source=source)
    assert status == 200, status
    return seconds


def quiet_ask_seconds(port: int, runs: int = 7) -> float:
    """The median ASK on an idle server, here and now (what the tests' limits derive from)."""
    for _ in range(2):
        ask_seconds(port)
    return sorted(ask_seconds(port) for _ in range(runs))[runs // 2]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Serve:
    """``careerpath serve`` as a real subprocess on 127.0.0.1, with any options and store."""

    def __init__(self, *options: str, store: str | None = None, timeout: float = 3.0, ready: float = 120.0) -> None:
        env = {**os.environ}
        if store:
            env["CAREERPATH_STORE"] = store
        # A free port can be taken by another test worker's server before this one binds it:
        # then this server exits (a busy port, exit 2) while the other answers on the port, so
        # readiness is this process saying it listens (it binds first) and an ASK answered,
        # and a lost port is tried again.
        for _attempt in range(5):
            self.port = free_port()
            self.log = tempfile.TemporaryFile()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "careerpath.graph", "serve", "--port", str(self.port), "--timeout", str(timeout)]
                + list(options),
                stdout=subprocess.DEVNULL,
                stderr=self.log,
                env=env,
                cwd=ROOT,
            )
            end = time.monotonic() + ready
            while time.monotonic() < end and self.process.poll() is None:
                try:
                    if "SPARQL endpoint on" in self.stderr() and get(self.port, "ASK {}")[0] == 200:
                        return
                except OSError:
                    pass
                time.sleep(0.2)
            if self.process.poll() != 2:  # not a lost port: a real failure
                break
        self.stop()
        raise RuntimeError(f"careerpath serve did not answer within {ready} s: {self.stderr()[-500:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")
