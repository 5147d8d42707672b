"""Follow-ups to the issue 10 audit: the possible errors listed at the end of docs/audit.md.

Each corrected fact is pinned through the public API: the ``careerpath`` command line (its JSON
output, run in a subprocess), the Python library, or SPARQL on the loaded graph. None of these
tests reads the Turtle text.
"""

from __future__ import annotations

import datetime
import json

from tests.conftest import D, run_cli

RMA_DISAGREEMENT = "RMA experience route: 5 of 7 years or 3 of 7 years?"


def _show(name: str) -> dict:
    result = run_cli("show", name, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _facts(data: dict, prop: str) -> list[str]:
    return [f["value"] for f in data["facts"] if f["property"] == prop]


# ---------------------------------------------------------------------- 1. RMA rule dates
def test_rma_disagreement_describes_the_evidence_dates_not_a_2022_switch():
    (resolution,) = _facts(_show(RMA_DISAGREEMENT), "resolution")
    assert "before 2022" not in resolution
    assert "2021-01-01" in resolution and "2026-01-01" in resolution
    assert "in force?" in resolution and "offered both" in resolution


def test_rma_disagreement_dates_match_the_routes(sparql):
    ((until,),) = sparql("SELECT ?d WHERE { route:rma-experience-5-of-7 cp:evidencedUntil ?d }")
    ((start,),) = sparql("SELECT ?d WHERE { route:rma-experience cp:evidencedFrom ?d }")
    ((resolution,),) = sparql(f"SELECT ?r WHERE {{ <{D}disagreement/rma-experience-years> cp:resolution ?r }}")
    assert until.isoformat() in resolution and start.isoformat() in resolution


def test_rma_between_the_dates_both_rules_are_offered_as_the_resolution_says(cg):
    """The resolution's account holds in the planner: in 2023 either rule may qualify, each marked."""
    when = datetime.date(2023, 6, 1)
    old = cg.eligible(cg.profile(have=["high school diploma"], experience={"medical assistant": 5}, as_of=when))
    (rma,) = [e for e in old.eligible if e.id == D + "cert/rma"]
    assert rma.via[0] == D + "route/rma-experience-5-of-7" and rma.note
