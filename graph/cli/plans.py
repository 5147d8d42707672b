"""Commands that plan: ``route``, ``eligible`` and ``options``. Each parses its arguments, asks
planning for the answer, builds its view (``presenting``) and prints it; nothing more."""

from __future__ import annotations

from .common import EXIT_OK, load, positive_int, print_json, profile_of, profile_options

MILESTONE = "https://w3id.org/careerpath/ontology#Milestone"


def _print_kept(command: str, args, build) -> int:
    """Print the text or JSON answer ``build`` gives (kept per profile: ``answer_of``)."""
    answer = answer_of(load(), command, args, build, lambda v: isinstance(v.get("text"), str))
    if args.json:
        print_json(answer["json"])
    else:
        print(answer["text"])
    return EXIT_OK


def cmd_route(args) -> int:
    return _print_kept("route", args, _route_answer)


def _route_answer(cg, args) -> dict:
    from ..core import MILESTONE_WORDS
    from ..errors import NoRouteError
    from ..presenting.route_json import route_json
    from ..presenting.route_view import route_answer
    from ..presenting.text import route_text

    profile = profile_of(cg, args)
    target = cg.resolve(args.to, (MILESTONE,), what=MILESTONE_WORDS)
    try:
        routes = cg.plan(profile, target, by=args.by, k=args.alternatives)
    except NoRouteError as err:
        if [iri for iri, _ in err.unmet] == [target]:  # nothing in the data leads to it: say what does
            err.related = related_targets(cg, target)
        raise
    answer = route_answer(
        cg, target, args.by, profile, routes, tradeoffs=cg.tradeoffs(profile, target, args.by, routes)
    )
    return {"text": route_text(answer), "json": route_json(answer)}


def related_targets(cg, target: str, n: int = 5) -> list[tuple[str, str]]:
    """Targets named like ``target`` that some step in the data leads to: what a person asking
    for a role careerpath cannot plan yet (a dentist) may plan instead (a dental assistant)."""
    reached = {step.achieves for step in cg.projection.steps.values()}
    named = cg.names.suggest(cg.label(target), n=50, kinds=(MILESTONE,))
    return [(iri, label) for iri, label in named if iri != target and iri in reached][:n]


def cmd_eligible(args) -> int:
    return _print_kept("eligible", args, _eligible_answer)


def _eligible_answer(cg, args) -> dict:
    from ..presenting.formats import assumed_lines, profile_assumptions
    from ..presenting.route_json import eligible_json
    from ..presenting.text import eligible_text

    profile = profile_of(cg, args)
    result = cg.eligible(profile)
    assumed = profile_assumptions(cg.projection, profile, cg.label)  # most plans' months count from there
    text = "\n".join([*assumed_lines(assumed), eligible_text(result)])
    return {"text": text, "json": {"assumptions": assumed, **eligible_json(result)}}


def cmd_options(args) -> int:
    from ..planning.options import Options, sort_options
    from ..presenting.formats import assumed_lines
    from ..presenting.options_view import options_text

    cg = load()
    answer = answer_of(cg, "options", args, _options_answer, lambda v: isinstance(v.get("options"), Options))
    result = answer["options"]
    if args.sort and args.sort != args.by:
        result = type(result)(**{**result.__dict__, "options": tuple(sort_options(result.options, args.sort))})
    if args.json:  # each option's entry is its own: in the order of the list, as options_json makes it
        payload = answer["json"]
        entries = {entry["id"]: entry for entry in payload["options"]}
        print_json({**payload, "options": [entries[o.id] for o in result.options]})
        return EXIT_OK
    for line in assumed_lines(answer["json"].get("assumptions", ())):
        print(line)
    if answer["note"]:
        print(f"Note: {answer['note']}.")
    print(options_text(result, args.by, args.sort))
    return EXIT_OK


def _options_answer(cg, args) -> dict:
    from ..planning.options import options
    from ..presenting.formats import profile_assumptions
    from ..presenting.options_view import options_json

    profile = profile_of(cg, args)
    # The text, the sorts and the JSON read an option's market in the nation and the profile's
    # state only: the other states' figures are not read from the cache (``markets_in``).
    kept = {"US", profile.state} - {None}
    result = options(cg, profile, by=args.by, areas=kept)
    assumed = profile_assumptions(cg.projection, profile, cg.label)  # most options' months count from there
    payload = {"assumptions": assumed, **options_json(cg, result, profile)}
    state = None
    if profile.state:  # without one there is no state view: its module's ten view classes are not made
        from ..presenting.route_json import state_json
        from ..presenting.route_view import state_view

        state = state_view(cg, profile)
        if state is not None:
            payload["state"] = state_json(state)
    return {"options": result, "note": state.note if state is not None else None, "json": payload}


_PRINTING = frozenset({"json", "sort"})  # how an answer is printed, not what it is


def answer_of(cg, command: str, args, build, check) -> dict:
    """The answer ``build(cg, args)`` gives ``command`` for the arguments on the command line (the
    profile, ``--by``, ``route``'s ``--to`` and ``--alternatives``: all but ``--json`` and
    ``--sort``), kept in the compiled cache beside the graph it was computed from (``cached``).

    Its name is today's date and a hash of the arguments as typed and of that date (a
    profile without ``--as-of`` is planned with the rules in force today, and its time windows
    end today); the entry's key covers the data files, careerpath's code and Python, so a changed
    file is never answered from an older answer. An answer does not depend on ``--sort``: the
    commands sort and print it. An argument that fails is never kept (``build`` raises first).
    Computing an answer removes the answers of this key kept on other days.
    """
    import datetime
    import hashlib
    import json

    if cg.key is None:  # the cache is off, or the graph comes from a store: no answer is kept
        return build(cg, args)
    today = datetime.date.today().strftime("%Y%m%d")
    # every argument but how the answer is printed, so an option added later is part of the name
    typed = {k: v for k, v in sorted(vars(args).items()) if k not in _PRINTING and not callable(v)}
    name = (
        f"answer_{today}_" + hashlib.sha256(json.dumps([command, today, typed], default=str).encode()).hexdigest()[:40]
    )

    def compute(cg) -> dict:
        answer = build(cg, args)
        _drop_answers(cg.key, keep=f"answer_{today}_")
        return answer

    return cg.cached(name, compute, lambda v: isinstance(v, dict) and check(v))


def _drop_answers(key: str, keep: str) -> None:
    """Remove the answers kept under ``key`` whose names do not start with ``keep`` (other days')."""
    import contextlib

    from ..loading.cache import EXTRA_SUFFIX, cache_dir

    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{key}.answer_*{EXTRA_SUFFIX}"):
            if not path.name.startswith(f"{key}.{keep}"):
                path.unlink()


# What add_commands adds: cli.build_parser builds only the group of the command run.
COMMANDS = ("route", "eligible", "options")


def add_commands(sub) -> None:
    """The parsers of this group's commands."""
    p = sub.add_parser("route", help="plan the best routes to a target")
    p.add_argument("--to", required=True, metavar="NAME", help="the target: a role, certification or program")
    profile_options(p)
    p.add_argument(
        "--by", choices=("steps", "months", "cost"), default="months", help="what to minimise (default months)"
    )
    p.add_argument("--alternatives", type=positive_int, default=1, metavar="K", help="how many routes (default 1)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_route)

    p = sub.add_parser("eligible", help="which certifications you can sit for now")
    profile_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_eligible)

    p = sub.add_parser("options", help="every role and certification you can reach, with time, cost and wages")
    profile_options(p)
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
