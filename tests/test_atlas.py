"""The atlas (issue 22, item 6) as data, on the shipped graph: every occupation in its education
group, the nation's or a state's wages, reachability as options() finds it, search by title or
alternate title; and the command line resolving an occupation by an alternate title."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from careerpath.graph.errors import AmbiguousNameError
from careerpath.graph.loading.lookup import normalize
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.planning.options import options
from careerpath.graph.presenting.options_view import EDUCATION_GROUPS, atlas, matches
from tests.conftest import run_cli

D = "https://w3id.org/careerpath/data/"
RT = D + "role/radiologic-technologist"
LPN = D + "role/licensed-practical-nurse"


@pytest.fixture(scope="module")
def whole(cg):
    return atlas(cg)


def entry(a, iri):
    return next(e for e in a.entries if e.id == iri)


def test_every_role_is_in_the_group_of_its_entry_education(cg, whole):
    roles = {str(r) for r in cg.rdf.subjects(RDF.type, CP.Role)}
    assert {e.id for e in whole.entries} == roles
    assert len(whole.entries) == len(roles) == 87
    titles = {key: values for key, _, values in EDUCATION_GROUPS}
    for group in whole.groups:
        for e in group.entries:
            education = cg.rdf.value(URIRef(e.id), CP.typicalEntryEducation)
            assert e.education == (str(education) if education is not None else None)
            if group.key == "other":
                assert not any(e.education in v for v in titles.values())
            else:
                assert e.education in titles[group.key]
    sizes = {g.key: len(g.entries) for g in whole.groups}
    # 63 roles profiled by BLS's categories (two "Postsecondary certificate" among the certificates);
    # the health-office roles and the nursing assistant's "state-approved program" are "other"
    assert sizes == {"none": 11, "certificate": 13, "associate": 12, "bachelor": 9, "graduate": 19, "other": 23}
    assert [g.key for g in whole.groups] == [key for key, _, _ in EDUCATION_GROUPS]
    assert entry(whole, RT).education == "Associate's degree"
    assert entry(whole, D + "role/physical-therapist").education == "Doctoral or professional degree"


def test_figures_are_the_nations_and_unknowns_are_none(cg, whole):
    rt = entry(whole, RT)
    m = cg.market[RT]
    assert rt.wage_area == "US" and rt.median_wage == m.median_in("US") and rt.wage_date == "2025-05"
    assert rt.jobs == m.areas["US"].employment and rt.jobs > 100_000
    assert rt.growth_percent == m.growth_percent and rt.growth_period == "2024-2034"
    assert rt.soc_code == "29-2034" and "Radiographer" in rt.alt_labels
    for e in whole.entries:
        assert e.median_wage is None or e.median_wage > 0
        assert e.jobs is None or e.jobs > 0
        assert e.reachable is None and e.months is None  # no profile: nothing said
    assert any(e.median_wage is None for e in whole.entries)  # the office roles BLS does not count alone
    broader = [e for e in whole.entries if e.wage_of]
    assert broader and all(not cg.market[e.id].exact for e in broader)
    assert entry(whole, D + "role/ekg-technician").wage_of


def test_a_state_changes_the_wages(cg, whole):
    wa = atlas(cg, "wa")
    assert wa.state == "WA"
    changed = 0
    for e in wa.entries:
        national = entry(whole, e.id)
        assert e.wage_area == "WA"
        m = cg.market.get(e.id)
        assert e.median_wage == (m.median_in("WA") if m else None)  # no state figure: None, not the nation's
        changed += e.median_wage != national.median_wage
    assert changed > 50
    assert entry(wa, RT).jobs == cg.market[RT].areas["WA"].employment


def test_reachable_agrees_with_options(cg):
    profile = cg.profile(have=["high school diploma"], experience={"medical assistant": 2})
    found = options(cg, profile)
    a = atlas(cg, profile=profile)
    assert a.profiled
    by_id = {o.id: o for o in found.options}
    held = {iri for iri, _ in found.held}
    reachable = {e.id for e in a.entries if e.reachable}
    roles = {e.id for e in a.entries}
    assert reachable == (set(by_id) | held) & roles
    assert 0 < len(reachable) < len(roles)
    for e in a.entries:
        if e.id in held:
            assert e.held and e.months == 0
        elif e.id in by_id:
            o = by_id[e.id]
            assert e.months == (None if o.unknown_months else o.months)
        else:
            assert e.reachable is False and e.months is None
    assert entry(a, D + "role/medical-assistant").held


@pytest.mark.parametrize(
    "typed, iri",
    [("Radiographer", RT), ("radiologic tech", RT), ("LVN", LPN), ("vocational nurse", LPN), ("physiotherapist", None)],
)
def test_search_by_title_or_alternate_title(whole, typed, iri):
    found = [e.id for e in whole.entries if matches(e, typed)]
    if iri is None:
        assert found == [D + "role/physical-therapist"]
    else:
        assert iri in found and len(found) < 10
    assert [e.id for e in whole.entries if matches(e, "")] == [e.id for e in whole.entries]
    assert not [e for e in whole.entries if matches(e, "zzz qqq")]


def test_every_alternate_title_names_its_occupation(cg):
    """``careerpath show`` (and every name box) resolves an occupation by any of its alternate
    titles; only a title another entity shares too is a question back."""
    shared = 0
    for role in cg.rdf.subjects(RDF.type, CP.Role):
        for alt in [*cg.rdf.objects(role, SKOS.altLabel), *cg.rdf.objects(role, CP.abbreviation)]:
            exact = cg.names.keys[normalize(str(alt))]  # what resolve() takes as an exact name
            assert str(role) in exact, alt
            if len(exact) == 1:
                continue
            shared += 1
            with pytest.raises(AmbiguousNameError) as err:
                cg.resolve(str(alt))
            assert str(role) in {i for i, _ in err.value.matches}, alt
    assert shared <= 3  # "PA-C" names the physician assistant and the licence


@pytest.mark.parametrize("name, label", [("Radiographer", "Radiologic technologist"), ("LVN", "Licensed practical")])
def test_cli_shows_an_occupation_by_its_alternate_title(name, label):
    done = run_cli("show", name)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(label)
