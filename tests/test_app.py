"""Every page of the app, run with streamlit.testing on the real graph (nothing mocked but
the click on the graph component, which AppTest cannot run: its value is driven through
session state, as ``app.shared.draw`` documents)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app" / "streamlit_app.py")
SECTIONS = Path(APP).parent / "sections"
D = "https://w3id.org/careerpath/data/"


def app(page: str | None = None, form: bool = False, **query) -> AppTest:
    """A page of the app run once; ``form`` unfolds the page's form (folded, it is not drawn)."""
    at = AppTest.from_file(APP, default_timeout=120)
    if form:
        at.session_state[f"{page}_change"] = True
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(str(SECTIONS / f"{page}.py"))
    return at.run()


def unescaped(text: str) -> str:
    """Markdown's backslash escapes taken out (the app escapes every text from the URL or the data)."""
    return re.sub(r"\\(.)", r"\1", str(text)).replace("\u2060", "")  # and the word joiners that stop autolinks


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [s.value for s in at.success]
    return "\n".join(unescaped(p) for p in parts)


def html_of(at: AppTest) -> str:
    """The HTML the page draws with st.html (the options table)."""
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize(
    "page, title",
    [
        (None, "Explore the pathways"),
        ("plan", "Plan a route"),
        ("options", "Where can I go from here?"),
        ("sparql", "Query with SPARQL"),
        ("data", "The data"),
    ],
)
def test_every_page_renders(page, title):
    at = app(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == title


def test_explore_click_shows_details():
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["explore_flow_clicked"] = D + "cert/cma"
    at.run()
    assert not at.exception
    shown = text_of(at)
    assert "Certified Medical Assistant" in [s.value for s in at.subheader]
    assert "CMA Category 1: recent graduate of an accredited program" in shown
    assert "within 12 months" in shown
    assert "| fee (USD) | $125 |" in shown  # the facts: a plain table, no widget toolbar to cover anything
    assert not at.dataframe
    assert at.query_params["node"] in (D + "cert/cma", [D + "cert/cma"])
    # the inspector names the kind, never the drawing's "Dimmed", and weighs the sources
    assert "Certification" in [c.value.split(" · ")[0] for c in at.caption]
    assert "Dimmed" not in shown and "weight: primary" in shown


def test_explore_search_and_unknown_name():
    at = app(q="RMA")
    assert "Registered Medical Assistant" in [s.value for s in at.subheader]
    # a search hit that has a pathway becomes the focus (the drawing centres on it)
    assert at.selectbox(key="explore_focus").value == D + "cert/rma"
    at = app(q="unicorn wrangler")
    assert "Couldn't find 'unicorn wrangler'" in text_of(at)


def test_explore_opens_on_the_medical_assistant_pathway():
    at = app()
    assert not at.exception and not at.warning
    assert at.selectbox(key="explore_focus").value == D + "role/medical-assistant"
    assert str(at.query_params["focus"]).strip("[]'") == D + "role/medical-assistant"
    # nothing chosen yet: no inspector takes the map's width
    assert not [c for c in at.caption if "Certification ·" in c.value] and not at.subheader


@pytest.mark.parametrize(
    "query, message",
    [
        ({"node": "zzz"}, "Couldn't find 'zzz'"),
        ({"node": D + "cert/cmaa-typo"}, "Closest names: "),
        ({"focus": "zzz"}, "Couldn't find 'zzz'"),
        ({"node": "z" * 5000}, "Couldn't find 'zzzz"),
        ({"view": "map"}, "There is no view 'map'"),
    ],
)
def test_explore_bad_url_parameters_are_messages(query, message):
    at = app(**query)
    assert not at.exception, [e.value for e in at.exception]
    warnings = [unescaped(w.value) for w in at.warning]
    assert any(message in w for w in warnings), warnings
    assert all(len(w) < 400 for w in warnings)
    assert not [s.value for s in at.subheader if "zzz" in s.value]  # never a heading "zzz"


@pytest.mark.parametrize(
    "query", [{"view": "graph"}, {"view": "graph", "kind": ["role", "unicorn"]}, {"layout": "free"}]
)
def test_explore_old_whole_graph_addresses_say_the_view_is_gone(query):
    at = app(**query, focus=D + "cert/cma")
    assert not at.exception and not at.warning
    assert "The whole\\-graph view is gone" in at.info[0].value
    assert at.selectbox(key="explore_focus").value == D + "cert/cma"  # the rest of the address still holds
    assert "view" not in at.query_params and "kind" not in at.query_params


def test_explore_url_round_trip():
    query = {"focus": D + "cert/cma", "node": D + "cert/rma", "q": "RMA"}
    at = app(**query)
    assert not at.exception
    assert "Registered Medical Assistant" in [s.value for s in at.subheader]
    again = app(**{k: at.query_params[k] for k in at.query_params})
    assert again.selectbox(key="explore_focus").value == D + "cert/cma"
    assert "Registered Medical Assistant" in [s.value for s in again.subheader]
    assert again.text_input(key="explore_search").value == "RMA"


def test_explore_search_for_a_route_centres_on_what_it_leads_to():
    at = app(q="CMA Category 4: alternative pathway")
    assert not at.exception
    assert at.subheader[0].value.startswith("CMA Category 4")
    assert at.selectbox(key="explore_focus").value == D + "cert/cma"


def test_explore_search_hit_without_a_pathway_opens_in_the_inspector():
    at = app(q="AAMA")
    assert not at.exception
    assert at.selectbox(key="explore_focus").value == D + "role/medical-assistant"  # the map stays
    heading = at.subheader[0].value
    assert "American Association of Medical Assistants" in heading
    assert f"{heading} has no pathway of its own" in text_of(at)


def test_explore_inspector_offers_a_plan_and_closes():
    at = app(node=D + "cert/rma")
    links = [h.proto.body for h in at.get("html") if '<a class="cp-action"' in h.proto.body]
    assert len(links) == 1 and ">Plan a route to this →</a>" in links[0]
    assert 'href="plan?to=https%3A%2F%2Fw3id.org%2Fcareerpath%2Fdata%2Fcert%2Frma"' in links[0]
    assert at.session_state["explored"] == D + "cert/rma"  # Plan opens on it
    at.button(key="explore_close").click().run()
    assert not at.subheader and "node" not in at.query_params


def test_explore_inspector_of_an_organization_offers_no_plan():
    at = app(node=D + "org/aama")
    assert "American Association of Medical Assistants" in [s.value for s in at.subheader]
    assert not [h for h in at.get("html") if '<a class="cp-action"' in h.proto.body]


def test_explore_a_click_is_reported_once_and_a_new_focus_redraws():
    at = app()
    at.session_state["explore_flow_clicked"] = D + "cert/rma"
    at.run()
    at.run()  # a later run reports no click: the inspector keeps what was clicked
    assert "Registered Medical Assistant" in [s.value for s in at.subheader]
    at.selectbox(key="explore_focus").set_value(D + "cert/cma").run()
    assert not at.exception, [e.value for e in at.exception]
    assert str(at.query_params["focus"]).strip("[]'") == D + "cert/cma"


def test_pathway_drawing_has_a_box_per_node_an_edge_per_edge_and_its_headings():
    import re
    from html import unescape

    from careerpath.app.pathway_map import markup
    from careerpath.app.shared import pathway_of

    pw = pathway_of(D + "role/medical-assistant")
    drawn = markup(pw)
    html = drawn["html"]
    ids = [
        unescape(i)
        for i in re.findall(r'class="cp-pw-box[^"]*" data-id="([^"]+)"[^>]* tabindex="0" role="button"', html)
    ]
    assert sorted(ids) == sorted(pw.nodes)  # every box focusable by keyboard, named for a screen reader
    assert html.count("<path data-s=") == len(pw.edges)
    assert [t for t in re.findall(r'class="cp-pw-heading"[^>]*>([^<]+)<', html)] == [t for t, _ in pw.headings]
    assert "<script" not in html and drawn["focus"] == pw.focus
    assert html.count("border:3px") == 1  # the focus
    # each box's name for a screen reader says what it needs and where it leads
    labels = dict(re.findall(r'data-id="([^"]+)"[^>]* tabindex="0" role="button" aria-label="([^"]+)"', html))
    group = labels[D + "group/high-school-or-equivalent"]
    assert group.startswith("One of: High school diploma or GED.") and "Counts for: " in group
    reached = unescape(labels[D + "role/medical-assistant"])
    assert "Reached by any one of 2 routes: Apply for and get a medical assistant job" in reached
    assert "Start the medical assistant job whose employer endorsed the MA-R" in reached  # Washington's order
    assert drawn["label"].startswith("Pathway of Medical assistant: 43 boxes in 5 columns")
    # the list (the text alternative, a phone's first view) names every box that is not a junction
    listed = {unescape(i) for i in re.findall(r'class="cp-pw-name" data-id="([^"]+)"', drawn["list"])}
    assert listed == {n for n, node in pw.nodes.items() if not node.junction}


def test_explore_click_with_a_search_term_keeps_the_click():
    at = app(q="RMA")
    at.session_state["explore_flow_clicked"] = D + "cert/cma"
    at.run()
    assert "Certified Medical Assistant" in [s.value for s in at.subheader]
    assert str(at.query_params["node"]).strip("[]'") == D + "cert/cma"
    at.run()  # a later run (nothing clicked) keeps what was clicked: URL and details agree
    assert "Certified Medical Assistant" in [s.value for s in at.subheader]
    assert str(at.query_params["node"]).strip("[]'") == D + "cert/cma"
    reloaded = app(**dict(at.query_params))  # and so does the URL, opened again
    assert "Certified Medical Assistant" in [s.value for s in reloaded.subheader]
    assert reloaded.selectbox(key="explore_focus").value == D + "cert/rma"


def test_explore_role_shows_wages_and_disagreement():
    at = app(node=D + "role/medical-assistant")
    shown = text_of(at)
    assert "| statistic | per | amount | setting | date | current |" in shown
    assert "| $44,200 |" in shown  # money one way: whole dollars with thousands separators
    assert "Sources disagree" in " ".join(e.label for e in at.expander)


def _best(have, to, **kw):
    from careerpath.graph.core import CareerGraph

    cg = CareerGraph.load()
    return cg.plan(cg.profile(have=have, **kw), to)[0]


def test_plan_from_the_url():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/cma", k="2")
    assert not at.exception, [e.value for e in at.exception]
    shown = text_of(at)
    best = _best([D + "credential/high-school-diploma"], D + "cert/cma")
    for i, step in enumerate(best.steps, 1):
        assert f"{i}. {step.label}" in shown
    assert "Alternative 1" in shown
    figures = dict(
        re.findall(
            r"<span class='cp-figure-label'>([^<]+)</span><span class='cp-figure-value'>([^<]+)</span>",
            "".join(m.value for m in at.markdown),
        )
    )
    assert figures["Months"] == f"{round(best.months, 1):g}" and figures["Cost"] == f"${best.cost:,.0f}"


def test_plan_timeline_has_a_card_and_a_bar_per_step_with_start_and_end_months():
    from careerpath.app.timeline import when_text

    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/cma")
    html = "\n".join(m.value for m in at.markdown if "cp-" in m.value)
    best = _best([D + "credential/high-school-diploma"], D + "cert/cma")
    assert html.count("class='cp-card'") == len(best.steps) == html.count("class='cp-bar'")
    from careerpath.graph.planning.schedule import schedule

    for s in schedule(best).steps:
        assert when_text(s.start_month, s.end_month, False) in html
    # structured lists, every step's name whole, full or part time said
    assert html.count("<ol aria-label='Timeline of the best route: when each step runs'>") == 1
    assert html.count("<ol class='cp-cards' aria-label='Steps of the route'>") == 1
    for step in best.steps:
        assert f"{step.label}" in html.replace("&#x27;", "'")
    assert "Full time" in html and "Part time" in html


def test_plan_eligible_now_comes_first():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/ccma", exp=D + "role/medical-assistant=2")
    assert not at.exception
    assert at.success[0].value.startswith("**You can already sit for Certified Clinical Medical Assistant**")
    shown = text_of(at)
    assert "**Certified Clinical Medical Assistant**, via CCMA work experience route" in shown


def test_plan_unreachable_target_is_a_clear_message():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "role/case-manager")
    assert not at.exception
    assert "No route to Case manager" in unescaped(at.error[0].value)


def test_plan_form_changes_the_route():
    at = app("plan", form=True, have=D + "credential/high-school-diploma", to=D + "cert/cma")
    at.text_input(key="plan_target").set_value("RMA")
    at.radio(key="plan_by").set_value("cost")
    at.button[0].click().run()
    assert str(at.query_params["to"]).strip("[]'") == D + "cert/rma" and "cost" in str(at.query_params["by"])
    assert "Best route to Registered Medical Assistant" in text_of(at)
    assert not at.text_input and at.session_state["plan_change"] is False  # planned: the form folds away


@pytest.mark.parametrize(
    "typed, label",
    [
        ("CMA", "Certified Medical Assistant"),
        ("cma", "Certified Medical Assistant"),
        ("Medical assistant", "Medical assistant"),
        ("Certified Medical Asistant", "Certified Medical Assistant"),
        ("cert:ncma", "National Certified Medical Assistant"),
    ],
)
def test_target_ranks_exact_labels_and_abbreviations_first(typed, label):
    at = app("plan", have=D + "credential/high-school-diploma", to=typed)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert f"Best route to {label}" in text_of(at)


@pytest.mark.parametrize(
    "query, message",
    [
        ({"to": "zzz"}, "Couldn't find a target called 'zzz'"),
        ({"to": "phlebotomy tech"}, "Closest: "),
        ({"exp": D + "role/medical-assistant=-5"}, "can't be negative: '-5' is read as 0"),
        ({"exp": D + "role/medical-assistant=500"}, "At most 60 years"),
        ({"exp": D + "role/medical-assistant=lots"}, "'lots' is not a number of years"),
        ({"exp": "unicorn=2"}, "Couldn't find a role called 'unicorn'"),
        ({"k": "99"}, "At most 5 routes"),
        ({"k": "zero"}, "'zero' is not a number of routes"),
        ({"by": "fastest"}, "'fastest' is not a way to rank routes"),
        ({"state": "ZZ"}, "knows no state rules for ZZ"),  # every state is a jurisdiction (OEWS wages)
        ({"state": "Washington"}, "not a two-letter state code"),
        ({"have": "unicorn license"}, "Couldn't find a milestone called 'unicorn license'"),
        (
            {"exp": [D + "role/medical-assistant=2", D + "role/phlebotomist=1"]},
            "kept Medical assistant, left out Phlebotomist",
        ),
    ],
)
def test_bad_url_parameters_are_messages_not_tracebacks(query, message):
    at = app("plan", **query)
    assert not at.exception, [e.value for e in at.exception]
    shown = unescaped("\n".join(w.value for w in at.warning) + "\n".join(e.value for e in at.error))
    assert message in shown


def test_long_url_values_are_shortened_when_echoed():
    at = app("plan", to="z" * 5000, have="y" * 5000)
    assert not at.exception
    for message in [w.value for w in at.warning] + [e.value for e in at.error]:
        assert len(message) < 400
    at.session_state["plan_change"] = True  # the form, folded until opened, shows the target shortened
    at.run()
    assert not at.exception
    assert len(at.text_input(key="plan_target").value) <= 120


def test_plan_keeps_the_state_in_the_url_and_the_printable_plan():
    at = app("plan", form=True, have=D + "credential/high-school-diploma", to=D + "role/medical-assistant", state="WA")
    assert not at.exception
    assert str(at.query_params["state"]).strip("[]'") == "WA"
    assert at.selectbox(key="plan_state").value == "WA"
    assert "In Washington, medical assistants need a DOH credential: this route includes Washington" in text_of(at)


def test_sparql_curated_question_and_refusal():
    at = app("sparql", q="outlook")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["period"]) == ["2020-2030", "2024-2034"]
    at.text_area(key="sparql_text").set_value("DELETE WHERE { ?s ?p ?o }")
    at.button(key="sparql_run").click().run()
    assert "Refused" in at.error[0].value


def test_sparql_syntax_error_names_line():
    at = app("sparql")
    at.text_area(key="sparql_text").set_value("SELECT ?s WHERE {\n ?s ?p }")
    at.button(key="sparql_run").click().run()
    assert "line 2" in unescaped(at.error[0].value)


def _validated(**query) -> AppTest:
    """The Data page once the validation started with the app has finished (it runs in its own process)."""
    import time

    at = app("data", **query)
    deadline = time.monotonic() + 300
    while {m.label: m.value for m in at.metric}.get("SHACL validation") == "running…":
        assert time.monotonic() < deadline, "validation did not finish"
        time.sleep(1)
        at = app("data", **query)
    return at


def test_data_page_counts_validation_and_ontology():
    at = _validated(tab="Ontology")
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["SHACL validation"] == "conforms"
    assert int(metrics["Triples"].replace(",", "")) > 3000
    frames = [f.value for f in at.dataframe]
    assert any("class" in f.columns and "Certification" in list(f["class"]) for f in frames)


def test_data_page_does_not_validate_on_its_first_visit():
    from careerpath.app.validation import validation_job

    validation_job.clear()  # a fresh process's state: the job starts with the app, not with the page
    at = app("data")
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}["SHACL validation"]
    if validation_job().process.poll() is None:  # still validating: the page did not wait for it
        assert shown == "running…"
    else:
        assert shown in ("running…", "conforms")


def test_validation_process_is_reaped_when_it_ends():
    """A long-running app leaves no zombie behind its validation (poll() alone reaps only when
    the Data page asks, and a server's children then look busy to whoever watches them)."""
    from careerpath.app.validation import validation_job

    validation_job.clear()
    job = validation_job()
    pid = job.process.pid
    deadline = time.monotonic() + 120
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:  # gone only once reaped
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists(), Path(f"/proc/{pid}/stat").read_text()
    assert job.status()[0] == "conforms"
    validation_job.clear()


def test_data_page_runs_only_its_open_tab():
    at = app("data")
    assert not at.exception
    assert not [f for f in at.dataframe if "class" in f.value.columns]  # the Ontology tab did not run
    assert "Medical assistants: annual wage" not in text_of(at)


def test_wage_charts_say_whose_wages_they_show():
    at = app("data", tab="Wages and outlook")
    shown = text_of(at)
    assert "Medical assistants: annual wage by percentile" in shown
    at.selectbox(key="data_occupation").set_value(D + "role/phlebotomist").run()
    shown = text_of(at)
    assert "Phlebotomists: annual wage by percentile" in shown and "by work setting" not in shown
    amounts = [f.value for f in at.dataframe if "amount" in f.value.columns][0]
    assert list(amounts["amount"]) == [43660.0]


def test_sparql_new_question_never_shows_the_old_results():
    at = app("sparql", q="outlook")
    assert "period" in at.dataframe[0].value.columns
    at.selectbox(key="sparql_question").set_value("eligibility-routes").run()
    assert "period" not in at.dataframe[0].value.columns
    assert "eligibility-routes" in str(at.query_params["q"])


@pytest.mark.parametrize("value", ["cert:ncma", "NCMA", "<" + D + "cert/ncma>", D + "cert/ncma"])
def test_sparql_parameter_takes_prefixed_names_and_names(value):
    at = app("sparql", q="eligibility-routes")
    at.text_input(key="sparql_param_certification").set_value(value).run()
    assert not at.error, [e.value for e in at.error]
    routes = set(at.dataframe[0].value.iloc[:, 0])
    assert routes and all(r.startswith("NCMA") for r in routes), routes


def test_sparql_bad_parameter_and_unknown_question_are_messages():
    at = app("sparql", q="eligibility-routes")
    at.text_input(key="sparql_param_certification").set_value("zzz").run()
    assert "Parameter ?certification: couldn't find 'zzz'" in unescaped(at.error[0].value)
    at = app("sparql", q="q" * 5000)
    assert not at.exception
    assert "no curated question called" in at.warning[0].value and len(unescaped(at.warning[0].value)) < 200


def _option_rows(at: AppTest) -> list[dict]:
    """The options table's rows: target, its link, and each column's main text."""
    from html import unescape

    rows = []
    for tr in re.findall(r"<tr><th scope='row'.*?</tr>", html_of(at)):
        link, target = re.search(r"<a href='([^']+)'>([^<]+)</a>", tr).groups()
        cells = dict(re.findall(r"<td class='cp-opt-(\w+)[^']*' data-label='[^']*'>([^<]*)", tr))
        rows.append({"target": unescape(target), "plan": unescape(link), **{k: unescape(v) for k, v in cells.items()}})
    return rows


def test_options_page_lists_reachable_targets_with_plan_links():
    at = app("options", have=D + "credential/high-school-diploma", exp=D + "role/medical-assistant=2", sort="wage")
    assert not at.exception, [e.value for e in at.exception]
    rows = _option_rows(at)
    wages = [int(r["wage"].strip("$").replace(",", "")) for r in rows if r["wage"]]
    # the occupation's own figures first, best paid first; a broader group's after them (issue 19 item 7)
    first_broader = next((i for i, w in enumerate(wages) if i and w > wages[i - 1]), len(wages))
    assert wages[:first_broader] == sorted(wages[:first_broader], reverse=True) and first_broader > 5
    row = next(r for r in rows if r["target"] == "Phlebotomist")
    assert row["wage_change"] == "−$540"  # 43,660 - 44,200: money one way, a true minus sign
    assert (
        row["plan"].startswith("plan?")
        and "to=https%3A%2F%2Fw3id.org%2Fcareerpath%2Fdata%2Frole%2Fphlebotomist" in row["plan"]
    )
    assert "working as **Medical assistant**" in text_of(at).replace("\\", "")
    assert "Case manager" in text_of(at)


def test_options_money_is_written_one_way_and_missing_figures_are_blank():
    at = app("options", have=D + "credential/high-school-diploma", exp=D + "role/medical-assistant=2")
    html = html_of(at)
    assert not re.search(r">\s*(None|nan|NaN)\s*<", html)
    money = re.findall(r"\$[\d,.]+", html)
    assert money and all(re.fullmatch(r"\$\d{1,3}(,\d{3})*", m) for m in money), [m for m in money if "." in m][:5]
    rows = _option_rows(at)
    cert = next(r for r in rows if r["target"] == "Certified Medical Assistant")
    assert cert["wage"] == "" and cert["growth"] == ""  # a certification has no wage of its own: blank
    # each target's name is a real link, and a screen reader hears the name, not the address
    assert html.count("<a href='plan?") == len(rows) and "open plan" not in html


def test_options_sort_is_outside_the_form_and_in_the_url():
    at = app("options", have=D + "credential/high-school-diploma")
    at.selectbox(key="options_sort").set_value("wage").run()
    assert str(at.query_params["sort"]).strip("[]'") == "wage"
    rows = _option_rows(at)
    assert rows[0]["wage"] and "aria-sort='descending'>Median wage" in html_of(at)


def test_options_page_bad_parameters_are_messages():
    at = app("options", sort="shoe size", by="fast", exp=D + "role/medical-assistant=-3", state="ZZ")
    assert not at.exception
    shown = "\n".join(w.value for w in at.warning)
    for message in ("'shoe size' is not a way to sort", "'fast' is not a way to rank", "can't be negative", "ZZ"):
        assert message in shown


def test_plan_with_a_state():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "role/medical-assistant", state="WA")
    assert not at.exception
    assert "In Washington, medical assistants need a DOH credential" in text_of(at)
    assert "Washington Medical Assistant-Registered" in text_of(at)


def test_state_banner_names_only_what_the_route_includes():
    # a route to the CMA does not lead into the medical assistant role: no WA credential is claimed
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/cma", state="WA")
    assert not at.exception
    assert not [i.value for i in at.info if "this route includes" in i.value]
    assert "WA rules that this route does not touch" in text_of(at)


def test_bad_data_is_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("CAREERPATH_DATA", str(Path(__file__).parent / "data" / "malformed.ttl"))
    from careerpath.app.shared import _load_graph

    _load_graph.clear()
    try:
        at = app()
        assert not at.exception
        assert "malformed.ttl:6" in unescaped(at.error[0].value)
    finally:
        _load_graph.clear()


@pytest.mark.parametrize("page", ["plan", "options"])
def test_add_what_i_hold_by_name_ranks_abbreviations_first(page):
    at = app(page, form=True, to="RMA") if page == "plan" else app(page, form=True)
    at.text_input(key=f"{page}_add").set_value("CMA")
    at.button[0].click().run()
    assert not at.exception
    assert at.multiselect(key=f"{page}_have").value == [D + "cert/cma"]  # not "Case manager"
    assert at.text_input(key=f"{page}_add").value == ""
    at.text_input(key=f"{page}_add").set_value("zzz")
    at.button[0].click().run()
    assert "Couldn't find a milestone called 'zzz'" in unescaped(at.warning[0].value)
    assert at.multiselect(key=f"{page}_have").value == [D + "cert/cma"]


def test_plan_answer_comes_first_with_the_form_folded_under_a_one_line_summary():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/cma")
    assert not at.exception
    first = unescaped(at.markdown[0].value)  # the first thing under the title: the answer in one line
    assert first.startswith("**Certified Medical Assistant** from High school diploma: **12 months** start to end")
    assert at.expander[0].label == "Change what you hold, the target or the ranking"
    assert at.expander[0].proto.expanded is False
    assert not at.text_input and not at.multiselect  # folded, the form is not drawn (no widget code to load)


def test_plan_shows_what_careerpath_assumed_in_the_apps_words():
    at = app("plan", to=D + "cert/cma")  # no diploma given: careerpath assumes an adult without one
    infos = [unescaped(i.value) for i in at.info]
    assumed = next(i for i in infos if i.startswith("**What careerpath assumed**"))
    assert "passes a high school equivalency test" in assumed and "add it under What I hold" in assumed
    assert "--have" not in assumed and "--enrolled" not in assumed  # the command line's flags mean nothing here
    html = "\n".join(m.value for m in at.markdown if "cp-card" in m.value)
    assert "or Pass the HiSET exam" in html  # the step's alternative


def test_options_say_what_careerpath_assumed_as_a_plan_does():
    at = app("options")  # nothing held: every target's months start with an equivalency test
    assumed = next(unescaped(i.value) for i in at.info if unescaped(i.value).startswith("**What careerpath assumed**"))
    assert "passes a high school equivalency test" in assumed and "--have" not in assumed
    at = app("options", have=D + "credential/high-school-diploma")
    assert not [i for i in at.info if "What careerpath assumed" in unescaped(i.value)]


def test_plan_shows_the_tradeoffs_after_the_best_route():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/cpc", by="cost")
    assert not at.exception
    shown = text_of(at)
    assert "Trade-offs" in [s.value for s in at.subheader]
    assert "**Ends 24.4 months sooner for $2,000 more**" in shown  # the course, then the exam (2026-12-03)
    headings = [s.value for s in at.subheader]
    assert headings.index("Best route to Certified Professional Coder") < headings.index("Trade-offs")


def test_plan_shows_a_steps_availability_and_commitment():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "role/registered-nurse")
    html = "\n".join(m.value for m in at.markdown if "cp-card" in m.value).replace("&#x27;", "'")
    assert "Competitive: community colleges turn qualified applicants away" in html
    assert "Full time" in html


def test_plan_opens_on_the_target_just_explored():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["node"] = D + "cert/rma"
    at.run()
    assert at.session_state["explored"] == D + "cert/rma"
    at.query_params.clear()
    at.session_state["plan_change"] = True  # the form unfolded, to read its target
    at.switch_page(str(SECTIONS / "plan.py")).run()
    assert not at.exception
    assert at.text_input(key="plan_target").value == "Registered Medical Assistant"
    assert "Best route to Registered Medical Assistant" in text_of(at)


@pytest.mark.parametrize("page", ["plan", "options", None, "sparql"])
def test_a_url_value_is_never_drawn_as_markdown(page):
    evil = "[Session expired](https://evil.example)"
    query = (
        {"have": evil, "to": "CMA"} if page in ("plan", "options") else {"node": evil} if page is None else {"q": evil}
    )
    at = app(page, **query)
    assert not at.exception
    messages = [w.value for w in at.warning] + [e.value for e in at.error]
    assert messages and any("Session expired" in m for m in messages)
    for m in messages:  # every bracket, parenthesis and colon of the value escaped: text, never a link
        assert "](" not in m and "https://" not in m and "\\[Session expired\\]" in m
