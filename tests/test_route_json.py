"""Every route the planner returns, for every target and a dozen profiles, checked from its
``route --json`` document alone: each requirement is met by what the document says (held,
an earlier step, a member held or achieved earlier, or the profile's experience), the
timeline respects it, must-be-current steps come as late as their dependants allow, totals
and ranges are the sums of the steps, and routes come best first."""

from __future__ import annotations

import datetime

import pytest

from careerpath.graph.core import CareerGraph
from careerpath.graph.errors import NoRouteError
from careerpath.graph.presenting.route_json import route_json
from careerpath.graph.presenting.route_view import route_answer


def _lead(step: dict, req: dict, achieved: dict) -> float:
    """Months a step may start before the earlier step meeting ``req`` ends: a completing
    student's allowance (``completing_days``) of any condition that the same earlier step meets."""

    def earlier(r: dict) -> str | None:
        by = r["satisfied_by"]
        if by["how"] == "step":
            return by["id"]
        return achieved[by["id"]]["id"] if by["id"] in achieved else None

    met = {r["id"] for r in step["requires"] if earlier(r) is not None and earlier(r) == earlier(req)}
    days = [c.get("completing_days") or 0 for c in step.get("conditions", []) if c["requires"]["id"] in met]
    return max(days + [0]) / 30.44


def _route_json(cg, target, by, profile, routes):
    return route_json(route_answer(cg, target, by, profile, routes))


D = "https://w3id.org/careerpath/data/"
EPS = 1e-6

PROFILES = {
    "nothing": {},
    "diploma": {"have": ["high school diploma"]},
    "ged": {"have": ["GED"]},
    "diploma-1-year-ma": {"have": ["high school diploma"], "experience": {"medical assistant": 1}},
    "diploma-5-years-ma": {"have": ["high school diploma"], "experience": {"medical assistant": 5}},
    "graduate-2015": {
        "have": ["high school diploma", "Accredited medical assistant certificate or diploma program"],
        "dates": {"Accredited medical assistant certificate or diploma program": datetime.date(2015, 6, 1)},
    },
    "graduate-2026": {
        "have": ["high school diploma", "Accredited medical assistant certificate or diploma program"],
        "dates": {"Accredited medical assistant certificate or diploma program": datetime.date(2026, 5, 1)},
    },
    "coder-3-years": {"have": ["high school diploma"], "experience": {"medical coder": 3}},
    "military": {"have": ["high school diploma", "U.S. Armed Forces medical services training"]},
    "lpn": {"have": ["high school diploma"], "experience": {"licensed practical nurse": 2}},
    "diploma-in-washington": {"have": ["high school diploma"], "state": "WA"},
    "as-of-2021": {"have": ["high school diploma"], "as_of": datetime.date(2021, 6, 1)},
}
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(scope="module")
def cg():
    return CareerGraph.load()


def _targets(cg) -> list[str]:
    p = cg.projection
    return sorted(set(p.certifications) | {m for m in p.milestones if "/role/" in m})


def _close(a, b) -> bool:
    return abs(a - b) <= EPS


def verify(doc: dict, by: str) -> None:
    """Check one ``route --json`` document using nothing but the document."""
    have = {h["id"] for h in doc["profile"]["have"]}
    experience = {e["id"]: e["years"] for e in doc["profile"]["experience"]}
    keys = []
    for route in doc["routes"]:
        steps = route["steps"]
        achieved: dict[str, dict] = {}
        ids = [s["id"] for s in steps]
        assert len(set(ids)) == len(ids), "a step twice"
        for s in steps:
            start, end = s["start_month"], s["end_month"]
            assert start >= -EPS and _close(end, start + (s["months"] or 0.0)), s["id"]
            for figure, span in (("months", "months_range"), ("cost_usd", "cost_range")):
                if s[figure] is None:
                    assert s[span] is None, (s["id"], span)
                else:
                    assert s[span][0] - EPS <= s[figure] <= s[span][1] + EPS, (s["id"], span)
            assert s["source_weight"] in ("primary", "secondary", "weak", None)
            for req in s["requires"]:
                by_what = req["satisfied_by"]
                how, sid = by_what["how"], by_what["id"]
                if how == "held":
                    assert sid == req["id"] and sid in have, (s["id"], req)
                elif how == "experience":
                    assert sid in experience and experience[sid] > 0, (s["id"], req)
                elif how == "implied":  # a held role or credential whose every way in required it
                    assert sid in have or experience.get(sid, 0) > 0, (s["id"], req)
                elif how == "step":
                    earlier = achieved.get(req["id"])
                    assert earlier is not None and earlier["id"] == sid, (s["id"], req)
                    # a completing student may start up to completing_days before the program ends
                    assert earlier["end_month"] - _lead(s, req, achieved) <= start + 0.02, (s["id"], req)
                elif how == "member":
                    assert sid != req["id"], (s["id"], req)
                    if sid not in have:
                        earlier = achieved.get(sid)
                        assert earlier is not None, (s["id"], req)
                        assert earlier["end_month"] - _lead(s, req, achieved) <= start + 0.02, (s["id"], req)
                else:
                    raise AssertionError(f"unknown how {how!r}")
            if "conditions" in s:
                required = {r["id"] for r in s["requires"]}
                assert all(c["requires"]["id"] in required for c in s["conditions"]), s["id"]
            achieved.setdefault(s["achieves"]["id"], s)
        reached = route["reached_by"]
        if steps:  # the target is achieved by a step, or by a member (counts-as) achieved
            assert reached["how"] in ("step", "member")
            if reached["how"] == "step":
                assert achieved[doc["target"]["id"]]["id"] == reached["id"]
            else:
                assert reached["id"] in achieved or reached["id"] in have
        # A must-be-current step ends when the first step that needs it starts.
        for s in steps:
            if s["must_be_current"]:
                users = [
                    t["start_month"]
                    for t in steps
                    if any(r["satisfied_by"]["id"] in (s["id"], s["achieves"]["id"]) for r in t["requires"])
                ]
                if users:
                    assert _close(s["end_month"], min(users)), s["id"]
        total = route["total"]
        known_months = [s["months"] for s in steps if s["months"] is not None]
        known_cost = [s["cost_usd"] for s in steps if s["cost_usd"] is not None]
        assert total["steps"] == len(steps)
        assert _close(total["months"], sum(known_months)) and _close(total["cost_usd"], sum(known_cost))
        assert total["unknown_months"] == [s["id"] for s in steps if s["months"] is None]
        assert total["unknown_cost"] == [s["id"] for s in steps if s["cost_usd"] is None]
        for span in ("months_range", "cost_range"):
            ranges = [s[span] for s in steps if s[span] is not None]
            assert _close(total[span][0], sum(r[0] for r in ranges)), span
            assert _close(total[span][1], sum(r[1] for r in ranges)), span
        assert _close(total["elapsed_months"], max((s["end_month"] for s in steps), default=0.0))
        assert total["elapsed_months"] <= total["months"] + EPS
        for a, b in total["overlaps"]:
            sa, sb = next(s for s in steps if s["id"] == a), next(s for s in steps if s["id"] == b)
            assert max(sa["start_month"], sb["start_month"]) < min(sa["end_month"], sb["end_month"])
            # one full-time activity at a time: a full-time program or job never runs beside another
            assert "part-time" in (sa["commitment"], sb["commitment"]), (a, b)
        totals = {
            "steps": (0, len(steps)),
            "months": (len(total["unknown_months"]), total["elapsed_months"]),  # fastest: the soonest end
            "cost": (len(total["unknown_cost"]), total["cost_usd"]),
        }
        order = {"months": ("months", "cost", "steps"), "cost": ("cost", "months", "steps")}[by]
        keys.append(tuple(round(x, 6) for m in order for x in totals[m]))
    assert keys == sorted(keys), "routes not best first"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_route_verifies_from_its_json(cg, name):
    spec = PROFILES[name]
    profile = cg.profile(
        have=spec.get("have", ()),
        experience=spec.get("experience"),
        dates=spec.get("dates"),
        as_of=spec.get("as_of"),
        state=spec.get("state"),
    )
    checked = 0
    for target in _targets(cg):
        for by in ("months", "cost"):
            try:
                routes = cg.plan(profile, target, by=by, k=3)
            except NoRouteError:
                continue
            verify(_route_json(cg, target, by, profile, routes), by)
            checked += len(routes)
    assert checked > 0


def test_the_verifier_catches_a_broken_document(cg):
    """The verifier is not vacuous: a route whose step needs something met later fails it."""
    profile = cg.profile(have=["high school diploma"])
    doc = _route_json(cg, D + "cert/cma", "months", profile, cg.plan(profile, "CMA"))
    doc["routes"][0]["steps"].reverse()
    with pytest.raises(AssertionError):
        verify(doc, "months")
