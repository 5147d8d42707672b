"""Commands that plan: ``route``, ``eligible`` and ``options``. Each parses its arguments, asks
planning for the answer, builds its view (``presenting``) and prints it; nothing more."""

from __future__ import annotations

from .common import EXIT_OK, load, positive_int, print_json, profile_of, profile_options

MILESTONE = "https://w3id.org/careerpath/ontology#Milestone"


def cmd_route(args) -> int:
    from ..core import MILESTONE_WORDS
    from ..errors import NoRouteError
    from ..presenting.route_json import route_json
    from ..presenting.route_view import route_answer
    from ..presenting.text import route_text

    cg = load()
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
    if args.json:
        print_json(route_json(answer))
    else:
        print(route_text(answer))
    return EXIT_OK


def related_targets(cg, target: str, n: int = 5) -> list[tuple[str, str]]:
    """Targets named like ``target`` that some step in the data leads to: what a person asking
    for a role careerpath cannot plan yet (a dentist) may plan instead (a dental assistant)."""
    reached = {step.achieves for step in cg.projection.steps.values()}
    named = cg.names.suggest(cg.label(target), n=50, kinds=(MILESTONE,))
    return [(iri, label) for iri, label in named if iri != target and iri in reached][:n]


def cmd_eligible(args) -> int:
    from ..presenting.route_json import eligible_json
    from ..presenting.text import eligible_text

    cg = load()
    result = cg.eligible(profile_of(cg, args))
    if args.json:
        print_json(eligible_json(result))
    else:
        print(eligible_text(result))
    return EXIT_OK


def cmd_options(args) -> int:
    from ..planning.options import options, sort_options
    from ..presenting.options_view import options_json, options_text
    from ..presenting.route_json import state_json
    from ..presenting.route_view import state_view

    cg = load()
    profile = profile_of(cg, args)
    result = options(cg, profile, by=args.by)
    if args.sort and args.sort != args.by:
        result = type(result)(**{**result.__dict__, "options": tuple(sort_options(result.options, args.sort))})
    state = state_view(cg, profile)
    if args.json:
        payload = options_json(cg, result, profile)
        if state is not None:
            payload["state"] = state_json(state)
        print_json(payload)
        return EXIT_OK
    if state is not None and state.note:
        print(f"Note: {state.note}.")
    print(options_text(result, args.by, args.sort))
    return EXIT_OK


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
