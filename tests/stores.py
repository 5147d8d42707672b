"""Real stores for tests: embedded Oxigraph and an Oxigraph server the fixture starts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {seconds} s")


def wait_for_port(port: int, seconds: float = 60.0) -> None:
    """Wait until something listens on 127.0.0.1:``port``, without sending it a request."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listened on port {port} within {seconds} s")


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        raise RuntimeError("the oxigraph server is not installed: pip install oxigraph")
    return found


class Served:
    """A server the tests start as a subprocess, and stop."""

    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class OxigraphServer(Served):
    """``oxigraph serve`` on 127.0.0.1, in a temporary folder, stopped on exit."""

    def __init__(self, folder: Path, timeout_s: int = 5) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                oxigraph_binary(),
                "serve",
                "--location",
                str(folder),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout-s",
                str(timeout_s),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for(f"{self.base}/query?query=ASK%7B%7D")

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"


class CareerpathServer(Served):
    """``careerpath serve`` as a real subprocess on 127.0.0.1."""

    def __init__(
        self, timeout: float = 2.0, env: dict | None = None, *, warm: bool = True, max_rows: int | None = None
    ) -> None:
        """``warm=False`` waits for the port only, so the server's parser has not yet run."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "careerpath.graph", "serve", "--port", str(self.port), "--timeout", str(timeout)]
            + (["--max-rows", str(max_rows)] if max_rows else []),
            stdout=subprocess.DEVNULL,
            stderr=tempfile.TemporaryFile(),  # its request log: a pipe nobody reads would fill and block it
            env=env or os.environ.copy(),
            cwd=Path(__file__).resolve().parents[1],
        )
        if warm:
            wait_for(self.url + "?query=ASK%7B%7D")
        else:
            wait_for_port(self.port)
