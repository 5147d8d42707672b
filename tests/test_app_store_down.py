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
