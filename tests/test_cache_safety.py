"""Issue 21 item 6: the compiled cache cannot run code, a well-formed entry with the wrong
content is rebuilt, the encoding follows the dataclasses' fields as they are now, and a symlink
loop in CAREERPATH_DATA is a one-line error."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import subprocess
import sys

import pytest

from careerpath import ontology
from careerpath.graph.core import CareerGraph
from careerpath.graph.loading import cache
from careerpath.graph.loading.rdf import default_data_files
from tests.conftest import ROOT, warm_cache_copy


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerpath.graph.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


class _Payload:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _entry(body: bytes, fmt: bytes = cache.FORMAT) -> bytes:
    return fmt + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


@pytest.mark.slow
@pytest.mark.parametrize("fmt, suffix", [(b"careerpath-cache 1\n", ".pickle"), (cache.FORMAT, cache.SUFFIX)])
def test_a_pickle_in_the_cache_never_runs(tmp_path, fmt, suffix):
    """The issue's reproduction: a file in the cache's own format, a valid checksum, and a
    pickle whose __reduce__ calls os.system. The next route must not run it."""
    folder = warm_cache_copy(tmp_path / "cache")
    env = {**os.environ, cache.CACHE_ENV: str(folder)}
    assert run(["route", "--to", "CMA", "--json"], env).returncode == 0
    (entry,) = folder.glob(f"*{cache.SUFFIX}")
    marker = tmp_path / "ran"
    (folder / f"{entry.stem}{suffix}").write_bytes(_entry(pickle.dumps(_Payload(str(marker))), fmt))
    done = run(["route", "--to", "CMA", "--json"], env)
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), "the cache ran code"


def test_a_well_formed_entry_with_wrong_content_is_rebuilt(tmp_path):
    folder = warm_cache_copy(tmp_path / "cache")
    env = {**os.environ, cache.CACHE_ENV: str(folder)}
    assert run(["route", "--to", "CMA", "--json"], env).returncode == 0
    (entry,) = folder.glob(f"*{cache.SUFFIX}")
    assert cache.write(entry.stem, {"x": 1}, folder)
    for _ in range(2):  # rebuilt by the first run, read by the second
        done = run(["route", "--to", "CMA", "--json"], env)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert cache.read(entry.stem, folder) is not None


def test_the_encoding_follows_the_dataclass_fields_as_they_are_now(tmp_path, shared_parse):
    """Round trip of whatever the projection holds today, compared field by field (read with
    dataclasses.fields, so fields added later are covered without changing this test)."""
    cg = CareerGraph.load()
    compiled = cg.compiled()
    assert cache.write("k", compiled, tmp_path)
    back = cache.read("k", tmp_path)
    assert back is not None

    def same(a, b, where: str) -> None:
        assert type(a) is type(b), where
        if isinstance(a, cache.LiteDiGraph):
            assert (a._node_data, a._succ_data, a._pred_data) == (b._node_data, b._succ_data, b._pred_data), where
        elif dataclasses.is_dataclass(a):
            for f in dataclasses.fields(a):
                same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
        elif isinstance(a, dict):
            assert a.keys() == b.keys(), where
            for k in a:
                same(a[k], b[k], f"{where}[{k!r}]")
        else:
            assert a == b, where

    same(compiled, back, "compiled")


def test_a_class_with_other_fields_is_rebuilt_not_misread(tmp_path, shared_parse):
    classes, body = cache.encode(CareerGraph.load().compiled())
    number, (module, name, fields) = next((n, e) for n, e in classes.items() if e[1] == "StepInfo")
    classes[number] = [module, name, fields + ["a_field_from_another_version"]]
    import json

    with pytest.raises(cache.CacheShapeError):
        cache.decode(classes, json.dumps(body))
    with pytest.raises(cache.CacheShapeError):
        cache.decode({"0": ["os", "system", []]}, "1")


def test_a_folder_others_may_write_to_is_not_used(tmp_path, shared_parse):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    key = cache.cache_key([ontology.ONTOLOGY_FILE, *default_data_files()])
    assert cache.write(key, CareerGraph.load().compiled(), folder) is False
    assert list(folder.iterdir()) == []


def test_a_symlink_loop_in_careerpath_data_is_one_line(tmp_path):
    (tmp_path / "a.ttl").symlink_to(tmp_path / "b.ttl")
    (tmp_path / "b.ttl").symlink_to(tmp_path / "a.ttl")
    for named in (tmp_path, tmp_path / "a.ttl"):
        done = run(["route", "--to", "CMA"], {**os.environ, "CAREERPATH_DATA": str(named)})
        assert done.returncode != 0
        assert done.stderr.strip().splitlines() == [
            f"error: {tmp_path / 'a.ttl'}: a symlink loop (named by CAREERPATH_DATA)"
        ]
