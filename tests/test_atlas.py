"""The atlas (issue 22, item 6) as data, on the shipped graph: every occupation in its education
group, the nation's or a state's wages, reachability as options() finds it, search by title or
alternate title; and the command line resolving an occupation by an alternate title."""

from __future__ import annotations

import re
from html import escape as escape_html
from urllib.parse import quote

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from careerpath.app.figures import dollars
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


# ---------------------------------------------------------------- the Atlas page (streamlit.testing)


def atlas_page(**query):
    from tests.test_app import app

    at = app("atlas", **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def boxes(at) -> list[tuple[str, str]]:
    """(href, name) of every box the page draws."""
    body = "\n".join(h.proto.body for h in at.get("html") if "cp-atlas" in h.proto.body)
    return re.findall(r"<a class='cp-atlas-box' href='([^']*)'[^>]*><strong>([^<]*)</strong>", body)


def test_the_page_draws_every_occupation_in_its_group():
    from tests.test_app import text_of

    at = atlas_page()
    drawn = boxes(at)
    assert len(drawn) == 87
    assert "87 of 87 occupations" in text_of(at)
    body = "\n".join(h.proto.body for h in at.get("html"))
    heads = [title for _, title, _ in EDUCATION_GROUPS]
    positions = [body.index(escape_html(t)) for t in heads]
    assert positions == sorted(positions)  # the groups in education order
    assert ("explore?focus=" + quote(RT, safe=""), "Radiologic technologist or technician") in drawn
    # money as the options table writes it ($105,106), growth signed (+5%)
    assert re.search(r"cp-atlas-wage'>\$\d{2,3},\d{3}<", body)
    assert re.search(r"cp-atlas-growth'>[+−]\d+%<", body)
    assert "None" not in re.sub(r"<style>.*?</style>", "", body, flags=re.S)  # a missing figure is blank
    assert not dict(at.query_params)  # nothing chosen, nothing in the address


def test_search_state_and_reach_come_from_the_url_and_go_back_to_it(cg):
    from tests.test_app import text_of

    at = atlas_page(state="WA", q="radiographer")
    assert [name for _, name in boxes(at)] == ["Radiologic technologist or technician"]
    body = "\n".join(h.proto.body for h in at.get("html"))
    assert dollars(cg.market[RT].median_in("WA")) in body
    assert dollars(cg.market[RT].median_in("US")) not in body
    assert "in WA" in text_of(at)
    assert at.selectbox(key="atlas_state").value == "WA" and at.text_input(key="atlas_q").value == "radiographer"
    assert dict(at.query_params) == {"state": "WA", "q": "radiographer"}

    at.text_input(key="atlas_q").input("LVN").run()
    assert [name for _, name in boxes(at)] == ["Licensed practical nurse"]
    assert at.query_params["q"] == "LVN"

    profile = {"have": "high school diploma", "exp": "medical assistant=2"}
    at = atlas_page(reach="1", **profile)
    reached = {name for _, name in boxes(at)}
    found = options(cg, cg.profile(have=["high school diploma"], experience={"medical assistant": 2}))
    roles = {str(r) for r in cg.rdf.subjects(RDF.type, CP.Role)}
    expected = {o.label for o in found.options if o.id in roles} | {lab for i, lab in found.held if i in roles}
    assert reached == expected
    assert at.query_params["reach"] == "1" and at.query_params["have"] == D + "credential/high-school-diploma"
    assert at.query_params["exp"] == D + "role/medical-assistant=2"
    at.toggle(key="atlas_reach").set_value(False).run()
    assert len(boxes(at)) == 87 and "reach" not in at.query_params


def test_a_bad_address_is_a_message_and_data_is_escaped():
    from tests.test_app import text_of

    at = atlas_page(state="<b>x</b>", q="<script>alert(1)</script>", have="zzqqxx")
    text = text_of(at)
    assert "is not a two-letter state code" in text and "Couldn't find a milestone called 'zzqqxx'" in text
    assert boxes(at) == []
    body = "\n".join(h.proto.body for h in at.get("html"))
    assert "<script>alert" not in body and "<b>x</b>" not in body
    md = "\n".join(m.value for m in at.markdown)
    assert "<script>" not in md and "\\<script\\>" in md
