"""Commands that look things up: ``validate``, ``show``, ``sources`` and ``export``."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

from ..errors import DataSyntaxError
from .common import EXIT_DATA, EXIT_OK, UsageError, load, parse_date

KINDS = ("primary", "secondary", "weak")  # evidence levels, strongest first (as presenting.provenance.KINDS)


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
    print(f"({len(files)} data file(s), {cg.triple_count()} triples)")
    return EXIT_OK if report.conforms else EXIT_DATA


def _shown_table(cg):
    from ..presenting.describe import shown_table

    return shown_table(cg)


def _is_shown(row: object) -> bool:
    return isinstance(row, dict) and isinstance(row.get("description"), dict) and "disagreements" in row


def cmd_show(args) -> int:
    cg = load()
    iri = cg.resolve(args.name)
    # With nothing to keep the table in (the cache off, a store), describe only this entity: the
    # table describes every entity (seconds), and its rows are what ``describe`` gives one by one.
    shown = cg.cached_row("show", iri, _shown_table, check=_is_shown) if cg.key is not None else None
    if shown is None:  # not kept, or named but not one of the entities the table holds: describe it now
        from ..presenting.describe import describe

        shown = {"description": describe(cg.rdf, iri).to_json(), "disagreements": cg.disagreements(iri)}
    description = shown["description"]
    market = cg.market_of(description["id"])
    state = (args.state or "").strip().upper() or None
    areas = ["US"] + ([state] if state else [])
    if args.json:
        import dataclasses  # here: `sources` and `query` need no dataclass

        out = dict(description)
        if market is not None and market.areas:
            out["wages"] = {
                area: (dataclasses.asdict(market.areas[area]) if area in market.areas else None) for area in areas
            }
            out["wages_of"] = None if market.exact else {"id": market.of, "label": market.of_label}
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{description['label']}  <{description['id']}>")
    print(f"types: {', '.join(description['types'])}")
    if description["estimate"]:
        print("note: careerpath's estimate, not a sourced figure (see 'estimate rationale')")
    print("facts:")
    for fact in description["facts"]:
        print(f"  {fact['property']}: {fact['value']}")
    if description["linked_from"]:
        print("linked from:")
        for fact in description["linked_from"]:
            print(f"  {fact['property']}: {fact['value']}")
    if shown["disagreements"]:
        print("where sources disagree:")
        for d in shown["disagreements"]:
            print(f"  {d['label']}")
            for c in d["claims"]:
                mark = "current" if c["current"] else "not used"
                print(f"    - {c['says']} ({mark})")
            if d["resolution"]:
                print(f"    careerpath: {d['resolution']}")
    if market is not None and market.areas:
        from ..presenting.formats import area_wage_text

        group = "" if market.exact else f" (of {market.of_label}, a broader group)"
        print(f"wages, BLS OEWS May 2025{group}:")
        for area in areas:
            print("  " + area_wage_text("United States" if area == "US" else area, market.areas.get(area)))
    if description["weight"] is not None:
        print(f"weight: {description['weight']['note']}")
    for figure, weight in description["figure_weights"].items():
        print(f"weight of its {figure}: {weight['note']}")
    print("sources:")
    rank = {kind: n for n, kind in enumerate(KINDS)}
    for s in sorted(description["sources"], key=lambda s: (rank.get(s["evidence"], 9), s["label"])):
        extra = ", ".join(x for x in (s["publisher"], s["date"] or "undated") if x)
        print(
            f"  - [{s['evidence'] or 'no evidence level'}] {s['label']} ({extra})"
            + (f" {s['url']}" if s["url"] else "")
        )
        if s["read_at"]:
            print(f"      read at a copy: {s['read_at']}")
    return EXIT_OK


def _fact_line(fact: dict) -> str:
    kinds = ", ".join(
        f"{s['label']} ({s['kind'] or 'no evidence level'}, {s['date'] or 'undated'})" for s in fact["sources"]
    )
    types = f" [{', '.join(fact['types'])}]" if fact["types"] else ""
    return f"  - {fact['label']}{types} <{fact['id']}>\n      {kinds}"


def _provenance_tables(cg):
    from ..loading.rdf import GraphIndex
    from ..presenting.provenance import tables

    return tables(GraphIndex(cg.rdf))


def _provenance_row(cg, row: str) -> list[dict]:
    """One of ``sources``' tables (``"sources"`` or ``"facts"``), read alone from the cache: text
    prints one of them, so the other is neither read nor checked."""
    from ..presenting.provenance import is_tables

    def check(value: object) -> bool:
        return is_tables({"sources": [], "facts": [], row: value})

    found = cg.cached_row("provenance", row, _provenance_tables, check=check)
    if found is None:  # an entry without the row: read whole, it fails its row count and is rebuilt
        found = cg.cached("provenance", _provenance_tables, is_tables)[row]
    return found


def _weak_text(facts: list[dict]) -> str:
    """What ``sources --weak`` prints: the weak facts and figures counted per area, then listed."""
    from ..presenting.provenance import weak_by_area_of, weak_figures_of

    rows = weak_by_area_of(facts)
    out = [
        "Facts resting only on weak sources, by area (the data file that defines them):",
        f"{'area':<40} {'facts':>6} {'weak':>5} {'share':>6} {'weak figures':>13}",
    ]
    for row in rows:
        out.append(
            f"{row['area']:<40} {row['facts']:>6} {row['weak_facts']:>5} {row['weak_share']:>6.0%} "
            f"{row['weak_figures']:>13}"
        )
    weak = [f for f in facts if f["kind"] == "weak"]
    out += ["", f"{len(weak)} fact(s) rest only on weak sources:"]
    for row in rows:
        if row["weak_facts"]:
            out.append(f"  {row['area']}:")
        out += [_fact_line(fact) for fact in weak if fact["area"] == row["area"]]
    # figures of facts listed above are weak with them; these are weak under a stronger fact
    figures = weak_figures_of(facts, under_stronger=True)
    out.append(f"{len(figures)} more figure(s) rest only on weak sources, though their fact has a stronger source:")
    out += [
        f"  - the {figure} of {fact['label']} <{fact['id']}> (the fact itself {fact['note']})"
        for fact, figure in figures
    ]
    return "\n".join(out)


def _sources_text(cg) -> dict:
    """What the text of ``sources --weak`` and ``--older-than`` prints, worked out from the facts
    table once per cache key: ``"weak"`` the weak section whole; ``"older"`` each dated fact's
    line with the last day its newest source can mean (ISO), and how many facts are undated.
    Printing them then decodes a few hundred kilobytes of text, not 2 MB of facts."""
    from ..presenting.provenance import source_period_end

    facts = _provenance_row(cg, "facts")
    ends = [(source_period_end(fact["newest"]), fact) for fact in facts]
    dated = [[end.isoformat(), _fact_line(fact)] for end, fact in ends if end is not None]
    return {"weak": _weak_text(facts), "older": {"dated": dated, "undated": sum(f["newest"] is None for f in facts)}}


def _is_older(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("undated"), int):
        return False
    dated = value.get("dated")
    return isinstance(dated, list) and all(
        isinstance(d, list) and len(d) == 2 and all(isinstance(x, str) for x in d) for d in dated
    )


def _text_row(cg, row: str):
    """A row of ``_sources_text``: ``"weak"`` (text) or ``"older"``, read alone from the cache."""
    check = _is_older if row == "older" else lambda value: isinstance(value, str)
    found = cg.cached_row("sources_text", row, _sources_text, check=check)
    if found is None:  # an entry without the row: read whole, it fails its row count and is rebuilt
        found = cg.cached("sources_text", _sources_text, lambda v: isinstance(v, dict) and check(v.get(row)))[row]
    return found


def cmd_sources(args) -> int:
    from ..presenting.provenance import cutoff_date, is_tables, summary_from_tables

    as_of = parse_date(args.as_of) if args.as_of else datetime.date.today()
    years = None
    if args.older_than is not None:
        try:
            years = float(args.older_than)
        except ValueError:
            raise UsageError(f"--older-than takes a number of years, not {args.older_than!r}") from None
        if years != years or years in (float("inf"), float("-inf")) or years < 0:
            raise UsageError(f"--older-than takes zero or more years, not {args.older_than!r}")
    cg = load()
    if args.json:
        data = cg.cached("provenance", _provenance_tables, is_tables)
        summary = summary_from_tables(data, weak=args.weak, older_than=years, as_of=as_of)
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not args.weak and years is None:
        sources = _provenance_row(cg, "sources")
        counts = {k: sum(1 for s in sources if s["kind"] == k) for k in KINDS}
        print(f"{len(sources)} sources: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        print(f"{'kind':<10} {'date':<11} {'facts':>5}  source")
        for s in sources:
            who = f" ({s['publisher']})" if s["publisher"] else ""
            print(f"{s['kind'] or '?':<10} {s['date'] or 'undated':<11} {s['facts']:>5}  {s['label']}{who}")
            if s["url"]:
                print(f"{'':<30}{s['url']}")
            if s["read_at"]:
                print(f"{'':<30}read at a copy: {s['read_at']}")
        return EXIT_OK
    made = _sources_text(cg) if cg.key is None else None  # the cache off: worked out once, not per row
    if args.weak:
        print(made["weak"] if made else _text_row(cg, "weak"))
    if years is not None:
        if args.weak:
            print()
        cutoff = cutoff_date(years, as_of)
        older = made["older"] if made else _text_row(cg, "older")
        day = cutoff.isoformat()  # ISO dates compare as the dates do
        lines = [line for end, line in older["dated"] if end < day]
        print(f"{len(lines)} fact(s) whose newest source is older than {years:g} year(s) (before {cutoff}):")
        for line in lines:
            print(line)
        print(
            f"{older['undated']} more fact(s) rest only on undated sources: their age is unknown (--json lists them)."
        )
    return EXIT_OK


_CP = "https://w3id.org/careerpath/ontology#"
# What `list --kind` lists: a kind, the class it lists and the classes it leaves to another kind.
LIST_KINDS = {
    "role": ("Roles", _CP + "Role", ()),
    "certification": ("Certifications", _CP + "Certification", ()),
    "program": ("Programs", _CP + "EducationProgram", ()),
    "credential": (
        "Other credentials (licences, diplomas, state credentials)",
        _CP + "Credential",
        (_CP + "Certification",),
    ),
}


def cmd_list(args) -> int:
    """Every role, certification, program or credential (those of one kind with ``--kind``),
    by label, with the short name that names each exactly; ``WORDS`` keeps those named like them."""
    names = load().names
    words = " ".join(args.words).strip()
    kinds = [args.kind] if args.kind else list(LIST_KINDS)
    out = []
    for kind in kinds:
        heading, wanted, others = LIST_KINDS[kind]
        members = [
            iri
            for iri, classes in names.types.items()
            if wanted in classes and not classes & set(others) and iri in names.labels
        ]
        if words:
            order = {iri: n for n, (iri, _) in enumerate(names.suggest(words, n=len(names.labels), kinds=[wanted]))}
            shared = {iri for iri, rank in names.ranked(words, [wanted]) if rank.words > 0}
            members = sorted((i for i in members if i in shared), key=order.__getitem__)
        else:
            members.sort(key=lambda iri: (names.labels[iri].casefold(), iri))
        out.append((kind, heading, members))
    if args.json:
        from ..loading.rdf import prefixed

        rows = [
            {"id": iri, "label": names.labels[iri], "short": prefixed(iri), "kind": kind}
            for kind, _, members in out
            for iri in members
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    from ..loading.rdf import prefixed

    for n, (_, heading, members) in enumerate(out):
        if n:
            print()
        print(f"{heading} ({len(members)}{' named like ' + repr(words) if words else ''}):")
        width = max((len(names.labels[iri]) for iri in members), default=0)
        for iri in members:
            print(f"  {names.labels[iri]:<{width}}  {prefixed(iri)}")
    return EXIT_OK


def cmd_export(args) -> int:
    from ..presenting.export import export

    out = Path(args.output).resolve() if args.output else None
    if out is not None:  # refused before seconds of loading and serialising, not after
        from careerpath import ontology

        data_dir = ontology.HERE
        if data_dir in out.parents or out == data_dir:
            raise UsageError("refusing to write into the ontology folder: careerpath never modifies its data files")
    cg = load()
    text = export(cg.rdf, args.format)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({len(text):,} characters)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


# What add_commands adds: cli.build_parser builds only the group of the command run.
COMMANDS = ("validate", "show", "list", "sources", "export")


def add_commands(sub) -> None:
    """The parsers of this group's commands."""
    p = sub.add_parser("validate", help="check the data against the SHACL shapes")
    p.add_argument("files", nargs="*", metavar="FILE", help="extra Turtle files to validate with the shipped data")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("show", help="show one entity: facts with units, links, sources")
    p.add_argument("name", help="a label, abbreviation, prefixed name (org:nha) or IRI")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--state", metavar="XX", help="a US state's code: its wages beside the nation's")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("list", help="list the roles, certifications, programs and credentials careerpath knows")
    p.add_argument("words", nargs="*", metavar="WORDS", help="only those named like these words (e.g. dental)")
    p.add_argument("--kind", choices=tuple(LIST_KINDS), help="only this kind (default: all four)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("sources", help="list sources with their kind, date and how many facts rest on each")
    p.add_argument(
        "--weak", action="store_true", help="list the facts resting only on weak sources, counted per area (data file)"
    )
    p.add_argument("--older-than", metavar="YEARS", help="list the facts whose newest source is older than YEARS years")
    p.add_argument("--as-of", metavar="DATE", help="count --older-than back from this date (default today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("export", help="export the graph")
    p.add_argument("--format", choices=("turtle", "json-ld", "graphml"), default="turtle")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_export)
