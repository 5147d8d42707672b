"""Where can I go from here: graph/options.py and ``careerpath options`` on the real data."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from careerpath.graph.cli import main
from careerpath.graph.core import CareerGraph
from careerpath.graph.errors import ProfileError
from careerpath.graph.planning.options import labour_market, options, sort_options

D = "https://w3id.org/careerpath/data/"


@pytest.fixture(scope="module")
def cg() -> CareerGraph:
    return CareerGraph.load()


@pytest.fixture(scope="module")
def ma2(cg):
    profile = cg.profile(have=["high school diploma"], experience={"medical assistant": 2})
    return profile, options(cg, profile)


def test_market_prefers_the_primary_source_over_a_later_secondary_copy(cg):
    market = labour_market(cg.rdf)
    ma = market[D + "role/medical-assistant"]
    # BLS May 2024 (primary) rather than the unverified secondary May 2025 figure
    assert (ma.median_wage, ma.wage_date) == (44200.0, "2024-05")
    assert (ma.growth_percent, ma.growth_period, ma.openings_per_year) == (12.0, "2024-2034", 112300)
    assert market[D + "role/phlebotomist"].median_wage == 43660.0


def test_every_option_is_its_best_route(cg, ma2):
    profile, found = ma2
    assert found.options
    for o in found.options:
        route = cg.plan(profile, o.id)[0]
        assert (o.steps, o.months, o.cost) == (len(route.steps), route.months, route.cost)
        assert o.kind in ("role", "certification")
        if o.months_range is not None:
            assert o.months_range[0] <= o.months_range[1]


def test_current_role_wage_change_held_and_unreachable(ma2):
    _, found = ma2
    assert found.current_role.id == D + "role/medical-assistant"
    by_id = {o.id: o for o in found.options}
    assert by_id[D + "role/phlebotomist"].wage_change == 43660.0 - 44200.0
    assert by_id[D + "cert/ccma"].steps == 1 and by_id[D + "cert/ccma"].market.median_wage is None
    assert D + "role/medical-assistant" in dict(found.held)
    assert D + "role/medical-assistant" not in by_id
    assert D + "role/case-manager" in dict(found.unreachable)


def test_no_current_role_means_no_wage_change(cg):
    found = options(cg, cg.profile(have=["high school diploma"]))
    assert found.current_role is None
    assert all(o.wage_change is None for o in found.options)
    assert any(o.market.median_wage is not None for o in found.options)


def test_a_specialised_role_gets_no_wage_of_its_broader_occupation(ma2):
    _, found = ma2
    podiatric = next(o for o in found.options if o.id == D + "role/podiatric-medical-assistant")
    assert podiatric.market.median_wage is None and podiatric.wage_change is None


def test_sorting(ma2):
    _, found = ma2
    by_wage = sort_options(found.options, "wage")
    wages = [o.market.median_wage for o in by_wage]
    known = [w for w in wages if w is not None]
    exact = [o.market.median_wage for o in by_wage if o.market.median_wage is not None and o.market.exact]
    broader = [o.market.median_wage for o in by_wage if o.market.median_wage is not None and not o.market.exact]
    assert known == exact + broader  # a broader group's figure sorts after every exact one (issue 19 item 7)
    assert exact == sorted(exact, reverse=True) and broader == sorted(broader, reverse=True)
    assert wages[: len(known)] == known  # unknown wages last
    by_months = sort_options(found.options, "months")
    flags = [o.unknown_months > 0 for o in by_months]
    assert flags == sorted(flags)  # an unknown duration is never sorted as zero
    ends = [o.elapsed_months for o in by_months if not o.unknown_months]
    assert ends == sorted(ends)  # fastest: the soonest end
    with pytest.raises(ProfileError):
        sort_options(found.options, "shoe size")
    with pytest.raises(ProfileError):
        options(CareerGraph.load(), ma2[0], by="fastest")


def test_cli_json_shape_and_plan_links(capsys):
    code = main(
        ["options", "--have", "high school diploma", "--experience", "medical assistant=2", "--state", "WA", "--json"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"by", "profile", "current_role", "options", "held", "unreachable", "state"}
    assert data["current_role"]["median_wage_usd"] == 44200.0
    keys = {
        "id",
        "label",
        "kind",
        "steps",
        "months",
        "months_range",
        "cost_usd",
        "cost_range",
        "elapsed_months",
        "median_wage_usd",
        "wage_change_usd",
        "growth_percent",
        "openings_per_year",
        "sources",
        "plan",
    }
    row = data["options"][0]
    assert keys <= set(row)
    link = urlsplit(row["plan"])
    query = parse_qs(link.query)
    assert link.path == "/plan" and query["to"] == [row["id"]] and query["state"] == ["WA"]
    assert query["exp"] == [D + "role/medical-assistant=2"]


def test_cli_text_sort_and_errors(capsys):
    assert main(["options", "--have", "high school diploma", "--sort", "wage"]) == 0
    out = capsys.readouterr().out
    assert out.index("Physician assistant") < out.index("Phlebotomist")
    assert "No route from here:" in out and "Case manager" in out
    assert main(["options", "--have", "unicorn license"]) == 2
    assert "no role, certification, program or credential named 'unicorn license'" in capsys.readouterr().err
    assert main(["options", "--experience", "medical assistant=-1"]) == 2
    assert main(["options", "--state", "TX", "--have", "high school diploma"]) == 0
    assert "no state rule is known for TX" in capsys.readouterr().out


def test_markets_in_an_area_are_the_markets_with_that_areas_figures_alone(tmp_path, monkeypatch):
    """``CareerGraph.markets_in``: read from its own table (built once per key, refused and
    rebuilt when it is not what it should be), the same as ``market`` kept to the areas asked
    for, in their order, with the cache on or off."""
    from dataclasses import replace

    from careerpath.graph.loading import cache

    def expected(market: dict, areas: set[str]) -> dict:
        return {i: replace(m, areas={a: w for a, w in m.areas.items() if a in areas}) for i, m in market.items()}

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    whole = CareerGraph.load().market
    assert any(len(m.areas) > 2 for m in whole.values())
    CareerGraph.load().markets_in({"US"})  # builds the table
    for areas in ({"US"}, {"US", "WA"}, {"CA", "US", "TX"}):
        cg = CareerGraph.load()
        found = cg.markets_in(areas)
        assert "market" not in cg.__dict__, "the whole market was decoded"
        assert found == expected(whole, areas)
        assert [list(m.areas) for m in found.values()] == [list(m.areas) for m in expected(whole, areas).values()]
    (table,) = tmp_path.glob("*.market_areas.jsonl")
    assert cache.write(table.name.split(".")[0], {"*": {"x": 1}, "order": {}}, tmp_path, name="market_areas")
    assert CareerGraph.load().markets_in({"US"}) == expected(whole, {"US"})  # refused, rebuilt
    assert cache.read(table.name.split(".")[0], tmp_path, check=lambda v: True, name="market_areas")["*"] != {"x": 1}
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert CareerGraph.load().markets_in({"US", "WA"}) == expected(whole, {"US", "WA"})
