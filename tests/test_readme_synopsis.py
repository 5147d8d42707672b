"""Every subcommand's synopsis in README matches the parser (issue 18 item 3): each command the
parser has is in README, and each option a synopsis names is the parser's, and the other way."""

from __future__ import annotations

import re
from pathlib import Path

from careerpath.graph.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def _synopses() -> dict[str, set[str]]:
    """Options per command, from the synopsis lines (``careerpath CMD ...`` in code blocks, with
    their indented continuation lines)."""
    out: dict[str, set[str]] = {}
    command = None
    in_code = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code, command = not in_code, None
            continue
        if not in_code:
            continue
        match = re.match(r"careerpath (\w+)(.*)", line)
        if match and ("&&" in line or "$" in line):  # an example, not a synopsis
            command = None
            continue
        if match:
            command = match.group(1)
            rest = match.group(2)
        elif command and line.startswith(" " * 8):
            rest = line
        else:
            command = None if not line.startswith(" ") else command
            continue
        out.setdefault(command, set()).update(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b", rest.split("#")[0]))
    return out


def _parser_options() -> dict[str, list[set[str]]]:
    """Per command, each option's spellings (``{"-o", "--output"}``)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return {
        name: [set(a.option_strings) for a in p._actions if a.option_strings and "--help" not in a.option_strings]
        for name, p in sub.choices.items()
    }


def test_every_command_is_in_the_readme():
    documented = _synopses()
    missing = sorted(set(_parser_options()) - set(documented))
    assert not missing, f"commands with no synopsis in README: {missing}"


def test_every_synopsis_matches_the_parser():
    documented, parser = _synopses(), _parser_options()
    problems = []
    for command, options in parser.items():
        named = documented.get(command, set())
        lacking = [sorted(spellings)[-1] for spellings in options if not spellings & named]
        if lacking:
            problems.append(f"{command}: README lacks {lacking}")
        unknown = named - set().union(*options) if options else named
        if unknown:
            problems.append(f"{command}: README names {sorted(unknown)}, which the parser does not have")
    assert not problems, "\n".join(problems)


def test_the_parser_built_for_one_command_parses_it_as_the_whole_one_does():
    """``main`` builds only the group of the command it runs (start-up): each group's
    ``COMMANDS`` names what it adds, and its commands' options are the whole parser's."""
    from careerpath.graph.cli import GROUPS

    whole = _parser_options()
    assert sorted(whole) == sorted(c for commands in GROUPS.values() for c in commands)
    for commands in GROUPS.values():
        for command in commands:
            sub = next(a for a in build_parser(command)._actions if a.__class__.__name__ == "_SubParsersAction")
            assert sorted(sub.choices) == sorted(commands)
            mine = [set(a.option_strings) for a in sub.choices[command]._actions if a.option_strings]
            assert [s for s in mine if "--help" not in s] == whole[command]
