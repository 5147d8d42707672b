"""The eligibility-window audit: each corrected fact pinned through the public API or the CLI.

A graduate's routes are checked against the time since graduation (NCMA current student and
graduate routes, NHA CCMA and CMAA program routes, AMT's RMA education route, AAMA's CMA
categories); the CCA route for someone with only a diploma includes preparing for the exam;
the medical assistant apprenticeship costs the apprentice nothing because it is a paid job.
"""

from __future__ import annotations

import datetime
import json

import pytest

from tests.conftest import run_cli

D = "https://w3id.org/careerpath/data/"
HS = "high school diploma"
PROGRAM = "medical assisting diploma program"  # the accredited certificate or diploma program
AS_OF = datetime.date(2026, 11, 1)


def _graduate(cg, graduated: datetime.date, *, as_of: datetime.date = AS_OF):
    return cg.profile(have=[HS, PROGRAM], dates={HS: datetime.date(2010, 6, 1), PROGRAM: graduated}, as_of=as_of)


def _via(eligibility) -> dict[str, str]:
    return {e.id: e.via[0] for e in eligibility.eligible}


def _not_yet(eligibility) -> dict[str, str]:
    return {e.id: e.via[0] for e in eligibility.not_yet}


# ---------------------------------------------------------------------- NCMA (NCCT)
def test_a_2019_graduate_is_not_an_ncma_current_student(cg):
    """Seven years after graduating: neither the current-student route nor the 5-year graduate route."""
    e = cg.eligible(_graduate(cg, datetime.date(2019, 6, 1)))
    assert D + "cert/ncma" not in _via(e)
    # what is left is work: two years as a medical assistant within the last five
    assert _not_yet(e)[D + "cert/ncma"] == D + "route/ncma-experience"


def test_the_2019_graduate_through_the_cli():
    result = run_cli("eligible", "--have", f"{HS}@2010-06", "--have", f"{PROGRAM}@2019-06", "--as-of", "2026-11-01")
    assert result.returncode == 0, result.stderr
    assert "current student" not in result.stdout
    can = result.stdout.split("Not yet:")[0]
    assert "National Certified Medical Assistant" not in can


def test_a_recent_graduate_gets_the_ncma_graduate_route_not_the_student_route(cg):
    e = cg.eligible(_graduate(cg, datetime.date(2024, 6, 1)))
    assert _via(e)[D + "cert/ncma"] == D + "route/ncma-graduate"


def test_a_graduate_of_six_months_ago_pays_the_graduate_fee_not_the_student_fee():
    """By cost the $90 student route would win if a graduate could still use it."""
    args = ["--have", f"{HS}@2010-06", "--have", f"{PROGRAM}@2026-05", "--as-of", "2026-11-01", "--by", "cost"]
    out = json.loads(run_cli("route", "--to", "NCMA", *args, "--json").stdout)
    (step,) = out["routes"][0]["steps"]
    assert step["id"] == D + "route/ncma-graduate" and step["cost_usd"] == 135.0


def test_the_student_route_stays_for_someone_still_to_finish_the_program(cg):
    """Planned from a diploma, the program is finished by a step of the route: the student applies."""
    route = cg.plan(cg.profile(have=[HS]), "NCMA", by="cost")[0]
    last = route.steps[-1]
    assert last.id == D + "route/ncma-student" and last.cost == 90.0
    assert route.steps[-2].kind != "route"  # the program itself comes first, in the plan


def test_the_student_window_is_a_marked_stand_in_for_enrolment():
    out = json.loads(run_cli("route", "--to", "NCMA", "--have", HS, "--by", "cost", "--json").stdout)
    step = out["routes"][0]["steps"][-1]
    assert step["id"] == D + "route/ncma-student"
    (program,) = [c for c in step["conditions"] if c["id"] == D + "condition/ncma-student-program"]
    assert program["within_months"] == 1
    assert step["estimate"] is True
    shown = json.loads(run_cli("show", "NCMA current student route", "--json").stdout)
    description = " ".join(f["value"] for f in shown["facts"] if f["property"] == "description")
    assert "enrolled now" in description and "graduate route" in description


# ---------------------------------------------------------------------- every graduate route, by years since graduating
@pytest.mark.parametrize(
    "graduated, cert, route",
    [
        # NHA CCMA: a training program within the last 5 years
        (datetime.date(2022, 6, 1), "ccma", "ccma-program"),
        (datetime.date(2019, 6, 1), "ccma", None),
        # NHA CMAA: the same 5 years (the guide)
        (datetime.date(2022, 6, 1), "cmaa", "cmaa-program"),
        (datetime.date(2021, 12, 1), "cmaa", "cmaa-program"),
        (datetime.date(2021, 10, 1), "cmaa", None),
        (datetime.date(2019, 6, 1), "cmaa", None),
        # AMT RMA education route: within the last 4 years
        (datetime.date(2023, 6, 1), "rma", "rma-education"),
        (datetime.date(2019, 6, 1), "rma", None),
        # NCCT NCMA graduate route: within the last 5 years
        (datetime.date(2022, 6, 1), "ncma", "ncma-graduate"),
        # AAMA CMA: Category 1 within 12 months; Category 2 after that with no deadline (AAMA's
        # current eligibility page; the older 60-month rule is not modelled as a rule)
        (datetime.date(2026, 3, 1), "cma", "cma-category-1"),
        (datetime.date(2024, 6, 1), "cma", "cma-category-2"),
        (datetime.date(2019, 6, 1), "cma", "cma-category-2"),
    ],
)
def test_graduate_routes_follow_their_windows(cg, graduated, cert, route):
    via = _via(cg.eligible(_graduate(cg, graduated)))
    if route is None:
        assert D + f"cert/{cert}" not in via
    else:
        assert via[D + f"cert/{cert}"] == D + f"route/{route}"


def test_an_older_cmaa_graduate_is_pointed_to_the_experience_route(cg):
    e = cg.eligible(_graduate(cg, datetime.date(2019, 6, 1)))
    assert _not_yet(e)[D + "cert/cmaa"] == D + "route/cmaa-experience"


def test_the_2019_graduate_is_not_offered_the_cmaa_program_route_in_the_cli():
    result = run_cli("eligible", "--have", f"{HS}@2010-06", "--have", f"{PROGRAM}@2019-06", "--as-of", "2026-11-01")
    assert result.returncode == 0, result.stderr
    can, not_yet = result.stdout.split("Not yet:")
    assert "Certified Medical Administrative Assistant" not in can
    assert "Certified Medical Administrative Assistant: closest is CMAA work experience route" in not_yet


def test_cmaa_window_is_in_route_json():
    out = json.loads(run_cli("route", "--to", "CMAA", "--have", HS, "--have", PROGRAM, "--json").stdout)
    (step,) = out["routes"][0]["steps"]
    assert step["id"] == D + "route/cmaa-program"
    (program,) = [c for c in step["conditions"] if c["id"] == D + "condition/cmaa-program"]
    assert program["within_months"] == 60


# ---------------------------------------------------------------------- CCA (AHIMA)
def test_cca_from_a_diploma_includes_preparation(cg):
    (step,) = cg.plan(cg.profile(have=[HS]), "CCA")[0].steps
    assert step.id == D + "route/cca-diploma"
    assert step.months == 7.0 and step.months_range == (0.5, 15.0) and step.months_estimate
    assert step.cost == 299.0 and step.cost_range == (199.0, 299.0) and not step.cost_estimate


def test_cca_still_needs_only_a_diploma(cg):
    """AHIMA recommends preparation but does not require it: a diploma is enough to sit."""
    assert _via(cg.eligible(cg.profile(have=[HS])))[D + "cert/cca"] == D + "route/cca-diploma"


def test_cca_after_a_coding_program_takes_a_month(cg):
    (step,) = cg.plan(cg.profile(have=[HS, "Medical billing and coding certificate program"]), "CCA")[0].steps
    assert step.id == D + "route/cca-coding-program" and step.months == 1.0


def test_cca_recommendation_is_said_and_sourced():
    shown = json.loads(
        run_cli("show", "CCA: high school diploma or equivalent, preparing by self-study", "--json").stdout
    )
    facts = {f["property"]: f["value"] for f in shown["facts"]}
    assert "recommends, without requiring" in facts["description"]
    assert "6 months of coding experience" in facts["description"]
    assert "ahima.org/certification/cca.aspx" in json.dumps(shown["sources"])
    assert shown["weight"]["kind"] == "primary"


def test_cca_route_text():
    result = run_cli("route", "--to", "CCA", "--have", HS)
    assert result.returncode == 0, result.stderr
    assert "7 months (0.5 to 15), $299" in result.stdout


# ---------------------------------------------------------------------- the apprenticeship
def test_apprenticeship_costs_nothing_because_it_is_paid_work(cg):
    route = cg.plan(cg.profile(have=[HS]), "Medical assistant apprenticeship")[0]
    (step,) = route.steps
    assert step.id == D + "step/complete-apprenticeship"
    assert step.cost == 0.0 and step.cost_range == (0.0, 0.0)
    assert step.months == 12.0 and step.months_range == (12.0, 24.0)
    shown = json.loads(run_cli("show", "Complete a medical assistant apprenticeship", "--json").stdout)
    facts = {f["property"]: f["value"] for f in shown["facts"]}
    assert "paid job" in facts["description"] and "no tuition" in facts["description"]
    assert "full-time work" in facts["description"]
    urls = {s["url"] for s in shown["sources"]}
    assert (
        "https://www.apprenticeship.gov/news-and-information/washington-university-apprentices-learn-medical-assisting-while-job"
        in urls
    )
