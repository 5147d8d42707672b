"""The ``careerpath`` command line.

Every command reads the data and never writes it. Errors are messages on stderr with an
exit code, never a traceback: 0 success; 1 invalid or malformed data (or failed query);
2 a bad argument, or an unknown or ambiguous name (stderr lists the closest labels);
3 no route from this profile (stderr names the requirement that cannot be met).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import (
    AmbiguousNameError,
    CareerPathError,
    DataSyntaxError,
    NoRouteError,
    ProfileError,
    UnknownNameError,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_NO_ROUTE = 0, 1, 2, 3
KINDS = ("primary", "secondary", "weak")  # evidence levels, strongest first (as graph.provenance.KINDS)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class UsageError(CareerPathError):
    """A command-line argument that cannot be used."""


# ---------------------------------------------------------------------- helpers
def _load():
    from ..core import CareerGraph

    return CareerGraph.load()


def _parse_date(text: str) -> datetime.date:
    match = _DATE.match(text.strip())
    if not match:
        raise UsageError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        return datetime.date(year, month, day)
    except ValueError as err:
        raise UsageError(f"{text!r} is not a date: {err}") from err


def _split_have(values: Sequence[str]) -> tuple[list[str], dict[str, datetime.date]]:
    names, dates = [], {}
    for value in values:
        name, sep, when = value.rpartition("@")
        if sep and _DATE.match(when.strip()):
            names.append(name)
            dates[name] = _parse_date(when)
        else:
            names.append(value)
    return names, dates


def _split_experience(values: Sequence[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for value in values:
        name, sep, years = value.rpartition("=")
        if not sep or not name.strip():
            raise UsageError(f"--experience takes NAME=YEARS, not {value!r}")
        try:
            number = float(years)
        except ValueError:
            raise UsageError(f"years of experience must be a number, not {years!r} (in {value!r})") from None
        if number != number or number in (float("inf"), float("-inf")) or number < 0:
            raise UsageError(f"years of experience must be zero or more, not {years!r} (in {value!r})")
        out[name.strip()] = number
    return out


def _profile(cg, args):
    names, dates = _split_have(args.have or [])
    experience = _split_experience(args.experience or [])
    as_of = _parse_date(args.as_of) if getattr(args, "as_of", None) else None
    state = getattr(args, "state", None)
    if state is not None and not re.fullmatch(r"[A-Za-z]{2}", state.strip()):
        raise UsageError(f"--state takes a two-letter state code such as WA, not {state!r}")
    return cg.profile(have=names, experience=experience, dates=dates, as_of=as_of, state=state)


# ---------------------------------------------------------------------- commands
def cmd_validate(args) -> int:
    from ..core import CareerGraph
    from ..loading.rdf import default_data_files

    files = default_data_files() + [Path(p) for p in args.files]
    for path in args.files:
        if not Path(path).is_file():
            raise UsageError(f"no such file: {path}")
    try:
        cg = CareerGraph.load(files)
    except DataSyntaxError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_DATA
    report = cg.validate()
    print(report.text())
    print(f"({len(files)} data file(s), {len(cg.rdf)} triples)")
    return EXIT_OK if report.conforms else EXIT_DATA


def cmd_show(args) -> int:
    cg = _load()
    from ..presenting.describe import describe

    description = describe(cg.rdf, cg.resolve(args.name))
    if args.json:
        print(json.dumps(description.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{description.label}  <{description.id}>")
    print(f"types: {', '.join(description.types)}")
    if description.estimate:
        print("note: careerpath's estimate, not a sourced figure (see 'estimate rationale')")
    print("facts:")
    for fact in description.facts:
        print(f"  {fact.property}: {fact.value}")
    if description.linked_from:
        print("linked from:")
        for fact in description.linked_from:
            print(f"  {fact.property}: {fact.value}")
    disagreements = cg.disagreements(description.id)
    if disagreements:
        print("where sources disagree:")
        for d in disagreements:
            print(f"  {d['label']}")
            for c in d["claims"]:
                mark = "current" if c["current"] else "not used"
                print(f"    - {c['says']} ({mark})")
            if d["resolution"]:
                print(f"    careerpath: {d['resolution']}")
    if description.weight is not None:
        print(f"weight: {description.weight.note}")
    for figure, weight in description.figure_weights.items():
        print(f"weight of its {figure}: {weight.note}")
    print("sources:")
    for s in sorted(
        description.sources, key=lambda s: (KINDS.index(s.evidence) if s.evidence in KINDS else 9, s.label)
    ):
        extra = ", ".join(x for x in (s.publisher, s.date or "undated") if x)
        print(f"  - [{s.evidence or 'no evidence level'}] {s.label} ({extra})" + (f" {s.url}" if s.url else ""))
        if s.read_at:
            print(f"      read at a copy: {s.read_at}")
    return EXIT_OK


def _fact_line(fact) -> str:
    kinds = ", ".join(f"{s.label} ({s.kind or 'no evidence level'}, {s.date or 'undated'})" for s in fact.sources)
    types = f" [{', '.join(fact.types)}]" if fact.types else ""
    return f"  - {fact.label}{types} <{fact.id}>\n      {kinds}"


def cmd_sources(args) -> int:
    from ..presenting.provenance import (
        cutoff_date,
        list_sources,
        older_facts,
        summary_json,
        undated_facts,
        weak_facts,
        weak_figures,
    )

    as_of = _parse_date(args.as_of) if args.as_of else datetime.date.today()
    years = None
    if args.older_than is not None:
        try:
            years = float(args.older_than)
        except ValueError:
            raise UsageError(f"--older-than takes a number of years, not {args.older_than!r}") from None
        if years != years or years in (float("inf"), float("-inf")) or years < 0:
            raise UsageError(f"--older-than takes zero or more years, not {args.older_than!r}")
    graph = _load().rdf
    if args.json:
        print(
            json.dumps(summary_json(graph, weak=args.weak, older_than=years, as_of=as_of), indent=2, ensure_ascii=False)
        )
        return EXIT_OK
    if not args.weak and years is None:
        sources = list_sources(graph)
        counts = {k: sum(1 for s in sources if s.kind == k) for k in KINDS}
        print(f"{len(sources)} sources: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        print(f"{'kind':<10} {'date':<11} {'facts':>5}  source")
        for s in sources:
            who = f" ({s.publisher})" if s.publisher else ""
            print(f"{s.kind or '?':<10} {s.date or 'undated':<11} {s.facts:>5}  {s.label}{who}")
            if s.url:
                print(f"{'':<30}{s.url}")
            if s.read_at:
                print(f"{'':<30}read at a copy: {s.read_at}")
        return EXIT_OK
    if args.weak:
        facts = weak_facts(graph)
        print(f"{len(facts)} fact(s) rest only on weak sources:")
        for fact in facts:
            print(_fact_line(fact))
        # figures of facts listed above are weak with them; these are weak under a stronger fact
        figures = weak_figures(graph, under_stronger=True)
        print(f"{len(figures)} more figure(s) rest only on weak sources, though their fact has a stronger source:")
        for fact, figure in figures:
            print(f"  - the {figure} of {fact.label} <{fact.id}> (the fact itself {fact.weight.note})")
    if years is not None:
        if args.weak:
            print()
        cutoff = cutoff_date(years, as_of)
        facts = older_facts(graph, years, as_of)
        print(f"{len(facts)} fact(s) whose newest source is older than {years:g} year(s) (before {cutoff}):")
        for fact in facts:
            print(_fact_line(fact))
        undated = undated_facts(graph)
        print(f"{len(undated)} more fact(s) rest only on undated sources: their age is unknown (--json lists them).")
    return EXIT_OK


def cmd_export(args) -> int:
    from ..presenting.export import export

    cg = _load()
    text = export(cg.rdf, args.format)
    if args.output:
        out = Path(args.output).resolve()
        from careerpath import ontology

        data_dir = ontology.HERE
        if data_dir in out.parents or out == data_dir:
            raise UsageError("refusing to write into the ontology folder: careerpath never modifies its data files")
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({len(text):,} characters)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _state_json(cg, profile, routes=()) -> dict | None:
    """The state's rules split by the routes: the credentials they include, and the rules for
    roles they do not reach (issue 12 item 8)."""
    from ..planning import state_rules

    if not profile.state:
        return None
    rules = state_rules(cg.projection, profile.state, profile.as_of)
    lapsed = [r for r in state_rules(cg.projection, profile.state, every=True) if r not in rules]
    included, elsewhere = [], []
    for r in rules:
        entry = {"id": r.id, "label": r.label, "requires": {"id": r.milestone, "label": cg.label(r.milestone)}}
        # The rule belongs to a route whose steps need its milestone (the planner added it):
        # say what in the route meets it.
        met = next(
            (
                sat
                for route in routes
                for s in route.steps
                for (req, _), sat in zip(s.requires, s.satisfied_by, strict=True)
                if req == r.milestone
            ),
            None,
        )
        if met is not None:
            included.append({**entry, "met_by": {"id": met.id, "label": met.label, "how": met.how}})
        else:
            elsewhere.append({**entry, "role": {"id": r.role, "label": cg.label(r.role)}})
    return {
        "code": profile.state,
        "known": bool(rules or lapsed),
        "rules": included,
        "other_rules": elsewhere,
        "not_in_force": [{"id": r.id, "label": r.label, **_rule_dates(r)} for r in lapsed],
        "note": None
        if rules
        else (
            f"no known {profile.state} rule is in force on {(profile.as_of or datetime.date.today()).isoformat()} "
            f"(not in force: {'; '.join(r.label for r in lapsed)})"
            if lapsed
            else f"no state rule is known for {profile.state}: the route may miss state requirements"
        ),
    }


def _rule_dates(rule) -> dict:
    return {
        "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
        "valid_until": rule.valid_until.isoformat() if rule.valid_until else None,
    }


def _range_json(value) -> list | None:
    return None if value is None else [value[0], value[1]]


def _condition_json(cg, cond) -> dict:
    return {
        "id": cond.id,
        "label": cond.label,
        "requires": {"id": cond.requirement, "label": cg.label(cond.requirement)},
        "within_months": cond.window_months,
        "minimum_years": cond.years,
        "minimum_hours": cond.hours,
    }


def _step_json(cg, s) -> dict:
    out = {
        "id": s.id,
        "label": s.label,
        "achieves": {"id": s.achieves[0], "label": s.achieves[1]},
        "requires": [
            {
                "id": i,
                "label": lab,
                "satisfied_by": {
                    "id": sat.id,
                    "label": sat.label,
                    "how": sat.how,
                    **({"years": sat.years} if sat.years is not None else {}),
                },
            }
            for (i, lab), sat in zip(s.requires, s.satisfied_by, strict=True)
        ],
        "months": s.months,
        "cost_usd": s.cost,
        "estimate": s.estimate,
        "months_range": _range_json(s.months_range),
        "cost_range": _range_json(s.cost_range),
        "months_estimate": s.months_estimate,
        "cost_estimate": s.cost_estimate,
        "start_month": s.start_month,
        "end_month": s.end_month,
        "must_be_current": s.must_be_current,
        "source_weight": s.source_weight,
        "months_source_weight": s.months_weight,
        "cost_source_weight": s.cost_weight,
        "date_note": s.date_note,
        "sources": cg.source_refs(s.sources),
    }
    if s.kind == "route":
        out["conditions"] = [_condition_json(cg, c) for c in s.conditions]
    return out


def _route_json(cg, target: str, by: str, profile, routes) -> dict:
    extra = {"state": _state_json(cg, profile, routes)} if profile.state else {}
    if profile.as_of:
        extra["as_of"] = profile.as_of.isoformat()
    return {
        "target": {"id": target, "label": cg.label(target)},
        "by": by,
        "profile": {
            "have": [
                {"id": m, "label": cg.label(m), **({"date": d.isoformat()} if d else {})}
                for m, d in profile.have.items()
            ],
            "experience": [{"id": r, "label": cg.label(r), "years": y} for r, y in profile.experience.items()],
        },
        "routes": [
            {
                "steps": [_step_json(cg, s) for s in r.steps],
                "reached_by": None
                if r.reached_by is None
                else {"id": r.reached_by.id, "label": r.reached_by.label, "how": r.reached_by.how},
                "total": {
                    "steps": len(r.steps),
                    "months": r.months,
                    "cost_usd": r.cost,
                    "unknown_months": list(r.unknown_months),
                    "unknown_cost": list(r.unknown_cost),
                    "months_range": list(r.months_range),
                    "cost_range": list(r.cost_range),
                    "elapsed_months": r.elapsed_months,
                    "overlaps": [list(pair) for pair in r.overlaps],
                },
            }
            for r in routes
        ],
        **extra,
    }


def cmd_route(args) -> int:
    cg = _load()
    profile = _profile(cg, args)
    target = cg.resolve(args.to, ("https://w3id.org/careerpath/ontology#Milestone",), what="milestone")
    routes = cg.plan(profile, target, by=args.by, k=args.alternatives)
    if args.json:
        print(json.dumps(_route_json(cg, target, args.by, profile, routes), indent=2, ensure_ascii=False))
        return EXIT_OK
    from ..presenting.text import route_text

    print(route_text(cg, target, args.by, profile, routes))
    state = _state_json(cg, profile, routes)
    if state is not None:
        print()
        if state["note"]:
            print(f"Note: {state['note']}.")
        for rule in state["rules"]:
            what = "you hold" if rule["met_by"]["how"] == "held" else "the route includes"
            print(f"State rule ({state['code']}): {rule['label']}; {what}: {rule['met_by']['label']}")
        for rule in state["other_rules"]:
            print(
                f"State rule ({state['code']}) for a role this route does not reach: {rule['label']}"
                f" (needs {rule['requires']['label']})"
            )
    return EXIT_OK


def cmd_eligible(args) -> int:
    cg = _load()
    profile = _profile(cg, args)
    result = cg.eligible(profile)
    if args.json:
        print(
            json.dumps(
                {
                    "eligible": [
                        {"id": e.id, "label": e.label, "via": {"id": e.via[0], "label": e.via[1]}, "date_note": e.note}
                        for e in result.eligible
                    ],
                    "not_yet": [
                        {
                            "id": n.id,
                            "label": n.label,
                            "missing": [{"id": i, "label": lab} for i, lab in n.missing],
                            "closest": {"id": n.via[0], "label": n.via[1]},
                        }
                        for n in result.not_yet
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    print("You can sit for:" if result.eligible else "You cannot sit for any certification yet.")
    for e in result.eligible:
        print(f"  - {e.label}, via {e.via[1]}" + (f" ({e.note})" if e.note else ""))
    if result.not_yet:
        print("Not yet:")
        for n in result.not_yet:
            print(f"  - {n.label}: closest is {n.via[1]}, which still needs " + "; ".join(lab for _, lab in n.missing))
    return EXIT_OK


def cmd_options(args) -> int:
    from ..planning.options import options, options_json, sort_options
    from ..planning.schedule import range_text
    from ..presenting.text import money

    cg = _load()
    profile = _profile(cg, args)
    result = options(cg, profile, by=args.by)
    if args.sort and args.sort != args.by:
        result = type(result)(**{**result.__dict__, "options": tuple(sort_options(result.options, args.sort))})
    state = _state_json(cg, profile)
    if args.json:
        payload = options_json(cg, result, profile)
        if state is not None:
            payload["state"] = state
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    if state is not None and state["note"]:
        print(f"Note: {state['note']}.")
    current = result.current_role
    if current is not None:
        wage = money(current.median_wage) if current.median_wage is not None else "median wage unknown"
        print(f"Current role: {current.label} ({wage} a year)")
    print(f"{len(result.options)} role(s) and certification(s) within reach (best route by {args.by}):")
    for o in result.options:
        m = o.market
        facts = [range_text(o.months_range, "months"), range_text(o.cost_range, "cost"), f"{o.steps} step(s)"]
        if o.unknown_months:
            facts[0] += f" + {o.unknown_months} step(s) of unknown duration"
        if o.unknown_cost:
            facts[1] += f" + {o.unknown_cost} step(s) of unknown cost"
        line = f"  - {o.label} [{o.kind}]: " + ", ".join(facts)
        if m.median_wage is not None:
            line += f"; median {money(m.median_wage)} a year ({m.wage_date})"
            if o.wage_change is not None:
                line += f", {'+' if o.wage_change >= 0 else '-'}{money(abs(o.wage_change))} over now"
        if m.growth_percent is not None:
            line += f"; growth {m.growth_percent:g}% ({m.growth_period})"
        if m.openings_per_year is not None:
            line += f", {m.openings_per_year:,} openings a year"
        print(line)
    if result.held:
        print("Already held: " + ", ".join(label for _, label in result.held))
    if result.unreachable:
        print("No route from here: " + ", ".join(label for _, label in result.unreachable))
    return EXIT_OK


def _port_in_use(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on, or None when it can."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        return f"cannot resolve host {host!r}: {err.strerror}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is no obstacle
        try:
            probe.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use; choose another with --port"
            return f"cannot listen on {host}:{port}: {err.strerror}"
    return None


def cmd_app(args) -> int:
    script = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"  # careerpath/app beside careerpath/graph
    problem = _port_in_use(args.host, args.port)
    if problem:
        raise UsageError(problem)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        args.host,
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",  # end users get no "Deploy" button or developer menu
        "--server.fileWatcherType",
        "none",  # served, not edited: no watch on ~1,000 module files per new session
    ]
    print(f"careerpath app on http://{args.host}:{args.port}", file=sys.stderr, flush=True)
    sys.stdout.flush()
    # Replace this process with Streamlit's, so a signal to `careerpath app` (Ctrl-C, kill,
    # systemd, a container's stop) reaches the server itself and stops it.
    os.execv(sys.executable, command)
    return EXIT_OK  # pragma: no cover - execv does not return


def _term(text: str, cg=None, default=None):
    """A value given on the command line as an RDF term.

    ``<IRI>`` and careerpath's prefixed names (``cert:ncma``) are IRIs. Where the variable's
    default is an IRI (a curated question's or a file's ``# parameter:``), any other value is a
    name, resolved as ``route`` resolves names (``NCMA``, ``Certified Medical Assistant``); where
    it is a literal, the value takes its datatype. Otherwise numbers are numbers and the rest text.
    """
    import rdflib

    from ..loading.rdf import PREFIXES

    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return rdflib.URIRef(text[1:-1])
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return rdflib.URIRef(PREFIXES[prefix] + local)
    if isinstance(default, rdflib.URIRef):
        if re.match(r"https?://", text):
            return rdflib.URIRef(text)
        return rdflib.URIRef(cg.resolve(text))  # UnknownNameError / AmbiguousNameError: exit 2
    if isinstance(default, rdflib.Literal) and default.datatype is not None:
        import logging

        log = logging.getLogger("rdflib.term")  # it logs a traceback for an ill-typed value
        level, log.level = log.level, logging.CRITICAL
        try:
            literal = rdflib.Literal(text, datatype=default.datatype)
        finally:
            log.setLevel(level)
        if literal.ill_typed:
            raise UsageError(f"{text!r} is not a valid {default.datatype.n3(_namespaces())}")
        return literal
    if isinstance(default, rdflib.Literal):
        return rdflib.Literal(text, lang=default.language)
    for kind in (int, float):
        try:
            return rdflib.Literal(kind(text))
        except ValueError:
            pass
    return rdflib.Literal(text)


def _namespaces():
    import rdflib

    from ..loading.rdf import bind_prefixes

    return bind_prefixes(rdflib.Graph()).namespace_manager


def _bindings(values, text: str = "", defaults=None, cg=None) -> dict:
    """``--bind NAME=VALUE`` options as RDF terms; a variable the query does not have is an error."""
    from ..querying import query_variables

    defaults = defaults or {}
    variables = query_variables(text) if text else None
    out = {}
    for value in values or []:
        name, sep, term = value.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise UsageError(f"--bind takes NAME=VALUE, not {value!r}")
        if variables is not None and name not in variables:
            known = ", ".join(f"?{v}" for v in sorted(variables)) or "none"
            raise UsageError(f"--bind {name}: the query has no variable ?{name} (its variables: {known})")
        out[name] = _term(term, cg, defaults.get(name))
    return out


_CLI_FORMATS = {"SELECT": ("table", "csv", "json"), "ASK": ("table", "csv", "json")}


def _table(result, cg) -> str:
    from ..loading.labels import label_of

    if result.form == "ASK":
        return "yes" if result.boolean else "no"
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize("turtle").decode("utf-8")

    def cell(value) -> str:
        if value is None:
            return ""
        import rdflib

        if isinstance(value, rdflib.URIRef):
            label = label_of(cg.rdf, value)
            short = cg.rdf.namespace_manager.normalizeUri(value)
            return f"{label} ({short})" if label != short.rsplit(":", 1)[-1] else short
        return str(value)

    rows = [[cell(v) for v in row] for row in result.rows]
    widths = [max([len(h)] + [min(len(r[i]), 60) for r in rows]) for i, h in enumerate(result.vars)]
    line = lambda cells: "  ".join(c[:60].ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()  # noqa: E731
    out = [line(result.vars), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out)


def cmd_query(args) -> int:
    from ..querying import check_query, curated_query, query_parameters

    sources = [x for x in (args.expression, args.file, args.name) if x]
    if len(sources) != 1:
        raise UsageError("give exactly one of -e TEXT, FILE.rq or --name QUESTION")
    if args.name:
        question = curated_query(args.name)
        text, defaults = question.text, dict(question.parameters)
    else:
        if args.file:
            path = Path(args.file)
            if not path.is_file():
                raise UsageError(f"no such file: {path}")
            text = check_query(path.read_bytes()).text  # too long, not UTF-8, malformed: a message
        else:
            text = args.expression
        defaults = query_parameters(text)  # a file's "# parameter:" defaults, as --name applies them
    form = check_query(text).form
    allowed = _CLI_FORMATS.get(form, ("table", "turtle"))
    fmt = args.format or ("turtle" if form in ("CONSTRUCT", "DESCRIBE") else "table")
    if fmt not in allowed:
        raise UsageError(f"a {form} query cannot be written as {fmt}; use {', '.join(allowed[:-1])} or {allowed[-1]}")
    cg = _load()
    bindings = {**defaults, **_bindings(args.bind, text, defaults, cg)}
    service = cg.query_service(timeout=args.timeout, max_rows=args.max_rows)
    result = service.run(text, bindings)
    if fmt == "table":
        print(_table(result, cg))
    else:
        out = result.serialize({"turtle": "turtle", "json": "json", "csv": "csv"}[fmt])
        sys.stdout.write(out.decode("utf-8"))
        if not out.endswith(b"\n"):
            sys.stdout.write("\n")
    rows = f"{len(result.rows)} row(s)" if result.form == "SELECT" else result.form
    note = "; truncated: more rows exist (raise --max-rows)" if result.truncated else ""
    print(f"({rows} in {result.elapsed_ms:.0f} ms{note})", file=sys.stderr)
    return EXIT_OK


def cmd_queries(args) -> int:
    from ..querying import curated_queries

    for q in curated_queries():
        params = ", ".join(f"?{k} = {v.n3()}" for k, v in q.parameters.items())
        print(f"{q.name}\n    {q.question or q.title}" + (f"\n    parameters: {params}" if params else ""))
    return EXIT_OK


def cmd_serve(args) -> int:
    import signal

    from ..querying.server import serve

    problem = _port_in_use(args.host, args.port)
    if problem:
        raise UsageError(problem)
    cg = _load()

    def stop(signum, frame):  # SIGTERM stops the server as Ctrl-C does: cleanly, exit 0
        raise KeyboardInterrupt

    # SIGINT too, explicitly: a process started in the background by a script inherits SIGINT
    # ignored, and Python then never turns it into KeyboardInterrupt (`kill -INT` did nothing)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        serve(cg.query_service(timeout=args.timeout, max_rows=args.max_rows), args.host, args.port)
    except OSError as err:  # the port was taken between the check and the bind
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {err.strerror}") from None
    return EXIT_OK


def cmd_load(args) -> int:
    from ..loading.stores import load_into

    count = load_into(args.into)
    print(f"loaded {count:,} triples into {args.into}", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------------- parser
def _profile_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--have",
        action="append",
        metavar="NAME[@DATE]",
        help="a milestone you hold (repeatable); add @YYYY[-MM[-DD]] for when you reached it",
    )
    parser.add_argument(
        "--experience", action="append", metavar="NAME=YEARS", help="years of experience in a role (repeatable)"
    )
    parser.add_argument("--as-of", metavar="DATE", help="use the rules in force on this date (default: current rules)")
    parser.add_argument("--state", metavar="XX", help="a US state's code (WA, SD, CA...): add its practice rules")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careerpath", description="Explore, query and plan routes through careerpath's knowledge graph."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check the data against the SHACL shapes")
    p.add_argument("files", nargs="*", metavar="FILE", help="extra Turtle files to validate with the shipped data")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("show", help="show one entity: facts with units, links, sources")
    p.add_argument("name", help="a label, abbreviation or IRI")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("sources", help="list sources with their kind, date and how many facts rest on each")
    p.add_argument("--weak", action="store_true", help="list the facts resting only on weak sources")
    p.add_argument("--older-than", metavar="YEARS", help="list the facts whose newest source is older than YEARS years")
    p.add_argument("--as-of", metavar="DATE", help="count --older-than back from this date (default today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("export", help="export the graph")
    p.add_argument("--format", choices=("turtle", "json-ld", "graphml"), default="turtle")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("route", help="plan the best routes to a target")
    p.add_argument("--to", required=True, metavar="NAME", help="the target: a role, certification or program")
    _profile_options(p)
    p.add_argument(
        "--by", choices=("steps", "months", "cost"), default="months", help="what to minimise (default months)"
    )
    p.add_argument("--alternatives", type=_positive_int, default=1, metavar="K", help="how many routes (default 1)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_route)

    p = sub.add_parser("eligible", help="which certifications you can sit for now")
    _profile_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_eligible)

    p = sub.add_parser("options", help="every role and certification you can reach, with time, cost and wages")
    _profile_options(p)
    p.add_argument(
        "--by", choices=("steps", "months", "cost"), default="months", help="each target's best route (default months)"
    )
    p.add_argument(
        "--sort",
        choices=("months", "cost", "steps", "wage", "wage_change", "growth", "openings", "label"),
        default=None,
        help="order of the list (default: as --by)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_options)

    p = sub.add_parser("app", help="start the Streamlit app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_app)

    p = sub.add_parser("query", help="run a SPARQL query (read-only, time-limited)")
    p.add_argument("file", nargs="?", metavar="FILE.rq", help="a file holding the query")
    p.add_argument("-e", "--expression", metavar="TEXT", help="the query text")
    p.add_argument("--name", metavar="QUESTION", help="a curated question (see 'careerpath queries')")
    p.add_argument("--bind", action="append", metavar="NAME=VALUE", help="bind a variable (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json", "turtle"), help="output format")
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="time limit in seconds (default 10)")
    p.add_argument("--max-rows", type=_positive_int, default=None, metavar="N", help="row cap (default 10000)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the curated questions")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("serve", help="serve a SPARQL 1.1 Protocol endpoint at /sparql")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="time limit per query (default 10)")
    p.add_argument("--max-rows", type=_positive_int, default=None, metavar="N")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("load", help="bulk-load the data into an Oxigraph folder or a SPARQL server")
    p.add_argument("--into", required=True, metavar="DIR|URL", help="a folder, or a Graph Store endpoint URL")
    p.set_defaults(func=cmd_load)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except AmbiguousNameError as err:
        print(f"error: {err}", file=sys.stderr)
        for iri, label in err.matches:
            print(f"  - {label} <{iri}>", file=sys.stderr)
        return EXIT_USAGE
    except UnknownNameError as err:
        print(f"error: no {err.what} named {err.name!r}", file=sys.stderr)
        if err.matches:
            print("closest matches:", file=sys.stderr)
            for iri, label in err.matches:
                print(f"  - {label} <{iri}>", file=sys.stderr)
        return EXIT_USAGE
    except NoRouteError as err:
        print(f"error: {err}", file=sys.stderr)
        for iri, label in err.unmet:
            print(f"  cannot meet: {label} <{iri}>", file=sys.stderr)
        return EXIT_NO_ROUTE
    except (UsageError, ProfileError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except DataSyntaxError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_DATA
    except CareerPathError as err:  # QueryError and the rest
        print(f"error: {err}", file=sys.stderr)
        return EXIT_DATA
    except BrokenPipeError:  # e.g. `careerpath export | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
