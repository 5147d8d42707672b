"""The compiled cache: used when the data is unchanged, rebuilt when anything it depends on
changes or when it is corrupt, never written next to the data, and giving the same answers."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerpath.graph.core import CareerGraph
from careerpath.graph.loading import cache
from careerpath.graph.loading.rdf import default_data_files
from tests.conftest import ROOT, data_fingerprint, warm_cache_copy


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{cache.SUFFIX}")) if folder.exists() else []


def test_second_load_reads_the_cache_and_plans_the_same(folder, shared_parse):
    first = CareerGraph.load()
    assert first._rdf is not None and len(entries(folder)) == 1
    second = CareerGraph.load()
    assert second._rdf is None, "an unchanged graph must not be parsed again"
    profile_a = first.profile(have=["high school diploma"])
    profile_b = second.profile(have=["high school diploma"])
    for target in ("CMA", "RMA", "NCMA", "CCMA", "CMAA"):
        a = [(r.steps, r.months, r.cost) for r in first.plan(profile_a, target, k=3)]
        b = [(r.steps, r.months, r.cost) for r in second.plan(profile_b, target, k=3)]
        assert a == b
    assert second.eligible(profile_b) == first.eligible(profile_a)
    step = first.plan(profile_a, "CMA")[0].steps[-1]
    assert second.source_refs(step.sources) == first.source_refs(step.sources)
    assert len(second.rdf) == len(first.rdf)  # and the RDF is still there when asked for


@pytest.mark.slow
def test_a_changed_data_file_is_a_new_key(tmp_path, monkeypatch):
    # the shipped data's entry, read back at the end: a key of its own, untouched
    monkeypatch.setenv(cache.CACHE_ENV, str(warm_cache_copy(tmp_path / "cache")))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "domain.ttl").write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix cp: <https://w3id.org/careerpath/ontology#> .\n"
        '<https://w3id.org/careerpath/data/role/test-role> a cp:Role ; rdfs:label "Zebra keeper"@en .\n'
    )
    monkeypatch.setenv("CAREERPATH_DATA", str(extra))
    assert CareerGraph.load().resolve("Zebra keeper").endswith("test-role")
    (extra / "domain.ttl").write_text((extra / "domain.ttl").read_text().replace("Zebra keeper", "Lion tamer"))
    changed = CareerGraph.load()
    assert changed._rdf is not None, "a changed file must be parsed, not read from the cache"
    assert changed.resolve("Lion tamer").endswith("test-role")
    assert os.listdir(extra) == ["domain.ttl"], "nothing is written next to the data"
    monkeypatch.delenv("CAREERPATH_DATA")
    shipped = CareerGraph.load()
    assert shipped._rdf is None, "the shipped data's own entry is read"
    assert shipped.names.labels.get("https://w3id.org/careerpath/data/role/test-role") is None


@pytest.mark.slow
def test_a_corrupt_cache_is_rebuilt_not_trusted(folder, shared_parse):
    CareerGraph.load()
    (path,) = entries(folder)
    blob = path.read_bytes()
    path.write_bytes(blob[: len(blob) // 2])  # truncated
    reloaded = CareerGraph.load()
    assert reloaded._rdf is not None
    assert reloaded.resolve("CMA").endswith("cert/cma")
    (path,) = entries(folder)
    assert cache.read(path.stem, folder) is not None  # rewritten whole
    body = bytearray(path.read_bytes())
    body[-10] ^= 0xFF  # one flipped byte: the checksum catches it
    path.write_bytes(bytes(body))
    assert cache.read(path.stem, folder) is None


def test_cache_off_writes_nothing(tmp_path, monkeypatch, shared_parse):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cg = CareerGraph.load()
    assert cg.resolve("RMA").endswith("cert/rma")
    assert list(tmp_path.iterdir()) == []


def test_the_key_covers_every_data_file():
    files = default_data_files()
    assert len(files) > 3
    assert cache.cache_key(files) != cache.cache_key(files[:-1])


def test_the_key_follows_a_files_content_through_its_stamp(tmp_path, monkeypatch):
    """The key reads a file's hash from stamps while its stat is unchanged; an edit that
    keeps its size and puts its modification time back (``touch -r``) still changes the key
    (the change time moved), and a stamps file that is garbage is ignored."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir(mode=0o700)
    data = tmp_path / "extra.ttl"
    data.write_text("# one\n")
    first = cache.cache_key([data])
    assert str(data.resolve()) not in json.loads((tmp_path / "cache" / "stamps").read_text())  # just written
    monkeypatch.setattr(cache._Stamps, "SETTLED_NS", 0)  # as if two seconds had passed
    assert cache.cache_key([data]) == first
    stamps = json.loads((tmp_path / "cache" / "stamps").read_text())
    assert stamps[str(data.resolve())][-1] == hashlib.sha256(b"# one\n").hexdigest()
    assert cache.cache_key([data]) == first
    before = data.stat()
    data.write_text("# two\n")  # same size
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert data.stat().st_size == before.st_size and data.stat().st_mtime_ns == before.st_mtime_ns
    assert cache.cache_key([data]) != first
    (tmp_path / "cache" / "stamps").write_text('{"x": 1, "' + str(data.resolve()) + '": [1, 2, "zz"]}')
    data.write_text("# one\n")
    assert cache.cache_key([data]) == first


def test_whole_process_answers_are_the_same_cold_warm_and_off(tmp_path):
    def route(setting: str) -> dict:
        env = {**os.environ, cache.CACHE_ENV: setting}
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "careerpath.graph.cli",
                "route",
                "--to",
                "RMA",
                "--have",
                "high school diploma",
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    before = data_fingerprint()
    where = str(tmp_path / "c")
    cold, warm, off = route(where), route(where), route("off")
    assert cold == warm == off
    assert data_fingerprint() == before


@pytest.mark.parametrize(
    "args",
    [
        ["route", "--to", "CMA", "--json"],
        ["route", "--to", "RMA", "--have", "high school diploma", "--alternatives", "3", "--state", "WA"],
        ["eligible", "--have", "high school diploma"],
        ["options", "--have", "high school diploma", "--json"],
    ],
    ids=["route-json", "route-text-state", "eligible", "options"],
)
def test_a_warm_cache_plans_without_rdflib_or_networkx(args):
    """Start-up is mostly imports: with the compiled cache warm, planning must not load the
    RDF stack or NetworkX (issue 12 item 4). Judged by what is imported, not by a clock. The
    cache is the worker's own folder (``conftest.py``): the first run builds what is missing."""
    env = dict(os.environ)
    probe = (
        "import sys, io, contextlib\n"
        "from careerpath.graph import cli\n"
        f"sys.argv = ['careerpath', *{args!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        cli.main()\n"
        "    except SystemExit as e:\n"
        "        assert not e.code, e.code\n"
        "print(sorted(m for m in ('rdflib', 'networkx', 'pyoxigraph') if m in sys.modules))\n"
    )
    for _run in ("cold", "warm"):
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
        )
        assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"imported on a warm cache: {out.stdout.strip()}"


def test_a_rows_plain_json_texts_are_kept_apart_and_read_back(tmp_path):
    """A row's plain dicts and lists are on its line as JSON, after tabs, not escaped inside a
    JSON string (which the decoder would scan twice), and read back as they were; a text
    number that is not there is refused."""
    plain = {"a": [1, "x\ty"], "b": {"c": None}}
    value = {"row": (plain, {"k": frozenset({"m"})}, [plain["a"]]), "flat": {"only": "plain"}}
    assert cache.write("k", value, tmp_path)
    blob = (tmp_path / f"k{cache.SUFFIX}").read_bytes()
    line = next(x for x in blob.split(b"\n") if x.startswith(b'"row"\t'))
    assert b'\t{"a":[1,"x\\ty"],"b":{"c":null}}' in line and b'\\"a\\"' not in line
    assert cache.read("k", tmp_path, check=lambda v: True) == value
    classes = json.loads(blob.split(b"\n")[1].partition(b"\t")[2])
    with pytest.raises(cache.CacheShapeError):
        cache.decode(classes, b'{"J":1}\t[1]')
