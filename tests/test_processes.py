"""`careerpath serve` and `careerpath app` as a service manager sees them: a busy port is a
one-line message and exit 2; SIGTERM and SIGINT stop the real server and free its port."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def start(*args: str, **popen) -> subprocess.Popen:
    # -X faulthandler: a server that does not stop can be made to print every thread's stack
    return subprocess.Popen(
        [sys.executable, "-X", "faulthandler", "-m", "careerpath.graph.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
        text=True,
    )


def wait_until(check, limit: float = 90.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return False


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def exit_code(proc: subprocess.Popen, limit: float) -> int:
    """The process's exit code; if it has not ended within ``limit`` seconds, fail with every
    thread's stack (faulthandler prints them on SIGABRT), so a rare hang can be diagnosed."""
    try:
        return proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        pytest.fail(f"still running {limit:g} s after the signal; its stacks:\n{proc.stderr.read()[-6000:]}")


@pytest.fixture()
def busy_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.parametrize("command", ["serve", "app"])
def test_a_busy_port_is_one_line_and_exit_2(command, busy_port):
    done = subprocess.run(
        [sys.executable, "-m", "careerpath.graph.cli", command, "--port", str(busy_port)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: port {busy_port} on 127.0.0.1 is already in use; choose another with --port"
    ]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_cleanly_on_a_signal(sig):
    port = free_port()
    proc = start("serve", "--port", str(port))
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D")), proc.stderr
        proc.send_signal(sig)
        assert exit_code(proc, 30) == 0
        assert "Traceback" not in proc.stderr.read()
        assert not listening(port)
    finally:
        proc.kill()


def test_serve_stops_on_sigint_even_when_started_with_sigint_ignored():
    """A script's background job inherits SIGINT ignored (bash does that without job control);
    `kill -INT` must still stop the server."""
    port = free_port()
    proc = start("serve", "--port", str(port), preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D")), proc.stderr
        proc.send_signal(signal.SIGINT)
        assert exit_code(proc, 30) == 0
        assert not listening(port)
    finally:
        proc.kill()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_app_is_replaced_by_streamlit_and_stops_on_a_signal(sig):
    port = free_port()
    proc = start("app", "--port", str(port))
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/_stcore/health")), "the app did not start"
        proc.send_signal(sig)  # to the process we started: it must be Streamlit itself
        proc.wait(timeout=30)
        assert wait_until(lambda: not listening(port), limit=10), "Streamlit kept serving after the signal"
    finally:
        proc.kill()


def test_app_started_outside_the_checkout_serves_as_configured(tmp_path):
    """The repository's .streamlit/config.toml holds only where Streamlit starts in the checkout;
    `careerpath app` passes the same settings as flags, so an installed copy started from any
    folder hides the Deploy button and watches no source files either."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "careerpath.graph.cli", "app", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_until(lambda: answers(f"http://127.0.0.1:{port}/_stcore/health")), "the app did not start"
        # the process we started is Streamlit itself (execv): its command line is what it runs with
        argv = open(f"/proc/{proc.pid}/cmdline", "rb").read().split(b"\0")
        args = [a.decode() for a in argv if a]
        settings = {args[i]: args[i + 1] for i in range(len(args) - 1) if args[i].startswith("--")}
        assert settings["--client.toolbarMode"] == "viewer"
        assert settings["--server.fileWatcherType"] == "none"
        assert settings["--server.headless"] == "true"
    finally:
        proc.kill()
        proc.wait(timeout=30)
