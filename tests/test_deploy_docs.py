"""docs/deploy/ points at the right ports and paths (issue 18 item 3): careerpath serve answers on
/sparql at the port its unit gives, and an app pointed at a SPARQL server names a path that
server answers on."""

from __future__ import annotations

import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[1] / "docs" / "deploy"


def test_the_sparql_unit_and_the_proxy_agree_on_the_port_and_path():
    unit = (DEPLOY / "careerpath-sparql.service").read_text()
    port = re.search(r"careerpath serve .*--port (\d+)", unit).group(1)
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert f"proxy_pass http://127.0.0.1:{port}/sparql" in nginx


def test_the_app_unit_points_at_a_path_its_server_answers_on():
    unit = (DEPLOY / "careerpath-app.service").read_text()
    sparql_port = re.search(r"--port (\d+)", (DEPLOY / "careerpath-sparql.service").read_text()).group(1)
    for url in re.findall(r"CAREERPATH_STORE=sparql:(\S+)", unit):
        host_port, path = re.match(r"https?://([^/]+)(/\S*)", url).groups()
        if host_port.endswith(f":{sparql_port}"):
            assert path == "/sparql", url  # careerpath serve
        else:
            assert path == "/query", url  # an Oxigraph server
