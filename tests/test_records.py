"""``record`` (``graph/records.py``) makes classes that behave as ``dataclass`` makes them: the
same ``repr``, equality, hash (so sets of records iterate in the same order), frozen errors and
fields, with fewer methods compiled at import; and every command-line group's commands are
what ``cli.GROUPS`` says, so a command imports its own group alone."""

from __future__ import annotations

import dataclasses
import importlib
import os
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from careerpath.graph.cli import GROUPS
from careerpath.graph.records import record
from tests.conftest import ROOT


def _twins(frozen: bool, hot: bool = False):
    """The same class body made by ``dataclass`` and by ``record``."""

    def body(name: str):
        def __post_init__(self) -> None:
            if self.tags is None:
                object.__setattr__(self, "tags", ())

        return type(
            name,
            (),
            {
                "__annotations__": {"a": "int", "b": "str", "hidden": "float", "loose": "object", "tags": "object"},
                "b": "x",
                "hidden": field(default=1.5, repr=False),
                "loose": field(default=None, compare=False),
                "tags": None,
                "__post_init__": __post_init__,
                "__doc__": "A test class.",
            },
        )

    return dataclass(frozen=frozen)(body("Twin")), record(frozen=frozen, hot=hot)(body("Twin"))


@pytest.mark.parametrize("hot", [False, True])
@pytest.mark.parametrize("frozen", [True, False])
def test_a_record_behaves_as_its_dataclass(frozen, hot):
    made, recorded = _twins(frozen, hot)
    values = [(1,), (1, "y"), (2, "x", 3.0), (1, "x", 1.5, [1]), (1, "x", 1.5, None, ("t",))]
    for args in values:
        d, r = made(*args), recorded(*args)
        assert repr(d) == repr(r)
        assert dataclasses.astuple(d) == dataclasses.astuple(r)
        for other in values:
            assert (d == made(*other)) == (r == recorded(*other))
            assert (d != made(*other)) == (r != recorded(*other))
        assert (r == d) is False and r.__eq__(d) is NotImplemented
        if frozen:
            assert hash(d) == hash(r), "sets of records must iterate as sets of dataclasses did"
            for action in (lambda o: setattr(o, "a", 9), lambda o: delattr(o, "b"), lambda o: setattr(o, "new", 1)):
                with pytest.raises(dataclasses.FrozenInstanceError) as want:
                    action(d)
                with pytest.raises(dataclasses.FrozenInstanceError) as got:
                    action(r)
                assert str(want.value) == str(got.value)
        else:
            with pytest.raises(TypeError):
                hash(r)
        assert vars(d) == vars(r) and list(vars(d)) == list(vars(r)), "the same fields, set in the same order"
    assert [f.name for f in dataclasses.fields(recorded)] == [f.name for f in dataclasses.fields(made)]
    assert dataclasses.replace(recorded(1), b="z") == recorded(1, "z")
    assert recorded(b="q", a=4) == recorded(4, "q") and recorded(1).tags == ()


@pytest.mark.parametrize(
    "args, kwargs",
    [((), {}), ((1, "x", 1.5, None, (), 9), {}), ((1,), {"a": 2}), ((1,), {"zz": 2}), ((), {"b": "y"})],
)
def test_a_records_init_refuses_what_dataclasses_refuses_in_the_same_words(args, kwargs):
    made, recorded = _twins(True)
    with pytest.raises(TypeError) as want:
        made(*args, **kwargs)
    with pytest.raises(TypeError) as got:
        recorded(*args, **kwargs)
    assert str(got.value) == str(want.value)


def test_a_record_fills_factories_and_fields_not_given_to_init():
    def make(decorate):
        @decorate
        class Bag:
            a: int
            b: int
            items: list = field(default_factory=list)
            seen: dict = field(default_factory=dict, init=False)
            mark: str = field(default="m", init=False)

        return Bag

    made, recorded = make(dataclass(frozen=True)), make(record)
    assert vars(made(1, 2)) == vars(recorded(1, 2)) and recorded(1, 2).items is not recorded(1, 2).items
    with pytest.raises(TypeError) as want:
        made()
    with pytest.raises(TypeError) as got:
        recorded()
    assert str(got.value) == str(want.value)  # "missing 2 required positional arguments: 'a' and 'b'"
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 0}))


def test_a_record_keeps_methods_of_its_own():
    @record
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

        def __hash__(self) -> int:
            return 7

    assert repr(Named("n")) == "<n>" and hash(Named("n")) == 7 and Named("n") == Named("n")


def test_a_record_of_one_field_and_of_none_hash_as_dataclasses_do():
    for fields in ({"a": "int"}, {}):
        made = dataclass(frozen=True)(type("One", (), {"__annotations__": fields}))
        recorded = record(type("One", (), {"__annotations__": fields}))
        args = (5,) * len(fields)
        assert hash(made(*args)) == hash(recorded(*args)) and repr(made(*args)) == repr(recorded(*args))


def test_careerpaths_classes_are_records():
    """Every dataclass of careerpath.graph is made by record (none compiles its six methods)."""
    from careerpath.graph.planning.options import Option
    from careerpath.graph.planning.routes import Route
    from careerpath.graph.presenting.route_view import RouteView

    for kind in (Option, Route, RouteView):
        assert dataclasses.is_dataclass(kind) and kind.__repr__.__module__ == "careerpath.graph.records"
        assert kind.__setattr__ is not object.__setattr__, "frozen"


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_each_command_group_adds_the_commands_cli_lists(group):
    assert importlib.import_module(f"careerpath.graph.cli.{group}").COMMANDS == GROUPS[group]


def test_a_command_imports_its_own_group_alone():
    probe = (
        "import sys; from careerpath.graph.cli import build_parser; build_parser('route').parse_args(['route', '--to', 'x']);"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('careerpath.graph.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['common',", "'plans']"]
