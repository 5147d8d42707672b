"""The certification audit (issues 10 and 9): each corrected fact pinned through the public API or SPARQL.

Covers the five medical assistant certifications (CMA, RMA, NCMA, CCMA, CMAA) and their bodies.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from tests.conftest import run_cli

D = "https://w3id.org/careerpath/data/"
HS = "high school diploma"
CPR = "Current CPR certification"
MA_CERTS = ["cma", "rma", "ncma", "ccma", "cmaa"]


def _via(eligibility) -> dict[str, str]:
    return {e.id: e.via[0] for e in eligibility.eligible}


# ---------------------------------------------------------------------- RMA rule dates
# AMT's change from 5-of-7 to 3-of-7 years is undated: the old rule's latest dated evidence is
# the guide (c. 2021), the new rule's earliest a 2026 page. No change date is invented: before
# 2021 only the old rule applies, from 2026 only the new, and between them both, each marked.
def _entry(eligibility, cert: str):
    return next((e for e in eligibility.eligible if e.id == D + cert), None)


def test_rma_three_of_seven_is_offered_in_2024_marked_uncertain(cg):
    """The 3-of-7 rule is not ruled out in 2024 just because its source was written in 2026."""
    profile = cg.profile(have=[HS, CPR], experience={"medical assistant": 3}, as_of=datetime.date(2024, 6, 1))
    entry = _entry(cg.eligible(profile), "cert/rma")
    assert entry.via[0] == D + "route/rma-experience"
    assert "may not yet be in force" in entry.note and "2026-01-01" in entry.note


def test_rma_old_rule_is_offered_in_2024_marked_uncertain(cg):
    """Five years without CPR meet only the old rule; in mid-2024 it may or may not still hold."""
    when = datetime.date(2024, 6, 1)
    entry = _entry(cg.eligible(cg.profile(have=[HS], experience={"medical assistant": 5}, as_of=when)), "cert/rma")
    assert entry.via[0] == D + "route/rma-experience-5-of-7"
    assert "may have been replaced" in entry.note


def test_rma_old_rule_alone_while_evidence_shows_it(cg):
    when = datetime.date(2020, 6, 1)
    entry = _entry(cg.eligible(cg.profile(have=[HS], experience={"medical assistant": 5}, as_of=when)), "cert/rma")
    assert entry.via[0] == D + "route/rma-experience-5-of-7" and entry.note is None
    three = cg.profile(have=[HS, CPR], experience={"medical assistant": 3}, as_of=when)
    assert _entry(cg.eligible(three), "cert/rma") is None


def test_rma_new_rule_alone_once_evidence_shows_it(cg):
    when = datetime.date(2026, 6, 1)
    five = cg.eligible(cg.profile(have=[HS], experience={"medical assistant": 5}, as_of=when))
    assert _entry(five, "cert/rma") is None  # no CPR: the 3-of-7 rule asks for it, and the old rule is gone
    three = _entry(cg.eligible(cg.profile(have=[HS, CPR], experience={"medical assistant": 3}, as_of=when)), "cert/rma")
    assert three.via[0] == D + "route/rma-experience" and three.note is None


def test_rma_uncertain_rule_is_said_in_route_json_and_text():
    args = ["--have", HS, "--have", CPR, "--experience", "medical assistant=3", "--as-of", "2024-06-01"]
    out = json.loads(run_cli("route", "--to", "RMA", *args, "--json").stdout)
    (step,) = out["routes"][0]["steps"]
    assert step["id"] == D + "route/rma-experience" and "when it began is unknown" in step["date_note"]
    assert "in force? may not yet be in force on 2024-06-01" in run_cli("route", "--to", "RMA", *args).stdout
    eligible = json.loads(run_cli("eligible", *args, "--json").stdout)
    (rma,) = [e for e in eligible["eligible"] if e["id"] == D + "cert/rma"]
    assert "may not yet be in force" in rma["date_note"]


def test_rma_rule_dates_are_evidence_not_invented(sparql):
    ((start, comment),) = sparql("SELECT ?d ?c WHERE { route:rma-experience cp:evidencedFrom ?d ; rdfs:comment ?c }")
    assert start == datetime.date(2026, 1, 1)
    assert "unknown" in comment and "invents no change date" in comment
    assert sparql("SELECT ?d WHERE { route:rma-experience cp:validFrom ?d }") == []
    ((end,),) = sparql("SELECT ?d WHERE { route:rma-experience-5-of-7 cp:evidencedUntil ?d }")
    assert end == datetime.date(2021, 1, 1)


def test_rma_old_rule_also_asked_for_a_diploma(cg, ask):
    assert ask("""route:rma-experience-5-of-7 cp:hasCondition ?c .
        ?c cp:requiresMilestone <https://w3id.org/careerpath/data/group/high-school-or-equivalent>""")
    profile = cg.profile(experience={"medical assistant": 5}, as_of=datetime.date(2020, 6, 1))
    assert D + "cert/rma" not in _via(cg.eligible(profile))


def test_rma_2024_through_the_cli():
    result = run_cli(
        "eligible", "--have", HS, "--have", CPR, "--experience", "medical assistant=3", "--as-of", "2024-06", "--json"
    )
    assert result.returncode == 0, result.stderr
    via = {e["id"]: e["via"]["id"] for e in json.loads(result.stdout)["eligible"]}
    assert via[D + "cert/rma"] == D + "route/rma-experience"


# ---------------------------------------------------------------------- ranges
ROUTES = f"""
    ?route cp:qualifiesFor ?cert . VALUES ?cert {{ {" ".join(f"cert:{c}" for c in MA_CERTS)} }}
"""


def test_every_ma_route_has_sourced_cost_and_estimated_time_ranges(sparql):
    rows = sparql(f"""SELECT ?route ?cl ?c ?ch ?dl ?d ?dh ?de ?dr ?ce ?cr WHERE {{ {ROUTES}
        OPTIONAL {{ ?route cp:costUSDLow ?cl }} OPTIONAL {{ ?route cp:costUSD ?c }} OPTIONAL {{ ?route cp:costUSDHigh ?ch }}
        OPTIONAL {{ ?route cp:durationMonthsLow ?dl }} OPTIONAL {{ ?route cp:durationMonths ?d }}
        OPTIONAL {{ ?route cp:durationMonthsHigh ?dh }} OPTIONAL {{ ?route cp:durationIsEstimate ?de }}
        OPTIONAL {{ ?route cp:durationRationale ?dr }} OPTIONAL {{ ?route cp:costIsEstimate ?ce }}
        OPTIONAL {{ ?route cp:costRationale ?cr }} }}""")
    assert len(rows) == 21  # 20, and the CCMA military route (NHA FAQ)
    for route, cl, c, ch, dl, d, dh, de, dr, ce, cr in rows:
        assert None not in (cl, c, ch, dl, d, dh, dr, cr), route
        assert cl <= c <= ch and dl <= d <= dh, route
        assert de is True and ce is False, route
    unsourced = sparql(f"SELECT ?route WHERE {{ {ROUTES} FILTER NOT EXISTS {{ ?route cp:costSource ?s }} }}")
    assert unsourced == []


@pytest.mark.parametrize(
    "route, low, typical, high",
    [
        ("cma-category-1", 125, 125, 125),
        ("cma-category-2", 125, 250, 250),
        ("cma-category-3", 125, 250, 300),
        ("cma-category-4", 125, 250, 250),
        ("rma-experience", 135, 135, 150),  # the secondary $135 typical, the weak $150 the high end
        ("ncma-student", 90, 90, 90),
        ("ncma-experience", 135, 135, 135),
        ("ccma-program", 165, 165, 165),
        ("cmaa-experience", 117, 129, 129),
    ],
)
def test_fee_ranges(sparql, route, low, typical, high):
    rows = sparql(f"SELECT ?l ?t ?h WHERE {{ route:{route} cp:costUSDLow ?l ; cp:costUSD ?t ; cp:costUSDHigh ?h }}")
    assert rows == [(Decimal(low), Decimal(typical), Decimal(high))]


def test_cma_member_fee_is_two_facts_not_a_disagreement(sparql):
    assert sparql("SELECT ?m WHERE { route:cma-category-2 cp:memberFeeUSD ?m }") == [(Decimal(125),)]
    assert sparql("SELECT ?d WHERE { ?d a cp:Disagreement ; cp:concerns route:cma-category-2 }") == []


def test_show_gives_the_member_and_non_member_fees():
    result = run_cli("show", "CMA Category 2: earlier graduate of an accredited program", "--json")
    assert result.returncode == 0, result.stderr
    facts = {(f["property"], f["value"]) for f in json.loads(result.stdout)["facts"]}
    assert {("cost (USD)", "$250"), ("cost, low (USD)", "125"), ("cost, high (USD)", "250")} <= facts


# ---------------------------------------------------------------------- accepted experience
def test_experience_accepted_only_where_the_body_says(sparql):
    rows = sparql(f"""SELECT ?cert ?role WHERE {{ {ROUTES} ?route cp:hasCondition ?c .
        ?c cp:acceptsExperienceIn ?role }}""")
    accepted = {(str(c).rsplit("/", 1)[-1], str(r).rsplit("/", 1)[-1]) for c, r in rows}
    assert accepted == {
        ("ccma", "clinical-medical-assistant"),
        ("cmaa", "medical-administrative-assistant"),
        ("cmaa", "medical-secretary"),
    }


def test_no_ma_certification_counts_coding_or_billing_experience(sparql):
    rows = sparql(f"""SELECT ?route WHERE {{ {ROUTES} ?route cp:hasCondition ?c .
        {{ ?c cp:inRole ?r }} UNION {{ ?c cp:acceptsExperienceIn ?r }}
        VALUES ?r {{ role:medical-coder role:medical-biller role:medical-records-specialist }} }}""")
    assert rows == []


def test_accepted_experience_is_sourced_by_the_body(ask):
    assert ask("""?c cp:acceptsExperienceIn role:clinical-medical-assistant ; cp:source src:nha-eligibility .
        src:nha-eligibility cp:readAt ?copy ; <http://purl.org/dc/terms/publisher> "National Healthcareer Association" """)


def test_cpr_must_be_current(ask):
    assert ask("<https://w3id.org/careerpath/data/credential/cpr-certification> cp:mustBeCurrent true")


# ---------------------------------------------------------------------- bodies and the CMAC
def test_amca_page_is_primary_and_the_cmac_is_not_modelled(sparql, ask):
    assert ask("org:amca <https://schema.org/url> ?u ; cp:source src:amca-cmac")
    assert ask("src:amca-cmac cp:evidenceLevel <https://w3id.org/careerpath/data/evidence/primary>")
    assert sparql("""SELECT ?c WHERE { ?c a cp:Certification ; cp:abbreviation "CMAC" }""") == []
    ((comment,),) = sparql(
        "SELECT ?c WHERE { <https://w3id.org/careerpath/data/group/ma-certification> rdfs:comment ?c }"
    )
    assert "CMAC" in comment and "not found" in comment


def test_show_nha_names_its_site():
    result = run_cli("show", "NHA", "--json")
    assert result.returncode == 0, result.stderr
    facts = {(f["property"], f["value"]) for f in json.loads(result.stdout)["facts"]}
    assert any("nhanow.com" in value for _, value in facts)


def test_every_source_behind_the_five_certifications_is_weighed(sparql):
    rows = sparql(f"""SELECT DISTINCT ?s WHERE {{ {ROUTES}
        {{ ?route cp:source ?s }} UNION {{ ?route cp:costSource ?s }} UNION {{ ?route cp:hasCondition/cp:source ?s }}
        UNION {{ ?cert cp:source ?s }} FILTER NOT EXISTS {{ ?s cp:evidenceLevel ?w }} }}""")
    assert rows == []


def test_ncct_site_and_nha_provisional_rule(sparql, ask):
    assert ask('org:ncct <https://schema.org/url> "https://www.ncctinc.com/"^^xsd:anyURI')
    notes = sparql("""SELECT ?n WHERE { route:ccma-program cp:hasCondition ?c .
        ?c cp:requiresMilestone <https://w3id.org/careerpath/data/group/high-school-or-equivalent> ; cp:conditionNote ?n }""")
    assert len(notes) == 1 and "provisional" in notes[0][0]


def test_cma_older_deadline_is_recorded_not_applied(cg, sparql):
    ((comment,),) = sparql("SELECT ?c WHERE { route:cma-category-2 rdfs:comment ?c }")
    assert "60 months" in comment and "unknown" in comment
    program = "Accredited medical assistant program"
    graduate = cg.profile(have=[program], dates={program: datetime.date(2015, 5, 1)}, as_of=datetime.date(2024, 6, 1))
    assert _via(cg.eligible(graduate))[D + "cert/cma"] == D + "route/cma-category-2"
