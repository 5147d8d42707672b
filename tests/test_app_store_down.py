"""The SPARQL page when its SPARQL server goes away after the app loaded (issue 12):
a message on the page, never a traceback. Real Oxigraph server, real app script (AppTest in its
own process, so the cached graph of other tests is not reused)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli
from tests.stores import OxigraphServer

PROBE = """
import json, os, signal, time
from streamlit.testing.v1 import AppTest
from tests.test_app import APP, SECTIONS
at = AppTest.from_file(APP, default_timeout=120)
at.switch_page(str(SECTIONS / "sparql.py"))
at.run()
first = [e.value for e in at.exception]
pid = int(os.environ["SERVER_PID"])
os.kill(pid, signal.SIGKILL)  # the server goes away
# SIGKILL lands asynchronously: until the process has exited (a zombie, its sockets closed), a
# connection can still be accepted and then reset, which is another message than "cannot reach".
for _ in range(600):
    try:
        with open(f"/proc/{pid}/status") as fh:
            if any(line.startswith("State:") and "Z" in line for line in fh):
                break
    except OSError:
        break
    time.sleep(0.05)
at.text_area(key="sparql_text").set_value("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
at.button(key="sparql_run").click()
at.run()
print(json.dumps({"first": first, "exceptions": [e.value for e in at.exception], "errors": [e.value for e in at.error]}))
"""


@pytest.mark.slow
def test_sparql_page_says_when_its_store_is_gone(tmp_path):
    server = OxigraphServer(tmp_path / "ox")
    try:
        loaded = run_cli("load", "--into", server.store_url)
        assert loaded.returncode == 0, loaded.stderr
        env = {
            **os.environ,
            "CAREERPATH_STORE": f"sparql:{server.query_url}",
            "SERVER_PID": str(server.process.pid),
            "CAREERPATH_CACHE": str(tmp_path / "cache"),
        }
        out = subprocess.run(
            [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
        )
    finally:
        server.stop()
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["first"] == []
    assert seen["exceptions"] == [], seen
    assert any("cannot reach the SPARQL server" in e for e in seen["errors"]), seen


def test_a_server_that_resets_the_connection_is_out_of_reach():
    """A SPARQL server that accepts the connection and then resets it (as one killed mid-request
    does) is "cannot reach", the same message as one that refuses it; a real socket, no mock."""
    import socket
    import struct
    import threading

    from careerpath.graph.loading.stores import RemoteStore, StoreError

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def reset_the_first() -> None:
        conn, _ = listener.accept()
        seen = b""
        while b"%7D" not in seen:  # the whole request, body included: the client is awaiting the answer
            seen += conn.recv(65536) or b"%7D"
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with RST
        conn.close()

    thread = threading.Thread(target=reset_the_first, daemon=True)
    thread.start()
    store = RemoteStore(f"http://127.0.0.1:{listener.getsockname()[1]}/sparql")
    try:
        with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
            store._post("ASK {}", "application/sparql-results+json", timeout=10)
    finally:
        thread.join(timeout=10)
        listener.close()
